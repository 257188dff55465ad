"""The seed data (knowledge/data) and what reads it: the framework importer and its checks, the
apprenticeship and class-series files, the career ladder and competency placement.

Every test builds its own SQLite store in a tmp folder (``Base.metadata.create_all`` then
``seeds.load``), so none of them needs the full build."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from sqlalchemy import create_engine, event, func, select
from sqlalchemy.orm import Session

from knowledge import competency, config, ladder
from knowledge import models as m
from knowledge.loaders import seeds
from knowledge.models import Base
from knowledge.textfile import DataFileError

SEEDS = config.PROJECT_ROOT.parent / "shared" / "seeds"
DATA = config.PACKAGE_DATA


def _engine(folder: Path):
    engine = create_engine(f"sqlite:///{folder / 'store.sqlite'}", future=True)

    @event.listens_for(engine, "connect")
    def _fast(dbapi_conn, _record):  # a throwaway store: no need to wait for the disk
        dbapi_conn.execute("PRAGMA synchronous=OFF")
        dbapi_conn.execute("PRAGMA journal_mode=MEMORY")

    Base.metadata.create_all(engine)
    return engine


@pytest.fixture()
def empty(tmp_path):
    return _engine(tmp_path)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """The shipped seed data loaded into a fresh store; tests only read it."""
    engine = _engine(tmp_path_factory.mktemp("seeds"))
    with engine.begin() as conn:
        loaded = seeds.load(conn)
    return engine, {x.table: x for x in loaded}


def _count(conn, model, *where) -> int:
    return conn.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


# --- the framework importer ---------------------------------------------------------------------------


def _framework(**changes) -> dict:
    doc = {
        "schemaVersion": "1.0",
        "exportedAt": "2026-01-02T03:04:05Z",
        "occupation": {"soc": "11-1011.00", "title": "Chief Executives"},
        "framework": {"version": None, "description": "Lead.", "contextCovered": "Everywhere.",
                      "levels": {key: {"label": key.title(), "statements": [f"{key} {i}" for i in range(1, 5)]}
                                 for key in ("emerging", "developing", "proficient", "advanced")}},
        "sources": {"onet": "v30.2"},
        "attribution": "© Someone",
    }
    for path, value in changes.items():
        target, keys = doc, path.split("__")
        for key in keys[:-1]:
            target = target[key]
        if value is _DELETE:
            del target[keys[-1]]
        else:
            target[keys[-1]] = value
    return doc


_DELETE = object()


def _write(folder: Path, name: str, content) -> Path:
    path = folder / name
    path.write_text(content if isinstance(content, str) else json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return path


def test_import_framework_stores_levels_in_order_with_citation(empty, tmp_path):
    path = _write(tmp_path, "fw.json", _framework())
    with empty.begin() as conn:
        loaded = seeds.import_framework(conn, path)
    assert [x.table for x in loaded] == ["competency_framework:11-1011.00", "competency_statement:11-1011.00"]
    assert loaded[1].rows == 16
    assert "© Someone" in loaded[0].citation and "onet v30.2" in loaded[0].citation
    with empty.connect() as conn:
        fw = competency.framework_for(conn, "11-1011.00")
    assert [lv["key"] for lv in fw["levels"]] == ["emerging", "developing", "proficient", "advanced"]
    assert [lv["rank"] for lv in fw["levels"]] == [1, 2, 3, 4]
    assert fw["levels"][2]["label"] == "Proficient"
    assert fw["levels"][0]["statements"] == ["emerging 1", "emerging 2", "emerging 3", "emerging 4"]
    assert fw["attribution"] == "© Someone" and fw["context"] == "Everywhere."


@pytest.mark.parametrize("content, expected", [
    (_framework(schemaVersion="2.0"), "schemaVersion is '2.0'"),
    (_framework(schemaVersion=_DELETE), "schemaVersion is missing"),
    (_framework(framework__levels=_DELETE), "'framework.levels' is missing"),
    (_framework(framework__levels__advanced=_DELETE), "lacks level(s) advanced"),
    (_framework(framework__levels__expert={"label": "Expert", "statements": ["x"]}), "unknown level(s) expert"),
    (_framework(framework__levels__developing__statements=[]), "'framework.levels.developing.statements' should be a non-empty list"),
    (_framework(framework__levels__developing__statements=_DELETE), "'framework.levels.developing.statements' is missing"),
    (_framework(framework__levels__proficient__label=""), "'framework.levels.proficient.label' should be non-empty text"),
    (_framework(framework__levels__emerging=["a", "b"]), "'framework.levels.emerging' should be a mapping"),
    (_framework(occupation__soc="434051"), "should be an O*NET-SOC code"),
    (_framework(occupation__title=_DELETE), "'occupation.title' is missing"),
    (_framework(occupation=_DELETE), "'occupation' is missing"),
    ("this is not JSON at all", "not valid JSON"),
    ("", "not valid JSON"),
    ("[1, 2]", "should be a mapping"),
])
def test_malformed_framework_raises_naming_the_file(empty, tmp_path, content, expected):
    path = _write(tmp_path, "broken-framework.json", content)
    with empty.begin() as conn, pytest.raises(DataFileError) as caught:
        seeds.import_framework(conn, path)
    assert caught.value.path == str(path)
    assert "broken-framework.json" in str(caught.value)
    assert expected in caught.value.problem
    with empty.connect() as conn:  # checked before anything is stored
        assert _count(conn, m.CompetencyFramework) == 0


def test_framework_file_missing_or_duplicated(empty, tmp_path):
    with empty.begin() as conn, pytest.raises(DataFileError, match="file not found"):
        seeds.import_framework(conn, tmp_path / "nowhere.json")
    first, second = _write(tmp_path, "a.json", _framework()), _write(tmp_path, "b.json", _framework())
    with empty.begin() as conn:
        seeds.import_framework(conn, first)
        with pytest.raises(DataFileError, match="already loaded") as caught:
            seeds.import_framework(conn, second)
    assert caught.value.path == str(second)


def test_loader_imports_every_framework_in_the_folder(empty, tmp_path):
    (tmp_path / "frameworks").mkdir()
    _write(tmp_path / "frameworks", "one.json", _framework())
    _write(tmp_path / "frameworks", "two.json", _framework(occupation__soc="11-1021.00"))
    _write(tmp_path / "frameworks", "notes.txt", "not a framework")
    with empty.begin() as conn:
        loaded = seeds.load(conn, tmp_path)
    assert sorted(x.table for x in loaded) == ["competency_framework:11-1011.00", "competency_framework:11-1021.00",
                                               "competency_statement:11-1011.00", "competency_statement:11-1021.00"]


def test_shipped_framework_is_the_seed_export_unchanged():
    shipped = DATA / "frameworks" / "43-4051.00.json"
    seed = SEEDS / "003_dfe4e47a65d9fb0e.txt"
    if not seed.is_file():
        pytest.skip(f"seed documents not at {SEEDS}")
    assert shipped.read_bytes() == seed.read_bytes()


# --- the YAML files' checks ---------------------------------------------------------------------------


def _yaml_with(source: Path, folder: Path, change) -> Path:
    doc = yaml.safe_load(source.read_text(encoding="utf-8"))
    change(doc)
    path = folder / source.name
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


APPRENTICESHIP = DATA / "apprenticeships" / "3001CB.yml"
CLASS_SERIES = DATA / "class_series" / "customer_service_4807-4809.yml"


@pytest.mark.parametrize("change, expected", [
    (lambda d: d["related_instruction"]["courses"].pop(), "add up to 264 hours, not the 288"),
    (lambda d: d.update(training_type="apprentice-based"), "'training_type' should be one of"),
    (lambda d: d.update(onet_code="43-4051"), "'onet_code' should be an O*NET-SOC code"),
    (lambda d: d.pop("rapids_code"), "'rapids_code' is missing"),
    (lambda d: d["ojt_core"].update(source="nobody"), "'ojt_core.source' names 'nobody'"),
    (lambda d: d["ojt_core"]["categories"][0].update(competencies=[]), "'ojt_core.categories[0].competencies' should be a non-empty list"),
    (lambda d: d["work_process"]["competencies"].append({"competency": "Heading only"}), "items' is missing"),
    (lambda d: d["related_instruction"]["courses"][0].update(hours=-24), "should be a positive number"),
])
def test_malformed_apprenticeship_file(empty, tmp_path, change, expected):
    path = _yaml_with(APPRENTICESHIP, tmp_path, change)
    with empty.begin() as conn, pytest.raises(DataFileError) as caught:
        seeds.import_apprenticeship(conn, path)
    assert caught.value.path == str(path) and expected in caught.value.problem


@pytest.mark.parametrize("change, expected", [
    (lambda d: d["levels"][0]["qualifications"]["credit_conversion"].append({"semester_hours": 90, "months": 30}),
     "is not proportional"),
    (lambda d: d["levels"][1]["qualifications"].update(credit_cap_months=36), "stops at 48 months"),
    (lambda d: d["levels"][2]["qualifications"].update(min_months="three years"), "should be a positive whole number"),
    (lambda d: d["levels"][2]["qualifications"].update(high_school="yes"), "should be true or false"),
    (lambda d: d["levels"][1].update(level=1), "repeats class code"),
    (lambda d: d["levels"][0].pop("ksas"), "'levels[0].ksas' is missing"),
])
def test_malformed_class_series_file(empty, tmp_path, change, expected):
    path = _yaml_with(CLASS_SERIES, tmp_path, change)
    with empty.begin() as conn, pytest.raises(DataFileError) as caught:
        seeds.import_class_series(conn, path)
    assert caught.value.path == str(path) and expected in caught.value.problem


def test_yaml_syntax_error_names_file_and_line(empty, tmp_path):
    path = _write(tmp_path, "bad.yml", "series: x\nlevels: [unclosed\n")
    with empty.begin() as conn, pytest.raises(DataFileError, match="not valid YAML") as caught:
        seeds.import_class_series(conn, path)
    assert caught.value.path == str(path) and caught.value.line is not None


# --- the loader on the shipped data -------------------------------------------------------------------


def test_loader_results_and_citations(store):
    _, loaded = store
    assert set(loaded) == {
        "competency_framework:43-4051.00", "competency_statement:43-4051.00", "apprenticeship:3001CB",
        "apprenticeship_competency:3001CB:work_process", "apprenticeship_competency:3001CB:ojt_core",
        "apprenticeship_course:3001CB", "class_level:customer_service_4807-4809"}
    assert loaded["competency_statement:43-4051.00"].rows == 40
    assert "© EBSCOed" in loaded["competency_framework:43-4051.00"].citation
    assert "v30.2 (CC BY 4.0)" in loaded["competency_framework:43-4051.00"].citation
    assert "Bulletin 2020-100" in loaded["apprenticeship:3001CB"].citation
    assert "Bulletin 2020-100" in loaded["apprenticeship_competency:3001CB:work_process"].citation
    assert "OJT Core Competencies" in loaded["apprenticeship_competency:3001CB:ojt_core"].citation
    assert "Bulletin 2020-100" in loaded["apprenticeship_course:3001CB"].citation
    assert "4807" in loaded["class_level:customer_service_4807-4809"].citation
    assert all(len(table) <= 64 and x.dataset and x.release for table, x in loaded.items())  # source.table_name


def test_apprenticeship_3001CB(store):
    engine, _ = store
    with engine.connect() as conn:
        (row,) = conn.execute(select(m.Apprenticeship.__table__)).all()
        assert (row.rapids_code, row.title, row.occupation_code, row.match, row.training_type) == (
            "3001CB", "Customer Service Representative", "43-4051.00", "exact", "competency-based")
        assert row.term == "attainment of all competencies, expected within two years of on-the-job learning"
        assert "Bulletin 2020-100" in row.source and "August 17, 2020" in row.source
        table = m.ApprenticeshipCompetency.__table__
        work = conn.execute(select(table).where(table.c.schedule == "work_process").order_by(table.c.seq)).all()
        core = conn.execute(select(table).where(table.c.schedule == "ojt_core").order_by(table.c.seq)).all()
        courses = conn.execute(select(m.ApprenticeshipCourse.__table__).order_by(m.ApprenticeshipCourse.seq)).all()
    assert work[0].competency == "Demonstrates the highest level of customer service with effective resolution"
    assert len([w for w in work if w.category is None]) == 27
    headed = {}
    for w in work:
        if w.category:
            headed.setdefault(w.category, []).append(w.competency)
    assert {k: len(v) for k, v in headed.items()} == {"Develop Technical Solutions": 3, "Client Solicitation": 5,
                                                      "Ticket Management and Documentation": 6, "Prospecting": 5,
                                                      "Presenting": 6}
    assert headed["Prospecting"][0] == "Cold calling"
    assert len(core) == 16 and len({c.category for c in core}) == 14
    assert [c.competency for c in core if c.category == "Respond to customer problems or complaints"][2].startswith(
        "Obtain and examine all relevant information")
    assert [(c.course, c.hours) for c in courses][0] == ("Onboarding and Continuous Employee Development", 24)
    assert len(courses) == 12 and sum(c.hours for c in courses) == 288


def test_apprenticeship_row_of_the_dol_list_is_kept(empty):
    with empty.begin() as conn:
        conn.execute(m.Apprenticeship.__table__.insert().values(
            rapids_code="3001CB", title="Customer Service Representative", training_type="competency-based", source="list"))
        loaded = {x.table: x for x in seeds.load(conn)}
        assert loaded["apprenticeship:3001CB"].rows == 0
        assert _count(conn, m.Apprenticeship) == 1
        assert _count(conn, m.ApprenticeshipCourse) == 12


def test_apprenticeship_seen_by_lookup(store):
    from knowledge import lookup

    engine, _ = store
    with Session(engine) as session:
        (entry,) = lookup.apprenticeships(session, "43-4051.00")
    assert entry["rapids_code"] == "3001CB" and entry["training_type"] == "competency-based"
    assert entry["related_instruction"]["hours"] == 288
    assert {c["schedule"] for c in entry["competencies"]} == {"work_process", "ojt_core"}


def test_class_levels(store):
    engine, _ = store
    with engine.connect() as conn:
        rows = conn.execute(select(m.ClassLevel.__table__).order_by(m.ClassLevel.level)).all()
    assert [(r.class_code, r.level, r.title) for r in rows] == [
        ("4807", 1, "Customer Service Assistant"), ("4808", 2, "Customer Service Representative"),
        ("4809", 3, "Customer Service Specialist")]
    assert [r.min_months for r in rows] == [18, 36, 36]
    assert [r.max_credit_months for r in rows] == [24, 48, 48]
    assert [r.months_per_30_credits for r in rows] == [12, 12, 12]
    assert [r.prior_level_months for r in rows] == [None, None, 12]
    assert "Customer Service Representative" in rows[2].prior_level_requirement
    assert all(r.requires_high_school and r.occupation_code == "43-4051.00" and r.promotional_line == "343" for r in rows)
    assert "business administration" in rows[1].qualifying_coursework
    assert "healthcare administration" in json.loads(rows[0].qualifying_experience)
    assert [len(json.loads(r.duties)) for r in rows] == [16, 9, 11]
    assert [len(json.loads(r.ksas)) for r in rows] == [7, 7, 8]
    assert json.loads(rows[2].ksas)[-1]["name"] == "Supervision"


# --- the career ladder ----------------------------------------------------------------------------------


def _levels(result) -> dict:
    return {lv["class_code"]: lv for lv in result["levels"]}


def test_ladder_experience_plus_credit(store):
    engine, _ = store
    with engine.connect() as conn:
        result = ladder.qualifying_levels(conn, 12, semester_hours=30)
    levels = _levels(result)
    assert levels["4807"]["qualifies"] and not levels["4808"]["qualifies"]
    assert levels["4807"]["counted"]["total_months"] == 24
    assert levels["4807"]["counted"]["credit_months"] == 12
    assert "12 months of experience + 12 months for 30 semester hours = 24 months counted" in levels["4807"]["counted"]["how"]
    assert result["highest"]["class_code"] == "4807"
    assert result["next"]["class_code"] == "4808"
    assert result["next"]["missing"] == ["12 more months of experience, or 30 more semester hours"]


def test_ladder_missing_months_in_experience_or_hours(store):
    engine, _ = store
    with engine.connect() as conn:
        result = ladder.qualifying_levels(conn, 27)
        none = ladder.qualifying_levels(conn, 0)
    assert result["next"]["summary"] == "9 more months of experience, or 23 more semester hours"
    assert none["highest"] is None and none["next"]["class_code"] == "4807"
    assert none["next"]["missing"] == ["18 more months of experience, or 45 more semester hours"]


def test_ladder_specialist_needs_representative_experience(store):
    engine, _ = store
    with engine.connect() as conn:
        without = ladder.qualifying_levels(conn, 40)
        with_rep = ladder.qualifying_levels(conn, 40, months_as_representative=12)
        short = ladder.qualifying_levels(conn, 30, months_as_representative=12)
        rep_only = ladder.qualifying_levels(conn, 0, months_as_representative=36)
    assert _levels(without)["4808"]["qualifies"] and not _levels(without)["4809"]["qualifies"]
    assert without["next"]["missing"] == [
        "12 more months of work experience comparable to that gained as a Customer Service Representative"]
    assert with_rep["highest"]["class_code"] == "4809" and with_rep["next"] is None
    assert not _levels(short)["4809"]["qualifies"]  # 36 months AND 12 as a representative
    assert _levels(short)["4809"]["missing"] == ["6 more months of experience, or 15 more semester hours"]
    assert rep_only["highest"]["class_code"] == "4809"  # time as a representative is experience too


def test_ladder_credit_over_the_cap_is_not_counted(store):
    engine, _ = store
    with engine.connect() as conn:
        levels = _levels(ladder.qualifying_levels(conn, 0, semester_hours=150))
    assert levels["4807"]["counted"]["credit_months"] == 24  # 150 h are worth 60 months; 4807's table stops at 24
    assert levels["4807"]["counted"]["credit_months_not_counted"] == 36
    assert levels["4808"]["counted"]["credit_months"] == 48
    assert "at most 24" in levels["4807"]["counted"]["how"]
    assert "up to 60 semester hours = 24 months" in levels["4807"]["credit_rule"]


def test_ladder_high_school_and_bad_input(store):
    engine, _ = store
    with engine.connect() as conn:
        result = ladder.qualifying_levels(conn, 60, high_school=False)
        with pytest.raises(ValueError):
            ladder.qualifying_levels(conn, -1)
    assert result["highest"] is None
    assert result["next"]["missing"] == ["a high school diploma or equivalent"]


def test_ladder_rules_come_from_the_rows(empty):
    """A made-up series whose credit cap is below the months required: the cap shapes what is missing."""
    with empty.begin() as conn:
        conn.execute(m.ClassLevel.__table__.insert(), [
            {"class_code": "X1", "series": "Test", "level": 1, "title": "One", "requires_high_school": False,
             "min_months": 36, "months_per_30_credits": 12, "max_credit_months": 24},
            {"class_code": "X2", "series": "Test", "level": 2, "title": "Two", "requires_high_school": False,
             "min_months": 48, "months_per_30_credits": 6, "max_credit_months": None,
             "prior_level_months": 6, "prior_level_requirement": "experience as One"},
        ])
    with empty.connect() as conn:
        capped = ladder.qualifying_levels(conn, 0, semester_hours=120)
        partial = ladder.qualifying_levels(conn, 0, semester_hours=30)
        uncapped = ladder.qualifying_levels(conn, 0, semester_hours=240, months_as_representative=6)
    assert not _levels(capped)["X1"]["qualifies"]
    assert _levels(capped)["X1"]["missing"] == [
        "12 more months of experience (college credit already counts for the most it can, 24 months)"]
    assert _levels(partial)["X1"]["missing"] == [
        "24 more months of experience, or 30 more semester hours (college credit counts for at most 24 months) "
        "plus 12 more months of experience"]
    assert _levels(uncapped)["X2"]["qualifies"]  # 6 + 240 h at 6 months per 30 h = 54 months
    assert _levels(uncapped)["X2"]["counted"]["credit_months"] == 48


def test_ladder_several_series(empty):
    with empty.begin() as conn:
        for series in ("A", "B"):
            conn.execute(m.ClassLevel.__table__.insert().values(
                class_code=series, series=series, level=1, title=series, requires_high_school=True,
                min_months=1, months_per_30_credits=12))
    with empty.connect() as conn:
        with pytest.raises(ValueError, match="several class series"):
            ladder.qualifying_levels(conn, 12)
        assert ladder.qualifying_levels(conn, 12, series="B")["highest"]["class_code"] == "B"


# --- competency placement -------------------------------------------------------------------------------


FRAMEWORK = {"levels": [
    {"key": key, "label": key.title(), "rank": rank, "statements": [f"{key} {i}" for i in range(10)]}
    for rank, key in enumerate(("emerging", "developing", "proficient", "advanced"), 1)]}


def test_sample_statements_is_spread_and_deterministic():
    sample = competency.sample_statements(FRAMEWORK)
    assert sample == competency.sample_statements(FRAMEWORK)
    assert list(sample) == ["emerging", "developing", "proficient", "advanced"]
    assert sample["emerging"] == ["emerging 0", "emerging 3", "emerging 6"]
    assert len(competency.sample_statements(FRAMEWORK, per_level=20)["advanced"]) == 10
    with pytest.raises(ValueError):
        competency.sample_statements(FRAMEWORK, per_level=0)


def test_place_highest_level_met_with_every_level_below():
    yes3 = [True, True, True]
    assert competency.place(FRAMEWORK, {k: yes3 for k in ("emerging", "developing", "proficient", "advanced")})["level"] == "advanced"
    result = competency.place(FRAMEWORK, {"emerging": yes3, "developing": [True, False, True], "proficient": yes3})
    assert result["level"] == "emerging"  # 2 of 3 is under 70 %; proficient does not count above a gap
    assert result["next"]["key"] == "developing"
    assert result["next"]["not_yet"] == ["developing 3"]
    assert len(result["next"]["statements"]) == 10
    assert competency.place(FRAMEWORK, {"emerging": [True, True, True, True, False]})["level"] == "emerging"  # 80 %


def test_place_nothing_met_and_bad_answers():
    result = competency.place(FRAMEWORK, {"emerging": [False, True, False]})
    assert result["level"] is None and result["rank"] == 0 and result["next"]["key"] == "emerging"
    assert competency.place(FRAMEWORK, {})["level"] is None
    with pytest.raises(ValueError, match="unknown level"):
        competency.place(FRAMEWORK, {"expert": [True]})
    with pytest.raises(ValueError, match="11 answers"):
        competency.place(FRAMEWORK, {"emerging": [True] * 11})


def test_place_on_the_stored_framework(store):
    engine, _ = store
    with engine.connect() as conn:
        fw = competency.framework_for(conn, "43-4051.00")
        assert competency.framework_for(conn, "99-9999.00") is None
    assert [len(lv["statements"]) for lv in fw["levels"]] == [10, 10, 10, 10]
    assert fw["levels"][0]["statements"][0].startswith("Account lookups and identity verification")
    sample = competency.sample_statements(fw, per_level=3)
    answers = {"emerging": [True] * 3, "developing": [True] * 3, "proficient": [True, False, False]}
    result = competency.place(fw, answers)
    assert result["label"] == "Developing" and result["next"]["key"] == "proficient"
    assert result["next"]["not_yet"] == sample["proficient"][1:]
