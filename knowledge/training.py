""""How do I get there?": training programs for an occupation, with institutions in a state.

The federal CIP-SOC crosswalk links study programs (CIP) to occupations (SOC). Some occupations have
no program of their own there (Court, Municipal, and License Clerks: people learn on the job), so
``training_routes`` falls back to the programs of the occupations most alike in the same SOC minor
group (the first four digits, e.g. 43-40 "Information and Record Clerks"), most alike first, and says
so: ``basis`` is ``"own"`` or ``"related"`` with the occupations the programs were borrowed from.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from knowledge import lookup
from knowledge import models as m

RELATED_OCCUPATIONS = 3  # borrow programs from at most this many related occupations


def training_routes(engine: Engine, code: str, state: str | None = None, limit: int = 4,
                    institutions_per_program: int = 3, metro: str | None = None, education: str | None = None) -> dict:
    """Programs that prepare for ``code`` (a 2019 O*NET-SOC code), with institutions in ``state``, those in
    ``metro`` (OEWS metro code) first and those awarding the credential ``education`` needs first.

    Returns {"code", "soc", "basis": "own"|"related"|"none", "related": [{"code","title"}],
    "programs": [{"cip","title","definition","institutions": [...], "for": title}], "source"}.
    """
    with Session(engine) as conn:
        occ = conn.execute(select(m.Occupation).where(m.Occupation.code == code)).scalars().one()
        source = "; ".join(dict.fromkeys(lookup.citation(conn, t) for t in ("cip_soc", "institution", "institution_program")))
        own = lookup.programs(conn, occ.soc, state, institutions_per_program, metro, education)
        if own:
            return {"code": code, "soc": occ.soc, "title": occ.title, "basis": "own", "related": [],
                    "programs": [dict(p, **{"for": occ.title}) for p in own[:limit]], "source": source}
        related = _related_in_group(engine, conn, occ)
        programs, used, seen = [], [], set()
        for other in related:
            found = [p for p in lookup.programs(conn, other.soc, state, institutions_per_program, metro, education) if p["cip"] not in seen]
            if not found:
                continue
            used.append({"code": other.code, "title": other.title})
            for p in found:
                seen.add(p["cip"])
                programs.append(dict(p, **{"for": other.title}))
            if len(used) >= RELATED_OCCUPATIONS or len(programs) >= limit:
                break
        if state:  # programs with a school in the state first, keeping the likeness order otherwise
            programs.sort(key=lambda p: not p.get("institutions"))
        return {"code": code, "soc": occ.soc, "title": occ.title, "basis": "related" if programs else "none",
                "related": used, "programs": programs[:limit], "source": source}


def _related_in_group(engine: Engine, conn: Session, occ: m.Occupation) -> list[m.Occupation]:
    """Occupations in the same SOC minor group with CIP programs, most alike first."""
    group = occ.soc[:5]  # '43-40'
    with_programs = set(conn.execute(select(m.CipSoc.soc).where(m.CipSoc.soc.like(f"{group}%"))).scalars())
    others = [o for o in conn.execute(select(m.Occupation).where(m.Occupation.soc.in_(with_programs))
                                      .order_by(m.Occupation.code)).scalars() if o.code != occ.code]
    likeness = _likeness(engine, occ.code)
    return sorted(others, key=lambda o: -likeness.get(o.code, float("-inf")))


def _likeness(engine: Engine, code: str) -> dict[str, float]:
    """code -> how alike it is to ``code`` (the stored similarity, else transferability); {} if unrated."""
    import numpy as np

    from knowledge.scoring.matrices import matrices_for

    matrices = matrices_for(engine)
    if code not in matrices.position:
        return {}
    name = "similarity" if "similarity" in matrices.arrays else "grand"
    row = matrices[name][matrices.position[code]]
    return {c: float(row[i]) for c, i in matrices.position.items() if not np.isnan(row[i])}
