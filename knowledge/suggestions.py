"""Where else could this person go: the ranked destinations, read for the person who asked.

``knowledge/scoring/destinations.py`` ranks every occupation by how close it is to the job they have.
Here that ranking is read the way a counselor would read it for them:

* pay is the person's own area's (OEWS May 2025): the metro area when known, else the state's, U.S.-wide only when
  no state is known; the job they have and each suggestion are priced in the same area (a suggestion the metro
  publishes no median for is priced in the state, both sides), and the filters ("pays more", ``min_wage_gain``)
  use exactly the figures that are shown;
* what they asked for in words (``Wishes``: more pay, growing, less schooling, less physical, easier on the
  hands, not a kind of job, a field, the job they said they want) filters the ranking; "less physical" is O*NET's
  strength and stamina abilities, "easier on the hands" its manual and finger dexterity abilities (the mean
  level of each group, 0-100), at least ``LIGHTER`` points below the job they have and no more than the median
  occupation's;
* moves that pay at least as much and are not shrinking (BLS projections 2024-34) come first, each part in
  the ranking's order; the others follow, marked "pay cut", "about the same pay" or "shrinking".
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np

from knowledge.job_kinds import FIELD_NAMES, FIELDS, in_field, of_kind
from knowledge.lookup import projection_for, related_destinations
from knowledge.scoring.destinations import HOURS_PER_YEAR, destinations, facts_for
from knowledge.scoring.matrices import matrices_for

# BLS typical entry-level education, lowest first (the Education Code of the EP table, reversed)
ENTRY_EDUCATION = ("No formal educational credential", "High school diploma or equivalent", "Some college, no degree",
                   "Postsecondary nondegree award", "Associate's degree", "Bachelor's degree", "Master's degree",
                   "Doctoral or professional degree")
SAME_PAY = 0.05  # less than 5% more than what they make now is "about the same pay", a lateral move
TOWARD_ALIKE = 98  # near the job they want: its field (SOC major group), or at least this alike to it (percentile)
ORDER_RATED = ("jobs that pay at least as much and aren't shrinking first, then the work most like yours "
               "(how alike the two jobs are, with how much of it you cover)")
ORDER_RELATED = "jobs that pay at least as much and aren't shrinking first, in O*NET's order"
# "no degree": BLS typical entry education below an associate's degree (a short certificate is not going back to
# school), or no higher than the job they have
NO_DEGREE = ENTRY_EDUCATION.index("Postsecondary nondegree award")
# O*NET ability groups (Content Model ids) that say how hard a job is on the body and on the hands
BODY = ("1.A.3.a", "1.A.3.b.1")  # physical strength (static, explosive, dynamic, trunk) and stamina
HANDS = ("1.A.2.a", "1.A.2.b.2")  # fine manipulative (arm-hand steadiness, manual and finger dexterity), wrist-finger speed
LIGHTER = 10  # level points (0-100) below the job they have: clearly lighter, not a rounding difference


@dataclass
class Wishes:
    """What a person asked of the suggestions, in the store's terms."""

    more_pay: bool = False
    growing: bool = False
    less_school: bool = False
    less_physical: bool = False  # "easier on my body", "no more heavy lifting", "my knees are done"
    easier_hands: bool = False  # "anything that doesn't wreck my hands", "carpal tunnel"
    avoid: list[str] = field(default_factory=list)  # words naming a kind of job: "driving", "retail", "healthcare"
    fields: list[str] = field(default_factory=list)  # keys of knowledge.job_kinds.FIELDS
    toward: str | None = None  # the O*NET code of the job they said they want

    def said(self) -> list[str]:
        """The wishes in plain words, for the answer's first line."""
        out = (["pays more"] if self.more_pay else []) + (["growing"] if self.growing else [])
        out += ["no degree needed"] if self.less_school else []
        out += ["less physical"] if self.less_physical else []
        out += ["easier on the hands"] if self.easier_hands else []
        out += [f"in {FIELD_NAMES[f]}" for f in self.fields]
        out += [f"not {FIELD_NAMES.get(a, a)}" for a in self.avoid]
        return out


def annual_pay(wages: dict | None) -> float | None:
    """The annual median, or the hourly median x 2080 where OEWS publishes only an hourly figure (as the ranker)."""
    if not wages:
        return None
    if wages.get("annual_median") is not None:
        return wages["annual_median"]
    return None if wages.get("hourly_median") is None else wages["hourly_median"] * HOURS_PER_YEAR


