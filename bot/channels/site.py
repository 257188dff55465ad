"""What the web server (bot/web.py) serves for the chat channels:

    GET /                                      the chat page with the rasa-webchat widget
    GET /static/webchat.js                     the widget's script, from bot/webchat/node_modules (no CDN), with
                                               careerbot's changes (bot/channels/webchat_script.py)
    GET /static/chat.css, /static/chat.js      the page's own style and script, from bot/webchat/
    GET /charts/gaps/<from>/<to>.png[?state=]  the gap chart of one comparison, for the widget and Slack
    GET /r/<from>-<to>[-<state>][_<story>]     short report link (SMS, bot/channels/short_links.py): redirects
                                               to /reports/..., with the story

The widget talks to the Rasa server's socket.io channel at CAREERBOT_RASA_URL (default
http://localhost:5005) and keeps the conversation in the browser's local storage, so a reload shows it.
"""
from __future__ import annotations

import asyncio
import base64
import json
import os
from functools import lru_cache
from pathlib import Path

from bot.channels.webchat_script import WEBCHAT_JS, webchat_script

WEBCHAT_DIR = Path(__file__).resolve().parent.parent / "webchat"
# The page's own stylesheet and script: bot/webchat/<name>, served at /static/<name>.
PAGE_FILES = {"chat.css": "text/css; charset=utf-8", "chat.js": "application/javascript; charset=utf-8"}
RASA_URL_ENV = "CAREERBOT_RASA_URL"
DEFAULT_RASA_URL = "http://localhost:5005"
CHAT_GAPS = 5  # bars in the chat's gap chart: small enough for a phone-sized widget

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, interactive-widget=resizes-content">
<title>Career bot</title>
<link rel="stylesheet" href="/static/chat.css">
</head>
<body>
<main>
<header>
  <h1>Career bot</h1>
  <button type="button" id="start-over">Start over (clear this conversation)</button>
  <p>Tell me the job you have and the job you want, and the state you live in. I'll show how much of your
  experience carries over, what is missing and how to get there.</p>
</header>
<noscript>This chat needs JavaScript. You can also reach the career bot by text message.</noscript>
<p id="chat-connecting" role="status">Connecting to the career bot… If this message stays, check your internet
connection or try again in a few minutes.</p>
<div id="webchat"></div>
</main>
<script id="chat-settings" type="application/json">{config}</script>
<script src="/static/webchat.js"></script>
<script src="/static/chat.js"></script>
</body>
</html>
"""


def widget_config(rasa_url: str) -> dict:
    """rasa-webchat's settings; bot/webchat/chat.js adds the ones that are functions."""
    return {
        "socketUrl": rasa_url, "socketPath": "/socket.io/", "customData": {"language": "en"},
        "initPayload": "/greet", "embedded": True, "title": "Career bot", "subtitle": "Where can your experience take you?",
        "inputTextFieldHint": "Type your message", "hideWhenNotConnected": False, "showMessageDate": False,
        "connectingText": "Not connected to the career bot. Trying again\u2026 "
                          "Check your internet connection; messages sent now may not arrive.",
        "params": {"storage": "local"},  # the conversation survives a reload of the page
    }


def page(rasa_url: str) -> str:
    config = json.dumps(widget_config(rasa_url)).replace("</", "<\\/")
    return PAGE.format(config=config)


def add_routes(app, engine) -> None:
    """Adds the chat page, the widget's script, the chat gap chart and short report links to ``app``."""
    from sanic import response

    from knowledge.analysis import analyst_for
    from knowledge.lookup import UnknownCode, normalise_code
    from knowledge.report import charts
    from knowledge.report.html import biggest_gaps

    @lru_cache(maxsize=64)
    def gap_png(source: str, target: str, state: str | None) -> bytes | None:
        comparison = analyst_for(engine).compare(source, target, state=state)
        uri = charts.gap_chart(biggest_gaps(comparison, CHAT_GAPS), comparison["from"]["title"], comparison["to"]["title"])
        return base64.b64decode(uri.split(",", 1)[1]) if uri else None

    def known(code: str) -> str | None:
        try:
            return analyst_for(engine).occupation(code).code if normalise_code(code) else None
        except UnknownCode:
            return None

    @app.get("/")
    async def chat_page(_request):
        rasa_url = os.environ.get(RASA_URL_ENV) or DEFAULT_RASA_URL
        return response.html(page(rasa_url))

    @app.get("/static/webchat.js")
    async def webchat_js(_request):
        if not WEBCHAT_JS.is_file():
            return response.text("The chat widget is not installed: run `make install`.\n", status=503)
        return response.raw(webchat_script(WEBCHAT_JS.stat().st_mtime), content_type="application/javascript",
                            headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/static/<name:str>")
    async def page_file(_request, name: str):
        if name not in PAGE_FILES:
            return response.text("Not found.\n", status=404)
        return response.raw((WEBCHAT_DIR / name).read_bytes(), content_type=PAGE_FILES[name],
                            headers={"Cache-Control": "no-cache"})

    @app.get("/charts/gaps/<source:str>/<target_file:str>")
    async def gap_chart(request, source: str, target_file: str):
        target, _, ext = target_file.rpartition(".")
        state = request.args.get("state")
        loop = asyncio.get_running_loop()
        codes = await loop.run_in_executor(None, lambda: (known(source), known(target)))
        if ext != "png" or not all(codes):
            return response.text("Gap charts are /charts/gaps/FROM_CODE/TO_CODE.png, optionally ?state=XX.\n", status=404)
        try:
            png = await loop.run_in_executor(None, gap_png, codes[0], codes[1], state.upper() if state else None)
        except UnknownCode as exc:
            return response.text(f"{exc}\n", status=400)
        if png is None:
            return response.text("These two jobs have no gaps to draw.\n", status=404)
        return response.raw(png, content_type="image/png", headers={"Cache-Control": "public, max-age=3600"})

    @app.get("/r/<key:str>")
    async def short_report_link(_request, key: str):
        from urllib.parse import urlencode

        from bot.channels.short_links import SHORT_LINK, story_query
        from bot.web import report_url

        match = SHORT_LINK.match(key)
        if not match:
            return response.text("Not a report link.\n", status=404)
        source, target = (f"{d[:2]}-{d[2:6]}" + (f".{d[6:]}" if len(d) == 8 else "") for d in (match[1], match[2]))
        try:
            url = report_url(source, target, match[3], base="")
        except ValueError:
            return response.text("Not a report link.\n", status=404)
        story = story_query(match[4])  # the person's story, as the long link holds it
        if story:
            url += ("&" if "?" in url else "?") + urlencode(story)
        return response.redirect(url, status=302)  # /reports/ then canonicalises the codes and checks them

