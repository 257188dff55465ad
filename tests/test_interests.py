"""Jobs that fit what someone with no job to start from likes: O*NET's interest profiles (RIASEC) in the real store,
and the words people use for them."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("text, letters", [
    ("Hi! I like helping people and I like science. What careers would fit me?", "SI"),
    ("i love working with my hands and being outdoors", "R"),
    ("im good at math and keeping records straight", "IC"),
    ("I enjoy drawing and music", "A"),
    ("I hate sales and I'm tired", ""),  # no liking: no interest
])
def test_what_they_like_as_interest_areas(text, letters):
    from bot.understanding.likes import letters_of

    assert letters_of(text) == letters


@pytest.fixture(scope="module")
def analyst(engine):
    from knowledge.analysis import analyst_for

    return analyst_for(engine)


def test_suggestions_fit_the_interests_within_reach_and_hire(analyst):
    from knowledge import interests

    data = interests.suggest(analyst, "S", "OH")
    profiles = interests.interest_profiles(analyst.engine)
    assert len(data["jobs"]) == 5 and data["area"] == "Ohio"
    for job in data["jobs"]:
        assert job["job_zone"] <= interests.REACHABLE_ZONE and job["annual_openings"] >= interests.MIN_OPENINGS
        assert profiles[job["code"]]["S"] >= interests.FIT_FLOOR and job["code"].endswith(".00")
        assert job["median_wage"] and job["wage_area"] in ("Ohio", "U.S.")
    wider = interests.suggest(analyst, "I", None, max_zone=4)
    assert any(j["job_zone"] == 4 for j in wider["jobs"]) and wider["area"] == "U.S."


def test_the_reply_says_why_each_fits_and_where_the_figures_come_from(analyst):
    from bot.replies import interests as replies_interests
    from knowledge import interests

    text = replies_interests.suggestions(interests.suggest(analyst, "SI", "MA"))[0]["text"]
    assert text.startswith("Jobs that fit what you like (helping, teaching or caring for people; science")
    assert "of 7 for those interests" in text and "O*NET 30.0" in text and "(Massachusetts)" in text
    asked = replies_interests.ask_interests()[0]
    assert [b["payload"] for b in asked["buttons"]][-1] == '/explore{"interests": "any"}'
    assert len(asked["buttons"]) == 7
