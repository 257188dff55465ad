"""Reading the store: codes to occupations, wages, projections, programs and apprenticeships.

Functions take an ORM Session (``Session(engine)``): whole-row selects come back as model objects."""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from knowledge import models as m

MILITARY_GROUP = "55-"  # O*NET's military occupations: rated for nothing, so never something to compare
ALL_OCCUPATIONS = "00-0000"  # OEWS's total of all occupations (an area's or an industry's)

CODE_LIKE = re.compile(r"^\s*(\d\d)[-.]?(\d{4})(?:[.-](\d\d))?\s*$")


class UnknownCode(LookupError):
    """No occupation has this code in any taxonomy the store knows."""


def normalise_code(text: str) -> str | None:
    """'434051', '43-4051', '43-4051.00', '43.4051.00' -> canonical form; None if not code-shaped."""
    match = CODE_LIKE.match(text)
    if not match:
        return None
    return f"{match[1]}-{match[2]}" + (f".{match[3]}" if match[3] else "")


def aliases(conn: Session) -> dict[str, list[str]]:
    """The whole crosswalk: every code to the 2019 occupations it names."""
    out: dict[str, list[str]] = {}
    for alias, code in conn.execute(select(m.CodeAlias.alias, m.CodeAlias.occupation_code).order_by(m.CodeAlias.occupation_code)):
        out.setdefault(alias, []).append(code)
    return out


def occupations_for_code_in(crosswalk: dict[str, list[str]], text: str) -> list[str]:
    """Every 2019 occupation a code names: itself, the members of a SOC code, or what an old 2010 code became."""
    code = normalise_code(text)
    if code is None:
        return []
    if code in crosswalk:
        return crosswalk[code]
    if len(code) == 10:  # an O*NET-SOC code from an older taxonomy: fall back to its 6-digit SOC
        soc_members = crosswalk.get(code[:7], [])
        primary = f"{code[:7]}.00"
        return [primary] if primary in soc_members else soc_members
    return []


def resolve_code_in(crosswalk: dict[str, list[str]], text: str) -> str:
    """One occupation for a code, preferring the SOC's '.00' occupation; raises UnknownCode."""
    found = occupations_for_code_in(crosswalk, text)
    if not found:
        raise UnknownCode(f"no occupation has the code {text.strip()[:40]!r}")
    code = normalise_code(text)
    if code in found:
        return code
    primary = f"{found[0][:7]}.00"
    return primary if primary in found else found[0]


def _crosswalk_for(conn: Session, text: str) -> dict[str, list[str]]:
    """The part of the crosswalk a code can reach: the code itself and its 6-digit SOC."""
    code = normalise_code(text)
    crosswalk: dict[str, list[str]] = {}
    if code is None:
        return crosswalk
    rows = conn.execute(select(m.CodeAlias.alias, m.CodeAlias.occupation_code)
                        .where(m.CodeAlias.alias.in_([code, code[:7]])).order_by(m.CodeAlias.occupation_code))
    for alias, occ in rows:
        crosswalk.setdefault(alias, []).append(occ)
    return crosswalk


def occupations_for_code(conn: Session, text: str) -> list[str]:
    return occupations_for_code_in(_crosswalk_for(conn, text), text)


def resolve_code(conn: Session, text: str) -> str:
    """One occupation for a code, preferring the SOC's '.00' occupation; raises UnknownCode."""
    return resolve_code_in(_crosswalk_for(conn, text), text)


@dataclass(frozen=True)
class Cited:
    """A value with the source that backs it, so every figure an answer shows can name it."""

    value: object
    source: str

    def as_dict(self) -> dict:
        return {"value": self.value, "source": self.source}


def citation(conn: Session, table: str) -> str:
    row = conn.execute(select(m.Source.citation).where(m.Source.table_name == table)).first()
    return row[0] if row else "not loaded in this store"


def state_area(conn: Session, state: str | None) -> m.Area | None:
    if not state:
        return None
    state = state.strip().upper()
    area = conn.execute(select(m.Area).where(m.Area.kind == "S", (m.Area.state == state) | (func.upper(m.Area.name) == state))).scalars().first()
    if area is None:
        raise UnknownCode(f"no state or territory {state!r} in the OEWS data (use a postal code like ME)")
    return area


NATIONAL, ALL_INDUSTRIES = "0000000", "000000"
STATE_POSTAL_50_DC = ("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY "
                      "NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY").split()
