"""Which occupations are "of a kind" a person names: "not driving", "something in healthcare".

A word ("driving", "retail", "cashier") names the occupations whose O*NET title says it, and with them the
whole SOC minor group (the first four digits, "53-3" Motor Vehicle Operators) when most of that group's
occupations say it: so "driving" reaches Taxi Drivers and Shuttle Drivers and Chauffeurs by title, and the
rest of the motor vehicle operators through their group, but not the firefighters and pilots who also
operate vehicles (O*NET's work activity "Operating Vehicles" rates them as high as truck drivers). A title
that mentions the word only to leave it out ("Non-Retail", "Except Wholesale, Retail, and Farm Products")
does not count.

A field ("healthcare", "an office job", "tech", "outdoors") is one or more SOC 2018 major or minor groups,
named by the group titles the Standard Occupational Classification gives them (in the comments below).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

# field word -> the SOC 2018 groups (code prefixes) it covers
FIELDS: dict[str, tuple[str, ...]] = {
    # 29 Healthcare Practitioners and Technical; 31 Healthcare Support
    "healthcare": ("29-", "31-"),
    # 43 Office and Administrative Support
    "office": ("43-",),
    # 15 Computer and Mathematical; 17-3 Drafters, Engineering Technicians, and Mapping Technicians
    "tech": ("15-", "17-3"),
    # 45 Farming, Fishing, and Forestry; 37-3 Grounds Maintenance; 47-2 Construction Trades;
    # 47-4 Other Construction; 47-5 Extraction; 19-1 Life Scientists (foresters, conservation scientists);
    # 19-4 ... only its conservation technicians are outdoor work, so it is left out
    "outdoors": ("45-", "37-3", "47-2", "47-4", "47-5", "19-1"),
    # 47 Construction and Extraction; 49 Installation, Maintenance, and Repair
    "trades": ("47-", "49-"),
    # 25 Educational Instruction and Library
    "teaching": ("25-",),
    # 13 Business and Financial Operations
    "business": ("13-",),
    # 35 Food Preparation and Serving Related
    "food": ("35-",),
    # 51 Production
    "manufacturing": ("51-",),
    # 41 Sales and Related
    "sales": ("41-",),
    # 53 Transportation and Material Moving
    "transportation": ("53-",),
    # 33 Protective Service
    "protective": ("33-",),
    # 21 Community and Social Service
    "social work": ("21-",),
    # 27 Arts, Design, Entertainment, Sports, and Media
    "arts": ("27-",),
    # 17 Architecture and Engineering (without the technicians, who are "tech" too)
    "engineering": ("17-",),
    # 19 Life, Physical, and Social Science
    "science": ("19-",),
    # 23 Legal
    "legal": ("23-",),
    # 11 Management
    "management": ("11-",),
}

FIELD_NAMES = {"healthcare": "healthcare", "office": "office work", "tech": "tech (computers and IT)",
               "outdoors": "outdoor work", "trades": "the trades", "teaching": "teaching", "business": "business and finance",
               "food": "food service", "manufacturing": "manufacturing", "sales": "sales",
               "transportation": "transportation", "protective": "protective services", "social work": "social work",
               "arts": "arts and media", "engineering": "engineering", "science": "science", "legal": "legal work",
               "management": "management"}

MAJORITY = 0.5  # a minor group is of the kind when more than this share of its occupations' titles say the word
# "Non-Retail", "Except Wholesale, Retail, and Farm Products": the word is named to be left out
EXCEPT_CLAUSE = re.compile(r"\bexcept\b.*$|\bnon-\w+", re.I)


def in_field(code: str, field: str) -> bool:
    return code.startswith(FIELDS[field])


def stem(word: str) -> str:
    """'driving' -> 'driv', 'drivers' -> 'driv', 'cashiers' -> 'cashi': enough to find the word in a title."""
    word = word.lower().strip()
    for suffix in ("ing", "ers", "er", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


# what may follow a stem in a title word of the same kind: "driv" + "ers", "nurs" + "es", "sale" + "spersons"
ENDINGS = re.compile(r"(?:|e|s|es|er|ers|ing|or|ors|ist|ists|ion|ions|ian|ians|y|ies|spersons?|smen|sman)")


def _same_word(title_word: str, word: str) -> bool:
    roots = {stem(word), word[:-1] if word.endswith("s") else word}  # "sales": "sal" + "es", "sale" + "spersons"
    return any(title_word.startswith(r) and ENDINGS.fullmatch(title_word[len(r):]) for r in roots)


def title_says(title: str, words: Iterable[str]) -> bool:
    """True when ``title`` (outside an "Except ..." clause) has every word in some form ("driving": Drivers,
    but not "Nursery" for "nursing")."""
    kept = EXCEPT_CLAUSE.sub("", title.lower())
    title_words = re.findall(r"[a-z]+", kept)
    return all(any(_same_word(t, w) for t in title_words) for w in words)


def of_kind(titles: dict[str, str], phrase: str) -> set[str]:
    """The occupation codes of the kind ``phrase`` names ("driving", "food service"): by title, then the
    SOC minor groups where most titles say it. An empty set when no title says it."""
    words = [w for w in re.findall(r"[a-z]+", phrase.lower()) if len(w) >= 3]
    if not words:
        return set()
    named = {code for code, title in titles.items() if title_says(title, words)}
    group = Counter(code[:4] for code in titles)
    hits = Counter(code[:4] for code in named)
    groups = {g for g, n in hits.items() if n / group[g] > MAJORITY}
    return named | {code for code in titles if code[:4] in groups}
