"""O*NET database, official text layout (tab-delimited, one header row, 'n/a' for nulls)."""
from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy.engine import Connection

from knowledge import models as m
from knowledge.loaders import Loaded, Progress, insert_rows, say
from knowledge.textfile import DataFileError, read_rows

CITATION = (
    "O*NET {release} Database, U.S. Department of Labor, Employment and Training Administration "
    "(USDOL/ETA), CC BY 4.0"
)
CODE = re.compile(r"^\d\d-\d{4}\.\d\d$")
SCALE_RANGE = {"IM": (1.0, 5.0), "LV": (0.0, 7.0), "OI": (1.0, 7.0)}  # OI: occupational interest (RIASEC)
RATING_FILES = {  # domain: (file, required)
    "abilities": ("Abilities.txt", True),
    "skills": ("Skills.txt", True),
    "knowledge": ("Knowledge.txt", True),
    "work_activities": ("Work Activities.txt", False),
    "interests": ("Interests.txt", False),  # RIASEC profiles, for people with no job to start from (knowledge.interests)
}
ELEMENT_DOMAINS = (  # content-model id prefix -> domain of the element
    ("1.A", "abilities"),
    ("2.A", "skills"),
    ("2.B", "skills"),
    ("2.C", "knowledge"),
    ("4.A", "work_activities"),
    ("1.B.1", "interests"),
)
RATING_COLUMNS = ["O*NET-SOC Code", "Element ID", "Element Name", "Scale ID", "Data Value"]


def _flag(value: str | None) -> bool | None:
    return None if value is None else value.upper() == "Y"


def _int(value: float | None) -> int | None:
    return None if value is None else int(value)


def _domain_of(element_id: str) -> str | None:
    return next((d for prefix, d in ELEMENT_DOMAINS if element_id.startswith(prefix)), None)


