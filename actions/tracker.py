"""Reading the conversation: the latest message, its entities, and what a slot held before it."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def texts_since_intent(tracker: Tracker, intent: str) -> list[str]:
    """What the person typed from their latest message with this intent to now ("what else pays more?", then
    "Maine" answering the form): the latest message alone when none had it."""
    users = [e for e in tracker.events if e.get("event") == "user"]
    start = max((i for i, e in enumerate(users) if ((e.get("parse_data") or {}).get("intent") or {}).get("name") == intent),
                default=len(users) - 1)
    return [e.get("text") or "" for e in users[max(start, 0):]] or [latest_text(tracker)]


def latest_intent(tracker: Tracker) -> str | None:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")


def latest_entities(tracker: Tracker) -> dict[str, str]:
    """entity -> its value in the latest message (the last one, when it appears twice)."""
    return {e["entity"]: e.get("value") for e in (tracker.latest_message or {}).get("entities") or []}


def is_whole_message(tracker: Tracker, value: Any) -> bool:
    """True when the value is the whole message: a bare answer to the question that was asked."""
    return str(value).strip().lower() == latest_text(tracker).strip().lower()


def previous_value(tracker: Tracker, slot: str) -> Any:
    """The slot's value before the latest user message."""
    events = tracker.events
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=len(events))
    value = None
    for e in events[:last_user]:
        if e.get("event") == "slot" and e.get("name") == slot:
            value = e.get("value")
        elif e.get("event") in ("reset_slots", "restart"):
            value = None
    return value


def last_value(tracker: Tracker, slot: str) -> Any:
    """The slot's latest value that was not empty in this conversation (since a reset): a job they named before
    an answer cleared it ("what else could I do" clears the target they wanted)."""
    value = None
    for e in tracker.events:
        if e.get("event") == "slot" and e.get("name") == slot and e.get("value"):
            value = e.get("value")
        elif e.get("event") in ("reset_slots", "restart"):
            value = None
    return value or tracker.get_slot(slot)


def failures(tracker: Tracker) -> int:
    return int(tracker.get_slot("failures") or 0)


def has_code(tracker: Tracker, which: str) -> str | None:
    return tracker.get_slot(f"{which}_code")


def active_form(tracker: Tracker) -> str | None:
    return (tracker.active_loop or {}).get("name")


def ran_since_last_message(tracker: Tracker, action: str) -> bool:
    for e in reversed(tracker.events):
        if e.get("event") == "user":
            return False
        if e.get("event") == "action" and e.get("name") == action:
            return True
    return False


def prompted_this_turn(tracker: Tracker) -> bool:
    """Whether a validator already prompted since the person's latest message. Only this turn counts: a
    flag left from an earlier turn (the form ended before its question was asked) once kept the bot
    silent when the form next asked for a slot (bench/fuzz.py, a right-to-left message)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "slot" and event.get("name") == "prompted":
            return bool(event.get("value"))
    return False


def bot_said_recently(tracker: Tracker, text: str, turns: int = 3) -> bool:
    """Whether the bot sent this exact text in its last few replies: never the same line twice in a row."""
    seen = 0
    for e in reversed(tracker.events):
        if e.get("event") == "user":
            seen += 1
            if seen > turns:
                return False
        if e.get("event") == "bot" and (e.get("text") or "").strip() == text.strip():
            return True
    return False
