"""The project's own structured data (``knowledge/data``), written from the seed documents.

- ``frameworks/*.json``: leveled competency frameworks, as exported (schemaVersion 1.0): an occupation
  and four levels (emerging, developing, proficient, advanced), each with a label and statements.
- ``apprenticeships/*.yml``: registered apprenticeship occupations the DOL list lacks, with their work
  process competency checklist, OJT core competencies and related instruction courses.
- ``class_series/*.yml``: civil-service class series (one employer's career ladder) with each level's
  duties, KSAs and minimum qualifications.

Every file is checked before anything is stored: a malformed one stops the build with a DataFileError
naming the file and what is wrong with it.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, NoReturn

import yaml
from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from knowledge import config
from knowledge import models as m
from knowledge.loaders import Loaded, insert_rows
from knowledge.loaders.apprenticeship import map_code
from knowledge.textfile import DataFileError

FRAMEWORKS = "frameworks"
APPRENTICESHIPS = "apprenticeships"
CLASS_SERIES = "class_series"
SCHEMA_VERSION = "1.0"
LEVELS = ("emerging", "developing", "proficient", "advanced")  # in rank order, 1..4
TRAINING_TYPES = ("time-based", "competency-based", "hybrid")
OCCUPATION_CODE = re.compile(r"^\d\d-\d{4}\.\d\d$")
SOURCE_LIMIT = 200  # apprenticeship.source


# --- checking parsed documents -------------------------------------------------------------------


class _Check:
    """Typed access into a parsed JSON/YAML document; every failure names the file and the key path."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, problem: str, line: int | None = None) -> NoReturn:
        raise DataFileError(self.path, line, problem)

    def mapping(self, value: Any, where: str) -> dict:
        if not isinstance(value, dict):
            self.fail(f"{where} should be a mapping of keys to values, found {_kind(value)}")
        return value

    def value(self, parent: dict, key: str, where: str) -> Any:
        if key not in parent or parent[key] is None:
            self.fail(f"'{_join(where, key)}' is missing")
        return parent[key]

    def text(self, parent: dict, key: str, where: str = "", required: bool = True) -> str | None:
        if not required and parent.get(key) is None:
            return None
        value = self.value(parent, key, where)
        if not isinstance(value, str) or not value.strip():
            self.fail(f"'{_join(where, key)}' should be non-empty text, found {_kind(value)}")
        return " ".join(value.split())

    def number(self, parent: dict, key: str, where: str = "", integer: bool = False, required: bool = True) -> float | None:
        if not required and parent.get(key) is None:
            return None
        value = self.value(parent, key, where)
        ok = isinstance(value, int) if integer else isinstance(value, (int, float))
        if isinstance(value, bool) or not ok or value <= 0:
            expected = "a positive whole number" if integer else "a positive number"
            self.fail(f"'{_join(where, key)}' should be {expected}, found {value!r}")
        return value

    def flag(self, parent: dict, key: str, where: str = "") -> bool:
        value = self.value(parent, key, where)
        if not isinstance(value, bool):
            self.fail(f"'{_join(where, key)}' should be true or false, found {value!r}")
        return value

    def items(self, parent: dict, key: str, where: str = "", what: str = "entries") -> list:
        value = self.value(parent, key, where)
        if not isinstance(value, list) or not value:
            self.fail(f"'{_join(where, key)}' should be a non-empty list of {what}, found {_kind(value)}")
        return value

    def texts(self, parent: dict, key: str, where: str = "", what: str = "entries") -> list[str]:
        out = []
        for i, value in enumerate(self.items(parent, key, where, what)):
            if not isinstance(value, str) or not value.strip():
                self.fail(f"'{_join(where, key)}[{i}]' should be non-empty text, found {_kind(value)}")
            out.append(" ".join(value.split()))
        return out

    def code(self, parent: dict, key: str, where: str = "") -> str:
        value = self.text(parent, key, where)
        if not OCCUPATION_CODE.match(value):
            self.fail(f"'{_join(where, key)}' should be an O*NET-SOC code like 43-4051.00, found {value!r}")
        return value


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, (list, dict)) and not value:
        return f"an empty {'list' if isinstance(value, list) else 'mapping'}"
    if isinstance(value, str):
        return f"text {value!r}" if value.strip() else "empty text"
    return f"{type(value).__name__} {value!r}"[:80]


def _read_text(path: Path) -> str:
    if not path.is_file():
        raise DataFileError(path, None, "file not found")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFileError(path, None, f"not valid UTF-8 text ({exc.reason} at byte {exc.start})") from None


