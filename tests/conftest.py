"""Shared fixtures. `make test` builds the store from the real releases before pytest runs;
tests that need it take ``engine`` (or ``conn``) and read that store."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from knowledge import config
from knowledge.db import StoreMissing, the_store
from tests.servers import SHARED_DATA, free_port



@pytest.fixture(scope="session")
def engine():
    try:
        return the_store()
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


@pytest.fixture(scope="session")
def postgres_url():
    """A throwaway PostgreSQL server (Debian's package, via scripts/postgres.sh) on 127.0.0.1,
    with an empty database 'careerbot'; yields its SQLAlchemy URL and deletes the server afterwards."""
    import subprocess

    last = None
    for _attempt in range(3):  # the free port can be taken between choosing and binding it; rare
        port = free_port()
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


@pytest.fixture(scope="session")
def bot_stack(tmp_path_factory, engine):
    """The whole bot running as real processes (action server, Rasa server with its channels and SQL
    tracker store, the web server), started once for the test session; see tests/servers.py."""
    from tests.servers import BotStack, running

    with running(BotStack(tmp_path_factory.mktemp("bot"))) as stack:
        yield stack


CHROMIUM = "/usr/bin/chromium"
# Debian's Chromium, headless, as root, with nothing reaching out to the (closed) network on its own
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (never a browser Playwright downloads itself)."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package (make browser-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture()
def page(browser):
    """A fresh browser context (no cookies, no local storage) and one page in it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()
