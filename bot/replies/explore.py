"""Jobs to move into: the suggestions from the job they have (``explore``), and, with no job to start
from, the jobs that need little preparation and hire the most (``starter_jobs``).
"""
from __future__ import annotations

from knowledge.formatting import money

from bot.replies.pieces import BUTTON_TITLE_LIMIT, Message, button, echo, fit, msg, source_line


MARKS = {"cut": "a pay cut", "same": "about the same pay"}
# BLS's typical entry education, when it is a degree (projections 2024-34)
DEGREES = {"Associate's degree": "an associate's degree", "Bachelor's degree": "a bachelor's degree",
           "Master's degree": "a master's degree", "Doctoral or professional degree": "a doctoral or professional degree"}


def explore(found: dict, citations: dict, toward: str | None = None, story: list[str] | None = None) -> list[Message]:
    """The suggestions of ``knowledge.suggestions.suggest``: each with its pay in the person's area and what kind of
    move it is; every one gets a compare button. ``toward``: the title of the job they said they want; ``story``:
    their jobs in their words when the suggestions were measured from all of them (knowledge/person/)."""
    source_title, destinations, rated = found["from"]["title"], found["destinations"], found["rated"]
    covered = "how much of what the job asks you already have"
    if story and rated:
        # O*NET's title of the job they have first, so a misreading is visible in the first line
        source_title = f"{source_title}, counting all your jobs ({', '.join(story)})"
        covered = "how much of what the job asks your jobs together already give you; pay compared with your job now"
    area, wishes = found["area"]["name"], found.get("wishes") or []
    if not destinations and wishes:
        return [msg(f"None of the jobs close to {source_title} fit all of that ({', '.join(wishes)}). Ask with fewer "
                    "of those, or name a job you'd like and I'll show what carries over.", [button("What else could I do?", "explore")])]
    if not destinations:
        return [msg(f"O*NET has no ratings for {source_title} and lists no related jobs, so I can't suggest jobs "
                    "from it. Tell me the job in other words (\"delivery driver\", \"store supervisor\"), or name a job "
                    "you'd like.")]
    pay_where = "U.S.-wide pay" if area == "U.S." else f"pay in {area}"
    asked = (f", near {toward} (the job you named)" if toward else "") + (f" ({'; '.join(wishes)})" if wishes else "")
    if rated:
        lines = [f"Jobs you could move into from {source_title}{asked}, with {pay_where}: {found['order']}. "
                 f"\"Covered\" = {covered}."]
    else:
        # the first line names the job and the place, as every answer's does; then why there is no "covered"
        lines = [f"Jobs you could move into from {source_title}{asked}, with {pay_where}: the jobs O*NET lists as "
                 f"related to it, {found['order']}. O*NET has not rated {source_title}, so I can't measure how much "
                 "of it carries over."]
    for i, d in enumerate(destinations, 1):
        parts = [f"{d['covered']:.0f}% covered"] if d.get("covered") is not None else []
        if d.get("median_wage") is not None:
            gain = d.get("wage_gain")
            where = f" in {d['wage_area']}" if d.get("wage_area") not in (None, area) else ""  # the metro publishes none
            parts.append(f"{money(d['median_wage'])} a year{where}"
                         + (f" ({'+' if gain >= 0 else '-'}{money(abs(gain))})" if gain is not None else ""))
        else:
            parts.append(f"pay not published for {area}")
        if d.get("growth_pct") is not None:
            parts.append(f"jobs {d['growth_pct']:+.0f}% by 2034" + (", shrinking" if d.get("shrinking") else ""))
        if d.get("move") in MARKS:
            parts.append(MARKS[d["move"]])
        if d.get("entry_education") in DEGREES:  # a roofer shown Architects should see the degree it starts with
            parts.append(f"usually starts with {DEGREES[d['entry_education']]}")
        lines.append(f"{i}. {d['title']}: " + "; ".join(parts))
    for word in found.get("unplaced") or []:
        lines.append(f"I couldn't tell which jobs \"{echo(word, 40)}\" means, so it left none out.")
    lines.append(source_line(citations.get("ratings") if rated else citations.get("related"), citations.get("wages"),
                             citations.get("projections")))
    buttons = [button(fit(f"Compare: {d['title']}", BUTTON_TITLE_LIMIT), "inform", target_job=d["code"])
               for d in destinations]
    return [msg("\n".join(lines), buttons)]


def starter_jobs(data: dict) -> list[Message]:
    """No job to start from: jobs that need little preparation and hire the most, and how to get a comparison."""
    lines = ["To compare jobs I need somewhere to start from: any job you've had counts, even part-time, summer "
             "or volunteer work. Or name a job you're curious about and I'll tell you what it takes."]
    if data["jobs"]:
        lines.append("Meanwhile, these need little or some preparation (O*NET job zones 1-2): first the ones that "
                     "hire the most people each year, then the best paid of those that still hire often:")
        for i, j in enumerate(data["jobs"], 1):
            line = f"{i}. {j['title']}: about {j['annual_openings']:,} openings a year in the U.S."
            if j.get("median_wage") is not None:
                line += f", typical pay {money(j['median_wage'])} a year ({j['wage_area']})"
            lines.append(line)
        sources = data["sources"]
        lines.append(source_line(sources.get("zones"), sources.get("projections"), sources.get("wages")))
    buttons = [button(fit(f"What it takes: {j['title']}", BUTTON_TITLE_LIMIT), "inform", target_job=j["code"])
               for j in data["jobs"][:5]]
    return [msg("\n".join(lines), buttons)]
