"""Every reply the bot builds from the knowledge store, in plain words.

Each function takes the dicts that knowledge/ returns and gives a list of messages,
``{"text": str, "buttons": [{"title", "payload"}]}``: short, the gaps that matter most first, what a level
means in everyday terms, a source named for every figure, and follow-ups as buttons rather than
walls of numbers. Someone who never heard of O*NET should understand them. Fixed one-line replies
(greeting, help, goodbye) are the ``responses`` in domain.yml.
"""
from __future__ import annotations

import json
import re

from bot.limits import BUTTONS_AT_MISS, CHOICES_AT_TRY, MAX_FAILURES, MAX_STATE_FAILURES
from knowledge import workplaces
from knowledge.analysis import gap_priority, ranked_gaps
from knowledge.render import group_note, pay as pay_figure
from knowledge.schools import label

Message = dict

# -- small pieces ------------------------------------------------------------------------------

DOMAIN_WORD = {"abilities": "ability", "skills": "skill", "knowledge": "knowledge"}
GAP_KEYS = (("knowledge_to_add", "knowledge"), ("skills_to_upgrade", "skills"), ("gaps_to_narrow", "abilities"))


def msg(text: str, buttons: list[dict] | None = None) -> Message:
    return {"text": text.strip(), "buttons": buttons or []}


def button(title: str, intent: str, **entities) -> dict:
    payload = f"/{intent}" + (json.dumps(entities) if entities else "")
    return {"title": title, "payload": payload}


# Slack cuts a button's text at 75 characters (bot/channels/render.py); SMS numbers the titles, one a line
BUTTON_TITLE_LIMIT = 60


def fit(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, cut between words ("Compare: Gambling Change Persons and Booth…"),
    never inside one."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-/")
    return head + "…"


def money(value) -> str:
    return "n/a" if value is None else f"${value:,.0f}"


def short_source(citation: str | None) -> str:
    """A citation short enough for a chat line, still naming who published what and when."""
    if not citation:
        return "not in this data"
    parts = []
    for one in dict.fromkeys(c.strip() for c in citation.split(";") if c.strip()):
        if one.startswith("O*NET"):
            version = re.match(r"O\*NET ([\d., ]+?) Database", one)
            parts.append(f"O*NET {version.group(1) if version else ''} (U.S. Department of Labor job database)".replace("  ", " "))
        elif "Occupational Employment and Wage Statistics" in one:
            parts.append("U.S. Bureau of Labor Statistics wage survey (OEWS), " + one.rsplit(",", 1)[-1].strip())
        elif "Employment Projections" in one:
            parts.append("U.S. Bureau of Labor Statistics employment projections 2024-34")
        elif "Classification of Instructional Programs" in one:
            parts.append("U.S. Department of Education program list (CIP 2020) and its job crosswalk")
        elif "IPEDS" in one:
            parts.append("U.S. Department of Education school directory (IPEDS 2024)")
        else:
            parts.append(one)
    merged: list[str] = []
    onet = [p for p in parts if p.startswith("O*NET")]
    if len(onet) > 1:  # "O*NET 29.3 ...; O*NET 30.0 ..." -> "O*NET 29.3 and 30.0 ..."
        versions = " and ".join(p.split()[1] for p in onet)
        merged.append(f"O*NET {versions} (U.S. Department of Labor job database)")
        parts = [p for p in parts if not p.startswith("O*NET")]
    return "; ".join(merged + parts)


def source_line(*citations: str | None) -> str:
    return "Source: " + "; ".join(dict.fromkeys(short_source(c) for c in citations if c))


def _sentence(text: str | None) -> str:
    if not text:
        return ""
    text = text.strip().rstrip(".")
    return text[:1].lower() + text[1:]


def _label(text: str | None) -> str:
    return (text or "").split(" - ")[0].strip()


def echo(text: str, limit: int) -> str:
    """What the person typed, quoted back safely: no markup (< and > dropped, so a widget that renders HTML
    shows no tag), no control or invisible characters (a terminal shows no escape codes), one line, cut."""
    shown = "".join(ch if ch.isprintable() else " " for ch in str(text)).replace("<", "").replace(">", "")
    return " ".join(shown.split())[:limit].strip()


def follow_ups(*skip: str) -> list[dict]:
    options = [("What am I missing?", "ask_gaps"), ("How do I get there?", "ask_training"),
               ("What does it pay?", "ask_pay"), ("Apprenticeships?", "ask_apprenticeship"),
               ("What else could I do?", "explore")]
    return [button(title, intent) for title, intent in options if intent not in skip]


# -- the comparison ------------------------------------------------------------------------------

