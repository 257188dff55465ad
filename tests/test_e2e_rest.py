"""Whole conversations over the REST channel, with the action server and the Rasa server running as
real subprocesses on free loopback ports (the trained model models/careerbot.tar.gz and the real store).

Slow (about two minutes to start both servers); `make test-bot` runs it after training the model.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "careerbot.tar.gz"
RASA = str(Path(sys.executable).parent / "rasa")
START_TIMEOUT = 600  # seconds; the action server reads the whole store first
pytestmark = pytest.mark.integration


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, timeout: float = 5) -> int:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status


def wait_until_up(url: str, process: subprocess.Popen, log: Path, name: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the {name} exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if get(url) == 200:
                return
        except OSError:
            pass
        time.sleep(1)
    pytest.fail(f"the {name} did not answer {url} within {START_TIMEOUT}s:\n{log.read_text()[-3000:]}")


def start(args: list[str], log: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen(args, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT, env=env,
                            start_new_session=True)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="module")
def bot(tmp_path_factory, engine):
    """The REST webhook URL of a running bot."""
    if not MODEL.is_file():
        pytest.fail(f"{MODEL} is missing: run `make train` first")
    tmp = tmp_path_factory.mktemp("bot")
    actions_port, rasa_port = free_port(), free_port()
    endpoints = tmp / "endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n')
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "PYTHONWARNINGS": "ignore",
           "RASA_TELEMETRY_ENABLED": "false"}
    env.pop("CAREERBOT_WARM", None)  # the action server reads the store before it answers /health
    actions = start([RASA, "run", "actions", "--actions", "actions", "--port", str(actions_port)], tmp / "actions.log", env)
    server = None
    try:
        server = start([RASA, "run", "--model", str(MODEL), "--endpoints", str(endpoints), "--credentials",
                        str(ROOT / "credentials.yml"), "--port", str(rasa_port), "--interface", "127.0.0.1"],
                       tmp / "rasa.log", env)
        wait_until_up(f"http://127.0.0.1:{actions_port}/health", actions, tmp / "actions.log", "action server")
        wait_until_up(f"http://127.0.0.1:{rasa_port}/", server, tmp / "rasa.log", "Rasa server")
        yield f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook"
    finally:
        if server is not None:
            stop(server)
        stop(actions)


class Chat:
    """One person talking to the bot; ``say`` returns the bot's replies to one message."""

    def __init__(self, url: str, sender: str):
        self.url, self.sender, self.log = url, sender, []

    def say(self, message: str) -> list[dict]:
        body = json.dumps({"sender": self.sender, "message": message}).encode()
        request = urllib.request.Request(self.url, data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as response:
            replies = json.loads(response.read())
        self.log.append((message, replies))
        return replies

    def click(self, replies: list[dict], title_part: str | None = None) -> list[dict]:
        """Press a button of the last replies: the first one, or the first whose title contains ``title_part``."""
        buttons = [b for r in replies for b in r.get("buttons") or []]
        chosen = next((b for b in buttons if title_part is None or title_part.lower() in b["title"].lower()), None)
        assert chosen, f"no button {title_part!r} in {self.transcript()}"
        return self.say(chosen["payload"])

    def settle_job(self, replies: list[dict]) -> list[dict]:
        """When the bot offers job choices as buttons, take the first one (as a person would pick theirs)."""
        while any(b["payload"].startswith("/choose_job") for r in replies for b in r.get("buttons") or []):
            replies = self.click(replies)
        return replies

    def transcript(self) -> str:
        return "\n".join(f"> {m}\n" + "\n".join(f"  {r.get('text', '')}" for r in rs) for m, rs in self.log)


def text(replies: list[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def test_csr_to_license_clerk(bot):
    chat = Chat(bot, "csr")
    assert "What job do you do now" in text(chat.say("hi"))
    answer = chat.settle_job(chat.say("I've been a customer service rep for 3 years in Maine and I want to become a license clerk"))
    said = text(answer)
    assert "Customer Service Representatives → Court, Municipal, and License Clerks" in said, chat.transcript()
    assert "out of 100" in said and "Biggest gaps first" in said and "1. " in said
    assert "Source: O*NET" in said and "Maine" in said
    training = text(chat.say("how do I get there?"))
    assert "with schools in Maine" in training, chat.transcript()
    assert "(" in training and "Source:" in training  # schools with their towns, and the source
    apprenticeships = text(chat.say("are there apprenticeships?"))
    assert "3001CB" in apprenticeships, chat.transcript()
    pay = text(chat.say("what does it pay?"))
    assert "Maine $" in pay and "whole U.S. $" in pay, chat.transcript()
    assert "Knowledge to add" in text(chat.say("what am I missing?")), chat.transcript()


def test_a_cashier_exploring(bot):
    chat = Chat(bot, "cashier")
    replies = chat.settle_job(chat.say("i'm a cashier"))
    assert "What job would you like" in text(replies), chat.transcript()
    assert "Which state" in text(chat.say("i don't know what i want")), chat.transcript()
    options = chat.say("skip")
    said = text(options)
    assert "could move into" in said and "covered" in said, chat.transcript()
    compare = chat.settle_job(chat.click(options, "Compare"))
    assert "out of 100" in text(compare), chat.transcript()


def test_a_typo_ridden_sms_user(bot):
    chat = Chat(bot, "sms")
    chat.say("hii")
    answer = chat.settle_job(chat.say("im a custmer servce rep n wanna be a licence clerk in maine"))
    assert "out of 100" in text(answer), chat.transcript()
    assert "Maine" in text(chat.say("hw do i get there")), chat.transcript()


def test_corrections_and_a_new_target(bot):
    chat = Chat(bot, "corrections")
    first = chat.settle_job(chat.say("I'm a cashier and I want to become a pharmacy tech. I live in Ohio"))
    assert "→ Pharmacy Technicians" in text(first), chat.transcript()
    corrected = chat.settle_job(chat.say("actually I'm a shift supervisor"))
    assert "Supervisors" in text(corrected) and "→ Pharmacy Technicians" in text(corrected), chat.transcript()
    retarget = chat.settle_job(chat.say("what about becoming a dental hygienist instead?"))
    assert "→ Dental Hygienists" in text(retarget), chat.transcript()


def test_unknown_jobs_get_help_and_the_bot_moves_on(bot):
    chat = Chat(bot, "unknown")
    chat.say("hello")
    first = text(chat.say("I'm a qwzx blorp"))
    assert "couldn't match" in first, chat.transcript()
    second = chat.say("zzkq vrrp")
    assert any(r.get("buttons") for r in second), chat.transcript()  # examples to tap
    third = text(chat.say("flrb gnk"))
    assert "move on" in third and "What job would you like" in third, chat.transcript()


def test_start_over_and_goodbye(bot):
    chat = Chat(bot, "restart")
    chat.settle_job(chat.say("i'm a nurse and want to become a teacher in vermont"))
    assert "fresh start" in text(chat.say("start over")), chat.transcript()
    assert "Tell me your job" in text(chat.say("what am i missing?")), chat.transcript()
    assert "Good luck" in text(chat.say("bye")), chat.transcript()