def pay_areas(analyst, soc: str, state: str | None, metro: tuple[str, str] | None) -> list[tuple[str, str, dict, float]]:
    """Where pay is compared, most local first: (area code, name, wages by SOC, the person's own median there) for
    the metro and the state that publish the median of the job they have; U.S.-wide when no state is known or the
    state publishes none. Each suggestion is priced in the first of these that publishes its median too, so the two
    figures of a comparison always come from one place."""
    area_code, area_name, postal = analyst.area(state)
    places = ([metro] if metro and postal else []) + ([(area_code, area_name)] if postal else [])
    out = []
    for code, name in places:
        wages = analyst.wages(code)
        mine = annual_pay(wages.get(soc))
        if mine is not None:
            out.append((code, name, wages, mine))
    if not out:
        wages = analyst.wages()
        out.append((analyst.area(None)[0], "U.S.", wages, annual_pay(wages.get(soc))))
    return out


def move(gain: float | None, mine: float | None) -> str | None:
    """Against what they make now: 'cut' (any less), 'same' (up to 5% more: a lateral move), 'raise'; None when
    either pay is unknown."""
    if gain is None or not mine:
        return None
    return "cut" if gain < 0 else "same" if gain < SAME_PAY * mine else "raise"


def _education_rank(analyst, soc: str) -> int | None:
    education = (projection_for(analyst.projections, soc) or {}).get("entry_education")
    return ENTRY_EDUCATION.index(education) if education in ENTRY_EDUCATION else None


@lru_cache(maxsize=4)
def _demands(engine, group: tuple[str, ...]) -> dict[str, float]:
    """code -> the mean O*NET level (0-100) of the abilities in ``group``, for the occupations rated on them."""
    matrices = matrices_for(engine)
    ids = matrices.meta["elements"]["abilities"]["ids"]
    columns = [i for i, e in enumerate(ids) if any(e == g or e.startswith(g + ".") for g in group)]
    levels = matrices["level:abilities"][:, columns]
    rated = ~np.all(np.isnan(levels), axis=1)
    means = np.nanmean(np.where(rated[:, None], levels, 0.0), axis=1)
    return {code: float(means[i]) for i, code in enumerate(matrices.codes) if rated[i]}


@lru_cache(maxsize=4)
def _median(engine, group: tuple[str, ...]) -> float:
    return float(np.median(list(_demands(engine, group).values())))


def _lighter(analyst, source: str, code: str, group: tuple[str, ...]) -> bool:
    """Clearly lighter than the job they have, and no more than most jobs ask (the median occupation): a rigger
    is lighter work than an ironworker, and still no answer to "my knees are done"."""
    demands = _demands(analyst.engine, group)
    return source in demands and code in demands \
        and demands[code] <= min(demands[source] - LIGHTER, _median(analyst.engine, group))


def _avoided(analyst, words: list[str]) -> set[str]:
    titles = {code: occ.title for code, occ in analyst.occupations.items()}
    out: set[str] = set()
    for word in words:
        if word in FIELDS:
            out |= {code for code in titles if in_field(code, word)}
        out |= of_kind(titles, word)
    return out


def _near(analyst, toward: str) -> set[str]:
    """The occupations near the job they want: its SOC major group, or among the most alike to it."""
    facts, matrices = facts_for(analyst.engine), analyst.matrices
    alike = facts.similarity if facts.similarity is not None else matrices["similarity"]
    near = {c for c in analyst.occupations if c[:3] == toward[:3]}
    if toward in matrices.position:
        row = alike[matrices.position[toward]]
        near |= {matrices.codes[j] for j in range(len(matrices.codes)) if row[j] >= TOWARD_ALIKE}
    return near


def _priced(analyst, code: str, areas: list[tuple[str, str, dict, float]]) -> tuple[float | None, float | None, str]:
    """(pay, the person's pay, area name) from the first area that publishes this job's median."""
    soc = analyst.occupations[code].soc
    for _code, name, wages, mine in areas:
        pay = annual_pay(wages.get(soc))
        if pay is not None:
            return pay, mine, name
    return None, areas[0][3], areas[-1][1]