def all_gaps(c: dict) -> list[dict]:
    """The three gap lists as one, in the chart's and the report's order (knowledge.analysis.ranked_gaps)."""
    return ranked_gaps(c)


TASK_WORDS = 16  # a task quoted in a chat message: about one line on a phone ...
TASK_CHARS = 100  # ... and, with no clause to cut it at, this many characters
TASK_CUTS = (", such as", " such as", ", including", " including", "; ", ", using", " using", " to ensure", " in order to")


def short_task(text: str) -> str:
    """An O*NET task statement short enough to read in a chat ("Provide basic patient care or treatments,
    such as taking temperatures ... or performing catheterizations." -> "Provide basic patient care or
    treatments"); the report quotes it whole."""
    text = text.strip().rstrip(".")
    if len(text.split()) <= TASK_WORDS:
        return text
    cut = min((text.find(c) for c in TASK_CUTS if text.find(c) >= 20), default=-1)
    if cut > 0 and len(text[:cut].split()) <= TASK_WORDS:
        return text[:cut]
    return fit(text, TASK_CHARS)


def _gap_line(g: dict, n: int | None = None) -> str:
    example = g.get("example") or {}  # from the target job's own tasks (knowledge/gap_examples.py), or none
    head = f"{n}. " if n else "• "
    line = (f"{head}{g['element']} ({DOMAIN_WORD[g['domain']]}): the job needs about {g['target_level']} out of 100, "
            f"your current job about {g['source_level'] if g['source_level'] is not None else 0}.")
    if example.get("kind") == "task":
        line += f" In the job, for example: \"{short_task(example['text'])}\""
    elif example.get("kind") == "level_anchor":
        line += f" At that level you could, for example, {_sentence(example['text'])}."
    return line


def credential_line(c: dict, n: int | None = None) -> str | None:
    """The license, certification or schooling the job asks for first (knowledge/credentials.py), or None."""
    credential = c.get("credential") or {}
    if not credential.get("needed"):
        return None
    return (f"{n}. " if n else "• ") + credential["text"]


def compare_summary(c: dict, report_link: str | None = None, chart_link: str | None = None) -> list[Message]:
    src, dst = c["from"]["title"], c["to"]["title"]
    grand = c["score"]["grand"]
    area = c["labor_market"]["area"]
    lines = [pair_line(src, dst, area["name"] if area.get("state") else None)]
    basis = c["score"]["basis"]
    if grand is None:
        lines.append("O*NET has not rated one of these jobs, so I can't score how much carries over.")
    elif basis["complete"]:
        lines.append(f"Your experience covers about {grand:.0f} out of 100 of what the job ({dst}) asks for "
                     "(abilities, skills and knowledge; 100 = you already meet every important level). "
                     "It compares the two jobs in general, not you personally.")
    else:  # one or two domains only: say which, and why the rest is missing, before the number can be misread
        lines.append(f"{basis['label']}: you cover about {grand:.0f} out of 100 "
                     "(100 = you already meet every important level the job asks for). "
                     + " ".join(w[:1].upper() + w[1:] + "." for w in basis["why_not_covered"])
                     + (" So this is not the whole job." if basis["unrated"] else ""))
    gaps = all_gaps(c)
    first = credential_line(c, 1)  # a license or a degree comes before any level: it is the first gap
    if gaps or first:
        lines.append("The gaps that matter most for this job:")
        lines += [first] if first else []
        lines += [_gap_line(g, i) for i, g in enumerate(gaps[:3], 2 if first else 1)]
    elif grand is not None:
        lines.append("No important gaps: your current job already reaches every level this job needs.")
    lines.append(source_line("; ".join([c["score"]["source"], *(c.get("credential") or {}).get("sources", [])])))
    messages = [msg("\n".join(lines))]
    if gaps and chart_link:  # the gaps as a bar chart, under the list, where a channel can show pictures
        messages[0]["image"] = chart_link
    pay = _pay_line(c)
    if pay:
        messages.append(msg(pay))
    if report_link:
        messages.append(msg(f"The full report, with every figure and its source: {report_link}"))
    messages[-1]["buttons"] = follow_ups()
    return messages


def _has_pay(w: dict | None) -> bool:
    return bool(w) and (w.get("annual_median") is not None or w.get("hourly_median") is not None)


def _typical_pay(w: dict) -> str:
    """'$41,000 a year', '$21.50 an hour' where BLS gives only that, with the group it is published for."""
    return pay_figure(w) + ("" if w.get("hourly_only") else " a year") + group_note(w)


