"""Slack: Rasa's Slack connector (Events API and interactive buttons, signing secret checked), with the
replies drawn as Block Kit by ``render.slack_message`` and always answered in the thread of the
message they answer.

Settings, from the environment (credentials.yml lists the channel without secrets):

    SLACK_BOT_TOKEN       the bot user's OAuth token (xoxb-...), to post replies
    SLACK_SIGNING_SECRET  the app's signing secret; every request's X-Slack-Signature is checked against it
                          (Rasa refuses unsigned, forged and over-five-minutes-old requests); without it
                          every request is refused (503)
    SLACK_CHANNEL         optional: a channel the bot also listens in without being mentioned
    SLACK_API_URL         the Web API's base URL (default https://slack.com/api/); tests point it at a
                          local recorder
"""
from __future__ import annotations

import logging
import os
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.web.async_client import AsyncWebClient

from bot.channels import render

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://slack.com/api/"


class SlackOutput(SlackBot):
    """Posts each reply as one Block Kit message (text, picture and buttons together) in the thread."""

    def __init__(self, token: str, slack_channel: str | None = None, thread_id: str | None = None,
                 proxy: str | None = None) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        self.client = AsyncWebClient(token, proxy=proxy,
                                     base_url=os.environ.get("SLACK_API_URL") or DEFAULT_API_URL)

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        if message.get("text") or message.get("image") or message.get("buttons"):
            await self._post_message(channel=self.slack_channel or recipient_id, **render.slack_message(message))
        if message.get("custom"):
            await self.send_custom_json(recipient_id, message["custom"])


class SlackChannel(SlackInput):
    """Rasa's SlackInput with settings from the environment, Block Kit replies, and replies in threads."""

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
                      credentials.get("conversation_granularity", "sender"))
        channel.configured = bool(secret)
        return channel

    def get_output_channel(self, channel: str | None = None, thread_id: str | None = None) -> OutputChannel:
        return SlackOutput(self.slack_token, channel or self.slack_channel, thread_id, self.proxy)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        slack = super().blueprint(on_new_message)
        if getattr(self, "configured", True):
            return slack
        refuse = Blueprint("slack_webhook", __name__)

        @refuse.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "not configured"})

        @refuse.route("/webhook", methods=["GET", "POST"])
        async def webhook(_: Request) -> HTTPResponse:
            return response.text("The Slack channel is not configured (SLACK_SIGNING_SECRET).\n", status=503)

        return refuse
