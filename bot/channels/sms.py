"""Text messages through Twilio: Rasa's Twilio connector, answering the webhook with TwiML.

Twilio posts each incoming SMS to ``/webhooks/twilio/webhook``; the answer to that request may be TwiML
(``<Response><Message>...</Message></Response>``), which Twilio sends back to the person as an SMS. So
the bot's whole answer goes back in the HTTP response, as one SMS of at most three segments
(``render.sms_pages``), and no call to Twilio's REST API is needed. What this adds to Rasa's connector:

* every request must carry a valid ``X-Twilio-Signature`` (Twilio's RequestValidator, with the account's
  auth token, over the public URL Twilio called and exactly the form fields Twilio posted, blank ones such
  as ``FromCity=`` included); otherwise 403 and the message never reaches the bot;
* carrier keywords are answered here, never by the bot: STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT,
  REVOKE, OPTOUT (or Twilio's ``OptOutType=STOP``) get an empty TwiML answer and record the opt-out
  (``ledger``, in the tracker store's database); from then on nothing is answered to that number until it
  texts START or UNSTOP (``OptOutType=START``; YES too while opted out), which gets a confirmation. HELP
  and INFO (``OptOutType=HELP``) get the help text carriers require: the service's name, what it does,
  "Msg & data rates may apply" and "Reply STOP to opt out". No SMS tells people to type one of those
  words for anything else (``render.sms_wording``);
* a redelivered request (the same MessageSid) gets the answer the first one got, without a second turn;
  a redelivery that arrives while the first is still being answered waits for that answer;
* a picture with no words ("I can only read text messages") and an empty text never reach the bot;
* buttons are numbered choices: a reply of just a digit is read as the payload of that button, taken
  from the buttons the bot last sent this sender, as stored in the tracker store (no process memory); a
  number that is not one of them gets the choices again;
* an answer too long for one SMS ends with the link to the full report (the conversation's report when
  the answer has none), or with "Text MORE for the rest": MORE then sends the next part;
* the sender id is ``bot.privacy.hash_sender(number)``, not the phone number (so are the opt-outs).

Settings, from the environment (credentials.yml lists the channel without secrets):

    TWILIO_AUTH_TOKEN     the auth token of the Twilio account (signs the webhooks); without it every
                          request is refused (503) and the log says so
    TWILIO_ACCOUNT_SID    the account (only checked against the request's AccountSid when set)
    TWILIO_NUMBER         the bot's number (informational)
    CAREERBOT_PUBLIC_URL  the base URL Twilio calls (e.g. https://bot.example.org), when the bot is behind a
                          proxy or tunnel and sees another URL than Twilio used; the signature covers it
    CAREERBOT_SMS_NAME    the service's name in the HELP and START answers (default "Career bot")
    CAREERBOT_SMS_CONTACT where to get help from a person, added to the HELP answer (e.g. a phone number
                          or a web address); none by default
"""
from __future__ import annotations

import logging
import os
import re
from typing import Any, Awaitable, Callable
from urllib.parse import parse_qsl
from xml.sax.saxutils import escape

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.twilio import TwilioInput
from rasa.shared.core.events import BotUttered, UserUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from bot.channels import render
from bot.channels.ledger import Ledger, ledger_for
from bot.privacy import hash_sender

logger = logging.getLogger(__name__)

PUBLIC_URL_ENV = "CAREERBOT_PUBLIC_URL"
NAME_ENV, CONTACT_ENV = "CAREERBOT_SMS_NAME", "CAREERBOT_SMS_CONTACT"
DEFAULT_NAME = "Career bot"
SORRY = "Sorry, something went wrong on our side. Please try again in a few minutes."
TEXT_ONLY = "I can only read text messages. Please type your question in words."
CHANNEL = "twilio"  # the deliveries' channel in the ledger
REDELIVERY_WAIT = 14.0  # seconds a redelivery waits for the first delivery's answer (Twilio waits 15)

# Twilio's and the carriers' keywords: the whole message, in any case, alone (trailing punctuation allowed).
OPT_OUT_WORDS = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"}
OPT_IN_WORDS = {"START", "UNSTOP"}  # and YES, from a number that opted out
HELP_WORDS = {"HELP", "INFO"}


def service_name() -> str:
    return os.environ.get(NAME_ENV, "").strip() or DEFAULT_NAME


