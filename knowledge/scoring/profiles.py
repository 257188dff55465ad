"""Occupations' ratings as numpy arrays: one (occupations x elements) array per domain and scale.

Importance is rescaled to 0-100 as O*NET does, (IM - 1) / 4 * 100; level to 0-100 as LV / 7 * 100.
A missing rating is NaN, so "not rated" never reads as "rated zero".
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sqlalchemy import select
from sqlalchemy.engine import Connection

from knowledge import models as m

DOMAINS = ("abilities", "skills", "knowledge")
DOMAIN_LABELS = {"abilities": "Abilities", "skills": "Skills", "knowledge": "Knowledge"}


def importance_0_100(im: np.ndarray | float) -> np.ndarray | float:
    return (im - 1.0) / 4.0 * 100.0


def level_0_100(lv: np.ndarray | float) -> np.ndarray | float:
    return lv / 7.0 * 100.0


@dataclass
class DomainRatings:
    """Ratings of one domain: ``importance`` and ``level`` are (occupations x elements), 0-100, NaN = missing."""

    element_ids: list[str]
    element_names: list[str]
    importance: np.ndarray
    level: np.ndarray
    suppressed: np.ndarray  # True where O*NET recommends suppressing the level, or marks it not relevant
    # True where O*NET recommends suppressing the level (Recommend Suppress = Y: too few answers or too much
    # spread to trust); None in hand-made profiles, which then treat every suppressed level as not relevant
    unreliable: np.ndarray | None = None

    def rated(self) -> np.ndarray:
        """Which occupations have ratings in this domain at all (computed once)."""
        if getattr(self, "_rated", None) is None:
            self._rated = ~np.all(np.isnan(self.level), axis=1)
        return self._rated


@dataclass
class Profiles:
    codes: list[str]
    titles: list[str]
    domains: dict[str, DomainRatings]

    def index(self, code: str) -> int:
        return self._positions()[code]

    def _positions(self) -> dict[str, int]:
        if not hasattr(self, "_pos"):
            self._pos = {c: i for i, c in enumerate(self.codes)}
        return self._pos


def load_profiles(conn: Connection, domains: tuple[str, ...] = DOMAINS) -> Profiles:
    occupations = conn.execute(select(m.Occupation.code, m.Occupation.title).order_by(m.Occupation.code)).all()
    codes = [c for c, _ in occupations]
    position = {c: i for i, c in enumerate(codes)}
    result = {}
    for domain in domains:
        rows = conn.execute(
            select(m.Rating.occupation_code, m.Rating.element_id, m.Element.name, m.Rating.scale_id, m.Rating.value,
                   m.Rating.recommend_suppress, m.Rating.not_relevant)
            .join(m.Element, m.Element.id == m.Rating.element_id)
            .where(m.Rating.domain == domain)
        ).all()
        elements = sorted({(r.element_id, r.name) for r in rows})
        column = {eid: j for j, (eid, _) in enumerate(elements)}
        shape = (len(codes), len(elements))
        im, lv = np.full(shape, np.nan), np.full(shape, np.nan)
        suppressed, unreliable = np.zeros(shape, dtype=bool), np.zeros(shape, dtype=bool)
        for r in rows:
            i, j = position[r.occupation_code], column[r.element_id]
            if r.scale_id == "IM":
                im[i, j] = importance_0_100(r.value)
            else:
                lv[i, j] = level_0_100(r.value)
                suppressed[i, j] = bool(r.recommend_suppress or r.not_relevant)
                unreliable[i, j] = bool(r.recommend_suppress)
        result[domain] = DomainRatings([e for e, _ in elements], [n for _, n in elements], im, lv, suppressed, unreliable)
    return Profiles(codes, [t for _, t in occupations], result)
