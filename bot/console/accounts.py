"""Counselor accounts, login sessions and failed logins (tables in bot/console/db.py).

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
from zxcvbn import zxcvbn
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from bot.console.db import counselors, failed_logins, sessions

IDLE_HOURS = float(os.environ.get("CAREERBOT_CONSOLE_IDLE_HOURS", "8"))
MAX_HOURS = 24
SCRYPT = {"n": 2 ** 15, "r": 8, "p": 1}
MIN_PASSWORD = 12  # characters, not counting spaces at either end
MIN_SCORE = 3  # of zxcvbn's 0-4: 3 is "safely unguessable", about 10^8 guesses or more
COMMON_PASSWORDS = frozenset(FREQUENCY_LISTS["passwords"])
ZXCVBN_MAX = 72
SITE_WORDS = ["careerbot", "career", "counselor", "counsellor", "console"]
FAILED_LOGIN_WINDOW = 15 * 60  # seconds a failed login counts (see attempt_login)


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


def password_problem(password: str, name: str = "") -> str | None:
    """What is wrong with a new password, in plain words, or None. At least MIN_PASSWORD characters, not
    one of the common passwords zxcvbn ships (30,000, from leaked password lists), and not easy to guess by
    zxcvbn's estimate (a score of MIN_SCORE out of 4: words, names, dates, keyboard rows, repeats and
    l33t spellings are what guessers try first; the counselor's name and this site's words count as known)."""
    stripped = password.strip()
    if len(stripped) < MIN_PASSWORD:  # ten spaces are not a password
        return f"the password must have at least {MIN_PASSWORD} characters, not counting spaces at either end"
    if stripped.lower() in COMMON_PASSWORDS:
        return "that password is one of the most common passwords, which are tried first; choose another"
    # zxcvbn refuses more than 72 characters (its time grows quickly with length): those are plenty to judge by
    found = zxcvbn(stripped[:ZXCVBN_MAX], user_inputs=[name, *SITE_WORDS])
    if found["score"] >= MIN_SCORE:
        return None
    why = (found["feedback"].get("warning") or "it is made of words, names or patterns that are tried first").rstrip(".")
    return (f"that password is too easy to guess ({why[0].lower()}{why[1:]}); a few words that don't belong "
            "together make a strong one")


def check_password_rules(password: str, name: str = "") -> None:
    problem = password_problem(password, name)
    if problem:
        raise ValueError(problem)


def add_counselor(engine, name: str, password: str) -> bool:
    """Create the account, or set a new password if it exists; True when it was created."""
    if not valid_name(name):
        raise ValueError("a counselor name is 1-80 letters, digits or . _ - @")
    check_password_rules(password, name)
    hashed = hash_password(password)
    with engine.begin() as conn:
        exists = conn.execute(sa.select(counselors.c.name).where(counselors.c.name == name)).first()
        if exists:
            conn.execute(counselors.update().where(counselors.c.name == name).values(password_hash=hashed))
            conn.execute(sessions.delete().where(sessions.c.counselor == name))  # a new password logs everyone out
            return False
        conn.execute(counselors.insert().values(name=name, password_hash=hashed, created=time.time()))
        return True


def set_disabled(engine, name: str, disabled: bool) -> None:
    """Disable an account (it can no longer log in, and its sessions end now) or enable it again. Its notes
    and cases stay as they are."""
    with engine.begin() as conn:
        found = conn.execute(counselors.update().where(counselors.c.name == name)
                             .values(disabled=time.time() if disabled else None)).rowcount
        if not found:
            raise ValueError(f"there is no counselor {name!r}")
        if disabled:
            conn.execute(sessions.delete().where(sessions.c.counselor == name))


def active_counselors(engine) -> list[str]:
    """The names of the accounts that are not disabled (whom a case can be assigned to)."""
    with engine.connect() as conn:
        return [n for (n,) in conn.execute(sa.select(counselors.c.name).where(counselors.c.disabled.is_(None))
                                           .order_by(counselors.c.name))]


def change_password(engine, name: str, current: str, new: str, keep_token: str | None = None) -> None:
    """A counselor's own change: the current password must be right, the new one follows the rules; every
    other session of the account ends (the one that asked, ``keep_token``, stays). ValueError says why not."""
    with engine.connect() as conn:
        row = conn.execute(sa.select(counselors.c.password_hash).where(counselors.c.name == name)).first()
    if row is None or not verify_password(current, row[0]):
        raise ValueError("the current password is wrong")
    check_password_rules(new, name)
    with engine.begin() as conn:
        conn.execute(counselors.update().where(counselors.c.name == name).values(password_hash=hash_password(new)))
    end_sessions(engine, name, keep_token)


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
    ok: bool           # the name and password are right, and the account is not disabled
    wait: float = 0.0  # > 0: refused unchecked; seconds until a try is allowed again
    disabled: bool = False  # the right password of a disabled account


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
        row = conn.execute(sa.select(counselors.c.password_hash, counselors.c.disabled)
                           .where(counselors.c.name == name)).first()
    ok = verify_password(password, row[0] if row else _dummy_hash()) and row is not None
    if ok:
        with engine.begin() as conn:
            conn.execute(failed_logins.delete().where(failed_logins.c.name == name, failed_logins.c.address == address))
    if ok and row.disabled is not None:
        return Attempt(False, disabled=True)
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
        row = conn.execute(sa.select(sessions).join(counselors, counselors.c.name == sessions.c.counselor)
                           .where(sessions.c.token_hash == _token_hash(token), counselors.c.disabled.is_(None))).first()
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


def end_sessions(engine, name: str, keep_token: str | None = None) -> int:
    """Log the counselor out everywhere (but the session of ``keep_token``); how many sessions ended."""
    query = sessions.delete().where(sessions.c.counselor == name)
    if keep_token:
        query = query.where(sessions.c.token_hash != _token_hash(keep_token))
    with engine.begin() as conn:
        return conn.execute(query).rowcount
