"""``careerbot occupation``: one occupation's full profile, every part with its source."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge import lookup
from knowledge import models as m
from knowledge.formatting import group_note, pay
from knowledge.scoring.profiles import importance_0_100, level_0_100


def ratings(conn: Session, code: str, domain: str) -> list[dict]:
    rows = conn.execute(
        select(m.Rating.element_id, m.Element.name, m.Rating.scale_id, m.Rating.value, m.Rating.n, m.Rating.std_error,
               m.Rating.recommend_suppress, m.Rating.not_relevant)
        .join(m.Element, m.Element.id == m.Rating.element_id)
        .where(m.Rating.occupation_code == code, m.Rating.domain == domain)
    ).all()
    by_element: dict[str, dict] = {}
    for r in rows:
        entry = by_element.setdefault(r.element_id, {"element_id": r.element_id, "element": r.name})
        key = "importance" if r.scale_id == "IM" else "level"
        entry[key] = {"raw": r.value, "scaled": round(importance_0_100(r.value) if key == "importance" else level_0_100(r.value), 1),
                      "n": r.n, "std_error": r.std_error}
        if key == "level":
            entry["level"]["recommend_suppress"] = r.recommend_suppress
            entry["level"]["not_relevant"] = r.not_relevant
    return sorted(by_element.values(), key=lambda e: -(e.get("importance") or {}).get("raw", 0))


def education_experience(conn: Session, code: str) -> list[dict]:
    rows = conn.execute(
        select(m.EducationExperience, m.EducationCategory.description)
        .join(m.EducationCategory, (m.EducationCategory.element_id == m.EducationExperience.element_id)
              & (m.EducationCategory.scale_id == m.EducationExperience.scale_id)
              & (m.EducationCategory.category == m.EducationExperience.category), isouter=True)
        .where(m.EducationExperience.occupation_code == code)
        .order_by(m.EducationExperience.element_id, m.EducationExperience.category)
    ).all()
    grouped: dict[str, dict] = {}
    for row, label in rows:
        group = grouped.setdefault(row.element_id, {"element_id": row.element_id, "element": row.element_name, "categories": []})
        group["categories"].append({"category": row.category, "label": label, "percent": row.percent})
    return list(grouped.values())


def occupation_profile(conn: Session, code_text: str, state: str | None = None, top: int = 10) -> dict:
    code = lookup.resolve_code(conn, code_text)
    occ = conn.execute(select(m.Occupation).where(m.Occupation.code == code)).scalars().one()
    area = lookup.state_area(conn, state)
    zone = conn.execute(select(m.JobZoneReference).where(m.JobZoneReference.zone == occ.job_zone)).scalars().first()
    cite = lambda table: lookup.citation(conn, table)  # noqa: E731
    tasks = conn.execute(select(m.Task.task, m.Task.task_type).where(m.Task.occupation_code == code)
                         .order_by((m.Task.task_type == "Core").desc(), m.Task.incumbents_responding.desc().nullslast(), m.Task.task_id)).all()
    # In Demand is O*NET's flag for this occupation's job postings; Hot Technology is economy-wide
    tech = conn.execute(select(m.Technology.example, m.Technology.commodity_title, m.Technology.in_demand, m.Technology.hot)
                        .where(m.Technology.occupation_code == code).order_by(m.Technology.in_demand.desc(), m.Technology.example)).all()
    profile = {
        "code": code,
        "asked_for": code_text.strip(),
        "soc": occ.soc,
        "title": occ.title,
        "description": occ.description,
        "job_zone": {"zone": occ.job_zone, "name": zone.name if zone else None, "education": zone.education if zone else None,
                     "experience": zone.experience if zone else None, "source": cite("occupation")},
        "abilities": {"ratings": ratings(conn, code, "abilities"), "source": cite("rating:abilities")},
        "skills": {"ratings": ratings(conn, code, "skills"), "source": cite("rating:skills")},
        "knowledge": {"ratings": ratings(conn, code, "knowledge"), "source": cite("rating:knowledge")},
        "education_experience": {"distributions": education_experience(conn, code), "source": cite("education_experience")},
        "tasks": {"top": [{"task": t, "type": ty} for t, ty in tasks[:top]], "count": len(tasks), "source": cite("task")},
        "technology": {"examples": [{"example": e, "category": c, "in_demand": bool(d), "hot_technology": bool(h)}
                                    for e, c, d, h in tech[:top]], "count": len(tech),
                       "source": cite("technology")},
        "wages": {"national": lookup.wages(conn, occ.soc), "source": cite("wage")},
        "projections": {"national": lookup.projection(conn, occ.soc), "source": cite("projection")},
        "programs": {"cip": lookup.programs(conn, occ.soc, area.state if area else None), "source": cite("cip_soc"),
                     "institutions_source": cite("institution_program")},
        "apprenticeships": {"occupations": lookup.apprenticeships(conn, code), "source": cite("apprenticeship")},
    }
    if area:
        profile["wages"]["state"] = {"state": area.state, "name": area.name, **(lookup.wages(conn, occ.soc, area.code) or {"employment": None})}
    return profile


def render_profile(p: dict) -> str:
    lines = [f"{p['title']} ({p['code']}), job zone {p['job_zone']['zone']}: {p['job_zone']['name']}", p["description"], ""]
    for domain in ("abilities", "skills", "knowledge"):
        top = [r for r in p[domain]["ratings"] if "importance" in r][:5]
        lines.append(f"Top {domain}: " + ", ".join(f"{r['element']} (importance {r['importance']['scaled']:.0f})" for r in top))
    nat = p["wages"]["national"]
    if nat:
        lines.append(f"Median wage, national: {pay(nat)}{group_note(nat)}  [{p['wages']['source']}]")
    if "state" in p["wages"]:
        st = p["wages"]["state"]
        lines.append(f"Median wage, {st['name']}: {pay(st)}{group_note(st)}")
    proj = p["projections"]["national"]
    if proj:
        lines.append(f"Jobs 2024-34{group_note(proj)}: {proj['change_pct']:+.1f}%, {proj['annual_openings']:,} openings a year  "
                     f"[{p['projections']['source']}]")
    lines.append("Programs: " + ", ".join(f"{c['title']} ({c['cip']})" for c in p["programs"]["cip"][:5]))
    lines.append("Apprenticeships: " + (", ".join(f"{a['title']} ({a['rapids_code']}, {a['training_type']})"
                                                   for a in p["apprenticeships"]["occupations"]) or "none listed"))
    return "\n".join(lines)
