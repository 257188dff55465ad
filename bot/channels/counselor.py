"""The counselor's side of a live conversation, on the Rasa server: the console (bot/console/handoff_pages.py)
takes a conversation over, writes to the person on their own channel, and hands it back to the bot.

    POST /webhooks/counselor/take      {"sender_id", "counselor"}          the bot pauses for that person
    POST /webhooks/counselor/send      {"sender_id", "counselor", "text"}  a message to the person
    POST /webhooks/counselor/release   {"sender_id", "counselor"}          the bot takes over again

Only the console may call these: every request carries ``Authorization: Bearer <token>``, the token from
CAREERBOT_COUNSELOR_TOKEN, else var/counselor.key (made once, mode 0600: the console and the Rasa server
of one machine read the same file). A sender id is a key to a person's conversation, so these routes are
as closed as the console itself.

Why here and not in the console: only the Rasa server holds the widget's socket.io connections and the
conversation lock. Each change goes into the conversation's tracker under that lock: Rasa's
ConversationPaused / ConversationResumed events (the console's transcript marks them) and the counselor's
messages as the bot's messages with ``metadata.counselor``; the state is in bot/handoff.py's table, which
bot/rasa_server.py reads before each message. A message reaches the widget at once; on REST and SMS,
which answer only requests, it goes in the answer to the person's next message (the outbox).
"""
from __future__ import annotations

import asyncio
import hmac
import logging
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.shared.core.events import BotUttered, ConversationPaused, ConversationResumed, UserUttered
from sanic import Blueprint, response

from bot.channels.ledger import _sql_engine
from bot.handoff import Handoffs, token
from bot.replies import handoff as wording

logger = logging.getLogger(__name__)
LIVE_CHANNELS = ("socketio",)  # channels that can be written to without a request of the person's
MAX_TEXT = 2000


def handoffs_for(app: Any) -> Handoffs:
    """The Rasa server's handoff table, on its tracker store's engine, made on first use."""
    found = getattr(app.ctx, "careerbot_handoffs", None)
    if found is None:
        engine = _sql_engine(getattr(getattr(app.ctx, "agent", None), "tracker_store", None))
        if engine is None:
            import sqlalchemy as sa

            from bot.endpoints import tracker_url

            engine = sa.create_engine(tracker_url())
        found = app.ctx.careerbot_handoffs = Handoffs(engine)
    return found


def live_output(app: Any, channel: str | None):
    """The output channel that reaches the person now, or None (their channel answers only their requests)."""
    if channel not in LIVE_CHANNELS:
        return None
    for input_channel in getattr(app.ctx, "input_channels", []):
        if input_channel.name() == channel:
            return input_channel.get_output_channel()
    return None


class CounselorChannel(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "counselor"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("careerbot_counselor", __name__)

        def allowed(request) -> bool:
            sent = request.headers.get("Authorization") or ""
            return sent.startswith("Bearer ") and hmac.compare_digest(sent[7:].encode(), token().encode())

        @bp.post("/<what:str>")
        async def change(request, what: str):
            if not allowed(request):
                return response.text("Forbidden.\n", status=403)
            body = request.json if isinstance(request.json, dict) else {}
            sender_id, counselor = str(body.get("sender_id") or ""), str(body.get("counselor") or "")[:80]
            text = str(body.get("text") or "").strip()[:MAX_TEXT]
            if what not in ("take", "send", "release") or not sender_id or not counselor or what == "send" and not text:
                return response.json({"error": "take, send or release; sender_id, counselor (and text)"}, status=400)
            agent = request.app.ctx.agent
            handoffs = handoffs_for(request.app)
            async with agent.lock_store.lock(sender_id):
                tracker = await agent.processor.get_tracker(sender_id)
                if not any(isinstance(e, UserUttered) for e in tracker.events):
                    return response.json({"error": "no such conversation"}, status=404)
                channel = tracker.get_latest_input_channel()
                stage = await asyncio.to_thread(handoffs.stage, sender_id)
                if what != "take" and stage != "taken":
                    return response.json({"error": "not taken over"}, status=409)
                if what == "take":
                    await asyncio.to_thread(handoffs.take, sender_id, counselor, channel)
                    if not tracker.is_paused():
                        tracker.update(ConversationPaused())
                    texts, who = [m["text"] for m in wording.counselor_joined(counselor)], None
                elif what == "send":
                    texts, who = [text], counselor
                else:
                    await asyncio.to_thread(handoffs.release, sender_id)
                    tracker.update(ConversationResumed())
                    texts, who = [m["text"] for m in wording.counselor_left()], None
                output = live_output(request.app, channel)
                for one in texts:
                    tracker.update(BotUttered(one, metadata={"counselor": who} if who else {"handoff": what}))
                    if output is not None:
                        await output.send_response(sender_id, {"text": one})
                    await asyncio.to_thread(handoffs.send, sender_id, one, output is not None)
                await agent.processor.save_tracker(tracker)
            logger.info("counselor %s: %s", what, counselor)
            return response.json({"ok": True, "channel": channel, "live": output is not None})

        return bp
