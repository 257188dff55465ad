"""Which follow-up a question asks for, when DIET took it for job facts because it names a job the bot already
has ("do I need a license to be a loan officer?", "what do loan officers make in Charlotte?"): the answer it
asks for, not "I still have ..." (actions/answers.py).
"""
from __future__ import annotations

import re

from bot.understanding.cues import is_question
from knowledge.title_spans import words

# the first that matches wins: an apprenticeship is a way in, and a way in is asked more plainly than pay
KINDS = [
    ("ask_apprenticeship", re.compile(r"\bapprentice(ship)?s?\b", re.I)),
    ("ask_training", re.compile(r"\b(licen[cs]e[ds]?|certif\w*|certs?|degree|school|schooling|training|program|course"
                                r"|classes|how long|how do i (become|get)|requirements?|qualif\w*|hired|study|studies)\b",
                                re.I)),
    ("ask_pay", re.compile(r"\b(pay|pays|paid|make|makes|earn|earns|salary|wages?|money|hourly|per hour)\b", re.I)),
    ("ask_gaps", re.compile(r"\b(missing|lack|gaps?|what (skills|do i need to learn))\b", re.I)),
    ("explore", re.compile(r"\b(what else|other jobs|alternatives?)\b", re.I)),
]


def asked_for(text: str | None) -> str | None:
    """The intent of the follow-up a question asks for, or None when it is no question or asks none of them."""
    text = (text or "").strip()
    if not is_question(text, words(text)):
        return None
    return next((intent for intent, words in KINDS if words.search(text)), None)


# the parts of a message that asks two things: "do i need a license for that? and what would i make in charlotte"
PARTS = re.compile(r"\?|;|\band\b|\balso\b|\bplus\b", re.I)


def asked_all(text: str | None) -> list[str]:
    """Every follow-up a question asks for, in the order asked (each once)."""
    text = (text or "").strip()
    if not is_question(text, words(text)):
        return []
    found: list[str] = []
    for part in PARTS.split(text):
        intent = next((intent for intent, words in KINDS if words.search(part)), None)
        if intent and intent not in found:
            found.append(intent)
    return found


# a question about what one job of their story counts for ("does my cashier experience count?"): the career form
# answers it from their story (actions/profile_answers.py), whatever DIET hears in it
ABOUT_A_JOB = re.compile(r"^\W*(?:does|do|did|will|would|can|could|is|what about|how about)\b.*?\b(?:my|being an?|having been an?)"
                         r"\s+(?P<job>[a-z][a-z' -]{1,40}?)\s*(?:experience|job|work|years?|time|background)?"
                         r"\s*(?:count|matter|help|worth|mean|give|do for|\?|$)", re.I)


WEIGHING = re.compile(r"\b(which|better|more|most|vs|versus|compare|compared|or|either|both)\b", re.I)


def weighs(text: str | None) -> bool:
    """Whether a pay question weighs jobs ("which pays better?"): the other job weighed gets its pay beside it."""
    return bool(WEIGHING.search(text or ""))
