"""The profile comparison in plain words: who covers what, what is left, years and schooling. Used by the
``careerbot compare --from`` text view and the chat's profile answer (bot/replies/profile.py)."""
from __future__ import annotations

import re

from knowledge.analysis import and_list
from knowledge.scoring.profiles import DOMAINS


_CODE = re.compile(r"\b\d\d-\d{4}(?:\.\d\d)?\b")


def related_jobs_words(exp: dict, names: dict[str, str] | None = None) -> str:
    """'Cashiers 3, Tellers 2': each related job with its years, by the person's words for it or O*NET's title
    (never a button's code)."""
    def name(j: dict) -> str:
        said = (names or {}).get(j["code"])
        return said if said and not _CODE.search(said) else j["title"]
    return ", ".join(f"{name(j)} {j['years']:g}" for j in exp["related_jobs"] if j["years"] is not None)


def job_name(job: dict, names: dict[str, str] | None = None) -> str:
    """'your bank teller job' where the person's own words are known, else O*NET's title ('Tellers'); unpaid work
    by what it was ('your unpaid bookkeeping work'), so the answer says it was unpaid."""
    said = (names or {}).get(job["code"])
    if said and said.startswith("unpaid "):
        return f"your {said} work"
    return f"your {said} job" if said else job["title"] + (" (unpaid)" if job.get("unpaid") else "")


def who_covers_what(r: dict, names: dict[str, str] | None = None) -> str | None:
    """'Your bank teller job covers most of the knowledge and abilities it asks for; your cashier job adds
    Customer and Personal Service.' None with one job (nothing to tell apart)."""
    jobs = r["each_job"]
    if len(jobs) < 2:
        return None
    counted = {d: sum(1 for e in r["elements"] if e["domain"] == d and e["covered_by"]) for d in DOMAINS}
    if not any(counted.values()):  # nothing compared (the target is not rated): nothing to tell apart
        return None
    parts, said = [], set()
    leads = sorted(jobs, key=lambda j: -sum(j["by_domain"].values()))
    for job in leads:
        most = [d for d, n in job["by_domain"].items() if n and n * 2 > counted[d]]
        if most:
            parts.append(f"{job_name(job, names)} covers most of the {and_list(most)} the job asks for")
            said.add(job["code"])
    for job in jobs:
        if job["code"] in said:
            continue
        if job["adds"]:
            extra = f" and {len(job['adds']) - 3} more" if len(job["adds"]) > 3 else ""
            parts.append(f"{job_name(job, names)} adds {and_list(job['adds'][:3])}{extra}")
        else:
            parts.append(f"{job_name(job, names)} adds nothing the other{'s' if len(jobs) > 2 else ''} didn't already cover")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def _years(months: float) -> str:
    years = months / 12
    return f"{years:g} year" + ("" if years == 1 else "s") if months >= 12 else f"{months:g} months"


def job_line(job: dict) -> str:
    """'Cashiers, 3 years, 2 years ago' / 'Tellers, 2 years, now' (with the credit when it is less than full)."""
    held = "years not said" if job["years"] is None else _years(job["years"] * 12)
    when = "now" if not job["years_ago"] else f"left {_years(job['years_ago'] * 12)} ago"
    line = f"{job['title']} ({job['code']}), {held}, {when}"
    if job["credit"] < 1:
        line += f": its levels count {job['credit'] * 100:.0f}%"
    return line


def experience_sentence(title: str, exp: dict, names: dict[str, str] | None = None) -> str | None:
    """'Bookkeeping ... Clerks typically had 1 to 2 years of related work experience (...): you have 5 years in
    related work (Cashiers 3, Tellers 2).'"""
    middle = exp["onet_middle"]
    if middle is None:
        return None
    line = f"{title} typically had {middle['words']} (the middle answer in O*NET's survey of them)"
    if exp["related_months"] is not None:
        line += f": you have {_years(exp['related_months'])} in related work ({related_jobs_words(exp, names)})"
    elif not exp["related_jobs"]:
        line += ": none of your jobs is close enough to it to count as related work"
    bls = exp["bls_work_experience"]
    if bls:
        line += ("; BLS lists no work experience needed to start" if bls == "None"
                 else f"; BLS lists {bls.lower()} of work experience in a related job to start")
    return line + "."


def education_sentence(title: str, edu: dict) -> str | None:
    """'BLS says people usually start ... with some college, no degree; the middle answer ... is a certificate after
    high school: you have a high school diploma and 30 college credits.'"""
    bls, middle, person = edu["bls_entry_education"], edu["onet_middle"], edu["person"]
    if not bls and not middle:
        return None
    parts = []
    if bls:
        parts.append(f"BLS says people usually start as {title} with {bls[0].lower() + bls[1:]}")
    if middle:
        parts.append(f"the middle answer of its workers in O*NET's survey is {middle['words']}")
    line = "; ".join(parts)
    if person and person["words"]:
        line += f": you have {person['words']}"
        needed = edu["degree_credits"]
        if needed and person["credits"] and not edu["meets_bls"]:
            line += f" (the degree is usually about {needed} credits)"
    return line[:1].upper() + line[1:] + "."


def profile_text(r: dict) -> str:
    """The terminal view of ``compare --from ...``."""
    score = r["score"]
    domains = ", ".join(f"{d} {'n/a' if v['score'] is None else round(v['score'])}" for d, v in score["domains"].items())
    lines = [f"Your jobs -> {r['to']['title']} ({r['to']['code']})"]
    lines += [f"  {job_line(j)}" for j in r["profile"]["jobs"]]
    if r["profile"]["education"]:
        lines.append(f"  Schooling: {r['profile']['education']['words']}")
    grand = "n/a" if score["grand"] is None else f"{score['grand']:.0f}"
    alone = ", ".join(f"{j['title']} alone {j['score_alone']['grand']:.0f}" for j in r["each_job"]
                      if (j.get("score_alone") or {}).get("grand") is not None)
    who = "Together your jobs cover" if len(r["profile"]["jobs"]) > 1 else "Your job covers"
    lines += ["", f"{who} {grand} / 100  ({domains})" + (f"; {alone}" if alone and len(r["each_job"]) > 1 else "")]
    lines.append(score["basis"]["headline"])
    lines.append(score["meaning"])
    who = who_covers_what(r)
    if who:
        lines.append(who)
    lines.append("")
    if r["gaps"]:
        lines.append("Still to build (target level / your best level, from which job / importance, 0-100):")
        for g in r["gaps"][:6]:
            lines.append(f"  - {g['element']} ({g['domain']}): {g['target_level']} / {g['best_level']} from "
                         f"{g['covered_by']['title']} / {g['importance']}")
        if r["gap_count"] > 6:
            lines.append(f"  (and {r['gap_count'] - 6} smaller ones)")
    elif score["grand"] is not None:
        lines.append("Nothing important left: together your jobs reach every level the job needs.")
    for j in r["not_rated"]:
        lines.append(f"{j['title']} is not in the score: O*NET has not rated it.")
    lines.append(f"  [{score['source']}]")
    title = r["to"]["title"]
    background = r["background"]
    for line in (experience_sentence(title, background["experience"]), education_sentence(title, background["education"])):
        if line:
            lines.append(line)
    lines.append(f"  [{background['experience']['sources']['onet']}; {background['experience']['sources']['bls']}]")
    return "\n".join(lines)
