"""Where someone lives, from what they type: a state, DC or territory, and an OEWS metro area when a
city names one.

    >>> places = get_places(engine)
    >>> places.find("ME").state, places.find("i said michigan").state, places.find("Fl").state
    ('ME', 'MI', 'FL')
    >>> found = places.find("outside Columbus")
    >>> found.state, found.metro_name
    ('OH', 'Columbus, OH')
    >>> [c.state for c in places.find("Portland").choices]   # two metros: ask which
    ['OR', 'ME']

States come from the ``us`` package (names, postal codes, its phonetic match for misspellings such
as "pennsylvannia") limited to the areas OEWS publishes; cities from the store's metro area names
("Austin-Round Rock-San Marcos, TX": Austin, Round Rock and San Marcos are in it), with the everyday
names of a few regions (``REGIONS``), and the towns of the IPEDS directory of colleges (its CITY and
STABBR: "Garden Grove", "North Platte"), which give the state but no metro. In a metro named for
several states ("New York-Newark-Jersey City, NY-NJ-PA") a city's state is the one where the directory
has most of that city's colleges (Newark: NJ). A town's name counts only after a place word ("I live
in Garden Grove"), as the whole answer, or before its state, since many are also words ("Enterprise").
A city that names metros in several states is ambiguous unless one of them is much larger (Columbus, OH
against Columbus, GA and IN): then ``choices`` lists them.

Postal codes are also everyday words ("me", "in", "or", "ok", "hi", "pa"): a lower-case code counts
only as the whole answer or after a place word ("in tx", "from ga"); a capitalised one also after a
comma or at the end of the message ("Houston, TX", "cna in CA").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import us
from babel import Locale
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from sqlalchemy import func, select
from sqlalchemy.engine import Connection, Engine

from knowledge import models as m
from knowledge.db import per_store

LARGER = 5.0  # a metro this many times the next one's employment is what the city's name means
PLACE_WORDS = {"in", "from", "near", "outside", "around", "live", "living", "based", "moved", "to", "at", "of", "by"}
CODE_WORDS = {"in", "from", "near", "outside", "around", "live", "living", "based"}  # before a lower-case postal code
# lower-case postal codes that are everyday words: never at the end of a sentence on their own ("help me")
WORD_CODES = {"me", "in", "or", "hi", "oh", "ok", "la", "pa", "ma", "de", "co", "id", "al", "ga", "wa", "mo", "ar"}
# Everyday names of regions and cities that are not in the metro areas' names (city, state, metro name word)
REGIONS = {
    "bay area": ("CA", "San Francisco"), "the bay": ("CA", "San Francisco"), "silicon valley": ("CA", "San Jose"),
    "nyc": ("NY", "New York"), "new york city": ("NY", "New York"), "manhattan": ("NY", "New York"),
    "brooklyn": ("NY", "New York"), "queens": ("NY", "New York"), "the bronx": ("NY", "New York"),
    "twin cities": ("MN", "Minneapolis"), "chicagoland": ("IL", "Chicago"), "vegas": ("NV", "Las Vegas"),
    "philly": ("PA", "Philadelphia"), "dfw": ("TX", "Dallas"), "nola": ("LA", "New Orleans"),
    "socal": ("CA", None), "norcal": ("CA", None), "cali": ("CA", None), "upstate new york": ("NY", None),
    "upstate ny": ("NY", None), "jersey": ("NJ", None), "the dmv": ("DC", "Washington"), "dc": ("DC", "Washington"),
    "washington dc": ("DC", "Washington"), "washington d c": ("DC", "Washington"), "d c": ("DC", "Washington"),
    "puerto rico": ("PR", None), "pr": ("PR", None), "mass": ("MA", None), "calif": ("CA", None),
    "w va": ("WV", None), "wva": ("WV", None), "west va": ("WV", None), "w virginia": ("WV", None),
    "fla": ("FL", None), "tenn": ("TN", None), "penn": ("PA", None), "wash": ("WA", None), "jax": ("FL", "Jacksonville"),
    "atl": ("GA", "Atlanta"), "htown": ("TX", "Houston"), "h town": ("TX", "Houston"), "the valley": (None, None),
    "long island": ("NY", "New York"), "the up": ("MI", None), "upper peninsula": ("MI", None), "oahu": ("HI", "Honolulu"),
    "rio grande valley": ("TX", "McAllen"), "the rgv": ("TX", "McAllen"), "central valley": ("CA", None),
    "inland empire": ("CA", "Riverside"), "the panhandle": (None, None), "orange county": ("CA", "Anaheim"),
    "the keys": ("FL", None), "cape cod": ("MA", "Barnstable Town"), "the big island": ("HI", None),
}
# short forms that are also everyday words: a place after "in", "from", "near" ... or typed with a capital
SHORT_FORMS = {"mass", "calif", "fla", "tenn", "penn", "wash", "cali", "jax", "atl", "jersey"}
# one-word cities of the metro names that are everyday words: a city only when typed with a capital
WORD_CITIES = {"college", "mobile", "reading", "mission", "bend", "rapid", "temple", "portage", "traverse", "atlantic",
               "concord", "mesa", "napa", "jersey", "sioux", "wilkes", "ontario", "panama", "home"}  # "work from home"
# postal codes that are also jobs' short forms (physician assistant, medical assistant, medical doctor): a state only
# after a place word or a city ("in PA", "Scranton, PA"), never before these
JOB_CODES = {"pa", "ma", "md"}
JOB_CODE_AFTER = {"school", "program", "programs", "student", "students", "job", "jobs", "license", "certification"}
# "they moved the line to Mexico": a country, not Mexico, New York; "Lebanon, PA" (its state after it) is the town
COUNTRIES = {name.lower() for name in Locale("en").territories.values()}
# place words after which even an everyday word is a town: "I live in Enterprise"
TOWN_WORDS = {"live", "living", "based", "moved", "near", "outside", "around", "from"}
_WORD = re.compile(r"[A-Za-z][A-Za-z.']*")


def _key(city: str) -> str:
    """A city's name as looked up: lower-case words, no dots ("St. Louis" -> "st louis")."""
    return " ".join(w.lower() for w in _WORD.findall(city.replace(".", "")))