WAGE_FIELDS = ("employment", "annual_p10", "annual_p25", "annual_median", "annual_mean", "annual_p75", "annual_p90",
               "hourly_p10", "hourly_p25", "hourly_median", "hourly_mean", "hourly_p75", "hourly_p90")


def _wage_dict(row: m.Wage) -> dict:
    """One area's figures; ``reported_as`` names the combined code BLS publishes them under (None: the job's own),
    ``hourly_only`` says BLS gives an hourly rate but no yearly pay (musicians, actors: not year-round work)."""
    return {f: getattr(row, f) for f in WAGE_FIELDS} | {
        "top_coded": bool(row.top_coded), "reported_as": row.reported_as, "reported_as_title": row.reported_as_title,
        "hourly_only": row.annual_median is None and row.hourly_median is not None}


def wages(conn: Session, soc: str, area_code: str = NATIONAL) -> dict | None:
    row = conn.execute(select(m.Wage).where(m.Wage.soc == soc, m.Wage.area_code == area_code,
                                            m.Wage.industry_code == ALL_INDUSTRIES)).scalars().first()
    return None if row is None else _wage_dict(row)


def wages_in_area(conn: Session, area_code: str = NATIONAL) -> dict[str, dict]:
    """Every occupation's cross-industry wages in one area, by SOC code (one query, for caching)."""
    rows = conn.execute(select(m.Wage).where(m.Wage.area_code == area_code, m.Wage.industry_code == ALL_INDUSTRIES)).scalars()
    return {row.soc: _wage_dict(row) for row in rows}


OWNERSHIP_SPLIT = re.compile(r"^\d{4}0[1-9]$")  # OEWS 611002 "Educational Services, State Government Owned" ...


def top_industries(conn: Session, soc: str, limit: int = 5) -> list[dict]:
    """Industries (4-digit NAICS level) employing the most people in this occupation, nationally.

    OEWS also publishes hospitals and schools split by ownership (622005 "Hospitals, Privately Owned"
    is part of 622100 and the other hospital rows): those rows count the same people again, so they are left out.
    For a job BLS publishes only in a group (31-1122 in 31-1120) the rows are the group's, marked ``reported_as``."""
    total = wages(conn, soc)
    group = total.get("reported_as") if total else None
    soc = group or soc
    rows = conn.execute(
        select(m.Industry.code, m.Industry.name, m.Wage.employment)
        .join(m.Industry, m.Industry.code == m.Wage.industry_code)
        .where(m.Wage.soc == soc, m.Wage.area_code == "0000000", m.Industry.level == 4, m.Wage.employment.isnot(None))
        .order_by(m.Wage.employment.desc(), m.Industry.code)
    ).all()
    rows = [r for r in rows if not OWNERSHIP_SPLIT.match(r[0])][:limit]
    national = total["employment"] if total and total["employment"] else None
    return [{"naics": c, "industry": n, "employment": e, "share_pct": round(100 * e / national, 1) if national else None,
             "reported_as": group, "reported_as_title": total["reported_as_title"] if group else None} for c, n, e in rows]


def _projection_dict(row: m.Projection) -> dict:
    return {"soc": row.soc, "title": row.title, "employment_2024": _thousands(row.employment_2024),
            "employment_2034": _thousands(row.employment_2034), "change_pct": row.change_pct,
            "annual_openings": _thousands(row.annual_openings), "median_wage_2024": row.median_wage_2024,
            "entry_education": row.entry_education, "work_experience": row.work_experience,
            "on_the_job_training": row.on_the_job_training,
            # a combined code's row (29-2010 for 29-2011): its title is the group's, say so where it is shown
            "reported_as": row.reported_as}


def all_projections(conn: Session) -> dict[str, dict]:
    return {row.soc: _projection_dict(row) for row in conn.execute(select(m.Projection)).scalars()}


def projection_for(projections: dict[str, dict], soc: str) -> dict | None:
    """A few projections rows are SOC broad groups (29-2010 holds 29-2011 ...): fall back to the group."""
    return projections.get(soc) or projections.get(soc[:6] + "0")


def projection(conn: Session, soc: str) -> dict | None:
    row = conn.execute(select(m.Projection).where(m.Projection.soc.in_([soc, soc[:6] + "0"])).order_by(m.Projection.soc.desc())).scalars().first()
    return None if row is None else _projection_dict(row)


