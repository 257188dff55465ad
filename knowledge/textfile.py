"""Reading delimited release files with errors that name the file, the line and what was expected.

Every loader reads through here, so a truncated or wrongly shaped file stops the build
with one clear message instead of a stack trace deep inside a loader.
"""
from __future__ import annotations

import csv
import gzip
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Sequence

NULLS = {"", "n/a", "N/A", "NA", "—", "-"}


class DataFileError(ValueError):
    """A raw data file is missing, truncated or not shaped as expected."""

    def __init__(self, path: Path | str, line: int | None, problem: str):
        self.path, self.line, self.problem = str(path), line, problem
        where = f"{path}, line {line}" if line else str(path)
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class Row:
    """One data row: values by column name, with the line number for error messages."""

    path: Path
    line: int
    values: dict[str, str]

    def text(self, column: str) -> str | None:
        value = self.values[column].strip()
        return None if value in NULLS else value

    def required(self, column: str) -> str:
        value = self.text(column)
        if value is None:
            raise DataFileError(self.path, self.line, f"column '{column}' is empty; a value is required")
        return value

    def number(self, column: str, required: bool = False) -> float | None:
        value = self.text(column) if not required else self.required(column)
        if value is None:
            return None
        cleaned = value.replace(",", "").replace("$", "").replace("%", "").lstrip(">=")
        try:
            return float(cleaned)
        except ValueError:
            raise DataFileError(self.path, self.line, f"column '{column}' should be a number, found {value!r}") from None

    def matching(self, column: str, check: Callable[[str], bool], expected: str) -> str:
        value = self.required(column)
        if not check(value):
            raise DataFileError(self.path, self.line, f"column '{column}' should be {expected}, found {value!r}")
        return value


def _open_text(path: Path) -> io.TextIOBase:
    raw = gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")
    return io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")


def read_rows(path: Path, columns: Sequence[str], delimiter: str = "\t") -> Iterator[Row]:
    """Yield rows of a delimited file whose header holds at least ``columns``.

    Raises DataFileError for a missing file, a header without the expected columns,
    a row with the wrong number of fields (a truncated last line included) or bad encoding.
    """
    if not path.is_file():
        raise DataFileError(path, None, "file not found")
    with _open_text(path) as handle:
        reader = csv.reader(handle, delimiter=delimiter, quoting=csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL)
        try:
            header = next(reader, None)
            if not header:
                raise DataFileError(path, 1, f"file is empty; expected a header with {', '.join(columns)}")
            header = [h.strip() for h in header]
            missing = [c for c in columns if c not in header]
            if missing:
                raise DataFileError(path, 1, f"header lacks column(s) {', '.join(missing)}; found {', '.join(header)}")
            width = len(header)
            for values in reader:
                line = reader.line_num
                if not values or values == [""]:
                    continue
                if len(values) != width:
                    raise DataFileError(path, line, f"expected {width} fields ({', '.join(header)}), found {len(values)}")
                yield Row(path, line, dict(zip(header, values)))
        except UnicodeDecodeError as exc:
            raise DataFileError(path, None, f"not valid UTF-8 text ({exc.reason} at byte {exc.start})") from None
        except csv.Error as exc:
            raise DataFileError(path, reader.line_num, f"malformed CSV: {exc}") from None
