"""What the bot says about a person's whole story: the read-back of what it has understood ("Here's what I
have: cashier 3 yrs, bank teller 2 yrs, Wisconsin, high school diploma. Anything wrong?") and the answer from
all their jobs together (knowledge/person/compare.py), in plain words, naming what each job contributes.

``names`` maps an O*NET code to what the person called that job ("bank teller"), so the answer speaks their words;
a job without one is named by O*NET's title.
"""
from __future__ import annotations

from bot.replies.comparison import gap_line
from bot.replies.pieces import BUTTON_TITLE_LIMIT, button, fit, follow_ups, msg, pair_line, source_line
from knowledge.analysis import and_list
from knowledge.person.text import (
    education_sentence,
    experience_sentence,
    job_name,
    who_covers_what,
)

Message = dict
UNPAID = ("Your unpaid work counts here like a paid job with the same tasks, since O*NET describes the work, not the "
          "pay; an employer may weigh it less, so name it on an application.")


def duration(years: float | None) -> str | None:
    """3 -> '3 yrs', 1 -> '1 yr', 0.5 -> '6 mos', 2.5 -> '2.5 yrs'; None when not said."""
    if years is None:
        return None
    if years < 1:
        months = round(years * 12)
        return f"{months} mo" + ("" if months == 1 else "s")
    return f"{years:g} yr" + ("" if years == 1 else "s")


def read_back(jobs: list[dict], state: str | None = None, education: str | None = None) -> list[Message]:
    """'Here's what I have: cashier 3 yrs, bank teller 2 yrs, Wisconsin, high school diploma. Anything wrong?'

    ``jobs``: [{"name": what they called it (or O*NET's title), "years": float | None}], in the order they said
    them; ``state``: the state's name; ``education``: their schooling in words ("high school diploma")."""
    parts = [" ".join(p for p in (job["name"], duration(job.get("years"))) if p) for job in jobs]
    parts += [p for p in (state, education) if p]
    if not parts:
        return [msg("I don't have anything about you yet. What job do you have now, or had last?")]
    return [msg(f"Here's what I have: {', '.join(parts)}. Anything wrong?",
                [button("Looks right", "affirm"), button("Fix something", "deny")])]


def fix_prompt(jobs: list[dict]) -> list[Message]:
    """After "Fix something": a button to take out each job but the one compared, or their story told again.

    ``jobs``: [{"code", "name"}] of the jobs that can be taken out."""
    how = ("tell me again with how long, like \"I was a cashier for 4 years, then a bank teller for 2\" or \"I have an "
           "associate's degree\".")
    if not jobs:  # nothing to tap: no button is promised
        return [msg(f"What should I change? Tell me what's wrong, or {how}")]
    return [msg(f"What should I change? Tap what I got wrong, or {how}",
                [button(fit(f"Take out {j['name']}", BUTTON_TITLE_LIMIT), "inform", drop_job=j["code"]) for j in jobs])]


def _headline(r: dict) -> str:
    score, target = r["score"], r["to"]["title"]
    if score["grand"] is None:
        return "O*NET has not rated this job, so I can't score how much of it your jobs cover."
    several = len(r["each_job"]) > 1
    who = "Together your jobs cover" if several else "Your experience covers"
    basis = score["basis"]
    if basis["complete"]:
        return (f"{who} about {score['grand']:.0f} out of 100 of what the job ({target}) asks for (abilities, skills "
                "and knowledge; 100 = you already meet every important level).")
    return (f"{who} about {score['grand']:.0f} out of 100 of the {and_list(basis['covers'])} the job ({target}) asks for "
            "(100 = you already meet every important level). "
            + " ".join(w[:1].upper() + w[1:] + "." for w in basis["why_not_covered"]))


def had_in(job: dict, names: dict[str, str] | None) -> str:
    """'your bank teller job' in their words, else 'your job (Cashiers)'."""
    closest = job_name(job, names)
    return closest if closest.startswith("your") else f"your job ({closest})"


