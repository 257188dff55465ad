"""The SMS channel (bot/channels/sms.py) on the running bot: requests signed as Twilio signs them (Twilio's own
RequestValidator), with the fields Twilio's incoming-message webhook posts (blank ones included), posted to
the Rasa server's Twilio webhook; the TwiML answers are what the person's phone shows. Forged and unsigned
requests are refused and never reach the bot; carrier keywords (STOP, START, HELP) are answered by the
channel and never reach the bot; a redelivered request is answered once. Needs conftest's bot_stack;
about 2 minutes once it is up (one test restarts the Rasa server)."""
from __future__ import annotations

import sqlite3
import threading
import uuid
import zlib
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


def form(number: str, body: str, **extra: str) -> dict:
    """The fields Twilio's incoming-message webhook posts for an SMS, as it posts them: a new MessageSid
    each time, and blank values where Twilio knows nothing (city and ZIP of a mobile number, mostly)."""
    sid = "SM" + uuid.uuid4().hex
    return {"ToCountry": "US", "ToState": "ME", "SmsMessageSid": sid, "NumMedia": "0", "ToCity": "", "FromZip": "",
            "SmsSid": sid, "FromState": "ME", "SmsStatus": "received", "FromCity": "", "Body": body,
            "FromCountry": "US", "To": CHANNEL_SECRETS["TWILIO_NUMBER"], "ToZip": "", "NumSegments": "1",
            "MessageSid": sid, "AccountSid": ACCOUNT, "From": number, "ApiVersion": "2010-04-01", **extra}


def post(stack, fields: dict, signature: str | None) -> tuple[int, dict, bytes]:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if signature is not None:
        headers["X-Twilio-Signature"] = signature
    return http(webhook(stack), urlencode(fields).encode(), headers, timeout=180)


def deliver(stack, fields: dict) -> str:
    """The SMS the bot answers a (signed) request with: the text of the TwiML <Message> ('' when none)."""
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


def sms(stack, number: str, body: str, **extra: str) -> str:
    return deliver(stack, form(number, body, **extra))


def senders(stack) -> set[str]:
    with sqlite3.connect(stack.tracker_db) as db:
        return {row[0] for row in db.execute("SELECT DISTINCT sender_id FROM events")}


def user_messages(stack, number: str) -> int:
    """How many messages from ``number`` the bot has in its conversation."""
    with sqlite3.connect(stack.tracker_db) as db:
        return db.execute("SELECT COUNT(*) FROM events WHERE sender_id = ? AND type_name = 'user'",
                          (sender_id(number),)).fetchone()[0]


def opted_out(stack, number: str) -> bool:
    with sqlite3.connect(stack.tracker_db) as db:
        return db.execute("SELECT COUNT(*) FROM careerbot_sms_opt_outs WHERE sender_id = ?",
                          (sender_id(number),)).fetchone()[0] == 1


def sender_id(number: str) -> str:
    from bot import privacy

    with pytest.MonkeyPatch.context() as env:
        env.setenv(privacy.SENDER_KEY_ENV, "test sender key")  # the stack's key (tests/servers.py)
        env.delenv(privacy.KEEP_NUMBERS_ENV, raising=False)
        return privacy.hash_sender(number)


GREETING = "What job do you do now"


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
    # a number that is none of the choices: the choices again, and the bot never sees it
    before = user_messages(bot_stack, number)
    assert sms(bot_stack, number, "9") == "There is no choice 9.\n\nReply with a number:\n" + "\n".join(choices)
    assert user_messages(bot_stack, number) == before
    pay = next(c.split(" ", 1)[0] for c in choices if c.endswith("What does it pay?"))
    paid = sms(bot_stack, number, pay)  # just the digit
    assert "Maine $" in paid and "whole U.S. $" in paid, paid
    lines = paid.split("Reply with a number:")[0].strip().splitlines() + [""]
    assert not any(line.endswith(":") and not after.strip() for line, after in zip(lines, lines[1:])), paid  # no empty heading
    # the training answer, too long for an SMS, ends with the link to the rest: the same report
    choices = paid.split("Reply with a number:\n", 1)[1].splitlines()
    training = sms(bot_stack, number, next(c.split(" ", 1)[0] for c in choices if c.endswith("How do I get there?")))
    assert training.startswith("How people get into Court, Municipal, and License Clerks work:"), training
    assert f"\n\nFull report: {short}\n\nReply with a number:" in training, training
    # the conversation is kept under the number's keyed hash, never the number itself
    assert sender_id(number) in senders(bot_stack)
    assert not any("2075550123" in s for s in senders(bot_stack))


