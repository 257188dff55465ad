"""The schooling a person says they have ("I have my GED", "30 college credits", "an associate's in business",
"no degree"), read from their words for the profile of their whole story (knowledge/person/).

Only schooling said as theirs counts: "a high school teacher" is a job, "jobs with no degree" and "I want to get
my GED" are wishes. The component (component.py) gives what it finds to the ``education`` and ``credits``
entities, whose slots already exist (domain.yml); ``level_of`` reads the level back in the actions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot import parse

_STOP = r"(?!(?:and|but|from|so|with|at|i|want|wanna|now|too)\b)"
_FIELD_WORDS = r"\s+in\s+(?P<field>" + _STOP + r"[a-z]+(?:\s+" + _STOP + r"[a-z]+)?)"
_FIELD = "(?:" + _FIELD_WORDS + ")?"
# "I only have high school", "just high school": all they have, before "don't have a bachelors" in the same message
ONLY_SAID = [(re.compile(r"\b(only|just) (have |got |finished |did )?(a |my )?(high ?school|hs|ged)( diploma)?\b"
                         r"|\bhigh ?school (diploma )?only\b", re.I), "high-school")]
# a level they say they lack or that was wrongly kept ("I do NOT have a bachelors", "you keep saying I have a
# bachelor's degree. I don't.", "remove the associate's degree"): what was kept goes, nothing takes its place
DENIED = "not-"  # + the level: "not-bachelor" (actions/profile.py takes back only that level)
DENIED_BEFORE = re.compile(r"\b(don['’]?t|dont|do not|never|doesn['’]?t|didn['’]?t|haven['’]?t|not) (have|has|had|got|get|earn(ed)?"
                           r"|finish(ed)?|hold|own)( an?| my| any| the)?\s*$|\b(remove|delete|take out|take off|drop|forget)"
                           r"( the| my| that)?\s*$|\b(keep )?(saying|say|says|said|think|thinks|put|have it) (that )?i (have|had|got)"
                           r"( an?| my)?\s*$|\bno\s*$|\bnot an?\s*$", re.I)
DENIED_AFTER = re.compile(r"^[^.!?]{0,25}[.!?]*\s*(i don['’]?t|i dont|i do not|i never|not true|that['’]?s wrong|wrong|nope)\b",
                          re.I)
# what they don't have first: "no college degree" holds "college degree"
NONE_SAID = [
    (re.compile(r"\b(didn['’]?t|did not|never) (finish|graduate|complete)( from)? high ?school\b|\bdropped out of high ?school\b"
                r"|\b(no|don['’]?t have (a|my)|do not have (a|my)|never got (a|my)) (high ?school diploma|hs diploma|diploma|ged)\b", re.I),
     "less-than-high-school"),
    (re.compile(r"\bdropped out of college\b|\b(didn['’]?t|did not|never) finish(ed)? college\b", re.I), "some-college"),
    (re.compile(r"(?:^|[,.;!?]\s*|\bi\s+(?:have|got|['’]ve got|['’]ve)\s+|\bbut\s+)no\s+(?:college\s+)?degree\b"
                r"|\bi (?:don['’]?t|do not) have (?:a|any) (?:college )?degree\b|\bnever (?:went to|got a degree|finished) college\b",
                re.I), "no-degree"),
]
SAID = [
    (re.compile(r"\b(ph\.?d|doctorate)\b" + _FIELD, re.I), "doctoral"),
    (re.compile(r"\b(master['’]?s|masters|mba)\b(\s+degree)?" + _FIELD, re.I), "master"),
    (re.compile(r"\b(bachelor['’]?s|bachelors|bachelor(?=\s+degree)|(?:ba|bs|b\.a\.|b\.s\.)(?=\s+(?:degree|in)\b)"
                r"|(?:4|four)[- ]year degree|(?:a|my) college degree|college grad(?:uate)?|graduated (?:from )?college)"
                r"(\s+degree)?" + _FIELD, re.I), "bachelor"),
    (re.compile(r"(?<!sales )(?<!retail )(?<!store )\b(associate['’]?s|associates|associate(?=\s+degree)"
                r"|(?:2|two)[- ]year degree)(\s+degree)?" + _FIELD, re.I), "associate"),
    (re.compile(r"\bsome college\b", re.I), "some-college"),
    (re.compile(r"\b(ged|hsed|hs diploma|high ?school diploma|diploma|(?:graduated|finished)(?: from)? high ?school"
                r"|high ?school grad(?:uate)?)\b", re.I), "high-school"),
]
CREDITS = re.compile(r"\b(?:\d+(?:\.\d+)?|[a-z]+ty(?:[- ][a-z]+)?|twelve|fifteen|eighteen)\s+(?:college\s+|semester\s+|quarter\s+)?"
                     r"(?:credits|credit hours|semester hours|quarter hours|hours of college)\b", re.I)
# a plan or a wish, not what they have: "I want to get my GED", "jobs that need a degree"
WISH_BEFORE = re.compile(r"\b(want|wanna|would like|hope|hoping|plan|planning|going to|gonna|need|needs|needed|require|"
                         r"requires|required|without|get my|get a|get an|get ur|get your|earn my|earn a|finish my|working on|"
                         r"(?:jobs?|careers?|stuff|something|anything|things|work|positions?|roles?) (?:w/?|with|that)|"
                         r"(?:can|could|should|would|do) i (?:just |still )?(?:do|get|go for|take|need)|"
                         r"that (don'?t|doesn'?t) (need|require))\b[^,.;!?]{0,25}$", re.I)
# what they don't have: "I don't have a masters" (the NONE_SAID patterns read the ones that say a level)
NOT_BEFORE = re.compile(r"\b(don['’]?t|do not|never|no|not|haven['’]?t|without)\b(\s+[\w'’]+){0,3}\s*$", re.I)


@dataclass(frozen=True)
class Schooling:
    level: str | None  # a key of knowledge.person.profile.EDUCATION_LEVELS, or "no-degree"
    typed: str | None  # the words as they said them ("my GED", "an associate's in business")
    field: str | None = None  # "business"
    credits: str | None = None  # "30 college credits"


# where they are headed, not what they have: "does that get me partway to the bachelor's?", "more than a GED"
TOWARD_BEFORE = re.compile(r"\b(to|toward|towards|into|than|or|instead of)\s+(the|a|an|my)?\s*$", re.I)
# a diploma from a university or from abroad is no high school diploma: "my 5-year university diploma from Kyiv"
NOT_HIGH_SCHOOL = re.compile(r"\b(university|college|engineering|foreign|degree)\b[^,.;!?]{0,20}$", re.I)


# a question about schooling is not schooling they have ("which schools have a bachelor's?"), unless they say
# theirs in it ("I have a GED, is that enough?")
HAVE_BEFORE = re.compile(r"\b(i have(?! to)|i['’]?ve got|i['’]?ve|i got|i hold|i earned|i finished|i completed|with my|my)\b[^.!?]*$", re.I)


def _asked(text: str, start: int) -> bool:
    sentence_start = max(text.rfind(c, 0, start) for c in ".!?;") + 1
    end = min((i for i in (text.find(c, start) for c in ".!?;") if i >= 0), default=len(text))
    return text[end:end + 1] == "?" and not HAVE_BEFORE.search(text[sentence_start:start])


def theirs(text: str, start: int) -> bool:
    """Whether the schooling named at ``start`` is said as theirs (not wished, asked about, denied or aimed at)."""
    before = text[:start]
    return not WISH_BEFORE.search(before) and not NOT_BEFORE.search(before) and not TOWARD_BEFORE.search(before) \
        and not _asked(text, start)


def _not_high_school(text: str, found: re.Match) -> bool:
    """A bare "diploma" said of a university or another country's school."""
    return found.group(0).lower() == "diploma" and bool(
        NOT_HIGH_SCHOOL.search(text[:found.start()]) or re.match(r"\s+(is\s+)?from\b", text[found.end():], re.I))


