"""Exports: one conversation as a standalone HTML page or a PDF (WeasyPrint, as the career report), the
list of conversations (with the filters applied) as CSV. Everything is already masked by
bot.console.conversations (a call-back number too: exports travel, the number stays on the console page); the
HTML is autoescaped (what people typed is never markup)."""
from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timezone

from knowledge.report.pdf import html_to_pdf  # noqa: F401  (re-exported for the console's PDF export)

CSV_COLUMNS = ["conversation", "started_utc", "last_message_utc", "channel", "current_job", "target_job",
               "messages_from_person", "asked_for_human", "left_unresolved", "analyses", "notes", "assigned_to",
               "status", "follow_up", "occupations_discussed"]


# A formula starts with one of = + - @ at the start of a cell; a spreadsheet that splits on ";" or a tab
# (whatever the file's own separator) starts a new cell after each of them.
_FORMULA = re.compile(r"(^|[,;\t\r\n])(\s*)(?=[=+\-@])")


def _cell(value) -> str:
    """A spreadsheet must not run what people typed: a ' goes before every = + - @ that could start a cell,
    at the start or after a , ; tab or line break (so it is no formula whichever separator the
    spreadsheet splits on), and before a cell's leading ; tab or carriage return."""
    text = _FORMULA.sub(r"\1\2'", "" if value is None else str(value))
    return "'" + text if text[:1] in (";", "\t", "\r") else text


def conversations_csv(rows, cases: dict | None = None) -> str:
    """The list as CSV; ``cases`` (conversation id -> casework.Case) adds who has it, its status and date."""
    from bot.console.casework import NO_CASE

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for c in rows:
        case = (cases or {}).get(c.key, NO_CASE)
        writer.writerow([_cell(v) for v in (
            c.key, c.started_at.strftime("%Y-%m-%d %H:%M:%S"), c.last_at.strftime("%Y-%m-%d %H:%M:%S"), c.channel,
            c.current, c.target, c.user_messages, "yes" if c.asked_for_human else "no",
            "yes" if c.unresolved else "no", len(c.analyses), c.notes, case.assignee, case.status, case.follow_up,
            "; ".join(c.occupations))])
    return out.getvalue()


def conversation_html(jinja, conv, notes: list[dict], counselor: str) -> str:
    return jinja.get_template("export.html").render(
        c=conv, notes=notes, notes_here=True, counselor=counselor, csrf="",
        exported=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M"))
