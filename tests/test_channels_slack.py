"""The Slack channel (bot/channels/slack.py) on the running bot: events and button clicks signed as Slack
signs them (slack_sdk's SignatureVerifier), in the shapes of Slack's Events API and interactivity
documentation, posted to the Rasa server's Slack webhook. The bot's replies go to Slack's Web API, which
here is a loopback server that records each chat.postMessage call as Slack would receive it and can answer
as Slack does when it refuses one (429 with Retry-After, invalid_blocks); the stack points SLACK_API_URL at
it. Needs conftest's bot_stack; about a minute once it is up."""
from __future__ import annotations

import json
import sqlite3
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import parse_qs, urlencode

import pytest
from slack_sdk.signature import SignatureVerifier

from tests.servers import CHANNEL_SECRETS, http

pytestmark = pytest.mark.integration

SECRET, TOKEN = CHANNEL_SECRETS["SLACK_SIGNING_SECRET"], CHANNEL_SECRETS["SLACK_BOT_TOKEN"]
# What Slack answers when it refuses a message's blocks (an image it cannot download, here)
INVALID_BLOCKS = (200, {"ok": False, "error": "invalid_blocks", "response_metadata": {
    "messages": ["[ERROR] downloading image failed [json-pointer:/blocks/1/image_url]"]}}, {})
RATE_LIMITED = (429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "1"})


