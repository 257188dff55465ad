"""Personal data typed by job seekers: masking it for counselors, hashing SMS senders' numbers.

``mask(text)`` replaces e-mail addresses, US social security numbers, phone numbers and street
addresses found in running text with a placeholder ("[e-mail]", "[SSN]", "[phone]", "[address]").
It is deliberately conservative about what the bot itself talks about: wages ("$52,310"), occupation
codes ("43-4051.00"), years ("2025"), durations ("3 years"), credits and hours are left alone.

``phone_numbers(text)`` finds the numbers ``mask`` would hide (the console shows a counselor the one number a
person asked to be called back on).

``hash_sender(phone)`` is what the SMS channel keeps instead of a sender's number: a keyed
HMAC-SHA256 of the number's digits, so one person's messages still form one conversation but the
number cannot be read back (nor found by hashing every number, without the key). The key comes from
CAREERBOT_SENDER_KEY, else from var/sender.key (made once, mode 0600). A deployment that must keep the
numbers (to call people back) sets CAREERBOT_KEEP_PHONE_NUMBERS=1.

``conversation_id(sender_id)`` is how the counselor console names a conversation: a keyed hash too.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets

import us

from knowledge.config import VAR_DIR

SENDER_KEY_ENV = "CAREERBOT_SENDER_KEY"
KEEP_NUMBERS_ENV = "CAREERBOT_KEEP_PHONE_NUMBERS"
SENDER_KEY_FILE = "sender.key"
CONVERSATION_KEY_ENV = "CAREERBOT_CONVERSATION_KEY"
CONVERSATION_KEY_FILE = "conversation.key"
HASH_PREFIX = "sms-"

# Phone and SSN separators as people type them: space, dot, slash, and every dash (hyphen, non-breaking
# hyphen, figure dash, en dash, em dash, minus sign).
_DASH = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"
_SEP = rf"[\s./{_DASH}]"
# A number is only personal data when it is not part of a longer number, a code, money or a decimal
# ("43-4051.00", "$52,310", "1,234,567.89", "2019-2023").
_BEFORE = rf"(?<![\w$.,/{_DASH}+])"
_AFTER = rf"(?![\w{_DASH}]|[.,/]\d)"

# jane@example.com, and the spellings that dodge a scraper: maria(at)example.com, jo [at] mail [dot] org.
_AT = r"(?:\s*@\s*|\s*[(\[{<]\s*at\s*[)\]}>]\s*)"
_DOT = r"(?:\.|\s*[(\[{<]\s*dot\s*[)\]}>]\s*|\s+dot\s+)"
_EMAIL = re.compile(rf"(?i)(?<![\w.+-])[\w.+-]+{_AT}[a-z0-9-]+(?:{_DOT}[a-z0-9-]+)*{_DOT}[a-z]{{2,}}\b")

# 123-45-6789, 123 45 6789, 123.45.6789 (one separator throughout), and nine digits standing alone.
_SSN = re.compile(rf"{_BEFORE}(?:\d{{3}}([\s.{_DASH}])\d{{2}}\1\d{{4}}|\d{{9}}){_AFTER}")

# North American numbers in their usual spellings: (207) 555-0100, (207)-555-0100, 207/555-0100,
# 207 555 01 00, +1 207 555 0100, 2075550100; a local 555-0105 (a dash needed: "555 0105" is too often
# something else); +CC international numbers.
_PHONE = re.compile(
    rf"{_BEFORE}(?:\+?1{_SEP}?)?(?:\(\d{{3}}\){_SEP}?|\d{{3}}{_SEP}?)\d{{3}}{_SEP}?(?:\d{{4}}|\d{{2}}{_SEP}\d{{2}}){_AFTER}"
    rf"|{_BEFORE}\d{{3}}[{_DASH}]\d{{4}}{_AFTER}"
    rf"|(?<![\w$])\+\d{{1,3}}(?:{_SEP}?\(?\d{{1,4}}\)?){{2,5}}{_AFTER}")

_STREET_TYPES = (
    "street|st|avenue|ave|av|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|terrace|ter|"
    "circle|cir|highway|hwy|parkway|pkwy|way|square|sq|trail|trl|alley|aly|route|rte")
# Words that follow a number in ordinary talk about careers, never in a street name: they stop
# "3 years at the Main St store" from being read as an address.
_NOT_STREET_WORDS = (
    "years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|dollars?|bucks|credits?|times?|jobs?|kids?|"
    "children|people|at|in|on|of|per|and|or|to|for|from|with|a|an|the|i|my|is|was|am|as|by|if|but|then|"
    "percent|miles?|k|an?hour|semesters?")
# A state after the city: its name ("Maine", "New Mexico") or its postal code in capitals ("ME"); a
# code in lower case only before a ZIP code ("portland, me 04101": "me" alone is a word).
_STATE_NAMES = "|".join(sorted((re.escape(st.name) for st in (*us.states.STATES_AND_TERRITORIES, us.states.DC)),
                               key=len, reverse=True)).replace(r"\ ", r"\s+")
_CODES = "|".join(st.abbr for st in (*us.states.STATES_AND_TERRITORIES, us.states.DC))
_ZIP = r"\d{5}(?:-\d{4})?\b"
_STATE = rf"(?:(?:{_STATE_NAMES})\b|(?-i:(?:{_CODES}))\b\.?|(?:{_CODES})\.?(?=\s*{_ZIP}))"
_CITY = r"[a-z][a-z.'-]*(?:\s+[a-z][a-z.'-]*){0,3}"
# After the street: ", City, State ZIP", ", City ZIP", ", State ZIP" (a city alone could be any words).
_PLACE = rf"(?:,\s*{_CITY},?\s*(?:{_STATE}(?:,?\s*{_ZIP})?|{_ZIP})|,?\s*{_STATE}\s*{_ZIP})"
_STREET = re.compile(
    rf"(?i)(?:\b\d{{1,6}}[a-z]?\s+"                                   # house number: 12, 12B
    rf"(?:[NSEW]\.?\s+|north\s+|south\s+|east\s+|west\s+)?"          # a direction
    rf"(?:(?!(?:{_NOT_STREET_WORDS})\b)[a-z0-9][\w'.-]*\s+){{1,4}}"   # one to four name words
    rf"(?:{_STREET_TYPES})\b\.?"
    rf"(?:\s+(?:[NS][EW]|[NSEW])\b\.?)?"                              # a direction after: Avenue NW
    rf"(?:,?\s*(?:apt|apartment|unit|suite|ste|#)\.?\s*#?\w+)?"       # apartment / unit
    rf"|\bp\.?\s?o\.?\s+box\s+\d+)"                                   # or a PO box
    rf"{_PLACE}?")

PLACEHOLDERS = {"email": "[e-mail]", "ssn": "[SSN]", "phone": "[phone]", "address": "[address]"}
# Order matters: an e-mail or an SSN contains digits that the phone pattern must not see first.
_RULES = ((_EMAIL, PLACEHOLDERS["email"]), (_SSN, PLACEHOLDERS["ssn"]),
          (_STREET, PLACEHOLDERS["address"]), (_PHONE, PLACEHOLDERS["phone"]))


def mask(text: str | None) -> str:
    """``text`` with e-mail addresses, SSNs, street addresses and phone numbers replaced by placeholders."""
    if not text:
        return text or ""
    for pattern, placeholder in _RULES:
        text = pattern.sub(placeholder, text)
    return text


def phone_numbers(text: str | None) -> list[str]:
    """The phone numbers ``mask`` would hide in ``text``, as typed (an SSN, an e-mail or a street address
    is not read as one: they are taken out first, as ``mask`` does)."""
    if not text:
        return []
    for pattern, placeholder in _RULES:
        if pattern is _PHONE:
            break
        text = pattern.sub(placeholder, text)
    return [m.group(0).strip() for m in _PHONE.finditer(text)]


def secret(env_name: str, file_name: str) -> bytes:
    """A key for a keyed hash: the environment variable ``env_name``, else var/``file_name``, created on first
    use with 32 random bytes, readable by its owner only."""
    explicit = os.environ.get(env_name)
    if explicit:
        return explicit.encode("utf-8")
    path = VAR_DIR / file_name
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    try:  # O_EXCL: two processes starting together must not each write a different key
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes().strip()
    with os.fdopen(fd, "w") as out:
        out.write(secrets.token_hex(32) + "\n")
    return path.read_bytes().strip()


def sender_key() -> bytes:
    """The SMS senders' HMAC key: CAREERBOT_SENDER_KEY, else var/sender.key."""
    return secret(SENDER_KEY_ENV, SENDER_KEY_FILE)


