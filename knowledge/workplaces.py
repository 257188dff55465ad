"""Where someone works, as the OEWS industry it belongs to, and which jobs that industry employs.

A title alone often fits several occupations; the workplace says which one. "Shift manager" is O*NET's
title for retail supervisors, food service managers and gambling managers alike; "at Taco Bell" makes it
the restaurant one, because restaurants employ food service managers and almost no gambling managers.
"Secretary at a hospital" is a medical secretary for the same reason. The figures are OEWS May 2025's
national industry-specific employment (``wage`` rows of an industry, area 0000000): among the readings of
a title that are nearly as good as the best (``WINDOW``), the one the workplace employs most comes first.

People name the workplace in two ways, both looked up here as whole words:

* a kind of place: "restaurant", "hospital", "warehouse", "ER", "car dealership" (``KINDS``);
* an employer: the large U.S. chains people name instead of their workplace: "Taco Bell", "Walmart",
  "Kroger", "UPS" (``EMPLOYERS``). This is a list of names, not data about them: each points at the OEWS
  industry its stores or sites belong to (NAICS), and nothing else is said about the employer.

    >>> industry_in("shift manager at taco bell")
    '722500-722511'
"""
from __future__ import annotations

import re
from dataclasses import replace

# Kinds of workplace, as people say them -> OEWS industry (NAICS, as OEWS codes it).
KINDS = {
    "restaurant": "722500", "fast food": "722500", "diner": "722500", "cafe": "722500", "coffee shop": "722500",
    "pizza place": "722500", "pizzeria": "722500", "drive thru": "722500", "cafeteria": "722500",
    "bar": "722400", "pub": "722400", "brewery": "722400", "nightclub": "722400",
    "hotel": "721100", "motel": "721100", "resort": "721100", "casino": "713200",
    "hospital": "622000", "er": "622000", "emergency room": "622000", "icu": "622000", "trauma center": "622000",
    "medical office": "621100", "doctor's office": "621100", "doctors office": "621100", "physician's office": "621100",
    "pediatrician's office": "621100", "dental office": "621200", "dentist's office": "621200", "dentist office": "621200",
    "clinic": "621400", "outpatient clinic": "621400", "urgent care": "621400", "surgery center": "621400",
    "nursing home": "623100", "skilled nursing": "623100", "assisted living": "623300", "retirement home": "623300",
    "daycare": "624400", "day care": "624400", "preschool": "624400", "child care center": "624400",
    "school": "611100", "high school": "611100", "middle school": "611100", "elementary school": "611100",
    "school district": "611100", "university": "611300", "college": "611300", "community college": "611200",
    "warehouse": "493000", "distribution center": "493000", "fulfillment center": "493000",
    "dealership": "441100", "car dealership": "441100", "car dealer": "441100", "auto dealer": "441100",
    "auto parts store": "441300", "tire shop": "441300", "auto shop": "811100", "body shop": "811100",
    "repair shop": "811100", "oil change place": "811100", "quick lube": "811100",
    "grocery store": "445000", "grocery": "445000", "supermarket": "445000", "deli": "445000",
    "department store": "455000", "big box store": "455000", "retail store": "44--46", "retail": "44--46",
    "pharmacy": "456100", "drugstore": "456100", "drug store": "456100", "gas station": "457100",
    "convenience store": "445000", "hardware store": "444100", "home improvement store": "444100",
    "bank": "522000", "credit union": "522000", "call center": "561400", "post office": "491000",
    "trucking company": "484000", "railroad": "482000", "railyard": "482000", "rail yard": "482000",
    "salon": "812100", "nail salon": "812100", "barbershop": "812100", "barber shop": "812100", "spa": "812100",
    "law firm": "541100", "law office": "541100", "accounting firm": "541200", "cpa firm": "541200",
    "factory": "31--34", "plant": "31--34", "mill": "31--34", "construction site": "23--24", "job site": "23--24",
    "job sites": "23--24", "temp agency": "561300", "staffing agency": "561300", "group home": "623200",
    "construction company": "23--24", "landscaping company": "561730", "landscaping": "561730", "lawn care": "561730",
    "cleaning company": "561700", "janitorial company": "561700", "security company": "561600",
    "moving company": "484000",
    # kinds of plant people name by what they make (OEWS publishes these manufacturing industries)
    "chicken plant": "311600", "poultry plant": "311600", "meat plant": "311600", "meatpacking plant": "311600",
    "meat packing plant": "311600", "meat processing plant": "311600", "slaughterhouse": "311600",
    "packing plant": "311600", "bread plant": "311800", "bakery plant": "311800", "sawmill": "321100",
    "paper mill": "322100", "box plant": "322200", "corrugated plant": "322200", "steel mill": "331100",
    "auto plant": "336000", "car plant": "336000", "parts plant": "336300", "plastics plant": "326100",
    "plastic plant": "326100",
}
# OEWS publishes restaurants (7225) and full-service restaurants (722511); the rest of 7225 (limited-service
# restaurants, cafeterias, snack and coffee bars) is the difference, computed where the figures are read.
LIMITED_SERVICE = "722500-722511"
DERIVED = {LIMITED_SERVICE: ("722500", "722511")}  # industry: (the whole, the part taken away)
# Large U.S. employers people name instead of their workplace -> the OEWS industry of their sites.
EMPLOYERS = {
    **dict.fromkeys([
        "mcdonald's", "mcdonalds", "burger king", "wendy's", "wendys", "taco bell", "kfc", "subway", "chick fil a",
        "chickfila", "popeyes", "sonic", "arby's", "arbys", "jack in the box", "dairy queen", "domino's", "dominos",
        "pizza hut", "papa john's", "papa johns", "little caesars", "chipotle", "panera", "five guys", "whataburger",
        "in n out", "culver's", "culvers", "zaxby's", "zaxbys", "raising cane's", "canes", "panda express", "dunkin",
        "dunkin donuts", "dunkin'", "starbucks", "tim hortons", "carl's jr", "hardee's", "hardees", "del taco",
        "wingstop", "jimmy john's", "jersey mike's", "firehouse subs", "bojangles", "checkers", "white castle",
        "qdoba", "shake shack",
    ], LIMITED_SERVICE),
    **dict.fromkeys([
        "applebee's", "applebees", "olive garden", "chili's", "chilis", "denny's", "dennys",
        "ihop", "waffle house", "red lobster", "outback", "texas roadhouse", "buffalo wild wings", "cracker barrel",
        "red robin", "longhorn", "golden corral", "bob evans", "perkins", "cheesecake factory",
    ], "722511"),
    **dict.fromkeys(["walmart", "target", "costco", "sam's club", "sams club", "kmart", "meijer", "dollar general",
                     "dollar tree", "family dollar", "big lots", "five below", "kohl's", "kohls", "macy's", "macys",
                     "jcpenney", "jc penney", "tj maxx", "marshalls", "ross", "burlington", "bj's"], "455000"),
    **dict.fromkeys(["kroger", "safeway", "albertsons", "publix", "heb", "h e b", "aldi", "trader joe's", "whole foods",
                     "food lion", "wegmans", "winco", "hy vee", "hyvee", "piggly wiggly", "winn dixie", "harris teeter",
                     "sprouts", "shoprite", "ralphs", "vons", "fred meyer", "king soopers", "save a lot", "giant eagle",
                     "stop and shop", "7 eleven", "wawa", "sheetz", "circle k", "quiktrip", "casey's"], "445000"),
    **dict.fromkeys(["home depot", "lowe's", "lowes", "menards", "ace hardware", "tractor supply"], "444100"),
    **dict.fromkeys(["best buy", "gamestop"], "449200"),
    **dict.fromkeys(["walgreens", "cvs", "rite aid"], "456100"),
    **dict.fromkeys(["autozone", "o'reilly", "oreilly", "advance auto parts", "napa", "discount tire"], "441300"),
    **dict.fromkeys(["jiffy lube", "valvoline", "midas", "firestone", "pep boys", "meineke", "maaco"], "811100"),
    **dict.fromkeys(["chevy", "chevrolet", "ford", "toyota", "honda", "nissan", "dodge", "jeep", "kia", "hyundai",
                     "subaru", "carmax"], "441100"),  # "a Chevy dealer"; a brand alone is read only with a title
    **dict.fromkeys(["amazon warehouse", "amazon fulfillment"], "493000"),
    **dict.fromkeys(["ups", "fedex"], "492000"),
    **dict.fromkeys(["usps"], "491000"),
    **dict.fromkeys(["marriott", "hilton", "hyatt", "holiday inn", "best western", "motel 6", "hampton inn"], "721100"),
    **dict.fromkeys(["chase", "wells fargo", "bank of america", "citibank", "td bank", "pnc", "us bank"], "522000"),
    **dict.fromkeys(["union pacific", "bnsf", "csx", "norfolk southern", "amtrak"], "482000"),
    **dict.fromkeys(["great clips", "supercuts", "sport clips"], "812100"),
    **dict.fromkeys(["kindercare"], "624400"),
}
# What an employer's sites are called, for reading the title beside it: "shift lead at Taco Bell" is read as
# "shift lead at a restaurant" (the resolver would otherwise look for "bell" in job titles: bellhops).
SITE_OF = {"722500": "restaurant", "722511": "restaurant", LIMITED_SERVICE: "fast food restaurant", "455000": "retail",
           "445000": "grocery", "444100": "hardware", "449200": "electronics", "456100": "pharmacy",
           "441300": "auto parts", "811100": "auto repair", "441100": "car dealership", "493000": "warehouse",
           "492000": "delivery", "491000": "postal",
           "721100": "hotel", "522000": "bank", "482000": "railroad", "812100": "salon", "624400": "child care"}
