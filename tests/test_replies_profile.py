"""The chat's profile answers (bot/replies/profile.py) on the real store: what a person reads."""
from __future__ import annotations

import pytest

from bot import parse
from bot.replies.profile import duration, profile_answer, read_back
from knowledge.analysis import analyst_for
from knowledge.person.compare import compare_profile
from knowledge.person.profile import Education, Job, Profile

CASHIER, TELLER, BOOKKEEPER = "41-2011.00", "43-3071.00", "43-3031.00"
SAID = {CASHIER: "cashier", TELLER: "bank teller"}


@pytest.fixture(scope="module")
def analyst(engine):
    return analyst_for(engine)


def test_read_back_in_one_message_with_a_way_to_correct_it():
    [m] = read_back([{"name": "cashier", "years": 3}, {"name": "bank teller", "years": 2}], "Wisconsin", "high school diploma")
    assert m["text"] == "Here's what I have: cashier 3 yrs, bank teller 2 yrs, Wisconsin, high school diploma. Anything wrong?"
    assert [(b["title"], b["payload"]) for b in m["buttons"]] == [("Looks right", "/affirm"), ("Fix something", "/deny")]
    [m] = read_back([{"name": "camp counselor", "years": 0.25}, {"name": "babysitter", "years": None}])
    assert m["text"] == "Here's what I have: camp counselor 3 mos, babysitter. Anything wrong?"
    assert "What job" in read_back([])[0]["text"]
    assert (duration(1), duration(2.5), duration(1 / 12)) == ("1 yr", "2.5 yrs", "1 mo")


def test_two_jobs_answer_names_what_each_job_contributes(analyst):
    r = compare_profile(analyst, Profile([Job(CASHIER, 3), Job(TELLER, 2)], Education("high-school", 30)), BOOKKEEPER, state="WI")
    first, second = profile_answer(r, SAID, "Wisconsin")
    text = first["text"]
    assert text.startswith("cashier + bank teller → Bookkeeping, Accounting, and Auditing Clerks (Wisconsin)")
    assert f"Together your jobs cover about {r['score']['grand']:.0f} out of 100 of the abilities and knowledge" in text
    assert "None of its skills is important enough to count" in text  # the score rests on two domains: said
    assert ("Your bank teller job covers most of the abilities and knowledge the job asks for; "
            "your cashier job adds Customer and Personal Service.") in text
    assert "Alone, your cashier job covers 80 and your bank teller job covers 89." in text
    assert "1. Administrative (knowledge): the job needs about 69 out of 100, your bank teller job about 51." in text
    assert "Source: O*NET" in text
    assert "you have 5 years in related work (cashier 3, bank teller 2)" in second["text"]
    assert "you have a high school diploma and 30 college credits" in second["text"]
    assert "Bureau of Labor Statistics" in second["text"]
    assert second["buttons"] and not first["buttons"]


def test_one_job_answer_reads_like_the_job_to_job_one(analyst):
    r = compare_profile(analyst, Profile([Job(CASHIER, 3)]), BOOKKEEPER)
    text = profile_answer(r)[0]["text"]
    assert f"Your experience covers about {round(analyst.scores(CASHIER, BOOKKEEPER)['grand'])} out of 100" in text
    assert "adds" not in text and "Alone" not in text  # nothing to tell apart
    assert "your job (Cashiers) about" in text  # no words of theirs: O*NET's title


@pytest.mark.parametrize("said, level", [("GED", "high-school"), ("associate degree", "associate"),
                                          ("trade school certificate", "certificate"), ("30 credits", "some-college"),
                                          ("dropped out of high school", "less-than-high-school"), ("MBA", "master"),
                                          ("idk", None)])
def test_education_level_from_what_people_say(said, level):
    assert parse.education_level(said) == level


