"""What the browser tests of the chat page share: talking to the bot in the rasa-webchat widget the way a
person does, and axe-core's accessibility check of whatever page is open.

axe-core comes from npm with the widget (bot/webchat/package.json, installed by `npm ci` in the Makefile).
"""
from __future__ import annotations

import re

import pytest

from tests.servers import ROOT

ANSWER_TIMEOUT = 180_000  # ms: the first comparison of a session reads the store, on a loaded machine
AXE_JS = ROOT / "bot" / "webchat" / "node_modules" / "axe-core" / "axe.min.js"
ANALYSIS_REQUEST = "I've been a customer service rep for 3 years in Maine and I want to become a license clerk"


def bot_texts(page) -> list[str]:
    return page.locator(".rw-response .rw-markdown").all_inner_texts()


def wait_for_bot(page, pattern: str):
    page.locator(".rw-response", has_text=re.compile(pattern)).last.wait_for(timeout=ANSWER_TIMEOUT)


def type_message(page, text: str) -> None:
    box = page.locator(".rw-new-message")
    box.fill(text)
    box.press("Enter")


def analyse(page) -> None:
    """From the greeting to the comparison's summary, chart and follow-up buttons (customer service rep to
    license clerk in Maine), picking the first choice whenever the bot asks which job was meant."""
    wait_for_bot(page, "What job do you do now")  # the greeting, sent by the widget's initPayload
    type_message(page, ANALYSIS_REQUEST)
    wait_for_bot(page, r"out of 100|[Ww]hich")
    while not page.locator(".rw-response", has_text="out of 100").count():  # which clerk? click the first choice
        page.locator(".rw-replies .rw-reply").first.click()
        wait_for_bot(page, "out of 100")
    page.locator(".rw-replies .rw-reply", has_text="What does it pay?").last.wait_for(timeout=60_000)


def serious_violations(page) -> list[str]:
    """axe-core's critical and serious violations on the open page, one readable line each (empty: none)."""
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: `make install` installs axe-core with the widget (npm ci)")
    page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                               ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
                               " nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)}))")
    return [f"{v['impact']} {v['id']} ({v['help']}): {'; '.join(v['nodes'][:3])}"
            for v in violations if v["impact"] in ("critical", "serious")]
