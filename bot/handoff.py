"""A person's request for a counselor, from the bot's question to the counselor handing the chat back.

    asked    the bot answered "can I talk to a real person" with how a counselor may reach them
             (bot/replies/handoff.py ``ask_consent``); their next message is read as the answer
    open     they answered: a reply here, a phone number or e-mail address they typed, or no thanks
    taken    a counselor has the conversation: the bot is paused for that person (bot/rasa_server.py)
    closed   the counselor handed it back to the bot

Kept in the tracker store's database beside Rasa's ``events`` (as bot/channels/ledger.py's tables), so
every Rasa server of a deployment sees the same state and the console can read it with its read-only
engine. The contact a person gave is in ``careerbot_handoffs.contact`` only: the message that carried it
is stored in the transcript masked (the Rasa server masks it before the NLU or the tracker see it). The
console shows it only on request and logs who saw it (bot/console/handoff_pages.py).

``careerbot_handoff_outbox`` holds what a counselor wrote, until it reaches the person: at once on the
widget (socket.io), in the answer to the person's next message on REST and SMS (they answer only
requests).
"""
from __future__ import annotations

import re
import time

import phonenumbers
import sqlalchemy as sa
from sqlalchemy.exc import OperationalError, ProgrammingError

from bot.privacy import PLACEHOLDERS, mask, secret
from bot.replies.handoff import HERE, NO
from knowledge.db import create_tables

ASKED, OPEN, TAKEN, CLOSED = "asked", "open", "taken", "closed"
# the console's key to the Rasa server's counselor routes (bot/channels/counselor.py)
TOKEN_ENV, TOKEN_FILE = "CAREERBOT_COUNSELOR_TOKEN", "counselor.key"
CHOICE_NAMES = {"here": "reply in the chat", "phone": "call or text", "email": "e-mail", "none": "no contact",
                None: "not answered yet"}

metadata = sa.MetaData()
requests = sa.Table(
    "careerbot_handoffs", metadata,
    sa.Column("sender_id", sa.String(255), primary_key=True),
    sa.Column("channel", sa.String(32), nullable=True),
    sa.Column("asked", sa.Float, nullable=False),      # when the latest request was made
    sa.Column("stage", sa.String(16), nullable=False),
    sa.Column("choice", sa.String(16), nullable=True),  # here, phone, email, none
    sa.Column("contact", sa.String(320), nullable=True),  # the number (E.164) or address, given with consent
    sa.Column("counselor", sa.String(80), nullable=True),
    sa.Column("updated", sa.Float, nullable=False))
