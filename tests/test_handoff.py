"""A person asks for a human; a counselor takes the conversation over and hands it back (issue 17, Hand-off).

The answers to "how may a counselor reach you?" read without servers; then the whole flow over REST with
the real servers (conftest's bot_stack): the request in the console's queue, the contact hidden until asked
for (and logged), the take-over, two messages each way, the hand-back, and the bot answering again.
"""
from __future__ import annotations

import json
import uuid

import pytest

from bot.handoff import read_choice, shown_contact, without_contact
from bot.rasa_server import without_person_asked_for
from tests.console_client import PASSWORD, Client, add_counselor, shown_id
from tests.servers import COUNSELOR_TOKEN, http, rest_say


@pytest.mark.parametrize("said, expected", [
    ("reply here", ("here", None)), ("Reply here in this chat", ("here", None)), ("yes please", ("here", None)),
    ("you can answer me here", ("here", None)), ("ok", ("here", None)), ("in this chat", ("here", None)),
    ("no thanks", ("none", None)), ("No", ("none", None)), ("nah, never mind", ("none", None)),
    ("please don't contact me", ("none", None)),
    ("207-555-0188", ("phone", "+12075550188")), ("call me at (207) 555-0100 after 5", ("phone", "+12075550100")),
    ("my cell is 2075550123", ("phone", "+12075550123")), ("+44 20 7946 0958", ("phone", "+442079460958")),
    ("maria.lopez@example.com", ("email", "maria.lopez@example.com")),
    ("email me: Maria_L+jobs@mail.example.org thanks", ("email", "Maria_L+jobs@mail.example.org")),
    ("I'm a cashier in Maine", None), ("I have 3 kids", None), ("what does a nurse make?", None), ("555-0105", None),
])
def test_the_answer_to_how_may_a_counselor_reach_you(said, expected):
    assert read_choice(said) == expected


def test_the_contact_stays_out_of_the_stored_message_and_reads_as_a_number():
    assert without_contact("call me at (207) 555-0100 after 5") == "call me at [phone] after 5"
    assert without_contact("+44 20 7946 0958 or maria@example.com") == "[phone] or [e-mail]"
    assert shown_contact("phone", "+12075550100") == "(207) 555-0100"
    assert shown_contact("phone", "+442079460958") == "+44 20 7946 0958"


def _parse(text: str, *entities: tuple[str, str]) -> dict:
    found = [{"entity": "topic", "value": "person", "start": 0, "end": 0}]
    for entity, value in entities:
        found.append({"entity": entity, "value": value, "start": text.index(value), "end": text.index(value) + len(value)})
    return {"text": text, "intent": {"name": "out_of_scope"}, "entities": found}


@pytest.mark.parametrize("parse, jobs_kept", [
    (_parse("can I talk to a career counselor", ("job", "career counselor")), []),
    (_parse("have a counselor email me at [e-mail]", ("job", "counselor")), []),
    (_parse("I'm a cashier, can a counselor call me at [phone]", ("current_job", "cashier"), ("target_job", "counselor")),
     ["cashier"]),
    (_parse("I want to talk to someone about becoming a counselor", ("target_job", "counselor")), ["counselor"]),
])
def test_the_counselor_asked_for_is_not_a_job_of_theirs(parse, jobs_kept):
    kept = without_person_asked_for(parse)["entities"]
    assert [e["value"] for e in kept if e["entity"] != "topic"] == jobs_kept
    assert any(e["entity"] == "topic" for e in kept)


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


@pytest.fixture(scope="module")
def counselor(bot_stack) -> Client:
    made = add_counselor(bot_stack, "dana", PASSWORD)
    assert made.returncode == 0, made.stderr
    client = Client(bot_stack.web_url)
    assert client.login("dana")[0] == 302
    return client


def post(client: Client, path: str, **form) -> tuple[int, dict, bytes]:
    csrf = client.csrf("/console/requests")
    return client.request(path, {"csrf": csrf, **form})


