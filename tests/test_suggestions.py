"""Suggestions read for the person ("what else could I do"), on the real store: pay in their state, the wishes
they said, the order the list claims. Pay is re-read from the OEWS rows here, not taken from the suggestions."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from knowledge import cli
from knowledge import models as m
from knowledge.job_kinds import of_kind
from knowledge.suggestions import Wishes, suggest

CASHIER, TRUCK, TAXI, RN = "41-2011.00", "53-3032.00", "53-3054.00", "29-1141.00"
AUSTIN = ("0012420", "Austin-Round Rock-San Marcos, TX")


@pytest.fixture(scope="module")
def analyst(engine):
    from knowledge.analysis import analyst_for

    return analyst_for(engine)


def median(conn, code: str, area_code: str) -> float | None:
    """The OEWS cross-industry median of an occupation in an area, straight from the wage table."""
    soc = conn.execute(select(m.Occupation.soc).where(m.Occupation.code == code)).scalar()
    row = conn.execute(select(m.Wage.annual_median, m.Wage.hourly_median).where(
        m.Wage.soc == soc, m.Wage.area_code == area_code, m.Wage.industry_code == "000000")).first()
    if row is None:
        return None
    return row.annual_median if row.annual_median is not None else row.hourly_median and row.hourly_median * 2080


def state_code(conn, postal: str) -> str:
    return conn.execute(select(m.Area.code).where(m.Area.kind == "S", m.Area.state == postal)).scalar()


@pytest.mark.parametrize("source, postal", [(CASHIER, "ME"), (TRUCK, "TX"), ("43-4051.00", "OH"), ("35-2014.00", "CA")])
def test_pays_more_means_more_in_their_state(analyst, conn, source, postal):
    found = suggest(analyst, source, Wishes(more_pay=True), state=postal, top=10)
    area = state_code(conn, postal)
    mine = median(conn, source, area)
    assert found["area"]["code"] == area and found["source_wage"] == mine
    assert len(found["destinations"]) == 10
    for d in found["destinations"]:
        theirs = median(conn, d["code"], area)
        assert theirs is not None and theirs > mine, (d["title"], theirs, mine)
        assert d["median_wage"] == round(theirs) and d["wage_area"] == found["area"]["name"]  # what is shown


@pytest.mark.parametrize("source", [RN, "43-4051.00", TRUCK])
def test_by_default_moves_that_pay_as_much_and_grow_come_first_in_the_ranking_order(analyst, source):
    found = suggest(analyst, source, state="ME", top=2000)  # the whole list: both parts
    good = [d["wage_gain"] is not None and d["wage_gain"] >= 0 and d["growth_pct"] is not None and d["growth_pct"] >= 0
            for d in found["destinations"]]
    assert good == sorted(good, reverse=True) and any(good) and not all(good)
    for part in (True, False):
        scores = [d["score"] for d, g in zip(found["destinations"], good) if g is part]
        assert scores == sorted(scores, reverse=True)
    assert "aren't shrinking first" in found["order"]
    for d in found["destinations"]:  # each move is marked for what it is; unknown pay is no kind of move
        gain = d["wage_gain"]
        assert d["move"] == (None if gain is None else "cut" if gain < 0 else "same" if gain < 0.05 * found["source_wage"]
                             else "raise")
        assert d["shrinking"] == (d["growth_pct"] is not None and d["growth_pct"] < 0)


def test_not_driving_leaves_out_driving_jobs(analyst):
    driving = of_kind({c: o.title for c, o in analyst.occupations.items()}, "driving")
    for source in (TRUCK, TAXI, CASHIER, "53-7065.00"):
        found = suggest(analyst, source, Wishes(avoid=["driving"]), state="TX", top=15)
        titles = [d["title"] for d in found["destinations"]]
        assert titles and not any("Driver" in t for t in titles), titles
        assert not {d["code"] for d in found["destinations"]} & driving
    # without the wish, a truck driver's closest jobs include driving ones
    from knowledge.scoring.destinations import destinations

    assert any("Driver" in d["title"] for d in destinations(analyst.engine, TRUCK, top=10))


def test_a_field_and_the_job_they_want(analyst):
    health = suggest(analyst, CASHIER, Wishes(fields=["healthcare"]), state="GA", top=10)["destinations"]
    assert health and all(d["code"][:3] in ("29-", "31-") for d in health)
    # a cashier who wants to be a nurse: jobs on the way there, not Tellers or Gambling Change Persons
    toward = suggest(analyst, CASHIER, Wishes(toward=RN), state="GA", top=10)
    titles = [d["title"] for d in toward["destinations"]]
    assert toward["toward_kept"] and "Nursing Assistants" in titles, titles
    assert not {"Tellers", "Gambling Change Persons and Booth Cashiers"} & set(titles)


def test_no_degree_and_growing(analyst):
    from knowledge.lookup import projection_for

    found = suggest(analyst, "43-4051.00", Wishes(less_school=True, growing=True), state="FL", top=10)["destinations"]
    assert found
    for d in found:
        p = projection_for(analyst.projections, analyst.occupations[d["code"]].soc)
        assert p["entry_education"] not in ("Associate's degree", "Bachelor's degree", "Master's degree",
                                             "Doctoral or professional degree")
        assert d["growth_pct"] > 0


def test_metro_pay_and_the_state_where_the_metro_publishes_none(analyst, conn):
    found = suggest(analyst, CASHIER, state="TX", metro=AUSTIN, top=25)
    assert found["area"]["name"] == AUSTIN[1]
    texas = state_code(conn, "TX")
    for d in found["destinations"]:
        area = AUSTIN[0] if d["wage_area"] == AUSTIN[1] else texas
        assert d["wage_area"] in (AUSTIN[1], "Texas")
        assert d["wage_gain"] == round(median(conn, d["code"], area) - median(conn, CASHIER, area))


def test_unrated_job_keeps_o_net_related_order_within_each_part(analyst):
    found = suggest(analyst, TAXI, state="TX", top=5)
    assert not found["rated"] and "O*NET's order" in found["order"]
    assert all(d["covered"] is None for d in found["destinations"])


def explore_json(capsys, *args: str) -> dict:
    capsys.readouterr()
    assert cli.main(["explore", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("source", [CASHIER, "43-4051.00", "35-3023.00", "31-1131.00"])
def test_cli_min_wage_gain_0_with_a_state_lists_no_pay_cut_there(capsys, conn, source):
    out = explore_json(capsys, source, "--state", "ME", "--min-wage-gain", "0", "--top", "15")
    maine = state_code(conn, "ME")
    mine = median(conn, source, maine)
    assert out["state"]["median_wage"] == mine and len(out["destinations"]) == 15
    for d in out["destinations"]:
        assert median(conn, d["code"], maine) >= mine, d["title"]
    # without the filter Maine pay cuts are listed, after the others and marked, some of them raises U.S.-wide
    plain = explore_json(capsys, source, "--state", "ME", "--top", "2000")["destinations"]
    cuts = [d for d in plain if d["move"] == "cut"]
    assert cuts and all(median(conn, d["code"], maine) < mine for d in cuts)
    assert any(d["national_wage_gain"] is not None and d["national_wage_gain"] >= 0 for d in cuts)


def test_cli_wishes(capsys):
    out = explore_json(capsys, TRUCK, "--avoid", "driving", "--field", "trades", "--state", "OH", "--top", "5")
    assert out["wishes"] == ["in the trades", "not driving"]
    assert all(d["code"][:3] in ("47-", "49-") and "Driver" not in d["title"] for d in out["destinations"])


def test_cli_from_a_job_o_net_has_not_rated_keeps_its_filters(capsys, analyst):
    out = explore_json(capsys, TAXI, "--state", "ME", "--max-zone-step", "0", "--min-wage-gain", "0", "--top", "10")
    assert not out["rated"] and out["destinations"]
    assert all(d["job_zone"] <= analyst.occupations[TAXI].job_zone and d["wage_gain"] >= 0 for d in out["destinations"])


@pytest.mark.parametrize("source, wish, group", [
    ("47-2221.00", "less_physical", "BODY"),  # an ironworker whose knees are done
    ("51-3022.00", "easier_hands", "HANDS"),  # a poultry line worker with carpal tunnel
])
def test_lighter_work_is_clearly_lighter_by_onet_abilities(analyst, engine, source, wish, group):
    """"Less physical" and "easier on the hands" keep only jobs whose O*NET strength and stamina (or manual and
    finger dexterity) levels, read here from the ratings table, are well below the job they have and no more
    than most jobs ask; the answer says the wish."""
    import statistics

    from knowledge import suggestions

    ids = getattr(suggestions, group)
    with engine.connect() as conn:
        rows = conn.execute(select(m.Rating.occupation_code, m.Rating.element_id, m.Rating.value).where(
            m.Rating.scale_id == "LV", m.Rating.domain == "abilities")).all()
    levels: dict[str, list[float]] = {}
    for code, element, value in rows:
        if any(element == g or element.startswith(g + ".") for g in ids):
            levels.setdefault(code, []).append(value / 7 * 100)
    demand = {code: sum(v) / len(v) for code, v in levels.items()}
    median = statistics.median(demand.values())
    found = suggest(analyst, source, Wishes(**{wish: True}), state="MS", top=10)
    assert found["destinations"] and found["wishes"] == [{"less_physical": "less physical",
                                                          "easier_hands": "easier on the hands"}[wish]]
    for d in found["destinations"]:
        assert demand[d["code"]] <= min(demand[source] - suggestions.LIGHTER, median) + 0.5, d["title"]
