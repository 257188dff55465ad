"""Reading the small facts people type: durations, college credits, education, yes/no-ish answers,
"skip", and "the second one". Pure functions, no store."""
from __future__ import annotations

import re
from datetime import date

from text_to_num import alpha2digit

NUMBER_WORDS = {
    "zero": 0, "none": 0, "no": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "couple": 2, "few": 3, "several": 4, "half": 0.5,
}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
            "fifth": 5, "5th": 5, "last": -1}
# education words -> (semester hours it is usually worth, has a high school diploma, the highest level as
# knowledge.person.profile.EDUCATION_LEVELS names it)
EDUCATION_CREDITS = [
    (r"\b(ph\.?d|doctor(ate|al)?)\b", 120, True, "doctoral"),
    # "master" alone or before "degree"/"in"/"of"; "Master tech", "master electrician" are the top of a trade
    (r"\b(master'?s|masters|mba|ms|ma degree)\b|\bmaster\b(?=\s+(?:degree|in|of)\b|\W*$)", 120, True, "master"),
    (r"\b(bachelor'?s?|ba|bs|b\.a\.|b\.s\.|4[- ]year degree|college degree|university degree|graduated college)\b", 120, True,
     "bachelor"),
    (r"\b(associate'?s?|aa|as degree|a\.a\.|2[- ]year degree|community college degree)\b", 60, True, "associate"),
    (r"\b(some college|a year of college|one year of college|dropped out of college|few classes)\b", 30, True, "some-college"),
    (r"\b(no (high school )?diploma|dropped out of high school|no ged|didn'?t finish high school|never finished high school)\b", 0, False,
     "less-than-high-school"),
    (r"\b(ged|high ?school|hs diploma|diploma|hsd)\b", 0, True, "high-school"),
]
CERTIFICATE = re.compile(r"\b(certificate|certification|trade school|vocational|vo-?tech)\b", re.IGNORECASE)
SKIP_WORDS = re.compile(r"\b(skip|rather not|prefer not|don'?t want to say|no thanks|pass|whole country|nationwide|"
                        r"national|anywhere|everywhere|us|usa|united states|america|not sure|dunno|idk|n/?a|none)\b", re.I)
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)")


def _number(text: str) -> float | None:
    found = _NUMBER.search(text)
    if found:
        return float(found.group(1))
    words = re.findall(r"[a-z]+", text.lower())
    for i, word in enumerate(words):
        if word in NUMBER_WORDS and word not in ("a", "an", "no", "none", "half"):
            value = float(NUMBER_WORDS[word])
            if words[i + 1:i + 4] == ["and", "a", "half"] or words[i + 1:i + 3] == ["and", "half"]:
                value += 0.5
            return value
    if re.search(r"\b(a|an|one)\s+(year|yr)", text.lower()):
        return 1.0
    if re.search(r"\bhalf (a )?year\b", text.lower()):
        return 0.5
    if re.search(r"\b(none|no|zero|never)\b", text.lower()):
        return 0.0
    return None


def months_of(text: str | None, today: date | None = None) -> float | None:
    """'3 years' -> 36, '18 months' -> 18, 'about 2 and a half years' -> 30, 'a year and a half' -> 18,
    'six years' -> 72, 'since 2019' -> the months from then to now, 'none' -> 0; None if no duration."""
    if text is None:
        return None
    text = str(text).strip().lower()
    if not text:
        return None
    since = re.search(r"\bsince\s+((?:19|20)\d\d)\b", text)
    if since:
        today = today or date.today()
        return float(max(0, (today.year - int(since.group(1))) * 12))
    text = _words_to_digits(text)
    value = _number(text)
    if value is not None and re.search(r"\d\s+(and\s+)?(a\s+)?half\b|\b(years?|months?)\s+and\s+a\s+half\b", text):
        value += 0.5
    if value is None:
        return None
    if re.search(r"\b(month|months|mo|mos|mths?)\b", text):
        return round(value, 1)
    if re.search(r"\b(week|weeks|wk|wks)\b", text):
        return round(value / 4.345, 1)
    return round(value * 12, 1)  # a bare number is years: "how long?" "3"


def _words_to_digits(text: str) -> str:
    """'six years' -> '6 years', 'twenty four months' -> '24 months' (text2num); 'a', 'half' stay words."""
    try:
        return alpha2digit(text, "en")
    except Exception:  # text2num raises on odd input; the words stay as they are
        return text


def credits_of(text: str | None) -> tuple[float, bool] | None:
    """(semester hours, has high school diploma) from '45 credits', 'associate degree', 'none'; None if unclear.
    Quarter hours count two thirds of a semester hour."""
    if text is None:
        return None
    text = str(text).strip().lower()
    if not text or re.search(r"\b(years?|yrs?|months?|mos?|weeks?)\b", text):
        return None  # a duration is the answer to another question
    if _NUMBER.search(text) or any(w in NUMBER_WORDS for w in re.findall(r"[a-z]+", text)):
        value = _number(text)
        if value is not None and not re.search(r"\b(degree|diploma)\b", text):
            if "quarter" in text:
                value = value * 2 / 3
            return round(value, 1), True
    for pattern, hours, diploma, _level in EDUCATION_CREDITS:
        if re.search(pattern, text):
            return float(hours), diploma
    value = _number(text)
    return (round(value, 1), True) if value is not None else None


def education_level(text: str | None) -> str | None:
    """The highest schooling said, as knowledge.person.profile.EDUCATION_LEVELS names it: 'GED' -> 'high-school',
    'associate degree' -> 'associate', 'trade school certificate' -> 'certificate', '30 credits' -> 'some-college';
    None if unclear."""
    if not text:
        return None
    text = str(text).strip().lower()
    for pattern, _hours, _diploma, level in EDUCATION_CREDITS[:4]:  # a degree first: "certificate after my BA"
        if re.search(pattern, text):
            return level
    if CERTIFICATE.search(text):
        return "certificate"
    for pattern, _hours, _diploma, level in EDUCATION_CREDITS[4:]:
        if re.search(pattern, text):
            return level
    read = credits_of(text)
    return "some-college" if read and read[0] > 0 else None


def is_skip(text: str | None) -> bool:
    return bool(text and SKIP_WORDS.search(str(text)))


def choice_index(text: str | None, count: int) -> int | None:
    """'2', 'the second one', 'number 3', 'last' -> a 0-based index into ``count`` offered choices."""
    if not text or count <= 0:
        return None
    words = re.findall(r"[a-z0-9]+", str(text).lower())
    if not words or len(words) > 5:
        return None
    for word in words:
        if word in ORDINALS:
            n = ORDINALS[word]
            return count - 1 if n == -1 else (n - 1 if n <= count else None)
    numbers = [w for w in words if w.isdigit()]
    if len(numbers) == 1 and set(words) <= {numbers[0], "number", "no", "option", "the", "one", "choice", "#", "pick", "i", "choose"}:
        n = int(numbers[0])
        return n - 1 if 1 <= n <= count else None
    return None
