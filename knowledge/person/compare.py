"""A person's profile against the job they want (``careerbot compare --from CODE:YEARS ... TO``): the coverage
of all their jobs together, which job covers which requirement, what each job adds, the gaps that remain, and
their years and schooling against the target's workers. Each figure names its source."""
from __future__ import annotations

from knowledge.analysis import DOMAIN_PLURAL, SCORE_MEANING, Analyst, _round, and_list
from knowledge.person import background
from knowledge.person.coverage import Source, all_targets, one_target
from knowledge.person.profile import (
    ON_THE_JOB_TRAINING,
    Job,
    Profile,
    credit,
    training_months,
)
from knowledge.scoring.profiles import DOMAINS
from knowledge.scoring.transfer import DEFAULT_FILTERS, DEFAULT_WEIGHTS

PROFILE_MEANING = (
    "The score is the share of the target job's important ability, skill and knowledge levels that your jobs "
    "together reach: for each one, the best level any of your jobs reaches, counted in full once you held the job "
    "as long as its usual on-the-job training and within the last 5 years (100 = you meet every important level). "
    "It compares job profiles from O*NET, not you personally, and does not predict hiring.")
RULE = "knowledge/person/__init__.py"


def job_facts(analyst: Analyst, job: Job) -> dict:
    """One job of the profile as shown: its occupation, years, and the credit its levels get, with why."""
    occ = analyst.occupations[job.code]
    months = training_months(analyst.education.get(job.code, {}).get(ON_THE_JOB_TRAINING))
    return {**occ.as_dict(), "years": job.years, "years_ago": job.years_ago, "unpaid": job.unpaid, "training_months": months,
            "credit": round(credit(job, months), 3)}


def sources(analyst: Analyst, profile: Profile) -> list[Source]:
    """The profile's rated jobs as the scorer sees them (a job O*NET never rated is not in the score)."""
    return [Source(analyst.profiles.index(job.code), job_facts(analyst, job)["credit"])
            for job in profile.jobs if is_rated(analyst, job.code)]


def is_rated(analyst: Analyst, code: str) -> bool:
    """O*NET has rated the job in at least one domain (122 occupations have no ratings at all: Taxi Drivers)."""
    position = analyst.matrices.position.get(code)
    return position is not None and any(analyst.profiles.domains[d].rated()[position] for d in DOMAINS)


def coverage_of_all(analyst: Analyst, profile: Profile, filters=DEFAULT_FILTERS, weights=DEFAULT_WEIGHTS) -> dict:
    """The profile's coverage of every occupation (for the destinations): {domain|'grand': array over codes}."""
    return all_targets(analyst.profiles, sources(analyst, profile), filters, weights)


def destination_options(analyst: Analyst, profile: Profile) -> dict:
    """What knowledge.suggestions.suggest needs to rank from the whole profile rather than one job: pass
    ``source_code=profile.current().code`` and these (the other jobs, the coverage by all of them, their schooling
    on BLS's scale for "no degree")."""
    from knowledge.person.background import BLS_RANK

    current = profile.current().code
    counted = profile.education.level_or_credits if profile.education else None
    return {"also_from": tuple(dict.fromkeys(j.code for j in profile.jobs if j.code != current)),
            "covered": coverage_of_all(analyst, profile)["grand"],
            "education_rank": None if counted is None else BLS_RANK[counted]}


