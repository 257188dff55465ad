"""The Rasa endpoints file, made from the environment: where the action server is and where every
conversation is stored (Rasa's SQL tracker store). One function for `make run` (scripts/bot.sh) and the
tests (tests/servers.py BotStack), so both store conversations the same way.

    CAREERBOT_TRACKER_URL   SQLAlchemy URL of the tracker store, e.g.
                            postgresql+psycopg2://careerbot:secret@db.example.org:5432/careerbot
                            (may be the knowledge store's database server); default
                            sqlite:///var/tracker.sqlite
    CAREERBOT_LOCK_STORE_URL
                            Redis URL of the conversation lock store, needed only when several Rasa
                            servers share the tracker store, e.g. redis://:secret@redis.example.org:6379/0.
                            Without it each Rasa server keeps its locks in memory (one server: enough).

The counselor console (bot/console) reads the same URL, read-only.

    python -m bot.endpoints OUT_FILE --actions-url http://localhost:5055/webhook
"""
from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from knowledge.config import VAR_DIR

TRACKER_URL_ENV = "CAREERBOT_TRACKER_URL"
LOCK_STORE_URL_ENV = "CAREERBOT_LOCK_STORE_URL"
LOCK_STORE_CLASS = "bot.lock_store.AtomicRedisLockStore"  # Rasa's Redis lock store, made race-free
TRACKER_STORE_CLASS = "bot.tracker_store.ThreadedSQLTrackerStore"  # Rasa's SQL tracker store, off the event loop


def tracker_url(explicit: str | None = None) -> str:
    """The tracker store's SQLAlchemy URL: ``explicit``, else CAREERBOT_TRACKER_URL, else var/tracker.sqlite."""
    return explicit or os.environ.get(TRACKER_URL_ENV) or f"sqlite:///{VAR_DIR / 'tracker.sqlite'}"


def tracker_store(url: str | None = None) -> dict:
    """The SQL tracker store's settings (bot/tracker_store.py: Rasa's SQLTrackerStore off the event loop; dialect,
    url = the host, port, db, username, password, query, as for Rasa's type SQL) for ``url``."""
    from sqlalchemy.engine import make_url

    parsed = make_url(tracker_url(url))
    config = {"type": TRACKER_STORE_CLASS, "dialect": parsed.drivername}
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database or ""
        if db and db != ":memory:":
            Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)
        config["db"] = db
        return config
    # Rasa's SQL tracker store takes the host as "url" (a "host" key collides with it)
    for key, value in (("url", parsed.host), ("port", parsed.port), ("db", parsed.database),
                       ("username", parsed.username), ("password", parsed.password)):
        if value is not None:
            config[key] = value
    if parsed.query:
        config["query"] = dict(parsed.query)
    return config


def lock_store(url: str) -> dict:
    """The lock store settings (bot/lock_store.py) for a ``redis://[:password@]host[:port][/db]`` URL."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss") or not parts.hostname:
        raise ValueError(f"{LOCK_STORE_URL_ENV} must look like redis://host:6379/0, not {url!r}")
    config = {"type": LOCK_STORE_CLASS, "url": parts.hostname, "port": parts.port or 6379,
              "db": int(parts.path.strip("/") or 0), "key_prefix": "careerbot"}
    if parts.username:
        config["username"] = unquote(parts.username)
    if parts.password:
        config["password"] = unquote(parts.password)
    if parts.scheme == "rediss":
        config["use_ssl"] = True
    return config


def endpoints_yaml(actions_url: str, url: str | None = None, lock_store_url: str | None = None) -> str:
    """The endpoints file's text; a lock store section when ``lock_store_url`` (else CAREERBOT_LOCK_STORE_URL)
    is set. Values are written as JSON strings/numbers, which YAML reads as such (a password with a colon
    or a quote stays one value)."""
    lines = ["action_endpoint:", f"  url: {json.dumps(actions_url)}"]
    sections = {"tracker_store": tracker_store(url)}
    lock_store_url = lock_store_url or os.environ.get(LOCK_STORE_URL_ENV)
    if lock_store_url:
        sections["lock_store"] = lock_store(lock_store_url)
    for section, settings in sections.items():
        lines.append(f"{section}:")
        for key, value in settings.items():
            if isinstance(value, dict):
                lines.append(f"  {key}:")
                lines += [f"    {json.dumps(k)}: {json.dumps(v if isinstance(v, str) else list(v))}" for k, v in value.items()]
            else:
                lines.append(f"  {key}: {json.dumps(value)}")
    return "\n".join(lines) + "\n"


def write(path: Path | str, actions_url: str, url: str | None = None, lock_store_url: str | None = None) -> Path:
    """Write the endpoints file (readable by its owner only: it can hold the database password)."""
    path = Path(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(endpoints_yaml(actions_url, url, lock_store_url))
    os.chmod(path, 0o600)
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.endpoints", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="the endpoints file to write")
    parser.add_argument("--actions-url", default="http://localhost:5055/webhook")
    parser.add_argument("--tracker-url", help=f"SQLAlchemy URL of the tracker store (default: {TRACKER_URL_ENV}, "
                                              "else var/tracker.sqlite)")
    args = parser.parse_args(argv)
    write(args.out, args.actions_url, args.tracker_url)


if __name__ == "__main__":
    main()
