"""Which pay a pay question asks for: by the hour ("what would that pay per hour?", "hourly?") or at the start
("is that starting pay?", "what do new ones make?"). The pay answer (bot/replies/comparison.py, ``pay``) adds
those figures to the yearly ones it always gives.
"""
from __future__ import annotations

import re

HOURLY = re.compile(r"\b(hour|hours|hourly|hr|hrs|an hr|/hr|/hour|per hr|wage rate)\b|\$\s*/\s*h", re.I)
STARTING = re.compile(r"\b(start|starting|starts|started|starter|entry[- ]level|entry|beginner|beginning|new grads?"
                      r"|first year|1st year|right away|out of school|at first|new ones|newbies?|rookies?)\b", re.I)
STARTING_NOT = re.compile(r"\b(start(ing)? over|get started|started as|start(ed)? (in|at) \d{4})\b", re.I)


def asked(text: str | None) -> set[str]:
    """{"hourly", "starting"}, either or none, from the words of a pay question."""
    text = text or ""
    kinds = set()
    if HOURLY.search(text):
        kinds.add("hourly")
    if STARTING.search(text) and not STARTING_NOT.search(text):
        kinds.add("starting")
    return kinds
