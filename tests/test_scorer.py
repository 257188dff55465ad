"""The transferability score: the formula on small hand-made profiles, then the real pairs the issue names."""
from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from knowledge.analysis import analyst_for
from knowledge.scoring.profiles import DOMAINS, DomainRatings, Profiles
from knowledge.scoring.transfer import DEFAULT_FILTERS, DEFAULT_WEIGHTS, all_pairs, domain_result, grand_score

NAN = np.nan


def profiles(importance: list[list[float]], level: list[list[float]], suppressed=None, missing_domains=()) -> Profiles:
    """Occupations A, B, C ... with the same two-element ratings in every domain (0-100 scales)."""
    im, lv = np.array(importance, dtype=float), np.array(level, dtype=float)
    sup = np.zeros_like(lv, dtype=bool) if suppressed is None else np.array(suppressed)
    codes = [f"00-000{i}.00" for i in range(len(im))]
    domains = {}
    for d in DOMAINS:
        dl = lv.copy()
        if d in missing_domains:
            dl[missing_domains[d]] = NAN
        domains[d] = DomainRatings(["e1", "e2"], ["First", "Second"], im.copy(), dl, sup.copy())
    return Profiles(codes, codes, domains)


def test_worked_example_from_the_readme():
    # target (B) requires levels 60 and 40 at importance 80 and 70; the source (A) has 45 and 50
    p = profiles([[75, 75], [80, 70]], [[45, 50], [60, 40]])
    r = domain_result(p, "skills", 0, 1, 69)
    # sum(i * min(s, t)) / sum(i * t) = (80*45 + 70*40) / (80*60 + 70*40) = 6400 / 7600
    assert r.score == pytest.approx(100 * 6400 / 7600)
    assert [(g.element, g.gap) for g in r.gaps] == [("First", 15.0)]


def test_direction_matters():
    p = profiles([[75, 75], [80, 70]], [[45, 35], [60, 40]])
    forward = domain_result(p, "skills", 0, 1, 69).score
    backward = domain_result(p, "skills", 1, 0, 69).score
    assert forward < 100 and backward == 100  # B meets everything A needs, not the other way round


def test_meeting_or_exceeding_every_level_is_100():
    p = profiles([[80, 80], [80, 80]], [[70, 90], [60, 40]])
    assert domain_result(p, "knowledge", 0, 1, 69).score == 100


def test_filter_decides_which_elements_count():
    p = profiles([[75, 75], [80, 60]], [[45, 0], [60, 40]])
    strict = domain_result(p, "skills", 0, 1, 69)
    loose = domain_result(p, "skills", 0, 1, 50)
    assert strict.elements == 1 and loose.elements == 2
    assert loose.score < strict.score  # the second element (importance 60) is now demanded and missing
    nothing = domain_result(p, "skills", 0, 1, 95)
    assert nothing.elements == 0 and nothing.score is None  # nothing passes the filter: nothing to score
    assert np.isnan(all_pairs(p, {**DEFAULT_FILTERS, "skills": 95})["skills"][0, 1])


def test_weights_shift_the_grand_score():
    assert grand_score({"abilities": 100, "skills": 50, "knowledge": 80}, DEFAULT_WEIGHTS) == pytest.approx(230 / 3)
    assert grand_score({"abilities": 100, "skills": 50, "knowledge": 80}, {"abilities": 0, "skills": 1, "knowledge": 3}) == pytest.approx(290 / 4)


def test_missing_domain_is_no_score_not_zero():
    p = profiles([[75, 75], [80, 70]], [[45, 50], [60, 40]], missing_domains={"knowledge": 0})
    assert domain_result(p, "knowledge", 0, 1, 69).score is None
    scores = all_pairs(p)
    assert np.isnan(scores["knowledge"][0, 1])
    assert scores["grand"][0, 1] == pytest.approx(np.mean([scores["abilities"][0, 1], scores["skills"][0, 1]]))