def each_jobs_part(r: dict, names: dict[str, str] | None) -> list[str]:
    """Which job covers what, and what each covers alone (when there are several)."""
    lines = [who] if (who := who_covers_what(r, names)) else []
    alone = [j for j in r["each_job"] if (j.get("score_alone") or {}).get("grand") is not None]
    if len(alone) > 1:
        lines.append("Alone, " + and_list([f"{job_name(j, names)} covers {j['score_alone']['grand']:.0f}" for j in alone]) + ".")
    return lines


def profile_answer(r: dict, names: dict[str, str] | None = None, state_name: str | None = None) -> list[Message]:
    """The comparison of all their jobs with the one they want: the score, who covers what, the gaps that remain
    (with the job that comes closest), their years and schooling against the job's workers; a source for each."""
    target = r["to"]["title"]
    jobs = r["profile"]["jobs"]
    lines = [pair_line(" + ".join(job_name(j, names).removeprefix("your ").removesuffix(" job") for j in jobs), target,
                       state_name), _headline(r)]
    lines += each_jobs_part(r, names)
    if r["gaps"]:
        lines.append("The gaps that matter most for this job:")
        for i, g in enumerate(r["gaps"][:3], 1):
            lines.append(gap_line({**g, "source_level": g["best_level"], "had_in": had_in(g["covered_by"], names)}, i))
    elif r["score"]["grand"] is not None:
        lines.append("No important gaps: together your jobs already reach every level this job needs.")
    for j in r["not_rated"]:
        lines.append(f"({j['title']} is not in the score: O*NET has not rated that job.)")
    if any(j.get("unpaid") for j in jobs):
        lines.append(UNPAID)
    lines.append(source_line(r["score"]["source"]))
    messages = [msg("\n".join(lines))]
    background = r["background"]
    facts = [experience_sentence(target, background["experience"], names), education_sentence(target, background["education"])]
    facts = [f for f in facts if f]
    if facts:
        sources = background["experience"]["sources"]
        messages.append(msg("\n".join(facts) + "\n" + source_line(sources["onet"], sources["bls"])))
    messages[-1]["buttons"] = follow_ups()
    return messages


def profile_note(r: dict, names: dict[str, str] | None = None) -> list[Message]:
    """After the comparison of the job they have now: what the rest of their story adds, in one short message (the
    score of all their jobs together, who covers what, each job alone, their years against the job's workers, their
    schooling against what the job asks); with the one job only, their schooling alone."""
    education = education_sentence(r["to"]["title"], r["background"]["education"])
    sources = r["background"]["experience"]["sources"]
    if len(r["each_job"]) + len(r["not_rated"]) < 2:
        return [msg(education + "\n" + source_line(sources["onet"], sources["bls"]))] if education else []
    if r["score"]["grand"] is None:
        return []
    headline = _headline(r)
    jobs = r["profile"]["jobs"]
    # the job they have now is one paid job of the profile: any other paid one is earlier
    unpaid, earlier = any(j.get("unpaid") for j in jobs), sum(1 for j in jobs if not j.get("unpaid")) > 1
    lead = ("your earlier jobs and unpaid work" if unpaid and earlier else "your unpaid work" if unpaid else "your earlier jobs")
    lines = [f"With {lead} too: " + headline[0].lower() + headline[1:]]
    lines += each_jobs_part(r, names)
    experience = experience_sentence(r["to"]["title"], r["background"]["experience"], names)
    if experience:
        lines.append(experience)
    if education and r["profile"]["education"]:
        lines.append(education)
    if any(j.get("unpaid") for j in r["profile"]["jobs"]):
        lines.append(UNPAID)
    lines.append(source_line(r["score"]["source"], sources["bls"]))  # the O*NET survey is in the score's release
    return [msg("\n".join(lines))]