def load(conn: Connection, folder: Path, releases: dict[str, str], show: bool = True) -> list[Loaded]:
    """Load the O*NET files in ``folder``; ``releases`` maps file name to its release ("30.0")."""
    loaded: list[Loaded] = []

    def release(name: str) -> str:
        return releases.get(name, releases.get("*", "unknown"))

    def record(table: str, files: list[str], rows: int, note: str | None = None) -> None:
        rel = ", ".join(sorted({release(f) for f in files}))
        loaded.append(Loaded(table, "O*NET database", rel, files, rows, CITATION.format(release=rel), note))

    def optional(name: str) -> Path | None:
        path = folder / name
        if not path.is_file():
            say(f"  O*NET: {name} not found; going on without it")
            return None
        return path

    # Occupations (required) and job zones.
    occupations = {}
    for row in read_rows(folder / "Occupation Data.txt", ["O*NET-SOC Code", "Title", "Description"]):
        code = row.matching("O*NET-SOC Code", CODE.match, "an O*NET-SOC code like 43-4051.00")
        occupations[code] = {"code": code, "soc": code[:7], "title": row.required("Title"),
                             "description": row.text("Description") or "", "job_zone": None}
    if not occupations:
        raise DataFileError(folder / "Occupation Data.txt", None, "no occupations found")
    zones_file = optional("Job Zones.txt")
    if zones_file:
        for row in read_rows(zones_file, ["O*NET-SOC Code", "Job Zone"]):
            code = row.required("O*NET-SOC Code")
            zone = row.number("Job Zone", required=True)
            if code in occupations:
                if not 1 <= zone <= 5:
                    raise DataFileError(zones_file, row.line, f"Job Zone should be 1 to 5, found {zone}")
                occupations[code]["job_zone"] = int(zone)
    insert_rows(conn, m.Occupation.__table__, occupations.values())
    record("occupation", ["Occupation Data.txt"] + (["Job Zones.txt"] if zones_file else []), len(occupations))
    aliases = [{"alias": c, "occupation_code": c, "kind": "onet2019"} for c in occupations]
    for soc in sorted({o["soc"] for o in occupations.values()}):
        members = [c for c in occupations if c.startswith(soc)]
        aliases += [{"alias": soc, "occupation_code": c, "kind": "soc2018"} for c in members]
    insert_rows(conn, m.CodeAlias.__table__, aliases)
    record("code_alias", ["Occupation Data.txt"], len(aliases),
           "O*NET-SOC 2019 and SOC 2018 codes; 2010 codes are added by the apprenticeship loader")

    # Elements: the content model gives names and descriptions; rating files add any it lacks.
    elements: dict[str, dict] = {}
    cmr = optional("Content Model Reference.txt")
    if cmr:
        for row in read_rows(cmr, ["Element ID", "Element Name", "Description"]):
            eid = row.required("Element ID")
            elements[eid] = {"id": eid, "name": row.required("Element Name"), "domain": _domain_of(eid),
                             "description": row.text("Description")}

    # Ratings: one table for all four domains, both scales.
    progress = Progress("O*NET ratings", show)
    rating_files = []
    rated: dict[str, set[str]] = {}
    seen: set[tuple[str, str, str]] = set()

    def ratings(domain: str, path: Path):
        for row in read_rows(path, RATING_COLUMNS):
            code = row.matching("O*NET-SOC Code", CODE.match, "an O*NET-SOC code like 43-4051.00")
            scale = row.required("Scale ID")
            if scale not in SCALE_RANGE:
                continue  # other scales (none in these files today) are not used
            value = row.number("Data Value", required=True)
            low, high = SCALE_RANGE[scale]
            if not low <= value <= high:
                raise DataFileError(path, row.line, f"{scale} value should be within {low:g}-{high:g}, found {value:g}")
            if code not in occupations:
                raise DataFileError(path, row.line, f"occupation {code} is not in Occupation Data.txt")
            eid = row.required("Element ID")
            key = (code, eid, scale)
            if key in seen:
                raise DataFileError(path, row.line, f"duplicate rating for {code} {eid} {scale}")
            seen.add(key)
            if eid not in elements:
                elements[eid] = {"id": eid, "name": row.required("Element Name"), "domain": domain, "description": None}
            elements[eid]["domain"] = domain
            rated.setdefault(domain, set()).add(code)
            v = row.values
            yield {
                "occupation_code": code, "element_id": eid, "scale_id": scale, "domain": domain, "value": value,
                "n": _int(row.number("N")) if "N" in v else None,
                "std_error": row.number("Standard Error") if "Standard Error" in v else None,
                "lower_ci": row.number("Lower CI Bound") if "Lower CI Bound" in v else None,
                "upper_ci": row.number("Upper CI Bound") if "Upper CI Bound" in v else None,
                "recommend_suppress": _flag(row.text("Recommend Suppress")) if "Recommend Suppress" in v else None,
                "not_relevant": _flag(row.text("Not Relevant")) if "Not Relevant" in v else None,
                "date": row.text("Date") if "Date" in v else None,
                "domain_source": row.text("Domain Source") if "Domain Source" in v else None,
                "release": release(path.name),
            }

    for domain, (name, required) in RATING_FILES.items():
        path = folder / name if required else optional(name)
        if path is None:
            continue
        rows = insert_rows(conn, m.Rating.__table__, ratings(domain, path), progress)
        if rows == 0:
            raise DataFileError(path, None, "no ratings found")
        rating_files.append(name)
        record(f"rating:{domain}", [name], rows, f"{len(rated.get(domain, ()))} occupations rated")
    progress.done()
    insert_rows(conn, m.Element.__table__, elements.values())
    record("element", ["Content Model Reference.txt"] if cmr else rating_files, len(elements))

    loaded += _load_simple_tables(conn, folder, occupations, optional, release, show)
    return loaded


