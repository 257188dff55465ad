"""Simulated job seekers hold whole conversations with the running bot over REST (tests/simulated_user.py):
a CI-sized part of the held-out corpus (every 4th first message, every 3rd scripted conversation with
corrections), with budgets. The whole corpus is `bench/conversations.py`; its figures are in the README.

The corpus was written by people who never saw data/nlu/ and is never copied into it: it measures, it
doesn't train.
"""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from tests.simulated_user import SimulatedUser, Titles, load, summary

pytestmark = pytest.mark.integration

# Budgets for the CI part: a few points under what the whole corpus gave when they were set (README,
# "Understanding people"), so that a change that makes the bot understand people worse fails. They are
# below the goals (90% understood, 97% right within 6 messages), which the bot does not reach yet.
UNDERSTOOD = {"current": 0.82, "target": 0.84, "state": 0.95}
RIGHT_WITHIN_6 = 0.93
DIALOGUES_RIGHT = 0.75


@pytest.fixture(scope="module")
def people(bot_stack, engine):
    tracker = sa.create_engine(bot_stack.tracker_url)
    titles = Titles(engine)

    def hold(cases: list[dict], prefix: str, scripted: bool = False):
        def one(case: dict):
            if scripted:
                person = {"id": case["id"], **case["final"], **case["facts"]}
                return SimulatedUser(bot_stack.rasa_url, tracker, titles, f"{prefix}-{case['id']}", person).run(case["turns"])
            return SimulatedUser(bot_stack.rasa_url, tracker, titles, f"{prefix}-{case['id']}", case).run()

        with ThreadPoolExecutor(4) as pool:
            return list(pool.map(one, cases))

    return hold


def report(outcomes) -> str:
    failed = [o for o in outcomes if not o.right][:8]
    return json.dumps(summary(outcomes)) + "\n" + "\n\n".join(
        f"{o.id}: " + "\n".join(f"> {m}\n  " + " | ".join((r.get("text") or "")[:160] for r in rs) for m, rs in o.transcript)
        for o in failed)


def test_first_messages_are_understood_and_reach_the_right_analysis(people):
    outcomes = people(load("first_messages.jsonl")[::4], "ci-first")
    s = summary(outcomes)
    assert s["self_comparisons"] == 0, report(outcomes)
    for key, budget in UNDERSTOOD.items():
        got, of = s[f"understood_{key}"]
        assert got >= budget * of, f"{key}: {got}/{of}\n{report(outcomes)}"
    assert s["right_within_6"] >= RIGHT_WITHIN_6 * len(outcomes), report(outcomes)
    assert s["median_turns"] is not None and s["median_turns"] <= 3, report(outcomes)


def test_corrections_and_changes_of_mind(people):
    outcomes = people(load("dialogues.jsonl")[::3], "ci-dialogue", scripted=True)
    s = summary(outcomes)
    assert s["right"] >= DIALOGUES_RIGHT * len(outcomes), report(outcomes)

