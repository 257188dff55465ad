"""The counselor console on the running web server (conftest's bot_stack: real action server, Rasa server
with its SQL tracker store, web server). Conversations are made over the REST channel as a job seeker
would; the console must show them, with the bot's analyses, masked, only to a logged-in counselor.

Added time: about 30 s on top of the shared stack (a few real conversations, one PDF).
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
import sqlite3
import subprocess
import time
import urllib.parse
import uuid

import pytest

from tests.console_client import PASSWORD, Client, shown_id
from tests.console_client import add_counselor as _add_counselor
from tests.servers import ROOT, rest_say
from tests.servers import http as fetch

pytestmark = pytest.mark.integration

RUN = uuid.uuid4().hex[:6]  # one conversation per test session, even on a long-lived tracker store
CSR = f"console-test-csr-{RUN}"
HELP = f"console-test-help-{RUN}"
CALLER = f"console-test-caller-{RUN}"
EMAIL, PHONE = "jo.doe@example.com", "207-555-0134"
# the caller's two numbers: the work number stays masked, the cell they asked to be called on is shown
WORK, CELL = "207-555-0111", "207-555-0188"


def _settle(rasa_url: str, sender: str, replies: list[dict]) -> list[dict]:
    """Take the first job offered when the bot asks which one was meant (as test_e2e_rest does)."""
    while True:
        choice = next((b for r in replies for b in r.get("buttons") or [] if b["payload"].startswith("/choose_job")), None)
        if not choice:
            return replies
        replies = rest_say(rasa_url, sender, choice["payload"])


@pytest.fixture(scope="module")
def console(bot_stack):
    """The web server's base URL once a counselor account exists and two conversations were held over REST."""
    made = _add_counselor(bot_stack, "counsel", PASSWORD)
    assert made.returncode == 0 and "Counselor counsel" in made.stdout, made.stderr
    rasa = bot_stack.rasa_url
    answer = _settle(rasa, CSR, rest_say(rasa, CSR, "I've been a customer service rep for 3 years in Maine and I "
                                                    "want to become a license clerk"))
    assert any("out of 100" in (r.get("text") or "") for r in answer), answer
    assert any("with schools in Maine" in (r.get("text") or "") for r in rest_say(rasa, CSR, "how do I get there?"))
    rest_say(rasa, HELP, f"hello, my email is {EMAIL} and my phone is {PHONE}. can I talk to a real person?")
    # one thing at a time ("cashier" and "Maine" answer the bot's questions), two comparisons, then a call-back
    for said in ("hi, I'd like to change jobs", "cashier", "pharmacy tech", "Maine"):
        replies = _settle(rasa, CALLER, rest_say(rasa, CALLER, said))
    assert any("Cashiers → Pharmacy Technicians (Maine)" in (r.get("text") or "") for r in replies), replies
    replies = _settle(rasa, CALLER, rest_say(rasa, CALLER, "what about a medical assistant?"))
    assert any("Cashiers → Medical Assistants" in (r.get("text") or "") for r in replies), replies
    rest_say(rasa, CALLER, f"my work number is {WORK}. can someone call me back? {CELL} is my cell")
    return bot_stack.web_url


CSR_ID, HELP_ID, CALLER_ID = shown_id(CSR), shown_id(HELP), shown_id(CALLER)


def _key(client: Client, sender: str, **filters) -> str:
    """The console's id of ``sender``'s conversation, once the list shows it with a link."""
    page = client.page("/console/conversations?" + urllib.parse.urlencode(filters))
    key = shown_id(sender)
    assert f'href="/console/conversations/{key}"' in page, page
    return key


@pytest.fixture()
def counselor(console) -> Client:
    client = Client(console)
    status, headers, _ = client.login()
    assert status == 302 and headers["Location"].endswith("/console/conversations")
    return client


