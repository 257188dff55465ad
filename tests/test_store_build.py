"""The store build on small release files the tests write themselves: every malformed-input case
stops the build with the file, the line and what was expected, and never harms the previous store."""
from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from knowledge import models as m
from knowledge.build import build
from knowledge.db import new_store, open_store
from knowledge.loaders import apprenticeship, bls_nces, onet
from knowledge.textfile import DataFileError
from tests.servers import SHARED_DATA

RATING_HEADER = "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tData Value\tN\tStandard Error\tLower CI Bound\tUpper CI Bound\tRecommend Suppress\tNot Relevant\tDate\tDomain Source"
OCCUPATIONS = [("43-4051.00", "Customer Service Representatives"), ("43-4031.00", "Court, Municipal, and License Clerks"),
               ("41-2011.00", "Cashiers")]
ELEMENTS = {"Abilities.txt": [("1.A.1.a.1", "Oral Comprehension"), ("1.A.1.a.4", "Written Expression")],
            "Skills.txt": [("2.A.1.a", "Reading Comprehension"), ("2.A.1.b", "Active Listening")],
            "Knowledge.txt": [("2.C.1.b", "Administrative"), ("2.C.8.b", "Law and Government")]}


def _rating_lines(elements, values) -> list[str]:
    lines = [RATING_HEADER]
    for (code, _), per_occ in zip(OCCUPATIONS, values):
        for (eid, name), (im, lv) in zip(elements, per_occ):
            lines.append(f"{code}\t{eid}\t{name}\tIM\t{im}\t8\t0.1\t3.8\t4.3\tN\tn/a\t08/2023\tAnalyst")
            lines.append(f"{code}\t{eid}\t{name}\tLV\t{lv}\t8\t0.1\t3.8\t4.3\tN\tN\t08/2023\tAnalyst")
    return lines


def write(path: Path, lines: list[str], crlf: bool = True) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\r\n" if crlf else "\n").join(lines).encode() + (b"\r\n" if crlf else b"\n"))


@pytest.fixture()
def data(tmp_path) -> Path:
    """A data folder laid out like the shared one, with a handful of rows in each file."""
    root = tmp_path / "data"
    db = root / "onet" / "db"
    write(db / "Occupation Data.txt", ["O*NET-SOC Code\tTitle\tDescription"] + [f"{c}\t{t}\tDoes {t.lower()} work." for c, t in OCCUPATIONS])
    values = [[(3.5, 4.0), (3.2, 3.1)], [(3.4, 3.9), (3.6, 3.5)], [(2.9, 2.5), (2.1, 2.0)]]
    for name, elements in ELEMENTS.items():
        write(db / name, _rating_lines(elements, values))
    write(db / "Job Zones.txt", ["O*NET-SOC Code\tJob Zone\tDate\tDomain Source"] + [f"{c}\t2\t08/2023\tAnalyst" for c, _ in OCCUPATIONS])
    write(root / "projections" / "ep_2024_34_table_1_2_occupations.csv", [
        "title,soc_code,occupation_type,employment_2024_thousands,employment_2034_thousands,employment_dist_pct_2024,employment_dist_pct_2034,employment_change_2024_34_thousands,employment_change_pct_2024_34,pct_self_employed_2024,annual_openings_2024_34_thousands,median_annual_wage_2024,typical_entry_education,work_experience_related_occupation,typical_on_the_job_training",
        '"Total, all occupations",00-0000,Summary,169956.1,175167.9,100,100,5211.8,3.1,5.8,18863.3,49500,—,—,—',
        "Customer service representatives,43-4051,Line item,2814,2660.3,1.7,1.5,-153.7,-5.5,0.8,341.7,42830,High school diploma or equivalent,None,Short-term on-the-job training",
    ], crlf=False)
    write(root / "cip_soc" / "CIPCode2020_clean.csv", [
        "CIPFamily,CIPCode,Action,TextChange,CIPTitle,CIPDefinition,CrossReferences,Examples",
        '52,52.0411,New,no,Customer Service Support/Call Center/Teleservice Operation.,"A program that prepares individuals to serve customers.",,',
    ], crlf=False)
    write(root / "cip_soc" / "CIP2020_SOC2018_Crosswalk.csv", [
        "\ufeffCIP2020Code,CIP2020Title,SOC2018Code,SOC2018Title",
        "52.0411,Customer Service Support.,43-4051,Customer Service Representatives",
        "99.9999,NO MATCH,43-4031,Court Clerks",
    ], crlf=False)
    write(root / "institutions" / "hd2024.csv", [
        "UNITID,INSTNM,ADDR,CITY,STABBR,ZIP,WEBADDR,SECTOR,ICLEVEL,CBSA,LATITUDE,LONGITUD",
        "161235,Kennebec Valley Community College,92 Western Ave,Fairfield,ME,04937,www.kvcc.me.edu,4,2,-2,44.59,-69.61",
    ], crlf=False)
    with gzip.open(root / "institutions" / "institution_programs_scorecard_x_hd2024.csv.gz", "wt") as out:
        out.write("unitid,cip4,credential_level,credential_desc,completers_count\n161235,52.04,1,Undergraduate Certificate,12\n")
    write(root / "apprenticeship" / "apprenticeable_occupations_2019_rapidskills.csv", [
        "occupational_title,rapids_code,onet_code,term_length,type",
        "COURT CLERK ,0999,43-4031.01 ,2000,TB",
    ], crlf=False)
    (root / "soc_crosswalk").mkdir()  # the official O*NET 2010 to 2019 crosswalk, as released
    shutil.copy(SHARED_DATA / apprenticeship.CROSSWALK_FILE, root / apprenticeship.CROSSWALK_FILE)
    return root


