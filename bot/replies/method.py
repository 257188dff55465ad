"""How the bot's figures are made, asked in the chat ("what does 80 out of 100 mean?", "where is the pay
from?", "how old is this data?"): the score's rule, what the pay figure is, and each source with its release.
The README's "The transferability score" is the long form of the same rule.
"""
from __future__ import annotations

from bot.replies.pieces import Message, follow_ups, msg, short_source


def method(citations: dict) -> list[Message]:
    """``citations``: the store's citation of each table (actions/answers.py, ``_citations``)."""
    return [msg(
        "How I work out what I tell you:\n"
        "• The score (0-100): O*NET rates how much of each ability, skill and knowledge area a job needs. For the "
        "ones that matter most in the job you want, I check how much of each level your job already has, "
        "counting the most important ones most. 100 = your job already meets every important level; it is about "
        "the two jobs in general, not a test of you, and it says nothing about licenses or degrees (I list those "
        "apart).\n"
        "• Pay: the median from BLS's wage survey, so half of workers earn more and half less (not the average); "
        "the range in brackets is the middle half. It counts tips and commissions, not overtime or shift differentials. "
        "I use your metro area or state where BLS publishes it.\n"
        f"• Sources: {short_source(citations['ratings'])}; {short_source(citations['wages'])}; "
        f"{short_source(citations['projections'])}.\n"
        "The full report's link shows every figure with its source.", follow_ups())]


def method_again() -> list[Message]:
    return [msg("That's how the figures are made, as I wrote just above. If a figure looks wrong for you, tell me "
                "which one, or tell me your job and the one you want in other words and I'll look again.", follow_ups())]
