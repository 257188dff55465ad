"""knowledge/workplaces.py on the real store: the workplace a person names ("at Taco Bell", "at a hospital",
"at a Chevy dealer") decides which reading of a title they mean, from OEWS's employment by industry."""
from __future__ import annotations

import pytest

from knowledge import workplaces
from knowledge.resolver import get_resolver, is_confident


@pytest.fixture(scope="module")
def resolver(engine):
    return get_resolver(engine)


@pytest.mark.parametrize("said, code", [
    ("shift lead at Taco Bell", "35-1012.00"),  # not a retail supervisor: restaurants employ food supervisors
    ("admin assistant at a medical office", "43-6013.00"),  # medical secretaries, not "Except ... Medical"
    ("secretary at a hospital", "43-6013.00"),
    ("server at Olive Garden", "35-3031.00"),
    ("cashier at Walmart", "41-2011.00"),
    ("pharmacist at Walmart", "29-1051.00"),  # a clear title stays what it is wherever it is done
    ("nurse at a hospital", "29-1141.00"),
    ("teller at Chase", "43-3071.00"),
    ("general manager at a Marriott", "11-9081.00"),  # "Hotel General Manager", beside plain "General Manager"
    ("GM at Wendy's", "11-9051.00"),
    ("secretary in the ER", "43-6013.00"),  # not the catch-all "Except ... Medical", whatever its title says
])
def test_a_workplace_decides_the_reading(resolver, said, code):
    matches = resolver.resolve(said)
    assert matches and matches[0].code == code, [m.title for m in matches]


@pytest.mark.parametrize("said, code", [
    ("tech at a car dealership", "49-3023.00"), ("mechanic at a car dealership", "49-3023.00"),
    ("general manager at McDonald's", "11-9051.00"), ("crew at Dunkin", "35-3023.00"),
])
def test_a_vague_title_at_a_workplace_offers_that_workplace_s_jobs_first(resolver, said, code):
    """Not "Rail Car Repairers" or "Gambling Dealers" for a mechanic at a dealership: the title is read among
    the jobs the workplace has; it stays a choice when the words alone can't say which."""
    matches = resolver.resolve(said)
    assert matches and matches[0].code == code, [m.title for m in matches]


def test_an_employer_is_read_as_its_kind_of_site():
    assert workplaces.as_site("cook at Waffle House") == "cook at restaurant"
    assert workplaces.as_site("cook at a diner") == "cook at a diner"
    assert workplaces.industry_in("tired of retail, 8 yrs at Target") == "455000"  # the employer says more
    assert workplaces.industry_in("registered nurse") is None


def test_the_jobs_of_an_employer_s_workplace(engine):
    from actions import store

    titles = [j["title"] for j in store.jobs_at("Taco Bell")]
    assert "Fast Food and Counter Workers" in titles and len(titles) == 4
    assert store.jobs_at("Acme Widgets") == []


def test_no_workplace_leaves_the_title_alone(resolver):
    assert [m.code for m in resolver.resolve("shift manager")] == [m.code for m in resolver.resolve("shift manager")]
    assert not is_confident(resolver.resolve("shift manager"))  # four occupations list it: a choice


def test_a_setting_word_that_is_the_title_s_own_word_adds_nothing(resolver):
    """"nurse at a nursing home": "nursing" is the nurse's own word, not a sign of "Nursing Assistants"."""
    assert resolver.resolve("nurse at a nursing home")[0].code == "29-1141.00"


def test_a_kind_of_place_after_the_employer_is_the_workplace():
    from knowledge import workplaces

    assert workplaces.find(workplaces.words_of("on the line at the Ford plant"))[2] == "31--34"  # a factory, no dealer
    assert workplaces.find(workplaces.words_of("picker at the Walmart distribution center"))[2] == "493000"
    assert workplaces.find(workplaces.words_of("tech at a Chevy dealer"))[2] == "441100"


@pytest.mark.parametrize("said, industry", [("line worker at a chicken plant", "311600"),
                                            ("ran a box machine at the corrugated plant", "322200"),
                                            ("I run the ovens overnight at a bread plant", "311800")])
def test_a_plant_named_by_what_it_makes_is_that_industry(said, industry):
    """Strangers' plants: not manufacturing as a whole, whose jobs are mostly assemblers."""
    assert workplaces.industry_in(said) == industry


def test_the_jobs_of_a_chicken_plant(engine):
    from actions import store

    assert store.jobs_at("chicken plant")[0]["code"].startswith("51-302")  # meat, poultry and fish cutters or packers
