"""The SMS channel (bot/channels/sms.py) on the running bot: requests signed as Twilio signs them, posted to
the Rasa server's Twilio webhook; the TwiML answers are what the person's phone shows. Forged and unsigned
requests are refused and never reach the bot. Needs conftest's bot_stack; about 30 s once it is up."""
from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest
from twilio.request_validator import RequestValidator

from bot.channels import render
from tests.servers import CHANNEL_SECRETS, http

pytestmark = pytest.mark.integration

TOKEN, ACCOUNT = CHANNEL_SECRETS["TWILIO_AUTH_TOKEN"], CHANNEL_SECRETS["TWILIO_ACCOUNT_SID"]


def webhook(stack) -> str:
    return f"{stack.rasa_url}/webhooks/twilio/webhook"


def form(number: str, body: str) -> dict:
    """The fields Twilio posts for an incoming SMS (the ones that matter here)."""
    return {"MessageSid": "SM" + "1" * 32, "AccountSid": ACCOUNT, "From": number, "To": CHANNEL_SECRETS["TWILIO_NUMBER"],
            "Body": body, "NumMedia": "0", "NumSegments": "1", "SmsStatus": "received", "ApiVersion": "2010-04-01"}


def post(stack, fields: dict, signature: str | None) -> tuple[int, dict, bytes]:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if signature is not None:
        headers["X-Twilio-Signature"] = signature
    return http(webhook(stack), urlencode(fields).encode(), headers, timeout=180)


def sms(stack, number: str, body: str) -> str:
    """The SMS the bot answers with: the text of the TwiML <Message> ('' when none)."""
    fields = form(number, body)
    status, headers, answer = post(stack, fields, RequestValidator(TOKEN).compute_signature(webhook(stack), fields))
    assert status == 200, answer
    assert headers["content-type"].startswith("application/xml")
    root = ET.fromstring(answer)
    assert root.tag == "Response"
    messages = root.findall("Message")
    assert len(messages) <= 1, answer  # one SMS per answer
    text = messages[0].text if messages else ""
    assert render.sms_segments(text) <= render.SMS_MAX_SEGMENTS, text
    assert "<" not in text and "**" not in text, text  # plain text: no markup reaches the phone
    return text


def senders(stack) -> set[str]:
    with sqlite3.connect(stack.tracker_db) as db:
        return {row[0] for row in db.execute("SELECT DISTINCT sender_id FROM events")}


def sender_id(number: str) -> str:
    from bot import privacy

    with pytest.MonkeyPatch.context() as env:
        env.setenv(privacy.SENDER_KEY_ENV, "test sender key")  # the stack's key (tests/servers.py)
        env.delenv(privacy.KEEP_NUMBERS_ENV, raising=False)
        return privacy.hash_sender(number)


def test_a_conversation_by_sms(bot_stack):
    number = "+12075550123"
    assert "What job do you do now" in sms(bot_stack, number, "hi")
    answer = sms(bot_stack, number, "I've been a customer service rep for 3 years in Maine and I want to become a license clerk")
    while "Reply with a number:\n1 " in answer and "out of 100" not in answer:  # which clerk? pick the first
        assert "License" in answer, answer
        answer = sms(bot_stack, number, "1")
    assert answer.startswith("Customer Service Representatives -> Court, Municipal, and License Clerks"), answer
    assert "out of 100" in answer and "1. " in answer
    assert render.sms_segments(answer) >= 2  # a real, long answer, cut to fit
    link = next(line for line in answer.splitlines() if line.startswith("Full report: "))
    short = link.split(": ", 1)[1]
    assert short.startswith(bot_stack.web_url + "/r/") and len(short) < 60, short
    status, _, page = http(short, timeout=300)  # urllib follows the redirect to the report itself
    assert status == 200 and b"Court, Municipal, and License Clerks" in page
    choices = answer.split("Reply with a number:\n", 1)[1].splitlines()
    pay = next(c.split(" ", 1)[0] for c in choices if c.endswith("What does it pay?"))
    paid = sms(bot_stack, number, pay)  # just the digit
    assert "Maine $" in paid and "whole U.S. $" in paid, paid
    # the conversation is kept under the number's keyed hash, never the number itself
    assert sender_id(number) in senders(bot_stack)
    assert not any("2075550123" in s for s in senders(bot_stack))


def test_a_digit_without_choices_is_just_text(bot_stack):
    number = "+12075550124"
    sms(bot_stack, number, "hello")
    assert sms(bot_stack, number, "7")  # nothing was offered under 7: the bot still answers something


@pytest.mark.parametrize("how", ["unsigned", "forged", "other token", "other url", "tampered body"])
def test_requests_not_signed_by_twilio_are_refused(bot_stack, how):
    number = "+12075550199"
    fields = form(number, "hi")
    validator = RequestValidator(TOKEN)
    signature = {
        "unsigned": None,
        "forged": "bm90IGEgc2lnbmF0dXJlIGF0IGFsbA==",
        "other token": RequestValidator("someone-elses-token").compute_signature(webhook(bot_stack), fields),
        "other url": validator.compute_signature("https://evil.example.org/webhooks/twilio/webhook", fields),
        "tampered body": validator.compute_signature(webhook(bot_stack), {**fields, "Body": "bye"}),
    }[how]
    status, _, answer = post(bot_stack, fields, signature)
    assert status == 403, answer
    assert b"<Message>" not in answer
    assert sender_id(number) not in senders(bot_stack)  # the message never reached the bot
