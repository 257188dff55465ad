"""Conversations as a counselor sees them, read (never written) from Rasa's SQL tracker store.

Rasa keeps every event of every conversation in its ``events`` table (sender_id, type_name, timestamp,
intent_name, action_name, data as JSON). One conversation here is one sender id (one person on one
channel); Rasa's own sessions inside it are shown as "new session" marks in the transcript.

Everything text-like a counselor sees passes through ``bot.privacy.mask``: what people typed, what the bot
said (it can echo what people typed). No sender id is shown, in a page, a URL or an export: a sender id is
a key to the person's conversation on the bot's channels. Conversations are named by
``bot.privacy.conversation_id(sender_id)``, a keyed hash (``Conversation.key``).

Two flags help counselors find who needs them:

* asked for a human: a message of the person asks for a person ("can I talk to a real person",
  "I need a counselor", "human please", "agent"). There is no NLU intent for this yet, so it is found in
  the text with ``HUMAN_REQUEST``; a ``human_handoff`` intent would be better.
* left unresolved: the bot gave no analysis at all in the conversation, or the person's last two messages
  were both not understood (NLU fallback or out of scope).
"""
from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone

import sqlalchemy as sa

from bot.analysis_record import SLOT as ANALYSES_SLOT
from bot.privacy import conversation_id, mask

_HUMAN = (r"(?:a\s+|an\s+|the\s+|some\s+|your\s+)?(?:real\s+|live\s+|actual\s+)?(?:human|person|someone|somebody|"
          r"(?:career\s+)?counsel?l?or|advisor|adviser|agent|representative|staff|coach|operator)\b")
HUMAN_REQUEST = re.compile(
    # a request: "can I talk to a real person", "I'd like to speak with a counselor", "connect me with someone"
    r"\b(?:(?:can|could|may)\s+i|let\s+me|i\s*(?:want|need|'?d\s+like|would\s+like|wanna)(?:\s+to)?|please)\s+"
    r"(?:talk|speak|chat)\s+(?:to|with)\s+" + _HUMAN +
    r"|\b(?:connect|transfer|put)\s+me\s+(?:to|with|through\s+to)\s+" + _HUMAN +
    r"|\bis\s+there\s+(?:a\s+)?(?:real|live|actual)\s+(?:human|person)\b"
    r"|\b(?:need|want|get\s+me)\s+(?:a\s+|an\s+|to\s+see\s+a\s+)?(?:real\s+|live\s+)?(?:human|person|"
    r"(?:career\s+)?counsel?l?or|advisor|agent)\s*(?:please\s*)?[.!?]*\s*$"
    r"|^\s*(?:a\s+)?(?:human|agent|operator|representative|counsel?l?or|real\s+person)(?:\s+please)?\s*[.!?]*\s*$"
    r"|\bhuman\s+please\b",
    re.I)
NOT_UNDERSTOOD = {"nlu_fallback", "out_of_scope"}
SLOTS_SHOWN = ("current_title", "target_title", "state")


def asked_for_human(text: str | None) -> bool:
    return bool(text and HUMAN_REQUEST.search(text))


@dataclass
class Turn:
    """One line of the transcript: who ("user", "bot", "session"), when, the masked text, and more."""
    who: str
    time: float
    text: str = ""
    intent: str | None = None
    buttons: list[str] = field(default_factory=list)
    not_understood: bool = False
    asks_for_human: bool = False


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

    @property
    def current(self) -> str | None:
        return self.slots.get("current_title") or next(
            (a["current"]["title"] for a in reversed(self.analyses) if a.get("current")), None)

    @property
    def target(self) -> str | None:
        title = self.slots.get("target_title")
        return title or next((a["target"]["title"] for a in reversed(self.analyses) if a.get("target")), None)

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


def _add(conv: Conversation, type_name: str, timestamp: float, intent: str | None, action: str | None, data: dict):
    timestamp = timestamp or 0.0
    conv.started = min(conv.started, timestamp) if conv.started else timestamp
    conv.last = max(conv.last, timestamp)
    if type_name == "user":
        text = data.get("text") or ""
        intent = intent or ((data.get("parse_data") or {}).get("intent") or {}).get("name")
        human = asked_for_human(text)
        conv.turns.append(Turn("user", timestamp, mask(text), intent, not_understood=intent in NOT_UNDERSTOOD,
                               asks_for_human=human))
        conv.user_messages += 1
        conv.asked_for_human |= human
        conv.channel = data.get("input_channel") or conv.channel
    elif type_name == "bot":
        extra = data.get("data") or {}
        buttons = [mask(str(b.get("title", ""))) for b in (extra.get("buttons") or []) if isinstance(b, dict)]
        text = data.get("text") or ""
        if extra.get("image"):
            text = (text + "\n" if text else "") + "[image]"
        conv.turns.append(Turn("bot", timestamp, mask(text), buttons=buttons))
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


class Conversations:
    """All conversations of a tracker store, re-read only when the store has new events."""

    def __init__(self, tracker_url: str):
        self.engine = open_tracker(tracker_url)
        self.table = sa.Table("events", sa.MetaData(), sa.Column("id", sa.Integer), sa.Column("sender_id", sa.String),
                              sa.Column("type_name", sa.String), sa.Column("timestamp", sa.Float),
                              sa.Column("intent_name", sa.String), sa.Column("action_name", sa.String),
                              sa.Column("data", sa.Text))
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


@dataclass
class Filters:
    """The list's search and filters, from the query string (every value optional)."""
    q: str = ""            # words in what was said, the occupations or the conversation id
    channel: str = ""
    occupation: str = ""   # in the current or the target occupation
    since: str = ""        # YYYY-MM-DD, by the last message
    until: str = ""
    human: bool = False
    unresolved: bool = False

    @classmethod
    def from_args(cls, args) -> "Filters":
        get = lambda name: (args.get(name) or "").strip()[:200]  # noqa: E731
        return cls(q=get("q"), channel=get("channel"), occupation=get("occupation"), since=get("since"),
                   until=get("until"), human=get("human") in {"1", "on", "yes"},
                   unresolved=get("unresolved") in {"1", "on", "yes"})

    def query_string(self) -> str:
        from urllib.parse import urlencode

        pairs = {k: v for k, v in (("q", self.q), ("channel", self.channel), ("occupation", self.occupation),
                                   ("since", self.since), ("until", self.until)) if v}
        if self.human:
            pairs["human"] = "1"
        if self.unresolved:
            pairs["unresolved"] = "1"
        return urlencode(pairs)

    @staticmethod
    def _day(text: str) -> str | None:
        try:
            return datetime.strptime(text, "%Y-%m-%d").strftime("%Y-%m-%d")
        except ValueError:
            return None

    def keep(self, c: Conversation) -> bool:
        if self.channel and (c.channel or "") != self.channel:
            return False
        if self.human and not c.asked_for_human:
            return False
        if self.unresolved and not c.unresolved:
            return False
        if self.occupation:
            word = self.occupation.lower()
            if word not in (c.current or "").lower() and word not in (c.target or "").lower():
                return False
        day = c.last_at.strftime("%Y-%m-%d")
        if self._day(self.since) and day < self._day(self.since):
            return False
        if self._day(self.until) and day > self._day(self.until):
            return False
        if self.q:
            word = self.q.lower()
            haystack = [c.key, c.current or "", c.target or ""] + [t.text for t in c.turns]
            if not any(word in h.lower() for h in haystack):
                return False
        return True


def select(conversations: list[Conversation], filters: Filters) -> list[Conversation]:
    return [c for c in conversations if filters.keep(c)]