def test_logged_out_every_console_url_goes_to_the_login_page(console, counselor):
    key = _key(counselor, CSR)
    anonymous = Client(console)
    paths = ["/console/", "/console/conversations", "/console/conversations?human=1", "/console/conversations.csv",
             f"/console/conversations/{key}", f"/console/conversations/{key}/export.html",
             f"/console/conversations/{key}/export.pdf", "/console/no/such/page"]
    for path in paths:
        status, headers, body = anonymous.request(path)
        assert status == 302 and "/console/login" in headers["Location"], (path, status)
        assert b"customer service" not in body.lower()
    for path in (f"/console/conversations/{key}/notes", "/console/logout"):
        status, headers, _ = anonymous.request(path, {"text": "x", "csrf": "guess"})
        assert status == 302 and "/console/login" in headers["Location"], path
    assert "Log in" in anonymous.page("/console/login")
    # a login sends the counselor back to the page they asked for, never to another site
    status, headers, _ = anonymous.request("/console/conversations")
    assert "next=%2Fconsole%2Fconversations" in headers["Location"]


def test_job_seekers_channels_do_not_reach_the_console(console, bot_stack):
    for path in ("/console/login", "/console/conversations", f"/conversations/{CSR}/tracker"):
        status, _, body = fetch(bot_stack.rasa_url + path)
        assert status in (403, 404), (path, status)  # the Rasa server has no console, and no tracker API
        assert b"license clerk" not in body.lower()


def test_login_needs_the_right_password_and_the_form_token(console):
    client = Client(console)
    status, _, body = client.login(password="wrong password!")
    assert status == 401 and b"Wrong name or password" in body
    status, _, body = client.login(name="nobody")
    assert status == 401 and b"Wrong name or password" in body
    status, _, _ = client.request("/console/login", {"name": "counsel", "password": PASSWORD})  # no token
    assert status == 403
    assert client.request("/console/conversations")[0] == 302


def test_without_a_trusted_proxy_forwarded_headers_are_ignored(console):
    """This web server trusts no proxy (tests/test_console_security.py has one that does): a made-up
    X-Forwarded-For neither dodges the login throttle nor the address check, nor does a made-up
    X-Forwarded-Proto make the cookie Secure."""
    import concurrent.futures

    clients = [Client(console, {"X-Forwarded-For": f"10.9.0.{i}", "X-Forwarded-Proto": "https"}) for i in range(12)]
    tokens = [c.csrf("/console/login") for c in clients]
    with concurrent.futures.ThreadPoolExecutor(12) as pool:
        statuses = list(pool.map(lambda i: clients[i].request("/console/login", {
            "csrf": tokens[i], "name": "spoofed", "password": "wrong wrong wrong"})[0], range(12)))
    assert statuses.count(401) in (5, 6, 7) and statuses.count(429) == 12 - statuses.count(401), statuses
    assert Client(console, {"X-Forwarded-For": "203.0.113.9"}).request("/console/login")[0] == 200
    _, headers, _ = clients[0].request("/console/login")
    assert "careerbot_console_login=" in headers["Set-Cookie"] and "Secure" not in headers["Set-Cookie"]


def test_the_session_cookie_is_httponly_strict_and_console_only(console):
    client = Client(console)
    token = client.csrf("/console/login")
    _, headers, _ = client.request("/console/login", {"csrf": token, "name": "counsel", "password": PASSWORD})
    cookie = next(c for c in client.jar if c.name == "careerbot_console")
    assert cookie.path == "/console" and cookie.has_nonstandard_attr("HttpOnly")
    assert cookie.get_nonstandard_attr("SameSite") == "Strict"


def test_a_rest_conversation_is_listed_with_its_occupations_and_flags(counselor):
    status, headers, _ = counselor.request("/console/")
    assert status == 302 and headers["Location"].endswith("/console/conversations")
    page = counselor.page("/console/conversations")
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", page, re.S) if CSR_ID in r)
    assert "rest" in row and "Customer Service Representatives" in row and "License Clerks" in row
    assert "asked for a human" not in row and "unresolved" not in row
    help_row = next(r for r in re.findall(r"<tr>(.*?)</tr>", page, re.S) if HELP_ID in r)
    assert "asked for a human" in help_row and "unresolved" in help_row
    # filters: by flag, occupation, channel, words said, date
    human = counselor.page("/console/conversations?human=1")
    assert HELP_ID in human and CSR_ID not in human
    unresolved = counselor.page("/console/conversations?unresolved=1")
    assert HELP_ID in unresolved and CSR_ID not in unresolved
    clerks = counselor.page("/console/conversations?occupation=license+clerk")
    assert CSR_ID in clerks and HELP_ID not in clerks
    assert CSR_ID in counselor.page("/console/conversations?channel=rest")
    assert CSR_ID not in counselor.page("/console/conversations?channel=telegram")
    assert CSR_ID in counselor.page("/console/conversations?q=how+do+I+get+there")
    assert CSR_ID not in counselor.page("/console/conversations?until=2000-01-01")


