"""The follow-up answers fed by the person's whole story (knowledge/person/): the gaps left once every job of
theirs counts, their schooling and years against how people start, what one earlier job brings, and the line
that says a correction was heard. Short: one message each, with what the figure rests on.

``names`` maps an O*NET code to what the person called that job ("bank teller"), as in profile.py.
"""
from __future__ import annotations

from knowledge.analysis import GAP_LISTS, and_list

from bot.replies.comparison import gaps_detail
from bot.replies.pieces import Message, msg, source_line
from bot.replies.profile import duration, had_in
from knowledge.person.text import job_name, related_jobs_words

ARTICLE = {"associate's degree": "an ", "bachelor's degree": "a ", "master's degree": "a ", "doctoral or professional degree": "a ",
           "high school diploma or equivalent": "a ", "postsecondary nondegree award": "a "}


def _usual(bls: str) -> str:
    """BLS's "Associate's degree" -> "an associate's degree"; "Some college, no degree" as it is."""
    words = bls[:1].lower() + bls[1:]
    return ARTICLE.get(words, "") + words


def _years(months: float) -> str:
    return duration(months / 12).replace("yrs", "years").replace("yr", "year").replace("mos", "months").replace("mo", "month")


def gaps_from_story(c: dict, r: dict, names: dict[str, str], current: str) -> list[Message]:
    """The job-to-job gap lists (comparison.gaps_detail) with what their other jobs bring: a gap another job of
    theirs closes is no gap (said once, with the job that closes it); one it narrows shows that job's level.
    ``c``: the comparison of the current job; ``r``: the profile's (knowledge.person.compare)."""
    theirs = {(e["domain"], e["element_id"]): e for e in r["elements"]}
    closed: dict[str, list[str]] = {}
    shown = dict(c)
    for domain, key in GAP_LISTS.items():
        kept = []
        for g in c[key]["gaps"]:
            e = theirs.get((domain, g.get("element_id")))
            by = (e or {}).get("covered_by")
            # only a level another job reaches beyond the current one's: a short, recent job is credited less
            if not by or by["code"] == current or (e["best_level"] or 0) <= (g["source_level"] or 0):
                kept.append(g)
            elif not e["gap"]:
                closed.setdefault(had_in(by, names), []).append(g["element"])
            else:
                kept.append({**g, "source_level": e["best_level"], "had_in": had_in(by, names)})
        shown[key] = {**c[key], "gaps": kept, "gap_count": c[key]["gap_count"] - (len(c[key]["gaps"]) - len(kept))}
    messages = gaps_detail(shown, mine="your jobs")
    if closed:
        covered = "; ".join(f"{job} covers {and_list(elements)}" for job, elements in closed.items())
        head, _, rest = messages[0]["text"].partition("\n")
        messages[0]["text"] = "\n".join([head, f"Not gaps for you: {covered}.", rest])
    return messages


def start_from_story(r: dict, names: dict[str, str] | None = None) -> Message | None:
    """Their schooling and years against how people start in the job, in two sentences: "You have 30 college
    credits; most start with an associate's degree (BLS), about 60 credits. You have 5 years of related work
    (cashier 3, bank teller 2); most of its workers had 1 to 2 years (O*NET's survey)." None with neither."""
    edu, exp = r["background"]["education"], r["background"]["experience"]
    lines = []
    person, bls = edu["person"], edu["bls_entry_education"]
    if person and person["words"]:
        line = f"You have {person['words']}"
        if bls and edu["meets_bls"]:
            line += f": enough for the usual start, {_usual(bls)} (BLS)"
        elif bls:
            line += f"; most start with {_usual(bls)} (BLS)"
            if edu["degree_credits"]:
                line += f", about {edu['degree_credits']} credits"
                if person["credits"]:
                    line += f", so about {max(edu['degree_credits'] - person['credits'], 0):g} to go"
        lines.append(line + ".")
    middle = exp["onet_middle"]
    usual = middle["words"].replace(" of related work experience", "").replace("no related work experience", "none") if middle else None
    if exp["related_months"] is not None:
        line = f"You have {_years(exp['related_months'])} of related work ({related_jobs_words(exp, names)})"
        lines.append(line + (f"; most of its workers had {usual} when they started (O*NET's survey)." if usual else "."))
    elif middle and not exp["related_jobs"]:
        lines.append(f"None of your jobs is close enough to it to count as related work; most of its workers had {usual} "
                     "(O*NET's survey).")
    if not lines:
        return None
    sources = exp["sources"]
    return msg(f"For {r['to']['title']}, from what you told me: " + " ".join(lines) + " "
               + source_line(sources["onet"], sources["bls"]))


def usual_experience(r: dict, current: str | None) -> Message | None:
    """Asked about experience with no years said: how much most of the job's workers had, and the question
    that lets the answer put theirs beside it. None when O*NET has no experience figures for the job."""
    middle = r["background"]["experience"]["onet_middle"]
    if not middle:
        return None
    usual = middle["words"].replace(" of related work experience", "").replace("no related work experience", "none")
    ask = (f" How long have you done your job now ({current})? Tell me (\"3 years\") and I'll put yours beside it."
           if current else "")
    return msg(f"Most {r['to']['title']} had {usual} of related work experience when they started (O*NET's survey)."
               + ask + " " + source_line(r["background"]["experience"]["sources"]["onet"]))


def earlier_job_answer(r: dict, code: str, names: dict[str, str]) -> list[Message]:
    """"Does my cashier experience count?": what that one job covers of the job they want, what it adds to the
    others, and whether its years count as related work, in one message."""
    job = next(j for j in r["each_job"] + r["not_rated"] if j["code"] == code)
    name, target = job_name(job, names), r["to"]["title"]
    said = name[:1].upper() + name[1:]
    alone = (job.get("score_alone") or {}).get("grand")
    if alone is None:
        return [msg(f"O*NET has not rated {job['title']}, so I can't measure what {name} brings to {target}.")]
    lines = [f"Yes. {said} alone covers about {alone:.0f} out of 100 of what {target} asks for."]
    if len(r["each_job"]) > 1:
        lines.append(f"Of all your jobs it is the best for {and_list(job['adds'][:3])}, so it adds that." if job["adds"]
                     else f"Your other jobs already reach what it gives, so it adds nothing to the {r['score']['grand']:.0f} "
                          "they cover together.")
    exp = r["background"]["experience"]
    related = next((j for j in exp["related_jobs"] if j["code"] == code), None)
    if related:
        lines.append("Its years count as related work" + (f" ({related['years']:g})." if related["years"] else "."))
    elif any(j["code"] == code for j in exp["other_jobs"]):
        lines.append(f"Its years don't count as related work: alone it covers less than {exp['related_min']}.")
    return [msg(" ".join(lines) + " " + source_line(r["score"]["source"]))]


def story_fixed(what: str) -> list[Message]:
    """The correction they made, said back before the answer comes again: 'Got it: bank teller 4 yrs.'"""
    return [msg(f"Got it: {what}.")]
