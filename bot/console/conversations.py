"""Conversations as a counselor sees them, read (never written) from Rasa's SQL tracker store.

Rasa keeps every event of every conversation in its ``events`` table (sender_id, type_name, timestamp,
intent_name, action_name, data as JSON). One conversation here is one sender id (one person on one
channel); Rasa's own sessions inside it are shown as "new session" marks in the transcript.

Everything text-like a counselor sees passes through ``bot.privacy.mask``: what people typed, what the bot
said (it can echo what people typed). No sender id is shown, in a page, a URL or an export: a sender id is
a key to the person's conversation on the bot's channels. Conversations are named by
``bot.privacy.conversation_id(sender_id)``, a keyed hash (``Conversation.key``).

Two flags help counselors find who needs them:

* asked for a human: a message of the person asks for a person or a call back
  (``bot.console.person_requests``: "talk to a human", "speak to a live agent", "can someone call me?",
  "I'd like a callback"), or the bot itself read one (its ``asked_for_person`` slot: it then told the
  person their conversation is marked for the counselors).
* left unresolved: the bot gave no analysis at all in the conversation, or the person's last two messages
  were both not understood.

A message is "not understood" when the NLU could not place it (NLU fallback or out of scope) and the bot
made nothing of it either: an answer the form took ("cashier" to "What job do you have?", "Maine" to
"Which state?") sets a slot the bot works with, and a request it answered (a person, a résumé) carries
its topic; neither is labelled not understood.

A call-back number is the one exception to the masking: when a person asked to be called back and typed
a number in that message (or the one just before or after it), ``Conversation.callback`` holds that one
number, as typed, with the message that asked; every other number stays masked.
"""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone

import sqlalchemy as sa

from bot.analysis_record import SLOT as ANALYSES_SLOT
from bot.understanding.person_requests import (
    CALLBACK_REQUEST,
    asks_for_callback,
    asks_for_person,
)
from bot.handoff import Handoffs
from bot.privacy import conversation_id, mask, phone_numbers

NOT_UNDERSTOOD = {"nlu_fallback", "out_of_scope"}
SLOTS_SHOWN = ("current_title", "target_title", "state")


# slots that show the bot used what the person said: the job facts the forms keep, the analyses
USED_SLOTS = ("current_job", "current_code", "current_title", "target_job", "target_code", "target_title", "state",
              "metro", "past_job", "avoid", "situation", "years_experience", "education", "college_credits",
              "level_answer", "level_answers", "job_candidates", ANALYSES_SLOT)
PERSON_SLOT = "asked_for_person"  # set by the bot's actions when it answers a request for a person


@dataclass
class Turn:
    """One line of the transcript: who ("user", "bot", "session"), when, the masked text, and more."""
    who: str
    time: float
    text: str = ""
    intent: str | None = None
    buttons: list[str] = field(default_factory=list)
    fallback: bool = False        # the NLU could not place it (NLU fallback, out of scope) ...
    topic: bool = False           # ... but the bot answered its topic (a person, a résumé ...)
    set_slots: bool = False       # ... or it set a slot the bot works with ("cashier", "Maine")
    asks_for_human: bool = False
    asks_for_callback: bool = False
    counselor: str | None = None  # a bot turn a counselor wrote (bot/channels/counselor.py)

    @property
    def not_understood(self) -> bool:
        return self.fallback and not (self.topic or self.set_slots)


@dataclass(frozen=True)
class Callback:
    """The number a person asked to be called back on, as they typed it, and the message that asked."""
    number: str
    asked: Turn