outbox = sa.Table(
    "careerbot_handoff_outbox", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column("written", sa.Float, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("delivered", sa.Float, nullable=True))

_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_HERE = re.compile(rf"^\s*{HERE}\s*$|\b(?:reply|answer|write|message|talk)\s+(?:to\s+)?(?:me\s+)?(?:here|in\s+(?:this|the)\s+chat)\b"
                   r"|^\s*(?:here|in\s+(?:this|the)\s+chat|this\s+chat|chat|yes|yeah|yep|yes\s+please|ok|okay|sure)"
                   r"\s*(?:please|thanks|thank\s+you)?\s*[.!]*\s*$", re.IGNORECASE)
_NO = re.compile(rf"^\s*{NO}\b|^\s*(?:no|nope|nah|never\s*mind|nevermind|not\s+now)\b|\bdon'?t\s+contact\s+me\b",
                 re.IGNORECASE)


def token() -> str:
    return secret(TOKEN_ENV, TOKEN_FILE).decode("utf-8")


def read_choice(text: str | None) -> tuple[str, str | None] | None:
    """How the person answered "how may a counselor reach you?": ("phone", "+12075550100"),
    ("email", "maria@example.com"), ("here", None), ("none", None); None when the message is no answer."""
    text = (text or "")[:500]
    email = _EMAIL.search(text)
    if email:
        return "email", email.group(0)
    for match in phonenumbers.PhoneNumberMatcher(text, "US"):  # valid numbers only: "3 kids" or "555-0105" is none
        return "phone", phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
    if _NO.search(text):
        return "none", None
    if _HERE.search(text):
        return "here", None
    return None


def contact_in(text: str | None) -> tuple[str, str] | None:
    """The phone number or e-mail address a message carries, as ``read_choice`` reads it: ("phone", "+1...")."""
    choice = read_choice(text)
    return choice if choice and choice[1] else None


def without_contact(text: str) -> str:
    """``text`` with the e-mail addresses and phone numbers ``read_choice`` reads taken out (and then masked as
    the console masks: a number only phonenumbers knows, "+44 20 7946 0958", is taken out too)."""
    text = _EMAIL.sub(PLACEHOLDERS["email"], text)
    for match in reversed(list(phonenumbers.PhoneNumberMatcher(text, "US", leniency=phonenumbers.Leniency.POSSIBLE))):
        text = text[:match.start] + PLACEHOLDERS["phone"] + text[match.end:]
    return mask(text)


def shown_contact(choice: str | None, contact: str | None) -> str:
    """The contact as a counselor reads it: a U.S. number as (207) 555-0100, others as dialled."""
    if choice == "phone" and contact:
        number = phonenumbers.parse(contact, "US")
        fmt = phonenumbers.PhoneNumberFormat.NATIONAL if number.country_code == 1 else \
            phonenumbers.PhoneNumberFormat.INTERNATIONAL
        return phonenumbers.format_number(number, fmt)
    return contact or ""


class Handoffs:
    def __init__(self, engine: sa.engine.Engine, create: bool = True) -> None:
        self.engine = engine
        if create:
            create_tables(metadata, engine)

    def get(self, sender_id: str) -> dict | None:
        try:
            with self.engine.connect() as conn:
                row = conn.execute(sa.select(requests).where(requests.c.sender_id == sender_id)).first()
        except (OperationalError, ProgrammingError):  # the console before the bot made the table
            return None
        return dict(row._mapping) if row else None

    def stage(self, sender_id: str) -> str | None:
        row = self.get(sender_id)
        return row["stage"] if row else None

    def _upsert(self, sender_id: str, **values) -> None:
        now = time.time()
        with self.engine.begin() as conn:
            done = conn.execute(requests.update().where(requests.c.sender_id == sender_id)
                                .values(updated=now, **values)).rowcount
            if not done:
                conn.execute(requests.insert().values(sender_id=sender_id, updated=now,
                                                      **{"asked": now, "stage": ASKED, **values}))

    def ask(self, sender_id: str, channel: str | None, choice: str | None = None, contact: str | None = None) -> None:
        """A new request: its answer comes next, or came with it (``choice``, ``contact``: "can someone call me at
        207-555-0100"). A conversation a counselor has stays theirs."""
        if self.stage(sender_id) == TAKEN:
            return
        self._upsert(sender_id, channel=channel, asked=time.time(), stage=OPEN if choice else ASKED, choice=choice,
                     contact=contact, counselor=None)

    def answer(self, sender_id: str, choice: str | None, contact: str | None) -> None:
        self._upsert(sender_id, stage=OPEN, choice=choice, contact=contact)

    def take(self, sender_id: str, counselor: str, channel: str | None) -> None:
        row = self.get(sender_id)
        self._upsert(sender_id, stage=TAKEN, counselor=counselor,
                     channel=(row or {}).get("channel") or channel)

    def release(self, sender_id: str) -> None:
        self._upsert(sender_id, stage=CLOSED)

    def send(self, sender_id: str, text: str, delivered: bool) -> None:
        now = time.time()
        with self.engine.begin() as conn:
            conn.execute(outbox.insert().values(sender_id=sender_id, written=now, text=text,
                                                delivered=now if delivered else None))

    def undelivered(self, sender_id: str) -> list[str]:
        """What a counselor wrote that has not reached the person yet, oldest first; marked delivered."""
        with self.engine.begin() as conn:
            rows = conn.execute(sa.select(outbox.c.id, outbox.c.text).where(
                outbox.c.sender_id == sender_id, outbox.c.delivered.is_(None)).order_by(outbox.c.id)).all()
            if rows:
                conn.execute(outbox.update().where(outbox.c.id.in_([r.id for r in rows])).values(delivered=time.time()))
        return [r.text for r in rows]

    def all(self) -> list[dict]:
        """Every request, the latest first."""
        try:
            with self.engine.connect() as conn:
                return [dict(r._mapping) for r in conn.execute(sa.select(requests).order_by(requests.c.asked.desc()))]
        except (OperationalError, ProgrammingError):
            return []
