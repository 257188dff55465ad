"""The console's own database: counselor accounts, login sessions, counselor notes, failed logins.

Kept apart from the tracker store (which the console only reads): CAREERBOT_CONSOLE_URL (an SQLAlchemy
URL, e.g. the PostgreSQL server the knowledge store uses), default sqlite:///var/console.sqlite.

Passwords: scrypt (hashlib, RFC 7914) with a random 16-byte salt, N=2^15, r=8, p=1, stored as
"scrypt$N$r$p$salt$hash". Sessions: a random token in an HttpOnly cookie; only its SHA-256 is stored, so
a copy of the database does not log anyone in. A session ends after IDLE_HOURS without a request or
MAX_HOURS after login, whichever comes first, and at logout.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import threading
import time
from dataclasses import dataclass

import sqlalchemy as sa

from bot.privacy import mask
from knowledge.config import VAR_DIR

CONSOLE_URL_ENV = "CAREERBOT_CONSOLE_URL"
IDLE_HOURS = float(os.environ.get("CAREERBOT_CONSOLE_IDLE_HOURS", "8"))
MAX_HOURS = 24
SCRYPT = {"n": 2 ** 15, "r": 8, "p": 1}
MIN_PASSWORD = 12  # characters, not counting spaces at either end
FAILED_LOGIN_WINDOW = 15 * 60  # seconds a failed login counts (see attempt_login)

metadata = sa.MetaData()
counselors = sa.Table(
    "console_counselors", metadata,
    sa.Column("name", sa.String(80), primary_key=True),
    sa.Column("password_hash", sa.String(300), nullable=False),
    sa.Column("created", sa.Float, nullable=False))
sessions = sa.Table(
    "console_sessions", metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("counselor", sa.String(80), sa.ForeignKey("console_counselors.name"), nullable=False),
    sa.Column("csrf", sa.String(64), nullable=False),
    sa.Column("created", sa.Float, nullable=False),
    sa.Column("last_seen", sa.Float, nullable=False))
notes = sa.Table(
    "console_notes", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("conversation", sa.String(64), nullable=False, index=True),
    sa.Column("counselor", sa.String(80), nullable=False),
    sa.Column("created", sa.Float, nullable=False),
    sa.Column("text", sa.Text, nullable=False))
failed_logins = sa.Table(
    "console_failed_logins", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(80), nullable=False, index=True),
    sa.Column("address", sa.String(64), nullable=False, index=True),
    sa.Column("time", sa.Float, nullable=False))


def console_url(explicit: str | None = None) -> str:
    return explicit or os.environ.get(CONSOLE_URL_ENV) or f"sqlite:///{VAR_DIR / 'console.sqlite'}"


def open_console_db(url: str | None = None) -> sa.engine.Engine:
    """The console database, its tables created if missing."""
    url = console_url(url)
    if url.startswith("sqlite:///"):
        os.makedirs(os.path.dirname(os.path.abspath(url[len("sqlite:///"):])), exist_ok=True)
    engine = sa.create_engine(url, future=True)
    metadata.create_all(engine)
    return engine


# -- passwords ---------------------------------------------------------------------------------------

def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, maxmem=128 * 1024 * 1024, dklen=32, **SCRYPT)
    return f"scrypt${SCRYPT['n']}${SCRYPT['r']}${SCRYPT['p']}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        got = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                             maxmem=128 * 1024 * 1024, dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


# A made-up hash so that a login with an unknown name costs as much time as one with a wrong password.
_DUMMY_HASH = None


def _dummy_hash() -> str:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hash_password(secrets.token_hex(8))
    return _DUMMY_HASH


# -- accounts ----------------------------------------------------------------------------------------

def valid_name(name: str) -> bool:
    return bool(name) and len(name) <= 80 and all(ch.isalnum() or ch in "._-@" for ch in name)


def add_counselor(engine, name: str, password: str) -> bool:
    """Create the account, or set a new password if it exists; True when it was created."""
    if not valid_name(name):
        raise ValueError("a counselor name is 1-80 letters, digits or . _ - @")
    if len(password.strip()) < MIN_PASSWORD:  # ten spaces are not a password
        raise ValueError(f"the password must have at least {MIN_PASSWORD} characters, not counting spaces at "
                         "either end")
    hashed = hash_password(password)
    with engine.begin() as conn:
        exists = conn.execute(sa.select(counselors.c.name).where(counselors.c.name == name)).first()
        if exists:
            conn.execute(counselors.update().where(counselors.c.name == name).values(password_hash=hashed))
            conn.execute(sessions.delete().where(sessions.c.counselor == name))  # a new password logs everyone out
            return False
        conn.execute(counselors.insert().values(name=name, password_hash=hashed, created=time.time()))
        return True


# -- logging in ---------------------------------------------------------------------------------------
#
# The rule: a wrong password costs the one who typed it time, never locks anyone else out.
#
# Every failed login is kept for FAILED_LOGIN_WINDOW (15 minutes) with the name tried and the client's
# address (bot/console/proxy.py: behind a reverse proxy only when the deployment trusts it, so nobody
# dodges the count with a made-up X-Forwarded-For). Three counts, each with its own allowance:
#
#   the name from one address   5 failures free, then waits of 1, 2, 4, 8 ... seconds, at most 15 minutes
#   one address, any names     20 failures free, then the same doubling waits (someone trying many names)
#   the name, any address      50 failures free, then doubling waits of at most 60 seconds (many machines)
#
# A wait counts from the last failure; a try during a wait is refused without looking at the password and
# is not counted, so hammering does not make it longer. A right password clears that name's failures from
# that address.
#
# Why not a lock: "five tries lock the name" lets anyone who knows a counselor's name keep them out all day,
# and "twenty failures lock the address" locks out a whole office behind one NAT or proxy. Here an attacker
# slows only their own address; a counselor at another address logs in at once, and even an attacker with
# many machines can slow one name to a try a minute, not stop it. Guessing a 12-character password at these
# rates is hopeless.
#
# Parallel tries: the wait is checked and the try recorded as a failure in one step under a lock (a try
# is a failure until the password proves right), so fifteen tries sent at once get five checks, not
# fifteen. The lock is the web server process's: the console runs in the one process of `python -m bot.web`.

@dataclass(frozen=True)
class Allowance:
    free: int         # failures within the window before any wait
    longest: float    # the longest wait, seconds


BY_NAME_AND_ADDRESS = Allowance(free=5, longest=FAILED_LOGIN_WINDOW)
BY_ADDRESS = Allowance(free=20, longest=FAILED_LOGIN_WINDOW)
BY_NAME = Allowance(free=50, longest=60)
FIRST_WAIT = 1.0  # seconds; doubled with every further failure
_ATTEMPTS = threading.Lock()


def wait_after(failures: int, allowance: Allowance) -> float:
    """Seconds to wait after the last of ``failures`` failures: none while they are free, then 1, 2, 4 ..."""
    if failures < allowance.free:
        return 0.0
    return min(allowance.longest, FIRST_WAIT * 2 ** min(failures - allowance.free, 30))


@dataclass(frozen=True)
class Attempt:
    ok: bool           # the name and password are right
    wait: float = 0.0  # > 0: refused unchecked; seconds until a try is allowed again


def _wait(conn, name: str, address: str, now: float) -> float:
    t = failed_logins.c
    waits = [0.0]
    for condition, allowance in (((t.name == name, t.address == address), BY_NAME_AND_ADDRESS),
                                 ((t.address == address,), BY_ADDRESS), ((t.name == name,), BY_NAME)):
        count, last = conn.execute(sa.select(sa.func.count(), sa.func.max(t.time)).where(
            *condition, t.time > now - FAILED_LOGIN_WINDOW)).one()
        if count:
            waits.append(last + wait_after(count, allowance) - now)
    return max(waits)


def attempt_login(engine, name: str, password: str, address: str) -> Attempt:
    """One login try (see the rule above): refused while a wait runs, else checked, and a failure recorded."""
    name, address = name[:80], address[:64]
    with _ATTEMPTS, engine.begin() as conn:
        now = time.time()
        wait = _wait(conn, name, address, now)
        if wait > 0:
            return Attempt(False, wait)
        conn.execute(failed_logins.insert().values(name=name, address=address, time=now))
        conn.execute(failed_logins.delete().where(failed_logins.c.time < now - FAILED_LOGIN_WINDOW))
    with engine.connect() as conn:
        row = conn.execute(sa.select(counselors.c.password_hash).where(counselors.c.name == name)).first()
    ok = verify_password(password, row[0] if row else _dummy_hash()) and row is not None
    if ok:
        with engine.begin() as conn:
            conn.execute(failed_logins.delete().where(failed_logins.c.name == name, failed_logins.c.address == address))
    return Attempt(ok)


# -- sessions ----------------------------------------------------------------------------------------

@dataclass
class Session:
    counselor: str
    csrf: str


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(engine, name: str) -> str:
    """A new session for ``name``; returns the token for the cookie."""
    token, now = secrets.token_urlsafe(32), time.time()
    with engine.begin() as conn:
        conn.execute(sessions.delete().where(sessions.c.last_seen < now - IDLE_HOURS * 3600))
        conn.execute(sessions.insert().values(token_hash=_token_hash(token), counselor=name,
                                              csrf=secrets.token_urlsafe(32), created=now, last_seen=now))
    return token


def session_for(engine, token: str | None) -> Session | None:
    """The live session of a cookie token (its idle clock restarted), or None: unknown, idle or too old."""
    if not token or len(token) > 100:
        return None
    now = time.time()
    with engine.begin() as conn:
        row = conn.execute(sa.select(sessions).where(sessions.c.token_hash == _token_hash(token))).first()
        if row is None:
            return None
        if row.last_seen < now - IDLE_HOURS * 3600 or row.created < now - MAX_HOURS * 3600:
            conn.execute(sessions.delete().where(sessions.c.token_hash == row.token_hash))
            return None
        conn.execute(sessions.update().where(sessions.c.token_hash == row.token_hash).values(last_seen=now))
    return Session(row.counselor, row.csrf)


def end_session(engine, token: str | None) -> None:
    if token:
        with engine.begin() as conn:
            conn.execute(sessions.delete().where(sessions.c.token_hash == _token_hash(token)))


# -- notes -------------------------------------------------------------------------------------------

MAX_NOTE = 5000


def add_note(engine, conversation: str, counselor: str, text: str) -> None:
    """Kept masked (bot.privacy): a note is read by every counselor and copied into exports, so a phone
    number or an address typed into it is not kept in the console database either."""
    with engine.begin() as conn:
        conn.execute(notes.insert().values(conversation=conversation, counselor=counselor, created=time.time(),
                                           text=mask(text[:MAX_NOTE])))


def notes_for(engine, conversation: str) -> list[dict]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(notes).where(notes.c.conversation == conversation).order_by(notes.c.id)).all()
    return [dict(r._mapping) for r in rows]


def note_counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(notes.c.conversation, sa.func.count()).group_by(notes.c.conversation)).all()
    return {c: n for c, n in rows}
