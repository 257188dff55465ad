"""The chat page for everyone, in headless Chromium against the running bot (conftest's bot_stack and
browser): axe-core finds nothing critical or serious on the chat page after an analysis nor on the report;
the keyboard alone reaches and presses a follow-up button; on a 390x844 phone the text box is in view and
only the conversation scrolls; a bubble shows as soon as the server's answer arrives, with "working on it"
until then; "Start over" clears the conversation from the screen and from the browser's storage; a lost
connection shows a banner that can't be missed. About 2 minutes once the stack is up.
"""
from __future__ import annotations

import re

import pytest

from tests.chat_page import ANSWER_TIMEOUT, analyse, bot_texts, serious_violations, type_message, wait_for_bot

pytestmark = pytest.mark.integration

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}
FIRST_BUBBLE_BUDGET = 0.3  # seconds from the server's answer reaching the page to the first bubble on screen

# Timestamps (performance.now(), ms) of what the timing test measures, recorded in the page from its start:
# every socket.io frame that carries a bot answer (over the WebSocket or a polling request), every bot
# bubble added to the conversation, and every change of the "working on it" line.
STAMPS = """
(() => {
  const stamps = window.stamps = {answers: [], bubbles: [], status: []};
  const answer = (data) => typeof data === "string" && data.includes('"bot_uttered"')
    && stamps.answers.push(performance.now());
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = function (...args) {
    const socket = new NativeWebSocket(...args);
    socket.addEventListener("message", (event) => answer(event.data));
    return socket;
  };
  window.WebSocket.prototype = NativeWebSocket.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (...args) {
    this.addEventListener("load", () => answer(this.responseText));
    return open.apply(this, args);
  };
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.target.id === "chat-status" || record.target.parentNode?.id === "chat-status")
        stamps.status.push([performance.now(), document.getElementById("chat-status").textContent]);
      for (const node of record.addedNodes)
        if (node.nodeType === 1 && !node.closest(".rw-typing-indication")
            && (node.matches(".rw-response") || node.querySelector(".rw-response")))
          stamps.bubbles.push(performance.now());
    }
  }).observe(document, {childList: true, subtree: true, characterData: true});
})();
"""


@pytest.fixture()
def phone(browser):
    context = browser.new_context(**PHONE)
    try:
        yield context.new_page()
    finally:
        context.close()


def in_view(page, locator) -> bool:
    box = locator.bounding_box()
    viewport = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"] \
        and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]


def test_the_chat_page_after_an_analysis_has_no_serious_accessibility_problem(bot_stack, page):
    page.goto(f"{bot_stack.web_url}/")
    analyse(page)
    page.locator(".rw-image-frame").last.wait_for(timeout=60_000)
    assert serious_violations(page) == []
    # what a screen reader finds, by role and name
    conversation = page.get_by_role("log", name="Conversation")
    assert conversation.get_attribute("aria-live") == "polite" and "out of 100" in conversation.inner_text()
    assert page.get_by_role("textbox", name="Type your message").is_visible()
    assert page.get_by_role("button", name="Send").count() == 1
    assert page.get_by_role("button", name="What does it pay?").is_visible()
    chart = page.get_by_role("link", name=re.compile("^Bar chart of the biggest gaps"))
    assert "/charts/gaps/" in chart.get_attribute("href") and chart.get_attribute("target") == "_blank"  # full size
    summary = page.locator(".rw-response", has_text="out of 100").last
    assert summary.locator("ol li").first.evaluate("li => getComputedStyle(li).listStyleType") == "decimal"


