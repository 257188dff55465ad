"""Short report links for SMS, where every character counts: the report's URL with its codes as digits, the state,
and the person's story (knowledge/person/profile.py's ``to_query``) in a compact form, so the short link opens
the same report the widget's link does, "Your story" at its top.

    /reports/43-3071.00/43-3031.00.html?state=WI&past=41-2011.00:3:2&now=2&education=high-school&credits=30
    -> /r/43307100-43303100-WI_p41201100-3-2_n2_e2_c30

The story's parts are joined by "_", each a letter and its fields joined by "-": ``p`` an earlier job (code,
years, years since they left it), ``u`` unpaid work (code, years), ``n`` the current job's years, ``e`` the
schooling's level (its O*NET category number, knowledge.person.profile.EDUCATION_LEVELS), ``c`` college credits,
``f`` the field and ``s`` their own words for the schooling (each character but letters and digits as %XX). Years
not said are left empty, as in the long form.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote

SHORT_LINK = re.compile(r"^(\d{6}|\d{8})-(\d{6}|\d{8})(?:-([A-Za-z]{2}))?(?:_([\w%.-]+))?$")
_FIELDS = {"past": "p", "unpaid": "u", "now": "n", "credits": "c", "field": "f", "said": "s"}
_NAMES = {letter: name for name, letter in _FIELDS.items()} | {"e": "education"}


def _digits(code: str) -> str:
    return re.sub(r"\D", "", code)


def _code(digits: str) -> str:
    return f"{digits[:2]}-{digits[2:6]}" + (f".{digits[6:]}" if len(digits) == 8 else "")


def _levels() -> dict[str, int]:
    from knowledge.person.profile import EDUCATION_LEVELS

    return {key: number for key, (number, _) in EDUCATION_LEVELS.items()}


def story_part(query: str) -> str:
    """The story of a report URL's query (``past=...&now=2&education=high-school``) in the short form ('' for none)."""
    parts = []
    for name, value in parse_qsl(query or "", keep_blank_values=True):
        if name in ("past", "unpaid"):
            code, *rest = value.split(":")
            parts.append(_FIELDS[name] + "-".join([_digits(code), *rest]))
        elif name == "education" and value in _levels():
            parts.append(f"e{_levels()[value]}")
        elif name in ("now", "credits"):
            parts.append(_FIELDS[name] + value)
        elif name in ("field", "said"):
            parts.append(_FIELDS[name] + quote(value, safe="").replace("-", "%2D").replace(".", "%2E")
                         .replace("_", "%5F").replace("~", "%7E"))
    return "_".join(parts)


def story_query(part: str | None) -> list[tuple[str, str]]:
    """The long form's query pairs of a short link's story; [] for none or parts not understood."""
    levels = {number: key for key, number in _levels().items()}
    pairs = []
    for piece in (part or "").split("_"):
        letter, rest = piece[:1], piece[1:]
        name = _NAMES.get(letter)
        if name in ("past", "unpaid"):
            code, *fields = rest.split("-")
            if code.isdigit() and len(code) in (6, 8):
                pairs.append((name, ":".join([_code(code), *fields])))
        elif name == "education" and rest.isdigit() and int(rest) in levels:
            pairs.append((name, levels[int(rest)]))
        elif name:
            pairs.append((name, unquote(rest)))
    return pairs