WINDOW = 0.15  # readings this close to the best one's confidence compete on the workplace's employment
OVERRULE = 5.0  # ... this many times more than a reading clearly ahead on its words: the workplace decides
CLEAR = 2.0  # the workplace employs the chosen reading this many times more than the next: take it without asking
_PHRASES = {**KINDS, **EMPLOYERS}
_LONGEST = max(len(k.split()) for k in _PHRASES)


def _norm(word: str) -> str:
    return word.lower().replace("\u2019", "'").strip(".,;:!?")


def words_of(text: str) -> list[str]:
    """Lower-case words, with "-", "/" and "&" as spaces ("Chick-fil-A" -> chick fil a)."""
    return [w for w in (_norm(w) for w in re.split(r"[\s\-/&]+", text)) if w]


def find(words: list[str]) -> tuple[int, int, str] | None:
    """The workplace in a list of lower-case words: (start, end, industry code). An employer named says more
    than a kind of place ("tired of retail, 8 yrs at Target": Target), else the first place named; but a kind of
    place right after the employer's name is where they are ("the Ford plant": a factory, not a car dealer)."""
    found = []
    i = 0
    while i < len(words):
        for n in range(min(_LONGEST, len(words) - i), 0, -1):
            key = " ".join(words[i:i + n])
            code = _PHRASES.get(key) or _PHRASES.get(key.replace("'", ""))
            if code:
                found.append((i, i + n, code))
                i += n - 1
                break
        i += 1
    kind_starts = {f[0] for f in found if not is_employer(words[f[0]:f[1]])}
    # "the Ford plant", "the Walmart distribution center": the kind of place they name is where they work
    employers = [f for f in found if is_employer(words[f[0]:f[1]]) and f[1] not in kind_starts]
    found = [f for f in found if f in employers or f[0] in kind_starts]
    return (employers or found or [None])[0]