# a level talked of, not had: "a bachelor's is a lot for me right now", "a masters would take too long"
TALKED_OF_AFTER = re.compile(r"\s*(is|would be|seems|sounds|takes|would take|costs|will take|is way|feels)\b", re.I)
LEVELS_DENIED = {"doctoral", "master", "bachelor", "associate", "high-school"}


def _talked_of(text: str, found: re.Match) -> bool:
    return bool(TALKED_OF_AFTER.match(text[found.end():])) and not re.search(r"\bmy\s*$", text[:found.start()], re.I)


def _denied(text: str, found: re.Match) -> bool:
    return bool(DENIED_BEFORE.search(text[:found.start()]) or DENIED_AFTER.match(text[found.end():]))


def schooling_in(text: str | None) -> Schooling | None:
    """What schooling ``text`` says they have; None when it says none of theirs; level ``DENIED`` when it says a
    level kept for them is not theirs ("not-bachelor")."""
    text = text or ""
    level = typed = field = None
    denial = None  # the first level they say is not theirs: what they say they have instead comes first
    for pattern, key in ONLY_SAID + NONE_SAID + SAID:
        for f in pattern.finditer(text):
            if key in LEVELS_DENIED and _denied(text, f):
                start = max(text.rfind(c, 0, f.start()) for c in ".!?;,") + 1
                denial = denial or (DENIED + key, text[start:f.end()].strip(" ,.;"))
                continue
            if theirs(text, f.start()) and not _not_high_school(text, f) and not _talked_of(text, f):
                level, typed = key, f.group(0).strip(" ,.;")
                field = (f.groupdict().get("field") or None) if key not in ("no-degree", "less-than-high-school") else None
                break
        if level:
            break
    if level is None and denial:
        level, typed = denial
    credits = next((f.group(0) for f in CREDITS.finditer(text) if theirs(text, f.start())), None)
    if level is None and credits is None:
        return None
    return Schooling(level, typed, field, credits)


def level_of(words: str | None) -> str | None:
    """The level the ``education`` slot's words say: what schooling_in reads, else bot.parse's wider reading of a
    bare answer ("a 2 year degree", "trade school certificate")."""
    said = schooling_in(words)
    if said and said.level:
        return said.level
    return parse.education_level(words)


def field_of(words: str | None) -> str | None:
    said = schooling_in(words)
    return said.field if said else None
