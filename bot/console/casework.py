"""What counselors do with a conversation: take it on (assignee, status, follow-up date) and write notes,
which their author can edit or delete while every earlier text is kept (tables in bot/console/db.py).

Notes are kept masked (bot.privacy): a note is read by every counselor and copied into exports, so a
phone number or an address typed into it is not kept in the console database either. A deleted note
stays in the database with who deleted it and when; the page shows that it was deleted, and its texts
under "earlier versions", so a note cannot vanish without a trace.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime, timezone

import sqlalchemy as sa

from bot.console.db import cases, note_versions, notes
from bot.privacy import mask

STATUSES = ("new", "in progress", "done")
MAX_NOTE = 5000


@dataclass(frozen=True)
class Case:
    assignee: str | None = None
    status: str = "new"
    follow_up: str | None = None  # YYYY-MM-DD
    updated: float | None = None
    updated_by: str | None = None

    def overdue(self, today: str | None = None) -> bool:
        """A follow-up date that has come (today counts) on a case that is not done."""
        today = today or datetime.now(timezone.utc).strftime("%Y-%m-%d")
        return bool(self.follow_up) and self.status != "done" and self.follow_up <= today


NO_CASE = Case()


def follow_up_date(text: str | None) -> str | None:
    """A YYYY-MM-DD date as the date input sends it, or None (empty clears it); ValueError otherwise."""
    text = (text or "").strip()
    return date.fromisoformat(text).isoformat() if text else None


def all_cases(engine) -> dict[str, Case]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(cases)).all()
    return {r.conversation: Case(r.assignee, r.status, r.follow_up, r.updated, r.updated_by) for r in rows}


def case_for(engine, conversation: str) -> Case:
    with engine.connect() as conn:
        r = conn.execute(sa.select(cases).where(cases.c.conversation == conversation)).first()
    return Case(r.assignee, r.status, r.follow_up, r.updated, r.updated_by) if r else NO_CASE


def set_case(engine, conversation: str, by: str, assignee: str | None, status: str, follow_up: str | None) -> Case:
    if status not in STATUSES:
        raise ValueError(f"a status is one of {', '.join(STATUSES)}")
    values = {"assignee": assignee or None, "status": status, "follow_up": follow_up, "updated": time.time(),
              "updated_by": by}
    with engine.begin() as conn:
        if conn.execute(cases.update().where(cases.c.conversation == conversation).values(**values)).rowcount == 0:
            conn.execute(cases.insert().values(conversation=conversation, **values))
    return Case(**values)


# -- notes -------------------------------------------------------------------------------------------

def add_note(engine, conversation: str, counselor: str, text: str) -> int:
    with engine.begin() as conn:
        return conn.execute(notes.insert().values(conversation=conversation, counselor=counselor, created=time.time(),
                                                  text=mask(text[:MAX_NOTE]))).inserted_primary_key[0]


class NotYours(PermissionError):
    """Only a note's author edits or deletes it (the history shows who wrote what)."""


def _own_note(conn, note_id: int, conversation: str, counselor: str):
    row = conn.execute(sa.select(notes).where(notes.c.id == note_id, notes.c.conversation == conversation,
                                              notes.c.deleted.is_(None))).first()
    if row is None:
        raise LookupError("no such note")
    if row.counselor != counselor:
        raise NotYours("only the note's author can change it")
    return row


def edit_note(engine, note_id: int, conversation: str, counselor: str, text: str) -> None:
    """The new text replaces the note's; the old one goes to its history."""
    now = time.time()
    with engine.begin() as conn:
        row = _own_note(conn, note_id, conversation, counselor)
        new = mask(text[:MAX_NOTE])
        if new == row.text:
            return
        conn.execute(note_versions.insert().values(note=row.id, text=row.text, written=row.edited or row.created,
                                                   replaced=now))
        conn.execute(notes.update().where(notes.c.id == row.id).values(text=new, edited=now))


def delete_note(engine, note_id: int, conversation: str, counselor: str) -> None:
    with engine.begin() as conn:
        row = _own_note(conn, note_id, conversation, counselor)
        conn.execute(notes.update().where(notes.c.id == row.id).values(deleted=time.time(), deleted_by=counselor))


def notes_for(engine, conversation: str) -> list[dict]:
    """The conversation's notes, oldest first, each with ``versions``: its earlier texts, oldest first."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(notes).where(notes.c.conversation == conversation).order_by(notes.c.id)).all()
        ids = [r.id for r in rows]
        versions = conn.execute(sa.select(note_versions).where(note_versions.c.note.in_(ids))
                                .order_by(note_versions.c.id)).all() if ids else []
    out = [dict(r._mapping, versions=[]) for r in rows]
    by_id = {n["id"]: n for n in out}
    for v in versions:
        by_id[v.note]["versions"].append(dict(v._mapping))
    return out


def note_counts(engine) -> dict[str, int]:
    """Notes per conversation, deleted ones not counted."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(notes.c.conversation, sa.func.count()).where(notes.c.deleted.is_(None))
                            .group_by(notes.c.conversation)).all()
    return {c: n for c, n in rows}