def releases() -> dict[str, str]:
    return {"*": "test"}


@pytest.fixture()
def empty_store(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'unit.sqlite'}", future=True)
    m.Base.metadata.create_all(engine)
    return engine


def load_onet(engine, folder: Path):
    with engine.begin() as conn:
        return onet.load(conn, folder, releases(), show=False)


def test_small_release_loads(data, empty_store):
    loaded = {x.table: x.rows for x in load_onet(empty_store, data / "onet" / "db")}
    assert loaded["occupation"] == 3
    assert loaded["rating:abilities"] == 12  # 3 occupations x 2 elements x 2 scales
    with Session(empty_store) as s:
        clerk = s.get(m.Occupation, "43-4031.00")
        assert clerk.job_zone == 2 and clerk.soc == "43-4031"
        assert s.scalar(select(func.count()).select_from(m.Rating).where(m.Rating.domain == "knowledge")) == 12


def test_optional_file_missing_is_said_and_skipped(data, empty_store, capsys):
    (data / "onet" / "db" / "Job Zones.txt").unlink()
    load_onet(empty_store, data / "onet" / "db")
    assert "Job Zones.txt not found; going on without it" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["Occupation Data.txt", "Abilities.txt", "Skills.txt", "Knowledge.txt"])
def test_missing_required_file(data, empty_store, name):
    (data / "onet" / "db" / name).unlink()
    with pytest.raises(DataFileError, match=f"{name}: file not found"):
        load_onet(empty_store, data / "onet" / "db")


def _edit(path: Path, change) -> None:
    lines = path.read_bytes().decode().split("\r\n")
    path.write_bytes("\r\n".join(change(lines)).encode())


@pytest.mark.parametrize("change, expected", [
    (lambda ls: ls[:-2] + [ls[-2][:25]], r"Skills.txt, line 13: expected 13 fields .* found 3"),  # cut mid-line
    (lambda ls: [ls[0].replace("Data Value", "Value")] + ls[1:], r"Skills.txt, line 1: header lacks column\(s\) Data Value"),
    (lambda ls: ls[:3] + [ls[3].replace("3.2", "high")] + ls[4:], r"Skills.txt, line 4: column 'Data Value' should be a number, found 'high'"),
    (lambda ls: ls[:2] + [ls[2].replace("4.0", "9.5")] + ls[3:], r"Skills.txt, line 3: LV value should be within 0-7, found 9.5"),
    (lambda ls: ls[:1] + [ls[1].replace("43-4051.00", "43-4051")] + ls[2:], r"Skills.txt, line 2: column 'O\*NET-SOC Code' should be an O\*NET-SOC code"),
    (lambda ls: ls[:1] + [ls[1].replace("43-4051.00", "11-1011.00")] + ls[2:], r"Skills.txt, line 2: occupation 11-1011.00 is not in Occupation Data.txt"),
    (lambda ls: ls[:3] + [ls[1]] + ls[4:], r"Skills.txt, line 4: duplicate rating for 43-4051.00 2.A.1.a IM"),
    (lambda ls: [], r"Skills.txt, line 1: file is empty"),
    (lambda ls: ls[:1], r"Skills.txt: no ratings found"),
])
def test_malformed_ratings_file(data, empty_store, change, expected):
    _edit(data / "onet" / "db" / "Skills.txt", change)
    with pytest.raises(DataFileError, match=expected):
        load_onet(empty_store, data / "onet" / "db")


