"""Which jobs are "of a kind" a person names ("not driving"), read from the real store's O*NET titles."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from knowledge import models as m
from knowledge.job_kinds import FIELDS, in_field, of_kind, title_says


@pytest.fixture(scope="module")
def titles(engine) -> dict[str, str]:
    with engine.connect() as conn:
        return dict(conn.execute(select(m.Occupation.code, m.Occupation.title)).all())


def named(titles: dict[str, str], word: str) -> set[str]:
    return {titles[c] for c in of_kind(titles, word)}


def test_driving_is_the_driving_jobs_and_their_group_not_everyone_who_operates_a_vehicle(titles):
    kind = named(titles, "driving")
    assert {"Heavy and Tractor-Trailer Truck Drivers", "Light Truck Drivers", "Taxi Drivers", "Bus Drivers, School",
            "Shuttle Drivers and Chauffeurs", "Driver/Sales Workers"} <= kind
    assert "Motor Vehicle Operators, All Other" in kind  # the rest of SOC 53-3 Motor Vehicle Operators, by its group
    # O*NET rates firefighters, police and pilots high on "Operating Vehicles" too: they are not driving jobs
    assert not kind & {"Firefighters", "Police and Sheriff's Patrol Officers", "Commercial Pilots", "Crane and Tower Operators"}
    assert named(titles, "drivers") == named(titles, "driver") == kind


def test_a_title_that_names_the_word_to_leave_it_out_is_not_of_that_kind(titles):
    retail = named(titles, "retail")
    assert "Retail Salespersons" in retail and "First-Line Supervisors of Retail Sales Workers" in retail
    assert "First-Line Supervisors of Non-Retail Sales Workers" not in retail
    assert "Purchasing Agents, Except Wholesale, Retail, and Farm Products" not in retail
    assert not title_says("Ambulance Drivers and Attendants, Except Emergency Medical Technicians", ["medical"])


def test_word_forms_match_but_other_words_that_start_alike_do_not(titles):
    nursing = named(titles, "nursing")
    assert {"Registered Nurses", "Nursing Assistants", "Licensed Practical and Licensed Vocational Nurses"} <= nursing
    assert "Farmworkers and Laborers, Crop, Nursery, and Greenhouse" not in nursing
    assert {"Retail Salespersons", "Parts Salespersons", "Sales Managers"} <= named(titles, "sales")
    assert {"Cooks, Restaurant", "Chefs and Head Cooks"} <= named(titles, "cooking")
    assert of_kind(titles, "xyzzy") == set() and of_kind(titles, "a") == set()


def test_fields_are_soc_groups(titles):
    health = {c for c in titles if in_field(c, "healthcare")}
    assert "29-1141.00" in health and "31-1131.00" in health and "41-2011.00" not in health
    assert all(in_field(c, "office") == c.startswith("43-") for c in titles)
    assert all(any(c.startswith(p) for c in titles) for prefixes in FIELDS.values() for p in prefixes)  # no dead group
