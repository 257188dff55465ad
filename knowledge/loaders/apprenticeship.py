"""Registered apprenticeship occupations: the DOL list of apprenticeable occupations (2019, O*NET-SOC
2010 codes), mapped onto the 2019 taxonomy through O*NET's official 2010 to 2019 crosswalk; the title
is used only where the crosswalk has no answer for the code."""
from __future__ import annotations

import re
from pathlib import Path

from rapidfuzz import fuzz, utils
from sqlalchemy import select
from sqlalchemy.engine import Connection

from knowledge import models as m
from knowledge.loaders import Loaded, insert_rows
from knowledge.textfile import read_rows

FILE = "apprenticeship/apprenticeable_occupations_2019_rapidskills.csv"
CROSSWALK_FILE = "soc_crosswalk/2010_to_2019_Crosswalk.csv"
CITATION = "U.S. Department of Labor, Office of Apprenticeship, list of apprenticeable occupations (as of 2019-09-20)"
CROSSWALK_CITATION = "O*NET Resource Center, O*NET-SOC 2010 to O*NET-SOC 2019 crosswalk (2019-12-04), USDOL/ETA, CC BY 4.0"
TYPES = {"TB": "time-based", "CB": "competency-based", "HY": "hybrid"}
CODE_LIKE = re.compile(r"^(\d\d)[-.](\d{4})[-.](\d\d)$")
WORD = re.compile(r"[a-z]+")
# A split 2010 code goes to one of its 2019 codes only when the route's title clearly names it:
# token-set similarity at least CLEAR_TITLE and CLEAR_MARGIN ahead of the next (EMT 98 vs 32).
CLEAR_TITLE, CLEAR_MARGIN = 55, 10


def normalise_code(raw: str | None) -> str | None:
    """'49.3023.02' or '53-2012-00 ' -> '49-3023.02'; None when it is not a code at all."""
    if not raw:
        return None
    match = CODE_LIKE.match(raw.strip())
    return f"{match[1]}-{match[2]}.{match[3]}" if match else None


def read_crosswalk(root: Path) -> dict[str, list[tuple[str, str]]]:
    """O*NET-SOC 2010 code -> every (2019 code, 2019 title) it became; a code can split (README there)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for row in read_rows(root / CROSSWALK_FILE, ["O*NET-SOC 2010 Code", "O*NET-SOC 2019 Code", "O*NET-SOC 2019 Title"], delimiter=","):
        out.setdefault(row.required("O*NET-SOC 2010 Code"), []).append(
            (row.required("O*NET-SOC 2019 Code"), row.required("O*NET-SOC 2019 Title")))
    return out


def _words(title: str) -> set[str]:
    return {w.rstrip("s") for w in WORD.findall(title.lower()) if len(w) > 2}


def _plain_title(title: str) -> str:
    return re.sub(r"\(.*?\)", "", title)  # "(Alternate Title: ...)", "(Military Only)" name no other job


def choose_split(code: str, title: str, targets: list[tuple[str, str]]) -> list[str]:
    """The 2019 codes a split 2010 code's route belongs to (a rule chosen on purpose, not the first match):
    the target the route's title clearly names; else the code itself where it continues (51-9199.00 keeps
    what was not split off); else every target, since the crosswalk cannot tell them apart."""
    scored = sorted(((fuzz.token_set_ratio(_plain_title(title), t, processor=utils.default_process), c) for c, t in targets),
                    reverse=True)
    if scored[0][0] >= CLEAR_TITLE and scored[0][0] - scored[1][0] >= CLEAR_MARGIN:
        return [scored[0][1]]
    codes = sorted(c for c, _ in targets)
    return [code] if code in codes else codes


def by_title(title: str, occupations: dict[str, str]) -> str | None:
    """The occupation whose title shares most words with the route's (Jaccard at least 0.5), or None."""
    wanted = _words(_plain_title(title))
    best, best_score = None, 0.0
    for occ_code, occ_title in occupations.items():
        have = _words(occ_title)
        score = len(wanted & have) / max(1, len(wanted | have))
        if score > best_score:
            best, best_score = occ_code, score
    return best if best_score >= 0.5 else None


def map_code(code: str | None, title: str, occupations: dict[str, str],
             crosswalk: dict[str, list[tuple[str, str]]]) -> tuple[list[str], str]:
    """A route's 2019 occupations and how they were found: crosswalk | title | none.

    Codes older than 2010 (49-3011.01, a 2000-era specialty) are not in the crosswalk, but their
    6-digit occupation (49-3011.00) is: that answer is the crosswalk's too."""
    for key in (code, code and f"{code[:7]}.00"):
        targets = [t for t in crosswalk.get(key or "", []) if t[0] in occupations]
        if len(targets) == 1:
            return [targets[0][0]], "crosswalk"
        if targets:
            return choose_split(key, title, targets), "crosswalk"
    found = by_title(title, occupations)  # no code, a malformed one, or one no crosswalk lists (LOCKSMITH 49-9049.00)
    return ([found], "title") if found else ([], "none")


def load(conn: Connection, root: Path) -> list[Loaded]:
    path = root / FILE
    occupations = dict(conn.execute(select(m.Occupation.code, m.Occupation.title)).all())
    crosswalk = read_crosswalk(root)
    rows, aliases, seen, counts = [], {}, set(), {"crosswalk": 0, "title": 0, "none": 0}
    for row in read_rows(path, ["occupational_title", "rapids_code", "onet_code", "term_length", "type"], delimiter=","):
        kind = row.required("type")
        if kind not in TYPES:
            row.matching("type", lambda v: v in TYPES, "TB, CB or HY")
        title = " ".join(row.required("occupational_title").split())
        given = row.text("onet_code")
        code = normalise_code(given)
        targets, how = map_code(code, title, occupations, crosswalk)
        counts[how] += 1
        term = row.text("term_length")
        for occupation in targets or [None]:
            entry = {"rapids_code": row.required("rapids_code"), "title": title, "onet_code_given": given,
                     "occupation_code": occupation, "match": how, "training_type": TYPES[kind],
                     "term": None if term in (None, "*CB") else f"{term} hours", "source": CITATION}
            key = (entry["rapids_code"], title, occupation, kind, term)
            if key in seen:  # the list repeats some rows word for word: one route, shown once
                continue
            seen.add(key)
            rows.append(entry)
            if code and code not in occupations and occupation and how == "crosswalk":
                aliases[(code, occupation)] = {"alias": code, "occupation_code": occupation, "kind": "onet2010"}
    insert_rows(conn, m.Apprenticeship.__table__, rows)
    insert_rows(conn, m.CodeAlias.__table__, aliases.values())
    note = (f"{counts['crosswalk']} list rows mapped through the O*NET-SOC 2010 to 2019 crosswalk, {counts['title']} by title "
            f"(code not in the crosswalk), {counts['none']} unmapped; list predates 2020 additions")
    return [Loaded("apprenticeship", "DOL apprenticeable occupations", "2019-09-20", [FILE, CROSSWALK_FILE], len(rows),
                   f"{CITATION}; codes mapped with the {CROSSWALK_CITATION}", note)]
