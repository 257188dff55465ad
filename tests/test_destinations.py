"""Destination ranking ("where else could I go?") on the real store."""
from __future__ import annotations

import inspect
import time
import warnings

import numpy as np
import pytest
from sqlalchemy import select

from knowledge import models as m
from knowledge.scoring import destinations as dest
from knowledge.scoring import similarity as sim
from knowledge.scoring.matrices import matrices_for

CEO, CSR = "11-1011.00", "43-4051.00"


@pytest.fixture(scope="module")
def matrices(engine):
    return matrices_for(engine)


@pytest.fixture(scope="module")
def facts(engine):
    with warnings.catch_warnings():  # a store built before this similarity: computed in-process once
        warnings.simplefilter("ignore")
        return dest.facts_for(engine)


def rank(matrices, facts, code, **options):
    return dest.rank_destinations(matrices, code, facts=facts, **options)


def similarity(matrices, facts):
    return facts.similarity if facts.similarity is not None else matrices["similarity"]


def test_chief_executives_go_to_management_not_to_every_easy_job(matrices, facts):
    top = rank(matrices, facts, CEO, top=10)
    assert len(top) == 10
    assert sum(d["code"].startswith("11-") for d in top) >= 8, [d["title"] for d in top]
    assert min(d["job_zone"] for d in top) >= 3
    # coverage alone would put a low-zone job in the top 10: many score 100 from a chief executive
    grand = matrices["grand"][matrices.position[CEO]].copy()
    grand[matrices.position[CEO]] = np.nan
    full_cover = np.flatnonzero(grand >= 99.5)
    assert np.any(facts.job_zone[full_cover] <= 2)
    assert all(d["covered"] >= 80 for d in top)


def test_customer_service_reps_go_to_clerical_and_office_jobs(matrices, facts):
    top = rank(matrices, facts, CSR, top=10)
    office = [d for d in top if d["code"].startswith("43-")]
    assert len(office) >= 5, [d["title"] for d in top]
    assert any("Clerk" in d["title"] for d in top)


def test_results_are_ordered_and_carry_their_facts(matrices, facts):
    top = rank(matrices, facts, CSR, top=15)
    assert [d["score"] for d in top] == sorted((d["score"] for d in top), reverse=True)
    assert CSR not in {d["code"] for d in top}
    for d in top:
        assert 0 <= d["alike"] <= 100 and 0 <= d["covered"] <= 100
        assert d["score"] == pytest.approx(
            float(dest.scores(facts_z(matrices, facts)[matrices.position[CSR], matrices.position[d["code"]]],
                              d["covered"])), abs=0.01)
    with_self = rank(matrices, facts, CSR, top=5, exclude_self=False)
    assert with_self[0]["code"] == CSR


def facts_z(matrices, facts):
    return facts.similarity_z if facts.similarity_z is not None else matrices["similarity_z"]


def test_max_zone_step(matrices, facts):
    for code in (CSR, "29-1141.00", "47-2031.00"):
        zone = facts.job_zone[facts.position[code]]
        same = rank(matrices, facts, code, top=20, max_zone_step=0)
        assert len(same) == 20
        assert all(d["job_zone"] <= zone and d["zone_step"] <= 0 for d in same)
        one_up = rank(matrices, facts, code, top=20, max_zone_step=1)
        assert all(d["zone_step"] <= 1 for d in one_up)


def test_min_wage_gain(matrices, facts):
    source_wage = facts.median_wage[facts.position[CSR]]
    assert source_wage > 20000
    better = rank(matrices, facts, CSR, top=20, min_wage_gain=1)
    assert len(better) == 20
    assert all(d["median_wage"] > source_wage and d["wage_gain"] >= 1 for d in better)
    much = rank(matrices, facts, CSR, top=10, min_wage_gain=20000, max_zone_step=1)
    assert all(d["wage_gain"] >= 20000 and d["zone_step"] <= 1 for d in much)
    # the filter only removes: what passes keeps its place from the unfiltered ranking
    unfiltered = [d["code"] for d in rank(matrices, facts, CSR, top=1016)]
    kept = [c for c in unfiltered if facts.median_wage[facts.position[c]] - source_wage >= 1]
    assert [d["code"] for d in better] == kept[:20]


def test_min_growth(matrices, facts):
    growing = rank(matrices, facts, CSR, top=10, min_growth_pct=5)
    assert growing and all(d["growth_pct"] >= 5 for d in growing)


def test_errors(matrices, facts):
    with pytest.raises(KeyError):
        rank(matrices, facts, "99-9999.99")
    unrated = next(c for c in matrices.codes if np.all(np.isnan(matrices["grand"][matrices.position[c]])))
    with pytest.raises(ValueError):
        rank(matrices, facts, unrated)


def test_similarity_is_symmetric_percentile(matrices, facts):
    s = similarity(matrices, facts)
    assert s.shape == (len(matrices.codes), len(matrices.codes))
    assert np.allclose(np.nan_to_num(s), np.nan_to_num(s.T))
    values = s[~np.isnan(s)]
    assert values.min() >= 0 and values.max() <= 100
    i = matrices.position[CSR]
    assert s[i, i] == 100


def test_related_occupations_never_feed_the_score():
    for module in (sim, dest):
        source = inspect.getsource(module)
        assert "RelatedOccupation" not in source and "related_occupation" not in source


def test_quality_on_a_sample(engine, matrices, facts):
    """Share of O*NET's related occupations (the yardstick) in the top 20, on every 5th rated source."""
    with engine.connect() as conn:
        rows = conn.execute(select(m.RelatedOccupation.occupation_code, m.RelatedOccupation.related_code)).all()
    related: dict[str, list[str]] = {}
    for code, other in rows:
        related.setdefault(code, []).append(other)
    rated = [c for c in matrices.codes if c in related and not np.all(np.isnan(matrices["grand"][matrices.position[c]]))]
    rankable = {c for c in matrices.codes if not np.all(np.isnan(matrices["grand"][:, matrices.position[c]]))}
    shares = []
    for code in rated[::5]:
        found = {d["code"] for d in rank(matrices, facts, code, top=20)}
        wanted = [r for r in related[code] if r in rankable]
        shares.append(len(found.intersection(wanted)) / len(wanted))
    assert len(shares) > 150
    assert np.mean(shares) >= 0.55, np.mean(shares)


def test_fast_when_warm(matrices, facts):
    rank(matrices, facts, CSR)
    codes = [CSR, CEO, "29-1141.00", "35-2014.00", "15-1252.00"] * 20
    started = time.perf_counter()
    for code in codes:
        rank(matrices, facts, code, top=10, max_zone_step=1, min_wage_gain=0)
    assert (time.perf_counter() - started) / len(codes) < 0.010
