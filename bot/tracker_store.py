"""Rasa's SQL tracker store, with its database work off the Rasa server's event loop.

Rasa 3.6's ``SQLTrackerStore`` is asynchronous in name only: ``retrieve`` and ``save`` run their SQLAlchemy
queries and the commit on the event loop, so while one turn waits for the database (the commit waits for
the disk: 13 ms a turn with SQLite here, bench/profile_turns.py) every other conversation on the server
waits too. Here each of the two runs in a worker thread (the queries, the commit and the disk wait release
the GIL), and the event loop goes on with the other turns meanwhile. The queries, the table and what is
stored are Rasa's own; a conversation is still handled one message at a time (Rasa's lock store holds it
from the tracker's retrieval to its save).

Named in the endpoints file (bot/endpoints.py writes it) as

    tracker_store:
      type: bot.tracker_store.ThreadedSQLTrackerStore
      dialect: sqlite            # or postgresql, with url, port, db, username, password as for type SQL
      db: var/tracker.sqlite

No event broker: ``save`` would publish to one from the worker thread's own loop.
"""
from __future__ import annotations

import asyncio
from typing import Any, Optional

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker


def _run(coroutine) -> Any:
    """Run one of SQLTrackerStore's coroutines (they never await anything slow) in this worker thread."""
    return asyncio.run(coroutine)


class ThreadedSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` whose per-turn ``retrieve`` and ``save`` run in a worker thread."""

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        return await asyncio.to_thread(_run, super().retrieve(sender_id))

    async def save(self, tracker: DialogueStateTracker) -> None:
        await asyncio.to_thread(_run, super().save(tracker))
