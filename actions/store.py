"""The knowledge store as the actions see it: one engine, one Analyst and one resolver per process,
built at start-up (``warm()``) so the first question is answered as fast as the rest.

Only look-ups live here (which occupation a title names, which state a word names); every analysis is
knowledge/'s and every wording bot/replies/'s.
"""
from __future__ import annotations

import logging
import os
import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.web import report_url
from knowledge import config, lookup, step_up, workplaces
from knowledge import models as m
from knowledge.analysis import AmbiguousJob, Analyst, UnknownJob, analyst_for
from knowledge.db import StoreMissing, store_error, the_store
from knowledge.described_work import content_words, get_described_work
from knowledge.places import get_places
from knowledge.resolver import Match, get_resolver, is_confident
from knowledge.title_spans import get_title_spans, words

log = logging.getLogger(__name__)
_lock = threading.Lock()
NATIONAL = "US"


@lru_cache(maxsize=1)
def engine():
    return the_store()


def analyst() -> Analyst:
    with _lock:
        return analyst_for(engine())


def session() -> Session:
    return Session(engine())


def warm() -> None:
    """Read everything the first question needs (about 40 s once per process)."""
    a = analyst()
    get_resolver(a.engine).resolve("cashier", top=1)
    title_spans()
    places()
    get_described_work(a.engine)
    log.info("careerbot store ready: %s occupations", len(a.occupations))


def warm_or_exit() -> None:
    """``warm()`` at start-up; a store that can't be read (not built, locked, server down) stops the action
    server with one line saying what to do, instead of a traceback from deep inside rasa_sdk's import."""
    try:
        warm()
    except (StoreMissing, SQLAlchemyError) as exc:
        raise SystemExit(f"careerbot action server: {store_error(exc, config.db_url())}") from None


# A title O*NET lists under several occupations ("CNA" under Nursing Assistants and Home Health Aides,
# "line cook" under three kinds of cook) is taken as its best match without asking when that match is
# this good; the answer then names the others as one-tap corrections ("Did you mean ...?").
GUESS = 0.75
# A weaker best match is still taken, with the others as corrections, when it leads the next one clearly: "gis"
# is GIS technicians (0.74) before surveying technicians (0.70), "ultrasound" sonographers (0.75 / 0.68).
LEADING_GUESS, LEAD = 0.70, 0.03


@dataclass
class Found:
    """What a job title in free text names: ``status`` ok (``code``, ``title``; ``alternatives`` when it was
    a best guess among close matches), ambiguous (``candidates``) or unknown."""

    status: str
    code: str | None = None
    title: str | None = None
    candidates: list[dict] | None = None
    alternatives: list[dict] | None = None
    confidence: float = 0.0  # ambiguous: how well the best candidate's name matches the text
    at: str | None = None  # ok: guessed from the employer named alone ("I work at McDonald's")
    above: str | None = None  # ok: a rank said alone ("supervisor"), read as the step up from this job's title


def title_spans():
    return get_title_spans(engine())


def places():
    return get_places(engine())


def names_a_job(text: str) -> bool:
    """Whether free text has a word of some job title in it (or a code): "b", "real", "idk" don't."""
    return bool(lookup.normalise_code(text)) or title_spans().has_job_word(text)


MILITARY_GROUP = lookup.MILITARY_GROUP


DESCRIPTION_WORDS = 3  # content words from which a text that names no title is read as a description of the work
TITLE_READINGS = 0.7  # an ambiguous title whose best reading is this good is offered as such, not as a description


def find_job(text: str, civilian: bool = False) -> Found:
    """``civilian``: read the words among civilian occupations only (a veteran's description of the work).
    A description that no title matches ("I debone chicken at the Tyson plant") gets the occupations whose
    O*NET tasks it fits best, as choices (knowledge/described_work.py)."""
    guessed = None if civilian else job_at(text)
    if guessed:
        return guessed
    found = _found(text, other_jobs(text, exclude=set(), limit=5, confidence=True)) if civilian else _title(text)
    if found.status == "ok" or found.status == "ambiguous" and _a_title_there(str(text), found.confidence):
        return found  # "general manager at McDonald's", "tech at a Chevy dealer": asked as the title it is
    if len(set(content_words(str(text)))) < (2 if civilian else DESCRIPTION_WORDS):
        return found
    fits = get_described_work(engine()).match(str(text), top=4)
    return Found("ambiguous", candidates=[{"code": f.code, "title": f.title} for f in fits]) if fits else found


