"""Destinations ("where else could I go?"): rank the occupations a person could move to from a source one.

Coverage alone is not a ranking (from Chief Executives nearly every easier job is 100% covered),
and likeness alone ignores what the person still lacks. A destination's rank score blends both:

    score(s -> t) = A(s, t) + TRANSFER_WEIGHT * C(s -> t) / 100

* A is the combined similarity of the two occupations (knowledge/scoring/similarity.py): a weighted mean of
  z-scored components (knowledge, task statements, titles, abilities, skills, work activities,
  job-zone closeness), in standard-deviation units, symmetric. It is shown to users as ``alike``,
  its percentile over all occupation pairs (0-100).
* C is the directional transferability grand score (knowledge/scoring/transfer.py, 0-100): how
  much of the target's required levels the source already meets. Shown as ``covered``.
* TRANSFER_WEIGHT = 2.0: 10 points more covered is worth 0.2 SD of likeness. The weight cannot be
  tuned against O*NET's (symmetric) related-occupation lists, which only lose from it; it is a
  product choice, priced by the benchmark: 2.0 costs about 0.01 of the quality figure (share of
  O*NET's related occupations in the top 20) and halves the share of top-10 destinations the
  person covers less than 80% of. bench/destinations_quality.py prints the trade-off.

Only targets with both A and C (occupations rated in the store) are ranked. Optional filters
then drop targets: ``max_zone_step`` (target job zone minus source job zone at most this),
``min_wage_gain`` (OEWS national all-industry median annual wage of the target minus that of the
source, dollars, at least this; hourly x 2080 where only an hourly median is published),
``min_growth_pct`` (BLS projected employment change 2024-34, %, at least this). A target with an unknown value fails a filter on that value.

O*NET's Related Occupations list never feeds this score: it is the benchmark's yardstick only.
"""
from __future__ import annotations

import json
import warnings
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from knowledge import models as m
from knowledge.scoring import similarity as sim
from knowledge.scoring.matrices import Matrices, matrices_for

TRANSFER_WEIGHT = 2.0
HOURS_PER_YEAR = 2080  # OEWS annualises hourly-only wages this way


@dataclass
class OccupationFacts:
    """Per-occupation facts the ranking reads, aligned with ``codes``; NaN = unknown."""

    codes: list[str]
    titles: list[str]
    job_zone: np.ndarray
    median_wage: np.ndarray  # OEWS national, all industries, annual (hourly x 2080 where only hourly)
    growth_pct: np.ndarray  # BLS projected employment change 2024-34, percent
    openings: np.ndarray  # BLS projected annual openings, thousands
    similarity_z: np.ndarray | None = None  # set only when the store predates the current similarity
    similarity: np.ndarray | None = None

    def __post_init__(self):
        self.position = {c: i for i, c in enumerate(self.codes)}


def _stored_method(conn: Connection) -> str | None:
    data = conn.execute(select(m.Matrix.data).where(m.Matrix.name == "meta")).scalar()
    return json.loads(data).get("similarity_method") if data else None


def load_facts(conn: Connection, codes: list[str]) -> OccupationFacts:
    occupations = {r.code: r for r in conn.execute(select(m.Occupation.code, m.Occupation.soc, m.Occupation.title,
                                                             m.Occupation.job_zone))}
    wages = {r.soc: r for r in conn.execute(
        select(m.Wage.soc, m.Wage.annual_median, m.Wage.hourly_median)
        .where(m.Wage.area_code == "0000000", m.Wage.industry_code == "000000"))}
    projections = {r.soc: r for r in conn.execute(select(m.Projection.soc, m.Projection.change_pct,
                                                         m.Projection.annual_openings))}

    def column(get) -> np.ndarray:
        return np.array([np.nan if (v := get(c)) is None else float(v) for c in codes])

    def wage(code: str) -> float | None:
        w = wages.get(occupations[code].soc)
        if w is None:
            return None
        if w.annual_median is not None:
            return w.annual_median
        return None if w.hourly_median is None else w.hourly_median * HOURS_PER_YEAR

    def projection(code: str, field: str):
        p = projections.get(occupations[code].soc)
        return None if p is None else getattr(p, field)

    return OccupationFacts(
        codes=codes,
        titles=[occupations[c].title for c in codes],
        job_zone=column(lambda c: occupations[c].job_zone),
        median_wage=column(wage),
        growth_pct=column(lambda c: projection(c, "change_pct")),
        openings=column(lambda c: projection(c, "annual_openings")),
    )


