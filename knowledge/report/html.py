"""The career report as one HTML page that stands alone: the template and its CSS are inlined, the charts
are data URIs, nothing is fetched. ``view`` turns the report data into what the template shows."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from knowledge.analysis import DOMAIN_PLURAL, GAP_LIST_TITLES, gap_priority
from knowledge.formatting import group_note, money, pay, short_label, signed_money
from knowledge.report import charts

TEMPLATES = Path(__file__).parent / "templates"
TOP_GAPS_CHARTED = 8
KIND = {"gaps_to_narrow": "ability", "skills_to_upgrade": "skill", "knowledge_to_add": "knowledge"}
GAP_LIST_INTRO = {
    "gaps_to_narrow": "Abilities are lasting talents a job draws on, like understanding what you read or seeing small "
                      "details. They grow slowly, with practice: narrow these gaps if you can.",
    "skills_to_upgrade": "Skills are learned and improve with practice and training, like active listening or "
                         "working out a budget.",
    "knowledge_to_add": "Knowledge is what you know about a subject, like law, English or office procedures. "
                        "Courses, programs and reading close these gaps.",
}
EDUCATION_TITLES = {"required_education": "Education",  # the chart's panels: short, the caption says more
                    "related_work_experience": "Related work experience",
                    "on_site_training": "Training before starting (school or site)",
                    "on_the_job_training": "On-the-job training"}
RANGE = re.compile(r"^(?:Anything beyond short demonstration|Over (\d+) (\w+)), up to and including (\d+) (\w+)$")


def short_category(label: str) -> str:
    """O*NET's long category labels as a table or chart can show them: 'Over 2 years, up to and including 4 years' -> '2-4 years'."""
    label = re.sub(r"\s*\(.*?\)", "", short_label(label))
    match = RANGE.match(label)
    if not match:
        return label.replace("Up to and including", "Up to")
    low, low_unit, high, high_unit = match.groups()
    if low is None:
        return f"Up to {high} {high_unit}"
    if low_unit.rstrip("s") == high_unit.rstrip("s"):
        return f"{low}-{high} {high_unit}"
    return f"{low} {low_unit} to {high} {high_unit}"


def number(value, digits: int = 0) -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}"


def percent(value, digits: int = 0, signed: bool = False) -> str:
    return "n/a" if value is None else f"{value:{'+' if signed else ''},.{digits}f}%"


DOMAIN_NOUNS = DOMAIN_PLURAL  # "12 knowledge areas with an importance of ..."


def plain(text: str | None) -> str | None:
    """The analysis's wording ('the target job') in the report's ('the new job')."""
    if text is None:
        return None
    return text.replace("the target job's", "the new job's").replace("for the target job", "for the new job") \
        .replace("for the current job", "for your current job")


def sentence(text: str | None) -> str:
    return "" if not text else text[0].upper() + text[1:]


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(money=money, group_note=group_note, signed_money=signed_money, number=number, percent=percent, plain=plain,
                       sentence=sentence)
    env.globals["domain_nouns"] = DOMAIN_NOUNS
    return env


def render_html(data: dict) -> str:
    env = _environment()
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    return env.get_template("report.html.j2").render(css=css, **view(data))


# -- what the template shows ---------------------------------------------------------------------
def biggest_gaps(comp: dict, limit: int = TOP_GAPS_CHARTED) -> list[dict]:
    """The comparison's gaps of all three lists, biggest (importance x gap) first, each with its kind; the
    report's gap chart and the chat widget's (bot/channels/site.py) show these."""
    return sorted(({**g, "kind": KIND[key]} for key in GAP_LIST_TITLES for g in comp[key]["gaps"]),
                  key=gap_priority)[:limit]


def view(data: dict) -> dict:
    comp = data["comparison"]
    source, target = comp["from"], comp["to"]
    market = comp["labor_market"]
    gap_lists = [{"key": key, "title": title, "intro": GAP_LIST_INTRO[key], **comp[key]} for key, title in GAP_LIST_TITLES.items()]
    top_gaps = biggest_gaps(comp)
    education = _education(comp["education_experience"])
    return {
        "source": source, "target": target, "score": comp["score"], "gap_lists": gap_lists, "top_gaps": top_gaps,
        "credential": comp.get("credential") or {},
        "gap_chart": charts.gap_chart(top_gaps, source["title"], target["title"]),
        "education": education,
        "education_chart": charts.education_chart(education["panels"], source["title"], target["title"]),
        "job_zones": comp["job_zones"],
        "profile": data["target_profile"],
        "market": market, "wage_tables": _wage_tables(market, (source["title"], target["title"])),
        "wage_chart": charts.wage_chart(_wage_panels(market), source["title"], target["title"]),
        "industries": data["industries"], "programs": data["programs"],
        "apprenticeships": {**data["apprenticeships"], "routes": [_route(r) for r in data["apprenticeships"]["routes"]]},
        "destinations": data["destinations"], "sources": data["sources"],
        "area": market["area"], "person": _person(data.get("person")),
    }


