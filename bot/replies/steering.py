"""Steering: a message the bot did not understand, inside a form or outside one; what stands when
nothing changed; starting over and stopping; and the apology when a look-up can't run.
"""
from __future__ import annotations

from bot.limits import BUTTONS_AT_MISS
from bot.replies.pieces import Message, button, follow_ups, msg


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


def stopped() -> list[Message]:
    return [msg("OK, I've stopped those questions. What would you like to do next?")]


def no_answer_yet(what: str) -> list[Message]:
    return [msg(f"I can't look that up right now ({what}). Try again in a moment, or ask something else.")]


# -- when a look-up fails (the action server or the knowledge store is down) ---------------------------

def lookup_unavailable() -> list[Message]:
    """Said by the Rasa server itself when an action cannot run; the person's message is undone, so
    sending it again once the service is back carries on where they were."""
    return [msg("Sorry, I can't look that up right now. Please try again in a minute: "
                "send your last message again and we'll carry on from there.")]
