"""What of one message the bot reads.

How much: Rasa's NLU time grows faster than the length of a message (a
100 KB message took 33-140 s here, and the REST channel gave up on it after 120 s with no answer), and
while it parses, every other conversation on the server waits. Nobody names their job in more than a few
sentences, so the bot reads the first ``MAX_MESSAGE_CHARS`` characters (cut at a space) and keeps only
those in the conversation store.

Which commands: Rasa reads a message that starts with "/" as an intent, which is how the bot's buttons
send a choice ("/choose_job{...}", "/explore"). Typed by a person, Rasa's own "/session_start",
"/restart" and "/back" silently started a new session, wiped the conversation or undid a turn, with no
answer (bench/fuzz.py over REST). Those three are read as ordinary words.
"""
from __future__ import annotations

import re

MAX_MESSAGE_CHARS = 1000
RASA_COMMANDS = re.compile(r"^(\s*)/(?=(?:session_start|restart|back)\b)")


def cap_message(text: str | None, limit: int = MAX_MESSAGE_CHARS) -> str | None:
    if text is None or len(text) <= limit:
        return text
    head = text[:limit]
    cut = head.rfind(" ")
    return head[:cut] if cut > limit // 2 else head


def disarm_commands(text: str | None) -> str | None:
    """``text`` with the "/" taken off Rasa's own session_start, restart and back commands."""
    return RASA_COMMANDS.sub(r"\1", text) if text else text
