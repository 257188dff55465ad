"""Someone with no job to start from: what they like, and the jobs that fit it (``knowledge.interests``)."""
from __future__ import annotations

from bot.replies.pieces import BUTTON_TITLE_LIMIT, Message, button, fit, msg, source_line
from knowledge.formatting import money
from knowledge.interests import AREAS

ANY = "any"  # the interests slot when they would rather see the jobs that hire the most
ZONE_WORDS = {2: "some preparation", 3: "medium preparation (training or an associate's degree)",
              4: "considerable preparation (usually a bachelor's degree)", 5: "extensive preparation"}


def ask_interests() -> list[Message]:
    """No job to start from and nothing said about what they like: ask, the way O*NET's Interest Profiler sorts it."""
    buttons = [button(words[0].upper() + words[1:], "explore", interests=letter)
               for letter, (_, _, words) in AREAS.items()]
    buttons.append(button("Just the jobs that hire the most", "explore", interests=ANY))
    return [msg("To suggest jobs I need somewhere to start: a job you've had (even part-time, summer or volunteer "
                "work counts), or what you enjoy. Which of these do you like most? Tap one, or say it in your own "
                "words (\"helping people and science\").", buttons)]


def suggestions(data: dict) -> list[Message]:
    """Jobs that fit what they like, reachable with the preparation they have, each with why and its pay."""
    liked = "; ".join(data["areas"])
    where = f"pay in {data['area']}" if data.get("state") else "U.S.-wide pay"
    zone = ZONE_WORDS.get(data["max_zone"], f"job zone {data['max_zone']}")
    lines = [f"Jobs that fit what you like ({liked}), with {where}. These need at most {zone}, and each still hires "
             "at least a few thousand people a year:"]
    for i, j in enumerate(data["jobs"], 1):
        line = (f"{i}. {j['title']}: O*NET rates it {j['fit']:g} of 7 for those interests; about "
                f"{j['annual_openings']:,} openings a year in the U.S.")
        if j.get("median_wage") is not None:
            line += f"; typical pay {money(j['median_wage'])} a year ({j['wage_area']})"
        lines.append(line)
    sources = data["sources"]
    lines.append(source_line(sources.get("interests"), sources.get("zones"), sources.get("projections"),
                             sources.get("wages")))
    lines.append("A job you've had, even part-time or volunteer, lets me show what already carries over.")
    buttons = [button(fit(f"What it takes: {j['title']}", BUTTON_TITLE_LIMIT), "inform", target_job=j["code"])
               for j in data["jobs"][:5]]
    return [msg("\n".join(lines), buttons)]
