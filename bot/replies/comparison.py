"""The answers about a pair of jobs: how much carries over and the gaps that matter most (``compare_summary``),
every gap list (``gaps_detail``), the pay and outlook of both (``pay``), and, with no current job, what the
target job takes (``target_profile``).

The gaps come in knowledge/'s one order (importance x gap, ``knowledge.analysis.ranked_gaps``), the order of
the chart and the report.
"""
from __future__ import annotations

from knowledge import workplaces
from knowledge.analysis import GAP_LIST_TITLES, GAP_LISTS, gap_priority, ranked_gaps
from knowledge.formatting import group_note, money, short_label, zone_preparation
from knowledge.formatting import pay as pay_figure

from bot.replies.training import usual_start
from bot.replies.pieces import (BUTTON_TITLE_LIMIT, Message, button, echo, fit, follow_ups, msg, pair_line, sentence,
                                source_line)

DOMAIN_WORD = {"abilities": "ability", "skills": "skill", "knowledge": "knowledge"}  # "Typing (skill)"
# each gap list in a chat, in the order to work on them, under its heading (the list's key: GAP_LISTS)
GAP_HEADINGS = {domain: GAP_LIST_TITLES[GAP_LISTS[domain]] for domain in ("knowledge", "skills", "abilities")}


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


def gap_line(g: dict, n: int | None = None) -> str:
    """``had_in``: which of their jobs the level is from ("your cashier job"), when not the current one."""
    example = g.get("example") or {}  # from the target job's own tasks (knowledge/gap_examples.py), or none
    head = f"{n}. " if n else "• "
    line = (f"{head}{g['element']} ({DOMAIN_WORD[g['domain']]}): the job needs about {g['target_level']} out of 100, "
            f"{g.get('had_in', 'your current job')} about {g['source_level'] if g['source_level'] is not None else 0}.")
    if example.get("kind") == "task":
        line += f" In the job, for example: \"{short_task(example['text'])}\""
    elif example.get("kind") == "level_anchor":
        line += f" At that level you could, for example, {sentence(example['text'])}."
    return line


def credential_line(c: dict, n: int | None = None) -> str | None:
    """The license, certification or schooling the job asks for first (knowledge/credentials.py), or None."""
    credential = c.get("credential") or {}
    if not credential.get("needed"):
        return None
    return (f"{n}. " if n else "• ") + credential["text"]


def compare_summary(c: dict, report_link: str | None = None, chart_link: str | None = None,
                    metro: dict | None = None) -> list[Message]:
    """``metro``: the metro area's wages of both jobs (``_pay_line``)."""
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
        lines += [gap_line(g, i) for i, g in enumerate(gaps[:3], 2 if first else 1)]
    elif grand is not None:
        lines.append("No important gaps: your current job already reaches every level this job needs.")
    lines.append(source_line("; ".join([c["score"]["source"], *(c.get("credential") or {}).get("sources", [])])))
    messages = [msg("\n".join(lines))]
    if gaps and chart_link:  # the gaps as a bar chart, under the list, where a channel can show pictures
        messages[0]["image"] = chart_link
    pay = _pay_line(c, metro)
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


def _pay_line(c: dict, metro: dict | None = None) -> str | None:
    """``metro``: {"name", "to", "from"}, the OEWS metro area's wages (the city they named), used when it publishes
    both jobs' pay, so the first answer and the pay answer tell the same figures."""
    market = c["labor_market"]
    a, b = market["from"]["wages"] or {}, market["to"]["wages"] or {}
    where = "in " + market["area"]["name"] if market["area"]["state"] else "nationally"
    diff = market["difference"]["annual_median"]
    if metro and _has_pay(metro.get("to")) and _has_pay(metro.get("from")):
        a, b, where = metro["from"], metro["to"], f"in the {metro['name']} area"
        diff = (b["annual_median"] - a["annual_median"]) if b.get("annual_median") is not None and \
            a.get("annual_median") is not None else None
    if not _has_pay(b):
        return None
    line = f"Typical pay {where}: {_typical_pay(b)} as {c['to']['title']}"
    if diff is not None:
        line += (f", {money(abs(diff))} {'more' if diff >= 0 else 'less'} than the {pay_figure(a)} "
                 f"typical for {c['from']['title']}{group_note(a)}")
    return line + f" (half earn more, half less). {source_line(market['wages_source'])}"


