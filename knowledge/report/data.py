"""Everything the career report shows, gathered into one dict: the comparison (``Analyst.compare``, so
every figure equals ``careerbot compare``), what the target job involves (tasks, work activities,
technology), the industries that employ it, training programs with institutions in the state,
apprenticeship routes, other destinations from the current job, and the sources behind all of it.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from knowledge import lookup
from knowledge import models as m
from knowledge.analysis import analyst_for

TOP_TASKS, TOP_ACTIVITIES, TOP_TECH_GROUPS, TOP_DESTINATIONS, TOP_PROGRAMS = 12, 8, 10, 10, 8
# The store tables whose figures the report shows, for its list of sources, in the report's order.
SOURCE_TABLES = ("rating:abilities", "rating:skills", "rating:knowledge", "level_anchor", "education_experience",
                 "job_zone_reference", "task", "rating:work_activities", "technology", "wage", "projection",
                 "cip_soc", "institution", "institution_program", "apprenticeship", "matrix")


def report_data(engine: Engine, from_text: str, to_text: str, state: str | None = None, profile=None) -> dict:
    """The whole report as plain data; raises what ``Analyst.compare`` raises (UnknownCode, AmbiguousJob,
    UnknownJob for the jobs, UnknownCode for the state). ``profile``: the person's whole story
    (knowledge.person.profile.Profile, holding the FROM job), shown at the top when it holds more than one job or
    their schooling."""
    analyst = analyst_for(engine)
    comparison = analyst.compare(from_text, to_text, state=state)
    source, target = comparison["from"], comparison["to"]
    postal = comparison["labor_market"]["area"]["state"]
    with Session(engine) as conn:
        data = {
            "comparison": comparison,
            "target_profile": {"tasks": _tasks(conn, target["code"]), "work_activities": _work_activities(conn, target["code"]),
                               "technology": _technology(conn, target["code"])},
            "industries": {"rows": lookup.top_industries(conn, target["soc"]),
                           "source": analyst.cite("wage") + ", national, by industry"},
            "programs": _programs(conn, target["soc"], postal, analyst),
            "apprenticeships": {"routes": lookup.apprenticeships(conn, target["code"]), "source": analyst.cite("apprenticeship")},
            "sources": _sources(conn),
        }
        data["sources"] += _sources(conn, _apprenticeship_tables(data["apprenticeships"]["routes"]))
    data["destinations"] = _destinations(engine, analyst, source["code"], postal)
    data["person"] = None
    if profile is not None and (len(profile.jobs) > 1 or profile.education is not None):
        from knowledge.person.compare import compare_profile

        data["person"] = compare_profile(analyst, profile, target["code"], state=state)
    return data


def _tasks(conn: Session, code: str) -> dict:
    rows = conn.execute(select(m.Task.task, m.Task.task_type).where(m.Task.occupation_code == code)
                        .order_by((m.Task.task_type == "Core").desc(), m.Task.incumbents_responding.desc().nullslast(),
                                  m.Task.task_id)).all()
    return {"top": [{"task": t, "core": ty == "Core"} for t, ty in rows[:TOP_TASKS]], "count": len(rows),
            "source": lookup.citation(conn, "task")}


def _work_activities(conn: Session, code: str) -> dict:
    """The target's work activities, most important first (importance rescaled to 0-100 as O*NET does)."""
    rows = conn.execute(
        select(m.Element.name, m.Element.description, m.Rating.value)
        .join(m.Element, m.Element.id == m.Rating.element_id)
        .where(m.Rating.occupation_code == code, m.Rating.domain == "work_activities", m.Rating.scale_id == "IM")
        .order_by(m.Rating.value.desc(), m.Element.name).limit(TOP_ACTIVITIES)
    ).all()
    return {"top": [{"activity": n, "description": d, "importance": round((v - 1) / 4 * 100)} for n, d, v in rows],
            "source": lookup.citation(conn, "rating:work_activities")}


def _technology(conn: Session, code: str) -> dict:
    """Software examples grouped by kind; kinds with software in demand for this job first.

    Why In Demand and not Hot Technology: O*NET's Hot Technology flag is economy-wide (Apache Spark is
    hot everywhere), its In Demand column says employers ask for it in this occupation's job postings."""
    rows = conn.execute(select(m.Technology.commodity_title, m.Technology.example, m.Technology.in_demand)
                        .where(m.Technology.occupation_code == code)
                        .order_by(m.Technology.in_demand.desc(), m.Technology.example)).all()
    groups: dict[str, dict] = {}
    for kind, example, in_demand in rows:
        group = groups.setdefault(kind or "Other software", {"kind": kind or "Other software", "examples": [], "in_demand": False})
        group["examples"].append({"example": example, "in_demand": bool(in_demand)})
        group["in_demand"] |= bool(in_demand)
    ordered = sorted(groups.values(), key=lambda g: (not g["in_demand"], -len(g["examples"]), g["kind"]))
    return {"groups": ordered[:TOP_TECH_GROUPS], "group_count": len(ordered), "count": len(rows),
            "source": lookup.citation(conn, "technology")}


def _programs(conn: Session, soc: str, postal: str | None, analyst) -> dict:
    programs = lookup.programs(conn, soc, postal)
    return {"rows": programs[:TOP_PROGRAMS], "count": len(programs), "state": postal,
            "source": analyst.cite("cip_soc"),
            "institutions_source": f"{analyst.cite('institution')}; {analyst.cite('institution_program')}"}


def _destinations(engine: Engine, analyst, source_code: str, postal: str | None) -> dict:
    from knowledge.analysis_cli import RANKING_NOTE
    from knowledge.scoring.destinations import destinations

    out = {"ranking": RANKING_NOTE, "rows": [], "state": postal, "why_none": None,
           "sources": {"scores": analyst.cite("matrix"), "wages": analyst.cite("wage"), "projections": analyst.cite("projection")}}
    try:
        out["rows"] = destinations(engine, source_code, top=TOP_DESTINATIONS)
    except ValueError as exc:  # the current job has no ratings to rank from
        out["why_none"] = str(exc)
    if postal:  # the person's state: local medians beside the national ones, as `careerbot explore --state` does
        local = analyst.wages(analyst.area(postal)[0])
        mine = (local.get(analyst.occupations[source_code].soc) or {}).get("annual_median")
        for d in out["rows"]:
            theirs = (local.get(analyst.occupations[d["code"]].soc) or {}).get("annual_median")
            d["state_median_wage"] = theirs
            d["state_wage_gain"] = theirs - mine if theirs is not None and mine is not None else None
    return out


def _apprenticeship_tables(routes: list[dict]) -> list[str]:
    """The seed documents behind a route's competencies and related instruction, where the store has them."""
    tables = []
    for r in routes:
        code = r["rapids_code"]
        tables += [f"apprenticeship:{code}", *(f"apprenticeship_competency:{code}:{s}" for s in r.get("competency_sources", {})),
                   f"apprenticeship_course:{code}"]
    return tables


def _sources(conn: Session, tables=SOURCE_TABLES) -> list[dict]:
    rows = {r.table_name: r for r in conn.execute(select(m.Source).where(m.Source.table_name.in_(list(tables)))).scalars()}
    seen, out = set(), []
    for table in tables:  # one line per distinct citation, in the report's order
        r = rows.get(table)
        if r is not None and r.citation not in seen:
            seen.add(r.citation)
            out.append({"dataset": r.dataset, "release": r.release, "citation": r.citation})
    return out
