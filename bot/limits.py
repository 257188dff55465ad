"""How much the bot reads of one message, and how many tries one question gets.

How much of a message: Rasa's NLU time grows faster than the length of a message (a
100 KB message took 33-140 s here, and the REST channel gave up on it after 120 s with no answer), and
while it parses, every other conversation on the server waits. Nobody names their job in more than a few
sentences, so the bot reads the first ``MAX_MESSAGE_CHARS`` characters (cut at a space) and keeps only
those in the conversation store.

Which commands: Rasa reads a message that starts with "/" as an intent, which is how the bot's buttons
send a choice ("/choose_job{...}", "/explore"). Typed by a person, Rasa's own "/session_start",
"/restart" and "/back" silently started a new session, wiped the conversation or undid a turn, with no
answer (bench/fuzz.py over REST). Those three are read as ordinary words.

How many tries: an answer the bot can't use counts as a failed try at the question asked (the ``failures``
slot), and after the question's limit the bot goes on without it, so nobody is stuck in a loop. The actions
count the tries (actions/tries.py); the replies word each try from the same limits (bot/replies/).
"""
from __future__ import annotations

import re

MAX_MESSAGE_CHARS = 1000
RASA_COMMANDS = re.compile(r"^(\s*)/(?=(?:session_start|restart|back)\b)")

MAX_FAILURES = 3  # a job question, or any question of a form: then on without the answer
MAX_STATE_FAILURES = 2  # the state is optional: then national figures
MAX_LADDER_FAILURES = 2  # years of experience or college credits for the ladder: then counted as none
CHOICES_AT_TRY = 2  # the failed try at which a job question offers everyday jobs to tap
BUTTONS_AT_MISS = 2  # misunderstood messages in a row after which the bot offers buttons of what it can do


def cap_message(text: str | None, limit: int = MAX_MESSAGE_CHARS) -> str | None:
    if text is None or len(text) <= limit:
        return text
    head = text[:limit]
    cut = head.rfind(" ")
    return head[:cut] if cut > limit // 2 else head


def disarm_commands(text: str | None) -> str | None:
    """``text`` with the "/" taken off Rasa's own session_start, restart and back commands."""
    return RASA_COMMANDS.sub(r"\1", text) if text else text
