"""The person's years of work and schooling against what the target job's workers had: O*NET's Education,
Training, and Experience survey (the middle answer of the job's workers: Required Level of Education 2.D.1,
Related Work Experience 3.A.1) and BLS's typical entry-level education and work experience (Employment
Projections 2024-34).

Which years are related: O*NET asks workers for experience in related work, and an employer decides what
counts, so the answer says which jobs it counted: those whose own profile covers at least RELATED_MIN of the
target (the job-to-job score), and shows the others apart.
"""
from __future__ import annotations

from knowledge import lookup
from knowledge.person.profile import Profile
from knowledge.suggestions import ENTRY_EDUCATION

RELATED_MIN = 75  # a job covering this much of the target alone counts as related work
REQUIRED_EDUCATION, RELATED_EXPERIENCE = "2.D.1", "3.A.1"
# O*NET Related Work Experience categories (scale RW): (more than, up to) months
EXPERIENCE_MONTHS = {1: (0, 0), 2: (0, 1), 3: (1, 3), 4: (3, 6), 5: (6, 12), 6: (12, 24), 7: (24, 48), 8: (48, 72),
                     9: (72, 96), 10: (96, 120), 11: (120, None)}
EXPERIENCE_WORDS = {1: "no related work experience", 2: "up to a month of related work experience",
                    3: "1 to 3 months of related work experience", 4: "3 to 6 months of related work experience",
                    5: "6 months to a year of related work experience", 6: "1 to 2 years of related work experience",
                    7: "2 to 4 years of related work experience", 8: "4 to 6 years of related work experience",
                    9: "6 to 8 years of related work experience", 10: "8 to 10 years of related work experience",
                    11: "over 10 years of related work experience"}
EDUCATION_WORDS = {1: "less than a high school diploma", 2: "a high school diploma", 3: "a certificate after high school",
                   4: "some college", 5: "an associate's degree", 6: "a bachelor's degree",
                   7: "a certificate after a bachelor's degree", 8: "a master's degree",
                   9: "a certificate after a master's degree", 10: "a professional degree", 11: "a doctoral degree",
                   12: "post-doctoral training"}
# the person's level on BLS's entry-education scale (knowledge.suggestions.ENTRY_EDUCATION, lowest first)
BLS_RANK = {"less-than-high-school": 0, "high-school": 1, "some-college": 2, "certificate": 3, "associate": 4,
            "bachelor": 5, "post-bachelor-certificate": 5, "master": 6, "post-master-certificate": 6,
            "professional": 7, "doctoral": 7}
DEGREE_CREDITS = {"Associate's degree": 60, "Bachelor's degree": 120}  # semester hours a degree usually takes


def median_category(distribution: list[tuple[int, str, float]] | None) -> int | None:
    """The category of the middle worker of O*NET's survey (half had this or less)."""
    shares = sorted((c, max(p or 0.0, 0.0)) for c, _label, p in distribution or [])
    total = sum(p for _, p in shares)
    running = 0.0
    for category, percent in shares:
        running += percent
        if total > 0 and running >= total / 2:
            return category
    return None


def experience(analyst, profile: Profile, target, jobs: list[dict]) -> dict:
    category = median_category(analyst.education.get(target.code, {}).get(RELATED_EXPERIENCE))
    related = [j for j in jobs if (j.get("score_alone") or {}).get("grand") is not None
               and j["score_alone"]["grand"] >= RELATED_MIN]
    others = [j for j in jobs if j not in related]
    said = [j for j in related if j["years"] is not None]
    months = sum(j["years"] for j in said) * 12 if said else None
    bls = (lookup.projection_for(analyst.projections, target.soc) or {}).get("work_experience")
    verdict = None
    if category is not None and months is not None:
        low, high = EXPERIENCE_MONTHS[category]
        verdict = "more" if high is not None and months > high else "less" if months <= low and category > 1 else "about the same"
    return {"onet_middle": None if category is None else {"category": category, "words": EXPERIENCE_WORDS[category],
                                                           "months": EXPERIENCE_MONTHS[category]},
            "bls_work_experience": bls, "related_jobs": [{"code": j["code"], "title": j["title"], "years": j["years"]} for j in related],
            "other_jobs": [{"code": j["code"], "title": j["title"], "years": j["years"]} for j in others],
            "related_months": months, "verdict": verdict, "related_min": RELATED_MIN,
            "sources": {"onet": analyst.cite("education_experience"), "bls": analyst.cite("projection")}}


def education(analyst, profile: Profile, target) -> dict:
    category = median_category(analyst.education.get(target.code, {}).get(REQUIRED_EDUCATION))
    bls = (lookup.projection_for(analyst.projections, target.soc) or {}).get("entry_education")
    mine = profile.education
    level = None if mine is None else mine.category
    counted = None if mine is None else mine.level_or_credits
    rank = None if counted is None else BLS_RANK[counted]
    needed_rank = ENTRY_EDUCATION.index(bls) if bls in ENTRY_EDUCATION else None
    credits_needed = DEGREE_CREDITS.get(bls)
    return {"onet_middle": None if category is None else {"category": category, "words": EDUCATION_WORDS.get(category)},
            "bls_entry_education": bls,
            "person": None if mine is None else {"level": mine.level, "credits": mine.credits, "category": level,
                                                 "words": mine.words()},
            "meets_bls": None if rank is None or needed_rank is None else rank >= needed_rank,
            "meets_onet_middle": None if level is None or category is None else level >= category,
            "degree_credits": credits_needed,
            "sources": {"onet": analyst.cite("education_experience"), "bls": analyst.cite("projection")}}


def against(analyst, profile: Profile, target, jobs: list[dict]) -> dict:
    return {"experience": experience(analyst, profile, target, jobs), "education": education(analyst, profile, target)}

