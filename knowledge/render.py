"""Plain-text views of the analysis results for the terminal: short, biggest gap first, sources named.

The figures are written as knowledge/formatting.py writes them everywhere (money, pay, group notes).
"""
from __future__ import annotations

import json
import sys
from typing import Callable

from knowledge.analysis import GAP_LIST_TITLES
from knowledge.formatting import group_note, money, pay, signed_money


def print_result(as_json: bool, payload, render: Callable[[object], str]) -> None:
    """One answer on stdout: JSON for scripts, or the plain-text view for people."""
    if as_json:
        json.dump(payload, sys.stdout, indent=1, ensure_ascii=False, default=str)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render(payload) + "\n")


def compare_text(r: dict) -> str:
    score = r["score"]
    lines = [f"{r['from']['title']} -> {r['to']['title']}",
             f"Transferability: {_fmt(score['grand'])} / 100  (" +
             ", ".join(f"{d} {_fmt(v['score'])}" for d, v in score["domains"].items()) + ")",
             score["basis"]["headline"], score["meaning"], ""]
    if (r.get("credential") or {}).get("needed"):
        lines += [r["credential"]["text"], ""]
    for key, title in GAP_LIST_TITLES.items():
        block = r[key]
        if block["why_no_score"]:
            lines.append(f"{title}: no comparison - {block['why_no_score']}.")
            continue
        if not block["gaps"]:
            lines.append(f"{title}: none - you already meet every important level"
                         + (" O*NET rates reliably." if block.get("not_reliably_rated") else "."))
            lines += not_reliably_rated_lines(block)
            continue
        lines.append(f"{title} (target level / your level / importance, 0-100):")
        for g in block["gaps"][:5]:
            example = (g.get("example") or {}).get("text")  # the target's own task (knowledge/gap_examples.py)
            lines.append(f"  - {g['element']}: {g['target_level']} / {g['source_level']} / {g['importance']}"
                         + (f"  e.g. \"{example}\"" if example else ""))
        lines += not_reliably_rated_lines(block)
    lines.append(f"  [{score['source']}]")
    market = r["labor_market"]
    a, b = market["from"]["wages"] or {}, market["to"]["wages"] or {}
    lines += ["", f"Median pay, {market['area']['name']}: {pay(a)}{group_note(a)} now, {pay(b)}{group_note(b)} "
              f"as {r['to']['title']} ({signed_money(market['difference']['annual_median'])})  [{market['wages_source']}]"]
    proj = market["to"]["projections"]
    if proj:
        lines.append(f"Outlook for {r['to']['title']}{group_note(proj)}: {proj['change_pct']:+.1f}% jobs 2024-34, "
                     f"{proj['annual_openings']:,} openings a year nationally  [{market['projections_source']}]")
    zones = r["job_zones"]
    if zones["from"] and zones["to"]:
        lines.append(f"Preparation: job zone {zones['from']['zone']} -> {zones['to']['zone']} ({zones['to']['name']})")
    return "\n".join(lines)


def not_reliably_rated_lines(block: dict) -> list[str]:
    """The elements a gap list leaves out because O*NET recommends suppressing a level (too unreliable to use)."""
    return [f"  - {u['element']}: not reliably rated for {' or '.join(u['level_of'])} (O*NET recommends suppressing the level); "
            "no gap counted" for u in block.get("not_reliably_rated", [])]


def explore_text(r: dict) -> str:
    area = r["pay_area"]["name"]
    asked = f" ({'; '.join(r['wishes'])})" if r.get("wishes") else ""
    jobs = (r.get("profile") or {}).get("jobs")
    start = f"your jobs ({', '.join(j['title'] for j in jobs)})" if jobs else r["from"]["title"]
    lines = [f"Where else could you go from {start}?{asked} (pay in {area})", f"Order: {r['order']}."]
    for i, d in enumerate(r["destinations"], 1):
        where = f" in {d['wage_area']}" if d.get("wage_area") not in (None, area) else ""
        mark = {"cut": ", pay cut", "same": ", about the same pay"}.get(d.get("move"), "")
        mark += ", shrinking" if d.get("shrinking") else ""
        cover = f"you cover {_fmt(d['covered'])}% of it" if d.get("covered") is not None else "not measured"
        lines.append(f"{i:>2}. {d['title']} ({d['code']}): {cover}, "
                     f"job zone {d.get('job_zone')}, median {money(d.get('median_wage'))}{where}"
                     + (f" ({signed_money(d['wage_gain'])})" if d.get("wage_gain") is not None else "") + mark)
    lines.append(r["ranking"])
    return "\n".join(lines)


def _fmt(value) -> str:
    return "n/a" if value is None else f"{value:.0f}"