def _person(r: dict | None) -> dict | None:
    """The person's whole story, as the top of the report shows it: their jobs, schooling, what all their jobs
    together cover and which job covers what, their years and schooling against the job's workers."""
    if not r:
        return None
    from knowledge.person.text import education_sentence, experience_sentence, job_line, who_covers_what

    title, background = r["to"]["title"], r["background"]
    jobs = [job_line(j) + (" (unpaid work)" if j.get("unpaid") else "") for j in r["profile"]["jobs"]]
    alone = [f"{j['title']}{' (unpaid)' if j.get('unpaid') else ''}: {j['score_alone']['grand']:.0f}" for j in r["each_job"]
             if (j.get("score_alone") or {}).get("grand") is not None]
    facts = [f for f in (experience_sentence(title, background["experience"]), education_sentence(title, background["education"])) if f]
    return {"jobs": jobs, "education": (r["profile"]["education"] or {}).get("words"), "score": r["score"]["grand"],
            "several": len(r["profile"]["jobs"]) > 1, "who": who_covers_what(r), "alone": alone if len(alone) > 1 else [],
            "facts": facts, "meaning": r["score"]["meaning"],
            "sources": [r["score"]["source"], background["experience"]["sources"]["onet"], background["experience"]["sources"]["bls"]]}


def _education(block: dict) -> dict:
    panels = [{"title": title, "rows": [{**row, "short": short_category(row["label"])} for row in block.get(key, [])
                                        if (row["from_pct"] or 0) + (row["to_pct"] or 0) > 0]}  # answers nobody gave: left out
              for key, title in EDUCATION_TITLES.items()]
    return {"panels": panels, "rated": block["rated"], "source": block["source"]}


SCHEDULE_TITLES = {"work_process": "What you learn on the job (work process schedule)",
                   "ojt_core": "Core competencies shown on the job"}


def _route(route: dict) -> dict:
    """An apprenticeship with its competencies grouped by schedule, then category, in the documents' order."""
    schedules: dict[str, dict] = {}
    for c in route.get("competencies", []):
        schedule = schedules.setdefault(c["schedule"], {"title": SCHEDULE_TITLES.get(c["schedule"], c["schedule"]),
                                                        "source": route["competency_sources"].get(c["schedule"]),
                                                        "categories": {}})
        schedule["categories"].setdefault(c["category"], []).append(c["competency"])
    order = list(SCHEDULE_TITLES)  # the DOL bulletin's work process first
    ranked = sorted(schedules.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
    return {**route, "schedules": [schedule for _, schedule in ranked]}


WAGE_ROWS = (("annual_median", "Middle of the pay scale (median): half earn more, half less"),
             ("annual_p10", "Low end: 1 in 10 earn less than"), ("annual_p25", "1 in 4 earn less than"),
             ("annual_p75", "1 in 4 earn more than"), ("annual_p90", "High end: 1 in 10 earn more than"),
             ("annual_mean", "Average (mean)"))


def _wage_table(name: str, a: dict | None, b: dict | None, titles: tuple[str, str]) -> dict:
    a, b = a or {}, b or {}
    rows = []
    for key, label in WAGE_ROWS:
        x, y = a.get(key), b.get(key)
        rows.append({"label": label, "from": pay(a, key), "to": pay(b, key),
                     "difference": signed_money(y - x) if x is not None and y is not None else "n/a", "key": key})
    x, y = a.get("employment"), b.get("employment")
    rows.append({"label": "People working in the job", "from": number(x), "to": number(y),
                 "difference": f"{y - x:+,.0f}" if x is not None and y is not None else "n/a", "key": "employment"})
    return {"area": name, "rows": rows, "top_coded": bool(a.get("top_coded") or b.get("top_coded")),
            "missing": [title for title, w in zip(titles, (a, b)) if not w],
            # BLS publishes some jobs only in a group (31-1120 for home health and for personal care aides)
            "groups": [f"{title}: {group_note(w).strip(' ()')}" for title, w in zip(titles, (a, b)) if group_note(w)],
            "hourly_only": [title for title, w in zip(titles, (a, b)) if w.get("hourly_only")]}


def _wage_tables(market: dict, titles: tuple[str, str]) -> list[dict]:
    tables = [_wage_table(market["area"]["name"], market["from"]["wages"], market["to"]["wages"], titles)]
    if market["area"]["state"]:
        tables.append(_wage_table("National", market["from"]["national_wages"], market["to"]["national_wages"], titles))
    return tables


def _wage_panels(market: dict) -> list[dict]:
    panels = [{"area": market["area"]["name"], "from": market["from"]["wages"], "to": market["to"]["wages"]}]
    if market["area"]["state"]:
        panels.append({"area": "National", "from": market["from"]["national_wages"], "to": market["to"]["national_wages"]})
    return panels