def conversation_id(sender_id: str) -> str:
    """The name the counselor console gives a conversation: a keyed hash of its sender id (HMAC-SHA256, 96
    bits, key CAREERBOT_CONVERSATION_KEY, else var/conversation.key). A sender id is a key to the
    conversation itself: with a widget's socket.io session id anyone can listen to that person's replies,
    and with any sender id a REST message writes into that conversation. The console therefore never shows
    one, and this id cannot be turned back into it (nor found by hashing guesses, without the key)."""
    return hmac.new(secret(CONVERSATION_KEY_ENV, CONVERSATION_KEY_FILE), sender_id.encode("utf-8"),
                    hashlib.sha256).hexdigest()[:24]


def keep_phone_numbers() -> bool:
    return os.environ.get(KEEP_NUMBERS_ENV, "").strip().lower() in {"1", "true", "yes"}


def normalise_phone(phone: str) -> str:
    """"+1 (207) 555-0100" and "+12075550100" are one sender: only the leading + and the digits count."""
    phone = phone.strip()
    return ("+" if phone.startswith("+") else "") + re.sub(r"\D", "", phone)


def hash_sender(phone: str) -> str:
    """What to keep as the SMS sender id: "sms-" + HMAC-SHA256 of the number (hex), or the number itself
    when the deployment sets CAREERBOT_KEEP_PHONE_NUMBERS=1."""
    if keep_phone_numbers():
        return phone
    digest = hmac.new(sender_key(), normalise_phone(phone).encode("utf-8"), hashlib.sha256).hexdigest()
    return HASH_PREFIX + digest
