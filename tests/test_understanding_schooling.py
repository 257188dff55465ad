"""Schooling and unpaid work said in a person's story (bot/understanding/schooling.py, unpaid.py): what they
have, never a wish or a job."""
from __future__ import annotations

import pytest

from bot.understanding.schooling import level_of, schooling_in
from bot.understanding.unpaid import unpaid_in


@pytest.mark.parametrize("said, level, typed", [
    ("I have my GED", "high-school", "GED"), ("high school diploma", "high-school", "high school diploma"),
    ("i have an associate's in business", "associate", "associate's in business"), ("bachelor's", "bachelor", "bachelor's"),
    ("no degree", "no-degree", "no degree"), ("some college", "some-college", "some college"),
    ("I dropped out of high school", "less-than-high-school", "dropped out of high school"),
    ("I got my MBA", "master", "MBA"), ("I have a BA in english", "bachelor", "BA in english"),
])
def test_schooling_as_they_said_it(said, level, typed):
    read = schooling_in(said)
    assert (read.level, read.typed) == (level, typed)
    assert level_of(read.typed) == level  # the slot's words read back the same


@pytest.mark.parametrize("words, level", [
    ("Master tech", None), ("master electrician", None), ("small business", None),  # DIET had tagged these
    ("master", "master"), ("master's", "master"), ("master in nursing", "master"), ("masters", "master"),
])
def test_the_top_of_a_trade_is_no_masters_degree(words, level):
    assert level_of(words) == level


def test_credits_and_the_field_of_a_degree():
    assert schooling_in("30 college credits").credits == "30 college credits"
    both = schooling_in("i have my ged and 30 college credits, want to be a bookkeeper")
    assert (both.level, both.credits) == ("high-school", "30 college credits")
    assert schooling_in("an associates in business admin and I want to be a nurse").field == "business admin"


@pytest.mark.parametrize("said", ["I'm a high school teacher", "jobs with no degree", "I want to get my GED",
                                  "what can i do without a degree", "sales associates", "do i need a bachelor's"])
def test_wishes_and_jobs_are_not_schooling(said):
    assert schooling_in(said) is None


@pytest.mark.parametrize("said, code, label, years", [
    ("I keep the books for the PTA", "43-3031.00", "unpaid bookkeeping", None),
    ("I coach little league", "27-2022.00", "unpaid coaching", None),
    ("I took care of my mom for 5 years", "31-1122.00", "unpaid caregiving", "5 years"),
    ("I volunteer at the food bank", "53-7065.00", "unpaid food bank work", None),
    ("I was treasurer for our church for 3 years", "43-3031.00", "unpaid bookkeeping", "3 years"),
])
def test_unpaid_work_as_the_occupation_whose_work_it_is(said, code, label, years):
    [work] = unpaid_in(said)
    assert (work.code, work.label, work.years) == (code, label, years)


def test_unpaid_work_in_the_order_said_and_never_a_wish():
    assert [w.code for w in unpaid_in("i took care of my dad for two years then volunteered at the food pantry")] == \
        ["31-1122.00", "53-7065.00"]
    assert unpaid_in("I want to coach basketball") == [] and unpaid_in("I'm a bookkeeper") == []


def test_paid_bookkeeping_and_a_degree_they_lack_are_not_read():
    """From the held-out corpus: "here I only do bookkeeping for small company" is their paid job; "I don't have a
    masters" is no master's degree."""
    assert unpaid_in("here I only do bookkeeping for small company. I want to be accountant again") == []
    assert schooling_in("not the full SLP, I don't have a masters").level == "not-master"
    assert schooling_in("just graduated high school, want to be an electrician").level == "high-school"


@pytest.mark.parametrize("text, level", [
    # from a stranger tester's conversations: the degree they are headed for is not the one they have
    ("I have an associate degree in nursing, does that get me partway to the bachelor's?", "associate"),
    ("my diploma is from ukraine, will an american company accept it?", None),  # not a U.S. high school diploma
    ("I hold a university diploma in civil engineering", None),
    ("I have my diploma", "high-school"),
])
def test_the_degree_they_are_headed_for_and_a_diploma_from_abroad(text, level):
    said = schooling_in(text)
    assert (said.level if said else None) == level


@pytest.mark.parametrize("said", [
    "can i do the 2 year nursing degree instead of a bachelors?", "what about stuff w a college degree, im thinking psych",
    "can i just do an associates", "which schools have a bachelors in health admin?", "do i need a bachelors?",
])
def test_a_question_about_schooling_is_not_their_schooling(said):
    """Strangers' questions that were read back as "you have a bachelor's degree"."""
    assert schooling_in(said) is None


@pytest.mark.parametrize("said, level", [("I have a GED, is that enough?", "high-school"),
                                         ("I have an associate degree. can I be a nurse?", "associate")])
def test_schooling_said_as_theirs_in_a_question_counts(said, level):
    assert schooling_in(said).level == level


@pytest.mark.parametrize("said, level", [
    # from stranger testers' conversations: the bot kept "you have a bachelor's degree" after each of these
    ("I do NOT have a bachelors degree. I only have high school and a few community college classes", "high-school"),
    ("I do NOT have a bachelors, just high school", "high-school"),
    ("you keep saying I have a bachelor's degree. I don't.", "not-bachelor"),
    ("remove the associate's degree, i dont have one", "not-associate"),
    ("hmm actually a bachelor's is a lot for me right now", None),
    ("my bachelor's is in history", "bachelor"),
])
def test_a_level_they_lack_or_only_talk_of_is_not_theirs(said, level):
    found = schooling_in(said)
    assert (found.level if found else None) == level


def test_a_degree_asked_about_with_have_to_is_not_theirs_and_what_they_have_beats_what_they_lack():
    """A CNA asking "do i have to do a bachelors or can i do a 2 year program?" was told she has a bachelor's;
    "no i dont have a bachelors lol i have a high school diploma" kept no schooling at all."""
    assert schooling_in("do i have to do a bachelors or can i do a 2 year program? bc i cant afford 4 years") is None
    said = schooling_in("no i dont have a bachelors lol i have a high school diploma and my cna cert")
    assert said.level == "high-school"