def _thousands(value: float | None) -> int | None:
    return None if value is None else int(round(value * 1000))


def programs(conn: Session, soc: str, state: str | None = None, institutions_per_program: int = 5,
             metro: str | None = None, education: str | None = None) -> list[dict]:
    """CIP programs that prepare for the occupation; with a state, schools there that award the field, near
    ``metro`` (an OEWS metro code) first and the credential ``education`` (BLS typical entry education) needs
    first (see knowledge/schools.py), with how many schools there are."""
    from knowledge.schools import schools

    rows = conn.execute(
        select(m.CipProgram.code, m.CipProgram.title, m.CipProgram.definition)
        .join(m.CipSoc, m.CipSoc.cip_code == m.CipProgram.code).where(m.CipSoc.soc == soc).order_by(m.CipProgram.code)
    ).all()
    out = []
    for code, title, definition in rows:
        entry = {"cip": code, "title": title, "definition": definition}
        if state:
            found = schools(conn, code[:5], state, metro, education, institutions_per_program)
            entry["institutions"] = found.pop("schools")
            entry["school_counts"] = found
        out.append(entry)
    return out


def apprenticeships(conn: Session, code: str) -> list[dict]:
    rows = conn.execute(select(m.Apprenticeship).where(m.Apprenticeship.occupation_code == code)
                        .order_by(m.Apprenticeship.rapids_code)).scalars().all()
    out = []
    for a in rows:
        competencies = conn.execute(select(m.ApprenticeshipCompetency).where(m.ApprenticeshipCompetency.rapids_code == a.rapids_code)
                                    .order_by(m.ApprenticeshipCompetency.schedule, m.ApprenticeshipCompetency.seq)).scalars().all()
        courses = conn.execute(select(m.ApprenticeshipCourse).where(m.ApprenticeshipCourse.rapids_code == a.rapids_code)
                               .order_by(m.ApprenticeshipCourse.seq)).scalars().all()
        entry = {"rapids_code": a.rapids_code, "title": a.title, "training_type": a.training_type, "term": a.term,
                 "onet_code_given": a.onet_code_given, "match": a.match, "source": a.source}
        if competencies:
            entry["competencies"] = [{"schedule": c.schedule, "category": c.category, "competency": c.competency} for c in competencies]
            # each schedule comes from its own document (the bulletin's work process, the OJT core list)
            entry["competency_sources"] = {schedule: citation(conn, f"apprenticeship_competency:{a.rapids_code}:{schedule}")
                                           for schedule in sorted({c.schedule for c in competencies})}
        if courses:
            entry["related_instruction"] = {"courses": [{"course": c.course, "hours": c.hours} for c in courses],
                                            "hours": sum(c.hours for c in courses),
                                            "source": citation(conn, f"apprenticeship_course:{a.rapids_code}")}
        out.append(entry)
    return out


def related_destinations(engine, source_code: str, top: int = 5) -> list[dict]:
    """O*NET's own list of related occupations (Related Occupations.txt, its order), with the same pay and outlook
    fields as ``rank_destinations`` and no score or coverage: for a job O*NET has not rated (Taxi Drivers), whose
    experience can't be measured against anything, the jobs O*NET's analysts name as related to it."""
    import math

    from knowledge.scoring.destinations import facts_for  # the same pay and outlook as ranked destinations

    def value(x: float, digits: int = 1) -> float | None:
        return None if math.isnan(x) else round(float(x), digits)

    facts = facts_for(engine)
    with engine.connect() as conn:
        related = conn.execute(select(m.RelatedOccupation.related_code).where(
            m.RelatedOccupation.occupation_code == source_code).order_by(m.RelatedOccupation.rank)).scalars().all()
    i = facts.position.get(source_code)
    out = []
    for code in related:
        j = facts.position.get(code)
        if j is None:
            continue
        out.append({"code": code, "title": facts.titles[j], "score": None, "alike": None, "covered": None,
                    "job_zone": None if math.isnan(facts.job_zone[j]) else int(facts.job_zone[j]), "zone_step": None,
                    "median_wage": value(facts.median_wage[j], 0),
                    "wage_gain": value(facts.median_wage[j] - facts.median_wage[i], 0) if i is not None else None,
                    "growth_pct": value(facts.growth_pct[j]), "annual_openings_k": value(facts.openings[j])})
        if len(out) == top:
            break
    return out
