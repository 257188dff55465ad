"""Engines for the store, and the build-then-swap that keeps a failed build from harming a good store.

SQLite: the build writes a new file beside the live one and renames it into place when complete.
PostgreSQL: the build writes a new schema and renames schemas in one transaction when complete.
"""
from __future__ import annotations

import os
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url

from knowledge import config
from knowledge.models import Base

LIVE_SCHEMA = os.environ.get("CAREERBOT_DB_SCHEMA", "careerbot")


class StoreMissing(RuntimeError):
    """The store has not been built (or cannot be opened); the message says how to fix it."""


def store_error(exc: BaseException, url: str) -> str:
    """One line for a store that can't be used (not built, locked, unreadable, server down): what went
    wrong and what to do, for the command line, the web server and the action server (never a traceback)."""
    if isinstance(exc, StoreMissing):
        return str(exc)
    reason = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [exc.__class__.__name__])[0]
    if "locked" in reason.lower():
        hint = "another program is holding a lock on it; try again when it has finished"
    else:
        hint = "check that it is readable (or its server is running), or rebuild it with 'careerbot build'"
    return f"the knowledge store at {make_url(url).render_as_string(hide_password=True)} can't be read: {reason}; {hint}"


def _is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise ValueError("the store needs a file-backed SQLite URL, not an in-memory one")
    return Path(database)


def _make_engine(url: str, schema: str | None = None) -> Engine:
    if _is_sqlite(url):
        engine = create_engine(url, future=True)

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # why: bulk loads are 3x faster without fsync per batch
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=OFF" if schema == "build" else "PRAGMA query_only=0")
            cursor.execute("PRAGMA synchronous=OFF" if schema == "build" else "PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    engine = create_engine(url, future=True, pool_pre_ping=True)
    return engine.execution_options(schema_translate_map={None: schema or LIVE_SCHEMA})


def open_store(url: str) -> Engine:
    """An engine on the live store; raises StoreMissing with a clear message if it is not built."""
    if _is_sqlite(url):
        path = _sqlite_path(url)
        if not path.is_file():
            raise StoreMissing(f"the knowledge store {path} has not been built: run 'careerbot build' (or 'make run')")
        engine = _make_engine(url)
    else:
        engine = _make_engine(url)
        try:
            with engine.connect() as conn:
                if not inspect(conn).has_table("occupation", schema=LIVE_SCHEMA):
                    raise StoreMissing(
                        f"the knowledge store in schema '{LIVE_SCHEMA}' of {make_url(url).render_as_string()} "
                        "has not been built: run 'careerbot build --db URL'"
                    )
        except StoreMissing:
            raise
        except Exception as exc:  # connection refused, auth, locked ...
            raise StoreMissing(f"cannot open the knowledge store at {make_url(url)}: {exc.__class__.__name__}: {exc}") from exc
    return engine


@contextmanager
def new_store(url: str) -> Iterator[Engine]:
    """Yield an engine on an empty store; swap it in for the live one only if the block completes.
    Builds of one store run one at a time (a second waits for the first), and each clears away what a
    build killed before it could clean up (SIGKILL, power cut) left behind."""
    with _build_lock(url):
        if _is_sqlite(url):
            with _new_sqlite_store(url) as engine:
                yield engine
        else:
            with _new_schema_store(url) as engine:
                yield engine


@contextmanager
def _build_lock(url: str) -> Iterator[None]:
    """Hold the store's build lock, then drop leftover staging: while we hold it no other build is running,
    so any staging there is from a build that died."""
    if _is_sqlite(url):
        import fcntl

        live = _sqlite_path(url)
        live.parent.mkdir(parents=True, exist_ok=True)
        with open(live.with_name(f".{live.name}.build-lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, or the process dies
            for leftover in live.parent.glob(f".{live.name}.building-*"):
                leftover.unlink(missing_ok=True)
            yield
        return
    admin = create_engine(url, future=True)
    try:
        key = {"k": f"careerbot build {LIVE_SCHEMA}"}
        with admin.connect() as conn:  # a session-level advisory lock: PostgreSQL releases it if we die
            conn.execute(text("SELECT pg_advisory_lock(hashtext(:k))"), key)
            conn.commit()
            leftovers = [name for (name,) in conn.execute(text("SELECT schema_name FROM information_schema.schemata"))
                         if name.startswith((f"{LIVE_SCHEMA}_building_", f"{LIVE_SCHEMA}_old_"))]
            for name in leftovers:
                conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(hashtext(:k))"), key)
                conn.commit()
    finally:
        admin.dispose()


@contextmanager
def _new_sqlite_store(url: str) -> Iterator[Engine]:
    live = _sqlite_path(url)
    staging = live.with_name(f".{live.name}.building-{uuid.uuid4().hex[:8]}")
    engine = _make_engine(f"sqlite:///{staging}", schema="build")
    try:
        Base.metadata.create_all(engine)
        yield engine
        engine.dispose()
        os.replace(staging, live)
    finally:
        engine.dispose()
        staging.unlink(missing_ok=True)


@contextmanager
def _new_schema_store(url: str) -> Iterator[Engine]:
    staging = f"{LIVE_SCHEMA}_building_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, future=True)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{staging}"'))
    engine = _make_engine(url, schema=staging)
    try:
        Base.metadata.create_all(engine)
        yield engine
        engine.dispose()
        old = f"{LIVE_SCHEMA}_old_{uuid.uuid4().hex[:8]}"
        with admin.begin() as conn:  # one transaction: readers see the old store or the new one
            if _has_schema(conn, LIVE_SCHEMA):
                conn.execute(text(f'ALTER SCHEMA "{LIVE_SCHEMA}" RENAME TO "{old}"'))
                conn.execute(text(f'ALTER SCHEMA "{staging}" RENAME TO "{LIVE_SCHEMA}"'))
                conn.execute(text(f'DROP SCHEMA "{old}" CASCADE'))
            else:
                conn.execute(text(f'ALTER SCHEMA "{staging}" RENAME TO "{LIVE_SCHEMA}"'))
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{staging}" CASCADE'))
        admin.dispose()


def _has_schema(conn, name: str) -> bool:
    return conn.execute(text("SELECT 1 FROM information_schema.schemata WHERE schema_name = :n"), {"n": name}).first() is not None


def per_store(build):
    """One ``build(engine)`` result per store per process, built once even when threads ask at once:
    the title resolver, the title spans and the places each read tens of thousands of rows."""
    cache: dict[str, object] = {}
    lock = threading.Lock()

    def get(engine: Engine):
        key = engine.url.render_as_string(hide_password=False)
        with lock:
            if key not in cache:
                cache[key] = build(engine)
            return cache[key]

    get.__doc__ = build.__doc__
    return get


def the_store(explicit: str | None = None) -> Engine:
    """The store every command, server and test opens: ``explicit`` (--db), else CAREERBOT_DB_URL, else the
    embedded SQLite file under var/ (knowledge.config.db_url)."""
    return open_store(config.db_url(explicit))


def create_tables(metadata, engine: Engine, attempts: int = 3) -> None:
    """``metadata``'s tables, made if missing; two servers starting at once may both try, so a failure is tried
    again, twice, half a second apart (the channel ledger, the hand-off requests)."""
    from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

    for attempt in range(attempts):
        try:
            metadata.create_all(engine, checkfirst=True)
            return
        except (OperationalError, ProgrammingError, IntegrityError):
            if attempt == attempts - 1:
                raise
            time.sleep(0.5)