def help_text() -> str:
    contact = os.environ.get(CONTACT_ENV, "").strip()
    return (f"{service_name()}: free career guidance from public U.S. job data. Text your job and the job you "
            f"want to begin.{f' Help: {contact}.' if contact else ''} Msg & data rates may apply. Reply STOP to opt out.")


def start_text() -> str:
    return (f"{service_name()}: you're subscribed. Text your job and the job you want to begin. Msg & data rates "
            "may apply. Reply HELP for help. Reply STOP to opt out.")


def keyword(fields: dict[str, str], opted_out: bool) -> str | None:
    """"stop", "start" or "help" when the message is a carrier keyword (or Twilio says so), else None."""
    told = (fields.get("OptOutType") or "").strip().upper()
    if told in ("STOP", "START", "HELP"):
        return told.lower()
    word = re.sub(r"[\s.!]+$", "", (fields.get("Body") or "").strip()).upper()
    if word in OPT_OUT_WORDS:
        return "stop"
    if word in OPT_IN_WORDS or word == "YES" and opted_out:
        return "start"
    if word in HELP_WORDS:
        return "help"
    return None


class _Fields(dict):
    """The posted form fields, each name with all its values, as RequestValidator reads a multi-dict."""

    def getall(self, name: str) -> list[str]:
        return self[name]


def posted_fields(request: Request) -> _Fields:
    """Exactly the fields Twilio posted, blank values kept (Sanic's ``request.form`` drops them, and the
    signature covers them)."""
    fields = _Fields()
    for name, value in parse_qsl((request.body or b"").decode("utf-8", "replace"), keep_blank_values=True):
        fields.setdefault(name, []).append(value)
    return fields


def twiml(body: str) -> str:
    """The TwiML document that makes Twilio send ``body`` as one SMS (no document body: no SMS)."""
    message = f"<Message>{escape(body)}</Message>" if body.strip() else ""
    return f'<?xml version="1.0" encoding="UTF-8"?><Response>{message}</Response>'


def buttons_last_offered(tracker) -> list[dict]:
    """The buttons of the bot's messages after the user's latest message, in the order they were sent."""
    offered: list[dict] = []
    for event in reversed(list(tracker.events) if tracker else []):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, BotUttered):
            offered[:0] = [b for b in (event.data or {}).get("buttons") or [] if b.get("payload")]
    return offered


def conversation_report(tracker) -> str | None:
    """The link to the full report of the conversation's current pair of jobs, from the latest answer that
    gave one for exactly these two jobs (after "start over" or a new job, an older report is not theirs)."""
    if not tracker:
        return None
    current, target = tracker.get_slot("current_code"), tracker.get_slot("target_code")
    if not current or not target:
        return None
    for event in reversed(list(tracker.events)):
        if isinstance(event, BotUttered):
            for url in render.links(event.text or ""):
                match = render.REPORT_URL.match(url)
                if match and ".pdf" not in url and (match["source"], match["target"]) == (current, target):
                    return url
    return None


def is_intent(payload: str) -> bool:
    return str(payload).startswith("/")


