"""What the SMS and Slack channels remember between requests, kept in the tracker store's database so that
it survives a restart and is shared by every Rasa server of a deployment (deploy/, tests/scale_out.py):

* ``careerbot_sms_opt_outs``: the SMS senders (``bot.privacy.hash_sender`` of the number, never the number)
  who texted STOP or another opt-out keyword, until they text START. Kept until then.
* ``careerbot_deliveries``: each provider message answered (Twilio's MessageSid, Slack's event_id and the
  Slack message it carries), with the SMS answer, so that a redelivered request gets the same answer instead
  of a second turn. Kept ``DELIVERY_HOURS`` (48 h: Twilio and Slack retry within minutes).
* ``careerbot_sms_more``: the rest of a shortened SMS answer, sent when the person texts MORE. Kept
  ``MORE_HOURS`` (24 h), and replaced by the next answer.

The tables sit beside Rasa's ``events`` table and are made on first use. Every call is one short statement
on Rasa's own engine when the tracker store is Rasa's SQLTrackerStore (``ledger_for``), else on an engine
for ``bot.endpoints.tracker_url()``.
"""
from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from knowledge.db import create_tables

logger = logging.getLogger(__name__)

DELIVERY_HOURS = 48
MORE_HOURS = 24
PURGE_EVERY = 3600  # seconds between two purges of expired rows

metadata = sa.MetaData()
opt_outs = sa.Table(
    "careerbot_sms_opt_outs", metadata,
    sa.Column("sender_id", sa.String(255), primary_key=True),
    sa.Column("since", sa.Float, nullable=False),
    sa.Column("how", sa.String(64), nullable=False))  # the keyword or Twilio's OptOutType
deliveries = sa.Table(
    "careerbot_deliveries", metadata,
    sa.Column("channel", sa.String(16), primary_key=True),
    sa.Column("message_id", sa.String(255), primary_key=True),
    sa.Column("received", sa.Float, nullable=False, index=True),
    sa.Column("done", sa.Boolean, nullable=False, default=False),
    sa.Column("answer", sa.Text, nullable=True))
more = sa.Table(
    "careerbot_sms_more", metadata,
    sa.Column("sender_id", sa.String(255), primary_key=True),
    sa.Column("saved", sa.Float, nullable=False),
    sa.Column("pages", sa.Text, nullable=False))  # JSON list of SMS bodies still to send


