"""Requests for a person and live conversations (routes in bot/console/web.py's list):

    GET  /console/requests[?all=1]                 the queue: requests not handed back yet, the newest first
    POST /console/conversations/<key>/contact      show the contact a person gave (access log: contact-view)
    POST /console/conversations/<key>/take         take the conversation over: the bot pauses for that person
    POST /console/conversations/<key>/send         a message to the person, on their own channel
    POST /console/conversations/<key>/release      hand it back to the bot
    GET  /console/live/<key>                       the live chat: the latest turns, a box to write, hand back
    GET  /console/live/<key>/turns?after=N         the turns after the N-th, as JSON (the live page polls it)
    GET  /console/live.js                          the live page's script (the only script the console has)

The requests are read from the handoff table in the tracker store (bot/handoff.py); take, send and
release go to the Rasa server's counselor routes (bot/channels/counselor.py) with the console's token,
at CAREERBOT_RASA_INTERNAL_URL, else CAREERBOT_RASA_URL, else http://localhost:5005. The contact is
never in a page until a counselor asks for it with a POST (so no link, prefetch or reload shows it),
and each time is in the access log.
"""
from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from pathlib import Path

from bot import handoff
from bot.console import access

RASA_URL_ENVS = ("CAREERBOT_RASA_INTERNAL_URL", "CAREERBOT_RASA_URL")
DEFAULT_RASA_URL = "http://localhost:5005"
STAGE_NAMES = {handoff.ASKED: "asked; no answer yet", handoff.OPEN: "waiting for a counselor",
               handoff.TAKEN: "a counselor has it", handoff.CLOSED: "handed back to the bot"}
LIVE_TURNS = 40  # turns the live page starts with
# the live page's script polls its own server: the console's policy with this script and fetch() allowed
LIVE_CSP = ("default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; "
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
SCRIPT = (Path(__file__).parent / "templates" / "live.js").read_text()


def rasa_url() -> str:
    return next((os.environ[e] for e in RASA_URL_ENVS if os.environ.get(e)), DEFAULT_RASA_URL).rstrip("/")


def tell_bot(what: str, sender_id: str, counselor: str, text: str = "") -> tuple[int, dict]:
    """(status, answer) of the Rasa server's counselor route ``what``; 502 when it can't be reached."""
    body = json.dumps({"sender_id": sender_id, "counselor": counselor, "text": text}).encode()
    request = urllib.request.Request(f"{rasa_url()}/webhooks/counselor/{what}", data=body, method="POST",
                                     headers={"Content-Type": "application/json",
                                              "Authorization": f"Bearer {handoff.token()}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, {}
    except OSError:
        return 502, {}


def request_view(row: dict | None, key: str | None = None) -> dict | None:
    """A request as pages show it: no sender id, the contact only as whether there is one."""
    if not row:
        return None
    return {"key": key, "asked": row["asked"], "channel": row.get("channel"), "stage": row["stage"],
            "stage_name": STAGE_NAMES.get(row["stage"], row["stage"]), "choice": row.get("choice"),
            "choice_name": handoff.CHOICE_NAMES.get(row.get("choice"), row.get("choice")),
            "has_contact": bool(row.get("contact")), "counselor": row.get("counselor")}


def turn_json(n: int, turn) -> dict:
    who = {"user": "Person", "bot": "Bot", "session": "", "counselor": f"Counselor {turn.counselor}"}[turn.who]
    return {"n": n, "who": turn.who, "label": who, "time": turn.time, "text": turn.text}


def add_routes(bp, kit) -> None:
    db, conversations, run, counselor_only = kit.db, kit.conversations, kit.run, kit.counselor_only
    handoffs = conversations.handoffs

    def queue(every: bool) -> list[dict]:
        rows = handoffs.all()
        known = {c.sender_id: c.key for c in conversations.all()}
        return [request_view(r, known[r["sender_id"]]) for r in rows
                if r["sender_id"] in known and (every or r["stage"] != handoff.CLOSED)]

    @bp.get("/requests")
    @counselor_only
    async def request_queue(request, session):
        every = request.args.get("all") == "1"
        return kit.page("requests.html", rows=await run(queue, every), every=every, counselor=session.counselor,
                        csrf=session.csrf)

    async def one(key: str):
        conv = await run(conversations.get, key[:64])
        return conv if conv and conv.user_messages else None

    @bp.post("/conversations/<key:str>/contact")
    @counselor_only
    async def show_contact(request, session, key: str):
        conv = await one(key)
        row = conv and await run(handoffs.get, conv.sender_id)
        if not row or not row.get("contact"):
            return kit.not_found()
        await run(access.record, db, session.counselor, "contact-view", conv.key, f"{row['choice']} shown")
        return kit.page("contact.html", c=conv, r=request_view(row, conv.key),
                        contact=handoff.shown_contact(row["choice"], row["contact"]), counselor=session.counselor,
                        csrf=session.csrf)

    async def live_change(request, session, key: str, what: str):
        conv = await one(key)
        if conv is None:
            return kit.not_found()
        text = (request.form.get("text") or "").strip()
        if what == "send" and not text:
            return kit.redirect(f"/console/live/{conv.key}", status=303)
        status, _ = await run(tell_bot, what, conv.sender_id, session.counselor, text)
        if status != 200:
            return kit.text({409: "Take the conversation over first.\n", 404: "No such conversation.\n"}.get(
                status, "The bot's server did not answer. Try again in a moment.\n"), 409 if status == 409 else 502)
        await run(access.record, db, session.counselor, {"take": "take-over", "send": "live-message",
                                                         "release": "hand-back"}[what], conv.key)
        return kit.redirect(f"/console/conversations/{conv.key}" if what == "release" else f"/console/live/{conv.key}",
                            status=303)

    for what in ("take", "send", "release"):  # one route each: a variable last part would shadow .../case, .../notes
        async def handler(request, session, key: str, what=what):
            return await live_change(request, session, key, what)
        bp.add_route(counselor_only(handler), f"/conversations/<key:str>/{what}", methods=["POST"],
                     name=f"live_{what}")

    @bp.get("/live/<key:str>")
    @counselor_only
    async def live_page(request, session, key: str):
        conv = await one(key)
        if conv is None:
            return kit.not_found()
        row = request_view(await run(handoffs.get, conv.sender_id), conv.key)
        start = max(0, len(conv.turns) - LIVE_TURNS)
        await run(access.record, db, session.counselor, "view", conv.key, "live chat")
        resp = kit.page("live.html", c=conv, r=row, turns=[turn_json(n, t) for n, t in enumerate(conv.turns)][start:],
                        after=len(conv.turns), counselor=session.counselor, csrf=session.csrf)
        resp.headers["Content-Security-Policy"] = LIVE_CSP
        return resp

    @bp.get("/live/<key:str>/turns")
    @counselor_only
    async def live_turns(request, session, key: str):
        conv = await one(key)
        if conv is None:
            return kit.not_found()
        try:
            after = max(0, int(request.args.get("after") or 0))
        except ValueError:
            after = 0
        row = await run(handoffs.get, conv.sender_id)
        turns = [turn_json(n, t) for n, t in enumerate(conv.turns)][after:]
        return kit.response.json({"turns": turns, "next": len(conv.turns), "stage": (row or {}).get("stage")},
                                 headers=dict(kit.headers))

    @bp.get("/live.js")
    async def live_script(request):
        return kit.response.text(SCRIPT, content_type="text/javascript; charset=utf-8", headers=dict(kit.headers))
