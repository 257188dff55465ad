"""Faults: servers killed or restarted mid-conversation, and a knowledge store that is missing or locked.

The bot runs in its own BotStack here (not the shared ``bot_stack``: these tests kill its servers), on a copy
of the knowledge store so that locking it harms nobody else. What is checked is what a person sees: the
replies, how long they took, and the conversation stored in the SQL tracker store.

About 3-4 minutes: the stack starts once (1-2 min), the action server restarts once and the Rasa server once.
"""
from __future__ import annotations

import asyncio
import json
import shutil
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text as sql

from bot import replies
from tests.servers import CAREERBOT, ROOT, BotStack, actions_command, environment, free_port, http, running, stop
from tests.test_e2e_rest import Chat, text

pytestmark = pytest.mark.integration

CANT_LOOK_UP = "can't look that up right now"
CSR_TO_CLERK = "Customer Service Representatives → Court, Municipal, and License Clerks"


@pytest.fixture(scope="module")
def stack(tmp_path_factory, engine):
    """Action server, Rasa server (SQL tracker store) and web server on a private copy of the store."""
    folder = tmp_path_factory.mktemp("faults")
    store_copy = folder / "careerbot.sqlite"
    shutil.copyfile(engine.url.database, store_copy)
    with running(BotStack(folder, env={"CAREERBOT_DB_URL": f"sqlite:///{store_copy}"})) as bot:
        yield bot


