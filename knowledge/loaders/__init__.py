"""Loaders for the public data releases. Each takes a connection and the data folder and
returns the Source records for the tables it filled; they share the batching and progress here."""
from __future__ import annotations

import io
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
    took a third of the build. The driver's own bulk path (sqlite3 executemany, psycopg2 COPY)
    is several times faster; column names come from the Table, so nothing is lost.
    """
    columns = [c.name for c in table.columns if not (c.autoincrement is True and c.primary_key)]
    total = 0
    dbapi = conn.connection.dbapi_connection if hasattr(conn.connection, "dbapi_connection") else conn.connection.connection
    postgres = conn.dialect.name == "postgresql"
    name = conn.dialect.identifier_preparer.format_table(table)
    if postgres:
        schema = (conn.get_execution_options().get("schema_translate_map") or {}).get(None)
        name = f'"{schema}".{name}' if schema else name
        # COPY, not execute_values: the multi-row INSERTs made the PostgreSQL build 2.5x slower than SQLite's.
        sql = f"COPY {name} ({', '.join(columns)}) FROM STDIN"
    else:
        sql = f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    cursor = dbapi.cursor()
    try:
        for batch in _batches(rows):
            if postgres:
                cursor.copy_expert(sql, _copy_text(batch, columns))
            else:
                cursor.executemany(sql, [tuple(row.get(c) for c in columns) for row in batch])
            total += len(batch)
            if progress:
                progress.add(len(batch))
    finally:
        cursor.close()
    return total


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_COPY_AS_STR = {int, float, bool}  # str(float) round-trips; 'True' is valid boolean input


def _copy_other(value) -> str:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "\\\\x" + bytes(value).hex()  # bytea hex format, its backslash escaped for COPY
    text = str(value)  # date, Decimal, numpy scalars ...
    return text if "\\" not in text and text.isprintable() else text.translate(_COPY_ESCAPES)


def _copy_text(batch: list[dict], columns: list[str]) -> io.StringIO:
    """The batch in COPY's text format: tab-separated, None as \\N, backslash and control characters escaped
    (only strings that need it: the check is far cheaper than escaping every one). Written inline,
    not as a function per value, because it runs for every field of the build."""
    lines = []
    for row in batch:
        lines.append("\t".join([
            "\\N" if value is None
            else str(value) if value.__class__ in _COPY_AS_STR
            else (value if "\\" not in value and value.isprintable() else value.translate(_COPY_ESCAPES))
            if value.__class__ is str
            else _copy_other(value)
            for value in map(row.get, columns)
        ]))
    lines.append("")
    return io.StringIO("\n".join(lines))


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
