"""The credential a target job asks for before anything else: a license, a certification, more schooling.

A score of 96 out of 100 means little to someone who first needs a nursing license or a degree, so a
comparison names that first, in plain words. The store has no state licensing data (the CareerOneStop
License Finder data is not in ../shared/data; its licensing/README.md says so), so a job counts as licensed
from what O*NET itself says:

- its official title names the license ("Registered Nurses", "Licensed Practical ... Nurses");
- one of its tasks is keeping a license ("Maintain current electrician's license ...");
- its alternate titles name a commercial driver's license ("CDL-A Truck Driver");
- an alternate title is "Licensed <the job>" ("Licensed Dental Hygienist", "Licensed Plumber"): the words
  after "Licensed" must share a word with the official title, so "Licensed Bondsman" under Financial
  Specialists, All Other does not make that whole group licensed. This says the job is often licensed,
  not always, and the answer says "often".

Only where O*NET is silent, a small list in knowledge/data/licensed_occupations.json, each entry with the
published statement it rests on (K-12 public school teachers). Certifications: an alternate title
"Certified <the job>" ("Certified Information Systems Security Professional (CISSP)"), worded as what some
employers ask for. Schooling: BLS typical entry-level education of the two jobs (Employment Projections),
with the share of workers who told O*NET the job needs that level.

Never "no license needed": the answer always says where to check.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from knowledge import models as m
from knowledge.title_spans import normal, words

LICENSE_FINDER = "careeronestop.org/toolkit/training/find-licenses.aspx"
FALLBACK = Path(__file__).parent / "data" / "licensed_occupations.json"
# BLS's typical entry-level education, lowest first (Employment Projections, "Education Code" order)
ENTRY_EDUCATION = ("No formal educational credential", "High school diploma or equivalent", "Some college, no degree",
                   "Postsecondary nondegree award", "Associate's degree", "Bachelor's degree", "Master's degree",
                   "Doctoral or professional degree")
# "Maintain current electrician's license", "to maintain certification licensure": keeping one, not issuing one
KEEPS_LICENSE = re.compile(r"\b(?:maintain|renew|hold)\s+(?:a\s+|current\s+|valid\s+)*([\w' ]{0,30}?)\s*\b(licen[sc]e|licensure)\b", re.I)
EDUCATION_WORDS = {"No formal educational credential": "no formal schooling", "High school diploma or equivalent":
                   "a high school diploma", "Some college, no degree": "some college (no degree)",
                   "Postsecondary nondegree award": "a certificate after high school", "Associate's degree":
                   "an associate's degree", "Bachelor's degree": "a bachelor's degree", "Master's degree": "a master's degree",
                   "Doctoral or professional degree": "a doctoral or professional degree"}
CDL = re.compile(r"\bCDL\b|Commercial Driver's License", re.I)
ABBREVIATION = re.compile(r"\(([A-Z]{2,5})\)")
TITLE_STOP = {"and", "or", "of", "the", "except", "all", "other", "a", "an", "in", "for"}


def _title_words(text: str) -> set[str]:
    return {normal(w) for w in words(re.sub(r"\(.*?\)", " ", text))} - TITLE_STOP


class Credentials:
    """What O*NET's titles and tasks say about every occupation's license or certification, read once."""

    def __init__(self, engine: Engine, official: dict[str, str]):
        self.official = official
        with Session(engine) as conn:
            self.titles: dict[str, list[str]] = {}
            for code, title in conn.execute(select(m.Title.occupation_code, m.Title.title).where(
                    m.Title.kind == "alternate",
                    or_(m.Title.title.like("%Licensed%"), m.Title.title.like("%Certified%"), m.Title.title.like("%CDL%"),
                        m.Title.title.like("%Commercial Driver%"), m.Title.title.like("Registered %")))):
                self.titles.setdefault(code, []).append(title)
            self.tasks: dict[str, list[str]] = {}
            for code, task in conn.execute(select(m.Task.occupation_code, m.Task.task).where(
                    or_(m.Task.task.like("%licens%"), m.Task.task.like("%licenc%")))):
                if KEEPS_LICENSE.search(task):
                    self.tasks.setdefault(code, []).append(task)
        self.fallback = {code: entry for entry in json.loads(FALLBACK.read_text())["occupations"] for code in entry["codes"]}

    def _titled(self, code: str, prefix: str) -> list[str]:
        """Alternate titles "<prefix> <the job>" that share a word with the official title, shortest first."""
        own = _title_words(self.official.get(code, ""))
        found = [t for t in self.titles.get(code, []) if t.startswith(prefix + " ")
                 and _title_words(t[len(prefix) + 1:]) & own]
        return sorted(found, key=lambda t: (len(t), t))

    def license(self, code: str) -> dict | None:
        """{"credential", "strength": required | often, "evidence", "basis"} or None when O*NET says nothing."""
        official = self.official.get(code, "")
        if re.search(r"\b(Registered|Licensed)\b", official):
            named = self._titled(code, "Licensed") + self._titled(code, "Registered")
            with_abbreviation = [t for t in named if ABBREVIATION.search(t)]
            shown = (with_abbreviation or named or [official])[0]
            return {"credential": "a state license", "strength": "required", "evidence": f'O*NET lists the job as "{shown}"',
                    "basis": "onet_title"}
        cdl = sorted((t for t in self.titles.get(code, []) if CDL.search(t)), key=len)
        if len(cdl) >= 2:  # one "CDL Driving Instructor" under teachers is not the job's own license
            return {"credential": "a commercial driver's license (CDL)", "strength": "required",
                    "evidence": f'O*NET lists the job as "{cdl[0]}"', "basis": "onet_title"}
        if code in self.tasks:
            task = self.tasks[code][0]
            what = KEEPS_LICENSE.search(task).group(1).strip()
            credential = f"a license ({what})" if what.lower().startswith("certification") else (
                f"an {what} license" if what[:1].lower() in "aeiou" else f"a {what} license") if what else "a license"
            return {"credential": credential, "strength": "required", "evidence": f'O*NET lists the task "{task.rstrip(".")}"',
                    "basis": "onet_task"}
        if code in self.fallback:
            entry = self.fallback[code]
            return {"credential": entry["credential"], "strength": entry["strength"], "who": entry.get("who"),
                    "evidence": entry["evidence"], "basis": "list", "source": entry["source"]}
        named = self._titled(code, "Licensed")
        if named:
            return {"credential": "a state license", "strength": "often", "evidence": f'O*NET lists the job as "{named[0]}"',
                    "basis": "onet_title"}
        return None

    def certification(self, code: str) -> dict | None:
        named = self._titled(code, "Certified")
        if not named:
            return None
        return {"credential": "a certification", "evidence": f'O*NET lists the job as "{named[0]}"', "basis": "onet_title"}


def education_rank(level: str | None) -> int | None:
    return ENTRY_EDUCATION.index(level) if level in ENTRY_EDUCATION else None


def credential_gap(credentials: Credentials, source: dict, target: dict, source_projection: dict | None,
                   target_projection: dict | None, target_education: list[dict], state_name: str | None,
                   citations: dict[str, str]) -> dict:
    """The first gap of a comparison, when there is one: the target's license, certification or a higher
    entry education than the current job's. ``source``/``target``: {"code", "title"}; ``target_education``:
    the comparison's required_education rows (O*NET, % of the target's workers)."""
    license = credentials.license(target["code"])
    certification = None if license else credentials.certification(target["code"])
    have, need = (source_projection or {}).get("entry_education"), (target_projection or {}).get("entry_education")
    higher = (education_rank(need) or 0) > (education_rank(have) or 0) if need and have else False
    # The first sentence says what it is (an SMS that keeps only first sentences still names it); the evidence,
    # the current job's schooling and where to check follow.
    title, sources, details = target["title"], [], []
    if license:
        verb = "needs" if license["strength"] == "required" else "often needs"
        what = f"the job {verb} {license['credential']}" + (f" {license['who']}" if license.get("who") else "")
        if license.get("evidence"):
            details.append(license["evidence"])
        sources.append(license.get("source") or citations.get("title:alternate" if license["basis"] == "onet_title" else "task"))
    elif certification:
        what = f"some employers ask for {certification['credential']}"
        details.append(certification["evidence"])
        sources.append(citations.get("title:alternate"))
    education = None
    if higher:
        rows = [r for r in target_education if r.get("to_pct")]
        top = max(rows, key=lambda r: r["to_pct"]) if rows else None
        education = {"from": have, "to": need, "higher": True,
                     "onet_most_said": {"label": top["label"].split(" - ")[0].strip(), "pct": top["to_pct"]} if top else None}
        if license or certification:  # the schooling second, so the first sentence stays short (an SMS keeps it)
            detail = f"{title} usually start with {EDUCATION_WORDS[need]}, {source['title']} with {EDUCATION_WORDS[have]} (BLS)"
        else:
            what = f"{title} usually start with {EDUCATION_WORDS[need]} (BLS)"
            detail = f"{source['title']} usually start with {EDUCATION_WORDS[have]} (BLS)"
        if top:
            detail += (f"; {top['to_pct']:.0f}% of workers in the job told O*NET it needs "
                       f"{_article(education['onet_most_said']['label'].lower())}")
        details.append(detail)
        sources += [citations.get("projection"), citations.get("education_experience") if top else None]
    if not (license or certification or education):
        return {"needed": False, "license": None, "certification": None, "education": None, "text": None,
                "where_to_check": LICENSE_FINDER, "sources": []}
    heading = ("A license" if license else "A certification" if certification else "Schooling") + (
        " and schooling" if (license or certification) and education else "")
    details.append(f"What {state_name or 'your state'} requires: CareerOneStop's License Finder, {LICENSE_FINDER}" if license
                   else f"Licenses differ by state: CareerOneStop's License Finder, {LICENSE_FINDER}")
    text = " ".join([f"{heading} first: {what}.", *(d[:1].upper() + d[1:].rstrip(".") + "." for d in details[:-1]), details[-1]])
    return {"needed": True, "license": license, "certification": certification, "education": education,
            "heading": heading, "text": text, "where_to_check": LICENSE_FINDER,
            "sources": [s for s in dict.fromkeys(sources) if s]}


def _article(phrase: str) -> str:
    """'bachelor's degree' -> "a bachelor's degree"; 'associate's degree' -> "an associate's degree"."""
    if phrase.startswith(("no ", "some ")):
        return phrase
    return ("an " if phrase[:1] in "aeiou" else "a ") + phrase