def test_a_transcript_shows_the_analyses_the_bot_gave(counselor):
    page = counselor.page(f"/console/conversations/{_key(counselor, CSR)}")
    assert "I&#39;ve been a customer service rep for 3 years in Maine" in page  # what the person said
    assert "out of 100" in page  # what the bot said
    analyses = page.split("What the bot analysed", 1)[1]
    assert "Comparison" in analyses and "Customer Service Representatives" in analyses
    assert "Court, Municipal, and License Clerks" in analyses and "State: ME" in analyses
    assert re.search(r"Score: <strong>\d+</strong>", analyses) and "Top gaps" in analyses
    assert "Study programs" in analyses and "Programs offered" in analyses


def test_personal_data_is_masked_and_sender_ids_stay_out_of_urls(counselor):
    key = _key(counselor, HELP)
    assert HELP not in key
    page = counselor.page(f"/console/conversations/{key}")
    assert "[e-mail]" in page and "[phone]" in page
    assert EMAIL not in page and PHONE not in page
    assert "The bot gave no analysis" in page


def test_a_call_back_number_is_kept_apart_and_hidden_until_asked_for(counselor):
    """"can someone call me back? 207-... is my cell": the request and its number go to the hand-off's table
    (bot/handoff.py), so the transcript and the exports never show it; the conversation is flagged, and the
    number is shown only on request, with an access-log entry (tests/test_handoff.py)."""
    page = counselor.page(f"/console/conversations/{_key(counselor, CALLER)}")
    assert CELL not in page and WORK not in page
    assert "asks to be called back" in page
    other = counselor.page(f"/console/conversations/{_key(counselor, HELP)}")
    assert PHONE not in other
    for path in (f"/console/conversations/{CALLER_ID}/export.html", "/console/conversations.csv"):
        assert CELL not in counselor.request(path)[2].decode()


def test_answers_the_bot_used_are_not_labelled_not_understood(counselor):
    """"cashier" answering "What job do you have?" is an NLU fallback, yet the form took it."""
    page = counselor.page(f"/console/conversations/{_key(counselor, CALLER)}")
    turns = re.findall(r'<div class="meta">Person · (.*?)</div>([^<]*)', page)
    said = {text.strip(): meta for meta, text in turns}
    assert {"cashier", "pharmacy tech", "Maine"} <= said.keys(), said
    assert not [t for t in ("cashier", "pharmacy tech", "Maine") if "not understood" in said[t]], said
    asked = next(meta for text, meta in said.items() if text.startswith("my work number"))
    assert "not understood" not in asked and "asks to be called back" in asked


def test_the_occupation_filter_looks_at_every_analysis(counselor):
    """The caller's latest comparison is with Medical Assistants; the earlier one with Pharmacy Technicians
    still finds the conversation."""
    assert CALLER_ID in counselor.page("/console/conversations?occupation=pharmacy+tech")
    assert CALLER_ID in counselor.page("/console/conversations?occupation=medical+assistant")
    assert CALLER_ID not in counselor.page("/console/conversations?occupation=license+clerk")
    page = counselor.page(f"/console/conversations/{CALLER_ID}")
    assert "Cashiers; Pharmacy Technicians; Medical Assistants" in page  # occupations discussed
    assert CALLER_ID in counselor.page("/console/conversations?human=1")  # and it asked for a person


