"""The REST channel when the bot is public (bot/channels/rest.py): on loopback it is open (every other test talks
to it so); bound to any other address, a message needs ``Authorization: Bearer <CAREERBOT_REST_TOKEN>``, and
without it gets 401 with a JSON error and never reaches the bot. The rules without a server, then a Rasa
server started as deploy/ starts it (``--interface 0.0.0.0``) with a token."""
from __future__ import annotations

import json
import sqlite3
import uuid

import pytest

from bot.channels.rest import NO_TOKEN, NOT_SET, refusal
from tests.servers import BotStack, http, running

TOKEN = "test rest token"


# (the interface the server listens on, the token it has, the Authorization header sent, the refusal)
@pytest.mark.parametrize("host, token, sent, why", [
    ("127.0.0.1", None, None, None), ("127.0.0.1", TOKEN, None, None), ("127.0.0.2", None, None, None),
    ("::1", None, None, None), ("[::1]", None, None, None), ("localhost", TOKEN, "Bearer wrong", None),
    ("0.0.0.0", TOKEN, f"Bearer {TOKEN}", None), ("::", TOKEN, f"Bearer {TOKEN}", None),
    ("0.0.0.0", None, None, NOT_SET), ("0.0.0.0", "", f"Bearer {TOKEN}", NOT_SET), ("", None, None, NOT_SET),
    ("0.0.0.0", TOKEN, None, NO_TOKEN), ("0.0.0.0", TOKEN, "Bearer wrong", NO_TOKEN), ("::", TOKEN, "", NO_TOKEN),
    ("10.0.0.5", TOKEN, TOKEN, NO_TOKEN),                    # the token without "Bearer "
    ("bot.example.org", TOKEN, f"Basic {TOKEN}", NO_TOKEN), ("192.168.1.10", TOKEN, f"Bearer {TOKEN}x", NO_TOKEN),
])
def test_when_the_rest_channel_needs_the_token(host, token, sent, why):
    assert refusal(host, token, sent) == why


@pytest.fixture(scope="module")
def public_bot(tmp_path_factory, engine):
    stack = BotStack(tmp_path_factory.mktemp("public"), interface="0.0.0.0", env={"CAREERBOT_REST_TOKEN": TOKEN})
    with running(stack, only=("actions", "rasa")) as up:
        yield up


def say(stack, sender: str, headers: dict) -> tuple[int, dict, bytes]:
    body = json.dumps({"sender": sender, "message": "hi"}).encode()
    return http(stack.rest_url, body, {"Content-Type": "application/json", **headers})


def messages_of(stack, sender: str) -> int:
    with sqlite3.connect(stack.tracker_db) as db:
        return db.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]


@pytest.mark.integration
def test_a_public_rest_channel_answers_only_with_the_token(public_bot):
    sender = f"public-{uuid.uuid4().hex[:8]}"
    for headers in ({}, {"Authorization": "Bearer a guess"}, {"Authorization": TOKEN}):
        status, got, body = say(public_bot, sender, headers)
        got = {k.lower(): v for k, v in got.items()}
        assert status == 401 and got["content-type"].startswith("application/json"), (status, body)
        assert json.loads(body) == {"error": NO_TOKEN} and got.get("www-authenticate") == "Bearer"
    assert messages_of(public_bot, sender) == 0  # none of them reached the bot
    status, _, body = say(public_bot, sender, {"Authorization": f"Bearer {TOKEN}"})
    assert status == 200 and "What job do you do now" in " ".join(r.get("text", "") for r in json.loads(body)), body
    assert messages_of(public_bot, sender) > 0
    assert http(f"{public_bot.rasa_url}/webhooks/rest/")[0] == 200  # the health check stays open
