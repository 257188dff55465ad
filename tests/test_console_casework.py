"""Casework in the counselor console on the running bot (conftest's bot_stack): a job seeker talks to the
bot over REST; counselors assign the conversation, set its status and follow-up date, find it in their
caseload, write, edit and delete notes (the history stays), read the access log; a counselor changes
their password and logs out everywhere; an administrator disables an account.

Added time: about 40 s on top of the shared stack (one conversation, a dozen scrypt logins).
"""
from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import uuid
from datetime import date, timedelta

import pytest

from tests.console_client import PASSWORD, Client, add_counselor, shown_id
from tests.servers import ROOT, environment, rest_say

pytestmark = pytest.mark.integration

SENDER = f"console-casework-{uuid.uuid4().hex[:6]}"
KEY = shown_id(SENDER)
A, B, C = "case-anna", "case-ben", "case-cleo"


@pytest.fixture(scope="module")
def web(bot_stack) -> str:
    for name in (A, B, C):
        made = add_counselor(bot_stack, name, PASSWORD)
        assert made.returncode == 0, made.stderr
    replies = rest_say(bot_stack.rasa_url, SENDER, "I'm a warehouse worker in Ohio and I want to become an electrician")
    assert replies, replies
    return bot_stack.web_url


def logged_in(web: str, name: str, password: str = PASSWORD) -> Client:
    client = Client(web)
    status, _, _ = client.login(name, password)
    assert status == 302, (name, status)
    return client


def row(client: Client, query: str = "") -> str | None:
    """The list row of this module's conversation, or None when the filters leave it out."""
    page = client.page("/console/conversations" + (f"?{query}" if query else ""))
    return next((r for r in re.findall(r"<tr>(.*?)</tr>", page, re.DOTALL) if KEY in r), None)


