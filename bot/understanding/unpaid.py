"""Unpaid and volunteer work said in a person's story ("I keep the books for the PTA", "I coach little league",
"I took care of my mom for 5 years", "volunteer at the food bank"), as the O*NET occupation whose work it is,
for the profile of their whole story (knowledge/person/), where it counts like a job they held.

A small table, not the described-work matcher (knowledge/described_work.py): O*NET's task statements describe
paid jobs, and on these words the matcher gives Physical Therapist Assistants for "the PTA" and Nurse Midwives for
"took care of my mom". Each row's occupation is the one whose O*NET tasks are that work.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.understanding.schooling import WISH_BEFORE

_WORD = r"(?!(?:for|and|then|since|but|so|want|wanna|now)\b)[\w'’-]+"
_ORG = r"(?:the |our |my |a |an |their |his |her )?(?:" + _WORD + r" ){0,3}"
# who unpaid books are kept for: a club, a congregation, a school's parents; "for a small company" is a paid job
_CLUB = (r"(?:pta|pto|hoa|church|club|league|team|boosters?|scouts?|troop|nonprofit|non-profit|charity|association|temple"
         r"|mosque|synagogue|parish|congregation|band|choir|co-?op|food bank|food pantry|shelter)\b")
_FAMILY = r"(?:mom|mother|dad|father|parents?|grand(?:ma|pa|mother|father|parents?)|husband|wife|spouse|partner|aunt|uncle|son|daughter|child|kids?)\b"
# (what they said, O*NET-SOC code, how the answer names it)
TABLE = [
    (r"\b(?:(?:keep|kept|keeping|do|did|doing|handle|handled|manage|managed|run|ran)\s+(?:the\s+)?(?:books|bookkeeping|accounts"
     r"|finances)|(?:i'?m|i am|i was|as|was|been)\s+(?:the\s+)?treasurer)\s+(?:for|of|at)\s+" + _ORG + _CLUB,
     "43-3031.00", "unpaid bookkeeping"),
    (r"\b(?:coach|coached|coaching|help coach|helped coach)\s+(?:my (?:son|daughter|kid)['’]?s?\s+)?(?:a\s+|the\s+)?"
     r"(?:little league|t-?ball|youth|kids['’]?|rec|travel|middle school|high school|church)?\s*"
     r"(?:soccer|baseball|softball|basketball|football|hockey|volleyball|swim|track|wrestling|team|league|little league)\b",
     "27-2022.00", "unpaid coaching"),
    (r"\b(?:took|take|taking|taken)\s+care\s+of\s+(?:my|our)\s+(?:elderly\s+|sick\s+|disabled\s+|aging\s+)?"
     r"(?:mom|mother|dad|father|parents?|grand(?:ma|pa|mother|father|parents?)|husband|wife|spouse|partner|aunt|uncle)\b"
     r"|\b(?:i was|i am|i'?m|been)\s+(?:a\s+|the\s+)?(?:family\s+)?caregiver\s+(?:for|to)\s+(?:my|our)\s+" + _FAMILY +
     r"|\b(?:cared|caring|care)\s+for\s+(?:my|our)\s+(?:elderly\s+|sick\s+|disabled\s+|aging\s+)?"
     r"(?:mom|mother|dad|father|parents?|grand(?:ma|pa|mother|father|parents?)|husband|wife|spouse|partner)\b",
     "31-1122.00", "unpaid caregiving"),
    (r"\bvolunteer(?:ed|ing)?\s+(?:at|with|for)\s+(?:the\s+|a\s+|our\s+)?(?:local\s+)?food\s+(?:bank|pantry|shelf)\b",
     "53-7065.00", "unpaid food bank work"),
    (r"\bvolunteer(?:ed|ing)?\s+(?:at|with|for)\s+(?:the\s+|a\s+|an\s+|our\s+)?(?:local\s+)?(?:animal\s+shelter|humane\s+society)\b",
     "39-2021.00", "unpaid animal care"),
    (r"\b(?:tutor|tutored|tutoring)\s+(?:kids|children|students|at\s+(?:the\s+|a\s+|my\s+)?(?:library|church|school))\b",
     "25-3041.00", "unpaid tutoring"),
]
_PATTERNS = [(re.compile(p, re.I), code, label) for p, code, label in TABLE]
_HOW_LONG = re.compile(r"^\s*,?\s*(?:for\s+)?(?:about\s+|almost\s+|over\s+|nearly\s+)?((?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six"
                       r"|seven|eight|nine|ten|a couple of|a few)(?:\s+and\s+a\s+half)?\s+(?:years?|yrs?|months?|mos?))\b", re.I)


@dataclass(frozen=True)
class Unpaid:
    code: str  # the O*NET-SOC occupation whose work it is
    label: str  # "unpaid bookkeeping": how the answer names it
    typed: str  # the words they said
    years: str | None = None  # "5 years", as said right after it


def unpaid_in(text: str | None) -> list[Unpaid]:
    """The unpaid work ``text`` tells of, in the order said, one per occupation."""
    text = text or ""
    found: dict[str, tuple[int, Unpaid]] = {}
    for pattern, code, label in _PATTERNS:
        match = next((m for m in pattern.finditer(text) if not WISH_BEFORE.search(text[:m.start()])), None)  # "want to coach"
        if match and code not in found:
            how_long = _HOW_LONG.match(text[match.end():])
            found[code] = (match.start(), Unpaid(code, label, match.group(0).strip(), how_long.group(1) if how_long else None))
    return [u for _, u in sorted(found.values(), key=lambda x: x[0])]