def _pay_range(w: dict) -> str:
    """The median and the middle half: '$41,000 ($33,000-$52,000)', hourly where only hourly is published."""
    if w.get("hourly_only"):
        lo, hi = w.get("hourly_p25"), w.get("hourly_p75")
        middle = f" (${lo:,.2f}-${hi:,.2f})" if lo is not None and hi is not None else ""
    else:
        middle = f" ({pay_figure(w, 'annual_p25')}-{pay_figure(w, 'annual_p75')})"
    return pay_figure(w) + middle + group_note(w)


def _pay_line(c: dict) -> str | None:
    market = c["labor_market"]
    a, b = market["from"]["wages"] or {}, market["to"]["wages"] or {}
    if not _has_pay(b):
        return None
    where = "in " + market["area"]["name"] if market["area"]["state"] else "nationally"
    line = f"Typical pay {where}: {_typical_pay(b)} as {c['to']['title']}"
    diff = market["difference"]["annual_median"]
    if diff is not None:
        line += (f", {money(abs(diff))} {'more' if diff >= 0 else 'less'} than the {pay_figure(a)} "
                 f"typical for {c['from']['title']}{group_note(a)}")
    return line + f" (half earn more, half less). {source_line(market['wages_source'])}"


def gaps_detail(c: dict) -> list[Message]:
    dst = c["to"]["title"]
    lines = [f"What the job ({dst}) needs that your current job doesn't give you yet (levels 0-100; "
             "examples from the job's own tasks):"]
    first = credential_line(c)
    if first:
        lines.append(first)
    for key, domain in GAP_KEYS:
        block = c[key]
        word = {"knowledge": "Knowledge to add", "skills": "Skills to build", "abilities": "Abilities to strengthen"}[domain]
        if block.get("why_no_score") or not block["rated"]:  # say which job O*NET has not rated, as the score's headline does
            why = (block.get("why_no_score") or "O*NET has not rated one of these jobs").replace(
                "for the target job", f"for {dst}").replace("for the current job", f"for {c['from']['title']}").replace(
                "the target job's", "this job's")
            lines.append(f"{word}: not in the score, {why}.")
            continue
        if not block["gaps"]:
            lines.append(f"{word}: none, you already have what's needed.")
            continue
        lines.append(f"{word}:")
        for g in sorted(block["gaps"], key=gap_priority)[:3]:
            lines.append(_gap_line(dict(g, domain=domain)))
        if block["gap_count"] > 3:
            lines.append(f"  (and {block['gap_count'] - 3} smaller ones)")
    lines.append(source_line("; ".join([c["score"]["source"], *(c.get("credential") or {}).get("sources", [])])))
    messages = [msg("\n".join(lines))]
    edu = _education_line(c)
    if edu:
        messages.append(msg(edu))
    messages[-1]["buttons"] = follow_ups("ask_gaps")
    return messages


def _education_line(c: dict) -> str | None:
    edu = c["education_experience"]
    rows = [r for r in edu.get("required_education", []) if r.get("to_pct")]
    if not rows:
        return None
    top = max(rows, key=lambda r: r["to_pct"])
    line = (f"Schooling: most workers in the job ({c['to']['title']}) say it needs: {_label(top['label']).lower()} "
            f"({top['to_pct']:.0f}% of them).")
    zones = c["job_zones"]
    if zones.get("to"):
        line += f" Preparation: {zones['to']['name'].split(':')[-1].strip().lower()}. {zones['to']['training']}"
    return line + " " + source_line(edu["source"])


# -- pay and outlook ------------------------------------------------------------------------------

def pay(c: dict, metro: dict | None = None) -> list[Message]:
    """``metro``: {"name": OEWS metro area, "to"/"from": its wages}, shown before the state's and the nation's."""
    market = c["labor_market"]
    state = market["area"]["state"]
    lines = ["Pay (a year, before tax; the middle half of workers earn between the two numbers in brackets):"]
    for side in ("to", "from"):
        title = c[side]["title"]
        here = market[side]["wages"] or {}
        nat = market[side]["national_wages"] if state else here
        parts = []
        local = (metro or {}).get(side) or {}
        if _has_pay(local):
            parts.append(f"{metro['name']} area {_pay_range(local)}")
        if state and _has_pay(here):
            parts.append(f"{market['area']['name']} {_pay_range(here)}")
        elif state:
            parts.append(f"{market['area']['name']}: no figure published")
        if _has_pay(nat):
            parts.append(f"whole U.S. {_pay_range(nat)}")
        lines.append(f"• {title}: " + ("; ".join(parts) if parts else "no wage figure published"))
    lines.append(source_line(market["wages_source"]))
    outlook = []
    for side in ("to", "from"):
        p = market[side]["projections"]
        if p and p.get("change_pct") is not None:
            trend = "grow" if p["change_pct"] > 0.5 else "shrink" if p["change_pct"] < -0.5 else "stay about the same"
            outlook.append(f"• {c[side]['title']}{group_note(p)}: jobs expected to {trend} ({p['change_pct']:+.1f}%) by 2034, "
                           f"with about {p['annual_openings']:,} openings a year across the U.S.")
    messages = [msg("\n".join(lines))]
    if outlook:
        messages.append(msg("Outlook:\n" + "\n".join(outlook) + "\n" + source_line(market["projections_source"].replace(" (national)", ""))))
    messages[-1]["buttons"] = follow_ups("ask_pay")
    return messages


