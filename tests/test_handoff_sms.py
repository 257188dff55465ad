"""Issue 17's hand-off over SMS, against the running bot (conftest's bot_stack): every text is a webhook request
signed exactly as Twilio signs it (Twilio's own RequestValidator, over the URL and the fields Twilio posts), and
what the person's phone shows is the TwiML <Message> of the answer. A person texts "can I talk to a real
person" and consents to a reply here; a counselor takes the conversation over in the console; they exchange two
messages each way (SMS answers only the person's texts, so each counselor message reaches them in the answer
to their next text); the counselor hands back, and the bot answers the next text.
"""
from __future__ import annotations

import json
import random

import pytest

from tests.console_client import PASSWORD, Client, add_counselor, shown_id
from tests.test_channels_sms import sender_id, sms

pytestmark = pytest.mark.integration

NAME = "sms-counsel"


@pytest.fixture(scope="module")
def counselor(bot_stack) -> Client:
    made = add_counselor(bot_stack, NAME, PASSWORD)
    assert made.returncode == 0, made.stderr
    client = Client(bot_stack.web_url)
    assert client.login(NAME)[0] == 302
    return client


def post(client: Client, path: str, **form) -> tuple[int, dict, bytes]:
    return client.request(path, {"csrf": client.csrf("/console/requests"), **form})


def test_a_counselor_takes_over_an_sms_conversation_and_hands_it_back(bot_stack, counselor):
    number = f"+1207555{random.randint(1000, 9999)}"
    asked = sms(bot_stack, number, "can I talk to a real person")
    assert asked.startswith("I can pass your request to the career counselors"), asked
    assert "on working days; I can't promise when" in asked and "Reply with a number:\n1 Reply here in this chat" in asked
    assert "A counselor will reply here in this chat" in sms(bot_stack, number, "reply here")

    key = shown_id(sender_id(number))
    queue = counselor.page("/console/requests")
    link = f'href="/console/conversations/{key}"'
    assert link in queue and number not in queue and number[-4:] not in queue
    row = queue[queue.index(link) - 600:queue.index(link)]
    assert "twilio" in row and "reply in the chat" in row and "waiting for a counselor" in row, row

    status, headers, _ = post(counselor, f"/console/conversations/{key}/take")
    assert status == 303 and headers["Location"] == f"/console/live/{key}"
    # the person's next text is answered with what the counselor side said since: that a counselor joined
    joined = sms(bot_stack, number, "hello? anyone there")
    assert joined == f"A career counselor ({NAME}) has joined this chat. You're talking with a person now; I'll wait.", joined
    for counselor_says, person_says in (("Hi, this is a counselor. What kind of work are you after?", "something in healthcare"),
                                        ("A CNA course takes about 6 weeks. Want a list?", "yes please, thanks")):
        assert post(counselor, f"/console/conversations/{key}/send", text=counselor_says)[0] == 303
        assert sms(bot_stack, number, person_says) == counselor_says  # exactly their words, nothing from the bot
    status, _, body = counselor.request(f"/console/live/{key}/turns")
    said = [(t["label"], t["text"]) for t in json.loads(body)["turns"]]
    assert said[-4:] == [(f"Counselor {NAME}", "Hi, this is a counselor. What kind of work are you after?"),
                         ("Person", "something in healthcare"),
                         (f"Counselor {NAME}", "A CNA course takes about 6 weeks. Want a list?"),
                         ("Person", "yes please, thanks")], said
    # nothing the counselor did not write reaches the phone while the counselor has the chat
    assert sms(bot_stack, number, "ok") == ""

    status, headers, _ = post(counselor, f"/console/conversations/{key}/release")
    assert status == 303 and headers["Location"] == f"/console/conversations/{key}"
    back = sms(bot_stack, number, "what can you do?")
    assert back.startswith("The counselor has left the chat. I'm the bot again"), back
    assert "I compare jobs using public U.S. government data" in back, back
    assert "What job do you do now" in sms(bot_stack, number, "hi")
