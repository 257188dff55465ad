"""How much of one message the bot reads. Rasa's NLU time grows faster than the length of a message (a
100 KB message took 33-140 s here, and the REST channel gave up on it after 120 s with no answer), and
while it parses, every other conversation on the server waits. Nobody names their job in more than a few
sentences, so the bot reads the first ``MAX_MESSAGE_CHARS`` characters (cut at a space) and keeps only
those in the conversation store.
"""
from __future__ import annotations

MAX_MESSAGE_CHARS = 1000


def cap_message(text: str | None, limit: int = MAX_MESSAGE_CHARS) -> str | None:
    if text is None or len(text) <= limit:
        return text
    head = text[:limit]
    cut = head.rfind(" ")
    return head[:cut] if cut > limit // 2 else head