def weighed_pay(c: dict, other: dict, metro: dict | None = None, other_metro: dict | None = None) -> list[Message]:
    """Two jobs weighed ("chef or food service manager, which pays better?"): ``c`` compares the job they have with
    the first, ``other`` with the second; both typical pays side by side (their metro area's when it publishes
    both), the other's comparison a tap away."""
    market, more = c["labor_market"], other["labor_market"]
    first, second = market["to"]["wages"] or {}, more["to"]["wages"] or {}
    where = "in " + market["area"]["name"] if market["area"]["state"] else "nationally"
    if metro and other_metro and _has_pay(metro.get("to")) and _has_pay(other_metro.get("to")):
        first, second, where = metro["to"], other_metro["to"], f"in the {metro['name']} area"
    a, b = c["to"]["title"], other["to"]["title"]
    if _has_pay(first) and _has_pay(second) and not first.get("hourly_only") and not second.get("hourly_only"):
        gap = (second.get("annual_median") or 0) - (first.get("annual_median") or 0)
        higher = f"{b} earn more" if gap > 0 else f"{a} earn more" if gap < 0 else "both earn the same"
        text = (f"You also named {b}. Of the two, {higher} {where}: typical pay {_typical_pay(second)} as {b}, "
                f"against {_typical_pay(first)} as {a}" + (f", {money(abs(gap))} a year apart." if gap else "."))
    elif _has_pay(second):
        text = (f"You also named {b}: typical pay {where} {_typical_pay(second)}; BLS publishes no comparable "
                f"figure for {a} here.")
    else:
        text = f"You also named {b}: BLS publishes no pay figure for it {where}."
    starts = [(t, usual_start(m["to"]["projections"])) for t, m in ((a, market), (b, more))]
    if all(start for _, start in starts):  # "which is faster, lvn or rn?": how long each takes to get into
        text += "\nUsual start (BLS): " + "; ".join(f"{t}, {start}" for t, start in starts) + "."
    sources = [market["wages_source"]] + ([market["projections_source"]] if all(start for _, start in starts) else [])
    return [msg(f"{text}\nTo see how your experience carries over to {b}, tap below.\n{source_line('; '.join(sources))}",
                [button(fit(f"Compare with {b}", BUTTON_TITLE_LIMIT), "inform",
                        target_job=other["to"]["code"], weighed_job=c["to"]["code"])])]


def gaps_detail(c: dict, mine: str = "your current job") -> list[Message]:
    """``mine``: whose levels they are ("your jobs" when the person's whole story counts: bot/replies/story.py)."""
    dst = c["to"]["title"]
    lines = [f"What the job ({dst}) needs that {mine} {'don' if mine.endswith('s') else 'doesn'}'t give you yet "
             "(levels 0-100; examples from the job's own tasks):"]
    first = credential_line(c)
    if first:
        lines.append(first)
    for domain, word in GAP_HEADINGS.items():
        block = c[GAP_LISTS[domain]]
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
            lines.append(gap_line(dict(g, domain=domain)))
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
    line = (f"Schooling: most workers in the job ({c['to']['title']}) say it needs: {short_label(top['label']).lower()} "
            f"({top['to_pct']:.0f}% of them).")
    zones = c["job_zones"]
    if zones.get("to"):
        line += f" Preparation: {zone_preparation(zones['to'])}. {zones['to']['training']}"
    return line + " " + source_line(edu["source"])


def _hourly(w: dict) -> str | None:
    if w.get("hourly_median") is None or w.get("hourly_only"):
        return None  # an hourly-only figure is already written by the hour
    middle = (f" (${w['hourly_p25']:,.2f}-${w['hourly_p75']:,.2f})"
              if w.get("hourly_p25") is not None and w.get("hourly_p75") is not None else "")
    return f"${w['hourly_median']:,.2f} an hour{middle}"