def _load_simple_tables(conn, folder, occupations, optional, release, show) -> list[Loaded]:
    """The files with one table each and no cross-checks beyond a known occupation code."""
    out: list[Loaded] = []

    def known(row, path) -> str | None:
        code = row.matching("O*NET-SOC Code", CODE.match, "an O*NET-SOC code like 43-4051.00")
        return code if code in occupations else None

    def table(name: str, file: str, columns: list[str], make, model):
        path = optional(file)
        if path is None:
            return
        progress = Progress(f"O*NET {file}", show)
        rows = insert_rows(conn, model.__table__, (r for r in (make(row, path) for row in read_rows(path, columns)) if r), progress)
        progress.done()
        out.append(Loaded(name, "O*NET database", release(file), [file], rows, CITATION.format(release=release(file))))

    table("level_anchor", "Level Scale Anchors.txt", ["Element ID", "Scale ID", "Anchor Value", "Anchor Description"],
          lambda r, p: {"element_id": r.required("Element ID"), "scale_id": r.required("Scale ID"),
                        "value": r.number("Anchor Value", True), "description": r.required("Anchor Description")},
          m.LevelAnchor)
    table("job_zone_reference", "Job Zone Reference.txt", ["Job Zone", "Name", "Experience", "Education", "Job Training", "Examples", "SVP Range"],
          lambda r, p: {"zone": int(r.number("Job Zone", True)), "name": r.required("Name"), "experience": r.text("Experience"),
                        "education": r.text("Education"), "training": r.text("Job Training"), "examples": r.text("Examples"),
                        "svp_range": r.text("SVP Range")},
          m.JobZoneReference)
    table("education_category", "Education, Training, and Experience Categories.txt",
          ["Element ID", "Scale ID", "Category", "Category Description"],
          lambda r, p: {"element_id": r.required("Element ID"), "scale_id": r.required("Scale ID"),
                        "category": int(r.number("Category", True)), "description": r.required("Category Description")},
          m.EducationCategory)
    table("education_experience", "Education, Training, and Experience.txt",
          ["O*NET-SOC Code", "Element ID", "Element Name", "Scale ID", "Category", "Data Value"],
          # rows without a category are importance ratings of certifications, not distributions
          lambda r, p: (c := known(r, p)) and r.text("Category") is not None and {
              "occupation_code": c, "element_id": r.required("Element ID"), "scale_id": r.required("Scale ID"),
              "category": int(r.number("Category", True)), "element_name": r.required("Element Name"),
              "percent": r.number("Data Value", True), "n": _int(r.number("N")) if "N" in r.values else None,
              "recommend_suppress": _flag(r.text("Recommend Suppress")) if "Recommend Suppress" in r.values else None},
          m.EducationExperience)
    table("task", "Task Statements.txt", ["O*NET-SOC Code", "Task ID", "Task", "Task Type"],
          lambda r, p: (c := known(r, p)) and {
              "occupation_code": c, "task_id": int(r.number("Task ID", True)), "task": r.required("Task"),
              "task_type": r.text("Task Type"),
              "incumbents_responding": r.number("Incumbents Responding") if "Incumbents Responding" in r.values else None},
          m.Task)
    for file in ("Skills to Work Activities.txt", "Abilities to Work Activities.txt"):
        element = "Skills Element ID" if file.startswith("Skills") else "Abilities Element ID"
        table("activity_link:" + file.split()[0].lower(), file, [element, "Work Activities Element ID"],
              lambda r, p, element=element: {"element_id": r.required(element), "activity_id": r.required("Work Activities Element ID")},
              m.ActivityLink)
    table("dwa", "DWA Reference.txt", ["Element ID", "DWA ID", "DWA Title"],
          lambda r, p: {"dwa_id": r.required("DWA ID"), "activity_id": r.required("Element ID"), "title": r.required("DWA Title")},
          m.Dwa)
    table("task_dwa", "Tasks to DWAs.txt", ["O*NET-SOC Code", "Task ID", "DWA ID"],
          lambda r, p: (c := known(r, p)) and {"occupation_code": c, "task_id": int(r.number("Task ID", True)),
                                                "dwa_id": r.required("DWA ID")},
          m.TaskDwa)
    table("technology", "Technology Skills.txt", ["O*NET-SOC Code", "Example", "Commodity Code", "Commodity Title"],
          lambda r, p: (c := known(r, p)) and {
              "occupation_code": c, "example": r.required("Example"), "commodity_code": r.text("Commodity Code"),
              "commodity_title": r.text("Commodity Title"),
              "hot": _flag(r.text("Hot Technology")) if "Hot Technology" in r.values else None,
              "in_demand": _flag(r.text("In Demand")) if "In Demand" in r.values else None},
          m.Technology)
    table("tool", "Tools Used.txt", ["O*NET-SOC Code", "Example", "Commodity Code", "Commodity Title"],
          lambda r, p: (c := known(r, p)) and {
              "occupation_code": c, "example": r.required("Example"), "commodity_code": r.text("Commodity Code"),
              "commodity_title": r.text("Commodity Title")},
          m.Tool)
    official = [{"occupation_code": c, "title": o["title"], "short_title": None, "kind": "official"} for c, o in occupations.items()]
    conn.execute(m.Title.__table__.insert(), official)
    out.append(Loaded("title:official", "O*NET database", release("Occupation Data.txt"), ["Occupation Data.txt"], len(official),
                      CITATION.format(release=release("Occupation Data.txt"))))
    table("title:alternate", "Alternate Titles.txt", ["O*NET-SOC Code", "Alternate Title", "Short Title"],
          lambda r, p: (c := known(r, p)) and {
              "occupation_code": c, "title": r.required("Alternate Title"), "short_title": r.text("Short Title"), "kind": "alternate"},
          m.Title)
    table("title:reported", "Sample of Reported Titles.txt", ["O*NET-SOC Code", "Reported Job Title"],
          lambda r, p: (c := known(r, p)) and {
              "occupation_code": c, "title": r.required("Reported Job Title"), "short_title": None, "kind": "reported"},
          m.Title)
    table("related_occupation", "Related Occupations.txt", ["O*NET-SOC Code", "Related O*NET-SOC Code", "Relatedness Tier", "Index"],
          lambda r, p: (c := known(r, p)) and {
              "occupation_code": c, "related_code": r.required("Related O*NET-SOC Code"),
              "tier": r.text("Relatedness Tier"), "rank": _int(r.number("Index"))},
          m.RelatedOccupation)
    return out
