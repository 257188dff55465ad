"""Career ladders inside one employer: which level of a civil-service class series a person qualifies
for, how their months were counted, and what they still need for the next level up.

The rules come from the ``class_level`` rows (written from the class specification), not from code:
each level needs ``min_months`` of qualifying experience and college credit combined, where credit
converts at ``months_per_30_credits`` months per 30 semester hours, proportionally, counted up to
``max_credit_months``; a high school diploma when ``requires_high_school``; and, separately,
``prior_level_months`` of ``prior_level_requirement`` (e.g. experience comparable to a Customer Service
Representative for the Specialist level).

Time spent in work comparable to the level below is qualifying experience too: ``months_experience``
is taken as at least ``months_as_representative``.
"""
from __future__ import annotations

import json
import math

from sqlalchemy import select
from sqlalchemy.engine import Connection, Row
from sqlalchemy.orm import Session

from knowledge import models as m

CREDIT_HOURS = 30  # the conversion is stated per 30 semester hours
EPSILON = 1e-9


def qualifying_levels(conn: Connection | Session, months_experience: float, semester_hours: float = 0,
                      high_school: bool = True, months_as_representative: float = 0,
                      series: str | None = None) -> dict:
    """Each level of the class series, whether the person qualifies, how the months were counted and
    what is missing; ``highest`` is the top level they qualify for and ``next`` the level above it.

    ``series`` picks the class series when the store holds more than one.
    """
    for name, value in (("months_experience", months_experience), ("semester_hours", semester_hours),
                        ("months_as_representative", months_as_representative)):
        if value is None or value < 0:
            raise ValueError(f"{name} should be zero or more, got {value!r}")
    rows = _levels(conn, series)
    experience = max(float(months_experience), float(months_as_representative))
    levels = [_assess(row, experience, float(semester_hours), high_school, float(months_as_representative))
              for row in rows]
    qualified = [lv for lv in levels if lv["qualifies"]]
    highest = qualified[-1] if qualified else None
    above = [lv for lv in levels if highest is None or lv["level"] > highest["level"]]
    nxt = above[0] if above else None
    return {
        "series": rows[0].series,
        "promotional_line": rows[0].promotional_line,
        "occupation_code": rows[0].occupation_code,
        "person": {"months_experience": float(months_experience), "semester_hours": float(semester_hours),
                   "high_school": high_school, "months_as_representative": float(months_as_representative),
                   "experience_counted": experience},
        "levels": levels,
        "highest": _brief(highest),
        "next": dict(_brief(nxt), missing=nxt["missing"], summary="; and ".join(nxt["missing"])) if nxt else None,
    }


def _levels(conn: Connection | Session, series: str | None) -> list[Row]:
    """The series' class_level rows (plain rows with the model's column names: works on a Connection or a Session)."""
    table = m.ClassLevel.__table__
    query = select(table).order_by(table.c.series, table.c.level)
    if series:
        query = query.where(table.c.series == series)
    rows = conn.execute(query).all()
    if not rows:
        raise LookupError(f"no class series {series!r} in the store" if series else "the store holds no class series")
    names = sorted({r.series for r in rows})
    if len(names) > 1:
        raise ValueError(f"the store holds several class series ({', '.join(names)}); say which with series=")
    return rows


def credit_months(level: Row, semester_hours: float) -> tuple[float, float]:
    """(months the credit is worth at the conversion rate, months of it that count under the cap)."""
    worth = semester_hours * level.months_per_30_credits / CREDIT_HOURS
    return worth, worth if level.max_credit_months is None else min(worth, float(level.max_credit_months))


def _assess(level: Row, experience: float, semester_hours: float, high_school: bool,
            months_as_representative: float) -> dict:
    worth, counted_credit = credit_months(level, semester_hours)
    total = experience + counted_credit
    missing: list[str] = []
    if level.requires_high_school and not high_school:
        missing.append("a high school diploma or equivalent")
    shortfall = level.min_months - total
    if shortfall > EPSILON:
        missing.append(_months_missing(level, shortfall, counted_credit))
    prior_short = (level.prior_level_months or 0) - months_as_representative
    if prior_short > EPSILON:
        missing.append(f"{_fmt_up(prior_short)} more months of {level.prior_level_requirement or 'experience at the level below'}")
    return {
        "class_code": level.class_code,
        "level": level.level,
        "title": level.title,
        "qualifies": not missing,
        "required_months": level.min_months,
        "counted": {
            "experience_months": experience,
            "credit_months": counted_credit,
            "credit_months_not_counted": worth - counted_credit,
            "total_months": total,
            "how": _how(level, experience, semester_hours, worth, counted_credit, total),
        },
        "credit_rule": _credit_rule(level),
        "qualifying_experience": json.loads(level.qualifying_experience) if level.qualifying_experience else [],
        "qualifying_coursework": level.qualifying_coursework,
        "requires_high_school": level.requires_high_school,
        "prior_requirement": ({"months": level.prior_level_months, "kind": level.prior_level_requirement,
                               "have": months_as_representative} if level.prior_level_months else None),
        "missing": missing,
    }


def _months_missing(level: Row, shortfall: float, counted_credit: float) -> str:
    """'9 more months of experience, or 23 more semester hours', respecting the credit cap."""
    text = f"{_fmt_up(shortfall)} more months of experience"
    room = math.inf if level.max_credit_months is None else level.max_credit_months - counted_credit
    if room <= EPSILON:
        return text + f" (college credit already counts for the most it can, {level.max_credit_months} months)"
    if shortfall <= room + EPSILON:
        return text + f", or {_hours(level, shortfall)} more semester hours"
    return (text + f", or {_hours(level, room)} more semester hours (college credit counts for at most "
            f"{level.max_credit_months} months) plus {_fmt_up(shortfall - room)} more months of experience")


def _hours(level: Row, months: float) -> int:
    return math.ceil(months * CREDIT_HOURS / level.months_per_30_credits - EPSILON)


def _how(level: Row, experience: float, semester_hours: float, worth: float, counted: float, total: float) -> str:
    parts = [f"{_fmt(experience)} months of experience"]
    if semester_hours > 0:
        credit = f"{_fmt(counted)} months for {_fmt(semester_hours)} semester hours"
        if worth - counted > EPSILON:
            credit += f" (worth {_fmt(worth)} months, but credit counts for at most {level.max_credit_months})"
        parts.append(credit)
    return f"{' + '.join(parts)} = {_fmt(total)} months counted; {level.min_months} required"


def _credit_rule(level: Row) -> str:
    rule = f"{CREDIT_HOURS} semester hours = {level.months_per_30_credits} months, or its proportional equivalent"
    if level.max_credit_months is not None:
        hours = level.max_credit_months * CREDIT_HOURS / level.months_per_30_credits
        rule += f", up to {_fmt(hours)} semester hours = {level.max_credit_months} months"
    return rule


def _brief(level: dict | None) -> dict | None:
    return {"class_code": level["class_code"], "level": level["level"], "title": level["title"]} if level else None


def _fmt(x: float) -> str:
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _fmt_up(x: float) -> str:
    """A shortfall, rounded up to a tenth so it is never understated."""
    return _fmt(math.ceil(x * 10 - 1e-6) / 10)