class Ledger:
    def __init__(self, engine: sa.engine.Engine) -> None:
        self.engine = engine
        self._purged = 0.0
        create_tables(metadata, engine)

    # -- deliveries ------------------------------------------------------------------------------------

    def claim(self, channel: str, *message_ids: str) -> bool:
        """True when none of ``message_ids`` was seen before on ``channel``: they are now recorded as being
        answered. False for a redelivery (or, on Slack, another event carrying a message already answered)."""
        self._purge()
        now = time.time()
        try:
            with self.engine.begin() as conn:
                for message_id in message_ids:
                    conn.execute(deliveries.insert().values(channel=channel, message_id=message_id, received=now,
                                                            done=False, answer=None))
        except IntegrityError:
            return False
        return True

    def answered(self, channel: str, message_id: str, answer: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(deliveries.update().where(deliveries.c.channel == channel, deliveries.c.message_id == message_id)
                         .values(done=True, answer=answer))

    def release(self, channel: str, message_id: str) -> None:
        """Forget a claim whose answer failed, so that a retry is answered afresh."""
        with self.engine.begin() as conn:
            conn.execute(deliveries.delete().where(deliveries.c.channel == channel, deliveries.c.message_id == message_id))

    def delivery(self, channel: str, message_id: str) -> tuple[bool, str | None] | None:
        """(done, answer) of a claimed message, None when it was never claimed (or released)."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(deliveries.c.done, deliveries.c.answer).where(
                deliveries.c.channel == channel, deliveries.c.message_id == message_id)).first()
        return None if row is None else (bool(row[0]), row[1])

    async def answer_of(self, channel: str, message_id: str, wait: float) -> tuple[str, str | None]:
        """For a redelivered message: ("done", answer) once the first delivery was answered; ("released", None)
        when the first delivery failed (the caller may answer it now); ("pending", None) after ``wait`` s."""
        deadline = time.monotonic() + wait
        while True:
            state = self.delivery(channel, message_id)
            if state is None:
                return "released", None
            if state[0]:
                return "done", state[1]
            if time.monotonic() >= deadline:
                return "pending", None
            await asyncio.sleep(0.2)

    # -- SMS opt-outs ------------------------------------------------------------------------------------

    def opt_out(self, sender_id: str, how: str) -> None:
        try:
            with self.engine.begin() as conn:
                conn.execute(opt_outs.insert().values(sender_id=sender_id, since=time.time(), how=how[:64]))
        except IntegrityError:  # opted out already
            pass
        self.forget_more(sender_id)

    def opt_in(self, sender_id: str) -> bool:
        """Remove the opt-out; True when there was one."""
        with self.engine.begin() as conn:
            return conn.execute(opt_outs.delete().where(opt_outs.c.sender_id == sender_id)).rowcount > 0

    def opted_out(self, sender_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(opt_outs.c.since).where(opt_outs.c.sender_id == sender_id)).first() is not None

    # -- the rest of a shortened SMS answer (MORE) -------------------------------------------------------------

    def save_more(self, sender_id: str, pages: list[str]) -> None:
        with self.engine.begin() as conn:
            conn.execute(more.delete().where(more.c.sender_id == sender_id))
            if pages:
                conn.execute(more.insert().values(sender_id=sender_id, saved=time.time(), pages=json.dumps(pages)))

    def forget_more(self, sender_id: str) -> None:
        self.save_more(sender_id, [])

    def next_more(self, sender_id: str) -> str | None:
        """The next page of the rest of the latest answer (taken off the list), None when there is none."""
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(more.c.pages, more.c.saved).where(more.c.sender_id == sender_id)).first()
            if row is None or row[1] < time.time() - MORE_HOURS * 3600:
                return None
            pages = json.loads(row[0])
            conn.execute(more.delete().where(more.c.sender_id == sender_id))
            if pages[1:]:
                conn.execute(more.insert().values(sender_id=sender_id, saved=row[1], pages=json.dumps(pages[1:])))
        return pages[0] if pages else None

    # -- housekeeping --------------------------------------------------------------------------------------

    def _purge(self) -> None:
        now = time.time()
        if now - self._purged < PURGE_EVERY:
            return
        self._purged = now
        try:
            with self.engine.begin() as conn:
                conn.execute(deliveries.delete().where(deliveries.c.received < now - DELIVERY_HOURS * 3600))
                conn.execute(more.delete().where(more.c.saved < now - MORE_HOURS * 3600))
        except Exception:  # noqa: BLE001 - a purge that fails now is done next time
            logger.warning("channel ledger: could not purge expired rows", exc_info=True)


def _sql_engine(tracker_store: Any) -> sa.engine.Engine | None:
    """The SQLAlchemy engine of Rasa's SQLTrackerStore inside its wrappers (Awaitable, FailSafe), if any."""
    seen = 0
    while tracker_store is not None and seen < 5:
        engine = getattr(tracker_store, "engine", None)
        if isinstance(engine, sa.engine.Engine):
            return engine
        tracker_store = getattr(tracker_store, "_tracker_store", None)
        seen += 1
    return None


def ledger_for(app: Any) -> Ledger:
    """The ledger of the Rasa server ``app`` (a Sanic app), made on first use and kept on ``app.ctx``."""
    ledger = getattr(app.ctx, "careerbot_ledger", None)
    if ledger is None:
        agent = getattr(app.ctx, "agent", None)
        engine = _sql_engine(getattr(agent, "tracker_store", None))
        if engine is None:
            from bot.endpoints import tracker_url

            engine = sa.create_engine(tracker_url())
            logger.info("channel ledger: the tracker store is not SQL; using %s", engine.url.render_as_string(hide_password=True))
        ledger = Ledger(engine)
        app.ctx.careerbot_ledger = ledger
    return ledger