# -- training ---------------------------------------------------------------------------------

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


def training(routes: dict, state_name: str | None, zone: dict | None, projection: dict | None,
             zone_source: str | None, projection_source: str | None, metro_name: str | None = None) -> list[Message]:
    """``metro_name``: the OEWS metro area the person named a city in, whose schools come first."""
    title = routes["title"]
    lines = [f"How people get into {title} work:"]
    if projection and projection.get("entry_education"):
        training = (projection.get("on_the_job_training") or "").lower()
        lines.append(f"• Usual start: {projection['entry_education'].lower()}"
                     + (f", then {training}" if training and training != "none" else "")
                     + f". ({source_line(projection_source)})")
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
        distinct = list({(apprenticeship_name(a["title"]), a.get("term")): a for a in reversed(items)}.values())[::-1]
        lines.append(f"Apprenticeships for {title} (paid work plus classes): {len(items)}"
                     + (f"; {min(shown, len(distinct))} of them:" if len(items) > shown else ":"))
        for a in distinct[:shown]:
            ri = a.get("related_instruction")
            classes = f", with {ri['hours']:.0f} hours of classes" if ri else ""
            lines.append(f"• {apprenticeship_name(a['title'])}: "
                         f"{apprenticeship_length(a.get('term'), a.get('training_type'))}{classes}")
    lines += [f"I found none for {title}." for title in missing]
    # a bulletin's title names its registry code ("(RAPIDS 3001CB)"): the code stays in the report
    sources = list(dict.fromkeys(re.sub(r"\s*\(RAPIDS [^)]*\)", "", a.get("source") or citation or "")
                                 for _, items in found for a in items[:shown]))
    return [msg("\n".join(lines)), msg(how + " " + source_line(*sources), follow_ups("ask_apprenticeship"))]


# -- exploring ----------------------------------------------------------------------------------

MARKS = {"cut": "a pay cut", "same": "about the same pay"}


def explore(found: dict, citations: dict, toward: str | None = None) -> list[Message]:
    """The suggestions of ``knowledge.suggestions.suggest``: each with its pay in the person's area and what kind of
    move it is; every one gets a compare button. ``toward``: the title of the job they said they want."""
    source_title, destinations, rated = found["from"]["title"], found["destinations"], found["rated"]
    area, wishes = found["area"]["name"], found.get("wishes") or []
    if not destinations and wishes:
        return [msg(f"None of the jobs close to {source_title} fit all of that ({', '.join(wishes)}). Ask with fewer "
                    "of those, or name a job you'd like and I'll show what carries over.", [button("What else could I do?", "explore")])]
    if not destinations:
        return [msg(f"O*NET has no ratings for {source_title} and lists no related jobs, so I can't suggest jobs "
                    "from it. Tell me the job in other words (\"delivery driver\", \"store supervisor\"), or name a job "
                    "you'd like.")]
    pay_where = "U.S.-wide pay" if area == "U.S." else f"pay in {area}"
    asked = (f", near {toward} (the job you named)" if toward else "") + (f" ({'; '.join(wishes)})" if wishes else "")
    if rated:
        lines = [f"Jobs you could move into from {source_title}{asked}, with {pay_where}: {found['order']}. "
                 "\"Covered\" = how much of what the job asks you already have."]
    else:
        lines = [f"O*NET has not rated {source_title}, so I can't measure how much of it carries over. These are the "
                 f"jobs O*NET lists as related to it{asked}, with {pay_where}: {found['order']}."]
    for i, d in enumerate(destinations, 1):
        parts = [f"{d['covered']:.0f}% covered"] if d.get("covered") is not None else []
        if d.get("median_wage") is not None:
            gain = d.get("wage_gain")
            where = f" in {d['wage_area']}" if d.get("wage_area") not in (None, area) else ""  # the metro publishes none
            parts.append(f"{money(d['median_wage'])} a year{where}"
                         + (f" ({'+' if gain >= 0 else '-'}{money(abs(gain))})" if gain is not None else ""))
        else:
            parts.append(f"pay not published for {area}")
        if d.get("growth_pct") is not None:
            parts.append(f"jobs {d['growth_pct']:+.0f}% by 2034" + (", shrinking" if d.get("shrinking") else ""))
        if d.get("move") in MARKS:
            parts.append(MARKS[d["move"]])
        lines.append(f"{i}. {d['title']}: " + "; ".join(parts))
    for word in found.get("unplaced") or []:
        lines.append(f"I couldn't tell which jobs \"{echo(word, 40)}\" means, so it left none out.")
    lines.append(source_line(citations.get("ratings") if rated else citations.get("related"), citations.get("wages"),
                             citations.get("projections")))
    buttons = [button(fit(f"Compare: {d['title']}", BUTTON_TITLE_LIMIT), "inform", target_job=d["code"])
               for d in destinations]
    return [msg("\n".join(lines), buttons)]