def starting_pay(title: str, w: dict, where: str) -> str | None:
    """What a "starting pay?" question can honestly be told: OEWS publishes no pay by experience; its lowest
    percentiles are the nearest figure."""
    low, quarter = w.get("annual_p10"), w.get("annual_p25")
    if low is None or quarter is None:
        return None
    hourly = (f" (${w['hourly_p10']:,.2f} and ${w['hourly_p25']:,.2f} an hour)"
              if w.get("hourly_p10") is not None and w.get("hourly_p25") is not None else "")
    return (f"Starting pay: BLS doesn't publish pay by experience. In {where}, the lowest-paid tenth of {title} earn "
            f"under {money(low)} a year and the lowest-paid quarter under {money(quarter)}{hourly}; people new to a "
            "job are often in that lower part.")


def pay(c: dict, metro: dict | None = None, asked: set[str] = frozenset()) -> list[Message]:
    """``metro``: {"name": OEWS metro area, "to"/"from": its wages}, shown before the state's and the nation's;
    ``asked``: "hourly" and/or "starting" when the question asked for those (bot/understanding/pay_terms.py)."""
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
        nearest = next(((where, w) for where, w in ((f"the {(metro or {}).get('name')} area", local),
                                                     (market["area"]["name"], here if state else {}), ("the U.S.", nat))
                        if _has_pay(w)), None)  # the figure nearest the person, for the extras asked
        if "hourly" in asked and nearest and (by_hour := _hourly(nearest[1])):
            lines.append(f"  by the hour: {by_hour} in {nearest[0]}")
        if "starting" in asked and side == "to" and nearest and (start := starting_pay(title, *reversed(nearest))):
            lines.append("  " + start)
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


# -- only a target (no current job) ----------------------------------------------------------------

def target_profile(title: str, zone: dict | None, projection: dict | None, wages: dict | None, area_name: str,
                   sources: dict) -> list[Message]:
    lines = [f"What it takes to get into this job ({title}):"]
    if zone:
        lines.append(f"• Preparation: {zone_preparation(zone)}. {zone['education']} "
                     f"{zone['training']} ({source_line(sources.get('zones'))})")
    if projection and projection.get("entry_education"):
        lines.append(f"• Usual start: {projection['entry_education'].lower()}; work experience needed: "
                     f"{(projection.get('work_experience') or 'none').lower()}. ({source_line(sources.get('projections'))})")
    if _has_pay(wages):
        lines.append(f"• Typical pay ({area_name}): {_typical_pay(wages)}. ({source_line(sources.get('wages'))})")
    lines.append("Tell me about any job you've had (even part-time or volunteer) and I can show what carries over.")
    return [msg("\n".join(lines), follow_ups("ask_gaps", "explore"))]


def guess_note(which: str, typed: str, title: str, alternatives: list[dict], at: str | None = None,
               above: str | None = None) -> list[Message]:
    """A title O*NET lists under several jobs was taken as the likeliest: name it, offer the others. ``at``: the
    job was guessed from the employer alone, as the one most people there do; ``above``: a rank said alone
    ("supervisor") was read as the step up from this job (knowledge/step_up.py)."""
    buttons = [button(fit(a["title"], BUTTON_TITLE_LIMIT), "inform", **{f"{which}_job": a["code"]}) for a in alternatives]
    if above:
        return [msg(f"You said \"{echo(typed, 40)}\" without saying of what, so I went with {title}: of the "
                    f"supervisors and managers, their work is the most like yours as {above} (O*NET). If you meant "
                    "another, tap it or tell me.", buttons)]
    if at:
        site = workplaces.SITE_OF.get(workplaces.industry_in(at) or "")
        named = echo(at.title() if at.isupper() else at, 40)  # "MCDONALDS" typed in capitals: a name, not a shout
        return [msg(f"You named {named} but not your job there, so I went with {title}, the job more than half "
                    f"the people at {site + 's' if site else 'places like it'} do (BLS OEWS, May 2025). If you do "
                    "something else there, tap it or tell me.", buttons)]
    names = ", ".join(a["title"] for a in alternatives)
    return [msg(f"I took \"{echo(typed, 40)}\" as {title}. O*NET also lists that title under {names}: tap one if "
                "that's closer.", buttons)]
