"""Issue 17's hand-off in two real browsers (Debian's headless Chromium through Playwright, two contexts), against
the running bot (conftest's bot_stack): a job seeker in the website widget asks "can I talk to a real person"
and consents to a reply in the chat; a counselor finds the request in the console's queue, takes the chat
over, they exchange two messages each way (the widget gets the counselor's at once over socket.io, the
console's live page shows the person's by polling), the counselor hands back, and the bot answers the next
message.
"""
from __future__ import annotations

import pytest

from tests.chat_page import bot_texts, type_message, wait_for_bot
from tests.console_client import add_counselor

pytestmark = pytest.mark.integration

NAME, PASSWORD = "live-counsel", "a live chat test password"
LIVE_TIMEOUT = 30_000  # ms: the live page polls every 2 s


@pytest.fixture()
def two_people(browser):
    person, counselor = (browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(2))
    try:
        yield person.new_page(), counselor.new_page()
    finally:
        person.close()
        counselor.close()


def test_a_counselor_takes_over_the_widget_chat_and_hands_it_back(bot_stack, two_people):
    made = add_counselor(bot_stack, NAME, PASSWORD)
    assert made.returncode == 0, made.stderr
    person, counselor = two_people
    person.goto(f"{bot_stack.web_url}/")
    wait_for_bot(person, "What job do you do now")
    type_message(person, "can I talk to a real person")
    wait_for_bot(person, "on working days; I can't promise when")
    person.locator(".rw-replies .rw-reply", has_text="Reply here in this chat").last.click()  # as a person taps it
    wait_for_bot(person, "A counselor will reply here in this chat")

    counselor.goto(f"{bot_stack.web_url}/console/requests")
    counselor.fill("input[name=name]", NAME)
    counselor.fill("input[name=password]", PASSWORD)
    counselor.click("button[type=submit]")
    counselor.wait_for_url("**/console/requests")
    row = counselor.locator("tr.request", has_text="socketio").first
    assert "reply in the chat" in row.inner_text() and "waiting for a counselor" in row.inner_text()
    row.locator("a").first.click()
    counselor.get_by_role("button", name="Take over the chat").click()
    counselor.wait_for_url("**/console/live/*")
    wait_for_bot(person, r"A career counselor \(live-counsel\) has joined this chat")
    before = person.locator(".rw-response").count()

    for counselor_says, person_says in (("Hi, I'm a counselor here. How can I help?", "I want to work in healthcare"),
                                        ("A CNA course takes about 6 weeks; want a list?", "yes please, thank you")):
        counselor.fill("#message", counselor_says)
        counselor.get_by_role("button", name="Send").click()
        counselor.wait_for_load_state()
        wait_for_bot(person, counselor_says.split(";")[0].replace("?", r"\?"))
        type_message(person, person_says)
        counselor.locator("#live .turn.user", has_text=person_says).wait_for(timeout=LIVE_TIMEOUT)
    assert "Counselor live-counsel" in counselor.inner_text("#live")
    # while the counselor had the chat the person saw the counselor's messages and nothing from the bot
    assert [t.strip() for t in bot_texts(person)[before:]] == ["Hi, I'm a counselor here. How can I help?",
                                                                "A CNA course takes about 6 weeks; want a list?"]

    counselor.get_by_role("button", name="Hand back to the bot").click()
    counselor.wait_for_url("**/console/conversations/*")
    wait_for_bot(person, "The counselor has left the chat")
    type_message(person, "what can you do?")
    wait_for_bot(person, "I compare jobs using public U.S. government data")
