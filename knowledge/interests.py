"""Jobs that fit what a person likes, for someone with no job to start from: O*NET's interest profiles.

O*NET rates every occupation on Holland's six interest areas (RIASEC: Realistic, Investigative, Artistic,
Social, Enterprising, Conventional; ``Interests.txt``, scale OI, 1-7), the same areas its Interest
Profiler asks about. A person who says what they like ("helping people and science": Social,
Investigative) is matched with the occupations rated highest on those areas on average, among the jobs
they can reach from where they are (O*NET job zones up to ``max_zone``: 3 is "medium preparation",
vocational training or an associate's degree; 4 a bachelor's) that still hire (BLS projections), each
with its pay in the person's state (OEWS).

    >>> suggest(analyst, "SI", "MA")["jobs"][0]["title"]   # doctest: +SKIP
    'Respiratory Therapists'
"""
from __future__ import annotations

from sqlalchemy import select

from knowledge import models as m
from knowledge.db import per_store

# letter: (O*NET element, name, what it is in plain words)
AREAS = {
    "R": ("1.B.1.a", "Realistic", "building, fixing or working with your hands"),
    "I": ("1.B.1.b", "Investigative", "science and figuring things out"),
    "A": ("1.B.1.c", "Artistic", "creating: art, music, writing, design"),
    "S": ("1.B.1.d", "Social", "helping, teaching or caring for people"),
    "E": ("1.B.1.e", "Enterprising", "leading, selling, persuading"),
    "C": ("1.B.1.f", "Conventional", "organizing, numbers and records"),
}
REACHABLE_ZONE = 3  # without a degree said: up to vocational training or an associate's degree
MIN_OPENINGS = 2_000  # openings a year in the U.S. (BLS projections): jobs that still hire
FIT_FLOOR = 4.5  # an interest rated at least this (of 7) on average is a real part of the work


@per_store
def interest_profiles(engine) -> dict[str, dict[str, float]]:
    """Occupation code -> {letter: OI rating 1-7}; empty when the store has no interest ratings."""
    letter_of = {element: letter for letter, (element, _, _) in AREAS.items()}
    profiles: dict[str, dict[str, float]] = {}
    with engine.connect() as conn:
        for code, element, value in conn.execute(
                select(m.Rating.occupation_code, m.Rating.element_id, m.Rating.value)
                .where(m.Rating.domain == "interests", m.Rating.scale_id == "OI")):
            if element in letter_of:
                profiles.setdefault(code, {})[letter_of[element]] = value
    return profiles


def suggest(analyst, letters: str, state: str | None = None, max_zone: int = REACHABLE_ZONE, top: int = 5) -> dict:
    """The ``top`` jobs rated highest on average on ``letters`` ("SI"), in job zones up to ``max_zone``, that
    hire at least ``MIN_OPENINGS`` a year; ties and near-ties go to the one that hires more."""
    letters = "".join(dict.fromkeys(c for c in letters.upper() if c in AREAS))
    profiles = interest_profiles(analyst.engine)
    area_code, area_name, postal = analyst.area(state)
    local, national = (analyst.wages(area_code) if postal else {}), analyst.wages()
    jobs = []
    for code, profile in profiles.items():
        occ = analyst.occupations.get(code)
        # a specialty (29-1141.01 Acute Care Nurses) shares its SOC's projection: the SOC's own occupation stands for it
        if not occ or not letters or occ.job_zone is None or occ.job_zone > max_zone or "All Other" in occ.title \
                or not code.endswith(".00"):
            continue
        projection = analyst.projections.get(occ.soc) or {}
        openings = projection.get("annual_openings") or 0
        fit = sum(profile.get(c, 0.0) for c in letters) / len(letters)
        if openings < MIN_OPENINGS or projection.get("reported_as") or fit < FIT_FLOOR:
            continue
        pay = (local.get(occ.soc) or {}).get("annual_median")
        jobs.append({"code": code, "title": occ.title, "job_zone": occ.job_zone, "fit": round(fit, 1),
                     "ratings": {c: profile.get(c) for c in letters}, "annual_openings": openings,
                     "median_wage": pay if pay is not None else (national.get(occ.soc) or {}).get("annual_median"),
                     "wage_area": area_name if pay is not None else "U.S."})
    jobs.sort(key=lambda j: (-round(j["fit"] * 2) / 2, -j["annual_openings"]))  # half-points of fit, then hiring
    return {"letters": letters, "areas": [AREAS[c][2] for c in letters], "state": postal,
            "area": area_name if postal else "U.S.", "max_zone": max_zone, "jobs": jobs[:top],
            "sources": {"interests": analyst.cite("rating:interests"), "zones": analyst.cite("job_zone_reference"),
                        "projections": analyst.cite("projection"), "wages": analyst.cite("wage")}}
