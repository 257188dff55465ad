"""knowledge/described_work.py on the real store: what people say they do, read against O*NET's tasks."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def work(engine):
    from knowledge.described_work import get_described_work

    return get_described_work(engine)


@pytest.mark.parametrize("said, expected", [
    ("change tires at discount tire", "Tire Repairers and Changers"),
    ("fix mowers and chainsaws at a small engine shop", "Outdoor Power Equipment and Other Small Engine Mechanics"),
    ("lay pipe for a utility contractor, water and sewer", "Pipelayers"),
    ("make sausage at a meat processing plant", "Butchers and Meat Cutters"),
    ("patrols, traffic stops, responding to calls on post", "Police and Sheriff's Patrol Officers"),
    ("treated injuries in the field, like an EMT", "Emergency Medical Technicians"),
    ("I take care of elderly people in their homes", "Personal Care Aides"),
    ("plowing snow and patching potholes for the county", "Highway Maintenance Workers"),
])
def test_a_description_of_the_work_finds_the_job_among_the_first_choices(work, said, expected):
    assert expected in [f.title for f in work.match(said, top=4)]


def test_never_a_military_occupation_and_nothing_for_too_few_words(work):
    assert not any(f.code.startswith("55-") for f in work.match("infantry rifleman, patrols and weapons", top=10))
    assert work.match("work") == [] and work.match("a job") == []