# -- only a target (no current job) ----------------------------------------------------------------

def target_profile(title: str, zone: dict | None, projection: dict | None, wages: dict | None, area_name: str,
                   sources: dict) -> list[Message]:
    lines = [f"What it takes to get into this job ({title}):"]
    if zone:
        lines.append(f"• Preparation: {zone['name'].split(':')[-1].strip().lower()}. {zone['education']} "
                     f"{zone['training']} ({source_line(sources.get('zones'))})")
    if projection and projection.get("entry_education"):
        lines.append(f"• Usual start: {projection['entry_education'].lower()}; work experience needed: "
                     f"{(projection.get('work_experience') or 'none').lower()}. ({source_line(sources.get('projections'))})")
    if _has_pay(wages):
        lines.append(f"• Typical pay ({area_name}): {_typical_pay(wages)}. ({source_line(sources.get('wages'))})")
    lines.append("Tell me about any job you've had (even part-time or volunteer) and I can show what carries over.")
    return [msg("\n".join(lines), follow_ups("ask_gaps", "explore"))]


def starter_jobs(data: dict) -> list[Message]:
    """No job to start from: jobs that need little preparation and hire the most, and how to get a comparison."""
    lines = ["To compare jobs I need somewhere to start from: any job you've had counts, even part-time, summer "
             "or volunteer work. Or name a job you're curious about and I'll tell you what it takes."]
    if data["jobs"]:
        lines.append("Meanwhile, these need little or some preparation (O*NET job zones 1-2): first the ones that "
                     "hire the most people each year, then the best paid of those that still hire often:")
        for i, j in enumerate(data["jobs"], 1):
            line = f"{i}. {j['title']}: about {j['annual_openings']:,} openings a year in the U.S."
            if j.get("median_wage") is not None:
                line += f", typical pay {money(j['median_wage'])} a year ({j['wage_area']})"
            lines.append(line)
        sources = data["sources"]
        lines.append(source_line(sources.get("zones"), sources.get("projections"), sources.get("wages")))
    buttons = [button(fit(f"What it takes: {j['title']}", BUTTON_TITLE_LIMIT), "inform", target_job=j["code"])
               for j in data["jobs"][:5]]
    return [msg("\n".join(lines), buttons)]


def need(what: str) -> list[Message]:
    texts = {
        "target": "Which job would you like to get into? For example \"I want to become a pharmacy technician\".",
        "current": "What job do you do now, or did last? A job title is enough, like \"cashier\" or \"warehouse worker\".",
        "both": "Tell me your job and the job you'd like, for example \"I'm a cashier and want to become a pharmacy tech\".",
    }
    return [msg(texts[what])]


# -- job titles --------------------------------------------------------------------------------

def ask_job(which: str, situation: str | None = None, current_title: str | None = None) -> list[Message]:
    if which == "current":
        return [msg("What job do you do now, or did last? Just the title is fine, like \"cashier\" or \"warehouse worker\".",
                    [button("I don't have a job", "no_job"), button("I'm a student", "student")])]
    opener = {"no_job": "No problem, we can start from where you want to go. ",
              "student": "Great, let's start from where you want to go. "}.get(situation or "", "")
    if current_title and not opener:
        opener = f"Got it: {current_title} now. "
    return [msg(opener + "What job would you like to have? If you're not sure, I can suggest some.",
                [button("Suggest jobs for me", "explore")] if situation not in ("no_job", "student") else [])]


