"""Whole conversations over the REST channel, with the action server and the Rasa server running as
real subprocesses on free loopback ports (the trained model models/careerbot.tar.gz and the real store).

Slow (about two minutes to start both servers); `make test-bot` runs it after training the model.
"""
from __future__ import annotations

import pytest

from tests.servers import http, rest_say

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def bot(bot_stack):
    """The REST webhook URL of the running bot (conftest's bot_stack)."""
    return bot_stack.rest_url


class Chat:
    """One person talking to the bot; ``say`` returns the bot's replies to one message."""

    def __init__(self, url: str, sender: str):
        self.url, self.sender, self.log = url, sender, []

    def say(self, message: str) -> list[dict]:
        replies = rest_say(self.url.rsplit("/webhooks/", 1)[0], self.sender, message)
        self.log.append((message, replies))
        return replies

    def click(self, replies: list[dict], title_part: str | None = None) -> list[dict]:
        """Press a button of the last replies: the first one, or the first whose title contains ``title_part``."""
        buttons = [b for r in replies for b in r.get("buttons") or []]
        chosen = next((b for b in buttons if title_part is None or title_part.lower() in b["title"].lower()), None)
        assert chosen, f"no button {title_part!r} in {self.transcript()}"
        return self.say(chosen["payload"])

    def settle_job(self, replies: list[dict]) -> list[dict]:
        """When the bot offers job choices as buttons, take the first one (as a person would pick theirs)."""
        while any(b["payload"].startswith("/choose_job") for r in replies for b in r.get("buttons") or []):
            replies = self.click(replies)
        return replies

    def transcript(self) -> str:
        return "\n".join(f"> {m}\n" + "\n".join(f"  {r.get('text', '')}" for r in rs) for m, rs in self.log)


