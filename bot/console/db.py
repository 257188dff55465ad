"""The console's own database, every table of it: counselor accounts, login sessions, failed logins,
casework (assignment, status, follow-up date), notes and their earlier versions, the access log.

Kept apart from the tracker store (which the console only reads): CAREERBOT_CONSOLE_URL (an SQLAlchemy
URL, e.g. the PostgreSQL server the knowledge store uses), default sqlite:///var/console.sqlite.
``open_console_db`` creates missing tables and adds columns a newer version added (all nullable), so a
database made by an older console keeps its accounts and notes.
"""
from __future__ import annotations

import os

import sqlalchemy as sa

from knowledge.config import VAR_DIR

CONSOLE_URL_ENV = "CAREERBOT_CONSOLE_URL"

metadata = sa.MetaData()
counselors = sa.Table(
    "console_counselors", metadata,
    sa.Column("name", sa.String(80), primary_key=True),
    sa.Column("password_hash", sa.String(300), nullable=False),
    sa.Column("created", sa.Float, nullable=False),
    sa.Column("disabled", sa.Float, nullable=True))  # when an administrator disabled the account
sessions = sa.Table(
    "console_sessions", metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("counselor", sa.String(80), sa.ForeignKey("console_counselors.name"), nullable=False),
    sa.Column("csrf", sa.String(64), nullable=False),
    sa.Column("created", sa.Float, nullable=False),
    sa.Column("last_seen", sa.Float, nullable=False))
failed_logins = sa.Table(
    "console_failed_logins", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(80), nullable=False, index=True),
    sa.Column("address", sa.String(64), nullable=False, index=True),
    sa.Column("time", sa.Float, nullable=False))
notes = sa.Table(
    "console_notes", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("conversation", sa.String(64), nullable=False, index=True),
    sa.Column("counselor", sa.String(80), nullable=False),
    sa.Column("created", sa.Float, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("edited", sa.Float, nullable=True),
    sa.Column("deleted", sa.Float, nullable=True),
    sa.Column("deleted_by", sa.String(80), nullable=True))
note_versions = sa.Table(  # a note's earlier texts: written when it is edited, never changed
    "console_note_versions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("note", sa.Integer, nullable=False, index=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("written", sa.Float, nullable=False),    # when this text was written ...
    sa.Column("replaced", sa.Float, nullable=False))   # ... and when an edit replaced it
cases = sa.Table(
    "console_cases", metadata,
    sa.Column("conversation", sa.String(64), primary_key=True),
    sa.Column("assignee", sa.String(80), nullable=True),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("follow_up", sa.String(10), nullable=True),  # YYYY-MM-DD
    sa.Column("updated", sa.Float, nullable=False),
    sa.Column("updated_by", sa.String(80), nullable=False))
access_log = sa.Table(
    "console_access_log", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("time", sa.Float, nullable=False, index=True),
    sa.Column("counselor", sa.String(80), nullable=False, index=True),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("conversation", sa.String(64), nullable=True, index=True),
    sa.Column("detail", sa.String(300), nullable=True))


def console_url(explicit: str | None = None) -> str:
    return explicit or os.environ.get(CONSOLE_URL_ENV) or f"sqlite:///{VAR_DIR / 'console.sqlite'}"


def _add_missing_columns(engine) -> None:
    inspector = sa.inspect(engine)
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            have = {c["name"] for c in inspector.get_columns(table.name)}
            for column in table.columns:
                if column.name not in have and column.nullable:
                    kind = column.type.compile(dialect=engine.dialect)
                    conn.execute(sa.text(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {kind}'))


def open_console_db(url: str | None = None) -> sa.engine.Engine:
    """The console database, its tables created (or given their new columns) if missing."""
    url = console_url(url)
    if url.startswith("sqlite:///"):
        os.makedirs(os.path.dirname(os.path.abspath(url[len("sqlite:///"):])), exist_ok=True)
    engine = sa.create_engine(url, future=True)
    metadata.create_all(engine)
    _add_missing_columns(engine)
    return engine
