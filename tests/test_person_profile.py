"""A person's profile against a target job (knowledge/person/): the real store's ratings, and the properties the
rule promises: one job alone scores its job-to-job score, adding a job never lowers coverage, and each
requirement names the job that covers it."""
from __future__ import annotations

import json
import random
import subprocess
import sys

import numpy as np
import pytest

from knowledge.analysis import analyst_for
from knowledge.person import text
from knowledge.person.compare import compare_profile, coverage_of_all
from knowledge.person.coverage import Source, all_targets, one_target
from knowledge.person.profile import (
    Education,
    Job,
    Profile,
    credit,
    recency_credit,
    tenure_credit,
    training_months,
)
from knowledge.scoring.profiles import DOMAINS, DomainRatings, Profiles

CASHIER, TELLER, BOOKKEEPER, ELECTRICIAN = "41-2011.00", "43-3071.00", "43-3031.00", "47-2111.00"


@pytest.fixture(scope="module")
def analyst(engine):
    return analyst_for(engine)


def test_one_job_alone_scores_its_job_to_job_score_for_every_target(analyst):
    grand = analyst.matrices["grand"]
    for code in random.Random(18).sample(analyst.matrices.codes, 60) + [CASHIER, TELLER]:
        i = analyst.profiles.index(code)
        for years in (None, 5):
            mine = coverage_of_all(analyst, Profile([Job(code, years)]))["grand"]
            assert np.allclose(mine, grand[i], equal_nan=True, atol=1e-3), code


def test_one_job_in_full_equals_compare_in_every_domain(analyst):
    for source, target in ((CASHIER, BOOKKEEPER), ("43-4051.00", "43-4031.00"), (CASHIER, "29-1141.00")):
        one = analyst.scores(source, target)
        mine = compare_profile(analyst, Profile([Job(source, 4)]), target)
        assert mine["score"]["grand"] == round(one["grand"], 1)
        for d in DOMAINS:
            expected = one["domains"][d].score
            assert mine["score"]["domains"][d]["score"] == (None if expected is None else round(expected, 1))


def test_adding_a_job_never_lowers_coverage(analyst):
    rng = random.Random(7)
    codes = analyst.matrices.codes
    P = analyst.profiles
    all_three = [c for c in codes if all(P.domains[d].rated()[P.index(c)] for d in DOMAINS)]
    abilities_only = [c for c in codes if P.domains["abilities"].rated()[P.index(c)] and not P.domains["skills"].rated()[P.index(c)]]
    assert len(abilities_only) == 15
    for n in range(40):
        # every other profile starts from a job O*NET rates in abilities only (Software Developers ...)
        first = [Source(P.index(c), rng.choice([1.0, 0.5, 0.25])) for c in rng.sample(codes, rng.randint(1, 3))]
        if n % 2:
            first.append(Source(P.index(rng.choice(abilities_only))))
        added = Source(P.index(rng.choice(all_three if n % 4 < 2 else abilities_only)), rng.choice([1.0, 0.5]))
        before, after = all_targets(P, first), all_targets(P, [*first, added])
        for key in (*DOMAINS, "grand"):
            both = ~np.isnan(before[key])
            assert np.all(after[key][both] >= before[key][both] - 1e-4), key  # never falls
            assert np.all(~np.isnan(after[key][both]))  # nor disappears
        # and every element's coverage
        target = rng.randrange(len(codes))
        b, a = one_target(P, first, target), one_target(P, [*first, added], target)
        for x, y in zip(b["elements"], a["elements"]):
            assert x["element_id"] == y["element_id"]
            if x["coverage"] is not None:
                assert y["coverage"] >= x["coverage"] - 1e-9


def test_cashier_then_teller_to_bookkeeper_names_what_each_job_covers(analyst):
    r = compare_profile(analyst, Profile([Job(CASHIER, 3, 2), Job(TELLER, 2)]), BOOKKEEPER)
    teller_alone = analyst.scores(TELLER, BOOKKEEPER)["grand"]
    assert r["score"]["grand"] > round(teller_alone, 1)  # both jobs count: more than the teller job alone
    covered = {e["element"]: e["covered_by"]["title"] for e in r["elements"]}
    assert covered["Customer and Personal Service"] == "Cashiers"  # the cashier job adds customer service
    assert covered["Administrative"] == covered["Mathematics"] == "Tellers"
    cashier, teller = r["each_job"]
    assert cashier["adds"] == ["Customer and Personal Service"]
    assert teller["by_domain"]["knowledge"] == 2 and "Administrative" in teller["adds"]
    # what is left is the teller's level against the bookkeeper's, biggest first
    assert r["gaps"][0]["element"] == "Administrative" and r["gaps"][0]["covered_by"]["title"] == "Tellers"