def step_up_from(text: str, current_code: str | None) -> Found | None:
    """A rank said alone for the job they want ("move up to supervisor"), read beside the job they have: the
    supervisors (or managers) of their own work, as a guess with the other readings (knowledge/step_up.py)."""
    rank = step_up.rank_of(text)
    jobs = step_up.step_up(engine(), current_code, rank) if rank and current_code else []
    if not jobs:
        return None
    below = occupation(current_code)
    return Found("ok", jobs[0]["code"], jobs[0]["title"], alternatives=jobs[1:], above=below.title if below else None)


def jobs_at(employer: str, top: int = 4, share: bool = False) -> list[dict]:
    """The jobs a named employer's kind of workplace employs most (OEWS national, by industry): the choices for
    "what do you do at Taco Bell?"; [] for an employer we don't know. ``share``: with each job's share of all
    the jobs there."""
    industry = workplaces.industry_in(employer)
    employment = get_resolver(engine()).industry_employment.get(industry or "", {})
    everyone = employment.get(lookup.ALL_OCCUPATIONS) or 0.0
    occupations = analyst().occupations
    jobs = []
    for soc, count in sorted(employment.items(), key=lambda kv: -kv[1]):
        occ = occupations.get(f"{soc}.00")
        if occ and "All Other" not in occ.title:
            jobs.append({"code": occ.code, "title": occ.title, **({"share": count / everyone if everyone else 0.0}
                                                                  if share else {})})
        if len(jobs) == top:
            break
    return jobs


MOST_JOBS_THERE = 0.5  # a job that holds more than half of a workplace's jobs is the likely one of a person there


def job_at(text: str) -> Found | None:
    """"McDonald's", "at Chick-fil-A" (an employer named alone): the job more than half the people there do, as a
    guess with the next ones to tap (limited-service restaurants: fast food and counter workers, 54%); None when
    the text is no employer alone, or no job is that common there."""
    said = words(str(text))
    while said and said[0] in ("i", "im", "work", "works", "working", "worked", "at", "for", "a", "the"):
        said = said[1:]  # "I work at Chick-fil-A": the employer's own words
    if not said or not workplaces.is_employer(said):
        return None
    jobs = jobs_at(" ".join(said), share=True)
    if not jobs or jobs[0]["share"] <= MOST_JOBS_THERE:
        return None
    others = [{"code": j["code"], "title": j["title"]} for j in jobs[1:]]
    employer = re.sub(r"^(?:(?:i|i'm|im|work|works|working|worked|at|for|the)\s+)+", "", str(text).strip(), flags=re.I)
    return Found("ok", jobs[0]["code"], jobs[0]["title"], alternatives=others, at=employer)


def _a_title_there(text: str, confidence: float) -> bool:
    """Whether an ambiguous reading is a title's (offered as its readings) rather than a description's (read
    by its words against O*NET's tasks): a good match, or a short title at a workplace we know."""
    title = re.split(r"\b(?:at|in|for|with|on)\b", text, maxsplit=1)[0]
    return confidence >= TITLE_READINGS or (bool(workplaces.industry_in(text)) and len(title.split()) <= 3
                                            and names_a_job(title))


def _title(text: str) -> Found:
    try:
        occ = analyst().find(text)
    except AmbiguousJob as exc:
        candidates = [{"code": c["code"], "title": c["title"]} for c in exc.candidates]
        best = exc.candidates[0]
        runner_up = exc.candidates[1]["confidence"] if len(exc.candidates) > 1 else 0.0
        # not a catch-all ("army": Military Officer ... Leaders, All Other): leading there says nothing of the work
        leads = (best["confidence"] >= LEADING_GUESS and best["confidence"] - runner_up >= LEAD
                 and not best["title"].endswith("All Other"))
        if best["confidence"] >= GUESS and best["confidence"] > runner_up or leads:
            close = [c for c in exc.candidates[1:] if c["confidence"] >= min(GUESS, best["confidence"] - 0.1)][:3]
            return Found("ok", best["code"], best["title"], alternatives=[{"code": c["code"], "title": c["title"]}
                                                                          for c in close])
        return Found("ambiguous", candidates=candidates, confidence=best["confidence"])
    except (UnknownJob, lookup.UnknownCode, KeyError):
        return Found("unknown")
    return Found("ok", occ.code, occ.title)


CLOSE_READING = 0.05  # a reading this close to the first one's confidence is as likely a meaning of the title


