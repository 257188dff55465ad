"""Bad input: hostile and odd messages over the REST channel and straight into the actions (a CI-sized run
of bench/fuzz.py), and the inputs that once broke something, each as its own test.

About 2 minutes once the bot is up (conftest's ``bot_stack``); the full 10,000-message run is
``.venv/bin/python bench/fuzz.py`` (bench/README.md, "Bad input").
"""
from __future__ import annotations

import os
import time

import pytest

os.environ.setdefault("CAREERBOT_WARM", "0")  # the store is read on first use instead of at import

from bench.fuzz import CATEGORIES, fuzz_actions, fuzz_rest, generate, reply_problems  # noqa: E402
from bot import replies  # noqa: E402
from bot.limits import MAX_MESSAGE_CHARS, cap_message  # noqa: E402
from tests.servers import rest_say  # noqa: E402

pytestmark = pytest.mark.integration

CI_MESSAGES = 240  # over REST and again into the actions; every category is among the first 240 of seeds 8 and 9


def failures_of(outcome) -> list[str]:
    return [f"{category}: {problem} <- {message[:80]!r}" for category, items in outcome.failed.items()
            for problem, message in items]


def text(replies_: list[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies_)


def test_the_ci_sample_has_every_category():
    for seed in (8, 9):
        assert set(c for c, _ in generate(CI_MESSAGES, seed)) == set(CATEGORIES)


def test_fuzz_over_rest(bot_stack):
    outcome = fuzz_rest(bot_stack.rasa_url, generate(CI_MESSAGES, seed=8), workers=4)
    assert sum(n for c, n in outcome.sent.items() if c != "(opening)") == CI_MESSAGES
    assert not failures_of(outcome), "\n".join(failures_of(outcome)[:20])


def test_fuzz_straight_into_the_actions(engine):
    outcome = fuzz_actions(generate(CI_MESSAGES, seed=9))
    assert sum(outcome.sent.values()) == CI_MESSAGES
    assert not failures_of(outcome), "\n".join(failures_of(outcome)[:20])


def test_the_checks_catch_markup_and_control_characters():
    assert reply_problems([{"text": 'I couldn\'t match "<script>alert(1)</script>"'}])
    assert reply_problems([{"text": "ok", "buttons": [{"title": "<img src=x>", "payload": "/x"}]}])
    assert reply_problems([{"text": "moved \x1b[2J"}])
    assert not reply_problems([{"text": "Cashiers → Tellers\n3 < 4 and 5 > 4"}])


# -- regressions: each of these once broke something -----------------------------------------------------

def test_markup_typed_as_a_job_is_not_quoted_back_as_markup(bot_stack):
    """Was: 'I couldn't match "<script>alert(1)</script>" to a job' (and the state question likewise)."""
    sender = f"html-{time.time_ns()}"
    rest_say(bot_stack.rasa_url, sender, "hi")
    said = text(rest_say(bot_stack.rasa_url, sender, "<script>alert(1)</script>"))
    assert "couldn't match" in said and "alert(1)" in said
    assert "<" not in said and ">" not in said


@pytest.mark.parametrize("typed", ["<img src=x onerror=alert(1)>", "\x1b[2J\x1b[31mnarnia", "a\u202eb\x00c"])
def test_quoted_text_has_no_markup_or_control_characters(typed):
    for messages in (replies.unknown_job(typed, 1, "current"), replies.unknown_state(typed, 1),
                     replies.ambiguous(typed, [{"code": "43-4051.00", "title": "Customer Service Representatives"}])):
        assert not reply_problems(messages), messages
        assert "\u202e" not in messages[0]["text"]


def test_a_greeting_inside_the_form_does_not_silence_the_conversation(bot_stack):
    """Was: 'hello there' while the bot waited for a job: no rule fitted, the fallback ran ten times in a
    row, Rasa's circuit breaker tripped, and every later message of that person got no reply at all."""
    sender = f"greet-{time.time_ns()}"
    rest_say(bot_stack.rasa_url, sender, "hi")
    again = rest_say(bot_stack.rasa_url, sender, "hello there")
    assert 1 <= len(again) <= 3, again
    after = text(rest_say(bot_stack.rasa_url, sender, "I'm a cashier"))
    assert "What job would you like" in after, after


def test_a_100_kb_message_is_answered_and_quickly(bot_stack):
    """Was: no reply after 140 s (Rasa's REST channel gave up at 120 s) while every other conversation waited."""
    sender = f"huge-{time.time_ns()}"
    started = time.monotonic()
    answer = rest_say(bot_stack.rasa_url, sender, "I'm a " + "very " * 20_000 + "cashier")
    assert answer and time.monotonic() - started < 30
    assert text(rest_say(bot_stack.rasa_url, sender, "hi"))  # and the conversation goes on


def test_long_messages_are_cut_at_a_space():
    assert cap_message("short") == "short" and cap_message(None) is None
    cut = cap_message("word " * 1000)
    assert len(cut) <= MAX_MESSAGE_CHARS and cut.endswith("word")
    assert len(cap_message("x" * 5000)) == MAX_MESSAGE_CHARS


def test_a_state_slot_nobody_checked_means_national_figures(engine):
    """Was: UnknownCode from the pay, gaps and answer actions (and the raw slot quoted in the training
    answer) when the entity extractor filled the state slot outside the form with something not a state."""
    import asyncio

    from rasa_sdk.executor import CollectingDispatcher

    from actions import actions as module
    from tests.test_actions import KNOWN, tracker

    said = {}
    for action in (module.ActionPay(), module.ActionGaps(), module.ActionAnswer(), module.ActionTraining()):
        dispatcher = CollectingDispatcher()
        t = tracker(slots={**KNOWN, "state": "<b>narnia</b>"}, text="what does it pay in narnia?")
        asyncio.run(action.run(dispatcher, t, {}))
        assert dispatcher.messages and not reply_problems(dispatcher.messages), (action.name(), dispatcher.messages)
        said[action.name()] = text(dispatcher.messages)
    assert "whole U.S. $" in said["action_pay"] and "narnia" not in said["action_training"].lower()


@pytest.mark.parametrize("command", ["/restart", "/session_start", "/back"])
def test_rasa_commands_typed_by_a_person_are_answered(bot_stack, command):
    """Was (bench/fuzz.py over REST): "/restart" wiped the conversation and "/session_start" started a new
    session, both with no answer at all. Typed, they are words like any other: the bot either carries on
    or, when it reads them as "start over", says so."""
    from tests.test_e2e_rest import Chat

    chat = Chat(bot_stack.rest_url, f"command-{time.time_ns()}")
    first = text(chat.settle_job(chat.say("I've been a customer service rep in Maine and want to become a license clerk")))
    assert "Court, Municipal, and License Clerks" in first, chat.transcript()
    answer = text(chat.say(command))
    assert answer.strip(), chat.transcript()
    if "fresh start" not in answer:
        assert "Maine $" in text(chat.say("what does it pay?")), chat.transcript()  # the comparison is still there