def test_notes_need_the_form_token_and_are_shown(counselor, bot_stack):
    key = _key(counselor, CSR)
    path = f"/console/conversations/{key}"
    status, _, _ = counselor.request(path + "/notes", {"text": "forged note"})
    assert status == 403
    status, _, _ = counselor.request(path + "/notes", {"text": "forged note", "csrf": "not the token"})
    assert status == 403
    status, headers, _ = counselor.request(path + "/notes", {"text": "Call back Monday: 207 555 0199",
                                                             "csrf": counselor.csrf(path)})
    assert status == 303 and headers["Location"].endswith(path + "#notes")  # back to the notes
    page = counselor.page(path)
    assert "forged note" not in page
    assert "Call back Monday: [phone]" in page and "counsel ·" in page
    with sqlite3.connect(bot_stack.folder / "console.sqlite") as db:  # masked where it is kept, too
        kept = [t for (t,) in db.execute("SELECT text FROM console_notes") if t.startswith("Call back Monday")]
    assert kept and all(t == "Call back Monday: [phone]" for t in kept), kept


def test_an_expired_session_goes_back_to_the_login(counselor, bot_stack):
    assert counselor.request("/console/conversations")[0] == 200
    database = bot_stack.folder / "console.sqlite"
    token = next(c.value for c in counselor.jar if c.name == "careerbot_console")
    mine = hashlib.sha256(token.encode()).hexdigest()  # the database keeps the token's hash only
    with sqlite3.connect(database) as db:  # nine idle hours later (sessions end after eight)
        assert db.execute("UPDATE console_sessions SET last_seen = ? WHERE token_hash = ?",
                          (time.time() - 9 * 3600, mine)).rowcount == 1
    status, headers, _ = counselor.request("/console/conversations")
    assert status == 302 and "/console/login" in headers["Location"]
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT count(*) FROM console_sessions WHERE token_hash = ?", (mine,)).fetchone()[0] == 0


def test_logout_ends_the_session(counselor):
    token = counselor.csrf("/console/conversations")
    status, headers, _ = counselor.request("/console/logout", {"csrf": token})
    assert status == 302 and headers["Location"].endswith("/console/login")
    assert counselor.request("/console/conversations")[0] == 302