def test_not_utf8(data, empty_store):
    path = data / "onet" / "db" / "Knowledge.txt"
    path.write_bytes(path.read_bytes().replace(b"Administrative", b"Administ\xffrative"))
    with pytest.raises(DataFileError, match="Knowledge.txt: not valid UTF-8 text"):
        load_onet(empty_store, data / "onet" / "db")


def test_csv_releases_are_checked(data, empty_store):
    with empty_store.begin() as conn:
        assert bls_nces.load_projections(conn, data)[0].rows == 1  # the Summary row is skipped
        cip = {x.table: x.rows for x in bls_nces.load_cip(conn, data)}
        assert cip == {"cip_program": 1, "cip_soc": 1}  # the NO MATCH row is dropped
    path = data / "projections" / "ep_2024_34_table_1_2_occupations.csv"
    path.write_text(path.read_text().replace("43-4051,Line item", "434051,Line item"))
    with empty_store.begin() as conn, pytest.raises(DataFileError, match=r"ep_2024_34_table_1_2_occupations.csv, line 3: column 'soc_code' should be a SOC code"):
        bls_nces.load_projections(conn, data)


def test_old_onet_code_is_mapped_through_the_crosswalk(data, empty_store):
    load_onet(empty_store, data / "onet" / "db")
    with empty_store.begin() as conn:
        apprenticeship.load(conn, data)
    with Session(empty_store) as s:
        row = s.execute(select(m.Apprenticeship)).scalars().one()
        assert (row.occupation_code, row.match, row.training_type, row.title) == ("43-4031.00", "crosswalk", "time-based", "COURT CLERK")
        assert s.get(m.CodeAlias, ("43-4031.01", "43-4031.00")).kind == "onet2010"


def test_apprenticeship_codes_are_normalised():
    assert apprenticeship.normalise_code(" 49.3023.02 ") == "49-3023.02"
    assert apprenticeship.normalise_code("53-2012-00") == "53-2012.00"
    assert apprenticeship.normalise_code("n/a") is None


def test_failed_build_keeps_the_previous_store(data, tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    build(url, data, show=False)
    before = (tmp_path / "store.sqlite").read_bytes()
    _edit(data / "onet" / "db" / "Knowledge.txt", lambda ls: ls[:-2] + [ls[-2][:30]])
    with pytest.raises(DataFileError, match="Knowledge.txt, line 13"):
        build(url, data, show=False)
    assert (tmp_path / "store.sqlite").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if ".building-" in p.name] == []
    with Session(open_store(url)) as s:
        assert s.scalar(select(func.count()).select_from(m.Occupation)) == 3


# A build that enters its staging store and then waits to be killed
KILLED_BUILD = """
import sys, time
from knowledge.db import new_store
with new_store(sys.argv[1]):
    print("staging", flush=True)
    time.sleep(600)
"""


def kill_a_build_midway(url: str) -> None:
    """Start a build of ``url`` in another process and SIGKILL it while it is writing its staging store:
    its own clean-up never runs, as after a power cut or the OOM killer."""
    child = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, url], stdout=subprocess.PIPE, text=True,
                             cwd=Path(__file__).resolve().parent.parent)
    try:
        assert child.stdout.readline().strip() == "staging"
    finally:
        child.kill()
        child.wait(30)


def test_a_build_killed_midway_leaves_nothing_behind_after_the_next_one(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    kill_a_build_midway(url)
    assert [p.name for p in tmp_path.glob(".store.sqlite.building-*")], "the killed build left no staging file"
    with new_store(url) as engine:
        m.Base.metadata.create_all(engine)
    assert [p.name for p in tmp_path.glob(".store.sqlite.building-*")] == []
    assert (tmp_path / "store.sqlite").is_file()


def test_rebuild_is_idempotent(data, tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    first = {x.table: x.rows for x in build(url, data, show=False)}
    second = {x.table: x.rows for x in build(url, data, show=False)}
    assert first == second
    assert first["occupation"] == 3 and first["wage"] > 300_000  # the real OEWS release from the package


def test_cli_reports_bad_data_without_a_traceback(data, tmp_path):
    shutil.rmtree(data / "onet" / "db")
    (data / "onet" / "db").mkdir()
    result = subprocess.run([sys.executable, "-m", "knowledge.cli", "--db", f"sqlite:///{tmp_path / 's.sqlite'}", "build",
                             "--data", str(data), "--quiet"], capture_output=True, text=True)
    assert result.returncode == 1
    assert "Occupation Data.txt: file not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_without_a_store_says_how_to_build(tmp_path):
    result = subprocess.run([sys.executable, "-m", "knowledge.cli", "--db", f"sqlite:///{tmp_path / 'none.sqlite'}", "sources"],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "has not been built: run 'careerbot build'" in result.stderr
