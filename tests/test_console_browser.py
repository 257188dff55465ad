"""The counselor console in a real browser (Debian's headless Chromium through Playwright, conftest's
``page``), against the running bot (conftest's ``bot_stack``): a job seeker talks to the bot over REST, a
counselor logs in, finds that conversation, opens it, reads the analysis, adds a note and exports it.

Added time: about 20 s on top of the shared stack.
"""
from __future__ import annotations

import subprocess
import sys
import uuid

import pytest

from tests.console_client import shown_id
from tests.servers import ROOT, environment, rest_say

pytestmark = pytest.mark.integration

NAME, PASSWORD = "browser-counsel", "another long password"
SENDER = f"console-browser-ohio-{uuid.uuid4().hex[:6]}"


@pytest.fixture(scope="module")
def console(bot_stack):
    made = subprocess.run([sys.executable, "-m", "bot.console", "add-counselor", NAME, "--password-stdin"],
                          input=PASSWORD + "\n", capture_output=True, text=True, cwd=ROOT,
                          env=environment(bot_stack.env))
    assert made.returncode == 0, made.stderr
    replies = rest_say(bot_stack.rasa_url, SENDER, "I'm a cashier and I want to become a pharmacy tech. I live in Ohio")
    while True:  # the bot may ask which job was meant: take the first, as a person would pick theirs
        choice = next((b for r in replies for b in r.get("buttons") or [] if b["payload"].startswith("/choose_job")), None)
        if not choice:
            break
        replies = rest_say(bot_stack.rasa_url, SENDER, choice["payload"])
    assert any("out of 100" in (r.get("text") or "") for r in replies), replies
    return bot_stack.web_url


def test_a_counselor_finds_reads_annotates_and_exports_a_conversation(console, page, tmp_path):
    page.goto(f"{console}/console/conversations")
    assert "/console/login" in page.url  # not logged in yet
    page.fill("input[name=name]", NAME)
    page.fill("input[name=password]", "not the password")
    page.click("button[type=submit]")
    assert page.get_by_role("alert").inner_text() == "Wrong name or password."
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{console}/console/conversations")
    assert f"Signed in as {NAME}" in page.inner_text("header")

    # find it: search by the occupation, then open the row of this person
    page.fill("input[name=occupation]", "pharmacy")
    page.click("text=Filter")
    row = page.locator("tbody tr", has_text=shown_id(SENDER))
    assert row.count() == 1
    assert "Cashiers" in row.inner_text() and "Pharmacy Technicians" in row.inner_text() and "rest" in row.inner_text()
    row.locator("a").click()
    page.wait_for_url("**/console/conversations/*")

    transcript = page.get_by_role("region", name="Transcript")
    assert "I want to become a pharmacy tech" in transcript.inner_text()
    analyses = page.get_by_role("complementary", name="Analyses").inner_text()
    assert "Comparison" in analyses and "From Cashiers" in analyses and "Pharmacy Technicians" in analyses
    assert "State: OH" in analyses and "out of 100 of what the target job asks for" in analyses
    assert "Top gaps" in analyses

    page.fill("textarea[name=text]", "Follow up about the pharmacy tech program; she left 614-555-0100")
    page.click("text=Add note")
    note = page.locator(".note").last.inner_text()
    assert "Follow up about the pharmacy tech program; she left [phone]" in note and NAME in note

    with page.expect_download() as download:
        page.click("text=HTML")
    saved = tmp_path / "conversation.html"
    download.value.save_as(saved)
    exported = saved.read_text()
    assert "I want to become a pharmacy tech" in exported and "Comparison" in exported and "[phone]" in exported
    with page.expect_download() as download:
        page.click("text=PDF")
    download.value.save_as(tmp_path / "conversation.pdf")
    assert (tmp_path / "conversation.pdf").read_bytes().startswith(b"%PDF")

    conversation_url = page.url
    page.click("text=Log out")
    page.wait_for_url("**/console/login")
    for url in (f"{console}/console/", f"{console}/console/conversations", f"{console}/console/conversations.csv",
                conversation_url, conversation_url + "/export.html", f"{console}/console/anything"):
        page.goto(url)
        assert "/console/login" in page.url, url
        assert "Pharmacy" not in page.content()


def test_console_pages_have_no_critical_or_serious_accessibility_problems(console, browser):
    """axe-core on the login page, the list, a transcript, the access log, the account page and a caseload. The
    console's Content-Security-Policy refuses scripts it didn't serve, so this one context bypasses it to inject
    axe (the pages themselves are unchanged)."""
    from tests.chat_page import serious_violations

    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(f"{console}/console/login")
        assert serious_violations(page) == [], "login page"
        page.fill("input[name=name]", NAME)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{console}/console/conversations")
        assert serious_violations(page) == [], "conversation list"
        page.locator("tbody tr", has_text=shown_id(SENDER)).locator("a").click()
        page.wait_for_url("**/console/conversations/*")
        assert serious_violations(page) == [], "transcript"
        for path, what in (("/console/access", "access log"), ("/console/account", "account page"),
                           ("/console/conversations?assignee=me&status=open&sort=follow_up", "caseload")):
            page.goto(console + path)
            assert serious_violations(page) == [], what
    finally:
        context.close()


def test_the_note_box_is_at_the_top_for_the_mouse_the_keyboard_and_a_screen_reader(console, page):
    """Above the transcript however long it is: in the first screen, a few Tabs from the top, named by its label."""
    page.goto(f"{console}/console/login")
    page.fill("input[name=name]", NAME)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{console}/console/conversations")
    page.locator("tbody tr", has_text=shown_id(SENDER)).locator("a").click()
    page.wait_for_url("**/console/conversations/*")

    notes = page.get_by_role("region", name="Notes")
    box = notes.get_by_role("textbox", name="New note (shown to every counselor; personal data in it is masked)")
    where = box.bounding_box()
    assert where["y"] + where["height"] <= 900, where  # the viewport's height: seen without scrolling
    assert where["y"] < page.get_by_role("region", name="Transcript").bounding_box()["y"]
    assert page.get_by_role("region", name="Case").get_by_role("combobox", name="Status").input_value() == "new"

    page.locator("body").focus()
    for tabs in range(1, 30):  # from the top of the page, by keyboard alone
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "note":
            break
    assert page.evaluate("document.activeElement.id") == "note" and tabs < 20, tabs
    page.keyboard.type("Typed with the keyboard alone")
    page.keyboard.press("Tab")  # to the Add note button
    page.keyboard.press("Enter")
    page.wait_for_url("**#notes")
    assert "Typed with the keyboard alone" in page.get_by_role("region", name="Notes").inner_text()