def test_not_relevant_source_level_earns_no_credit_and_suppressed_target_level_is_left_out():
    p = profiles([[75, 75], [80, 80]], [[50, 50], [60, 40]], suppressed=[[True, False], [False, True]])
    r = domain_result(p, "skills", 0, 1, 69)
    assert r.elements == 1  # B's second level is suppressed: its requirement is unknown
    assert r.gaps[0].source_level == 0 and r.gaps[0].gap == 60


def test_unreliable_source_level_costs_no_gap_and_is_left_out_of_the_score():
    p = profiles([[75, 75], [80, 80]], [[10, 50], [60, 40]], suppressed=[[True, False], [False, False]])
    for d in DOMAINS:
        p.domains[d].unreliable = np.array([[True, False], [False, False]])
    r = domain_result(p, "skills", 0, 1, 69)
    assert r.gaps == [] and r.score == 100.0  # only the second element is compared, and A reaches it
    assert r.not_reliably_rated == [("e1", "First", 80.0, "from")]
    assert all_pairs(p)["skills"][0, 1] == pytest.approx(100.0)


def test_ties_keep_a_stable_order():
    p = profiles([[75, 75], [80, 80]], [[40, 40], [60, 60]])
    gaps = domain_result(p, "skills", 0, 1, 69).gaps
    assert [g.element for g in gaps] == ["First", "Second"]  # equal priority: by name


@pytest.mark.parametrize("with_unreliable", [False, True])
def test_all_pairs_matches_pair_by_pair(with_unreliable):
    rng = np.random.default_rng(7)
    n, e = 12, 2
    im = rng.uniform(0, 100, (n, e))
    lv = rng.uniform(0, 100, (n, e))
    sup = rng.random((n, e)) < 0.2
    p = profiles(im.tolist(), lv.tolist(), suppressed=sup.tolist())
    if with_unreliable:  # half the suppressed levels are unreliable estimates, half not relevant
        for d in DOMAINS:
            p.domains[d].unreliable = sup & (rng.random((n, e)) < 0.5)
    scores = all_pairs(p)
    for i in range(n):
        for j in range(n):
            for d in DOMAINS:
                single = domain_result(p, d, i, j, DEFAULT_FILTERS[d]).score
                if single is None:
                    assert np.isnan(scores[d][i, j])
                else:
                    assert scores[d][i, j] == pytest.approx(single, abs=1e-3)


# -- the real pairs ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def analyst(engine):
    return analyst_for(engine)


def test_csr_to_court_municipal_and_license_clerks(analyst):
    r = analyst.compare("43-4051.00", "43-4031.03", state="ME")
    assert r["to"]["code"] == "43-4031.00"
    assert r["score"]["grand"] >= 80
    knowledge = [g["element"] for g in r["knowledge_to_add"]["gaps"]]
    assert "Administrative" in knowledge  # O*NET's "Clerical" knowledge area, renamed in recent releases
    first = r["knowledge_to_add"]["gaps"][0]
    assert first["gap"] > 0 and first["target_level_means"]["nearest"]
    assert r["labor_market"]["area"]["state"] == "ME"
    assert r["labor_market"]["to"]["wages"]["annual_median"] > 0


def test_cashier_to_registered_nurse_is_low_and_says_what_is_not_reliably_rated(analyst):
    r = analyst.compare("41-2011.00", "29-1141.00")
    assert r["score"]["grand"] < 65
    gaps = {g["element"]: g["gap"] for g in r["knowledge_to_add"]["gaps"]}
    assert gaps["Psychology"] >= 40
    # O*NET recommends suppressing Cashiers' Medicine and Dentistry level (0.81): no gap, and said so
    assert "Medicine and Dentistry" not in gaps
    assert "Medicine and Dentistry" in {u["element"] for u in r["knowledge_to_add"]["not_reliably_rated"]}
    looser = analyst.compare("41-2011.00", "29-1141.00", filters={"knowledge": 50})
    listed = {g["element"] for g in looser["knowledge_to_add"]["gaps"]} | {u["element"] for u in looser["knowledge_to_add"]["not_reliably_rated"]}
    assert "Biology" in listed
    back = analyst.compare("29-1141.00", "41-2011.00")
    assert back["score"]["grand"] > r["score"]["grand"] + 20