def test_a_digit_without_choices_is_just_text(bot_stack):
    number = "+12075550124"
    sms(bot_stack, number, "hello")
    assert sms(bot_stack, number, "never mind")  # no choices offered now
    assert "There is no choice" not in sms(bot_stack, number, "7")  # nothing was offered: the bot answers it


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


def test_a_signed_request_with_blank_fields_is_answered(bot_stack):
    """Twilio signs every field it posts, blank ones too (FromCity=, ToCity=, FromZip=, ToZip=): they must be
    part of the check, as Twilio's RequestValidator makes it."""
    number = "+12075550125"
    fields = form(number, "hi")
    signature = RequestValidator(TOKEN).compute_signature(webhook(bot_stack), fields)
    assert "&FromCity=&" in urlencode(fields)
    without_blanks = {k: v for k, v in fields.items() if v}
    assert RequestValidator(TOKEN).compute_signature(webhook(bot_stack), without_blanks) != signature  # they count
    status, _, answer = post(bot_stack, fields, signature)
    assert status == 200 and GREETING.encode() in answer, answer
    assert sender_id(number) in senders(bot_stack)


def test_a_picture_without_words_gets_plain_words(bot_stack):
    """A picture-only MMS: NumMedia=1 and an empty Body, as Twilio posts it."""
    number = "+12075550126"
    answer = sms(bot_stack, number, "", NumMedia="1", MediaContentType0="image/jpeg",
                 MediaUrl0=f"https://api.twilio.com/2010-04-01/Accounts/{ACCOUNT}/Messages/MM{'2' * 32}/Media/ME{'3' * 32}")
    assert answer == "I can only read text messages. Please type your question in words."
    assert sender_id(number) not in senders(bot_stack)  # nothing reached the bot


@pytest.mark.parametrize("word, extra", [("STOP", {}), ("stop", {}), ("Stop.", {}), ("STOPALL", {}), ("unsubscribe", {}),
                                         ("Cancel", {}), ("END", {}), ("quit", {}), ("ARRET", {"OptOutType": "STOP"})])
def test_stop_opts_out_until_start(bot_stack, word, extra):
    """A carrier opt-out keyword (or Twilio's OptOutType=STOP, for a keyword set in a Messaging Service) gets
    no SMS and records the opt-out; the bot says nothing to the number until it texts START."""
    number = f"+1207557{zlib.crc32((word + repr(extra)).encode()) % 10000:04d}"
    assert GREETING in sms(bot_stack, number, "hi")
    answered = user_messages(bot_stack, number)
    assert sms(bot_stack, number, word, **extra) == ""
    assert opted_out(bot_stack, number)
    assert sms(bot_stack, number, "hi") == "" and sms(bot_stack, number, "I'm a cashier") == ""
    assert sms(bot_stack, number, "help") == ""  # silent, as carriers block it anyway
    assert user_messages(bot_stack, number) == answered  # the bot never saw any of them
    started = sms(bot_stack, number, "START")
    assert started.startswith("Career bot: ") and "Reply STOP to opt out" in started, started
    assert not opted_out(bot_stack, number)
    assert sms(bot_stack, number, "hi")
    assert user_messages(bot_stack, number) == answered + 1


