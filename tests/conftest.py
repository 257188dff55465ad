"""Shared fixtures. `make test` builds the store from the real releases before pytest runs;
tests that need it take ``engine`` (or ``conn``) and read that store."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from knowledge import config
from knowledge.db import StoreMissing, open_store

SHARED_DATA = Path(os.environ.get("CAREERBOT_DATA_DIR", config.PROJECT_ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def engine():
    try:
        return open_store(config.db_url())
    except StoreMissing as exc:
        pytest.fail(f"{exc} (make test builds it first)")


@pytest.fixture()
def conn(engine):
    with engine.connect() as connection:
        yield connection


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not (SHARED_DATA / "onet" / "db").is_dir():
        pytest.fail(f"the raw releases are not at {SHARED_DATA}; set CAREERBOT_DATA_DIR")
    return SHARED_DATA


@pytest.fixture()
def session(engine):
    from sqlalchemy.orm import Session

    with Session(engine) as s:
        yield s


POSTGRES_SH = config.PROJECT_ROOT / "scripts" / "postgres.sh"


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_url():
    """A throwaway PostgreSQL server (Debian's package, via scripts/postgres.sh) on 127.0.0.1,
    with an empty database 'careerbot'; yields its SQLAlchemy URL and deletes the server afterwards."""
    import subprocess

    last = None
    for _attempt in range(3):  # the free port can be taken between choosing and binding it; rare
        port = _free_port()
        last = subprocess.run([str(POSTGRES_SH), "start", str(port)], capture_output=True, text=True)
        if last.returncode == 0:
            break
    else:
        pytest.fail(f"could not start PostgreSQL with {POSTGRES_SH}:\n{last.stderr}")
    server_dir = last.stdout.strip().splitlines()[-1]
    try:
        yield f"postgresql+psycopg2://postgres@127.0.0.1:{port}/careerbot"
    finally:
        subprocess.run([str(POSTGRES_SH), "stop", server_dir], check=False)