def industry_in(text: str) -> str | None:
    found = find(words_of(text))
    return found[2] if found else None


def as_site(text: str) -> str:
    """The text with an employer's name replaced by what its sites are ("cook at Waffle House" -> "cook at
    restaurant"); other text unchanged."""
    said = words_of(text)
    found = find(said)
    if not found or not is_employer(said[found[0]:found[1]]) or found[2] not in SITE_OF:
        return text
    start, end, code = found
    return " ".join(said[:start] + [SITE_OF[code]] + said[end:])


def is_employer(words: list[str]) -> bool:
    """Whether these words are a known employer (not a kind of place): "what do you do at Taco Bell?" asks
    for the job; "at a restaurant" already says much of it."""
    key = " ".join(words)
    return key in EMPLOYERS or key.replace("'", "") in EMPLOYERS


def employed(employment: dict[str, float], code: str, published: set[str]) -> float:
    """An industry's employment of an O*NET occupation: its SOC's; for an occupation OEWS publishes only within
    a group (``published`` lacks its SOC: teaching assistants, 25-9040), the group's."""
    if code[:7] in published:
        return employment.get(code[:7], 0.0)
    return employment.get(code[:6] + "0", 0.0)


def overruled(matches: list, employment: dict[str, float], published: set[str]) -> bool:
    """Whether the first reading is a catch-all whose title leaves out a reading nearly as good, and the
    workplace employs that one so much more (``OVERRULE``) that the catch-all can't be meant: "secretary in
    the ER" is a medical secretary (hospitals employ six times as many), though "Secretaries" is word for
    word the title of "Secretaries and Administrative Assistants, Except Legal, Medical, and Executive"."""
    _, _, excepted = matches[0].title.partition(", Except ")
    if not excepted:
        return False  # only a catch-all that excludes the rival by name ("..., Except Legal, Medical, and Executive")
    first = employed(employment, matches[0].code, published)
    near = [m for m in matches[1:] if m.confidence >= matches[0].confidence - WINDOW
            and m.title.split()[0] in excepted]
    return any(employed(employment, m.code, published) >= OVERRULE * max(first, 1.0) for m in near)