def other_jobs(text: str, exclude: set[str], limit: int = 5, confidence: bool = False,
               close_only: bool = False, within: float | None = None) -> list[dict]:
    """The resolver's readings of a title, best first, without ``exclude`` and the military occupations: the
    choices to offer when the first reading was wrong ("no, the job I want is counselor"). ``close_only``:
    only readings about as likely as the first ("data analyst": Data Scientists 0.90, Business Intelligence
    Analysts 0.89; not "cop": Police Officers 0.90, Political Scientists 0.75); ``within``: only readings
    this close to the first one's confidence."""
    matches = get_resolver(engine()).resolve(str(text), top=limit + len(exclude) + 5)
    gap = CLOSE_READING if close_only else within
    floor = matches[0].confidence - gap if gap is not None and matches else 0.0
    kept = [x for x in matches if x.code not in exclude and not x.code.startswith(MILITARY_GROUP) and x.confidence >= floor]
    if within is not None:  # "shift manager at Taco Bell" was not a food service manager: the jobs there first
        resolver = get_resolver(engine())
        employment = resolver.industry_employment.get(workplaces.industry_in(str(text)) or "")
        if employment:
            kept.sort(key=lambda x: -workplaces.employed(employment, x.code, resolver.published))
    return [{"code": x.code, "title": x.title, **({"confidence": x.confidence} if confidence else {})}
            for x in kept][:limit]


def _found(text: str, matches: list[dict]) -> Found:
    """A Found from ranked matches (with confidence), by the resolver's own rule for a sure answer."""
    if not matches:
        return Found("unknown")
    ranked = [Match(x["code"], x["title"], x["confidence"], x["title"]) for x in matches]
    if is_confident(ranked):
        return Found("ok", matches[0]["code"], matches[0]["title"])
    return Found("ambiguous", candidates=[{"code": x["code"], "title": x["title"]} for x in matches])


def occupation(code: str | None):
    return analyst().occupations.get(code) if code else None


# -- states ---------------------------------------------------------------------------------------

def find_state(text: str | None) -> str | None:
    """'Maine', 'ME', 'mi', 'i said michigan', 'near savannah', 'us' -> postal code, NATIONAL, or None."""
    if not text:
        return None
    raw = str(text).strip()
    if raw.upper() in ("US", "USA", "NATIONAL", "U.S.", "UNITED STATES"):
        return NATIONAL
    postal = places().state_of(raw)
    if postal:
        return postal
    found = places().find(raw)
    return found.state if found and found.state else None


def metro_name(code: str | None) -> str | None:
    """'12420' -> 'Austin-Round Rock-San Marcos, TX' (an OEWS metro area), None if unknown."""
    if not code:
        return None
    with session() as conn:
        return conn.execute(select(m.Area.name).where(m.Area.code == str(code), m.Area.kind == "M")).scalar()


def state_name(postal: str | None) -> str | None:
    if not postal or postal == NATIONAL:
        return None
    return analyst().states.get(postal, (None, postal))[1]


def area_state(postal: str | None) -> str | None:
    """The state argument knowledge/ takes: a postal code, or None for national. The slot is read again
    because only the career form checks it: outside the form, whatever the entity extractor took for a
    state ("what does it pay in narnia?") lands in it unchecked; that means national figures."""
    if not postal or postal == NATIONAL:
        return None
    found = find_state(postal)
    return None if found in (None, NATIONAL) else found


# -- cached analyses ---------------------------------------------------------------------------------

@lru_cache(maxsize=256)
def compare(current: str, target: str, state: str | None) -> dict:
    return analyst().compare(current, target, state=state)


def frameworks_available() -> dict[str, str]:
    """occupation code -> title of every competency framework in the store."""
    with session() as conn:
        rows = conn.execute(select(m.CompetencyFramework.occupation_code, m.CompetencyFramework.title)).all()
    return {code: title for code, title in rows}


def class_series() -> dict[str, str]:
    """occupation code -> name of every civil-service class series in the store (the ladder's rules)."""
    with session() as conn:
        rows = conn.execute(select(m.ClassLevel.occupation_code, m.ClassLevel.series).distinct()).all()
    return {code: series for code, series in rows}


def report_link(current: str, target: str, state: str | None, profile=None) -> str | None:
    """The URL of the full career report (bot/web.py) when CAREERBOT_REPORT_BASE says where it is served; with the
    person's whole story (``profile``) at its top."""
    base = os.environ.get("CAREERBOT_REPORT_BASE")
    if not base:
        return None
    return report_url(current, target, state, base=base, profile=profile)


def gap_chart_link(current: str, target: str, state: str | None) -> str | None:
    """The URL of the comparison's gap chart image (bot/channels/site.py), served beside the reports."""
    link = report_link(current, target, state)
    return link and link.replace("/reports/", "/charts/gaps/", 1).replace(".html", ".png", 1)