def live_turns(client: Client, key: str, after: int = 0) -> dict:
    status, _, body = client.request(f"/console/live/{key}/turns?after={after}")
    assert status == 200, status
    return json.loads(body)


def test_a_counselor_takes_over_a_rest_conversation_and_hands_it_back(bot_stack, counselor):
    rasa, sender = bot_stack.rasa_url, f"handoff-rest-{uuid.uuid4().hex[:8]}"
    asked = rest_say(rasa, sender, "can I talk to a real person")
    said = texts(asked)
    assert said.startswith("I can pass your request to the career counselors")
    assert "A counselor reads these requests on working days; I can't promise when." in said, said
    assert "phone number or an e-mail address" in said
    assert [b["title"] for r in asked for b in r.get("buttons") or []] == ["Reply here in this chat", "No thanks"]
    assert "A counselor will reply here in this chat" in texts(rest_say(rasa, sender, "reply here"))

    key = shown_id(sender)
    queue = counselor.page("/console/requests")
    assert f'href="/console/conversations/{key}"' in queue and sender not in queue
    row = queue[queue.index(f'href="/console/conversations/{key}"') - 600:queue.index(f'href="/console/conversations/{key}"')]
    assert "rest" in row and "reply in the chat" in row and "waiting for a counselor" in row, row

    status, headers, _ = post(counselor, f"/console/conversations/{key}/take")
    assert status == 303 and headers["Location"] == f"/console/live/{key}", status
    assert "Take the conversation over first" not in counselor.page(f"/console/live/{key}")
    # REST answers only requests: the counselor's words reach the person in the answer to their next message
    joined = texts(rest_say(rasa, sender, "hello? is someone there"))
    assert "A career counselor (dana) has joined this chat" in joined and "Hi!" not in joined, joined
    for counselor_says, person_says in (("Hi, I'm Dana. What would you like to talk about?", "nursing programs near me"),
                                        ("Southern Maine CC has one; I'll e-mail a list.", "thanks, that helps")):
        assert post(counselor, f"/console/conversations/{key}/send", text=counselor_says)[0] == 303
        assert rest_say(rasa, sender, person_says) == [{"recipient_id": sender, "text": counselor_says}]
    turns = live_turns(counselor, key)
    said = [(t["label"], t["text"]) for t in turns["turns"]]
    assert said[-4:] == [("Counselor dana", "Hi, I'm Dana. What would you like to talk about?"),
                         ("Person", "nursing programs near me"),
                         ("Counselor dana", "Southern Maine CC has one; I'll e-mail a list."),
                         ("Person", "thanks, that helps")], said
    assert turns["stage"] == "taken" and live_turns(counselor, key, turns["next"])["turns"] == []

    status, headers, _ = post(counselor, f"/console/conversations/{key}/release")
    assert status == 303 and headers["Location"] == f"/console/conversations/{key}"
    back = texts(rest_say(rasa, sender, "what can you do?"))
    assert "The counselor has left the chat" in back and "I compare jobs using public U.S. government data" in back, back
    assert "handed back to the bot" in counselor.page("/console/requests?all=1")
    assert f'/console/conversations/{key}"' not in counselor.page("/console/requests")  # no longer open
    log = counselor.page(f"/console/access?conversation={key}")
    assert "take-over" in log and "live-message" in log and "hand-back" in log