def ask_military(again: bool = False) -> list[Message]:
    if again:  # the first answer named the branch or the specialty again: ask for the civilian side of it
        return [msg("O*NET has no ratings for military jobs, so I need the civilian side of the work. What did "
                    "a normal day look like? For example \"ran a warehouse and tracked inventory\", \"patrols and "
                    "security\", \"fixed trucks and generators\" or \"treated injuries, like an EMT\".")]
    return [msg("Thank you for your service. I can't translate military job codes into civilian jobs yet. "
                "What did you do day to day? A few words are enough, like \"drove trucks\", \"fixed helicopters\" "
                "or \"combat medic, like an EMT\".")]


def military_without_crosswalk() -> list[Message]:
    """After asking twice: the military job is left out, and the person is told where it is translated."""
    return [msg("I can't turn a military job into a civilian one yet, so I'll go on without it. To see which "
                "civilian jobs match yours, My Next Move for Veterans takes your branch and job code: "
                "mynextmove.org/vets. Any civilian job you've had counts too: tell me it any time.")]


def at_employer_choices(employer: str, jobs: list[dict]) -> list[Message]:
    """Asked what they do at an employer, they named the employer again: the jobs most common at that kind of
    workplace (or everyday examples) to tap."""
    where = f" at {echo(employer, 40)}" if employer else ""
    return [msg(f"I need the job itself, not only where it is. Is your job{where} one of these? If not, say in "
                "a few words what you do most of the day (\"I take orders and run the register\").",
                [button(j["title"], "choose_job", current_job=j["code"]) for j in jobs])]


def same_reading(typed: str, title: str, candidates: list[dict]) -> list[Message]:
    """The job they have and the one they want both read as one occupation: the one they have is offered
    in its other readings."""
    return [msg(f"I read both jobs as {title}, so there would be nothing to compare. Is the job you have now, "
                f"\"{echo(typed, 60)}\", closest to one of these? (Or say it another way.)",
                [button(fit(c["title"], BUTTON_TITLE_LIMIT), "choose_job", current_job=c["code"]) for c in candidates[:5]])]


def not_that_one(text: str, candidates: list[dict], which: str) -> list[Message]:
    """A correction that names the job we already had ("no, the job I want is counselor"): our reading of
    the word was wrong, so the other readings are offered."""
    question = "the job you have" if which == "current" else "the job you want"
    return [msg(f"Sorry, I read \"{echo(text, 60)}\" wrongly. Which of these is {question}? (Or say it another way.)",
                [button(fit(c["title"], BUTTON_TITLE_LIMIT), "choose_job", **{f"{which}_job": c["code"]}) for c in candidates[:5]])]


def ask_at_employer(employer: str) -> list[Message]:
    return [msg(f"What do you do at {echo(employer, 40)}? Your job title or a few words, like \"cashier\" or "
                "\"I pack orders in the warehouse\".")]


def ask_state() -> list[Message]:
    return [msg("Which state are you in? I'll use it for local pay and nearby schools.", [button("Skip", "deny")])]


def ask_which_state(choices: list[tuple[str, str | None, str]]) -> list[Message]:
    """A city in several states ("Portland"): one button per state, carrying the metro area too."""
    names = [name or postal for postal, name, _metro in choices]
    question = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]
    return [msg(f"Which one: {question}?",
                [button(name or postal, "inform", state=postal, metro=metro)
                 for (postal, name, metro) in choices] + [button("Skip", "deny")])]


def which_role(code: str, title: str) -> list[Message]:
    return [msg(f"{title}: is that the job you have, or the one you want?",
                [button("I have this job", "inform", current_job=code), button("I want this job", "inform", target_job=code)])]


def target_not_current(title: str) -> list[Message]:
    return [msg(f"What job do you do now, or did last? (Got it: {title} is the one you'd like.)",
                [button("I don't have a job", "no_job"), button("I'm a student", "student")])]


def same_job(title: str) -> list[Message]:
    return [msg(f"Both of those are {title} to me, so there's nothing to compare. Which job would you like to move "
                f"into? (If {title} is the job you want, tell me the job you have now.)")]


def ambiguous(text: str, candidates: list[dict], which: str = "current") -> list[Message]:
    question = "the job you have" if which == "current" else "the job you want"
    return [msg(f"\"{echo(text, 60)}\" could mean a few different jobs. Which is closest to {question}? "
                "(Or describe it another way.)",
                [button(fit(c["title"], BUTTON_TITLE_LIMIT), "choose_job", **{f"{which}_job": c["code"]}) for c in candidates[:5]])]


EXAMPLE_JOBS = [("Cashier", "41-2011.00"), ("Customer service rep", "43-4051.00"), ("Warehouse worker", "53-7062.00"),
                ("Cook", "35-2014.00"), ("Nursing assistant", "31-1131.00"), ("Retail salesperson", "41-2031.00")]


