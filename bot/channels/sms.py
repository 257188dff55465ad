"""Text messages through Twilio: Rasa's Twilio connector, answering the webhook with TwiML.

Twilio posts each incoming SMS to ``/webhooks/twilio/webhook``; the answer to that request may be TwiML
(``<Response><Message>...</Message></Response>``), which Twilio sends back to the person as an SMS. So
the bot's whole answer goes back in the HTTP response, as one SMS of at most three segments
(``render.sms_body``), and no call to Twilio's REST API is needed. What this adds to Rasa's connector:

* every request must carry a valid ``X-Twilio-Signature`` (Twilio's RequestValidator, with the account's
  auth token, over the public URL Twilio called); otherwise 403 and the message never reaches the bot;
* buttons are numbered choices: a reply of just a digit is read as the payload of that button, taken
  from the buttons the bot last sent this sender, as stored in the tracker store (no process memory);
* the sender id is ``bot.privacy.hash_sender(number)``, not the phone number.

Settings, from the environment (credentials.yml lists the channel without secrets):

    TWILIO_AUTH_TOKEN     the auth token of the Twilio account (signs the webhooks); without it every
                          request is refused (503) and the log says so
    TWILIO_ACCOUNT_SID    the account (only checked against the request's AccountSid when set)
    TWILIO_NUMBER         the bot's number (informational)
    CAREERBOT_PUBLIC_URL  the base URL Twilio calls (e.g. https://bot.example.org), when the bot is behind a
                          proxy or tunnel and sees another URL than Twilio used; the signature covers it
"""
from __future__ import annotations

import logging
import os
from typing import Any, Awaitable, Callable
from xml.sax.saxutils import escape

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.twilio import TwilioInput
from rasa.shared.core.events import BotUttered, UserUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from bot.channels import render
from bot.privacy import hash_sender

logger = logging.getLogger(__name__)

PUBLIC_URL_ENV = "CAREERBOT_PUBLIC_URL"
SORRY = "Sorry, something went wrong on our side. Please try again in a few minutes."


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


class SmsInput(TwilioInput):
    """Rasa's Twilio input channel with signature checks, TwiML answers and numbered choices."""

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

    def is_signed_by_twilio(self, request: Request) -> bool:
        signature = request.headers.get("X-Twilio-Signature", "")
        if not signature or not self.auth_token:
            return False
        params = {key: values[0] for key, values in request.form.items()} if request.form else {}
        if not RequestValidator(self.auth_token).validate(self.public_url(request), params, signature):
            return False
        return not self.account_sid or params.get("AccountSid") in (None, self.account_sid)

    async def text_for_bot(self, request: Request, sender_id: str, text: str) -> str:
        """A digit answering numbered choices becomes that button's payload; other text stays as it is."""
        if not render.CHOICE.match(text):
            return text
        tracker = await request.app.ctx.agent.tracker_store.retrieve(sender_id)
        return render.chosen_payload(text, buttons_last_offered(tracker)) or text

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
            if not self.is_signed_by_twilio(request):
                logger.warning("SMS channel: refused a request without a valid Twilio signature.")
                return response.text("Invalid or missing X-Twilio-Signature.\n", status=403)
            number, text = request.form.get("From"), request.form.get("Body")
            if not number or text is None:
                return response.text("From and Body are required.\n", status=400)
            sender_id = hash_sender(number)
            text = await self.text_for_bot(request, sender_id, text.replace("¡", "@"))  # carriers mangle @
            collector = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(text, collector, sender_id, input_channel=self.name(),
                                                 metadata=self.get_metadata(request)))
                body = render.sms_body(collector.messages)
            except Exception:  # the person still gets an answer, and the error is in the log
                logger.exception("SMS channel: the bot failed on a message")
                body = SORRY
            return response.text(twiml(body), content_type="application/xml")

        return sms
