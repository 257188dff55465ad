"""What the bot says when a person asks for a human: what will happen, honestly (a counselor reads these
requests on working days; nobody can promise when), and how a counselor may reach them, which they
choose: a reply in this chat, a phone call or text to a number they type, an e-mail, or nothing. Then
what it understood, and later that a counselor has joined or left the chat.

The console's opening hours are not known to the bot, so no reply names a time. The buttons' payloads
are plain words (not intents): the Rasa server reads the answer itself (bot/handoff.py ``read_choice``).
"""
from __future__ import annotations

from bot.replies.pieces import Message, msg

WHEN = "A counselor reads these requests on working days; I can't promise when."
SOON_ELSEWHERE = ("To talk with someone today, call CareerOneStop at 1-877-872-5627 or find your nearest American "
                  "Job Center at careeronestop.org/LocalHelp (free, in person).")
HERE, NO = "reply here", "no thanks"
# the user message's metadata key by which the Rasa server tells the action that the request carried a phone
# number or e-mail address ("phone", "email"; the contact itself never leaves the Rasa server)
CONTACT_GIVEN = "careerbot_contact_given"
HELP_TODAY = "For help today: 1-877-872-5627 (CareerOneStop)."
CHOICES = [{"title": "Reply here in this chat", "payload": HERE}, {"title": "No thanks", "payload": NO}]
_HOW = {"phone": "call or text you at the number", "email": "e-mail you at the address"}  # never the contact itself
_OPENINGS = [
    "I can pass your request to the career counselors who read these conversations.",
    "I'll pass this on to the counselors again.",
]


def ask_consent(times_before: int = 0) -> list[Message]:
    """The request for a person, answered: what happens, and how they may be reached (their choice)."""
    return [msg(f"{_OPENINGS[min(times_before, 1)]} {WHEN} How may a counselor reach you? They can reply here in "
                "this chat, or you can type a phone number or an e-mail address for them to contact you. Only the "
                "counselors see it, and only for this request. " + HELP_TODAY, CHOICES)]


_PASSED = ["I've passed your request to the career counselors who read these conversations.",
           "I've passed this on to the counselors again."]


def request_recorded(choice: str, times_before: int = 0) -> list[Message]:
    """A request that came with its contact ("can someone call me at 207-555-0100"): recorded, no question."""
    return [msg(f"{_PASSED[min(times_before, 1)]} A counselor may {_HOW[choice]} you gave, only about this "
                f"request. {WHEN} {HELP_TODAY}")]


def consent_recorded(choice: str) -> list[Message]:
    """``choice``: "here", "phone", "email" or "none"."""
    if choice == "here":
        text = ("Thanks. A counselor will reply here in this chat; keep this page or chat open, or come back to it. "
                f"{WHEN} Until then I'm still here to help.")
    elif choice in ("phone", "email"):
        text = f"Thanks. A counselor may {_HOW[choice]} you gave, only about this request. {WHEN}"
    else:
        text = f"OK, nobody will contact you. {SOON_ELSEWHERE}"
    return [msg(text)]


def consent_unclear() -> list[Message]:
    return [msg("Sorry, I didn't get that. Tap \"Reply here in this chat\", type a phone number (like 207-555-0100) "
                "or an e-mail address, or tap \"No thanks\".", CHOICES)]


def counselor_joined(name: str) -> list[Message]:
    return [msg(f"A career counselor ({name}) has joined this chat. You're talking with a person now; I'll wait.")]


def counselor_left() -> list[Message]:
    return [msg("The counselor has left the chat. I'm the bot again: tell me a job you'd like and I'll compare it "
                "with yours.")]