def compare_profile(analyst: Analyst, profile: Profile, to_text: str, state: str | None = None,
                    filters: dict | None = None, weights: dict | None = None, top_gaps: int = 10) -> dict:
    if not profile.jobs:
        raise ValueError("a profile needs at least one job to compare from")
    filters = {**DEFAULT_FILTERS, **(filters or {})}
    weights = {**DEFAULT_WEIGHTS, **(weights or {})}
    target = analyst.find(to_text)
    jobs = [job_facts(analyst, j) for j in profile.jobs]
    rated = [j for j, job in zip(jobs, profile.jobs) if is_rated(analyst, job.code)]
    result = one_target(analyst.profiles, sources(analyst, profile), analyst.profiles.index(target.code), filters, weights)
    reasons = {d: why_no_score(analyst, d, target, profile, filters[d]) for d in DOMAINS if result["domains"][d] is None}
    for job, alone in zip(rated, result["by_job"]):
        job["score_alone"] = {"grand": _round(alone["grand"]), "domains": {d: _round(v) for d, v in alone["domains"].items()}}
    elements = []
    for e in result["elements"]:
        by = None if e["covered_by"] is None else rated[e["covered_by"]]
        elements.append({"domain": e["domain"], "element_id": e["element_id"], "element": e["element"],
                         "importance": round(e["importance"]), "target_level": round(e["target_level"]),
                         "best_level": None if e["best_level"] is None else round(e["best_level"]),
                         "gap": None if e["gap"] is None else round(e["gap"]),
                         "covered_by": None if by is None else {"code": by["code"], "title": by["title"]},
                         "levels": {j["code"]: None if lv is None else round(lv) for j, lv in zip(rated, e["levels"])}})
    elements.sort(key=lambda e: (-e["importance"], e["element"]))
    gaps = sorted((e for e in elements if e["gap"]), key=lambda e: (-(e["importance"] * e["gap"]), -e["importance"], e["element"]))
    gaps = [dict(g) for g in gaps]
    examples, used = analyst.examples(), set()
    for g in gaps[:top_gaps]:  # each shown gap with what it means and an example from the target's own work, as compare
        g["target_level_means"] = analyst.anchor(g["element_id"], g["target_level"])
        means = g["target_level_means"] or {}
        g["example"] = examples.example(target.code, g["element_id"], g["element"], g["domain"],
                                        means.get("at_or_below") or means.get("nearest"), used)
    out = {
        "profile": {"jobs": jobs, "education": None if profile.education is None else
                    {"level": profile.education.level, "credits": profile.education.credits, "field": profile.education.field,
                     "words": profile.education.words()}},
        "to": target.as_dict(),
        "score": {"grand": _round(result["grand"]),
                  "domains": {d: {"score": _round(result["domains"][d]), "filter": filters[d], "weight": weights[d],
                                  "why_no_score": None if d not in reasons else reasons[d][0].format(reasons[d][1])}
                              for d in DOMAINS},
                  "meaning": PROFILE_MEANING, "rule": RULE, "one_job_meaning": SCORE_MEANING,
                  "scale": "0-100; importance rescaled (IM-1)/4*100, level LV/7*100, as O*NET does",
                  "source": "; ".join(sorted({analyst.cite(f"rating:{d}") for d in DOMAINS}))},
        "elements": elements,
        "gaps": gaps[:top_gaps],
        "gap_count": len(gaps),
        "each_job": each_job(rated, elements),
        "not_rated": [j for j, job in zip(jobs, profile.jobs) if not is_rated(analyst, job.code)],
        "background": background.against(analyst, profile, target, [j for j in jobs]),
        "credit_source": analyst.cite("education_experience") + " (On-the-Job Training, 3.A.3: how long each job takes to learn)",
    }
    out["score"]["basis"] = basis(out["score"], reasons)
    out["labor_market"] = analyst._labor_market(analyst.occupations[profile.current().code], target, state)
    return out


def basis(score: dict, reasons: dict[str, tuple[str, str]]) -> dict:
    """Which domains the profile's score rests on, with a headline in the words of the one-job basis
    (knowledge.analysis.score_basis): 'Abilities and knowledge only: 90 out of 100. None of its skills ...'.
    ``reasons``: per domain without a score, (sentence with {} for the domains, the domain's word); domains with
    the same reason are said once ('O*NET has no abilities, skills and knowledge ratings for Taxi Drivers')."""
    covers = [d for d, v in score["domains"].items() if v["score"] is not None]
    grouped: dict[str, list[str]] = {}
    for d in DOMAINS:
        if d in reasons:
            template, word = reasons[d]
            grouped.setdefault(template, []).append(word)
    why = [template.format(and_list(words)) for template, words in grouped.items()]
    label = and_list(covers).capitalize() if covers else None
    said = " ".join(w[:1].upper() + w[1:] + "." for w in why)
    if score["grand"] is None:
        headline = "No score: " + said
    elif not why:
        headline = f"{label}: {round(score['grand'])} out of 100."
    else:
        headline = f"{label} only: {round(score['grand'])} out of 100. " + said
    return {"covers": covers, "not_covered": list(reasons), "complete": not reasons and bool(covers),
            "label": None if label is None else label + (" only" if reasons else ""), "why_not_covered": why,
            "headline": headline}


def why_no_score(analyst: Analyst, domain: str, target, profile: Profile, filt: float) -> tuple[str, str]:
    """Why a domain has no score: (a sentence with {} where the domain goes, the domain's word)."""
    rated = analyst.profiles.domains[domain].rated()
    positions = analyst.matrices.position
    if not rated[positions[target.code]]:
        return f"O*NET has no {{}} ratings for {target.title}", domain
    if not any(job.code in positions and rated[positions[job.code]] for job in profile.jobs):
        return "O*NET has no {} ratings for any of your jobs", domain
    return f"none of its {{}} is important enough to count (importance {filt:g} or more)", DOMAIN_PLURAL[domain]


def each_job(jobs: list[dict], elements: list[dict]) -> list[dict]:
    """What each job brings: the requirements it covers best (the most important first), and how much of the
    target it covers alone."""
    out = []
    for job in jobs:
        mine = [e for e in elements if e["covered_by"] and e["covered_by"]["code"] == job["code"]]
        others = [j for j in jobs if j["code"] != job["code"]]
        # 'adds': where this job reaches a higher level than every other job of the profile
        adds = [e for e in mine if others and all((e["levels"].get(o["code"]) or 0) < (e["best_level"] or 0) for o in others)]
        out.append({"code": job["code"], "title": job["title"], "unpaid": job.get("unpaid", False), "score_alone": job.get("score_alone"),
                    "covers_best": [e["element"] for e in mine], "adds": [e["element"] for e in adds],
                    "by_domain": {d: sum(1 for e in mine if e["domain"] == d) for d in DOMAINS}})
    return out