class SlackApi:
    """Slack's Web API as far as the bot uses it: records chat.postMessage calls and answers like Slack.
    ``faults[channel]`` is called with each call's arguments and the number of calls to that channel so
    far; an answer (status, body, headers) from it is what Slack answers instead of posting."""

    def __init__(self, port: int):
        self.calls: list[dict] = []
        self.faults: dict[str, Callable[[dict, int], tuple | None]] = {}
        self.lock = threading.Lock()
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    args = json.loads(body or "{}")
                else:
                    args = {k: v[0] for k, v in parse_qs(body).items()}
                    if isinstance(args.get("blocks"), str):
                        args["blocks"] = json.loads(args["blocks"])
                with api.lock:
                    channel = args.get("channel")
                    tried = sum(1 for c in api.calls if c["args"].get("channel") == channel)
                    fault = api.faults.get(channel)
                    status, answer, headers = (fault and fault(args, tried)) or (200, None, {})
                    ts = f"{time.time():.6f}"
                    answer = answer or {"ok": True, "channel": channel, "ts": ts, "message": {"text": args.get("text"), "ts": ts}}
                    api.calls.append({"method": self.path.rsplit("/", 1)[-1], "auth": self.headers.get("Authorization"),
                                      "args": args, "posted": status == 200 and answer["ok"]})
                data = json.dumps(answer).encode()
                self.send_response(status)
                for name, value in {"Content-Type": "application/json; charset=utf-8", **headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def posts(self, since: int = 0, channel: str | None = None) -> list[dict]:
        """The messages Slack showed (calls it did not refuse), after the first ``since`` calls."""
        with self.lock:
            return [c for c in self.calls[since:] if c["method"] == "chat.postMessage" and c["posted"]
                    and channel in (None, c["args"].get("channel"))]

    def attempts(self, since: int = 0, channel: str | None = None) -> list[dict]:
        with self.lock:
            return [c for c in self.calls[since:] if channel in (None, c["args"].get("channel"))]

    def wait(self, since: int, done, timeout: float = 180, channel: str | None = None) -> list[dict]:
        """The chat.postMessage calls after ``since`` once ``done(calls)`` holds and no more came for 1.5 s."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            calls = self.posts(since, channel)
            if calls and done(calls):
                time.sleep(1.5)
                if len(self.posts(since, channel)) == len(calls):
                    return calls
            time.sleep(0.2)
        raise AssertionError(f"Slack got no matching reply in {timeout:.0f}s: {json.dumps(self.posts(since))[:3000]}")


@pytest.fixture(scope="module")
def slack(bot_stack):
    api = SlackApi(bot_stack.slack_api_port)
    yield api
    api.server.shutdown()


def signed_headers(body: bytes, content_type: str, secret: str = SECRET, timestamp: int | None = None) -> dict:
    """Headers as Slack signs a request (v0=HMAC-SHA256 of "v0:{timestamp}:{body}"), by slack_sdk."""
    timestamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body)
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": signature}


def event(user: str, text: str, ts: str, event_id: str | None = None, channel: str | None = None,
          kind: str = "message") -> bytes:
    """A direct message to the bot as the Events API delivers it (an event_callback); with ``channel`` and
    kind="app_mention", a message in that channel that mentions the bot."""
    inner = {"type": kind, "channel": channel or "D0" + user, "user": user, "text": text, "ts": ts, "event_ts": ts,
             "client_msg_id": f"{user}-{ts}"}
    if kind == "message":
        inner["channel_type"] = "im" if not channel else "channel"
    return json.dumps({
        "token": "unused", "team_id": "T0TEST", "api_app_id": "A0TEST", "type": "event_callback",
        "event_id": event_id or "Ev" + ts.replace(".", ""), "event_time": int(float(ts)),
        "authorizations": [{"enterprise_id": None, "team_id": "T0TEST", "user_id": "U0BOT", "is_bot": True}],
        "event_context": "4-eyJldCI6Im1lc3NhZ2UifQ", "event": inner}).encode()


def click(user: str, button: dict, message_ts: str, thread_ts: str) -> bytes:
    """A button press, as Slack's interactivity request posts it (form-encoded JSON payload)."""
    payload = {"type": "block_actions", "user": {"id": user}, "channel": {"id": "D0" + user},
               "container": {"type": "message", "message_ts": message_ts, "channel_id": "D0" + user},
               "message": {"ts": message_ts, "thread_ts": thread_ts, "text": "..."},
               "actions": [{"type": "button", "action_id": button["action_id"], "value": button["value"],
                            "text": button["text"], "block_id": "b", "action_ts": f"{time.time():.6f}"}]}
    return urlencode({"payload": json.dumps(payload)}).encode()


def send(stack, body: bytes, headers: dict) -> tuple[int, bytes]:
    status, _, answer = http(f"{stack.rasa_url}/webhooks/slack/webhook", body, headers, timeout=60)
    return status, answer


def say(stack, slack, user: str, text: str, ts: str, done, **how) -> list[dict]:
    since = len(slack.calls)
    body = event(user, text, ts, **how)
    status, answer = send(stack, body, signed_headers(body, "application/json"))
    assert status == 200, answer
    return slack.wait(since, done)


def all_text(calls: list[dict]) -> str:
    return "\n".join(c["args"].get("text") or "" for c in calls)


def buttons(calls: list[dict]) -> list[dict]:
    return [e for c in calls for b in c["args"].get("blocks") or [] if b["type"] == "actions" for e in b["elements"]]


def user_messages(stack, sender: str) -> int:
    with sqlite3.connect(stack.tracker_db) as db:
        return db.execute("SELECT COUNT(*) FROM events WHERE sender_id = ? AND type_name = 'user'", (sender,)).fetchone()[0]


GREETING = "What job do you do now"
PAIR = "I've been a customer service rep for 3 years in Maine and I want to become a license clerk"


def comparison(stack, slack, user: str, text: str, ts: str) -> list[dict]:
    """The posts that answer ``text`` naming two jobs, up to the comparison (pressing the first button when
    the bot asks which of several jobs)."""
    answer = say(stack, slack, user, text, ts, lambda c: "out of 100" in all_text(c) or
                 any("choose_job" in b["value"] for b in buttons(c)))
    while "out of 100" not in all_text(answer):  # which clerk? press the first button, in the thread
        choice = buttons(answer)[0]
        since = len(slack.calls)
        body = click(user, choice, answer[-1]["args"].get("thread_ts") or ts, ts)
        status, _ = send(stack, body, signed_headers(body, "application/x-www-form-urlencoded"))
        assert status == 200
        answer = slack.wait(since, lambda c: "out of 100" in all_text(c) or bool(buttons(c)))
    return answer


_ts = iter(range(1790001000, 1790100000))


def new_ts() -> str:
    return f"{next(_ts)}.000100"


def test_a_conversation_in_slack_threads(bot_stack, slack):
    user, first_ts = "U0ASKER", "1790000000.000100"
    hello = say(bot_stack, slack, user, "hi", first_ts, lambda c: "What job do you do now" in all_text(c))
    for call in hello:
        assert call["auth"] == f"Bearer {TOKEN}"
        assert call["args"]["channel"] == "D0" + user and call["args"]["thread_ts"] == first_ts  # in the thread
        assert call["args"]["blocks"][0]["type"] == "section" and call["args"]["blocks"][0]["text"]["type"] == "mrkdwn"

    ts = "1790000000.000200"
    answer = comparison(bot_stack, slack, user, "I've been a customer service rep for 3 years in Maine and I want to "
                        "become a license clerk", ts)
    assert all(c["args"]["thread_ts"] == ts for c in answer)
    summary = next(c["args"] for c in answer if "out of 100" in c["args"]["text"])
    kinds = [b["type"] for b in summary["blocks"]]
    assert kinds[0] == "section" and "image" in kinds
    image = next(b for b in summary["blocks"] if b["type"] == "image")
    assert image["image_url"].startswith(f"{bot_stack.web_url}/charts/gaps/") and image["alt_text"]
    status, headers, png = http(image["image_url"], timeout=120)
    assert status == 200 and headers["content-type"] == "image/png" and png.startswith(b"\x89PNG")
    link = next(c["args"] for c in answer if "/reports/" in c["args"]["text"])
    assert "|your full report>" in link["blocks"][0]["text"]["text"]  # a labelled link in mrkdwn
    offered = buttons(answer)
    assert [(b["type"], b["text"]["type"]) for b in offered] == [("button", "plain_text")] * len(offered)
    assert "/ask_pay" in [b["value"] for b in offered]
    json.dumps(summary["blocks"])

    pay_button = next(b for b in offered if b["value"] == "/ask_pay")
    since = len(slack.calls)
    body = click(user, pay_button, "1790000000.000300", ts)
    status, _ = send(bot_stack, body, signed_headers(body, "application/x-www-form-urlencoded"))
    assert status == 200
    paid = slack.wait(since, lambda c: "whole U.S. $" in all_text(c))
    assert "Maine $" in all_text(paid) and all(c["args"]["thread_ts"] == ts for c in paid)


def test_requests_not_signed_by_slack_are_refused(bot_stack, slack):
    user = "U0FORGER"
    body = event(user, "hi", "1790000001.000100")
    forgeries = {
        "unsigned": {"Content-Type": "application/json"},
        "forged": {**signed_headers(body, "application/json"), "X-Slack-Signature": "v0=" + "0" * 64},
        "other secret": signed_headers(body, "application/json", secret="someone-elses-secret"),
        "stale": signed_headers(body, "application/json", timestamp=int(time.time()) - 600),  # a replayed request
        "tampered body": signed_headers(event(user, "bye", "1790000001.000100"), "application/json"),
    }
    since = len(slack.calls)
    for how, headers in forgeries.items():
        status, answer = send(bot_stack, body, headers)
        assert status == 400, (how, status, answer)  # Rasa's SlackInput answers 400 to a bad signature
    time.sleep(3)  # had one reached the bot, it would have answered by now ("hi" takes well under a second)
    assert not slack.posts(since)


@pytest.mark.parametrize("retries", [
    [("1", "http_timeout"), ("2", "http_error"), ("3", "unknown_error")],
    [("1", "connection_failed"), ("1", "connection_failed")],
    [(None, None)],  # the same event again, with no retry headers at all
])
def test_one_answer_per_event_whatever_the_retry_headers(bot_stack, slack, retries):
    user = f"U0RETRY{len(retries)}{retries[0][1] or 'none'}".upper().replace("_", "")
    ts = new_ts()
    body = event(user, "hi", ts)
    since = len(slack.calls)
    status, _ = send(bot_stack, body, signed_headers(body, "application/json"))
    assert status == 200
    first = slack.wait(since, lambda c: GREETING in all_text(c))
    for number, reason in retries:
        headers = signed_headers(body, "application/json")
        if number:
            headers.update({"X-Slack-Retry-Num": number, "X-Slack-Retry-Reason": reason})
        status, _, _ = http(f"{bot_stack.rasa_url}/webhooks/slack/webhook", body, headers, timeout=60)
        assert status == 200  # acknowledged, so Slack stops retrying
    time.sleep(3)  # a second answer to "hi" would have come by now
    assert len(slack.posts(since)) == len(first)
    assert user_messages(bot_stack, f"{user}_D0{user}") == 1


def test_the_same_message_in_another_event_is_answered_once(bot_stack, slack):
    """Slack can deliver one message twice under different event ids (a mention as ``app_mention`` and as
    ``message``, where the app listens to both): one answer."""
    user, ts = "U0TWICE", new_ts()
    since = len(slack.calls)
    for event_id in ("Ev0TWICE1", "Ev0TWICE2"):
        body = event(user, "hi", ts, event_id=event_id)
        assert send(bot_stack, body, signed_headers(body, "application/json"))[0] == 200
    first = slack.wait(since, lambda c: GREETING in all_text(c))
    time.sleep(2)
    assert len(slack.posts(since)) == len(first) and user_messages(bot_stack, f"{user}_D0{user}") == 1


def test_a_retry_of_an_event_never_seen_is_answered(bot_stack, slack):
    """The first delivery never arrived (Slack timed out connecting): its retry is the message."""
    user, ts = "U0LOST", new_ts()
    body = event(user, "hi", ts)
    headers = {**signed_headers(body, "application/json"), "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    since = len(slack.calls)
    assert send(bot_stack, body, headers)[0] == 200
    assert GREETING in all_text(slack.wait(since, lambda c: GREETING in all_text(c)))


def test_a_charset_in_the_content_type_is_read(bot_stack, slack):
    user, ts = "U0CHARSET", new_ts()
    body = event(user, "hi", ts)
    since = len(slack.calls)
    assert send(bot_stack, body, signed_headers(body, "application/json; charset=utf-8"))[0] == 200
    assert GREETING in all_text(slack.wait(since, lambda c: GREETING in all_text(c)))


def test_url_verification_is_answered_as_slack_documents(bot_stack, slack):
    challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    body = json.dumps({"token": "Jhj5dZrVaK7ZwHHjRyZWjbDl", "challenge": challenge, "type": "url_verification"}).encode()
    for content_type in ("application/json", "application/json; charset=utf-8"):
        status, headers, answer = http(f"{bot_stack.rasa_url}/webhooks/slack/webhook", body,
                                       signed_headers(body, content_type), timeout=60)
        assert status == 200 and headers["content-type"].startswith("application/json")
        assert json.loads(answer) == {"challenge": challenge}


def test_a_rate_limited_post_is_retried(bot_stack, slack):
    """Slack answers the turn's first chat.postMessage with 429 and Retry-After: 1; it is posted again after
    that, and every message of the turn arrives, in order."""
    user, ts = "U0LIMITED", new_ts()
    slack.faults[f"D0{user}"] = lambda args, tried: RATE_LIMITED if tried == 0 else None
    since = len(slack.calls)
    hello = say(bot_stack, slack, user, "hi", ts, lambda c: GREETING in all_text(c))
    attempts = slack.attempts(since, f"D0{user}")
    assert not attempts[0]["posted"] and attempts[1]["args"]["text"] == attempts[0]["args"]["text"]
    assert [c["args"]["text"] for c in hello] == [c["args"]["text"] for c in attempts[1:]]
    assert len(hello) >= 2 and GREETING in hello[-1]["args"]["text"]


def test_a_refused_picture_is_posted_without_it_and_the_turn_goes_on(bot_stack, slack):
    """Slack refuses the comparison's message (it cannot download the gap chart: invalid_blocks): it is posted
    again with the chart as a link, and the messages after it (the report link, the follow-up buttons)
    still arrive."""
    user = "U0NOIMAGE"
    refuse_images = lambda args, tried: INVALID_BLOCKS if any(b["type"] == "image" for b in args.get("blocks") or []) else None  # noqa: E731
    slack.faults[f"D0{user}"] = refuse_images
    since = len(slack.calls)
    answer = comparison(bot_stack, slack, user, PAIR, new_ts())
    refused = [c for c in slack.attempts(since, f"D0{user}") if not c["posted"]]
    assert refused and all(any(b["type"] == "image" for b in c["args"]["blocks"]) for c in refused)
    summary = next(c["args"] for c in answer if "out of 100" in c["args"]["text"])
    assert "image" not in [b["type"] for b in summary["blocks"]]
    assert any("/charts/gaps/" in b["text"]["text"] for b in summary["blocks"] if b["type"] == "section")
    assert answer.index(next(c for c in answer if "out of 100" in c["args"]["text"])) < len(answer) - 1
    assert any("/reports/" in c["args"]["text"] for c in answer) and "/ask_pay" in [b["value"] for b in buttons(answer)]


def test_a_failed_post_does_not_lose_the_rest_of_the_turn(bot_stack, slack):
    """The first message of the turn fails for good (Slack refuses all its blocks, then an error): the later
    messages are posted all the same; a message whose every block Slack refuses goes as plain text."""
    user, ts = "U0FAILS", new_ts()

    def fault(args, tried):
        if tried == 0:
            return 500, {"ok": False, "error": "fatal_error"}, {}
        return INVALID_BLOCKS if args.get("blocks") else None

    slack.faults[f"D0{user}"] = fault
    since = len(slack.calls)
    hello = say(bot_stack, slack, user, "hi", ts, lambda c: GREETING in all_text(c))
    assert GREETING in hello[-1]["args"]["text"] and not hello[-1]["args"].get("blocks")
    assert "You can ask: I don't have a job; I'm a student" in hello[-1]["args"]["text"]  # the buttons, written out
    assert len(slack.attempts(since, f"D0{user}")) >= 3


def test_a_dm_stays_in_the_dm(bot_stack, slack):
    """The same person in a direct message and in a public channel: two conversations, so what they asked in
    private is not answered from in the channel."""
    user = "U0PRIVATE"
    comparison(bot_stack, slack, user, PAIR, new_ts())
    since = len(slack.calls)
    ts = new_ts()
    body = event(user, "<@U0BOT> what does it pay?", ts, channel="C0PUBLIC", kind="app_mention")
    assert send(bot_stack, body, signed_headers(body, "application/json"))[0] == 200
    public = slack.wait(since, lambda c: True)
    assert all(c["args"]["channel"] == "C0PUBLIC" and c["args"]["thread_ts"] == ts for c in public)
    assert "Clerks" not in all_text(public) and "Customer Service" not in all_text(public) and "$" not in all_text(public)
    assert user_messages(bot_stack, f"{user}_C0PUBLIC") == 1 and user_messages(bot_stack, f"{user}_D0{user}") >= 1
