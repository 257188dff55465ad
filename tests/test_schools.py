"""Which schools a training answer names: near the person's metro first, the job's credential first, on the real store."""
from __future__ import annotations

import pytest

from knowledge.schools import cbsa_of_metro, schools

pytestmark = pytest.mark.integration

HOUSTON = "0026420"  # OEWS metro area Houston-Pasadena-The Woodlands, TX (CBSA 26420)
TAMPA = "0045300"
NURSING = "51.38"  # Registered Nursing, Nursing Research and Clinical Nursing
DENTAL_SUPPORT = "51.06"  # Dental Support Services and Allied Professions (dental assisting)


def test_an_oews_metro_code_is_the_ipeds_cbsa():
    assert cbsa_of_metro(HOUSTON) == "26420"
    assert cbsa_of_metro(None) is None and cbsa_of_metro("ME") is None


def test_houston_schools_come_before_the_rest_of_texas(session):
    found = schools(session, NURSING, "TX", HOUSTON, "Bachelor's degree", limit=40)
    named = found["schools"]
    assert 0 < found["in_metro"] < found["in_state"]
    assert all(s["in_metro"] for s in named[:found["in_metro"]]), "every Houston-area school before any other"
    assert "Abilene Christian University" not in [s["name"] for s in named[:found["in_metro"]]]
    assert named[0]["city"] in {"Houston", "Pasadena", "The Woodlands", "Sugar Land", "Conroe", "Baytown", "Katy"}


def test_without_a_metro_the_count_is_the_whole_state(session):
    near = schools(session, NURSING, "TX", HOUSTON, "Bachelor's degree")
    anywhere = schools(session, NURSING, "TX", None, "Bachelor's degree")
    assert anywhere["in_state"] == near["in_state"] and anywhere["in_metro"] is None
    assert len(anywhere["schools"]) == 3


def test_a_degree_job_leaves_out_schools_that_award_only_certificates(session):
    # Pennsylvania: 14 schools award nursing certificates only (Scorecard field of study)
    degree = schools(session, NURSING, "PA", None, "Bachelor's degree", limit=1000)
    any_award = schools(session, NURSING, "PA", None, None, limit=1000)
    assert degree["certificate_only_left_out"] > 0
    assert degree["in_state"] + degree["certificate_only_left_out"] == any_award["in_state"]
    assert all(set(s["credentials"]) - {"certificate", "non-credit"} for s in degree["schools"])
    # schools awarding the bachelor's the job needs come before associate's-only ones
    shown = [s["credential"] for s in degree["schools"]]
    assert shown[0] == "bachelor's" and shown.index("associate's") > shown.count("bachelor's") - 1


def test_a_certificate_job_names_certificate_programs_first_near_tampa(session):
    found = schools(session, DENTAL_SUPPORT, "FL", TAMPA, "Postsecondary nondegree award", limit=20)
    assert found["certificate_only_left_out"] == 0
    in_tampa = [s for s in found["schools"] if s["in_metro"]]
    assert in_tampa and in_tampa[0]["credential"] == "certificate"
