"""The parts of the SMS and Slack channels that need no server: the ledger of opt-outs and answered deliveries
(bot/channels/ledger.py) on a SQLite file, as a restarted server finds it; Twilio's signature over exactly
the posted fields, signed by Twilio's own RequestValidator; the carrier keywords. A second or two."""
from __future__ import annotations

import asyncio
import time
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
import sqlalchemy as sa
from twilio.request_validator import RequestValidator

from bot.channels import ledger as ledger_module
from bot.channels.ledger import Ledger
from bot.channels.sms import SmsInput, keyword
from bot.channels.slack import media_type

URL = "https://bot.example.org/webhooks/twilio/webhook"
TOKEN, ACCOUNT = "test-token", "AC" + "0" * 32


@pytest.fixture()
def db(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'tracker.sqlite'}"


def test_an_opt_out_outlives_the_server(db):
    Ledger(sa.create_engine(db)).opt_out("sms-abc", "STOP")
    restarted = Ledger(sa.create_engine(db))  # another process, later: a fresh engine on the same database
    assert restarted.opted_out("sms-abc") and not restarted.opted_out("sms-other")
    restarted.opt_out("sms-abc", "QUIT")  # twice is once
    assert restarted.opt_in("sms-abc") and not restarted.opt_in("sms-abc")
    assert not Ledger(sa.create_engine(db)).opted_out("sms-abc")


def test_a_delivery_is_claimed_once_and_keeps_its_answer(db):
    ledger = Ledger(sa.create_engine(db))
    assert ledger.claim("twilio", "SM1")
    assert not ledger.claim("twilio", "SM1") and ledger.claim("slack", "SM1")  # each channel its own ids
    assert asyncio.run(ledger.answer_of("twilio", "SM1", wait=0.3)) == ("pending", None)
    ledger.answered("twilio", "SM1", "the answer")
    assert asyncio.run(Ledger(sa.create_engine(db)).answer_of("twilio", "SM1", wait=0)) == ("done", "the answer")
    ledger.claim("twilio", "SM2")
    ledger.release("twilio", "SM2")  # its answer failed: a retry is answered afresh
    assert asyncio.run(ledger.answer_of("twilio", "SM2", wait=0)) == ("released", None) and ledger.claim("twilio", "SM2")
    assert ledger.claim("slack", "event:Ev1", "message:D1:1.2")
    assert not ledger.claim("slack", "event:Ev2", "message:D1:1.2")  # another event, the same message
    assert ledger.claim("slack", "event:Ev2", "message:D1:1.3")


def test_answers_wait_for_the_first_delivery(db):
    ledger = Ledger(sa.create_engine(db))
    ledger.claim("twilio", "SM3")

    async def both():
        async def first():
            await asyncio.sleep(0.5)
            ledger.answered("twilio", "SM3", "first answer")
        return (await asyncio.gather(ledger.answer_of("twilio", "SM3", wait=5), first()))[0]

    assert asyncio.run(both()) == ("done", "first answer")


def test_old_deliveries_are_purged(db, monkeypatch):
    ledger = Ledger(sa.create_engine(db))
    ledger.claim("twilio", "SM-old")
    later = time.time() + (ledger_module.DELIVERY_HOURS + 1) * 3600
    monkeypatch.setattr(ledger_module.time, "time", lambda: later)
    ledger._purged = 0
    assert ledger.claim("twilio", "SM-new")
    assert ledger.delivery("twilio", "SM-old") is None and ledger.delivery("twilio", "SM-new") is not None


def test_more_pages_come_one_at_a_time(db):
    ledger = Ledger(sa.create_engine(db))
    ledger.save_more("sms-a", ["two", "three"])
    assert ledger.next_more("sms-a") == "two"
    assert Ledger(sa.create_engine(db)).next_more("sms-a") == "three"
    assert ledger.next_more("sms-a") is None
    ledger.save_more("sms-a", ["x"])
    ledger.save_more("sms-a", [])  # the next answer fitted: nothing more to send
    assert ledger.next_more("sms-a") is None


def twilio_request(fields: dict, signature: str) -> SimpleNamespace:
    """What SmsInput reads of a Sanic request: the raw body, the headers, the URL."""
    return SimpleNamespace(body=urlencode(fields).encode(), headers={"X-Twilio-Signature": signature}, url=URL,
                           path="/webhooks/twilio/webhook", query_string="")