def _read_json(path: Path) -> dict:
    try:
        document = json.loads(_read_text(path))
    except json.JSONDecodeError as exc:
        raise DataFileError(path, exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})") from None
    return _Check(path).mapping(document, "the file")


def _read_yaml(path: Path) -> dict:
    try:
        document = yaml.load(_read_text(path), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataFileError(path, mark.line + 1 if mark else None, f"not valid YAML: {problem}") from None
    return _Check(path).mapping(document, "the file")


# --- competency frameworks (JSON export, schemaVersion 1.0) -----------------------------------------


def read_framework(path: Path) -> dict:
    """Parse and check one framework export; returns it normalised (levels as a list in rank order)."""
    path = Path(path)
    doc = _read_json(path)
    check = _Check(path)
    if "schemaVersion" not in doc:
        check.fail(f'schemaVersion is missing; this importer reads schemaVersion "{SCHEMA_VERSION}" exports')
    if doc["schemaVersion"] != SCHEMA_VERSION:
        check.fail(f'schemaVersion is {doc["schemaVersion"]!r}; this importer reads only schemaVersion "{SCHEMA_VERSION}"')
    occupation = check.mapping(check.value(doc, "occupation", ""), "'occupation'")
    framework = check.mapping(check.value(doc, "framework", ""), "'framework'")
    levels = check.mapping(check.value(framework, "levels", "framework"), "'framework.levels'")
    missing = [key for key in LEVELS if key not in levels]
    if missing:
        check.fail(f"'framework.levels' lacks level(s) {', '.join(missing)}; a framework needs {', '.join(LEVELS)}")
    unknown = [key for key in levels if key not in LEVELS]
    if unknown:
        check.fail(f"'framework.levels' has unknown level(s) {', '.join(map(str, unknown))}; expected {', '.join(LEVELS)}")
    out_levels = []
    for rank, key in enumerate(LEVELS, 1):
        where = f"framework.levels.{key}"
        level = check.mapping(levels[key], f"'{where}'")
        out_levels.append({"key": key, "label": check.text(level, "label", where), "rank": rank,
                           "statements": check.texts(level, "statements", where, "statements")})
    sources = doc.get("sources") or {}
    check.mapping(sources, "'sources'")
    return {
        "schema_version": SCHEMA_VERSION,
        "exported_at": doc.get("exportedAt") if isinstance(doc.get("exportedAt"), str) else None,
        "occupation_code": check.code(occupation, "soc", "occupation"),
        "title": check.text(occupation, "title", "occupation"),
        "version": framework.get("version"),
        "description": check.text(framework, "description", "framework", required=False),
        "context": check.text(framework, "contextCovered", "framework", required=False),
        "attribution": check.text(doc, "attribution", required=False),
        "sources": {str(k): str(v) for k, v in sources.items() if v is not None},
        "levels": out_levels,
    }


def framework_citation(framework: dict) -> str:
    """The framework's own attribution and sources, as one citation."""
    parts = [f"{framework['title']} ({framework['occupation_code']}) leveled competency framework, "
             f"schemaVersion {framework['schema_version']}"
             + (f", exported {framework['exported_at'][:10]}" if framework["exported_at"] else "")]
    if framework["attribution"]:
        parts.append(framework["attribution"])
    if framework["sources"]:
        parts.append("sources: " + ", ".join(f"{k} {v}" for k, v in framework["sources"].items()))
    return "; ".join(parts)


def import_framework(conn: Connection, path: Path) -> list[Loaded]:
    """Check one framework export (schemaVersion 1.0) and store it; raises DataFileError if malformed."""
    path = Path(path)
    fw = read_framework(path)
    code = fw["occupation_code"]
    if conn.execute(select(m.CompetencyFramework.id).where(m.CompetencyFramework.occupation_code == code)).first():
        raise DataFileError(path, None, f"a competency framework for {code} is already loaded; keep one file per occupation")
    framework_id = conn.execute(m.CompetencyFramework.__table__.insert().values(
        occupation_code=code, title=fw["title"], description=fw["description"], context=fw["context"],
        schema_version=fw["schema_version"], attribution=fw["attribution"])).inserted_primary_key[0]
    rows = [{"framework_id": framework_id, "level_key": level["key"], "level_label": level["label"],
             "level_rank": level["rank"], "seq": seq, "statement": statement}
            for level in fw["levels"] for seq, statement in enumerate(level["statements"], 1)]
    insert_rows(conn, m.CompetencyStatement.__table__, rows)
    citation = framework_citation(fw)
    release = str(fw["version"]) if fw["version"] else (fw["exported_at"] or "")[:10] or "undated"
    dataset = f"Competency framework: {fw['title']}"
    return [Loaded(f"competency_framework:{code}", dataset, release, [_rel(path)], 1, citation),
            Loaded(f"competency_statement:{code}", dataset, release, [_rel(path)], len(rows), citation,
                   ", ".join(f"{lv['key']} {len(lv['statements'])}" for lv in fw["levels"]))]


# --- apprenticeships (YAML) -------------------------------------------------------------------------


def read_apprenticeship(path: Path) -> dict:
    """Parse and check one apprenticeship file; returns it with competencies flattened to rows."""
    path = Path(path)
    doc = _read_yaml(path)
    check = _Check(path)
    sources = check.mapping(check.value(doc, "sources", ""), "'sources'")
    for name, source in sources.items():
        check.mapping(source, f"'sources.{name}'")
        check.text(source, "citation", f"sources.{name}")
        check.text(source, "release", f"sources.{name}")

    def source_of(section: dict, where: str) -> str:
        name = check.text(section, "source", where)
        if name not in sources:
            check.fail(f"'{_join(where, 'source')}' names {name!r}, which is not one of sources: {', '.join(sources)}")
        return name

    out = {"rapids_code": check.text(doc, "rapids_code"), "title": check.text(doc, "title"),
           "onet_code": check.code(doc, "onet_code"), "term": check.text(doc, "term", required=False),
           "source": source_of(doc, ""), "sources": sources, "competencies": {}, "competency_sources": {},
           "courses": [], "course_source": None, "hours_per_year": None}
    out["training_type"] = check.text(doc, "training_type")
    if out["training_type"] not in TRAINING_TYPES:
        check.fail(f"'training_type' should be one of {', '.join(TRAINING_TYPES)}, found {out['training_type']!r}")
    if len(sources[out["source"]]["citation"]) > SOURCE_LIMIT:
        check.fail(f"the citation of sources.{out['source']} is longer than {SOURCE_LIMIT} characters; shorten it "
                   "(it is stored as the apprenticeship's source)")
    if out["term"] and len(out["term"]) > 120:
        check.fail("'term' is longer than 120 characters; keep the full wording elsewhere")

    if doc.get("work_process") is not None:
        section = check.mapping(doc["work_process"], "'work_process'")
        rows = []
        for i, entry in enumerate(check.items(section, "competencies", "work_process", "competencies")):
            where = f"work_process.competencies[{i}]"
            if isinstance(entry, str) and entry.strip():
                rows.append((None, " ".join(entry.split())))
            elif isinstance(entry, dict):
                heading = check.text(entry, "competency", where)
                rows += [(heading, item) for item in check.texts(entry, "items", where, "sub-competencies")]
            else:
                check.fail(f"'{where}' should be a competency (text) or a mapping with competency and items, found {_kind(entry)}")
        out["competencies"]["work_process"] = rows
        out["competency_sources"]["work_process"] = source_of(section, "work_process")

    if doc.get("ojt_core") is not None:
        section = check.mapping(doc["ojt_core"], "'ojt_core'")
        rows = []
        for i, entry in enumerate(check.items(section, "categories", "ojt_core", "essential job categories")):
            where = f"ojt_core.categories[{i}]"
            check.mapping(entry, f"'{where}'")
            category = check.text(entry, "category", where)
            rows += [(category, statement) for statement in check.texts(entry, "competencies", where, "competencies")]
        out["competencies"]["ojt_core"] = rows
        out["competency_sources"]["ojt_core"] = source_of(section, "ojt_core")

    if doc.get("related_instruction") is not None:
        section = check.mapping(doc["related_instruction"], "'related_instruction'")
        where = "related_instruction"
        out["course_source"] = source_of(section, where)
        out["hours_per_year"] = check.number(section, "hours_per_year", where, required=False)
        for i, entry in enumerate(check.items(section, "courses", where, "courses")):
            check.mapping(entry, f"'{where}.courses[{i}]'")
            out["courses"].append((check.text(entry, "course", f"{where}.courses[{i}]"),
                                   float(check.number(entry, "hours", f"{where}.courses[{i}]"))))
        total = sum(hours for _, hours in out["courses"])
        if out["hours_per_year"] is not None and abs(total - out["hours_per_year"]) > 1e-6:
            check.fail(f"the related instruction courses add up to {total:g} hours, not the {out['hours_per_year']:g} "
                       "hours_per_year the file states")
    return out


def import_apprenticeship(conn: Connection, path: Path) -> list[Loaded]:
    """Store one apprenticeship file: its occupation row (unless the DOL list has it), competencies, courses."""
    path = Path(path)
    ap = read_apprenticeship(path)
    code, files = ap["rapids_code"], [_rel(path)]
    cite = {name: " ".join(s["citation"].split()) for name, s in ap["sources"].items()}
    release = {name: str(s["release"]) for name, s in ap["sources"].items()}
    loaded = []

    occupations = dict(conn.execute(select(m.Occupation.code, m.Occupation.title)).all())
    if not occupations or ap["onet_code"] in occupations:
        occupation, how = ap["onet_code"], "exact"
    else:
        occupation, how = map_code(ap["onet_code"], ap["title"], occupations)
    existing = conn.execute(select(func.count()).select_from(m.Apprenticeship)
                            .where(m.Apprenticeship.rapids_code == code)).scalar_one()
    main = ap["source"]
    if existing:
        loaded.append(Loaded(f"apprenticeship:{code}", f"Seed: {ap['title']}", release[main], files, 0, cite[main],
                             "the DOL list already has this RAPIDS code; its row was kept"))
    else:
        conn.execute(m.Apprenticeship.__table__.insert().values(
            rapids_code=code, title=ap["title"], onet_code_given=ap["onet_code"], occupation_code=occupation,
            match=how, training_type=ap["training_type"], term=ap["term"], source=cite[main]))
        loaded.append(Loaded(f"apprenticeship:{code}", f"Seed: {ap['title']}", release[main], files, 1, cite[main],
                             f"occupation {occupation} ({how})"))

    for schedule, rows in ap["competencies"].items():
        source = ap["competency_sources"][schedule]
        n = insert_rows(conn, m.ApprenticeshipCompetency.__table__, [
            {"rapids_code": code, "schedule": schedule, "category": category, "competency": competency, "seq": seq}
            for seq, (category, competency) in enumerate(rows, 1)])
        categories = len({c for c, _ in rows if c})
        loaded.append(Loaded(f"apprenticeship_competency:{code}:{schedule}", f"Seed: {ap['title']} {schedule}",
                             release[source], files, n, cite[source],
                             f"{n} competencies" + (f" in {categories} categories" if categories else "")))
    if ap["courses"]:
        source = ap["course_source"]
        n = insert_rows(conn, m.ApprenticeshipCourse.__table__, [
            {"rapids_code": code, "course": course, "hours": hours, "seq": seq}
            for seq, (course, hours) in enumerate(ap["courses"], 1)])
        total = sum(hours for _, hours in ap["courses"])
        loaded.append(Loaded(f"apprenticeship_course:{code}", f"Seed: {ap['title']} related instruction",
                             release[source], files, n, cite[source], f"{n} courses, {total:g} hours a year"))
    return loaded


# --- civil-service class series (YAML) --------------------------------------------------------------


def read_class_series(path: Path) -> dict:
    """Parse and check one class-series file; returns the series with one ClassLevel row per level."""
    path = Path(path)
    doc = _read_yaml(path)
    check = _Check(path)
    source = check.mapping(check.value(doc, "source", ""), "'source'")
    series = check.text(doc, "series")
    promotional_line = doc.get("promotional_line")
    experience = check.texts(doc, "qualifying_experience", "", "kinds of experience")
    occupation_code = check.code(doc, "occupation_code") if doc.get("occupation_code") is not None else None
    rows, seen_codes, seen_levels = [], set(), set()
    for i, level in enumerate(check.items(doc, "levels", "", "levels")):
        where = f"levels[{i}]"
        check.mapping(level, f"'{where}'")
        class_code = str(check.value(level, "class_code", where))
        number = int(check.number(level, "level", where, integer=True))
        if class_code in seen_codes or number in seen_levels:
            check.fail(f"'{where}' repeats class code {class_code} or level {number}")
        seen_codes.add(class_code)
        seen_levels.add(number)
        q = check.mapping(check.value(level, "qualifications", where), f"'{where}.qualifications'")
        qw = f"{where}.qualifications"
        months_per_30, cap = _credit_rule(check, q, qw)
        prior = q.get("prior_experience")
        if prior is not None:
            check.mapping(prior, f"'{qw}.prior_experience'")
        ksas = []
        for j, ksa in enumerate(check.items(level, "ksas", where, "KSAs")):
            check.mapping(ksa, f"'{where}.ksas[{j}]'")
            ksas.append({"name": check.text(ksa, "name", f"{where}.ksas[{j}]"),
                         "description": check.text(ksa, "description", f"{where}.ksas[{j}]", required=False)})
        rows.append({
            "class_code": class_code, "series": series,
            "promotional_line": str(promotional_line) if promotional_line is not None else None,
            "level": number, "title": check.text(level, "title", where), "occupation_code": occupation_code,
            "summary": check.text(level, "summary", where, required=False),
            "requires_high_school": check.flag(q, "high_school", qw),
            "min_months": int(check.number(q, "min_months", qw, integer=True)),
            "months_per_30_credits": months_per_30, "max_credit_months": cap,
            "qualifying_experience": json.dumps(experience),
            "qualifying_coursework": check.text(q, "coursework", qw, required=False),
            "prior_level_months": int(check.number(prior, "months", f"{qw}.prior_experience", integer=True)) if prior else None,
            "prior_level_requirement": check.text(prior, "kind", f"{qw}.prior_experience") if prior else None,
            "duties": json.dumps(check.texts(level, "duties", where, "duties")),
            "ksas": json.dumps(ksas, ensure_ascii=False),
        })
    return {"series": series, "citation": check.text(source, "citation", "source"),
            "release": str(check.value(source, "release", "source")), "levels": sorted(rows, key=lambda r: r["level"])}


def _credit_rule(check: _Check, q: dict, where: str) -> tuple[int, int | None]:
    """(months per 30 semester hours, cap in months) from a level's conversion table."""
    table = check.items(q, "credit_conversion", where, "{semester_hours, months} rows")
    ratios = set()
    for k, row in enumerate(table):
        check.mapping(row, f"'{where}.credit_conversion[{k}]'")
        hours = check.number(row, "semester_hours", f"{where}.credit_conversion[{k}]")
        months = check.number(row, "months", f"{where}.credit_conversion[{k}]")
        ratios.add(round(months * 30 / hours, 6))
    if len(ratios) != 1:
        check.fail(f"'{where}.credit_conversion' is not proportional (months per 30 semester hours: "
                   f"{', '.join(f'{r:g}' for r in sorted(ratios))})")
    per_30 = ratios.pop()
    if per_30 != int(per_30):
        check.fail(f"'{where}.credit_conversion' gives {per_30:g} months per 30 semester hours; expected a whole number")
    last = max(row["months"] for row in table)
    cap = q.get("credit_cap_months", last)
    if cap is not None and cap != last:
        check.fail(f"'{where}.credit_cap_months' is {cap!r} but the conversion table stops at {last:g} months")
    return int(per_30), (int(cap) if cap is not None else None)


def import_class_series(conn: Connection, path: Path) -> list[Loaded]:
    path = Path(path)
    series = read_class_series(path)
    for row in series["levels"]:
        if conn.execute(select(m.ClassLevel.class_code).where(m.ClassLevel.class_code == row["class_code"])).first():
            raise DataFileError(path, None, f"class code {row['class_code']} is already loaded from another class-series file")
    n = insert_rows(conn, m.ClassLevel.__table__, series["levels"])
    levels = ", ".join(f"{r['class_code']} {r['title']}" for r in series["levels"])
    return [Loaded(f"class_level:{path.stem}", f"Class series: {series['series']}", series["release"], [_rel(path)], n,
                   " ".join(series["citation"].split()), levels)]


# --- the build step -----------------------------------------------------------------------------------


def load(conn: Connection, folder: Path | None = None) -> list[Loaded]:
    """Import every framework, apprenticeship and class-series file under ``folder`` (knowledge/data)."""
    folder = Path(folder) if folder else config.PACKAGE_DATA
    loaded: list[Loaded] = []
    for path in _files(folder / FRAMEWORKS, ".json"):
        loaded += import_framework(conn, path)
    for path in _files(folder / APPRENTICESHIPS, ".yml", ".yaml"):
        loaded += import_apprenticeship(conn, path)
    for path in _files(folder / CLASS_SERIES, ".yml", ".yaml"):
        loaded += import_class_series(conn, path)
    return loaded


def _files(folder: Path, *suffixes: str) -> list[Path]:
    return sorted(p for p in folder.glob("*") if p.is_file() and p.suffix in suffixes) if folder.is_dir() else []


def _rel(path: Path) -> str:
    """A path relative to the package data folder when it is inside it (as the Source table shows it)."""
    try:
        return str(path.resolve().relative_to(config.PACKAGE_DATA.parent))
    except ValueError:
        return str(path)
