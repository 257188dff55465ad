"""What people ask of "what else could I do", read from their words (bot/understanding/preferences.py).

The phrasings are the ways different job seekers type it: texting, run-ons, typos left in, a story around
the wish; and the messages that say no wish at all, which must not grow one."""
from __future__ import annotations

import pytest

from bot.understanding.preferences import wishes_of

MORE_PAY = [
    "what else could i do that pays more",
    "Need something that pays better, rent went up again",
    "i want better money honestly",
    "wat else can i do to make more",
    "anything i could make more money at??",
    "looking for higher paying work with my background",
    "how do i get a raise without staying here lol",
    "what jobs pay more than what i make now",
    "im tired of being underpaid",
    "my pay is too low, what are my options",
    "something with more $$",
    "better paying job pls",
    "I'd like to earn more. 2 kids.",
    "jobs where i could make bank",
    "a job that pays well and that I could actually get",
]
GROWING = [
    "something with a future",
    "what jobs are in demand around here",
    "i want a career that's growing",
    "need job security after the layoffs",
    "a field that isn't going away",
    "what's a stable career i could switch into",
    "something that won't be replaced by AI",
    "jobs that are always hiring",
]
LESS_SCHOOL = [
    "without going back to school",
    "no degree, what can i do",
    "i dont wanna go back to school",
    "what can i do w/o a degree",
    "something that doesnt need college",
    "I can't afford school right now",
    "I'm 52, too old for college, what else is there",
    "maybe a quick training program?",
    "don't want to do more school, what else",
    "no college pls",
]
AVOID = [
    ("what else could i do that's not driving", "driving"),
    ("anything but driving lol", "driving"),
    ("i'm not driving anymore, back hurts", "driving"),
    ("no more retail please", "retail"),
    ("sick of cooking, what else", "cooking"),
    ("anything except food service", "food service"),
    ("what else is there besides nursing", "nursing"),
    ("I want healthcare but not as a nurse", "nurse"),
    ("done with warehouse work", "warehouse"),
    ("i hate sales, what else", "sales"),
    ("something other than cashier", "cashier"),
    ("I'm a trucker, i want out of trucking", "trucking"),
    ("no more construction, my knees are shot", "construction"),
]
FIELDS = [
    ("something in healthcare", "healthcare"),
    ("what else could i do in the medical field", "healthcare"),
    ("I'd like to work in a hospital", "healthcare"),
    ("an office job maybe", "office"),
    ("i want a desk job, my back is shot", "office"),
    ("tech?", "tech"),
    ("how do i get into tech", "tech"),
    ("something with computers", "tech"),
    ("something w/ computers that pays good", "tech"),
    ("i want to work outdoors", "outdoors"),
    ("idk, something outside", "outdoors"),
    ("what about the trades", "trades"),
    ("interested in something in education", "teaching"),
    ("i'd love to get into the medical field", "healthcare"),
]
NO_WISH = [
    "what else could i do",
    "im a cashier what else could i do",
    "not sure what else",
    "i work in an office, what else could i do",  # where they work now is not a wish
    "i'm a medical assistant, any ideas?",
    "idk, you tell me",
    "I'm not really sure, what do you suggest",
    "no idea what i want",
    "surprise me",
    "what are my options with 10 years in retail",
]


@pytest.mark.parametrize("text", MORE_PAY)
def test_more_pay(text):
    w = wishes_of(text)
    assert w.more_pay and not w.avoid, w


@pytest.mark.parametrize("text", GROWING)
def test_growing(text):
    w = wishes_of(text)
    assert w.growing and not w.avoid, w


@pytest.mark.parametrize("text", LESS_SCHOOL)
def test_less_schooling(text):
    w = wishes_of(text)
    assert w.less_school and not w.avoid and not w.fields, w


@pytest.mark.parametrize("text, kind", AVOID)
def test_not_a_kind_of_job(text, kind):
    w = wishes_of(text)
    assert kind in w.avoid, w
    assert kind not in w.fields


@pytest.mark.parametrize("text, field", FIELDS)
def test_a_field(text, field):
    w = wishes_of(text)
    assert w.fields == [field], w
    assert not w.avoid


@pytest.mark.parametrize("text", NO_WISH)
def test_no_wish_said(text):
    w = wishes_of(text)
    assert not (w.more_pay or w.growing or w.less_school or w.avoid or w.fields), w


def test_several_wishes_in_one_message():
    w = wishes_of("need a job that pays more than what i make now and has a future, no degree, nothing with driving")
    assert w.more_pay and w.growing and w.less_school and w.avoid == ["driving"]
    w = wishes_of("I want to get into healthcare but not as a nurse, and it has to pay better")
    assert w.fields == ["healthcare"] and w.avoid == ["nurse"] and w.more_pay
    assert wishes_of("no more office work, something outdoors").fields == ["outdoors"]
    assert wishes_of("no more office work, something outdoors").avoid == ["office"]
    assert wishes_of(None).said() == [] and wishes_of("").said() == []


def test_wishes_across_the_messages_of_one_request():
    from bot.understanding.preferences import wishes_in

    w = wishes_in(["what else could i do that pays more", "maine"])
    assert w.more_pay and not w.avoid and not w.fields
    w = wishes_in(["anything but driving", "something in healthcare", "anything but driving"])
    assert w.avoid == ["driving"] and w.fields == ["healthcare"]
