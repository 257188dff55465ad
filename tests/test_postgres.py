"""PostgreSQL as the store, end to end: a real server (Debian's package, started by the
``postgres_url`` fixture through scripts/postgres.sh), the real ``careerbot`` command in a subprocess,
the shared data. Checks that a build lands in the schema 'careerbot', answers the same as the SQLite
store, swaps in atomically when rebuilt, and that a build failing midway leaves the live store as it was."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from knowledge import config
from knowledge import models as m
from knowledge.db import open_store
from tests.servers import CAREERBOT

pytestmark = pytest.mark.postgres

SCHEMA = "careerbot"
# The subprocesses read --db (PostgreSQL) or the default SQLite store, whatever this shell has set.
ENV = {k: v for k, v in os.environ.items() if k not in ("CAREERBOT_DB_URL", "CAREERBOT_DB_SCHEMA")}


def careerbot(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([CAREERBOT, *args], capture_output=True, text=True, env=ENV, cwd=config.PROJECT_ROOT, timeout=900)


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, f"{result.args} exited {result.returncode}:\n{result.stderr[-3000:]}"
    return result


def schemas(url: str) -> dict[str, int]:
    """Schema name -> oid, for the store's schemas (live, staging, old)."""
    engine = create_engine(url, future=True)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT nspname, oid::bigint FROM pg_namespace WHERE nspname LIKE :p"), {"p": f"{SCHEMA}%"})
            return dict(rows.all())
    finally:
        engine.dispose()


def sources(url: str) -> dict[str, int]:
    return {r["table_name"]: r["rows"] for r in json.loads(ok(careerbot("sources", "--json", "--db", url)).stdout)}


def occupation(*db: str) -> dict:
    return json.loads(ok(careerbot("occupation", "43-4051.00", "--state", "ME", "--json", *db)).stdout)


@pytest.fixture(scope="module")
def pg_store(postgres_url, shared_data) -> str:
    """The shared data built into the PostgreSQL server once for this module."""
    started = time.perf_counter()
    ok(careerbot("build", "--db", postgres_url, "--data", str(shared_data), "--quiet"))
    sys.stderr.write(f"\nPostgreSQL build: {time.perf_counter() - started:.1f} s\n")
    return postgres_url


def test_build_lists_every_dataset_with_rows(pg_store):
    listed = sources(pg_store)
    for table in ("occupation", "rating:abilities", "rating:skills", "rating:knowledge", "element", "wage", "area",
                  "projection", "cip_program", "cip_soc", "institution", "institution_program", "apprenticeship", "matrix"):
        assert listed.get(table, 0) > 0, f"{table} missing or empty in {listed}"
    assert listed["occupation"] > 900 and listed["wage"] > 100_000
    assert list(schemas(pg_store)) == [SCHEMA]


def test_occupation_answers_as_the_sqlite_store_does(pg_store):
    pg, lite = occupation("--db", pg_store), occupation()  # no --db: the default store var/careerbot.sqlite
    assert pg["title"] == lite["title"] == "Customer Service Representatives"
    assert pg["job_zone"]["zone"] == lite["job_zone"]["zone"]
    for domain in ("abilities", "skills", "knowledge"):
        assert len(pg[domain]["ratings"]) == len(lite[domain]["ratings"]) > 0, domain
        assert {r["element_id"] for r in pg[domain]["ratings"]} == {r["element_id"] for r in lite[domain]["ratings"]}
    assert pg["wages"]["state"]["state"] == lite["wages"]["state"]["state"] == "ME"
    assert pg["wages"]["state"]["annual_median"] == lite["wages"]["state"]["annual_median"] > 0


def test_second_build_swaps_in_atomically(pg_store, shared_data):
    before = schemas(pg_store)
    build = subprocess.Popen([CAREERBOT, "build", "--db", pg_store, "--data", str(shared_data), "--quiet"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENV, cwd=config.PROJECT_ROOT)
    # Readers keep being answered all through the build and the swap (the old store, then the new one).
    reader = open_store(pg_store)
    reads = 0
    try:
        while build.poll() is None:
            with reader.connect() as conn:
                assert conn.execute(select(func.count()).select_from(m.Occupation)).scalar_one() > 900
            reads += 1
            time.sleep(0.25)
    finally:
        reader.dispose()
        _, stderr = build.communicate(timeout=900)
    assert build.returncode == 0, stderr[-3000:]
    assert reads > 10
    after = schemas(pg_store)
    assert list(after) == [SCHEMA], f"leftover staging or old schemas: {after}"
    assert after[SCHEMA] != before[SCHEMA], "the live schema should be the newly built one"
    assert sources(pg_store)["occupation"] > 900


def _data_with_truncated_skills(shared_data: Path, folder: Path) -> tuple[Path, int]:
    """A copy of the data folder (files as symlinks) whose Skills.txt stops in the middle of a line."""
    shutil.copytree(shared_data.resolve(), folder, copy_function=os.symlink)
    skills = next(folder.resolve().rglob("Skills.txt"))
    lines = skills.read_text(encoding="utf-8").splitlines(keepends=True)
    skills.parent.chmod(0o755)
    skills.unlink()
    cut = lines[1000]
    skills.write_text("".join(lines[:1000]) + cut[: cut.index("\t", cut.index("\t") + 1) + 3], encoding="utf-8")
    return skills, 1001  # the header is line 1


def test_failed_build_leaves_the_live_store_intact(pg_store, shared_data, tmp_path):
    before_schemas, before_sources = schemas(pg_store), sources(pg_store)
    skills, line = _data_with_truncated_skills(shared_data, tmp_path / "data")

    result = careerbot("build", "--db", pg_store, "--data", str(tmp_path / "data"), "--quiet")

    assert result.returncode != 0
    assert f"{skills}, line {line}:" in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert schemas(pg_store) == before_schemas, "the live schema changed, or the staging schema was left behind"
    assert sources(pg_store) == before_sources
    assert occupation("--db", pg_store)["wages"]["state"]["annual_median"] > 0


def test_a_build_killed_midway_leaves_nothing_behind_after_the_next_one(postgres_url):
    """SIGKILLed while building, a build leaves its staging schema; the next build drops it (it holds the
    store's build lock, so no other build can be using it). In a database of its own: the module's store
    stays as it is."""
    from sqlalchemy.engine import make_url

    from knowledge.db import new_store
    from tests.test_store_build import kill_a_build_midway

    admin = create_engine(postgres_url, future=True, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS killed_build"))
        conn.execute(text("CREATE DATABASE killed_build"))
    admin.dispose()
    url = make_url(postgres_url).set(database="killed_build").render_as_string(hide_password=False)
    kill_a_build_midway(url)
    assert [s for s in schemas(url) if s.startswith(f"{SCHEMA}_building_")], schemas(url)
    with new_store(url) as engine:
        m.Base.metadata.create_all(engine)
    assert set(schemas(url)) == {SCHEMA}