@dataclass
class Conversation:
    sender_id: str
    key: str
    started: float = 0.0
    last: float = 0.0
    channel: str | None = None
    slots: dict = field(default_factory=dict)
    turns: list[Turn] = field(default_factory=list)
    analyses: list[dict] = field(default_factory=list)
    user_messages: int = 0
    asked_for_human: bool = False
    notes: int = 0
    # what the masked turns no longer show, kept in memory only: the phone numbers each person's turn typed
    # (by index in ``turns``), for ``callback``; the slot values, to tell which turn the bot used
    _phones: dict = field(default_factory=dict, repr=False)
    _values: dict = field(default_factory=dict, repr=False)
    _before: tuple | None = field(default=None, repr=False)  # (the latest person's turn, the values before it)

    @property
    def current(self) -> str | None:
        return self.slots.get("current_title") or next(
            (a["current"]["title"] for a in reversed(self.analyses) if a.get("current")), None)

    @property
    def target(self) -> str | None:
        title = self.slots.get("target_title")
        return title or next((a["target"]["title"] for a in reversed(self.analyses) if a.get("target")), None)

    @property
    def occupations(self) -> list[str]:
        """Every occupation discussed, once each in the order they came up: each analysis's current and
        target job, then the slots' (a job said but not analysed yet)."""
        titles = [(a.get(side) or {}).get("title") for a in self.analyses for side in ("current", "target")]
        titles += [self.slots.get("current_title"), self.slots.get("target_title")]
        return list(dict.fromkeys(t for t in titles if t))

    @property
    def callback(self) -> Callback | None:
        """The latest call-back request's number: typed in that message, else in the person's next message,
        else in the one before; None without a request or without a number near it."""
        users = [i for i, t in enumerate(self.turns) if t.who == "user"]
        for n in reversed(range(len(users))):
            if self.turns[users[n]].asks_for_callback:
                for near in (n, n + 1, n - 1):
                    if 0 <= near < len(users) and self._phones.get(users[near]):
                        return Callback(self._phones[users[near]][0], self.turns[users[n]])
                return None
        return None

    @property
    def unresolved(self) -> bool:
        users = [t for t in self.turns if t.who == "user"]
        return not self.analyses or (len(users) >= 2 and all(t.not_understood for t in users[-2:]))

    @property
    def started_at(self) -> datetime:
        return datetime.fromtimestamp(self.started, timezone.utc)

    @property
    def last_at(self) -> datetime:
        return datetime.fromtimestamp(self.last, timezone.utc)


def open_tracker(url: str) -> sa.engine.Engine:
    """The tracker store, read-only (SQLite: mode=ro; PostgreSQL: read-only transactions)."""
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///"):]
        return sa.create_engine("sqlite://", future=True,
                                creator=lambda: __import__("sqlite3").connect(f"file:{path}?mode=ro", uri=True,
                                                                              check_same_thread=False))
    args = {}
    if sa.engine.make_url(url).get_backend_name() == "postgresql":  # PostgreSQL: read-only transactions
        args["connect_args"] = {"options": "-c default_transaction_read_only=on"}
    return sa.create_engine(url, future=True, pool_pre_ping=True, **args)


def _data(raw) -> dict:
    try:
        return json.loads(raw) if raw else {}
    except ValueError:
        return {}


def _nearest_first(text: str, numbers: list[str]) -> list[str]:
    """The numbers, the one to call back first: the first after the request ("can someone call me?
    207-555-0188", "call me at ..."), else the last before it ("my number is ..., please call me")."""
    request = CALLBACK_REQUEST.search(text)
    if not request:
        return numbers
    after = [n for n in numbers if text.find(n) >= request.start()]
    return after + [n for n in reversed(numbers) if n not in after]