@dataclass(frozen=True)
class Place:
    state: str | None  # postal code
    metro_code: str | None = None
    metro_name: str | None = None
    start: int = 0  # word span in the message (``knowledge.title_spans.words``)
    end: int = 0
    choices: tuple["Place", ...] = field(default=(), compare=False)  # several metros: which one?


class Places:
    def __init__(self, states: dict[str, str], metros: list[tuple[str, str, float]],
                 towns: list[tuple[str, str, int]] = (), english: frozenset[str] = frozenset()):
        """``states``: postal code -> name (the OEWS areas); ``metros``: (area code, name, employment);
        ``towns``: (city, postal code, colleges there) from the IPEDS directory; ``english``: everyday words."""
        self.states = states
        self.english = english
        colleges: dict[str, dict[str, int]] = {}
        for city, postal, n in towns:
            if city and postal in states:
                key = _key(city)
                colleges.setdefault(key, {})[postal] = colleges.get(key, {}).get(postal, 0) + n
        self.by_name = {name.lower(): postal for postal, name in states.items()}
        self.cities: dict[str, list[Place]] = {}
        self.size: dict[str, float] = {}
        for code, name, employment in metros:
            if "nonmetropolitan" in name.lower() or "," not in name:
                continue
            cities, _, st = name.rpartition(", ")
            metro_states = [s.strip() for s in st.split("-") if s.strip() in states]
            if not metro_states:
                continue
            self.size[code] = employment or 0.0
            for city in re.split(r"[-/]", cities):
                key = _key(city)
                here = colleges.get(key, {})
                postal = max(metro_states, key=lambda s: (here.get(s, 0), s == metro_states[0]))
                # "Boise City", "Salt Lake City", "Urban Honolulu": also said "Boise", "Salt Lake", "Honolulu"
                short = re.sub(r"^urban | city$", "", key)
                if len(short) < 5:  # "Bay City" is not "bay"
                    short = key
                for k in {key, short}:
                    if k and k not in self.by_name:
                        self.cities.setdefault(k, []).append(Place(postal, code, name))
        # towns with no metro of their name: their states, most colleges first
        self.towns = {key: sorted(by_state, key=lambda s: -by_state[s]) for key, by_state in colleges.items()
                      if key not in self.cities and key not in self.by_name and key not in REGIONS and len(key) >= 4}
        self.longest = max((len(k.split()) for k in [*self.cities, *self.by_name, *REGIONS, *self.towns]), default=1)

    @classmethod
    def from_connection(cls, conn: Connection) -> "Places":
        states = {postal: name for postal, name in conn.execute(
            select(m.Area.state, m.Area.name).where(m.Area.kind == "S")).all() if postal}
        employment = dict(conn.execute(
            select(m.Wage.area_code, func.max(m.Wage.employment))
            .where(m.Wage.industry_code == "000000").group_by(m.Wage.area_code)).all())
        metros = [(code, name, employment.get(code) or 0.0)
                  for code, name in conn.execute(select(m.Area.code, m.Area.name).where(m.Area.kind == "M")).all()]
        towns = conn.execute(select(m.Institution.city, m.Institution.state, func.count())
                             .group_by(m.Institution.city, m.Institution.state)).all()
        from knowledge.resolver import english_words  # spaCy's word lists: loaded once, on first use

        return cls(states, metros, [tuple(t) for t in towns], english_words())

    # -- one word or phrase ----------------------------------------------------------------------

    def state_of(self, text: str) -> str | None:
        """A whole answer that is a state: 'ME', 'mi', 'Fl', 'maine', 'pennsylvannia', 'D.C.' -> postal code."""
        key = " ".join(_WORD.findall(text.replace(".", " "))).lower()
        key = re.sub(r"^(?:i live in|i'm in|im in|i am in|i said|in|from|the state of|state of|near)\s+", "", key)
        key = re.sub(r"\s+(?:state|please|thanks)$", "", key).strip()
        if not key:
            return None
        if len(key) == 2 and key.upper() in self.states:
            return key.upper()
        if key in self.by_name:
            return self.by_name[key]
        if key in REGIONS and REGIONS[key][0]:
            return REGIONS[key][0]
        if key in self.cities and len({p.state for p in self.cities[key]}) == 1:
            return self.cities[key][0].state  # "Austin", "near savannah"
        if key in self.towns and len(self.towns[key]) == 1:
            return self.towns[key][0]  # "Garden Grove", "North Platte"
        if len(key) >= 5 and key.isascii():
            return self._misspelt(key)  # "pennsylvannia", "conneticut", "missisippi"
        return None

    # -- in a sentence ---------------------------------------------------------------------------

    def find(self, text: str, tokens: list[str] | None = None) -> Place | None:
        """The place a message names (the last one, if it names several: "I moved from Ohio to Maine")."""
        found = self.find_all(text, tokens)
        return found[-1] if found else None

    def find_all(self, text: str, tokens: list[str] | None = None) -> list[Place]:
        from knowledge.title_spans import clause_starts, words

        typed = _typed_words(text)
        clauses = clause_starts(text, ",.!?;") | {0}
        low = tokens or words(text)
        if len(typed) != len(low) or len(low) > 3 and text == text.upper():
            typed = low  # different tokenisations, or ALL CAPS (capitals then say nothing): the lower-case words
        out: list[Place] = []
        i = 0
        while i < len(low):
            hit = None
            for n in range(min(self.longest, len(low) - i), 0, -1):
                hit = self._phrase(low, typed, i, n, clauses)
                if hit:
                    break
            if hit:
                out.append(hit)
                i = hit.end
            else:
                i += 1
        found = _with_state_context(out)
        if not any(p.state for p in found) and len(low) <= 4:  # a short whole answer: "ME", "Fl", "i said michigan"
            whole = self.state_of(text)
            if whole:
                return [Place(whole, start=0, end=len(low))]
        return found

    def _phrase(self, low: list[str], typed: list[str], i: int, n: int, clauses: set[int] = frozenset()) -> Place | None:
        key = " ".join(low[i:i + n])
        before = low[i - 1] if i else ""
        placed = before in PLACE_WORDS or i == 0 and n == len(low)
        after = low[i + n] if i + n < len(low) else ""
        if key in self.by_name:
            return Place(self.by_name[key], start=i, end=i + n)
        if key in REGIONS:
            postal, city = REGIONS[key]
            if postal is None or (n == 1 and (len(key) <= 3 or key in SHORT_FORMS) and not placed
                                  and typed[i] != typed[i].upper() and not (key in SHORT_FORMS and typed[i][:1].isupper())):
                return None  # "car wash", "critical mass": a short form is a place only where a place goes
            metro = self._metro(city, postal) if city else None
            return Place(postal, metro.metro_code if metro else None, metro.metro_name if metro else None, i, i + n)
        if n == 1 and len(key) == 2 and key.upper() in self.states:
            capital = typed[i] == key.upper() or typed[i] == key.title()
            end = i + 1 == len(low)
            if before in ("a", "an") or key == "me" and typed[i] != "ME" and not (i == 0 and n == len(low)):
                return None  # "become a PA": the job; "schools near me": not Maine
            if key in JOB_CODES and (before not in PLACE_WORDS and not self._place_before(low, i) or after in JOB_CODE_AFTER):
                return None  # "paramedic or maybe PA", "PA school": the physician assistant; "Scranton, PA", "in PA"
            if key in WORD_CODES and typed[i] != key.upper() and self._place_at(low, i + 1):
                return None  # "i live in henderson nv", "living in San Antonio": the word before the town, not Indiana
            # "im in savanah ga": a code at the end after "in" and a town's name (even misspelled) is the state
            town_before = end and i >= 2 and low[i - 2] in CODE_WORDS and low[i - 1].isalpha() and len(low[i - 1]) > 3
            # "LPN in long term care, WV. Bridge to RN?": a code typed in capitals as a clause of its own
            town_before = town_before or typed[i] == key.upper() and key not in WORD_CODES and i in clauses \
                and i + 1 in clauses
            # "CO state prison 6 yrs NY. need out": ... or ending one, unless it is a thing of theirs ("the VA", "my MS")
            town_before = town_before or typed[i] == key.upper() and key not in WORD_CODES | {"ms", "pr"} and i > 0 \
                and i + 1 in clauses and before not in ("the", "a", "an", "my", "at", "our")
            if before in CODE_WORDS or capital and end or end and key not in WORD_CODES and i > 0 or town_before:
                return Place(key.upper(), start=i, end=i + 1)
            return None
        state_after = self.by_name.get(after) or (after.upper() if len(after) == 2 and after.upper() in self.states else None)
        if key in COUNTRIES and not state_after:
            return None
        if key in self.cities:
            capitalised = typed[i][:1].isupper()
            named_state = after in self.by_name or len(after) == 2 and after.upper() in self.states
            if key in WORD_CITIES and not capitalised and not named_state:
                return None  # "a junior in college" is not College, Alaska; "in Mobile", "reading pa" are places
            if key in WORD_CITIES and i and typed[i - 1][:1].isupper() and not named_state:
                return None  # the end of a name: "Kapiolani Community College", "Atlantic City" aside
            at_end = i + n == len(low) or i + n + 1 == len(low) and len(after) == 2  # "... cincinnati", "boise id"
            alone = i in clauses and i + n in clauses  # "security guard at a mall nights, chicago. want ..."
            options = self.cities[key]
            its_state = any(p.state == state_after for p in options)  # "henderson nv. want ideas"
            if not (placed or capitalised or at_end or n > 1 or alone or its_state):
                return None
            # "Portland, Maine" / "Portland ME": the state right after settles it
            if state_after:
                options = [p for p in options if p.state == state_after] or options
            return self._choose(options, i, i + n)
        if key in self.towns:
            town = self._town(key, low, typed, i, n)
            if town:
                return town
        if n <= 2 and len(key) >= 6 and key.replace(" ", "").isalpha() and (placed or i + n == len(low)) \
                and not (n == 1 and key in self.english):  # "a fire team of 4 Marines" is not Maine
            postal = self._misspelt(key)
            if postal:
                return Place(postal, start=i, end=i + n)
        return None

    def _place_at(self, low: list[str], i: int) -> bool:
        """Whether a city, town or state's name starts at word ``i``."""
        if i >= len(low):
            return False
        word = low[i]
        return any(" ".join(low[i:i + n]) in names for n in range(1, self.longest + 1)
                   for names in (self.cities, self.towns, self.by_name, REGIONS)) \
            or len(word) >= 6 and word.isalpha() and word not in self.english and bool(self._misspelt(word))

    def _place_before(self, low: list[str], i: int) -> bool:
        """Whether a city or town's name ends right before word ``i`` ("State College PA", "King of Prussia PA")."""
        return any(" ".join(low[i - n:i]) in names for n in range(1, min(self.longest, i) + 1)
                   for names in (self.cities, self.towns))

    def _misspelt(self, key: str) -> str | None:
        """'conneticut', 'virgina', 'massachusets', 'arkansaw': the ``us`` phonetic match, else 2 edits away."""
        found = us.states.lookup(key)
        if found and found.abbr in self.states:
            return found.abbr
        hit = process.extractOne(key, list(self.by_name), scorer=Levenshtein.distance, score_cutoff=2)
        return self.by_name[hit[0]] if hit else None

    def _town(self, key: str, low: list[str], typed: list[str], i: int, n: int) -> Place | None:
        """A town of the college directory, where a place goes: "live in Garden Grove", "from north platte",
        "Enterprise, AL"; not "work in sales" (a word, typed lower-case)."""
        before = low[i - 1] if i else ""
        after = low[i + n] if i + n < len(low) else ""
        state_after = self.by_name.get(after) or (after.upper() if len(after) == 2 and after.upper() in self.states else None)
        word = n == 1 and key in self.english
        if key in WORD_CITIES and not typed[i][:1].isupper():
            return None  # "work from home" is not Home, Pennsylvania
        prior = low[i - 2] if i > 1 else ""
        placed = before in PLACE_WORDS and (not word or typed[i][:1].isupper() or {before, prior} & TOWN_WORDS)
        states = self.towns[key]
        if state_after in states:
            return Place(state_after, start=i, end=i + n)
        if not placed or state_after:
            return None
        if len(states) == 1:
            return Place(states[0], start=i, end=i + n)
        return Place(None, start=i, end=i + n, choices=tuple(Place(s) for s in states[:4]))

    def _metro(self, city: str, postal: str) -> Place | None:
        options = [p for p in self.cities.get(city.lower(), []) if p.state == postal]
        return max(options, key=lambda p: self.size.get(p.metro_code, 0.0)) if options else None

    def _choose(self, options: list[Place], start: int, end: int) -> Place:
        ranked = sorted(options, key=lambda p: -self.size.get(p.metro_code, 0.0))
        first = ranked[0]
        if len(ranked) == 1 or self.size.get(first.metro_code, 0.0) >= LARGER * self.size.get(ranked[1].metro_code, 0.0):
            return Place(first.state, first.metro_code, first.metro_name, start, end)
        return Place(None, start=start, end=end, choices=tuple(ranked[:4]))


def _with_state_context(found: list[Place]) -> list[Place]:
    """An ambiguous city followed by its state ("Portland ... in Maine"): the state settles it."""
    out = []
    for k, place in enumerate(found):
        if place.choices:
            later = {p.state for p in found[k + 1:] if p.state}
            chosen = [c for c in place.choices if c.state in later]
            if chosen:
                place = Place(chosen[0].state, chosen[0].metro_code, chosen[0].metro_name, place.start, place.end)
        out.append(place)
    # a state named right after its own city ("Austin, Texas") is one place, not two
    return [p for k, p in enumerate(out) if not (k and p.metro_code is None and out[k - 1].state == p.state
                                                  and p.start <= out[k - 1].end + 1)]


def _typed_words(text: str) -> list[str]:
    """The words as typed (case kept), split like ``knowledge.title_spans.words``; commas kept as words."""
    import unicodedata

    text = unicodedata.normalize("NFKC", text).replace("&", " and ")
    return re.findall(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?", re.sub(r"[-/_.]", " ", text))


@per_store
def get_places(engine: Engine) -> Places:
    """One per store per process."""
    with engine.connect() as conn:
        return Places.from_connection(conn)