def rerank(matches: list, employment: dict[str, float], published: set[str], margin: float,
           setting: frozenset[str] = frozenset()) -> list:
    """Readings of a title (``knowledge.resolver.Match``, best first) in the order a workplace makes likely:
    among those within ``WINDOW`` of the best, the one the workplace employs most comes first. When the
    workplace employs it clearly more than the next (``CLEAR``), or its name alone says the setting ("Hotel
    General Manager" for "GM at the Holiday Inn", whose ``setting`` words are {"hotel"}, beside plain
    "General Manager"), the others drop below it by ``margin`` (the resolver's: how far ahead a reading
    must be to be taken without asking) so it is taken without asking; otherwise the order changes and
    the choice is still offered. A reading already clearly ahead on the title's own words is kept."""
    if not matches or len(matches) == 1:
        return matches
    if matches[0].confidence - matches[1].confidence >= margin and not overruled(matches, employment, published):
        return matches  # the title alone says which: "nurse at a nursing home" stays a nurse

    def says_setting(m) -> bool:
        return bool(setting & {w.rstrip("s") for w in re.findall(r"[a-z]+", m.matched.lower())})

    best = matches[0].confidence
    near = [m for m in matches if m.confidence >= best - WINDOW]
    by_employment = sorted(near, key=lambda m: -employed(employment, m.code, published))
    first = by_employment[0]
    most = employed(employment, first.code, published)
    if most <= 0:
        return matches
    second = by_employment[1] if len(by_employment) > 1 else None
    runner_up = employed(employment, second.code, published) if second else 0.0
    alone = says_setting(first) and not (second and says_setting(second))
    ceiling = best - margin if alone or most >= CLEAR * runner_up else best
    rest = [replace(m, confidence=min(m.confidence, ceiling)) for m in by_employment[1:]]
    rest += [replace(m, confidence=min(m.confidence, ceiling)) for m in matches if m not in near]
    return [replace(first, confidence=best)] + rest