def channel() -> SmsInput:
    return SmsInput(ACCOUNT, TOKEN, "+12075550100", debug_mode=False)


def test_twilio_signs_the_blank_fields_too():
    """A picture-only MMS as Twilio posts it: blank Body, FromCity, ToCity, FromZip; Twilio's RequestValidator
    signs every field. The channel checks exactly those (Sanic's request.form would drop the blank ones)."""
    fields = {"ToCountry": "US", "ToState": "ME", "SmsMessageSid": "MM" + "1" * 32, "NumMedia": "1", "ToCity": "",
              "FromZip": "", "SmsSid": "MM" + "1" * 32, "FromState": "ME", "SmsStatus": "received", "FromCity": "",
              "Body": "", "FromCountry": "US", "To": "+12075550100", "ToZip": "", "NumSegments": "1",
              "MessageSid": "MM" + "1" * 32, "AccountSid": ACCOUNT, "From": "+12075550123", "ApiVersion": "2010-04-01",
              "MediaContentType0": "image/jpeg", "MediaUrl0": "https://api.twilio.com/2010-04-01/Accounts/x/Media/ME1"}
    signature = RequestValidator(TOKEN).compute_signature(URL, fields)
    assert channel().signed_fields(twilio_request(fields, signature)) == fields
    unsigned_blanks = RequestValidator(TOKEN).compute_signature(URL, {k: v for k, v in fields.items() if v})
    assert channel().signed_fields(twilio_request(fields, unsigned_blanks)) is None
    assert channel().signed_fields(twilio_request({**fields, "Body": "hi"}, signature)) is None
    other_account = {**fields, "AccountSid": "AC" + "9" * 32}
    assert channel().signed_fields(twilio_request(other_account, RequestValidator(TOKEN).compute_signature(URL, other_account))) is None


@pytest.mark.parametrize("body, extra, opted_out, kind", [
    ("STOP", {}, False, "stop"), (" stop ", {}, False, "stop"), ("Stop.", {}, False, "stop"), ("StopAll", {}, False, "stop"),
    ("UNSUBSCRIBE", {}, False, "stop"), ("cancel", {}, False, "stop"), ("End", {}, False, "stop"), ("QUIT", {}, False, "stop"),
    ("revoke", {}, False, "stop"), ("optout", {}, False, "stop"), ("arret", {"OptOutType": "STOP"}, False, "stop"),
    ("START", {}, True, "start"), ("unstop", {}, True, "start"), ("Yes", {}, True, "start"), ("yes", {}, False, None),
    ("oui", {"OptOutType": "START"}, True, "start"), ("HELP", {}, False, "help"), ("info", {}, True, "help"),
    ("stop asking me that", {}, False, None), ("I want to end my job search", {}, False, None), ("help me", {}, False, None),
])
def test_carrier_keywords(body, extra, opted_out, kind):
    assert keyword({"Body": body, **extra}, opted_out) == kind


def test_slack_content_types_with_parameters():
    assert media_type("application/json; charset=utf-8") == "application/json"
    assert media_type("Application/X-WWW-Form-Urlencoded") == "application/x-www-form-urlencoded"
    assert media_type(None) == ""


@pytest.mark.postgres
def test_the_ledger_on_postgresql(postgres_url):
    """The same ledger on PostgreSQL, the tracker store of a deployment with several Rasa servers: two servers
    (two engines) claim the same delivery, one wins. In a database of its own."""
    from sqlalchemy.engine import make_url

    admin = sa.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text("DROP DATABASE IF EXISTS channels_ledger"))
        conn.execute(sa.text("CREATE DATABASE channels_ledger"))
    admin.dispose()
    url = make_url(postgres_url).set(database="channels_ledger")
    one, two = Ledger(sa.create_engine(url)), Ledger(sa.create_engine(url))
    assert [one.claim("twilio", "SM9"), two.claim("twilio", "SM9")] == [True, False]
    one.answered("twilio", "SM9", "answer")
    assert asyncio.run(two.answer_of("twilio", "SM9", wait=0)) == ("done", "answer")
    two.opt_out("sms-pg", "STOP")
    assert one.opted_out("sms-pg") and one.opt_in("sms-pg") and not two.opted_out("sms-pg")
    one.save_more("sms-pg", ["a", "b"])
    assert two.next_more("sms-pg") == "a" and one.next_more("sms-pg") == "b"
    for ledger in (one, two):
        ledger.engine.dispose()
