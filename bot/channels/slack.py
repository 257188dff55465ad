"""Slack: the Events API and interactive buttons, signing secret checked (Rasa's SlackInput), with the
replies drawn as Block Kit by ``render_slack.slack_message`` and always answered in the thread of the message
they answer. What this changes in Rasa's connector:

* one answer per event: each ``event_id``, and each Slack message (channel and ts: the same message can come
  as a ``message`` and an ``app_mention`` event), is recorded when it arrives (``ledger``, in the tracker
  store's database); a redelivery of either is acknowledged (200, ``X-Slack-No-Retry: 1``) and not answered
  again, whatever its ``X-Slack-Retry-Num`` / ``X-Slack-Retry-Reason`` say, and a retry of an event that
  never arrived is answered like a first delivery (Rasa drops every ``http_timeout`` retry);
* each message of a turn is its own ``chat.postMessage``: a 429 is retried after Slack's Retry-After
  (slack_sdk's rate-limit retry handler), a message Slack refuses as invalid_blocks is posted again without
  its picture, then as plain text (``render_slack.slack_fallbacks``), and any other failure is logged: the rest
  of the turn is still posted;
* one conversation per person per channel (``conversation_granularity: channel``): what someone asks in a
  direct message stays in that DM's conversation, and is not answered from in a public channel;
* ``url_verification`` is answered as Slack documents it, ``{"challenge": ...}``;
* a Content-Type with parameters ("application/json; charset=utf-8") is read like one without.

Settings, from the environment (credentials.yml lists the channel without secrets):

    SLACK_BOT_TOKEN       the bot user's OAuth token (xoxb-...), to post replies
    SLACK_SIGNING_SECRET  the app's signing secret; every request's X-Slack-Signature is checked against it
                          (Rasa refuses unsigned, forged and over-five-minutes-old requests); without it
                          every request is refused (503)
    SLACK_CHANNEL         optional: a channel the bot also listens in without being mentioned
    SLACK_API_URL         the Web API's base URL (default https://slack.com/api/); tests point it at a
                          local stand-in
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
from http import HTTPStatus
from typing import Any, Awaitable, Callable
from urllib.parse import parse_qs

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncConnectionErrorRetryHandler, AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot.channels import render_slack
from bot.channels.ledger import ledger_for

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://slack.com/api/"
CHANNEL = "slack"  # the deliveries' channel in the ledger
RATE_LIMIT_RETRIES = 3
# chat.postMessage errors that a simpler message avoids (https://api.slack.com/methods/chat.postMessage#errors)
BLOCK_ERRORS = {"invalid_blocks", "invalid_blocks_format", "msg_blocks_too_long", "invalid_attachments"}


def media_type(content_type: str | None) -> str:
    """"application/json; charset=utf-8" -> "application/json"."""
    return (content_type or "").split(";", 1)[0].strip().lower()


class SlackOutput(SlackBot):
    """Posts each reply as one Block Kit message (text, picture and buttons together) in the thread; never
    raises, so one reply that Slack refuses does not lose the replies after it."""

    def __init__(self, token: str, slack_channel: str | None = None, thread_id: str | None = None,
                 proxy: str | None = None) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        self.client = AsyncWebClient(token, proxy=proxy, base_url=os.environ.get("SLACK_API_URL") or DEFAULT_API_URL,
                                     retry_handlers=[AsyncConnectionErrorRetryHandler(),
                                                     AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES)])

    async def post(self, channel: str, message: dict[str, Any]) -> bool:
        """Post one reply; when Slack refuses its blocks, the simpler forms of it. True when one was posted."""
        variants = render_slack.slack_fallbacks(message)
        for n, arguments in enumerate(variants, 1):
            try:
                await self._post_message(channel=channel, **arguments)
                return True
            except SlackApiError as exc:
                error = exc.response.get("error") if exc.response is not None else None
                detail = (exc.response.get("response_metadata") or {}).get("messages") if exc.response is not None else None
                if error in BLOCK_ERRORS and n < len(variants):
                    logger.warning("Slack channel: chat.postMessage refused a reply (%s %s); posting it more simply",
                                   error, detail or "")
                    continue
                logger.error("Slack channel: chat.postMessage failed (%s %s); the rest of the turn is still posted",
                             error or exc, detail or "")
                return False
        return False

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        channel = self.slack_channel or recipient_id
        try:
            if message.get("text") or message.get("image") or message.get("buttons"):
                await self.post(channel, message)
            if message.get("custom"):
                await self.send_custom_json(recipient_id, message["custom"])
        except Exception:  # noqa: BLE001 - a network failure on one reply must not end the turn
            logger.exception("Slack channel: could not post a reply; the rest of the turn is still posted")


class SlackChannel(SlackInput):
    """Rasa's SlackInput with settings from the environment, Block Kit replies in threads, one answer per
    Slack event and one conversation per person and channel."""

    @classmethod
    def name(cls) -> str:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "SlackChannel":
        credentials = credentials or {}
        secret = credentials.get("slack_signing_secret") or os.environ.get("SLACK_SIGNING_SECRET") or ""
        if not secret:  # Rasa refuses to start without a secret; this channel instead refuses every request
            logger.warning("Slack channel: SLACK_SIGNING_SECRET is not set, so every Slack request is refused.")
        channel = cls(credentials.get("slack_token") or os.environ.get("SLACK_BOT_TOKEN") or "",
                      credentials.get("slack_channel") or os.environ.get("SLACK_CHANNEL"),
                      credentials.get("proxy"),
                      credentials.get("slack_retry_reason_header", "x-slack-retry-reason"),
                      credentials.get("slack_retry_number_header", "x-slack-retry-num"),
                      credentials.get("errors_ignore_retry"),
                      True,  # use_threads: answer in the thread of the message, never in the channel itself
                      secret or "not configured",
                      # a conversation per person *and channel*: a DM's answers never reach a public channel
                      credentials.get("conversation_granularity", "channel"))
        channel.configured = bool(secret)
        return channel

    def get_output_channel(self, channel: str | None = None, thread_id: str | None = None) -> OutputChannel:
        return SlackOutput(self.slack_token, channel or self.slack_channel, thread_id, self.proxy)

    # -- what a request says -----------------------------------------------------------------------------

    @staticmethod
    def event_metadata(slack_event: dict) -> dict[str, Any]:
        """Rasa's metadata of an Events API request: the channel to answer in, the thread, the bot's users."""
        event = slack_event.get("event") or {}
        users = list(slack_event.get("authed_users") or [])
        if not users and slack_event.get("authorizations"):
            users.append(slack_event["authorizations"][0].get("user_id"))
        return {"out_channel": event.get("channel"), "thread_id": event.get("thread_ts", event.get("ts")), "users": users}

    @staticmethod
    def interaction_metadata(payload: dict) -> dict[str, Any]:
        message = payload.get("message") or {}
        user = (payload.get("user") or {}).get("id")
        return {"out_channel": (payload.get("channel") or {}).get("id"),
                "thread_id": message.get("thread_ts", message.get("ts")), "users": [user] if user else []}

    def get_metadata(self, request: Request) -> dict[str, Any]:
        kind = media_type(request.headers.get("content-type"))
        try:
            if kind == "application/json":
                return self.event_metadata(json.loads(request.body or b"{}"))
            if kind == "application/x-www-form-urlencoded":
                form = parse_qs((request.body or b"").decode("utf-8", "replace"))
                return self.interaction_metadata(json.loads((form.get("payload") or ["{}"])[0]))
        except (ValueError, AttributeError, IndexError):
            pass
        return {}

    # -- answering ---------------------------------------------------------------------------------------

    def start_turn(self, on_new_message: Callable[[UserMessage], Awaitable[Any]], text: str, sender_id: str | None,
                   metadata: dict[str, Any]) -> HTTPResponse:
        """Answer in the background (Slack wants its 200 within 3 s) and acknowledge now."""
        thread_id = metadata.get("thread_id") if self.use_threads else None
        message = UserMessage(text, self.get_output_channel(metadata.get("out_channel"), thread_id), sender_id,
                              input_channel=self.name(), metadata=metadata)
        task = asyncio.create_task(on_new_message(message))
        self._background_tasks.add(task)
        task.add_done_callback(self._turn_done)
        return response.text("")

    def _turn_done(self, task: asyncio.Task) -> None:
        self._background_tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.error("Slack channel: the bot failed on a message", exc_info=task.exception())

    async def on_event(self, request: Request, output: dict,
                       on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        if not self._is_user_message(output):
            return response.text("Bot message delivered.")
        event = output["event"]
        metadata = self.event_metadata(output)
        if not self._is_supported_channel(output, metadata):
            logger.warning(f"Slack channel: a message in an unsupported channel: {metadata['out_channel']}")
            return response.text("channel not supported.")
        keys = ([f"event:{output['event_id']}"] if output.get("event_id") else []) + \
            ([f"message:{event['channel']}:{event['ts']}"] if event.get("channel") and event.get("ts") else [])
        if keys and not ledger_for(request.app).claim(CHANNEL, *keys):
            logger.info("Slack channel: event %s (retry %s, %s) was answered already; not again", output.get("event_id"),
                        request.headers.get(self.retry_num_header), request.headers.get(self.retry_reason_header))
            return response.text("", headers={"X-Slack-No-Retry": "1"})
        sender_id = self._get_conversation_id(event.get("user"), metadata["out_channel"], metadata["thread_id"])
        text = self._sanitize_user_message(event.get("text", ""), metadata["users"])
        return self.start_turn(on_new_message, text, sender_id, metadata)

    async def on_interaction(self, payload: dict,
                             on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        if self._is_interactive_message(payload):
            text = self._get_interactive_response(payload["actions"][0])
            if text is not None:
                metadata = self.interaction_metadata(payload)
                sender_id = self._get_conversation_id((payload.get("user") or {}).get("id"), metadata["out_channel"],
                                                      metadata["thread_id"])
                return self.start_turn(on_new_message, text, sender_id, metadata)
            if payload["actions"][0].get("type") == "button":  # a link button: nothing for the bot
                return response.text("User clicked link button")
        return response.text("The input message could not be processed.", status=HTTPStatus.INTERNAL_SERVER_ERROR)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        slack = Blueprint("slack_webhook", __name__)
        configured = getattr(self, "configured", True)

        @slack.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if configured else "not configured"})

        @slack.route("/webhook", methods=["GET", "POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not configured:
                return response.text("The Slack channel is not configured (SLACK_SIGNING_SECRET).\n", status=503)
            if not self.is_request_from_slack_authentic(request):
                return response.text("Message is not properly signed with a valid X-Slack-Signature header",
                                     status=HTTPStatus.BAD_REQUEST)
            kind = media_type(request.headers.get("content-type"))
            try:
                if kind == "application/json":
                    output = json.loads(request.body or b"{}")
                    if output.get("type") == "url_verification":  # Slack checking the Request URL
                        return response.json({"challenge": output.get("challenge")})
                    return await self.on_event(request, output, on_new_message)
                if kind == "application/x-www-form-urlencoded":
                    form = parse_qs((request.body or b"").decode("utf-8", "replace"))
                    return await self.on_interaction(json.loads((form.get("payload") or ["{}"])[0]), on_new_message)
            except (ValueError, KeyError, IndexError, TypeError, AttributeError):
                logger.warning("Slack channel: a signed request that is not an event or an interaction", exc_info=True)
                return response.text("The request could not be read.", status=HTTPStatus.BAD_REQUEST)
            return response.text("Bot message delivered.")

        return slack
