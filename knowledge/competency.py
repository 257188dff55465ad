"""Competency levels: "where am I, and what does the next level look like?"

``framework_for`` reads a leveled framework (emerging, developing, proficient, advanced) from the store;
``sample_statements`` picks a few statements per level to ask about; ``place`` turns the yes/no answers
into a level: the highest one where the person says yes to most (``threshold``, 70 %) of the statements
asked at that level and at every level below it.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from knowledge import models as m

THRESHOLD = 0.7


def framework_for(conn: Connection | Session, occupation_code: str) -> dict | None:
    """The framework for an occupation (a 2019 code, or any code ``code_alias`` maps to one), with its
    levels in rank order and their statements in order; None when the store has none for it."""
    code = occupation_code.strip()
    frameworks, statements_table = m.CompetencyFramework.__table__, m.CompetencyStatement.__table__
    # Core selects of the tables give plain rows, on a Connection and on a Session alike.
    fw = conn.execute(select(frameworks).where(frameworks.c.occupation_code == code).order_by(frameworks.c.id)).first()
    if fw is None:
        aliases = select(m.CodeAlias.occupation_code).where(m.CodeAlias.alias == code)
        fw = conn.execute(select(frameworks).where(frameworks.c.occupation_code.in_(aliases))
                          .order_by(frameworks.c.occupation_code, frameworks.c.id)).first()
    if fw is None:
        return None
    statements = conn.execute(select(statements_table).where(statements_table.c.framework_id == fw.id)
                              .order_by(statements_table.c.level_rank, statements_table.c.seq)).all()
    levels: dict[str, dict] = {}
    for s in statements:
        levels.setdefault(s.level_key, {"key": s.level_key, "label": s.level_label, "rank": s.level_rank,
                                        "statements": []})["statements"].append(s.statement)
    citation = conn.execute(select(m.Source.citation).where(m.Source.table_name == f"competency_framework:{fw.occupation_code}")).scalar()
    return {"occupation_code": fw.occupation_code, "title": fw.title, "description": fw.description,
            "context": fw.context, "schema_version": fw.schema_version, "attribution": fw.attribution,
            "source": citation, "levels": list(levels.values())}


def sample_statements(framework: dict, per_level: int = 3) -> dict[str, list[str]]:
    """Up to ``per_level`` statements of each level, spread evenly over its list (always the same ones)."""
    if per_level < 1:
        raise ValueError("per_level should be at least 1")
    return {level["key"]: _spread(level["statements"], per_level) for level in framework["levels"]}


def _spread(statements: list[str], k: int) -> list[str]:
    n = len(statements)
    k = min(k, n)
    return [statements[i * n // k] for i in range(k)]


def place(framework: dict, answers: dict[str, list[bool]], threshold: float = THRESHOLD) -> dict:
    """Place a person from yes/no answers to the sampled statements, by level key.

    ``answers[level]`` holds one answer per statement that ``sample_statements(framework, per_level)``
    gave for that level, in the same order (its length tells which sample was asked). A level without
    answers is not reached. Returns the level (None when not even the first one is met), each level's
    score, and the next level: its statements, and the sampled ones the person said no to.
    """
    keys = [level["key"] for level in framework["levels"]]
    unknown = [key for key in answers if key not in keys]
    if unknown:
        raise ValueError(f"unknown level(s) {', '.join(unknown)}; the framework has {', '.join(keys)}")
    scores, placed, reached = [], None, True
    for level in framework["levels"]:
        given = [bool(a) for a in answers.get(level["key"], [])]
        if len(given) > len(level["statements"]):
            raise ValueError(f"{len(given)} answers for level {level['key']}, which has {len(level['statements'])} statements")
        asked = _spread(level["statements"], len(given)) if given else []
        yes = sum(given)
        share = yes / len(given) if given else None
        met = share is not None and share >= threshold - 1e-9
        reached = reached and met
        if reached:
            placed = level
        scores.append({"key": level["key"], "label": level["label"], "rank": level["rank"], "asked": len(given),
                       "yes": yes, "share": share, "met": met,
                       "not_yet": [s for s, a in zip(asked, given) if not a]})
    nxt = next((lv for lv in framework["levels"] if placed is None or lv["rank"] > placed["rank"]), None)
    return {
        "occupation_code": framework.get("occupation_code"),
        "level": placed["key"] if placed else None,
        "label": placed["label"] if placed else None,
        "rank": placed["rank"] if placed else 0,
        "threshold": threshold,
        "levels": scores,
        "next": ({"key": nxt["key"], "label": nxt["label"], "rank": nxt["rank"], "statements": list(nxt["statements"]),
                  "not_yet": next(s["not_yet"] for s in scores if s["key"] == nxt["key"])} if nxt else None),
    }