def test_unpaid_work_beside_the_job_they_have_is_said_to_be_unpaid(analyst):
    from bot.replies.profile import UNPAID, profile_note

    r = compare_profile(analyst, Profile([Job(BOOKKEEPER, None, 0.0, unpaid=True), Job(CASHIER, 3)]), "43-3011.00")
    [note] = profile_note(r, {BOOKKEEPER: "unpaid bookkeeping", CASHIER: "cashier"})
    assert note["text"].startswith("With your unpaid work too: together your jobs cover about")
    assert "your unpaid bookkeeping work" in note["text"] and UNPAID in note["text"]


def test_gaps_an_earlier_job_closes_are_no_gaps_and_those_it_narrows_name_it(analyst):
    """Bank teller now, payroll clerk before, to bookkeeper: the payroll job reaches levels the teller job lacks."""
    from bot.replies.story import gaps_from_story

    payroll = "43-3051.00"
    c = analyst.compare(TELLER, BOOKKEEPER, state="WI")
    r = compare_profile(analyst, Profile([Job(payroll, 4, 2), Job(TELLER, 2)]), BOOKKEEPER, state="WI")
    text = gaps_from_story(c, r, {payroll: "payroll clerk", TELLER: "bank teller"}, TELLER)[0]["text"]
    assert "needs that your jobs don't give you yet" in text
    closed = [e["element"] for e in r["elements"] if e["covered_by"]["code"] == payroll and not e["gap"]
              and any(g["element"] == e["element"] for g in c["knowledge_to_add"]["gaps"] + c["gaps_to_narrow"]["gaps"])]
    said = next(line for line in text.splitlines() if line.startswith("Not gaps for you: your payroll clerk job covers"))
    assert closed and all(name in said for name in closed)
    assert all(f"{name} (" not in text for name in closed)  # not listed again as a gap
    assert "Mathematical Reasoning (ability): the job needs about 55 out of 100, your payroll clerk job about 48." in text


def test_the_training_note_says_credits_to_go_and_years_against_the_jobs_workers(analyst):
    from bot.replies.story import start_from_story

    r = compare_profile(analyst, Profile([Job(CASHIER, 3), Job(TELLER, 2)], Education("some-college", 30)), "23-2011.00")
    note = start_from_story(r, SAID)["text"]
    assert "You have some college and 30 college credits; most start with an associate's degree (BLS), about 60 credits, " \
           "so about 30 to go." in note
    assert "Source: O*NET" in note and "employment projections" in note
    assert start_from_story(compare_profile(analyst, Profile([Job(CASHIER)]), BOOKKEEPER)) is None  # no years, no schooling


def test_a_question_about_one_job_says_what_it_alone_covers_and_adds(analyst):
    from bot.replies.story import earlier_job_answer

    r = compare_profile(analyst, Profile([Job(CASHIER, 3), Job(TELLER, 2)]), BOOKKEEPER)
    [m] = earlier_job_answer(r, TELLER, SAID)
    assert m["text"].startswith("Yes. Your bank teller job alone covers about 89 out of 100 of what Bookkeeping")
    assert "Its years count as related work (2)." in m["text"]


def test_fix_prompt_promises_buttons_only_when_it_has_them():
    from bot.replies.profile import fix_prompt

    alone = fix_prompt([])[0]
    assert "Tap" not in alone["text"] and not alone.get("buttons")
    two = fix_prompt([{"code": CASHIER, "name": "cashier"}])[0]
    assert "Tap what I got wrong" in two["text"] and two["buttons"][0]["title"] == "Take out cashier"


def test_related_work_names_a_job_never_by_its_code():
    """A stranger read "You have 4 years of related work (43-3071.00 4)": a button's code as the job's name."""
    from knowledge.person.text import related_jobs_words

    exp = {"related_jobs": [{"code": TELLER, "title": "Tellers", "years": 4.0}]}
    assert related_jobs_words(exp, {TELLER: TELLER}) == "Tellers 4"
    assert related_jobs_words(exp, {TELLER: "bank teller"}) == "bank teller 4"
