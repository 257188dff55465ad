"""What a job seeker asks of the counselors, read from what they typed: a person, and a call back.

``asks_for_person(text)``: "can I talk to a real person", "talk to a human", "speak to a live agent",
"connect me with someone", "human please", and every call-back request below.
``asks_for_callback(text)``: "can someone call me?", "I'd like a callback", "please call me back",
"you can reach me at ...".

Both need a request: words that only mention a person or a call ("I talk to someone at work every day",
"I want to become a counselor", "I call customers back all day", "real estate agent", "call center
agent") are not one. The bot's NLU reads the ``person`` topic with it (bot/understanding/facts.py: it sets the
``asked_for_person`` slot and tells the person their conversation is marked), and the console flags a
conversation with it (bot/console/conversations.py): one reading, so the bot and the counselors agree.
"""
from __future__ import annotations

import re

# who they want: "a real person", "someone", "one of your counselors", "a live agent"
_PERSON = (r"(?:(?:a|an|the|some|your|one\s+of\s+your)\s+)?(?:(?:real|live|actual|human)\s+)?"
           r"(?:human(?:\s+being)?|person|someone|somebody|anyone|anybody|(?:career\s+)?counsel?l?ors?|advisors?|"
           r"advisers?|agents?|representatives?|rep|staff|coach|operator|supervisor|manager)\b")
# what comes before a request: "can I", "I'd like to", "please", or nothing (the start of a sentence)
_LEAD = (r"(?:^|[.!?,;:]\s*|\b(?:can|could|may)\s+i\s+|\blet\s+me\s+|\bplease\s+|\bjust\s+|\bhow\s+(?:do|can)\s+i\s+|"
         r"\bi\s*(?:want|need|'?d\s+like|would\s+like|wanna|wish\s+i\s+could)(?:\s+to)?\s+|"
         r"\bis\s+there\s+(?:someone|somebody|anyone|anybody)\s+(?:i\s+can|to)\s+)")
_CALL = r"(?:call|phone|ring|text|contact|reach|email|e-mail)"
_CALLBACK_NOUN = r"(?:call\s*-?\s*back|phone\s+call|call)"

CALLBACK_REQUEST = re.compile(
    # "can someone call me?", "could a counselor please call me back", "will you call me"
    rf"\b(?:can|could|would|will)\s+(?:{_PERSON}|you|u)\s+(?:please\s+)?(?:be\s+able\s+to\s+)?{_CALL}\s+me\b"
    # "please call me", "call me back", "call me at 207 ...", "you can reach me at ..."
    rf"|\bplease\s+{_CALL}\s+me\b|(?:^|[.!?,;:]\s*){_CALL}\s+me\b|\bcall\s+me\s+back\b"
    rf"|\b(?:you\s+can|u\s+can|feel\s+free\s+to)\s+{_CALL}\s+me\b|\b{_CALL}\s+me\s+(?:at|on)\s+(?=[+(\d])"
    # "have someone call me", "get a counselor to contact me"
    rf"|\b(?:have|get|send)\s+{_PERSON}\s+(?:to\s+)?{_CALL}\s+me\b"
    # "I want a human to call me", "I need someone to call me back"
    rf"|\b(?:want|need|like|wish)\s+{_PERSON}\s+to\s+{_CALL}\s+me\b"
    # "I'd like a callback", "can I get a call back", "request a phone call", "callback please"
    rf"|\b(?:i\s*'?d\s+like|i\s+would\s+like|i\s+want|i\s+need|i\s+wanna|can\s+i\s+(?:get|have)|could\s+i\s+(?:get|have)|"
    rf"may\s+i\s+(?:get|have)|request(?:ing)?|get\s+me|give\s+me)\s+(?:a\s+)?{_CALLBACK_NOUN}\b"
    rf"|^\s*(?:a\s+)?call\s*-?\s*back(?:\s+please)?\s*[.!?]*\s*$|\bcall\s*-?\s*back\s+please\b",
    re.IGNORECASE)

PERSON_REQUEST = re.compile(
    # "talk to a human", "can I speak with a live agent", "I'd like to chat with a counselor"
    rf"{_LEAD}(?:talk|speak|chat)\s+(?:to|with)\s+{_PERSON}"
    rf"|\b(?:connect|transfer|put)\s+me\s+(?:to|with|through\s+to|in\s+touch\s+with)\s+{_PERSON}"
    r"|\bis\s+there\s+(?:a\s+)?(?:real|live|actual)\s+(?:human|person|agent)\b"
    r"|\bis\s+there\s+(?:someone|somebody|anyone|anybody)\s+(?:i\s+can|to)\s+(?:talk|speak|chat)\b"
    # "Is there a person I could speak with on the phone?", "is there a human counselor I could talk to?"
    r"|\bis\s+there\s+(?:a|an|some)\s+(?:(?:real|live|actual|human)\s+)?(?:person|human|counsel?l?or|advis[eo]r|someone"
    r"|staff\s+member)\s+(?:i\s+(?:could|can|might|may)|to|you\s+can\s+put\s+me\s+through\s+to)\s+(?:\w+\s+)?"
    r"(?:talk|speak|chat|meet|call)\b"
    # "i need a real person!", "get me a human"
    r"|\b(?:need|want|get\s+me)\s+(?:a\s+|an\s+|to\s+see\s+a\s+)?(?:real\s+|live\s+)?(?:human|person|"
    r"(?:career\s+)?counsel?l?or|advisor|agent)\s*(?:please\s*)?[.!?]*\s*$"
    # "Agent", "a real person please", "human please"
    r"|^\s*(?:a\s+)?(?:(?:real|live)\s+)?(?:human|agent|operator|representative|counsel?l?or|person)(?:\s+please)?\s*[.!?]*\s*$"
    r"|\b(?:human|real\s+person|live\s+(?:person|agent)|representative)\s+please\b",
    re.IGNORECASE)


def asks_for_callback(text: str | None) -> bool:
    return bool(text and CALLBACK_REQUEST.search(text))


def asks_for_person(text: str | None) -> bool:
    return bool(text and (PERSON_REQUEST.search(text) or CALLBACK_REQUEST.search(text)))
