"""The Slack channel (bot/channels/slack.py) on the running bot: events and button clicks signed as Slack
signs them, posted to the Rasa server's Slack webhook. The bot's replies go to Slack's Web API, which here
is a loopback server that records each chat.postMessage call as Slack would receive it (the stack points
SLACK_API_URL at it). Needs conftest's bot_stack; about 30 s once it is up."""
from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode

import pytest

from tests.servers import CHANNEL_SECRETS, http

pytestmark = pytest.mark.integration

SECRET, TOKEN = CHANNEL_SECRETS["SLACK_SIGNING_SECRET"], CHANNEL_SECRETS["SLACK_BOT_TOKEN"]


class SlackApi:
    """Slack's Web API as far as the bot uses it: records chat.postMessage calls and answers like Slack."""

    def __init__(self, port: int):
        self.calls: list[dict] = []
        self.lock = threading.Lock()
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    args = json.loads(body or "{}")
                else:
                    args = {k: v[0] for k, v in parse_qs(body).items()}
                with api.lock:
                    api.calls.append({"method": self.path.rsplit("/", 1)[-1], "auth": self.headers.get("Authorization"),
                                      "args": args})
                    ts = f"{time.time():.6f}"
                answer = json.dumps({"ok": True, "channel": args.get("channel"), "ts": ts,
                                     "message": {"text": args.get("text"), "ts": ts}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def posts(self, since: int = 0) -> list[dict]:
        with self.lock:
            return [c for c in self.calls[since:] if c["method"] == "chat.postMessage"]

    def wait(self, since: int, done, timeout: float = 180) -> list[dict]:
        """The chat.postMessage calls after ``since`` once ``done(calls)`` holds and no more came for a second."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            calls = self.posts(since)
            if calls and done(calls):
                time.sleep(1.0)
                if len(self.posts(since)) == len(calls):
                    return calls
            time.sleep(0.2)
        raise AssertionError(f"Slack got no matching reply in {timeout:.0f}s: {json.dumps(self.posts(since))[:3000]}")


@pytest.fixture(scope="module")
def slack(bot_stack):
    api = SlackApi(bot_stack.slack_api_port)
    yield api
    api.server.shutdown()


def signed_headers(body: bytes, content_type: str, secret: str = SECRET, timestamp: int | None = None) -> dict:
    """Headers as Slack signs a request: v0=HMAC-SHA256(secret, "v0:{timestamp}:{body}")."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": f"v0={digest}"}


def event(user: str, text: str, ts: str) -> bytes:
    """A direct message to the bot, as the Events API delivers it."""
    return json.dumps({
        "token": "unused", "team_id": "T0TEST", "api_app_id": "A0TEST", "type": "event_callback", "event_id": "Ev" + ts,
        "event_time": int(float(ts)), "authorizations": [{"user_id": "U0BOT", "is_bot": True}],
        "event": {"type": "message", "channel_type": "im", "channel": "D0" + user, "user": user, "text": text,
                  "ts": ts, "event_ts": ts}}).encode()


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


def say(stack, slack, user: str, text: str, ts: str, done) -> list[dict]:
    since = len(slack.calls)
    status, answer = send(stack, event(user, text, ts), signed_headers(event(user, text, ts), "application/json"))
    assert status == 200, answer
    return slack.wait(since, done)


def all_text(calls: list[dict]) -> str:
    return "\n".join(c["args"].get("text") or "" for c in calls)


def buttons(calls: list[dict]) -> list[dict]:
    return [e for c in calls for b in c["args"].get("blocks") or [] if b["type"] == "actions" for e in b["elements"]]


def test_a_conversation_in_slack_threads(bot_stack, slack):
    user, first_ts = "U0ASKER", "1790000000.000100"
    hello = say(bot_stack, slack, user, "hi", first_ts, lambda c: "What job do you do now" in all_text(c))
    for call in hello:
        assert call["auth"] == f"Bearer {TOKEN}"
        assert call["args"]["channel"] == "D0" + user and call["args"]["thread_ts"] == first_ts  # in the thread
        assert call["args"]["blocks"][0]["type"] == "section" and call["args"]["blocks"][0]["text"]["type"] == "mrkdwn"

    ts = "1790000000.000200"
    answer = say(bot_stack, slack, user, "I've been a customer service rep for 3 years in Maine and I want to become a "
                 "license clerk", ts, lambda c: "out of 100" in all_text(c) or any("choose_job" in b["value"] for b in buttons(c)))
    while "out of 100" not in all_text(answer):  # which clerk? press the first button, in the thread
        choice = buttons(answer)[0]
        since = len(slack.calls)
        body = click(user, choice, answer[-1]["args"].get("thread_ts") or ts, ts)
        status, _ = send(bot_stack, body, signed_headers(body, "application/x-www-form-urlencoded"))
        assert status == 200
        answer = slack.wait(since, lambda c: "out of 100" in all_text(c) or bool(buttons(c)))
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