def stored_events(stack: BotStack, sender: str) -> list[dict]:
    """The conversation as the tracker store holds it, every event in order."""
    db = create_engine(stack.tracker_url)
    with db.connect() as conn:
        rows = conn.execute(sql("SELECT data FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender}).all()
    db.dispose()
    return [json.loads(data) for (data,) in rows]


def conversation_state(stack: BotStack, sender: str) -> dict:
    """Slots and active form after replaying the stored events the way Rasa does (undone turns left out)."""
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.load(str(ROOT / "domain.yml"))
    tracker = DialogueStateTracker.from_dict(sender, stored_events(stack, sender), domain.slots)
    return {"slots": tracker.current_slot_values(), "form": tracker.active_loop_name,
            "user_turns": [e.text for e in tracker.applied_events() if e.type_name == "user"]}


def test_action_server_killed_mid_form_gives_a_clear_answer_and_the_conversation_goes_on(stack):
    chat = Chat(stack.rest_url, "fault-actions")
    asked = chat.settle_job(chat.say("I've been a customer service rep for 3 years in Maine"))
    assert "What job would you like" in text(asked), chat.transcript()
    before = conversation_state(stack, "fault-actions")
    assert before["form"] == "career_form" and before["slots"]["current_code"] == "43-4051.00"
    stored_before = stored_events(stack, "fault-actions")

    stop(stack.processes["actions"])  # killed while the form waits for the job they want
    started = time.monotonic()
    replies = chat.say("I want to become a license clerk")
    took = time.monotonic() - started
    assert CANT_LOOK_UP in text(replies), chat.transcript()
    assert took < 2, f"the answer took {took:.1f}s"
    assert CSR_TO_CLERK not in text(replies)
    # the failed turn is undone: the stored conversation is as it was, the message not half-applied
    assert stored_events(stack, "fault-actions") == stored_before
    assert conversation_state(stack, "fault-actions") == before

    stack.start_actions()
    stack.wait("actions")
    answer = text(chat.settle_job(chat.say("I want to become a license clerk")))
    assert CSR_TO_CLERK in answer and "out of 100" in answer and "Maine" in answer, chat.transcript()


def test_rasa_server_restarted_mid_conversation_resumes_from_the_tracker_store(stack):
    chat = Chat(stack.rest_url, "fault-rasa")
    asked = chat.settle_job(chat.say("hi, I work as a customer service representative in Maine"))
    assert "What job would you like" in text(asked), chat.transcript()
    before = stored_events(stack, "fault-rasa")

    stack.restart("rasa")
    answer = text(chat.settle_job(chat.say("license clerk")))
    # the form went on where it was: the job and the state given before the restart are used
    assert CSR_TO_CLERK in answer and "Maine" in answer, chat.transcript()
    after = stored_events(stack, "fault-rasa")
    assert after[:len(before)] == before, "events stored before the restart changed"
    assert [e["text"] for e in after if e["event"] == "user"] == [m for m, _ in chat.log]  # every turn, in order
    slots = conversation_state(stack, "fault-rasa")["slots"]
    assert (slots["current_code"], slots["target_code"], slots["state"]) == ("43-4051.00", "43-4031.00", "ME")


@contextmanager
def locked(path):
    """Hold SQLite's exclusive lock on ``path``, as a program writing to the store would."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")
        conn.close()


def test_locked_store_bot_says_it_cannot_look_it_up_and_web_server_answers_503(stack):
    store_copy = stack.env["CAREERBOT_DB_URL"].removeprefix("sqlite:///")
    chat = Chat(stack.rest_url, "fault-locked")
    answer = text(chat.settle_job(chat.say("I've been a customer service rep in Maine and I want to become a license clerk")))
    assert CSR_TO_CLERK in answer, chat.transcript()
    report = f"{stack.web_url}/reports/43-4051.00/43-4031.00.html?state=NH"
    with locked(store_copy):
        status, _, body = http(report, timeout=60)
        assert status == 503 and b"can't be read right now" in body and b"Traceback" not in body, body[:300]
        replies = text(chat.say("how do I get there?"))
        assert CANT_LOOK_UP in replies and "Traceback" not in replies, chat.transcript()
    assert "with schools in Maine" in text(chat.say("how do I get there?")), chat.transcript()
    assert http(report, timeout=120)[0] == 200


def run(args: list[str], env: dict, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, env=environment(env), capture_output=True,
                          text=True, timeout=timeout)


def one_clear_line(result: subprocess.CompletedProcess, *words: str) -> str:
    """The error the person sees: on its own line, naming what to do, with no traceback anywhere."""
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-2000:]
    line = next((l for l in output.splitlines() if all(w in l for w in words)), None)
    assert line, output[-2000:]
    return line


@pytest.fixture(scope="module")
def tiny_store(tmp_path_factory):
    """A store with the right tables and no rows: enough to be opened, and to be locked."""
    from knowledge.models import Base

    path = tmp_path_factory.mktemp("tiny") / "store.sqlite"
    db = create_engine(f"sqlite:///{path}")
    Base.metadata.create_all(db)
    db.dispose()
    return path


@pytest.mark.parametrize("server", ["cli", "web", "actions"])
def test_missing_store_is_one_clear_line(server, tmp_path):
    url = f"sqlite:///{tmp_path / 'never-built.sqlite'}"
    args = {"cli": [CAREERBOT, "occupation", "43-4051.00"],
            "web": [sys.executable, "-m", "bot.web", "--port", str(free_port())],
            "actions": actions_command(free_port())}[server]
    result = run(args, {"CAREERBOT_DB_URL": url})
    assert result.returncode == 1
    one_clear_line(result, "has not been built", "run 'careerbot build'")


@pytest.mark.parametrize("server", ["cli", "actions"])
def test_locked_store_is_one_clear_line(server, tiny_store):
    args = {"cli": [CAREERBOT, "occupation", "43-4051.00"],
            "actions": actions_command(free_port())}[server]
    with locked(tiny_store):
        result = run(args, {"CAREERBOT_DB_URL": f"sqlite:///{tiny_store}"})
    assert result.returncode == 1
    one_clear_line(result, "database is locked", "try again")


def test_the_processor_hook_undoes_a_failed_turn_and_says_so():
    """bot/rasa_server.py against the pinned Rasa, in this process: a failing action leaves the conversation
    as it was before the person's message, the apology is sent, and no further action is predicted."""

    from rasa.core.actions.action import Action
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.core.policies.policy import PolicyPrediction
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.shared.exceptions import RasaException

    from bot.rasa_server import CareerbotProcessor

    domain = Domain.load(str(ROOT / "domain.yml"))
    tracker = DialogueStateTracker("unit", domain.slots)
    before = [ActionExecuted("action_listen"), UserUttered("cashier", {"name": "inform"}), ActionExecuted("career_form"),
              ActiveLoop("career_form"), SlotSet("current_code", "41-2011.00"), SlotSet("requested_slot", "target_job"),
              ActionExecuted("action_listen")]
    turn = [UserUttered("nurse", {"name": "inform"}), SlotSet("target_job", "nurse"), ActionExecuted("career_form")]
    for event in before + turn:
        tracker.update(event)

    class Unreachable(Action):
        def name(self) -> str:
            return "career_form"

        async def run(self, *_args):
            raise RasaException("Failed to execute custom action 'validate_career_form'. Couldn't connect")

    processor = object.__new__(CareerbotProcessor)  # only _run_action is exercised: no model needed
    processor.domain = domain
    channel = CollectingOutputChannel()
    run_action = processor._run_action(Unreachable(), tracker, channel, None, PolicyPrediction([], "test"))
    # in a thread of its own: Playwright's sync API (the session's browser fixture) keeps an event loop
    # running in this one, and asyncio.run() refuses to start inside a running loop
    with ThreadPoolExecutor(1) as pool:
        predict_more = pool.submit(asyncio.run, run_action).result()
    assert predict_more is False
    assert [m["text"] for m in channel.messages] == [m["text"] for m in replies.lookup_unavailable()]
    assert list(tracker.events) == before
    assert tracker.get_slot("target_job") is None and tracker.get_slot("current_code") == "41-2011.00"
    assert tracker.active_loop_name == "career_form" and tracker.latest_action_name == "action_listen"


def test_a_flood_of_messages_waits_in_line_first_come_first_served(monkeypatch):
    """50 messages at once reach one Rasa server: at most CAREERBOT_CONCURRENT_MESSAGES are inside Rasa's
    processor at a time (so their action calls are not starved), the rest wait their turn in arrival
    order, and every one is answered."""
    from rasa.core.channels.channel import UserMessage
    from rasa.core.processor import MessageProcessor

    from bot import rasa_server

    inside, most_inside, admitted = [0], [0], []

    async def rasa_handles(self, message):
        inside[0] += 1
        most_inside[0] = max(most_inside[0], inside[0])
        admitted.append(message.text)
        await asyncio.sleep(0.01)  # a turn awaits its action calls and the tracker store
        inside[0] -= 1
        return [{"text": f"answer to {message.text}"}]

    monkeypatch.setattr(MessageProcessor, "handle_message", rasa_handles)
    processor = object.__new__(rasa_server.CareerbotProcessor)

    async def flood():
        return await asyncio.gather(*(processor.handle_message(UserMessage(str(i), sender_id=f"p{i}"))
                                      for i in range(50)))

    with ThreadPoolExecutor(1) as pool:  # see above: not in the main thread's running loop
        answers = pool.submit(asyncio.run, flood()).result()
    assert most_inside[0] == rasa_server.CONCURRENT_MESSAGES
    assert admitted == [str(i) for i in range(50)]
    assert [a[0]["text"] for a in answers] == [f"answer to {i}" for i in range(50)]


def test_action_results_are_checked_against_rasas_schema_with_one_validator():
    """bot/rasa_server.py's check of the action server's answers, against the pinned Rasa: a good answer passes
    with the validator made once; a bad one still gets Rasa's own error, as without the launcher."""
    from jsonschema import ValidationError
    from rasa.core.actions.action import RemoteAction

    from bot import rasa_server

    action = RemoteAction("action_answer", None)
    good = {"events": [{"event": "slot", "name": "requested_slot", "value": "state"}],
            "responses": [{"text": "Which state are you in?", "buttons": []}]}
    assert rasa_server.check_action_result(action, good) is True
    assert rasa_server.action_result_validator() is rasa_server.action_result_validator()  # made once
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        rasa_server.check_action_result(action, {"events": [{"event": "no such event"}], "responses": []})
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        rasa_server.check_action_result(action, {"events": "not a list"})