def example_job_choices() -> list[dict]:
    """The everyday jobs offered to tap, as the form keeps choices ({"code", "title"})."""
    return [{"code": c, "title": t} for t, c in EXAMPLE_JOBS]


def unknown_job(text: str, failures: int, which: str) -> list[Message]:
    """The ``failures``-th title we couldn't match: ask again, then offer choices, then go on without it."""
    quoted = f"\"{echo(text, 60)}\""
    if failures >= MAX_FAILURES:
        if which == "current":
            return [msg("Let's move on without it. I can still tell you about the job you'd like.")]
        return [msg("Let's move on: I'll suggest jobs close to yours instead.")]
    if failures == CHOICES_AT_TRY:
        return [msg(f"Still no match for {quoted}. Pick one of these, or describe what you do in a few words "
                    "(\"I stock shelves at night\").",
                    [button(t, "choose_job", **{f"{which}_job": c}) for t, c in EXAMPLE_JOBS])]
    return [msg(f"I couldn't match {quoted} to a job. Try the title as it would appear in a job ad, "
                "like \"cook\", \"bank teller\" or \"forklift driver\".")]


def unknown_state(text: str, failures: int) -> list[Message]:
    """The ``failures``-th answer that names no state: ask again, then go on with national figures."""
    if failures >= MAX_STATE_FAILURES:
        return [msg("I'll use figures for the whole U.S. for now. You can tell me your state any time.")]
    return [msg(f"I don't know the state \"{echo(text, 40)}\". Type its name or two-letter code, like Maine or ME, "
                "or say skip.", [button("Skip", "deny")])]


def situation_ack(situation: str, laid_off_from: str | None = None) -> list[Message]:
    if situation == "laid_off":
        return [msg("I'm sorry you were laid off. Let's see where your experience can take you.")]
    if situation == "no_job":
        return [msg("That's OK, lots of people start there.")]
    if situation == "student":
        return [msg("Nice, it's a good time to look ahead.")]
    return []


# -- steering -----------------------------------------------------------------------------------

def steer_back(misses: int, has_jobs: bool) -> list[Message]:
    """``misses``: messages not understood in a row; from ``BUTTONS_AT_MISS`` on, buttons of what the bot can do."""
    if misses < BUTTONS_AT_MISS:
        text = ("Sorry, I didn't get that. I can compare your job with one you'd like, show what's missing, "
                "what it pays and how to get there.")
        return [msg(text + (" Ask about your comparison, or name another job." if has_jobs else " What job do you do now?"))]
    buttons = ([button(t, i) for t, i in (("What am I missing?", "ask_gaps"), ("How do I get there?", "ask_training"),
                                         ("What else could I do?", "explore"), ("Start over", "start_over"))]
               if has_jobs else [button("What can you do?", "help"), button("I don't have a job", "no_job"),
                                 button("I'm a student", "student")])
    return [msg("I'm still not following, sorry. Here are things I can do. You can also type something like "
                "\"I'm a cashier and want to become a pharmacy tech\".", buttons)]


def steer_in_form() -> list[Message]:
    return [msg("Sorry, I didn't catch that. Let's finish this question first, or say \"stop\".")]


def start_over() -> list[Message]:
    return [msg("OK, fresh start.")]


def noted(pair: str) -> list[Message]:
    """Nothing in the message changed the job, the target or the state: say what stands, and how to change it."""
    return [msg(f"I still have {pair}. To change it, tell me, e.g. \"I'm a ...\", \"I want to be a ...\" or your "
                "state. What would you like to know next?", follow_ups())]


def guess_note(which: str, typed: str, title: str, alternatives: list[dict], at: str | None = None) -> list[Message]:
    """A title O*NET lists under several jobs was taken as the likeliest: name it, offer the others. ``at``: the
    job was guessed from the employer alone, as the one most people there do."""
    buttons = [button(fit(a["title"], BUTTON_TITLE_LIMIT), "inform", **{f"{which}_job": a["code"]}) for a in alternatives]
    if at:
        site = workplaces.SITE_OF.get(workplaces.industry_in(at) or "")
        return [msg(f"You named {echo(at, 40)} but not your job there, so I went with {title}, the job more than half "
                    f"the people at {site + 's' if site else 'places like it'} do (BLS OEWS, May 2025). If you do "
                    "something else there, tap it or tell me.", buttons)]
    names = ", ".join(a["title"] for a in alternatives)
    return [msg(f"I took \"{echo(typed, 40)}\" as {title}. O*NET also lists that title under {names}: tap one if "
                "that's closer.", buttons)]