def cells(row_html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", row_html, re.DOTALL)]


def save_case(client: Client, **fields) -> tuple[int, dict, bytes]:
    path = f"/console/conversations/{KEY}"
    return client.request(path + "/case", {"csrf": client.csrf(path), **fields})


def test_a_case_is_assigned_given_a_status_and_a_follow_up_and_lands_in_a_caseload(web):
    anna, ben = logged_in(web, A), logged_in(web, B)
    assert cells(row(anna))[-4:-1] == ["—", "new", ""]  # nobody has it yet
    assert row(anna, "assignee=none") and not row(anna, "assignee=me")
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    status, headers, _ = save_case(anna, assignee=A, status="in progress", follow_up=yesterday)
    assert status == 303 and headers["Location"].endswith(f"/console/conversations/{KEY}#case")
    page = anna.page(f"/console/conversations/{KEY}")
    assert re.search(rf'<option value="{A}" selected>{A} \(me\)</option>', page)
    assert "<option selected>in progress</option>" in page and f'value="{yesterday}"' in page
    assert f"Last changed by {A}" in page and "follow-up due" in page
    # her caseload (the header's link) has it, overdue; his has not
    caseload = anna.page("/console/conversations?assignee=me&status=open&sort=follow_up")
    assert "<h1>My caseload</h1>" in caseload and KEY in caseload
    assert cells(row(anna, "assignee=me&status=open"))[-4:-1] == [A, "in progress", f"{yesterday} due"]
    assert not row(ben, "assignee=me&status=open") and row(ben, f"assignee={A}") and row(ben, "due=1")
    # he takes it over and closes it: out of every caseload, no longer due
    assert save_case(ben, assignee=B, status="done", follow_up="")[0] == 303
    assert not row(anna, "assignee=me") and not row(ben, "assignee=me&status=open") and not row(ben, "due=1")
    assert row(ben, "status=done") and row(anna, f"assignee={B}")
    # the CSV carries the casework
    csv_text = ben.request("/console/conversations.csv?status=done")[2].decode()
    assert re.search(rf"^{KEY},.*,{B},done,,", csv_text, re.MULTILINE), csv_text


def test_a_case_change_needs_the_form_token_and_valid_values(web):
    anna = logged_in(web, A)
    path = f"/console/conversations/{KEY}/case"
    assert anna.request(path, {"assignee": A, "status": "new"})[0] == 403
    for bad in ({"assignee": "nobody-such", "status": "new"}, {"status": "new", "follow_up": "next tuesday"},
                {"status": "thinking about it"}):
        status, headers, _ = save_case(anna, **bad)
        assert status == 303 and "error=case" in headers["Location"], bad
        assert "That was not saved" in anna.page(headers["Location"].split("#")[0])
    assert "thinking" not in anna.page(f"/console/conversations/{KEY}")


def test_the_note_box_is_above_the_transcript(web):
    page = logged_in(web, A).page(f"/console/conversations/{KEY}")
    assert page.index('id="note"') < page.index('id="transcript"') and page.index('id="case"') < page.index('id="transcript"')


def test_notes_are_edited_and_deleted_by_their_author_and_keep_their_history(web, bot_stack):
    anna, ben = logged_in(web, A), logged_in(web, B)
    path = f"/console/conversations/{KEY}"
    assert anna.request(path + "/notes", {"csrf": anna.csrf(path), "text": "Wants evening classes; 614-555-0100"})[0] == 303
    note = re.findall(r"/notes/(\d+)/edit", anna.page(path))[-1]
    assert f"/notes/{note}/edit" not in ben.page(path)  # only its author gets the edit form ...
    assert ben.request(f"{path}/notes/{note}/edit", {"csrf": ben.csrf(path), "text": "forged"})[0] == 403  # ... or may
    assert ben.request(f"{path}/notes/{note}/delete", {"csrf": ben.csrf(path)})[0] == 403
    assert anna.request(f"{path}/notes/{note}/edit", {"text": "no token"})[0] == 403
    status, headers, _ = anna.request(f"{path}/notes/{note}/edit", {"csrf": anna.csrf(path),
                                                                   "text": "Wants evening classes at Columbus State"})
    assert status == 303 and headers["Location"].endswith("#notes")
    page = ben.page(path)
    assert "Wants evening classes at Columbus State" in page and "Earlier versions (1)" in page
    assert "Wants evening classes; [phone]" in page and "forged" not in page  # the old text, masked
    assert anna.request(f"{path}/notes/{note}/delete", {"csrf": anna.csrf(path)})[0] == 303
    page = ben.page(path)
    assert f"Deleted by {A}" in page and "What it said" in page
    assert "Wants evening classes at Columbus State" in page.split("What it said", 1)[1]  # kept, behind a disclosure
    assert anna.request(f"{path}/notes/{note}/edit", {"csrf": anna.csrf(path), "text": "again"})[0] == 404
    with sqlite3.connect(bot_stack.folder / "console.sqlite") as db:
        kept = db.execute("SELECT text FROM console_note_versions WHERE note = ?", (note,)).fetchall()
        deleted = db.execute("SELECT deleted_by FROM console_notes WHERE id = ?", (note,)).fetchone()
    assert kept == [("Wants evening classes; [phone]",)] and deleted == (A,)
    # a deleted note is not counted in the list, nor exported
    assert "Wants evening classes" not in anna.request(f"{path}/export.html")[2].decode()


def test_the_access_log_shows_who_viewed_exported_and_changed_what(web):
    cleo, anna = logged_in(web, C), logged_in(web, A)
    cleo.page(f"/console/conversations/{KEY}")
    assert cleo.request(f"/console/conversations/{KEY}/export.html")[0] == 200
    assert cleo.request("/console/conversations.csv?channel=rest")[0] == 200
    log = anna.page(f"/console/access?counselor={C}")
    entries = [cells(r) for r in re.findall(r"<tr>(.*?)</tr>", log.split("<tbody>", 1)[1], re.DOTALL)]
    actions = [(e[1], e[2], e[3]) for e in entries]
    assert actions[:3] == [(C, "export-csv", ""), (C, "export-html", KEY), (C, "view", KEY)], actions
    assert "filters: channel=rest" in entries[0][4]
    # one conversation's entries, everyone's: the casework and notes of the tests above too
    mine = anna.page(f"/console/access?conversation={KEY}")
    for action in ("case", "note-add", "note-edit", "note-delete", "view"):
        assert f"<td>{action}</td>" in mine, action
    assert "Who opened it" in anna.page(f"/console/conversations/{KEY}")


def test_a_counselor_changes_their_password_and_logs_out_everywhere(web, bot_stack):
    name = f"case-pw-{uuid.uuid4().hex[:4]}"
    assert add_counselor(bot_stack, name, PASSWORD).returncode == 0
    here, elsewhere = logged_in(web, name), logged_in(web, name)

    def form(**fields) -> dict:
        return {"csrf": here.csrf("/console/account"), **fields}
    new = "correct horse battery staple"
    assert here.request("/console/account/password", {"current": PASSWORD, "new": new, "again": new})[0] == 403
    for wrong, says in (({"current": "not it at all", "new": new, "again": new}, "The current password is wrong"),
                        ({"current": PASSWORD, "new": new, "again": new + "!"}, "The two new passwords differ"),
                        ({"current": PASSWORD, "new": "   short   ", "again": "   short   "}, "at least 12 characters"),
                        ({"current": PASSWORD, "new": "qwerty123456", "again": "qwerty123456"},
                         "That password is one of the most common passwords"),
                        ({"current": PASSWORD, "new": "Password123!", "again": "Password123!"}, "too easy to guess")):
        status, _, body = here.request("/console/account/password", form(**wrong))
        assert status == 400 and says in body.decode(), (wrong, body[:300])
    status, headers, _ = here.request("/console/account/password", form(current=PASSWORD, new=new, again=new))
    assert status == 303 and "Your password is changed" in here.page(headers["Location"])
    assert elsewhere.request("/console/conversations")[0] == 302  # the other session ended, this one did not
    assert Client(web).login(name, PASSWORD)[0] == 401 and Client(web).login(name, new)[0] == 302
    other = logged_in(web, name, new)
    status, headers, _ = here.request("/console/account/logout-everywhere", {"csrf": here.csrf("/console/account")})
    assert status == 303 and headers["Location"].endswith("/console/login")
    assert here.request("/console/conversations")[0] == 302 and other.request("/console/conversations")[0] == 302


def test_an_administrator_disables_and_enables_a_counselor(web, bot_stack):
    name = f"case-gone-{uuid.uuid4().hex[:4]}"
    assert add_counselor(bot_stack, name, PASSWORD).returncode == 0
    session = logged_in(web, name)

    def admin(*args):
        return subprocess.run([sys.executable, "-m", "bot.console", *args], capture_output=True, text=True, cwd=ROOT,
                              env=environment(bot_stack.env), check=False)
    done = admin("disable-counselor", name)
    assert done.returncode == 0 and "disabled" in done.stdout, done.stderr
    assert session.request("/console/conversations")[0] == 302  # logged out at once
    status, _, body = Client(web).login(name)
    assert status == 403 and b"This account is disabled" in body
    assert name not in logged_in(web, A).page(f"/console/conversations/{KEY}")  # nobody assigns to it
    assert Client(web).login(name, "a wrong password here")[0] == 401  # a wrong password learns nothing
    assert admin("disable-counselor", "nobody-such").returncode == 1
    assert admin("enable-counselor", name).returncode == 0 and Client(web).login(name)[0] == 302


def test_a_database_made_by_an_older_console_gets_the_new_columns_and_keeps_its_rows(tmp_path):
    from bot.console import accounts, casework
    from bot.console.db import open_console_db

    path = tmp_path / "old-console.sqlite"
    with sqlite3.connect(path) as db:  # the tables as the console before casework made them
        db.executescript("""
            CREATE TABLE console_counselors (name VARCHAR(80) PRIMARY KEY, password_hash VARCHAR(300) NOT NULL,
                                             created FLOAT NOT NULL);
            CREATE TABLE console_notes (id INTEGER PRIMARY KEY AUTOINCREMENT, conversation VARCHAR(64) NOT NULL,
                                        counselor VARCHAR(80) NOT NULL, created FLOAT NOT NULL, text TEXT NOT NULL);
            INSERT INTO console_notes (conversation, counselor, created, text) VALUES ('abc', 'jo', 1.0, 'old note');
        """)
        db.execute("INSERT INTO console_counselors VALUES ('jo', ?, 1.0)", (accounts.hash_password(PASSWORD),))
    engine = open_console_db(f"sqlite:///{path}")
    [note] = casework.notes_for(engine, "abc")
    assert note["text"] == "old note" and note["deleted"] is None and note["versions"] == []
    assert accounts.active_counselors(engine) == ["jo"] and accounts.attempt_login(engine, "jo", PASSWORD, "1.2.3.4").ok
    casework.edit_note(engine, note["id"], "abc", "jo", "new note")
    assert [v["text"] for v in casework.notes_for(engine, "abc")[0]["versions"]] == ["old note"]
