"""Rasa's REST channel (``POST /webhooks/rest/webhook {"sender", "message"}``), closed to the world when the bot is.

REST takes any sender id, so whoever can reach it and knows or guesses a sender id can write into that
person's conversation and read the bot's answers. On loopback (``--interface 127.0.0.1``, as `make run` and
the tests start the Rasa server) only this machine reaches it, and it stays open for development, the tests,
the benchmarks and `make shell`. Bound to any other address (``--interface 0.0.0.0``, as deploy/ does), every
message must carry ``Authorization: Bearer <CAREERBOT_REST_TOKEN>``; anything else gets 401 with a plain JSON
error and never reaches the bot. With no token set, a public REST channel refuses every message (the
widget uses socket.io, SMS and Slack their signed webhooks; none of them needs REST). The channel's
health check (``GET /webhooks/rest/``) stays open.
"""
from __future__ import annotations

import hmac
import ipaddress
import logging
import os
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint, response
from sanic.request import Request

logger = logging.getLogger(__name__)
TOKEN_ENV = "CAREERBOT_REST_TOKEN"
NO_TOKEN = ("The REST channel needs Authorization: Bearer <token> (the bot's CAREERBOT_REST_TOKEN) when the bot "
            "is reachable from other machines.")
NOT_SET = "The REST channel is closed: the bot is reachable from other machines and CAREERBOT_REST_TOKEN is not set."


def is_loopback(host: str | None) -> bool:
    """Whether the server listens on this machine only: 127.0.0.0/8, ::1 or "localhost" (not 0.0.0.0 or ::,
    which are every address; an empty host is Sanic's default, every address too)."""
    host = (host or "").strip().strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name other than localhost, or nothing: it may be reached from anywhere
        return False


def refusal(host: str | None, token: str | None, authorization: str | None) -> str | None:
    """Why a message is refused (the JSON error's text), or None when it may go to the bot."""
    if is_loopback(host):
        return None
    if not token:
        return NOT_SET
    sent = authorization or ""
    if sent.startswith("Bearer ") and hmac.compare_digest(sent[7:].strip().encode(), token.encode()):
        return None
    return NO_TOKEN


class RestInput(RasaRestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"  # the same URL and channel name as Rasa's own

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = super().blueprint(on_new_message)

        @bp.middleware("request")
        async def closed_to_the_world(request: Request):
            if request.method != "POST":  # the health check
                return None
            # the --interface the server was started with (Sanic keeps it in its state)
            why = refusal(request.app.state.host, os.environ.get(TOKEN_ENV, "").strip(),
                          request.headers.get("Authorization"))
            if why:
                logger.warning("REST channel: refused a message without the right token (%s)", TOKEN_ENV)
                return response.json({"error": why}, status=401, headers={"WWW-Authenticate": "Bearer"})
            return None

        return bp