def test_a_level_onet_does_not_trust_is_covered_as_well_as_the_rest(analyst):
    """Hand-made: job A has no reliable level for the second element; alone it scores as if it were left out,
    and a second job that reaches it adds to the profile."""
    im = np.array([[75.0, 75.0], [75.0, 75.0], [80.0, 70.0]])
    lv = np.array([[30.0, 50.0], [10.0, 60.0], [60.0, 40.0]])
    unreliable = np.array([[False, True], [False, False], [False, False]])
    d = DomainRatings(["e1", "e2"], ["First", "Second"], im, lv, unreliable.copy(), unreliable)
    p = Profiles(["A", "B", "T"], ["A", "B", "T"], {x: d for x in DOMAINS})
    alone = one_target(p, [Source(0)], 2)
    assert alone["domains"]["skills"] == pytest.approx(50.0)  # 30 of 60 on the first; the second left out
    assert alone["elements"][1]["covered_by"] is None
    both = one_target(p, [Source(0), Source(1)], 2)
    assert both["elements"][1]["covered_by"] == 1  # B's 60 meets the 40 asked
    assert both["domains"]["skills"] == pytest.approx(100 * (80 * 30 + 70 * 40) / (80 * 60 + 70 * 40))


def test_credit_rule(analyst):
    electrician = analyst.education[ELECTRICIAN]["3.A.3"]
    assert training_months(electrician) == 24  # O*NET's middle answer: over 1 year, up to 2 years
    assert training_months(analyst.education[CASHIER]["3.A.3"]) == 1
    assert tenure_credit(1, 24) == 0.5 and tenure_credit(None, 24) == 1.0 and tenure_credit(3, 1) == 1.0
    assert recency_credit(5) == 1.0 and recency_credit(10) == 0.75 and recency_credit(30) == 0.5
    assert credit(Job(ELECTRICIAN, 1, 10), 24) == pytest.approx(0.375)
    # a short, long-ago job counts less, and never more than the same job held long enough, now
    short = compare_profile(analyst, Profile([Job(ELECTRICIAN, 1, 10)]), "49-9071.00")["score"]["grand"]
    full = compare_profile(analyst, Profile([Job(ELECTRICIAN, 5)]), "49-9071.00")["score"]["grand"]
    assert short < full == round(analyst.scores(ELECTRICIAN, "49-9071.00")["grand"], 1)


def test_experience_and_education_against_the_target(analyst):
    r = compare_profile(analyst, Profile([Job(CASHIER, 3, 2), Job(TELLER, 2)], Education("high-school", 30)), BOOKKEEPER)
    exp, edu = r["background"]["experience"], r["background"]["education"]
    assert exp["onet_middle"]["words"] == "1 to 2 years of related work experience"  # O*NET 3.A.1, category 6
    assert exp["related_months"] == 60 and exp["verdict"] == "more"
    assert edu["bls_entry_education"] == "Some college, no degree" and edu["meets_bls"] is True  # 30 credits
    line = text.experience_sentence(r["to"]["title"], exp)
    assert "1 to 2 years of related work experience" in line and "you have 5 years" in line
    assert "Cashiers 3, Tellers 2" in line
    assert "you have a high school diploma and 30 college credits" in text.education_sentence(r["to"]["title"], edu)
    nurse = compare_profile(analyst, Profile([Job(CASHIER, 3)], Education("high-school")), "29-1141.00")
    assert nurse["background"]["education"]["meets_bls"] is False
    assert nurse["background"]["experience"]["related_jobs"] == []  # a cashier's years are not related work


def careerbot(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "knowledge.cli", *args], check=False, capture_output=True, text=True, timeout=300)


def test_compare_command_with_a_profile_json():
    out = careerbot("compare", "--from", f"{CASHIER}:3", "--from", f"{TELLER}:2", BOOKKEEPER, "--json")
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout)
    assert [j["title"] for j in r["profile"]["jobs"]] == ["Cashiers", "Tellers"]
    assert r["score"]["grand"] >= max(j["score_alone"]["grand"] for j in r["profile"]["jobs"])
    by = {e["element"]: e["covered_by"]["code"] for e in r["elements"]}
    assert by["Customer and Personal Service"] == CASHIER and by["Administrative"] == TELLER
    assert r["background"]["experience"]["related_months"] == 60


