"""Which schools to name for a study program: near the person first, the credential the job needs first.

People asked "any schools near Houston?": a list of the state's first schools by name told them nothing.
So the schools awarding a program field (4-digit CIP, College Scorecard) in the state are ordered:
those in the person's metro area first (IPEDS CBSA; an OEWS metro code is "00" + the CBSA code), then
the rest of the state nearest that metro first (IPEDS latitude/longitude), and within each, schools that
award the credential the job usually needs (BLS typical entry education) before the others. When the job
needs a degree, schools that award only certificates in the field are left out (and counted), because
their program does not lead to the job's usual start.
"""
from __future__ import annotations

import math

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from knowledge import models as m

# Scorecard credential levels: 1 undergraduate certificate, 2 associate's, 3 bachelor's, 4 post-baccalaureate
# certificate, 5 master's, 6 doctoral, 7 first professional, 8 graduate certificate, 99 non-credential
CERTIFICATES = {1, 4, 8, 99}
CREDENTIAL_WORDS = {1: "certificate", 2: "associate's", 3: "bachelor's", 4: "certificate", 5: "master's",
                    6: "doctorate", 7: "professional degree", 8: "certificate", 99: "non-credit"}
# BLS typical entry education -> the Scorecard credential levels that lead to it
NEEDED_LEVELS = {
    "Postsecondary nondegree award": {1},
    "Associate's degree": {2},
    "Bachelor's degree": {3},
    "Master's degree": {5},
    "Doctoral or professional degree": {6, 7},
}
DEGREE_EDUCATION = {"Associate's degree", "Bachelor's degree", "Master's degree", "Doctoral or professional degree"}


def cbsa_of_metro(metro: str | None) -> str | None:
    """'0026420' (OEWS metro area) -> '26420' (CBSA, as IPEDS writes it)."""
    if not metro or not str(metro).isdigit():
        return None
    return str(metro)[-5:]


def schools(conn: Session, cip4: str, state: str, metro: str | None = None, education: str | None = None,
            limit: int = 3) -> dict:
    """Schools in ``state`` awarding ``cip4``, ordered as the module says.

    Returns {"schools": [{"name","city","address","url","credentials","in_metro"}] (at most ``limit``),
    "in_state": how many schools in the state (after leaving out certificate-only ones),
    "in_metro": how many of them in the metro (None without one), "certificate_only_left_out": count}.
    """
    rows = conn.execute(
        select(m.Institution, m.InstitutionProgram.credential_level)
        .join(m.InstitutionProgram, m.InstitutionProgram.unitid == m.Institution.unitid)
        .where(m.InstitutionProgram.cip4 == cip4, m.Institution.state == state.upper())
        .order_by(m.Institution.name, m.InstitutionProgram.credential_level)
    ).all()
    grouped: dict[int, tuple[m.Institution, list[int]]] = {}
    for inst, level in rows:
        grouped.setdefault(inst.unitid, (inst, []))[1].append(level)
    left_out = 0
    if education in DEGREE_EDUCATION:
        kept = {k: v for k, v in grouped.items() if not set(v[1]) <= CERTIFICATES}
        left_out, grouped = len(grouped) - len(kept), kept
    cbsa = cbsa_of_metro(metro)
    centre = _centre(conn, cbsa) if cbsa else None
    needed = NEEDED_LEVELS.get(education or "", set())

    def order(item: tuple[m.Institution, list[int]]):
        inst, levels = item
        return (cbsa is not None and inst.cbsa != cbsa, bool(needed) and not needed & set(levels),
                _distance(centre, inst), inst.name)

    ordered = sorted(grouped.values(), key=order)
    return {"schools": [{"name": i.name, "city": i.city, "address": i.address, "url": i.url,
                         "credentials": list(dict.fromkeys(CREDENTIAL_WORDS.get(lv, str(lv)) for lv in levels)),
                         "credential": _shown_credential(levels, needed),
                         "in_metro": bool(cbsa) and i.cbsa == cbsa} for i, levels in ordered[:limit]],
            "in_state": len(ordered), "in_metro": sum(i.cbsa == cbsa for i, _ in ordered) if cbsa else None,
            "certificate_only_left_out": left_out}


def label(school: dict) -> str:
    """'San Jacinto College (Pasadena, associate's)': a school as the chat and the conversation record name it."""
    where = ", ".join(x for x in (school.get("city"), school.get("credential")) if x)
    return f"{school.get('name')} ({where})" if where else str(school.get("name"))


def _shown_credential(levels: list[int], needed: set[int]) -> str:
    """The one credential to name in a short answer: the one the job needs when the school awards it, else the
    school's highest (non-credit coursework last)."""
    fit = sorted(needed & set(levels))
    level = fit[0] if fit else max(levels, key=lambda lv: (lv != 99, lv))
    return CREDENTIAL_WORDS.get(level, str(level))


def _centre(conn: Session, cbsa: str) -> tuple[float, float] | None:
    """The mean position of the metro's schools: where "near the metro" is measured from."""
    lat, lon = conn.execute(select(func.avg(m.Institution.latitude), func.avg(m.Institution.longitude))
                            .where(m.Institution.cbsa == cbsa)).one()
    return (lat, lon) if lat is not None else None


def _distance(centre: tuple[float, float] | None, inst: m.Institution) -> float:
    """Rough distance in degrees (enough to order schools); 0 without a centre, so the order falls to the name."""
    if centre is None:
        return 0.0
    if inst.latitude is None or inst.longitude is None:
        return math.inf
    dlat, dlon = inst.latitude - centre[0], (inst.longitude - centre[1]) * math.cos(math.radians(centre[0]))
    return math.hypot(dlat, dlon)