def text(replies: list[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def test_csr_to_license_clerk(bot):
    chat = Chat(bot, "csr")
    assert "What job do you do now" in text(chat.say("hi"))
    answer = chat.settle_job(chat.say("I've been a customer service rep for 3 years in Maine and I want to become a license clerk"))
    said = text(answer)
    assert "Customer Service Representatives → Court, Municipal, and License Clerks" in said, chat.transcript()
    assert "out of 100" in said and "The gaps that matter most for this job" in said and "1. " in said
    assert "Source: O*NET" in said and "Maine" in said
    training = text(chat.say("how do I get there?"))
    assert "with schools in Maine" in training, chat.transcript()
    assert "(" in training and "Source:" in training  # schools with their towns, and the source
    apprenticeships = text(chat.say("are there apprenticeships?"))
    assert "apprenticeship.gov" in apprenticeships and "RAPIDS" not in apprenticeships, chat.transcript()
    mine = text(chat.say("are there apprenticeships for my current job?"))
    assert "Customer Service" in mine and "RAPIDS" not in mine, chat.transcript()  # the seed's route (3001CB)
    pay = text(chat.say("what does it pay?"))
    assert "Maine $" in pay and "whole U.S. $" in pay, chat.transcript()
    assert "Knowledge to add" in text(chat.say("what am I missing?")), chat.transcript()


def test_a_cashier_exploring(bot):
    chat = Chat(bot, "cashier")
    replies = chat.settle_job(chat.say("i'm a cashier"))
    assert "What job would you like" in text(replies), chat.transcript()
    assert "Which state" in text(chat.say("i don't know what i want")), chat.transcript()
    options = chat.say("skip")
    said = text(options)
    assert "could move into" in said and "covered" in said, chat.transcript()
    compare = chat.settle_job(chat.click(options, "Compare"))
    assert "out of 100" in text(compare), chat.transcript()


def test_a_typo_ridden_sms_user(bot):
    chat = Chat(bot, "sms")
    chat.say("hii")
    answer = chat.settle_job(chat.say("im a custmer servce rep n wanna be a licence clerk in maine"))
    assert "out of 100" in text(answer), chat.transcript()
    assert "Maine" in text(chat.say("hw do i get there")), chat.transcript()


def test_corrections_and_a_new_target(bot):
    chat = Chat(bot, "corrections")
    first = chat.settle_job(chat.say("I'm a cashier and I want to become a pharmacy tech. I live in Ohio"))
    assert "→ Pharmacy Technicians" in text(first), chat.transcript()
    corrected = chat.settle_job(chat.say("actually I'm a shift supervisor"))
    assert "Supervisors" in text(corrected) and "→ Pharmacy Technicians" in text(corrected), chat.transcript()
    retarget = chat.settle_job(chat.say("what about becoming a dental hygienist instead?"))
    assert "→ Dental Hygienists" in text(retarget), chat.transcript()


def test_unknown_jobs_get_help_and_the_bot_moves_on(bot):
    chat = Chat(bot, "unknown")
    chat.say("hello")
    first = text(chat.say("I'm a qwzx blorp"))
    assert "couldn't match" in first, chat.transcript()
    second = chat.say("zzkq vrrp")
    assert any(r.get("buttons") for r in second), chat.transcript()  # examples to tap
    third = text(chat.say("flrb gnk"))
    assert "move on" in third and "What job would you like" in third, chat.transcript()


def test_start_over_and_goodbye(bot):
    chat = Chat(bot, "restart")
    chat.settle_job(chat.say("i'm a nurse and want to become a teacher in vermont"))
    assert "fresh start" in text(chat.say("start over")), chat.transcript()
    asked = text(chat.say("what am i missing?"))  # inside the fresh career form: its question, asked once
    assert asked.count("What job do you do now") == 1 and "Tell me your job" not in asked, chat.transcript()
    assert "Good luck" in text(chat.say("bye")), chat.transcript()


def test_two_jobs_to_bookkeeper_names_what_each_job_contributes_and_reads_it_back(bot):
    """Issue 18: "I was a cashier for 3 years and then a bank teller for 2, want to be a bookkeeper in Wisconsin"
    ends in the answer from both jobs, then the read-back; "Fix something" takes a job out, and schooling said
    afterwards comes into the answer."""
    chat = Chat(bot, "two-jobs")
    replies = chat.say("I was a cashier for 3 years and then a bank teller for 2, want to be a bookkeeper in Wisconsin")
    said = text(replies)
    assert "Tellers → Bookkeeping, Accounting, and Auditing Clerks (Wisconsin)" in said, chat.transcript()
    assert "With your earlier jobs too: together your jobs cover about 90 out of 100" in said
    assert ("Your bank teller job covers most of the abilities and knowledge the job asks for; "
            "your cashier job adds Customer and Personal Service.") in said
    assert "you have 5 years in related work (cashier 3, bank teller 2)" in said
    assert replies[-1]["text"] == "Here's what I have: cashier 3 yrs, bank teller 2 yrs, Wisconsin. Anything wrong?"
    fix = chat.click(replies, "Fix something")
    assert text(fix).startswith("What should I change?"), chat.transcript()
    without = text(chat.click(fix, "Take out cashier"))
    assert "Tellers → Bookkeeping" in without and "earlier jobs" not in without, chat.transcript()
    schooled = chat.say("I have my GED and 30 college credits")
    assert "you have a high school diploma and 30 college credits" in text(schooled), chat.transcript()
    assert schooled[-1]["text"] == ("Here's what I have: bank teller 2 yrs, Wisconsin, high school diploma and 30 "
                                    "college credits. Anything wrong?"), chat.transcript()
    assert "What would you like to do next?" in text(chat.click(schooled, "Looks right")), chat.transcript()


def test_schooling_in_the_first_message_and_its_report(bot):
    chat = Chat(bot, "schooling")
    replies = chat.say("I was a cashier for 3 years and then a bank teller for 2, I have my GED, want to be a bookkeeper "
                       "in Wisconsin")
    said = text(replies)
    assert "your cashier job adds Customer and Personal Service" in said, chat.transcript()
    assert "with some college, no degree" in said and "you have a high school diploma" in said
    assert replies[-1]["text"] == ("Here's what I have: cashier 3 yrs, bank teller 2 yrs, Wisconsin, high school diploma. "
                                   "Anything wrong?")
    report = next(w for w in said.split() if "/reports/" in w)  # the report link, with their story at its top
    assert "past=41-2011.00" in report and "education=high-school" in report, report
    status, _, body = http(report)
    assert status == 200 and b"<h2>Your story</h2>" in body and b"Cashiers (41-2011.00), 3 years" in body


def test_unpaid_work_with_no_paid_job(bot):
    """A stay-at-home mother who keeps the PTA's books: her unpaid work against the job she wants, said to be unpaid."""
    chat = Chat(bot, "pta")
    replies = chat.say("I'm a stay at home mom, I keep the books for the PTA, want to be a bookkeeper in Wisconsin")
    said = text(replies)
    assert "unpaid bookkeeping work → Bookkeeping, Accounting, and Auditing Clerks (Wisconsin)" in said, chat.transcript()
    assert "Your unpaid work counts here like a paid job with the same tasks" in said
    assert replies[-1]["text"] == "Here's what I have: unpaid bookkeeping, Wisconsin. Anything wrong?"


def test_the_story_feeds_the_follow_ups_and_is_corrected_in_free_words(bot):
    """Issue 18: after the two-job answer, "What am I missing?", "How do I get there?" and "What else could I do?"
    read both jobs and the schooling; "does my cashier experience count?" gets what that job covers; the read-back
    is corrected in free words ("no, cashier was 4 years", "it's 60 credits not 30", "I never was a cashier") and
    the answer comes again from the corrected story."""
    chat = Chat(bot, "story-follow-ups")
    chat.say("I was a cashier for 3 years and then a bank teller for 2, I have 30 college credits, want to be a "
             "bookkeeper in Wisconsin")
    missing = text(chat.say("what am I missing?"))
    assert "needs that your jobs don't give you yet" in missing, chat.transcript()
    assert "Customer and Personal Service (knowledge): the job needs about 63 out of 100, your cashier job about 62" in missing
    there = text(chat.say("how do I get there?"))
    assert "You have 30 college credits: enough for the usual start, some college, no degree (BLS)" in there, chat.transcript()
    assert "You have 5 years of related work (cashier 3, bank teller 2)" in there
    counts = text(chat.say("does my cashier experience count?"))
    assert counts.startswith("Yes. Your cashier job alone covers about 80 out of 100"), chat.transcript()
    assert "it is the best for Customer and Personal Service" in counts
    years = chat.say("no, cashier was 4 years")
    assert years[0]["text"] == "Got it: cashier 4 yrs.", chat.transcript()
    assert "(cashier 4, bank teller 2)" in text(years)
    assert years[-1]["text"] == ("Here's what I have: cashier 4 yrs, bank teller 2 yrs, Wisconsin, 30 college credits. "
                                 "Anything wrong?"), chat.transcript()
    credits = chat.say("it's 60 credits not 30")
    assert credits[-1]["text"] == ("Here's what I have: cashier 4 yrs, bank teller 2 yrs, Wisconsin, 60 college credits. "
                                   "Anything wrong?"), chat.transcript()
    never = chat.say("I never was a cashier")
    assert never[0]["text"] == "Got it: I took out cashier.", chat.transcript()
    said = text(never)
    assert "Tellers → Bookkeeping, Accounting, and Auditing Clerks (Wisconsin)" in said and "earlier jobs" not in said
    assert never[-1]["text"] == "Here's what I have: bank teller 2 yrs, Wisconsin, 60 college credits. Anything wrong?"
    chat.say("I was a cashier for 3 years and then a bank teller for 2")  # the story told again brings it back
    other = text(chat.say("what else could I do?"))
    assert "Jobs you could move into from Tellers, counting all your jobs (cashier, bank teller)" in other, chat.transcript()


def test_a_question_about_experience_gets_the_years_not_the_comparison_again(bot):
    """"is 2 years enough to get promoted?" got "Sorry, I didn't get that" and "I still have ..."; a rank with a
    word before it ("team supervisor") got Team Assemblers and Sports Medicine Physicians to choose from."""
    chat = Chat(bot, "experience")
    first = text(chat.say("I'm a customer service rep at a call center in Ohio. I want to become a team supervisor"))
    assert "Customer Service Representatives → First-Line Supervisors of Office and Administrative Support Workers (Ohio)" \
        in first, chat.transcript()
    usual = text(chat.say("what kind of experience do supervisors usually need?"))
    assert "of related work experience when they started (O*NET's survey)" in usual and "How long have you" in usual
    told = text(chat.say("3 years"))
    assert "You have 3 years of related work" in told and "I still have" not in told, chat.transcript()
    asked = text(chat.say("is 2 years enough to get promoted?"))
    assert "years of related work" in asked and "I still have" not in asked, chat.transcript()
    assert "didn't get that" not in asked
