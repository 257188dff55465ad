"""The pieces every reply is made of: a message, a button, a text cut to fit, what the person typed quoted
back safely, a source line short enough for a chat, the follow-up buttons, and the pair line that opens an answer.
"""
from __future__ import annotations

import json
import re

Message = dict


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


def sentence(text: str | None) -> str:
    if not text:
        return ""
    text = text.strip().rstrip(".")
    return text[:1].lower() + text[1:]


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


def pair_line(current: str | None, target: str | None, state: str | None) -> str:
    """The first line of an answer: which jobs and where, so a mix-up shows at once."""
    where = state or "U.S.-wide"
    if current and target:
        return f"{current} → {target} ({where})"
    return f"{current or target or 'no job yet'} ({where})"  # "I still have no job yet (Indiana)", not "None"
