"""Failed tries at a question: the one way every form gives up after a few unusable answers.

An answer the bot can't use ("narnia" for a state, "blah" for a job) is a failed try, counted in the
``failures`` slot. The limits are named in bot/limits.py, where the replies read them too, so the wording
of each try ("try the title as in a job ad", "pick one of these", "let's move on") matches what the form
does next.
"""
from __future__ import annotations

from rasa_sdk import Tracker

from actions.tracker import failures


def this_try(tracker: Tracker) -> int:
    """The number of this unusable answer to the question asked: 1 for the first."""
    return failures(tracker) + 1


def after_failed_try(n: int, limit: int, given_up: dict, asked_again: dict) -> dict:
    """The slots after the ``n``-th failed try at a question: at ``limit``, ``given_up`` (the form goes on
    without the answer, and counting starts again); before it, ``asked_again`` with the count (what the
    reply offered with the question again, such as choices to tap, and ``prompted`` when the reply itself
    asked it)."""
    if n >= limit:
        return {**given_up, "failures": 0}
    return {**asked_again, "failures": n}