def test_compare_command_with_a_profile_in_plain_words():
    out = careerbot("compare", "--from", f"{CASHIER}:3:2", "--from", "bank teller:2", BOOKKEEPER,
                    "--education", "high-school", "--credits", "30")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "Tellers covers most of the abilities and knowledge the job asks for; Cashiers adds Customer and Personal Service." in text
    assert "Cashiers (41-2011.00), 3 years, left 2 years ago" in text
    assert "you have 5 years in related work (Cashiers 3, Tellers 2)" in text
    assert "you have a high school diploma and 30 college credits" in text


@pytest.mark.parametrize("args, message", [
    (["--from", f"{CASHIER}:x", BOOKKEEPER], "--from takes CODE:YEARS"),
    (["--from", f"{CASHIER}:3", CASHIER, BOOKKEEPER], "give only the job they want"),
    (["--education", "high-school", CASHIER, BOOKKEEPER], "go with the jobs held"),
    ([BOOKKEEPER], "compare takes FROM and TO"),
])
def test_compare_command_profile_bad_input(args, message):
    out = careerbot("compare", *args)
    assert out.returncode == 2 and message in out.stderr


def test_explore_from_a_profile():
    both = json.loads(careerbot("explore", "--from", f"{CASHIER}:3", "--from", f"{TELLER}:2", "--top", "8", "--json").stdout)
    teller = json.loads(careerbot("explore", TELLER, "--top", "8", "--json").stdout)
    alone = json.loads(careerbot("explore", "--from", f"{TELLER}:2", "--top", "8", "--json").stdout)
    assert [d["code"] for d in alone["destinations"]] == [d["code"] for d in teller["destinations"]]  # one job: the same
    assert both["from"]["code"] == TELLER  # pay and zone from the job they have now, the last one said
    codes = [d["code"] for d in both["destinations"]]
    assert CASHIER not in codes and TELLER not in codes
    covered = {d["code"]: d["covered"] for d in teller["destinations"]}
    for d in both["destinations"]:  # all their jobs cover at least what the teller job alone covers
        if d["code"] in covered:
            assert d["covered"] >= covered[d["code"]]
    assert [j["title"] for j in both["profile"]["jobs"]] == ["Cashiers", "Tellers"]
    out = careerbot("explore", CASHIER, "--from", f"{TELLER}:2")
    assert out.returncode == 2 and "not both" in out.stderr


def test_a_job_onet_has_not_rated_is_said_and_left_out(analyst):
    taxi, developer = "53-3054.00", "15-1252.00"
    r = compare_profile(analyst, Profile([Job(taxi, 4), Job(CASHIER, 3)]), BOOKKEEPER)
    assert [j["title"] for j in r["not_rated"]] == ["Taxi Drivers"]
    assert r["score"]["grand"] == round(analyst.scores(CASHIER, BOOKKEEPER)["grand"], 1)
    assert r["each_job"][0]["title"] == "Cashiers" and len(r["each_job"]) == 1
    only = compare_profile(analyst, Profile([Job(developer, 4)]), BOOKKEEPER)["score"]["basis"]["headline"]
    assert only.startswith("Abilities only:") and "O*NET has no skills and knowledge ratings for any of your jobs" in only
    none = compare_profile(analyst, Profile([Job(CASHIER, 3)]), taxi)["score"]["basis"]["headline"]
    assert none == "No score: O*NET has no abilities, skills and knowledge ratings for Taxi Drivers."


def test_no_requirement_is_reached_less_than_the_job_held_now_reaches_it(analyst):
    """What the chat's gap lists rest on (bot/replies/story.py): with the current job held long enough and
    recently, every element's best level is at least that job's own, so an earlier job only ever closes or
    narrows a gap."""
    for earlier, now, target in ((CASHIER, TELLER, BOOKKEEPER), (ELECTRICIAN, "49-9071.00", "47-2152.00")):
        r = compare_profile(analyst, Profile([Job(earlier, 3, 2), Job(now, 5)]), target)
        for e in r["elements"]:
            if e["levels"].get(now) is not None:
                assert e["best_level"] >= min(e["levels"][now], e["target_level"]) - 1, e