def test_the_keyboard_alone_reaches_and_presses_a_follow_up_button(bot_stack, page):
    page.goto(f"{bot_stack.web_url}/")
    analyse(page)
    box = page.get_by_role("textbox", name="Type your message")
    box.focus()
    assert box.evaluate("b => getComputedStyle(b.form).boxShadow") != "none"  # the focused text box shows it
    for _ in range(40):  # the buttons are above the text box: Shift+Tab goes back to them
        page.keyboard.press("Shift+Tab")
        focused = page.evaluate("() => [document.activeElement.tagName, document.activeElement.textContent]")
        if focused == ["BUTTON", "What does it pay?"]:
            break
    else:
        pytest.fail("Shift+Tab never reached the 'What does it pay?' button")
    ring = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert ring != "none"  # where the focus is, is visible
    page.keyboard.press("Enter")
    wait_for_bot(page, r"whole U\.S\. \$")
    assert any("Maine $" in text for text in bot_texts(page))


def test_the_report_has_no_serious_accessibility_problem_and_fits_a_phone(bot_stack, page, phone):
    report = f"{bot_stack.web_url}/reports/43-4051.00/43-4031.00.html?state=ME"
    page.goto(report, timeout=ANSWER_TIMEOUT)
    assert serious_violations(page) == []
    phone.goto(report, timeout=ANSWER_TIMEOUT)
    assert serious_violations(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing sticks out sideways


def test_on_a_phone_the_text_box_is_in_view_and_only_the_conversation_scrolls(bot_stack, phone):
    phone.goto(f"{bot_stack.web_url}/")
    wait_for_bot(phone, "What job do you do now")
    box = phone.get_by_role("textbox", name="Type your message")
    assert in_view(phone, box)
    assert in_view(phone, phone.get_by_role("button", name=re.compile("Start over")))
    analyse(phone)  # a long answer: the page itself still does not scroll, the text box stays in view
    assert phone.evaluate("document.scrollingElement.scrollHeight") <= 844
    assert serious_violations(phone) == []
    assert in_view(phone, box)
    # the reply opens at its start: the first bubble after the question is in view, not only its end
    reply_start = phone.locator(".rw-group-message.rw-from-response").last.locator(".rw-response").first
    conversation = phone.get_by_role("log", name="Conversation")
    assert conversation.evaluate("c => c.scrollHeight > c.clientHeight + 100")  # long enough to need scrolling
    top = reply_start.bounding_box()["y"]
    view = conversation.bounding_box()
    assert view["y"] <= top <= view["y"] + 40, (top, view)
    chart = phone.locator(".rw-image-frame").last
    assert chart.bounding_box()["width"] <= 390
    phone.set_viewport_size({"width": 390, "height": 450})  # the on-screen keyboard takes the lower half
    assert in_view(phone, box)


def test_a_bubble_shows_as_soon_as_the_answer_arrives_and_working_until_then(bot_stack, page):
    page.add_init_script(STAMPS)
    page.goto(f"{bot_stack.web_url}/")
    wait_for_bot(page, "What job do you do now")
    page.evaluate("() => { stamps.answers = []; stamps.bubbles = []; stamps.status = []; }")
    type_message(page, "I'm a cashier and I want to become a pharmacy tech. I live in Ohio")
    wait_for_bot(page, r"out of 100|[Ww]hich")
    stamps = page.evaluate("stamps")
    first_bubble = (stamps["bubbles"][0] - stamps["answers"][0]) / 1000
    print(f"first bubble {first_bubble:.3f} s after the server's answer; all bubbles after "
          f"{(stamps['bubbles'][-1] - stamps['answers'][0]) / 1000:.3f} s")
    assert 0 <= first_bubble <= FIRST_BUBBLE_BUDGET, stamps
    # "working on it" from the moment the message goes until the answer is there, then gone
    (shown_at, shown), (cleared_at, cleared) = stamps["status"][0], stamps["status"][-1]
    assert shown.startswith("Working on your answer") and shown_at < stamps["answers"][0]
    assert cleared == "" and cleared_at >= stamps["answers"][0]
    assert page.get_by_role("status").inner_text() == ""


def test_a_slow_answer_gets_a_plain_message_after_10_seconds(bot_stack, page):
    """The bot's answer is held back between the socket and the page (Playwright's WebSocket route) while the
    page's clock moves on 11 s, so the answer is slow however fast the bot is; then it is let through."""
    held, hold, sockets = [], [False], []

    def route(ws):
        server = ws.connect_to_server()
        sockets.append(ws)
        server.on_message(lambda message: held.append(message) if hold[0] and "bot_uttered" in str(message)
                          else ws.send(message))

    page.route_web_socket(re.compile(r"socket\.io"), route)
    page.add_init_script(STAMPS)
    page.clock.install()  # the page's clock runs as usual; the test moves it on 11 s at once
    page.goto(f"{bot_stack.web_url}/")
    wait_for_bot(page, "What job do you do now")
    page.evaluate("() => { stamps.answers = []; stamps.status = []; }")
    hold[0] = True
    type_message(page, "I'm a janitor and I want to become an electrician, in Oregon")
    page.wait_for_function("() => stamps.status.length > 0", timeout=ANSWER_TIMEOUT)  # "working on it" is shown
    page.clock.fast_forward(11_000)
    page.wait_for_function("() => stamps.status.length > 1", timeout=ANSWER_TIMEOUT)
    hold[0] = False
    for message in held:
        sockets[-1].send(message)
    wait_for_bot(page, r"out of 100|[Ww]hich")
    stamps = page.evaluate("stamps")
    said = [text for _, text in stamps["status"]]
    assert said[:2] == ["Working on your answer\u2026",
                        "Still working on it. The first answer can take up to a minute."], stamps
    assert stamps["status"][1][0] < stamps["answers"][0] and said[-1] == ""


def test_start_over_clears_the_conversation_from_the_screen_and_the_browser(bot_stack, page):
    page.goto(f"{bot_stack.web_url}/")
    wait_for_bot(page, "What job do you do now")
    said = len(bot_texts(page))
    type_message(page, "I'm a welder in Texas")
    page.wait_for_function("n => document.querySelectorAll('.rw-response .rw-markdown').length > n", arg=said,
                           timeout=ANSWER_TIMEOUT)  # the bot answered
    assert "welder" in page.evaluate("() => JSON.stringify(localStorage)")
    page.get_by_role("button", name="Start over (clear this conversation)").click()
    wait_for_bot(page, "What job do you do now")  # greeted again, in a new conversation
    assert page.locator(".rw-client").count() == 0 and not any("welder" in t.lower() for t in bot_texts(page))
    assert "welder" not in page.evaluate("() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage)")
    page.reload()
    wait_for_bot(page, "What job do you do now")
    assert page.locator(".rw-client").count() == 0  # and it stays gone


def test_a_lost_connection_shows_a_banner_that_cannot_be_missed(bot_stack, page):
    """Playwright stands between the page and the Rasa server: it refuses the socket at first, lets it through,
    then closes it and refuses new ones, then lets them through again."""
    sockets, refused = [], [True]

    def socket(route):
        if refused:
            route.close()
        else:
            route.connect_to_server()
            sockets.append(route)

    socket_io = re.compile(r"/socket\.io/")
    page.route_web_socket(socket_io, socket)
    page.route(socket_io, lambda route: route.abort() if refused else route.continue_())  # socket.io's polling too
    page.goto(f"{bot_stack.web_url}/")
    connecting = page.get_by_role("status").filter(has_text="Connecting to the career bot")
    connecting.wait_for(timeout=30_000)  # never reached yet: the page says so instead of staying empty
    refused.clear()
    wait_for_bot(page, "What job do you do now")
    assert not connecting.is_visible()

    refused.append(True)
    for route in sockets:
        route.close()
    banner = page.get_by_role("alert")
    banner.wait_for(timeout=30_000)
    assert banner.inner_text().startswith("Not connected to the career bot")
    assert banner.evaluate("b => getComputedStyle(b).fontWeight") == "700"
    assert banner.bounding_box()["height"] >= 30 and in_view(page, banner)
    assert serious_violations(page) == []  # its colours included
    refused.clear()
    banner.wait_for(state="detached", timeout=60_000)  # reconnected