@lru_cache(maxsize=4)
def facts_for(engine: Engine) -> OccupationFacts:
    """Facts read once per process. If the store's similarity predates this code's method, the
    similarity is recomputed here (a few seconds, once) and a warning says to rebuild the store."""
    matrices = matrices_for(engine)
    with engine.connect() as conn:
        facts = load_facts(conn, matrices.codes)
        if _stored_method(conn) != sim.SIMILARITY_METHOD or "similarity_z" not in matrices.arrays:
            warnings.warn(f"the store's similarity is not {sim.SIMILARITY_METHOD}; computing it in-process "
                          "(rebuild the store to make this instant)", stacklevel=2)
            arrays = sim.similarity_arrays(conn)
            facts.similarity_z, facts.similarity = arrays["similarity_z"], arrays["similarity"]
    return facts


def scores(similarity_z: np.ndarray, covered: np.ndarray, transfer_weight: float = TRANSFER_WEIGHT) -> np.ndarray:
    """The rank score for rows of sources (any shape; NaN where either part is missing)."""
    return similarity_z + transfer_weight * covered / 100.0


def _opt(value: float, digits: int = 1) -> float | None:
    return None if np.isnan(value) else round(float(value), digits)


def _closest(matrix: np.ndarray, rows: list[int]) -> np.ndarray:
    """The row of one source, or per column the most alike of several (NaN only where all are NaN)."""
    if len(rows) == 1:
        return matrix[rows[0]]
    stacked = matrix[rows]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanmax(stacked, axis=0)


def rank_destinations(matrices: Matrices, source_code: str, top: int = 10, exclude_self: bool = True,
                      max_zone_step: int | None = None, min_wage_gain: float | None = None,
                      min_growth_pct: float | None = None, *, facts: OccupationFacts,
                      transfer_weight: float = TRANSFER_WEIGHT, also_from: tuple[str, ...] = (),
                      covered: np.ndarray | None = None) -> list[dict]:
    """The ``top`` destinations for ``source_code``, best first.

    For a person with several jobs (knowledge/person/): ``source_code`` is the job they have now (the zone and pay
    filters measure from it), ``also_from`` their other jobs (a destination is as alike as the closest of all
    their jobs; none of them is suggested) and ``covered`` the coverage of all their jobs together, per code.

    ``matrices`` from ``matrices_for(engine)``, ``facts`` from ``facts_for(engine)`` (both cached per
    process). Raises KeyError for an unknown code, ValueError when the source cannot be ranked from
    (not rated) or a filter needs a value the source lacks (job zone, wage).
    """
    i = matrices.position[source_code]
    rows = [i, *(matrices.position[c] for c in also_from if c != source_code)]
    sim_z = facts.similarity_z if facts.similarity_z is not None else matrices["similarity_z"]
    alike = facts.similarity if facts.similarity is not None else matrices["similarity"]
    if covered is None:
        covered = matrices["grand"][i]
    closest = _closest(sim_z, rows)
    alike_row = _closest(alike, rows)
    score = scores(closest, covered, transfer_weight)
    keep = ~np.isnan(score)
    if not keep.any():
        raise ValueError(f"{source_code} has no ratings to rank destinations from")
    if exclude_self:
        keep[rows] = False
    zone = facts.job_zone
    if max_zone_step is not None:
        if np.isnan(zone[i]):
            raise ValueError(f"{source_code} has no job zone, so max_zone_step cannot apply")
        keep &= zone - zone[i] <= max_zone_step  # NaN compares False: unknown zones drop out
    wage = facts.median_wage
    if min_wage_gain is not None:
        if np.isnan(wage[i]):
            raise ValueError(f"{source_code} has no national median wage, so min_wage_gain cannot apply")
        keep &= wage - wage[i] >= min_wage_gain
    if min_growth_pct is not None:
        keep &= facts.growth_pct >= min_growth_pct
    candidates = np.flatnonzero(keep)
    if top < len(candidates):
        candidates = candidates[np.argpartition(-score[candidates], top)[:top]]
    order = candidates[np.lexsort((candidates, -score[candidates]))]  # ties: code order
    return [{
        "code": facts.codes[j],
        "title": facts.titles[j],
        "score": round(float(score[j]), 3),
        "alike": _opt(alike_row[j]),
        "covered": _opt(covered[j]),
        "job_zone": None if np.isnan(zone[j]) else int(zone[j]),
        "zone_step": None if np.isnan(zone[j] - zone[i]) else int(zone[j] - zone[i]),
        "median_wage": _opt(wage[j], 0),
        "wage_gain": _opt(wage[j] - wage[i], 0),
        "growth_pct": _opt(facts.growth_pct[j]),
        "annual_openings_k": _opt(facts.openings[j]),
    } for j in order]


def destinations(engine: Engine, source_code: str, **options) -> list[dict]:
    """rank_destinations with the process-wide cached arrays and facts."""
    return rank_destinations(matrices_for(engine), source_code, facts=facts_for(engine), **options)

