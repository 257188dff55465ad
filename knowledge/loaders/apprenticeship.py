"""Registered apprenticeship occupations: the DOL list of apprenticeable occupations (2019, O*NET-SOC
2010 codes), mapped onto the 2019 taxonomy through one crosswalk (``code_alias``)."""
from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Connection

from knowledge import models as m
from knowledge.loaders import Loaded, insert_rows
from knowledge.textfile import read_rows

FILE = "apprenticeship/apprenticeable_occupations_2019_rapidskills.csv"
CITATION = "U.S. Department of Labor, Office of Apprenticeship, list of apprenticeable occupations (as of 2019-09-20)"
TYPES = {"TB": "time-based", "CB": "competency-based", "HY": "hybrid"}
CODE_LIKE = re.compile(r"^(\d\d)[-.](\d{4})[-.](\d\d)$")
WORD = re.compile(r"[a-z]+")


def normalise_code(raw: str | None) -> str | None:
    """'49.3023.02' or '53-2012-00 ' -> '49-3023.02'; None when it is not a code at all."""
    if not raw:
        return None
    match = CODE_LIKE.match(raw.strip())
    return f"{match[1]}-{match[2]}.{match[3]}" if match else None


def _words(title: str) -> set[str]:
    return {w.rstrip("s") for w in WORD.findall(title.lower()) if len(w) > 2}


def map_code(code: str | None, title: str, occupations: dict[str, str]) -> tuple[str | None, str]:
    """Map a (possibly O*NET-SOC 2010) code to a 2019 occupation: exact, same SOC, then title words."""
    if code in occupations:
        return code, "exact"
    if code:
        same_soc = sorted(c for c in occupations if c.startswith(code[:7]))
        if len(same_soc) == 1 or (same_soc and f"{code[:7]}.00" in same_soc):
            return (same_soc[0] if len(same_soc) == 1 else f"{code[:7]}.00"), "soc"
    # Renumbered SOC (e.g. 15-1122 became 15-1212): the title is all that is left to go on.
    wanted = _words(re.sub(r"\(.*?\)", "", title))
    best, best_score = None, 0.0
    for occ_code, occ_title in occupations.items():
        have = _words(occ_title)
        score = len(wanted & have) / max(1, len(wanted | have))
        if score > best_score:
            best, best_score = occ_code, score
    return (best, "title") if best_score >= 0.5 else (None, "none")


def load(conn: Connection, root: Path) -> list[Loaded]:
    path = root / FILE
    occupations = dict(conn.execute(select(m.Occupation.code, m.Occupation.title)).all())
    rows, aliases = [], {}
    for row in read_rows(path, ["occupational_title", "rapids_code", "onet_code", "term_length", "type"], delimiter=","):
        kind = row.required("type")
        if kind not in TYPES:
            row.matching("type", lambda v: v in TYPES, "TB, CB or HY")
        title = " ".join(row.required("occupational_title").split())
        given = row.text("onet_code")
        code = normalise_code(given)
        occupation, how = map_code(code, title, occupations)
        term = row.text("term_length")
        rows.append({"rapids_code": row.required("rapids_code"), "title": title, "onet_code_given": given,
                     "occupation_code": occupation, "match": how, "training_type": TYPES[kind],
                     "term": None if term in (None, "*CB") else f"{term} hours", "source": CITATION})
        if code and code not in occupations and occupation:
            aliases[(code, occupation)] = {"alias": code, "occupation_code": occupation, "kind": "onet2010"}
    insert_rows(conn, m.Apprenticeship.__table__, rows)
    insert_rows(conn, m.CodeAlias.__table__, aliases.values())
    unmatched = sum(1 for r in rows if r["match"] == "none")
    return [Loaded("apprenticeship", "DOL apprenticeable occupations", "2019-09-20", [FILE], len(rows), CITATION,
                   f"{unmatched} rows could not be mapped to an O*NET 2019 occupation; list predates 2020 additions")]
