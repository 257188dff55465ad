"""Occupations BLS publishes only under a combined code (OEWS and projections both do it).

OEWS May 2025 has no row for 31-1121 Home Health Aides or 31-1122 Personal Care Aides, only for 31-1120
Home Health and Personal Care Aides together; likewise 21-1018 for 21-1011 and 21-1014, 25-9045 for the
teaching assistants, 29-2010 for the lab technologists and technicians. The combinations are found from
the data, not listed by hand: a published code that is no occupation of the store, in the same SOC broad
group (the first five digits) as occupations that have no row of their own."""
from __future__ import annotations

from collections.abc import Iterable


def broad_group(soc: str) -> str:
    return soc[:6]  # "31-1122" -> "31-112"


def combined_codes(occupation_socs: Iterable[str], published: Iterable[str]) -> dict[str, str]:
    """Each occupation without a published row -> the combined code its figures are published under.

    Where both a combination (21-1018) and the SOC broad group (21-1010, which also counts the
    counselors published on their own) are published, the combination is the nearer figure: codes not
    ending in 0 first. Major and minor groups (..-0000, ..-X000) never stand in for an occupation."""
    occupations, published = set(occupation_socs), set(published)
    candidates: dict[str, list[str]] = {}
    for code in published - occupations:
        if not code.endswith("00"):
            candidates.setdefault(broad_group(code), []).append(code)
    out = {}
    for soc in sorted(occupations - published):
        groups = sorted(candidates.get(broad_group(soc), []), key=lambda c: (c.endswith("0"), c))
        if groups:
            out[soc] = groups[0]
    return out
