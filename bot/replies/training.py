"""How to get into a job: the usual start, preparation and licenses, study programs with the schools
that teach them (nearest first, in the person's metro area when known), and registered apprenticeships.
"""
from __future__ import annotations

import re

from knowledge.schools import label

from bot.replies.pieces import Message, follow_ups, msg, source_line


# The store has no state licensing data (../shared/data/licensing says so): never "no license needed", always where
LICENSES = ("Licenses and certifications: many jobs need one, and the rules differ by state. I don't have them; "
            "CareerOneStop's License Finder shows what {where} requires: careeronestop.org/Toolkit/Training/find-licenses.aspx")


def metro_area(name: str | None) -> str | None:
    """'Houston-Pasadena-The Woodlands, TX' (OEWS metro name) -> 'Houston area'."""
    return f"{name.split(',')[0].split('-')[0].strip()} area" if name else None


def program_families(programs: list[dict]) -> list[list[dict]]:
    """Programs in the same 4-digit CIP series (51.38 nursing) share their schools: the Scorecard reports schools
    by series only. One line each, so the same schools are not listed again under every program."""
    families: dict[str, list[dict]] = {}
    for p in programs:
        families.setdefault(p["cip"][:5], []).append(p)
    return list(families.values())


def schools_count(n: int) -> str:
    return f"{n} school{'s' if n != 1 else ''}"


def school_line(program: dict, state_name: str, area: str | None) -> str:
    """' (21 schools in the Houston area, 126 in Texas): University of St Thomas (Houston, bachelor's); ...': the
    schools of one program family as knowledge/schools.py ordered them, with how many there are."""
    schools, counts = program.get("institutions") or [], program.get("school_counts") or {}
    if not schools:
        return f": no school in {state_name} reports this program"
    total = counts.get("in_state", len(schools))
    named = "; ".join(label(s) for s in schools)
    if not area or counts.get("in_metro") is None:
        return f" ({schools_count(total)} in {state_name}): {named}"
    if not counts["in_metro"]:
        return f" ({schools_count(total)} in {state_name}, none in the {area}), nearest first: {named}"
    return f" ({schools_count(counts['in_metro'])} in the {area}, {total} in {state_name}): {named}"


# How long each of BLS's entry-education levels takes, in BLS's own definitions of them (Employment Projections,
# "Education and training assignments", bls.gov/emp/documentation/education/tech.htm): "how many years would that
# take me" answered where the level is named
SCHOOLING_LENGTH = {
    "doctoral or professional degree": "at least 3 years of full-time study after a bachelor's degree",
    "master's degree": "1 or 2 years of full-time study after a bachelor's degree",
    "bachelor's degree": "4 to 5 years of full-time study after high school",
    "associate's degree": "2 to 4 years of full-time study after high school",
    "postsecondary nondegree award": "from a few weeks to 2 years",
}


def usual_start(projection: dict | None) -> str | None:
    """BLS's typical entry education with how long it takes: "bachelor's degree (usually 4 to 5 years of ...)"."""
    if not projection or not projection.get("entry_education"):
        return None
    education = projection["entry_education"].lower()
    length = SCHOOLING_LENGTH.get(education)
    return education + (f" (usually {length})" if length else "")


SAID_NEEDED_SHARE = 10  # % of workers: the levels of schooling named from O*NET's survey of the job's workers


def said_needed(levels: list[tuple[int, str, float]], source: str | None) -> str | None:
    """"Workers in the job told O*NET they needed: bachelor's degree 56%, post-secondary certificate 23%,
    associate's degree 19%": the other ways in that people took ("can I do a 2-year program?")."""
    shown = sorted((lv for lv in levels if lv[2] >= SAID_NEEDED_SHARE), key=lambda lv: -lv[2])[:3]
    if len(shown) < 2:
        return None
    names = [re.sub(r"\s*\(.*?\)", "", label.split(" - ")[0]).strip() for _, label, _ in shown]
    return ("• What workers in the job told O*NET it needs: " + ", ".join(
        f"{name.lower()} {pct:.0f}%" for name, (_, _, pct) in zip(names, shown)) + f". ({source_line(source)})")


def training(routes: dict, state_name: str | None, zone: dict | None, projection: dict | None,
             zone_source: str | None, projection_source: str | None, metro_name: str | None = None,
             needed: str | None = None) -> list[Message]:
    """``metro_name``: the OEWS metro area the person named a city in, whose schools come first; ``needed``: the
    line of ``said_needed``."""
    title = routes["title"]
    lines = [f"How people get into {title} work:"]
    if projection and projection.get("entry_education"):
        training = (projection.get("on_the_job_training") or "").lower()
        lines.append(f"• Usual start: {usual_start(projection)}"
                     + (f", then {training}" if training and training != "none" else "")
                     + f". ({source_line(projection_source)})")
    if needed:
        lines.append(needed)
    if zone:
        lines.append(f"• {zone['training']} ({source_line(zone_source)})")
    lines.append(f"• {LICENSES.format(where=state_name or 'your state')}")
    messages = [msg("\n".join(lines))]
    if routes["basis"] == "none":
        messages.append(msg(f"I found no study program linked to {title} in the federal program list; "
                            "most people learn it on the job. " + source_line(routes["source"])))
    else:
        where = f" with schools in {state_name}" if state_name else ""
        head = f"Study programs for {title}{where}:" if routes["basis"] == "own" else (
            f"There's no study program for {title} itself (people mostly learn it on the job), so here are programs "
            f"for the closest related jobs ({', '.join(r['title'] for r in routes['related'])}){where}:")
        lines = [head]
        area = metro_area(metro_name)
        for family in program_families(routes["programs"]):
            lines.append(f"• {'; '.join(p['title'] for p in family)}"
                         + (school_line(family[0], state_name, area) if state_name else ""))
        if not state_name:
            lines.append("Tell me your state (e.g. \"I live in Maine\") and I'll list schools there.")
        lines.append(source_line(routes["source"]))
        messages.append(msg("\n".join(lines)))
    messages[-1]["buttons"] = follow_ups("ask_training")
    return messages