def test_stored_matrices_agree_with_compare(analyst):
    m = analyst.matrices
    i, j = m.position["43-4051.00"], m.position["43-4031.00"]
    assert float(m["grand"][i, j]) == pytest.approx(analyst.compare("43-4051.00", "43-4031.00")["score"]["grand"], abs=0.05)


def test_unrated_domain_is_said_not_scored_zero(analyst):
    r = analyst.compare("43-4051.00", "15-1252.00")  # Software Developers: no 29.3 skills or knowledge ratings
    assert r["score"]["domains"]["skills"]["rated"] is False and r["score"]["domains"]["skills"]["score"] is None
    assert r["skills_to_upgrade"]["rated"] is False
    assert r["score"]["grand"] == r["score"]["domains"]["abilities"]["score"]


def careerbot(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "knowledge.cli", *args], capture_output=True, text=True, timeout=120)


def test_compare_command_json():
    result = careerbot("compare", "43-4051.00", "43-4031.03", "--state", "ME", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["score"]["grand"] >= 80
    assert set(data) >= {"gaps_to_narrow", "skills_to_upgrade", "knowledge_to_add", "education_experience", "job_zones", "labor_market"}
    assert "OEWS" in data["labor_market"]["wages_source"]


@pytest.mark.parametrize("args, message", [
    (["compare", "43-4051.00", "99-9999.00"], "no occupation has the code"),
    (["compare", "43-4051.00", "43-4031.00", "--weights", "1,x,1"], "--weights takes three numbers"),
    (["compare", "43-4051.00", "43-4031.00", "--state", "Narnia"], "no state or territory"),
    (["compare", "43-4051.00", "qwzxv plmkq"], "no job matches"),
])
def test_compare_command_bad_input(args, message):
    result = careerbot(*args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


# -- what the score rests on ------------------------------------------------------------------------------
def test_a_one_domain_score_says_so_in_json_chat_and_report(engine):
    """O*NET 29.3 rates no skills or knowledge for Software Developers: the 93 is from abilities alone, and
    `compare --json`, the chat's first answer and the report all say so."""
    from bot import replies
    from knowledge.report.data import report_data
    from knowledge.report.html import render_html

    out = careerbot("compare", "15-1232.00", "15-1252.00", "--json")
    assert out.returncode == 0, out.stderr
    basis = json.loads(out.stdout)["score"]["basis"]
    assert basis["covers"] == ["abilities"] and basis["not_covered"] == ["skills", "knowledge"]
    assert basis["complete"] is False and basis["unrated"] is True
    assert basis["headline"] == ("Abilities only: 93 out of 100. O*NET has not rated the skills and knowledge of "
                                 "Software Developers yet, so this is not the whole job.")
    comparison = analyst_for(engine).compare("15-1232.00", "15-1252.00")
    said = replies.compare_summary(comparison)[0]["text"]
    assert "Abilities only: you cover about 93 out of 100" in said
    assert "O*NET has not rated the skills and knowledge of Software Developers yet. So this is not the whole job." in said
    assert "abilities, skills and knowledge" not in said
    gaps = replies.gaps_detail(comparison)[0]["text"]
    assert "Skills to build: not in the score, O*NET has no skills ratings for Software Developers." in gaps
    html = render_html(report_data(engine, "15-1232.00", "15-1252.00"))
    assert "<strong>Abilities only.</strong> O*NET has not rated the skills and knowledge of Software Developers yet." in html


def test_a_whole_score_and_a_filtered_domain_read_differently(analyst):
    whole = analyst.compare("31-1131.00", "29-1141.00")["score"]["basis"]
    assert whole["complete"] is True and whole["headline"].startswith("Abilities, skills and knowledge: ")
    # the clerks' skills are all below the importance filter: left out, but not for want of data
    seed = analyst.compare("43-4051.00", "43-4031.00", state="ME")["score"]
    assert seed["basis"]["headline"] == (f"Abilities and knowledge only: {round(seed['grand'])} out of 100. "
                                         "None of its skills is important enough to count.")
    assert seed["basis"]["unrated"] is False
