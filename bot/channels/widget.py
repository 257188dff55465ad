"""The website widget (rasa-webchat) over socket.io: Rasa's socketio connector, each reply sent as one
markdown bubble (``render.widget_markdown``) with its buttons, and a picture as an image attachment whose
title is the picture's alt text (the served widget shows it as the image's alt, bot/channels/webchat_script.py).

What this fixes in Rasa 3.6's connector: with python-socketio 5 ``AsyncServer.enter_room`` is a coroutine
that Rasa does not await, so with ``session_persistence`` the browser never joins its session's room
and never sees an answer. The session handlers are registered again here, awaiting it. The session id
is the widget's (kept in the browser's local storage), so a reloaded page continues the conversation.
"""
from __future__ import annotations

import json
import logging
import uuid
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from bot.channels import render

logger = logging.getLogger(__name__)

GAP_CHART_ALT = ("Bar chart of the biggest gaps: for each, the typical level in your current job beside the level "
                 "the new job needs, on a 0-100 scale. Opens full size.")


def image_alt(url: str) -> str:
    return GAP_CHART_ALT if "/charts/gaps/" in url else "Picture. Opens full size."


class WidgetOutput(SocketIOOutput):
    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._send_message(recipient_id, {"text": render.widget_markdown(text)})

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list[dict], **kwargs: Any) -> None:
        await self._send_message(recipient_id, {
            "text": render.widget_markdown(text),
            "quick_replies": [{"content_type": "text", "title": b["title"], "payload": b["payload"]} for b in buttons]})

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self._send_message(recipient_id, {
            "attachment": {"type": "image", "payload": {"src": image, "title": image_alt(image)}}})


class WidgetInput(SocketIOInput):
    @classmethod
    def name(cls) -> str:
        return "socketio"

    def get_output_channel(self) -> WidgetOutput | None:
        return WidgetOutput(self.sio, self.bot_message_evt) if self.sio is not None else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        socketio_webhook = super().blueprint(on_new_message)
        sio = self.sio

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: dict | None) -> None:
            data = data or {}
            session_id = data.get("session_id") or uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, session_id, namespace=self.namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: dict) -> None:
            if self.session_persistence:
                if not data.get("session_id"):
                    logger.warning("Widget: a message without a session id was ignored.")
                    return
                sender_id = data["session_id"]
                # After a server restart the browser keeps its socket but the room is gone: join it again.
                await sio.enter_room(sid, sender_id, namespace=self.namespace)
            else:
                sender_id = sid
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                metadata = json.loads(metadata)
            await on_new_message(UserMessage(data.get("message", ""), WidgetOutput(sio, self.bot_message_evt),
                                             sender_id, input_channel=self.name(), metadata=metadata))

        return socketio_webhook