class SmsInput(TwilioInput):
    """Rasa's Twilio input channel with signature checks, carrier keywords, redeliveries answered once,
    TwiML answers and numbered choices."""

    @classmethod
    def name(cls) -> str:
        return "twilio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "SmsInput":
        credentials = credentials or {}
        return cls(credentials.get("account_sid") or os.environ.get("TWILIO_ACCOUNT_SID"),
                   credentials.get("auth_token") or os.environ.get("TWILIO_AUTH_TOKEN"),
                   credentials.get("twilio_number") or os.environ.get("TWILIO_NUMBER"),
                   debug_mode=False)

    def public_url(self, request: Request) -> str:
        """The URL Twilio requested, which the signature covers."""
        base = os.environ.get(PUBLIC_URL_ENV, "").rstrip("/")
        if not base:
            return request.url
        return base + request.path + (f"?{request.query_string}" if request.query_string else "")

    def signed_fields(self, request: Request) -> dict[str, str] | None:
        """The posted fields (the first value of each) when Twilio signed exactly them, else None."""
        signature = request.headers.get("X-Twilio-Signature", "")
        if not signature or not self.auth_token:
            return None
        posted = posted_fields(request)
        if not RequestValidator(self.auth_token).validate(self.public_url(request), posted, signature):
            return None
        fields = {name: values[0] for name, values in posted.items()}
        if self.account_sid and fields.get("AccountSid") not in (None, self.account_sid):
            return None
        return fields

    def is_signed_by_twilio(self, request: Request) -> bool:
        return self.signed_fields(request) is not None

    async def answer(self, request: Request, fields: dict[str, str], sender_id: str, ledger: Ledger,
                     on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> str:
        """The SMS that answers one (first) delivery of a message; '' for none."""
        opted_out = ledger.opted_out(sender_id)
        kind = keyword(fields, opted_out)
        if kind == "stop":
            ledger.opt_out(sender_id, fields.get("OptOutType") or (fields.get("Body") or "").strip().upper())
            logger.info("SMS channel: a sender opted out; nothing more is sent to them until START")
            return ""
        if kind == "start":
            ledger.opt_in(sender_id)
            return start_text()
        if opted_out:  # silent until START: not even the bot sees the message
            return ""
        if kind == "help":
            return help_text()
        text = render.sms_input(fields.get("Body") or "")
        if not text.strip():  # a picture, a sticker, an empty text: nothing to read
            return TEXT_ONLY
        tracker_store = request.app.ctx.agent.tracker_store
        if text.strip().upper().rstrip(".!") == render.MORE_WORD:
            page = ledger.next_more(sender_id)
            if page:
                return page
        if render.CHOICE.match(text):
            offered = buttons_last_offered(await tracker_store.retrieve(sender_id))
            payload = render.chosen_payload(text, offered)
            if payload:
                text = payload
            elif offered and all(is_intent(b["payload"]) for b in offered):  # "9" of three choices
                return render.sms_reshow(text, offered)
        collector = CollectingOutputChannel()
        await on_new_message(UserMessage(text, collector, sender_id, input_channel=self.name(),
                                         metadata=self.get_metadata(request)))
        pages = render.sms_pages(collector.messages)
        if len(pages) > 1:  # shortened: the conversation's report, if it has one, is where the rest is
            report = conversation_report(await tracker_store.retrieve(sender_id))
            pages = render.sms_pages(collector.messages, report_link=report) if report else pages
        ledger.save_more(sender_id, pages[1:])
        return pages[0]

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        sms = Blueprint("careerbot_sms", __name__)
        if not self.auth_token:
            logger.warning("SMS channel: TWILIO_AUTH_TOKEN is not set, so every Twilio request is refused.")

        @sms.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.auth_token else "not configured"})

        @sms.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            if not self.auth_token:
                return response.text("The SMS channel is not configured (TWILIO_AUTH_TOKEN).\n", status=503)
            fields = self.signed_fields(request)
            if fields is None:
                logger.warning("SMS channel: refused a request without a valid Twilio signature.")
                return response.text("Invalid or missing X-Twilio-Signature.\n", status=403)
            number = fields.get("From")
            if not number:
                return response.text("From is required.\n", status=400)
            sender_id = hash_sender(number)
            sid = fields.get("MessageSid") or fields.get("SmsMessageSid") or fields.get("SmsSid")
            ledger = None
            try:
                ledger = ledger_for(request.app)
                while sid and not ledger.claim(CHANNEL, sid):  # a redelivery: the first delivery's answer
                    state, body = await ledger.answer_of(CHANNEL, sid, REDELIVERY_WAIT)
                    if state == "done":
                        logger.info("SMS channel: answered a redelivered message with its first answer")
                        return xml(body or "")
                    if state == "pending":
                        logger.warning("SMS channel: a redelivered message is still being answered; no second answer")
                        return xml("")
                    # "released": the first delivery failed, so this one is answered afresh
                body = await self.answer(request, fields, sender_id, ledger, on_new_message)
                if sid:
                    ledger.answered(CHANNEL, sid, body)
            except Exception:  # the person still gets an answer, and the error is in the log
                logger.exception("SMS channel: the bot failed on a message")
                if sid and ledger is not None:
                    try:
                        ledger.release(CHANNEL, sid)
                    except Exception:  # noqa: BLE001 - the database itself failed; the log has it already
                        pass
                return xml(SORRY)
            return xml(body)

        return sms


def xml(body: str) -> HTTPResponse:
    return response.text(twiml(body), content_type="application/xml")
