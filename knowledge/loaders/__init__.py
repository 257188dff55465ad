"""Loaders for the public data releases. Each takes a connection and the data folder and
returns the Source records for the tables it filled; they share the batching and progress here."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from sqlalchemy import Table
from sqlalchemy.engine import Connection

BATCH = 5000


@dataclass
class Loaded:
    """What one loader put in one table, for the provenance table and the build log."""

    table: str
    dataset: str
    release: str
    files: list[str]
    rows: int
    citation: str
    note: str | None = None


@dataclass
class Progress:
    """A one-line progress counter on stderr (a bar needs a known total; most files don't give one)."""

    label: str
    enabled: bool = True
    count: int = 0
    _last: int = field(default=0, repr=False)

    def add(self, n: int) -> None:
        self.count += n
        if self.enabled and self.count - self._last >= 50_000:
            self._last = self.count
            sys.stderr.write(f"\r  {self.label}: {self.count:,} rows")
            sys.stderr.flush()

    def done(self) -> None:
        if self.enabled:
            sys.stderr.write(f"\r  {self.label}: {self.count:,} rows\n")
            sys.stderr.flush()


def insert_rows(conn: Connection, table: Table, rows: Iterable[dict], progress: Progress | None = None) -> int:
    """Insert dicts in batches straight through the driver; returns how many were inserted.

    Why not ``conn.execute(insert(table), batch)``: SQLAlchemy builds parameters row by row, which
    took a third of the build. The driver's own bulk path (sqlite3 executemany, psycopg2
    execute_values) is several times faster; column names come from the Table, so nothing is lost.
    """
    columns = [c.name for c in table.columns if not (c.autoincrement is True and c.primary_key)]
    total = 0
    dbapi = conn.connection.dbapi_connection if hasattr(conn.connection, "dbapi_connection") else conn.connection.connection
    postgres = conn.dialect.name == "postgresql"
    name = conn.dialect.identifier_preparer.format_table(table)
    if postgres:
        schema = (conn.get_execution_options().get("schema_translate_map") or {}).get(None)
        name = f'"{schema}".{name}' if schema else name
        from psycopg2.extras import execute_values

        sql = f"INSERT INTO {name} ({', '.join(columns)}) VALUES %s"
    else:
        sql = f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    cursor = dbapi.cursor()
    try:
        for batch in _batches(rows):
            values = [tuple(row.get(c) for c in columns) for row in batch]
            if postgres:
                execute_values(cursor, sql, values, page_size=len(values))
            else:
                cursor.executemany(sql, values)
            total += len(batch)
            if progress:
                progress.add(len(batch))
    finally:
        cursor.close()
    return total


def _batches(rows: Iterable[dict]) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def say(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()