def _csv(counselor: Client, path: str) -> list[dict]:
    status, headers, body = counselor.request(path)
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert "attachment" in headers["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(body.decode())))


def test_the_list_exports_as_csv_with_the_filters(counselor):
    rows = _csv(counselor, "/console/conversations.csv?human=1")
    assert list(rows[0])[:6] == ["conversation", "started_utc", "last_message_utc", "channel", "current_job",
                                 "target_job"]
    assert any(r["conversation"] == HELP_ID and r["asked_for_human"] == r["left_unresolved"] == "yes" for r in rows)
    assert not any(r["conversation"] == CSR_ID for r in rows)
    [row] = [r for r in _csv(counselor, "/console/conversations.csv") if r["conversation"] == CSR_ID]
    assert row["current_job"] == "Customer Service Representatives" and "License Clerks" in row["target_job"]
    assert row["channel"] == "rest"


def test_no_sender_id_is_shown_and_the_shown_id_reaches_no_conversation(counselor, bot_stack):
    """A sender id is a key to the person's conversation (a REST message under it writes into it, a socket.io
    session under it hears the replies): the console shows a keyed hash instead, and that id sent to the
    bot is a stranger's new conversation, not the person's."""
    shown = [counselor.page("/console/conversations"), counselor.request("/console/conversations.csv")[2].decode(),
             counselor.page(f"/console/conversations/{CSR_ID}"),
             counselor.page(f"/console/conversations/{CSR_ID}/export.html")]
    for text in shown:
        assert "console-test-" not in text  # no sender id of this module's conversations
        assert hashlib.sha256(CSR.encode()).hexdigest()[:20] not in text  # nor an unsalted hash of one
    replies = rest_say(bot_stack.rasa_url, CSR_ID, "what does it pay?")
    said = " ".join(r.get("text") or "" for r in replies)
    assert said and "License Clerks" not in said and "Maine" not in said, said
    assert "what does it pay?" not in counselor.page(f"/console/conversations/{CSR_ID}")
    _key(counselor, CSR_ID)  # listed as a conversation of its own


def test_one_conversation_exports_as_html_and_pdf(counselor, tmp_path):
    key = _key(counselor, HELP)
    status, headers, body = counselor.request(f"/console/conversations/{key}/export.html")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert f'filename="conversation-{key}.html"' in headers["Content-Disposition"]
    html = body.decode()
    assert "can I talk to a real person?" in html and "[e-mail]" in html and EMAIL not in html
    assert "<form" not in html  # a standalone document, nothing to submit
    key = _key(counselor, CSR)
    status, headers, pdf = counselor.request(f"/console/conversations/{key}/export.pdf")
    assert status == 200 and headers["Content-Type"] == "application/pdf" and pdf.startswith(b"%PDF")
    (tmp_path / "c.pdf").write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(tmp_path / "c.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "customer service rep for 3 years" in text and "Comparison" in text and "Top gaps" in text


def test_the_account_command_refuses_short_and_common_passwords(bot_stack):
    for password, why in (("short", "at least 12 characters"), (" " * 20, "at least 12 characters"),
                          ("   eleven chr   ", "at least 12 characters"),  # spaces at either end do not count
                          ("password1234", "one of the most common passwords"),
                          ("shortyshorty1", "too easy to guess")):  # the counselor's own name
        made = _add_counselor(bot_stack, "shorty", password)
        assert made.returncode == 1 and why in made.stderr and "nothing changed" in made.stderr, password
    status, _, _ = Client(bot_stack.web_url).login("shorty", " " * 20)
    assert status == 401  # no such account was made


# (what a person typed, asks for a person, asks to be called back)
PERSON_REQUESTS = [
    ("can I talk to a real person?", True, False), ("I'd like to speak with a career counselor", True, False),
    ("connect me with someone please", True, False), ("human please", True, False), ("Agent", True, False),
    ("i need a real person!", True, False), ("is there a live person there", True, False),
    ("talk to a human", True, False), ("Talk to a human please", True, False), ("speak to a live agent", True, False),
    ("I want to speak to someone", True, False), ("is there someone I can talk to", True, False),
    ("let me talk to a person", True, False), ("Can I speak with an advisor?", True, False),
    ("i wanna talk to a real human", True, False), ("real person please", True, False),
    ("transfer me to an agent", True, False), ("how do I talk to a counselor", True, False),
    ("can someone call me?", True, True), ("I'd like a callback", True, True), ("call me back", True, True),
    ("could a counselor call me back", True, True), ("please call me at 207-555-0134", True, True),
    ("can I get a call back?", True, True), ("have someone call me", True, True), ("callback please", True, True),
    ("you can reach me at 207 555 0134", True, True), ("Would someone be able to call me?", True, True),
    ("I would like a phone call from a counselor", True, True), ("can u call me", True, True),
    ("I want to become a counselor", False, False), ("I talk to someone at work every day", False, False),
    ("i want to be a human resources specialist", False, False), ("real estate agent", False, False),
    ("I want to talk to people for a living", False, False), ("I need a counselor job in Ohio", False, False),
    ("I call customers back all day", False, False), ("I work in a call center", False, False),
    ("call center agent", False, False), ("can someone like me become a nurse?", False, False),
    ("I make callbacks to customers", False, False), ("are you a real person?", False, False),
    ("my manager said to call me in", False, False), ("i want to be a 911 operator", False, False),
    ("travel agent in Maine", False, False), ("my boss can call me anytime lol", False, False),
]


@pytest.mark.parametrize("text, person, callback", PERSON_REQUESTS)
def test_asking_for_a_human_or_a_call_back_is_found_in_the_text(text, person, callback):
    from bot.understanding.person_requests import asks_for_callback, asks_for_person

    assert (asks_for_person(text), asks_for_callback(text)) == (person, callback)


def test_no_csv_cell_is_a_formula_whatever_the_separator():
    """Read as a spreadsheet would, splitting on "," or ";" or tabs, no cell of the CSV starts with = + - @."""
    from bot.console.conversations import Conversation
    from bot.console.export import conversations_csv

    typed = ["=HYPERLINK(\"http://x\")", "+1 207", "-2+3", "@SUM(A1)", " =1+1", "Cashiers;=cmd|' /C calc'!A0",
             "Cashiers\t=1", "a, -2", ";=1", "Cashiers - front desk"]
    rows = [Conversation(f"s{i}", f"id{i}", channel=text, slots={"current_title": text, "target_title": "Cashiers"})
            for i, text in enumerate(typed)]
    text = conversations_csv(rows)
    for separator in (",", ";", "\t"):
        cells = [cell for row in csv.reader(io.StringIO(text), delimiter=separator) for cell in row]
        assert not [c for c in cells if c.strip(' "')[:1] in ("=", "+", "-", "@")], separator
    read = list(csv.DictReader(io.StringIO(text)))
    assert [r["current_job"] for r in read][-1] == "Cashiers - front desk" and read[0]["target_job"] == "Cashiers"
    assert read[0]["current_job"] == "'=HYPERLINK(\"http://x\")"


def test_the_tracker_store_url_becomes_rasas_settings():
    import yaml

    from bot.endpoints import endpoints_yaml

    settings = yaml.safe_load(endpoints_yaml("http://localhost:5055/webhook",
                                             "postgresql+psycopg2://bot:p%40ss:w0rd@db.example.org:5433/tracker"))
    assert settings["action_endpoint"]["url"] == "http://localhost:5055/webhook"
    # Rasa reads the host from "url" (EndpointConfig.url is passed as host=)
    assert settings["tracker_store"] == {"type": "bot.tracker_store.ThreadedSQLTrackerStore", "dialect": "postgresql+psycopg2",
                                         "url": "db.example.org", "port": 5433, "db": "tracker", "username": "bot",
                                         "password": "p@ss:w0rd"}
    sqlite = yaml.safe_load(endpoints_yaml("http://a/webhook", "sqlite:////tmp/x/tracker.sqlite"))["tracker_store"]
    assert sqlite == {"type": "bot.tracker_store.ThreadedSQLTrackerStore", "dialect": "sqlite", "db": "/tmp/x/tracker.sqlite"}


@pytest.mark.postgres
def test_conversations_are_read_from_a_postgresql_tracker_store(postgres_url):
    """PostgreSQL by URL: Rasa's SQL tracker store with the settings bot/endpoints.py makes for Rasa, read
    back by the console (masked, with the analyses), which cannot write to it."""
    import asyncio

    import sqlalchemy as sa
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.console.conversations import Conversations
    from bot.endpoints import tracker_store

    settings = tracker_store(postgres_url)
    domain = Domain.load(str(ROOT / "domain.yml"))
    store = SQLTrackerStore(domain, dialect=settings["dialect"], host=settings["url"], port=settings["port"],
                            db=settings["db"], username=settings.get("username"), password=settings.get("password"))
    person = DialogueStateTracker("pg-person", domain.slots)
    person.update(UserUttered("I'm a cashier, call me at 207-555-0134", {"name": "inform", "confidence": 1.0},
                              input_channel="twilio"))
    person.update(BotUttered("Cashiers → Pharmacy Technicians"))
    person.update(SlotSet("analyses", [{"kind": "compare", "time": "2026-11-23T00:00:00Z", "score": 61.0,
                                        "current": {"code": "41-2011.00", "title": "Cashiers"}}]))
    asyncio.run(store.save(person))

    conversations = Conversations(postgres_url)
    [read] = [c for c in conversations.all() if c.sender_id == "pg-person"]
    assert read.channel == "twilio" and read.current == "Cashiers" and read.analyses[0]["score"] == 61.0
    assert [t.text for t in read.turns] == ["I'm a cashier, call me at [phone]", "Cashiers → Pharmacy Technicians"]
    with pytest.raises(sa.exc.DBAPIError, match="read-only"):
        with conversations.engine.begin() as conn:
            conn.execute(sa.text("DELETE FROM events"))