def test_a_contact_given_with_consent_is_hidden_until_asked_for(bot_stack, counselor):
    rasa, sender = bot_stack.rasa_url, f"handoff-phone-{uuid.uuid4().hex[:8]}"
    rest_say(rasa, sender, "I'd like to speak with a career counselor")
    said = texts(rest_say(rasa, sender, "you can call me at 207-555-0188"))
    assert "A counselor may call or text you at the number you gave" in said and "555-0188" not in said, said
    key = shown_id(sender)
    assert "call or text (contact given, hidden)" in counselor.page("/console/requests")
    page = counselor.page(f"/console/conversations/{key}")
    assert "555-0188" not in page and "you can call me at [phone]" in page and "Show contact" in page
    status, _, body = post(counselor, f"/console/conversations/{key}/contact")
    assert status == 200 and '<a class="contact" href="tel:(207)555-0188">(207) 555-0188</a>' in body.decode()
    assert "contact-view" in counselor.page(f"/console/access?conversation={key}")
    # nobody but the console reaches the counselor routes, and no GET shows the contact
    assert counselor.request(f"/console/conversations/{key}/contact")[0] != 200
    body = json.dumps({"sender_id": sender, "counselor": "mallory"}).encode()
    for auth in ({}, {"Authorization": "Bearer guess"}):
        assert http(f"{rasa}/webhooks/counselor/take", body, {"Content-Type": "application/json", **auth})[0] == 403
    nobody = json.dumps({"sender_id": "nobody-" + sender, "counselor": "dana"}).encode()
    assert http(f"{rasa}/webhooks/counselor/take", nobody, {"Content-Type": "application/json",
                                                          "Authorization": f"Bearer {COUNSELOR_TOKEN}"})[0] == 404


ASKS = "How may a counselor reach you?"
FIRST_QUESTION = "What job do you do now, or did last?"


def test_a_request_that_carries_its_contact_is_recorded_at_once(bot_stack, counselor):
    rasa, sender = bot_stack.rasa_url, f"handoff-at-once-{uuid.uuid4().hex[:8]}"
    said = texts(rest_say(rasa, sender, "can someone call me at 207-555-0100"))
    assert said.startswith("I've passed your request to the career counselors"), said
    assert "A counselor may call or text you at the number you gave" in said and ASKS not in said, said
    assert "A counselor reads these requests on working days; I can't promise when." in said and "555-0100" not in said
    key = shown_id(sender)
    assert "call or text (contact given, hidden)" in counselor.page("/console/requests")
    page = counselor.page(f"/console/conversations/{key}")
    assert "can someone call me at [phone]" in page and "555-0100" not in page, page
    status, _, body = post(counselor, f"/console/conversations/{key}/contact")
    assert status == 200 and "(207) 555-0100" in body.decode()
    # the next message is the bot's again, not read as an answer to a question it never asked
    assert "I compare jobs using public U.S. government data" in texts(rest_say(rasa, sender, "what can you do?"))


def test_in_the_opening_questions_a_request_with_an_address_gets_one_answer_and_the_question_once(bot_stack, counselor):
    rasa, sender = bot_stack.rasa_url, f"handoff-form-mail-{uuid.uuid4().hex[:8]}"
    assert FIRST_QUESTION in texts(rest_say(rasa, sender, "hi"))
    replies = rest_say(rasa, sender, "have a counselor email me at maria@example.com")
    said = texts(replies)
    assert said.startswith("I've passed your request") and "e-mail you at the address you gave" in said, said
    assert ASKS not in said and "maria@" not in said and said.count(FIRST_QUESTION) == 1, said
    assert "Counselors" not in said  # the counselor asked for is not taken for their job
    assert "Got it, your job now: Cashiers" in texts(rest_say(rasa, sender, "cashier"))
    assert "e-mail (contact given, hidden)" in counselor.page("/console/requests")
    assert "email me at [e-mail]" in counselor.page(f"/console/conversations/{shown_id(sender)}")


def test_in_the_opening_questions_the_consent_question_comes_alone_and_the_question_after_it(bot_stack):
    rasa, sender = bot_stack.rasa_url, f"handoff-form-{uuid.uuid4().hex[:8]}"
    assert FIRST_QUESTION in texts(rest_say(rasa, sender, "hi"))
    asked = texts(rest_say(rasa, sender, "can I talk to a real person"))
    assert ASKS in asked and FIRST_QUESTION not in asked, asked
    answered = rest_say(rasa, sender, "reply here")
    assert answered[0]["text"].startswith("Thanks. A counselor will reply here in this chat"), answered
    assert texts(answered).count(FIRST_QUESTION) == 1 and FIRST_QUESTION in answered[-1]["text"], answered
    assert "Got it, your job now: Cashiers" in texts(rest_say(rasa, sender, "cashier"))