def _add(conv: Conversation, type_name: str, timestamp: float, intent: str | None, action: str | None, data: dict):
    timestamp = timestamp or 0.0
    conv.started = min(conv.started, timestamp) if conv.started else timestamp
    conv.last = max(conv.last, timestamp)
    if type_name == "user":
        text = data.get("text") or ""
        parse = data.get("parse_data") or {}
        intent = intent or (parse.get("intent") or {}).get("name")
        topic = any(e.get("entity") == "topic" for e in parse.get("entities") or [] if isinstance(e, dict))
        human = asks_for_person(text)
        turn = Turn("user", timestamp, mask(text), intent, fallback=intent in NOT_UNDERSTOOD, topic=topic,
                    asks_for_human=human, asks_for_callback=asks_for_callback(text))
        if phone_numbers(text):
            conv._phones[len(conv.turns)] = _nearest_first(text, phone_numbers(text))
        conv.turns.append(turn)
        conv._before = (turn, dict(conv._values))
        conv.user_messages += 1
        conv.asked_for_human |= human
        conv.channel = data.get("input_channel") or conv.channel
    elif type_name == "bot":
        extra = data.get("data") or {}
        buttons = [mask(str(b.get("title", ""))) for b in (extra.get("buttons") or []) if isinstance(b, dict)]
        text = data.get("text") or ""
        if extra.get("image"):
            text = (text + "\n" if text else "") + "[image]"
        counselor = (data.get("metadata") or {}).get("counselor")
        conv.turns.append(Turn("counselor" if counselor else "bot", timestamp, mask(text), buttons=buttons,
                               counselor=str(counselor)[:80] if counselor else None))
    elif type_name == "session_started":
        if any(t.who == "user" for t in conv.turns):
            conv.turns.append(Turn("session", timestamp, "new session"))
    elif type_name == "slot":
        name, value = data.get("name"), data.get("value")
        if name == ANALYSES_SLOT:
            # each SlotSet holds the earlier records too, and a "start over" empties the slot: keep each record once
            seen = {json.dumps(a, sort_keys=True) for a in conv.analyses}
            for record in value or []:
                if isinstance(record, dict) and json.dumps(record, sort_keys=True) not in seen:
                    conv.analyses.append(record)
                    seen.add(json.dumps(record, sort_keys=True))
        elif name in SLOTS_SHOWN:
            if value not in (None, "", "skip", "explore"):
                conv.slots[name] = value
        elif name == PERSON_SLOT and value and conv._before:  # the bot answered a request for a person
            conv.asked_for_human = conv._before[0].asks_for_human = conv._before[0].topic = True
        if name in USED_SLOTS:
            conv._values[name] = value
            if conv._before:  # re-read at every slot event: a value the form set and then rejected does not count
                turn, before = conv._before
                turn.set_slots = any(conv._values.get(k) not in (None, "", [], {}) and
                                     conv._values.get(k) != before.get(k) for k in USED_SLOTS)


class Conversations:
    """All conversations of a tracker store, re-read only when the store has new events."""

    def __init__(self, tracker_url: str):
        self.engine = open_tracker(tracker_url)
        self.table = sa.Table("events", sa.MetaData(), sa.Column("id", sa.Integer), sa.Column("sender_id", sa.String),
                              sa.Column("type_name", sa.String), sa.Column("timestamp", sa.Float),
                              sa.Column("intent_name", sa.String), sa.Column("action_name", sa.String),
                              sa.Column("data", sa.Text))
        self.handoffs = Handoffs(self.engine, create=False)  # requests for a person (the bot writes them)
        self._lock = threading.Lock()
        self._by_key: dict[str, Conversation] = {}
        self._ids: dict[str, str] = {}  # sender id -> conversation id (the key is read from a file or the environment)
        self._last_id = 0

    def _refresh(self) -> None:
        """Read the events added since the last call (the events table only grows)."""
        t = self.table
        query = (sa.select(t.c.id, t.c.sender_id, t.c.type_name, t.c.timestamp, t.c.intent_name, t.c.action_name, t.c.data)
                 .where(t.c.id > self._last_id, t.c.type_name.in_(("user", "bot", "slot", "session_started")))
                 .order_by(t.c.id))
        try:
            with self.engine.connect() as conn:
                rows = conn.execute(query).all()
        except sa.exc.OperationalError as exc:  # no conversation yet: Rasa makes the table on its first start
            if "no such table" in str(exc) or "unable to open" in str(exc) or "does not exist" in str(exc):
                return
            raise
        for row in rows:
            k = self._ids.get(row.sender_id) or self._ids.setdefault(row.sender_id, conversation_id(row.sender_id))
            conv = self._by_key.get(k) or self._by_key.setdefault(k, Conversation(row.sender_id, k))
            _add(conv, row.type_name, row.timestamp, row.intent_name, row.action_name, _data(row.data))
            self._last_id = max(self._last_id, row.id)

    def all(self) -> list[Conversation]:
        """Every conversation with at least one message from a person, the latest first."""
        with self._lock:
            self._refresh()
            return sorted((c for c in self._by_key.values() if c.user_messages), key=lambda c: -c.last)

    def get(self, conversation_key: str) -> Conversation | None:
        with self._lock:
            self._refresh()
            return self._by_key.get(conversation_key)
