"""bot/parse.py and bot/replies/ on their own: no store, no Rasa."""
from __future__ import annotations

import pytest

from bot import parse, replies


@pytest.mark.parametrize("said, months", [("3 years", 36), ("18 months", 18), ("two and a half years", 30),
                                          ("a year", 12), ("about 5 yrs", 60), ("none", 0), ("6 mos", 6), ("2", 24),
                                          ("hmm", None)])
def test_months_of(said, months):
    assert parse.months_of(said) == months


@pytest.mark.parametrize("said, expected", [("45 credits", (45, True)), ("30 semester hours", (30, True)),
                                            ("associate degree", (60, True)), ("bachelor's", (120, True)),
                                            ("none", (0, True)), ("0", (0, True)), ("no diploma", (0, False)),
                                            ("45 quarter hours", (30, True)), ("dunno", None), ("2 years", None)])
def test_credits_of(said, expected):
    assert parse.credits_of(said) == expected


@pytest.mark.parametrize("said, index", [("2", 1), ("the second one", 1), ("number 3", 2), ("last", 4), ("first", 0),
                                         ("9", None), ("cashier", None), ("i was a cashier for 2 years at target", None)])
def test_choice_index(said, index):
    assert parse.choice_index(said, 5) == index


def test_skip_words():
    assert parse.is_skip("skip") and parse.is_skip("rather not say") and not parse.is_skip("Maine")


def test_short_sources_name_the_publisher():
    onet = ("O*NET 29.3 Database, U.S. Department of Labor, Employment and Training Administration (USDOL/ETA), CC BY 4.0; "
            "O*NET 30.0 Database, U.S. Department of Labor, Employment and Training Administration (USDOL/ETA), CC BY 4.0")
    assert replies.short_source(onet) == "O*NET 29.3 and 30.0 (U.S. Department of Labor job database)"
    wage = "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics (OEWS), May 2025"
    assert replies.short_source(wage) == "U.S. Bureau of Labor Statistics wage survey (OEWS), May 2025"


def test_gaps_come_most_important_shortfall_first_across_the_three_lists():
    """importance x gap, as the chart and the report rank them: a small gap in what the job leans on
    (Reading 10 x 90) comes before a bigger one in what it barely needs (Clerical 13 x 40)."""
    def gap(name, gap, importance):
        return {"element": name, "gap": gap, "importance": importance, "target_level": 60, "source_level": 60 - gap}
    c = {"knowledge_to_add": {"gaps": [gap("Clerical", 13, 40)]}, "skills_to_upgrade": {"gaps": [gap("Reading", 10, 90)]},
         "gaps_to_narrow": {"gaps": [gap("Written Expression", 2, 65), gap("Near Vision", 13, 80)]}}
    assert [g["element"] for g in replies.all_gaps(c)] == ["Near Vision", "Reading", "Clerical", "Written Expression"]


def test_the_chat_ranks_gaps_as_the_chart_does():
    from knowledge.report.html import biggest_gaps

    def gap(name, gap, importance):
        return {"element": name, "gap": gap, "importance": importance, "target_level": 60, "source_level": 60 - gap}
    c = {"knowledge_to_add": {"gaps": [gap("Clerical", 30, 20), gap("Law", 5, 95)]},
         "skills_to_upgrade": {"gaps": [gap("Reading", 10, 90)]}, "gaps_to_narrow": {"gaps": [gap("Near Vision", 13, 80)]}}
    assert [g["element"] for g in replies.all_gaps(c)] == [g["element"] for g in biggest_gaps(c, 10)]


def test_buttons_carry_intents_and_entities():
    assert replies.button("Compare: Tellers", "inform", target_job="43-3071.00") == {
        "title": "Compare: Tellers", "payload": '/inform{"target_job": "43-3071.00"}'}


@pytest.mark.parametrize("text, limit, shown", [
    ("Compare: Gambling Change Persons and Booth Cashiers", 49, "Compare: Gambling Change Persons and Booth…"),
    ("Compare: Cashiers", 60, "Compare: Cashiers"),
    ("Compare: Railroad Brake, Signal, and Switch Operators and Locomotive Firers", 60,
     "Compare: Railroad Brake, Signal, and Switch Operators and…"),
])
def test_button_titles_are_cut_between_words(text, limit, shown):
    assert replies.fit(text, limit) == shown and len(shown) <= limit


def test_a_task_quoted_in_a_chat_is_cut_at_its_first_clause():
    from bot.replies import short_task

    long = ("Provide basic patient care or treatments, such as taking temperatures or blood pressures, dressing "
            "wounds, treating bedsores, giving enemas or douches, rubbing with alcohol, massaging, or performing "
            "catheterizations.")
    assert short_task(long) == "Provide basic patient care or treatments"
    assert short_task("Answer phones.") == "Answer phones"


def test_the_pair_line_with_no_job_says_so():
    from bot.replies import pair_line

    assert pair_line(None, None, "Indiana") == "no job yet (Indiana)"