def _kept(analyst, ranked: list[dict], wishes: Wishes, areas: list[tuple[str, str, dict, float]],
          my_education: int | None, near: set[str] | None, min_wage_gain: float | None, source: str = "") -> list[dict]:
    """The ranked destinations that fit the wishes, each priced in the area (the figures the filters use)."""
    avoided = _avoided(analyst, wishes.avoid)
    kept = []
    for d in ranked:
        code = d["code"]
        pay, mine, area_name = _priced(analyst, code, areas)
        gain = None if pay is None or mine is None else round(pay - mine)
        d = {**d, "national_median_wage": d.get("median_wage"), "national_wage_gain": d.get("wage_gain"),
             "median_wage": None if pay is None else round(pay), "wage_gain": gain, "wage_area": area_name,
             "move": move(gain, mine), "shrinking": d.get("growth_pct") is not None and d["growth_pct"] < 0,
             "entry_education": (projection_for(analyst.projections, analyst.occupations[code].soc) or {}).get(
                 "entry_education")}
        if code in avoided or near is not None and code not in near:
            continue
        if wishes.fields and not any(in_field(code, f) for f in wishes.fields):
            continue
        if wishes.more_pay and not (gain is not None and gain > 0):
            continue
        if min_wage_gain is not None and not (gain is not None and gain >= min_wage_gain):
            continue
        if wishes.growing and not (d.get("growth_pct") is not None and d["growth_pct"] > 0):
            continue
        if wishes.less_physical and not _lighter(analyst, source, code, BODY) \
                or wishes.easier_hands and not _lighter(analyst, source, code, HANDS):
            continue
        if wishes.less_school:
            education = _education_rank(analyst, analyst.occupations[code].soc)
            if education is None or education > max(NO_DEGREE, my_education if my_education is not None else 0):
                continue
        kept.append(d)
    return kept


def suggest(analyst, source_code: str, wishes: Wishes | None = None, state: str | None = None,
            metro: tuple[str, str] | None = None, top: int = 5, min_wage_gain: float | None = None,
            max_zone_step: int | None = None, also_from: tuple[str, ...] = (), covered=None,
            education_rank: int | None = None) -> dict:
    """The person's suggestions: {"from", "area", "source_wage", "destinations", "rated", "order", "wishes" (what was
    applied, in words), "unplaced" (words to avoid that name no job), "toward_kept"}.

    Each destination is the ranker's dict with its pay in the area (``median_wage``, ``wage_gain``, ``wage_area``),
    ``move`` ('raise', 'same', 'cut' or None) and ``shrinking``. ``min_wage_gain`` (dollars) is measured on those
    same area figures; a destination whose area pay is unknown fails it, and fails "pays more". When nothing is
    near both jobs, the job they want is set aside (``toward_kept`` False) and the other wishes still apply.

    For a person with several jobs, ``source_code`` is the one they have now, ``also_from`` and ``covered`` as in
    scoring/destinations.rank_destinations, ``education_rank`` their own schooling on BLS's entry-education
    scale (ENTRY_EDUCATION), which "no degree" then measures from instead of the job's.
    """
    wishes = wishes or Wishes()
    titles = {code: occ.title for code, occ in analyst.occupations.items()}
    unplaced = [w for w in wishes.avoid if w not in FIELDS and not of_kind(titles, w)]  # "no more lifting": no title
    source = analyst.occupations[source_code]
    try:
        ranked, rated = destinations(analyst.engine, source_code, top=len(analyst.occupations),
                                     max_zone_step=max_zone_step, also_from=also_from, covered=covered), True
    except (KeyError, ValueError):  # not rated (Taxi Drivers): the jobs O*NET lists as related, unmeasured
        if max_zone_step is not None and source.job_zone is None:
            raise  # the filter asked for cannot apply: say so rather than drop it
        ranked, rated = related_destinations(analyst.engine, source_code, top=len(analyst.occupations)), False
        if max_zone_step is not None:  # O*NET's related jobs, held to the same step up in preparation
            ranked = [d for d in ranked if d["job_zone"] is not None and d["job_zone"] - source.job_zone <= max_zone_step]
    areas = pay_areas(analyst, source.soc, state, metro)
    near = _near(analyst, wishes.toward) if wishes.toward else None
    education = education_rank if education_rank is not None else _education_rank(analyst, source.soc)
    kept = _kept(analyst, ranked, wishes, areas, education, near, min_wage_gain, source_code)
    if near is not None and not kept:
        kept = _kept(analyst, ranked, wishes, areas, education, None, min_wage_gain, source_code)
        near = None
    # pays at least as much and not shrinking first; the ranking's (or O*NET's) order within each part
    kept.sort(key=lambda d: not (d["wage_gain"] is not None and d["wage_gain"] >= 0
                                     and d.get("growth_pct") is not None and d["growth_pct"] >= 0))
    return {"from": {"code": source.code, "title": source.title, "soc": source.soc},
            "area": {"code": areas[0][0], "name": areas[0][1], "state": analyst.area(state)[2]},
            "source_wage": areas[0][3],
            "destinations": kept[:top], "rated": rated, "order": ORDER_RATED if rated else ORDER_RELATED,
            "wishes": replace(wishes, avoid=[w for w in wishes.avoid if w not in unplaced]).said(),
            "unplaced": unplaced, "toward_kept": near is not None}
