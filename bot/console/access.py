"""Who opened or exported what: one row per view, export and change, readable by every counselor at
/console/access (table in bot/console/db.py). Nothing here is ever changed or deleted by the console.

    view          a conversation page opened (a call-back number on it was shown)
    export-html   export-pdf   one conversation exported
    export-csv    the list exported (detail: the filters)
    case          assignment, status or follow-up date changed (detail: the new values)
    note-add  note-edit  note-delete
    contact-view  the contact a person gave for their request for a person was shown
    take-over  live-message  hand-back   a live conversation (view, detail "live chat": its page opened)
"""
from __future__ import annotations

import time

import sqlalchemy as sa

from bot.console.db import access_log

SHOWN = 500  # rows on the access page


def record(engine, counselor: str, action: str, conversation: str | None = None, detail: str | None = None) -> None:
    with engine.begin() as conn:
        conn.execute(access_log.insert().values(time=time.time(), counselor=counselor, action=action,
                                                conversation=conversation, detail=(detail or None) and detail[:300]))


def entries(engine, conversation: str | None = None, counselor: str | None = None, limit: int = SHOWN) -> list[dict]:
    """The latest entries first, for one conversation or one counselor if given."""
    t = access_log.c
    query = sa.select(access_log).order_by(t.id.desc()).limit(limit)
    if conversation:
        query = query.where(t.conversation == conversation)
    if counselor:
        query = query.where(t.counselor == counselor)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query).all()]
