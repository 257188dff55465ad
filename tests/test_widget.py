"""The website chat (bot/channels/site.py + widget.py) in headless Chromium: the page the web server serves,
the rasa-webchat widget it serves from node_modules, talking to the running Rasa server over socket.io.
A whole conversation, a button click, the gap chart as a picture, a reload that keeps the conversation,
and a screenshot (in the stack's folder). Needs conftest's bot_stack and page; about 60 s once it is up."""
from __future__ import annotations

import pytest

from bot.channels.webchat_script import PATCHES, OutdatedPatch, patched
from tests.chat_page import analyse, bot_texts, type_message, wait_for_bot
from tests.servers import http

pytestmark = pytest.mark.integration

def test_the_page_serves_the_widget_locally(bot_stack):
    status, headers, body = http(f"{bot_stack.web_url}/", timeout=30)
    assert status == 200 and headers["content-type"].startswith("text/html")
    page = body.decode()
    assert '<script src="/static/webchat.js">' in page and "cdn" not in page.lower()
    assert f'"socketUrl": "{bot_stack.rasa_url}"' in page and '"storage": "local"' in page
    status, headers, script = http(f"{bot_stack.web_url}/static/webchat.js", timeout=30)
    assert status == 200 and "javascript" in headers["content-type"] and b"WebChat" in script[:2000]
    assert b"fonts.googleapis.com" not in script  # the widget's remote font import is left out
    assert all(patch.new.encode() in script for patch in PATCHES if patch.new)  # careerbot's changes are in
    for name, kind in (("chat.js", "javascript"), ("chat.css", "text/css")):
        status, headers, _ = http(f"{bot_stack.web_url}/static/{name}", timeout=30)
        assert status == 200 and kind in headers["content-type"], name
    assert http(f"{bot_stack.web_url}/static/site.py", timeout=30)[0] == 404  # only the page's own files


def test_a_change_that_no_longer_fits_the_widget_stops_the_serving():
    with pytest.raises(OutdatedPatch, match="follow-up buttons are real buttons"):
        patched(PATCHES[0].old * PATCHES[0].count + "a build of another rasa-webchat version")


def test_a_conversation_in_the_widget(bot_stack, page):
    requests_outside = []
    page.on("request", lambda r: requests_outside.append(r.url)
            if not r.url.startswith((bot_stack.web_url, bot_stack.rasa_url, "data:")) else None)
    page.goto(f"{bot_stack.web_url}/")
    analyse(page)
    summary = page.locator(".rw-response", has_text="out of 100").last
    assert "Customer Service Representatives → Court, Municipal, and License Clerks" in summary.inner_text()
    assert summary.locator("ol li").count() >= 1  # the biggest gaps as a list, not one run-on paragraph
    assert "O*NET" in summary.inner_text()  # the asterisk shown as it is, not eaten as markdown

    chart = page.locator(".rw-image-frame").last
    chart.wait_for(timeout=60_000)
    assert "/charts/gaps/" in chart.get_attribute("src")
    page.wait_for_function("img => img.complete && img.naturalWidth > 200", arg=chart.element_handle(), timeout=60_000)

    report = page.locator(".rw-response a", has_text="your full report").last
    assert "/reports/43-4051.00/43-4031" in report.get_attribute("href")

    page.locator(".rw-replies .rw-reply", has_text="What does it pay?").click()
    wait_for_bot(page, r"whole U\.S\. \$")
    assert any("Maine $" in t for t in bot_texts(page))
    said_before = bot_texts(page)

    page.reload()
    page.locator(".rw-response", has_text="whole U.S. $").last.wait_for(timeout=30_000)  # the history is back
    assert bot_texts(page)[: len(said_before)] == said_before
    type_message(page, "what am I missing?")  # and the conversation goes on where it was (same session)
    wait_for_bot(page, "Knowledge to add")
    page.locator(".rw-replies .rw-reply", has_text="How do I get there?").last.wait_for(timeout=60_000)  # all of it

    shot = bot_stack.folder / "widget.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000
    assert not requests_outside, requests_outside  # nothing from a CDN or anywhere else