# -- apprenticeships ----------------------------------------------------------------------------

APPRENTICESHIP_FINDER = "apprenticeship.gov/apprenticeship-job-finder"
HOURS_A_YEAR = 2000  # full-time work: how registered apprenticeship terms in hours read as years


def apprenticeship_length(term: str | None, training_type: str | None) -> str:
    """'8000 hours' -> 'about 4 years (8,000 hours)'; '5200-8000 hours' -> 'about 2.5 to 4 years (5,200 to 8,000
    hours)'. A competency-based one has no fixed term: it lasts until you show the skills."""
    hours = [int(h) for h in re.findall(r"\d+", (term or "").replace(",", ""))] if term and "hour" in term else []
    if not hours:
        return "no set length: it ends when you can show the skills" if training_type == "competency-based" else \
            "length not listed"

    def years(h: int) -> str:
        y = max(round(h / HOURS_A_YEAR * 2) / 2, 0.5)
        return f"{y:g} year{'s' if y != 1 else ''}"

    if len(hours) == 1:
        return f"about {years(hours[0])} ({hours[0]:,} hours)"
    low, high = hours[0], hours[-1]
    return f"about {years(low).split()[0]} to {years(high)} ({low:,} to {high:,} hours)"


def apprenticeship_name(title: str) -> str:
    """'NURSE ASSISTANT CERTIFIED (EXISTING TITLE: NURSE ASSISTANT)' -> 'Nurse Assistant Certified': the registry's
    notes on its own titles mean nothing to a reader."""
    return re.sub(r"\s*\((existing|alternate) titles?:[^)]*\)", "", title, flags=re.I).strip().title()


def named_like(title: str, items: list[dict]) -> list[dict]:
    """Apprenticeships whose own name has a word of the job's title first ("Electrician" for Electricians),
    so the few shown are the plainest ones; the registry's order is by code."""
    words = {w.rstrip("s") for w in re.findall(r"[a-z]{4,}", title.lower())}

    def plain(a: dict) -> tuple:  # a word of the job's title, then no qualifier ("(Water Trans)"), then short
        name = apprenticeship_name(a["title"])
        return (not words & {w.rstrip("s") for w in re.findall(r"[a-z]{4,}", name.lower())}, "(" in name, len(name))
    return sorted(items, key=plain)


def apprenticeships(groups: list[tuple[str, list[dict]]], citation: str | None, shown: int = 3) -> list[Message]:
    """At most two short messages: the routes (target first; the action passes the current job only when asked,
    each job's routes in the order to show, see ``named_like``), then how to apply. Registry codes and types stay
    in the report."""
    found = [(title, items) for title, items in groups if items]
    missing = [title for title, items in groups if not items]
    how = (f"How to apply: search openings near you at {APPRENTICESHIP_FINDER}. A registered apprenticeship is a "
           "paid job: you earn from the first day, with raises as you learn.")
    if not found:  # the list is of 2019: newer routes may exist, and the finder has them
        return [msg(f"I found no registered apprenticeship for {' or '.join(missing)} in the Department of Labor's "
                    f"list. Newer ones may exist: search openings near you at {APPRENTICESHIP_FINDER}. "
                    + source_line(citation), follow_ups("ask_apprenticeship"))]
    lines = []
    for title, items in found:
        # one line a route: "Diesel Mechanic: about 4 years (8,000 hours) or about 3 years (6,000 hours)"
        routes: dict[str, list[str]] = {}
        for a in items:
            ri = a.get("related_instruction")
            classes = f", with {ri['hours']:.0f} hours of classes" if ri else ""
            length = apprenticeship_length(a.get("term"), a.get("training_type")) + classes
            said = routes.setdefault(apprenticeship_name(a["title"]), [])
            if length not in said:
                said.append(length)
        lines.append(f"Registered apprenticeships for {title} (paid work plus classes): the Department of Labor lists "
                     f"{len(routes)}" + (", among them:" if len(routes) > shown else ":"))
        lines += [f"• {name}: {' or '.join(lengths)}" for name, lengths in list(routes.items())[:shown]]
    lines += [f"I found none for {title}." for title in missing]
    # a bulletin's title names its registry code ("(RAPIDS 3001CB)"): the code stays in the report
    sources = list(dict.fromkeys(re.sub(r"\s*\(RAPIDS [^)]*\)", "", a.get("source") or citation or "")
                                 for _, items in found for a in items[:shown]))
    return [msg("\n".join(lines)), msg(how + " " + source_line(*sources), follow_ups("ask_apprenticeship"))]