@pytest.mark.parametrize("word, extra", [("UNSTOP", {}), ("yes", {}), ("start", {"OptOutType": "START"})])
def test_the_other_ways_back_in(bot_stack, word, extra):
    number = f"+1207558{zlib.crc32((word + repr(extra)).encode()) % 10000:04d}"
    assert sms(bot_stack, number, "QUIT") == ""
    assert "Reply STOP to opt out" in sms(bot_stack, number, word, **extra)
    assert GREETING in sms(bot_stack, number, "hi")


def test_yes_is_just_yes_when_not_opted_out(bot_stack):
    number = "+12075550127"
    sms(bot_stack, number, "hi")
    assert "subscribed" not in sms(bot_stack, number, "yes")
    assert user_messages(bot_stack, number) == 2


@pytest.mark.parametrize("word, extra", [("HELP", {}), ("info", {}), ("AIDE", {"OptOutType": "HELP"})])
def test_help_is_the_carriers_help_text(bot_stack, word, extra):
    number = "+12075550128"
    answer = sms(bot_stack, number, word, **extra)
    assert answer.startswith("Career bot: ") and answer.endswith("Reply STOP to opt out."), answer
    assert "Msg & data rates may apply" in answer and render.sms_segments(answer) == 1
    assert sender_id(number) not in senders(bot_stack)


def test_no_sms_asks_for_a_carrier_keyword(bot_stack):
    """The bot's way out of its questions, said the SMS way ("never mind"), works; "stop" would opt out."""
    from bot import replies

    assert '"never mind"' in render.sms_body(replies.steer_in_form())
    number = "+12075550129"
    assert GREETING in sms(bot_stack, number, "hi")
    assert sms(bot_stack, number, "never mind").startswith("OK, I've stopped those questions")


def test_the_opt_out_survives_a_restart(bot_stack):
    number = "+12075550130"
    assert sms(bot_stack, number, "STOP") == ""
    bot_stack.restart("rasa")
    assert sms(bot_stack, number, "hi") == ""
    assert "Reply STOP to opt out" in sms(bot_stack, number, "START")
    assert GREETING in sms(bot_stack, number, "hi")


def test_a_redelivered_message_is_answered_once(bot_stack):
    """Twilio redelivers a message (the same MessageSid, the same signature): the same SMS again, and the
    conversation does not move on; a redelivery that comes while the first is being answered waits for it."""
    number = "+12075550131"
    first = form(number, "hi")
    answer = deliver(bot_stack, first)
    assert GREETING in answer
    assert deliver(bot_stack, first) == answer
    assert user_messages(bot_stack, number) == 1
    second = form(number, "I've been a cashier for 3 years in Maine and want to become a pharmacy tech")
    answers = [None, None]

    def send(i: int) -> None:
        answers[i] = deliver(bot_stack, second)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers[0] and answers[0] == answers[1], answers
    assert deliver(bot_stack, second) == answers[0]
    assert user_messages(bot_stack, number) == 2
    assert deliver(bot_stack, first) == answer  # still the first answer, not the latest


def test_more_sends_the_rest(bot_stack):
    """An answer too long for an SMS, with no report to link to, ends with "Text MORE for the rest."."""
    number = "+12075550132"
    sms(bot_stack, number, "how do I become a registered nurse in Ohio?")
    answer = sms(bot_stack, number, "2")  # I'm a student: what it takes to get into the job
    assert f"\n\n{render.MORE_LINE}\n\nReply with a number:\n1 " in answer, answer
    before = user_messages(bot_stack, number)
    pages = [sms(bot_stack, number, "MORE")]
    while pages[-1].endswith(render.MORE_LINE):
        pages.append(sms(bot_stack, number, "more"))
        assert len(pages) < 10
    assert "Registered Nurses" in pages[0]
    assert user_messages(bot_stack, number) == before  # MORE never reached the bot
    assert sms(bot_stack, number, "9").startswith("There is no choice 9.")  # the answer's choices still stand