def pair_line(current: str | None, target: str | None, state: str | None) -> str:
    """The first line of an answer: which jobs and where, so a mix-up shows at once."""
    where = state or "U.S.-wide"
    if current and target:
        return f"{current} → {target} ({where})"
    return f"{current or target} ({where})"


def stopped() -> list[Message]:
    return [msg("OK, I've stopped those questions. What would you like to do next?")]


def no_answer_yet(what: str) -> list[Message]:
    return [msg(f"I can't look that up right now ({what}). Try again in a moment, or ask something else.")]


# -- competency level ------------------------------------------------------------------------------

def level_intro(title: str) -> list[Message]:
    return [msg(f"Let's find your level in the job ({title}). I'll read out a few things people at each level can do; "
                "answer yes if you can do it on your own today.")]


def level_question(statement: str, number: int, level_label: str) -> list[Message]:
    return [msg(f"{number}. ({level_label} level) Can you do this today?\n\"{statement}\"",
                [button("Yes", "affirm"), button("Not yet", "deny")])]


def no_framework(title: str | None, available: list[str]) -> list[Message]:
    have = ", ".join(available) if available else "no job yet"
    who = f"for {title} " if title else ""
    return [msg(f"I don't have a level guide {who}yet; I have one for: {have}. "
                "Tell me if that's your job, e.g. \"I'm a customer service rep\".")]


def level_result(placed: dict, framework: dict) -> list[Message]:
    title = framework["title"]
    if placed["level"] is None:
        first = framework["levels"][0]
        text = (f"You're just starting out in the job ({title}): not yet at the {first['label']} level. "
                f"That level looks like:\n" + "\n".join(f"• {s}" for s in first["statements"][:3]))
    else:
        text = f"From your answers you're at the {placed['label']} level in the job ({title})."
        nxt = placed.get("next")
        if nxt:
            todo = nxt["not_yet"] or nxt["statements"][:3]
            text += f"\nNext up is {nxt['label']}. To get there, work on:\n" + "\n".join(f"• {s}" for s in todo[:3])
        else:
            text += " That's the top level in this guide."
    text += f"\nSource: {framework.get('source') or framework.get('attribution') or 'competency framework'}"
    return [msg(text, [button("Do I qualify for the next level?", "ask_qualify"), button("Apprenticeships?", "ask_apprenticeship")])]


# -- class series (career ladder) -----------------------------------------------------------------

def ladder(result: dict, citation: str | None) -> list[Message]:
    lines = [f"The {result['series']} (a civil-service job series with levels):"]
    highest = result["highest"]
    if highest:
        level = next(lv for lv in result["levels"] if lv["level"] == highest["level"])
        lines.append(f"You qualify for {highest['title']} (class {highest['class_code']}). "
                     f"How I counted: {level['counted']['how']}.")
    else:
        first = result["levels"][0]
        lines.append(f"You don't qualify for the first level, {first['title']} (class {first['class_code']}), yet. "
                     f"How I counted: {first['counted']['how']}.")
    nxt = result["next"]
    if nxt:
        lines.append(f"Next level: {nxt['title']} (class {nxt['class_code']}). You'd need {nxt['summary']}.")
    else:
        lines.append("That's the top level of this series.")
    rule = result["levels"][0]["credit_rule"]
    lines.append(f"Rule: college credit counts as experience, {rule}.")
    lines.append(source_line(citation))
    return [msg("\n".join(lines), [button("What level am I at?", "ask_level"), button("What else could I do?", "explore")])]


def ask_years() -> list[Message]:
    return [msg("How long have you done customer service or similar work (office, public relations, healthcare "
                "administration)? For example \"2 years\" or \"18 months\".")]


def ask_credits() -> list[Message]:
    return [msg("How many college credits (semester hours) do you have? An associate degree is about 60, a bachelor's "
                "about 120. Say 0 if none.",
                [{"title": "None", "payload": "0"}, {"title": "About 30", "payload": "30"},
                 {"title": "Associate (60)", "payload": "60"}, {"title": "Bachelor's (120)", "payload": "120"}])]


def retry_years() -> list[Message]:
    return [msg("Roughly how long? A number is enough, like \"2 years\" or \"6 months\".")]


def retry_credits() -> list[Message]:
    return [msg("How many credits, roughly? Say 0 if none, or the degree you have, like \"associate\".")]


# -- when a look-up fails (the action server or the knowledge store is down) ---------------------------

def lookup_unavailable() -> list[Message]:
    """Said by the Rasa server itself when an action cannot run; the person's message is undone, so
    sending it again once the service is back carries on where they were."""
    return [msg("Sorry, I can't look that up right now. Please try again in a minute: "
                "send your last message again and we'll carry on from there.")]
