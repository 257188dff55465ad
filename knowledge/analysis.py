"""The full comparison of two occupations (``careerbot compare``), as the seed report 000 lays it out:
scores, the three gap lists with what each target level means, education and experience, job zones,
wages and projections, each figure with its source.

An ``Analyst`` holds what every question needs (profiles, stored matrices, level anchors) once per process.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from knowledge import lookup
from knowledge import models as m
from knowledge.scoring.matrices import matrices_for
from knowledge.scoring.profiles import DOMAINS, Profiles
from knowledge.scoring.transfer import DEFAULT_FILTERS, DEFAULT_WEIGHTS, Gap, domain_result, grand_score

GAP_LISTS = {"abilities": "gaps_to_narrow", "skills": "skills_to_upgrade", "knowledge": "knowledge_to_add"}
# each list's heading, the same in the chat, the report and the terminal
GAP_LIST_TITLES = {"gaps_to_narrow": "Abilities to strengthen", "skills_to_upgrade": "Skills to build",
                   "knowledge_to_add": "Knowledge to add"}


def gap_priority(gap: dict) -> tuple:
    """The order every list of gaps is shown in (chat, chart, report, CLI): importance x gap first, as
    scoring/transfer.py ranks them; ties: the more important, then by name."""
    return (-(gap["importance"] * gap["gap"]), -gap["importance"], gap["element"])


def ranked_gaps(comparison: dict) -> list[dict]:
    """All gaps of a comparison's three lists as one list, most important shortfall first, each with its
    ``domain`` (abilities, skills, knowledge)."""
    gaps = [dict(g, domain=domain) for domain, key in GAP_LISTS.items() for g in (comparison.get(key) or {}).get("gaps") or []]
    return sorted(gaps, key=gap_priority)


STARTER_MIN_OPENINGS = 20_000  # a starter job "hires often" with at least this many openings a year (U.S.)
EDUCATION_ELEMENTS = {"2.D.1": "required_education", "3.A.1": "related_work_experience", "3.A.2": "on_site_training",
                      "3.A.3": "on_the_job_training"}
SCORE_MEANING = (
    "The score is the share of the target job's important ability, skill and knowledge levels that the "
    "current job already reaches, weighted by how important each is (100 = meets or exceeds every one). "
    "It compares job profiles from O*NET, not you personally, and does not predict hiring."
)


class AmbiguousJob(LookupError):
    """Free text that fits several occupations about equally: the caller should offer the candidates."""

    def __init__(self, text: str, candidates: list[dict]):
        self.text, self.candidates = text, candidates
        names = "; ".join(f"{c['title']} ({c['code']})" for c in candidates)
        super().__init__(f"{text.strip()[:60]!r} could be several jobs: {names}. Use a code or a more specific title.")


class UnknownJob(LookupError):
    """Free text the resolver cannot place at all."""


@dataclass
class Occ:
    code: str
    soc: str
    title: str
    job_zone: int | None

    def as_dict(self) -> dict:
        return {"code": self.code, "soc": self.soc, "title": self.title, "job_zone": self.job_zone}


class Analyst:
    """Answers comparison questions from one store; build once per process with ``analyst_for(engine)``."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.matrices = matrices_for(engine)
        self.profiles: Profiles = self.matrices.profiles()
        with Session(engine) as conn:
            self.occupations = {r.code: Occ(r.code, r.soc, r.title, r.job_zone) for r in conn.execute(select(m.Occupation)).scalars()}
            self.anchors: dict[str, list[tuple[float, str]]] = {}
            for a in conn.execute(select(m.LevelAnchor).where(m.LevelAnchor.scale_id == "LV").order_by(m.LevelAnchor.value)).scalars():
                self.anchors.setdefault(a.element_id, []).append((a.value, a.description))
            self.zones = {z.zone: {"zone": z.zone, "name": z.name, "education": z.education, "experience": z.experience,
                                   "training": z.training} for z in conn.execute(select(m.JobZoneReference)).scalars()}
            self.citations = dict(conn.execute(select(m.Source.table_name, m.Source.citation)).all())
            self.projections = lookup.all_projections(conn)
            self.education = self._load_education(conn)
            self.aliases = lookup.aliases(conn)
            self.states = {a.state: (a.code, a.name) for a in conn.execute(select(m.Area).where(m.Area.kind == "S")).scalars()}
        self._wages: dict[str, dict[str, dict]] = {}
        self._examples = self._credentials = None
        self._lock = threading.Lock()

    def wages(self, area_code: str = lookup.NATIONAL) -> dict[str, dict]:
        """Cross-industry wages of every occupation in an area, read once per area per process."""
        if area_code not in self._wages:
            with self._lock, Session(self.engine) as conn:
                self._wages[area_code] = lookup.wages_in_area(conn, area_code)
        return self._wages[area_code]

    def area(self, state: str | None) -> tuple[str, str, str | None]:
        """(area code, name, postal code) for a state, or the nation; raises UnknownCode for an unknown state."""
        if not state:
            return lookup.NATIONAL, "National", None
        key = state.strip().upper()
        if key in self.states:
            return (*self.states[key], key)
        by_name = {name.upper(): (code, name, postal) for postal, (code, name) in self.states.items()}
        if key in by_name:
            code, name, postal = by_name[key]
            return code, name, postal
        raise lookup.UnknownCode(f"no state or territory {state!r} in the OEWS data (use a postal code like ME)")

    # -- codes -----------------------------------------------------------------------------------
    def occupation(self, code_text: str) -> Occ:
        """The occupation a code names (any taxonomy the store knows); raises UnknownCode."""
        return self.occupations[lookup.resolve_code_in(self.aliases, code_text)]

    def find(self, text: str) -> Occ:
        """A code or a job title in free text to one occupation; raises AmbiguousJob or UnknownJob."""
        if lookup.normalise_code(text):
            return self.occupation(text)
        from knowledge.resolver import get_resolver, is_confident

        matches = get_resolver(self.engine).resolve(text, top=5)
        if not matches:
            raise UnknownJob(f"no job matches {text.strip()[:60]!r}; try the job title as people say it, or an O*NET code")
        if not is_confident(matches):
            raise AmbiguousJob(text, [x.as_dict() for x in matches])
        return self.occupations[matches[0].code]

    def starter_jobs(self, state: str | None = None, top: int = 5) -> dict:
        """Jobs to start from with no work history: O*NET job zone 1 or 2 (little or some preparation), the
        most openings a year first (BLS projections 2024-34, national), with their median pay in the state
        (OEWS) where it is published, else U.S.-wide. "All Other" catch-alls are left out: no one applies
        for them."""
        area_code, area_name, postal = self.area(state)
        local, national = (self.wages(area_code) if postal else {}), self.wages()
        jobs, seen = [], set()
        for occ in sorted(self.occupations.values(), key=lambda o: o.code):
            if occ.job_zone not in (1, 2) or occ.soc in seen or "All Other" in occ.title:
                continue
            projection = self.projections.get(occ.soc)  # the detailed occupation only: a group's figure is shared
            if not projection or projection.get("reported_as") or not projection.get("annual_openings"):
                continue
            seen.add(occ.soc)
            pay = (local.get(occ.soc) or {}).get("annual_median")
            jobs.append({"code": occ.code, "title": occ.title, "job_zone": occ.job_zone,
                         "annual_openings": projection["annual_openings"],
                         "median_wage": pay if pay is not None else (national.get(occ.soc) or {}).get("annual_median"),
                         "wage_area": area_name if pay is not None else "U.S."})
        # most of them hire the most and pay the least: the list mixes the biggest hirers with the best paid
        # of those that still hire often, so a starter job is not only the lowest paid
        hiring = sorted(jobs, key=lambda j: -j["annual_openings"])[: top - top // 2]
        paid = sorted((j for j in jobs if j not in hiring and j["annual_openings"] >= STARTER_MIN_OPENINGS
                       and j["median_wage"] is not None), key=lambda j: -j["median_wage"])[: top // 2]
        for j in hiring:
            j["why"] = "most openings"
        for j in paid:
            j["why"] = "best paid"
        return {"state": postal, "area": area_name if postal else "U.S.", "jobs": hiring + paid,
                "sources": {"zones": self.cite("job_zone_reference"), "projections": self.cite("projection"),
                            "wages": self.cite("wage")}}

    def cite(self, table: str) -> str:
        return self.citations.get(table, "not loaded in this store")

    # -- what a level means ------------------------------------------------------------------------
    def anchor(self, element_id: str, level_0_100: float) -> dict | None:
        """The O*NET level anchors around a level: what someone at that level can do."""
        anchors = self.anchors.get(element_id)
        if not anchors:
            return None
        raw = level_0_100 / 100 * 7
        below = [a for a in anchors if a[0] <= raw + 1e-9]
        above = [a for a in anchors if a[0] > raw + 1e-9]
        nearest = min(anchors, key=lambda a: abs(a[0] - raw))
        return {"level_raw": round(raw, 2), "nearest": nearest[1],
                "at_or_below": below[-1][1] if below else None, "above": above[0][1] if above else None}

    # -- scores ------------------------------------------------------------------------------------
    def scores(self, source: str, target: str, filters=DEFAULT_FILTERS, weights=DEFAULT_WEIGHTS) -> dict:
        i, j = self.profiles.index(source), self.profiles.index(target)
        results = {d: domain_result(self.profiles, d, i, j, filters[d]) for d in DOMAINS}
        grand = grand_score({d: r.score for d, r in results.items()}, weights)
        return {"grand": grand, "domains": results}

    def compare(self, from_text: str, to_text: str, state: str | None = None,
                filters: dict | None = None, weights: dict | None = None, top_gaps: int = 10) -> dict:
        filters = {**DEFAULT_FILTERS, **(filters or {})}
        weights = {**DEFAULT_WEIGHTS, **(weights or {})}
        source, target = self.find(from_text), self.find(to_text)
        result = self.scores(source.code, target.code, filters, weights)
        domains = result["domains"]
        rating_source = "; ".join(sorted({self.cite(f"rating:{d}") for d in DOMAINS}))
        out = {
            "from": source.as_dict(),
            "to": target.as_dict(),
            "score": {
                "grand": _round(result["grand"]),
                "domains": {d: {"score": _round(r.score), "filter": filters[d], "weight": weights[d], "elements_compared": r.elements,
                                "rated": bool(self.profiles.domains[d].rated()[self.profiles.index(source.code)]
                                              and self.profiles.domains[d].rated()[self.profiles.index(target.code)]),
                                "why_no_score": _why_no_score(r, self.profiles, d, source.code, target.code)}
                            for d, r in domains.items()},
                "meaning": SCORE_MEANING,
                "basis": score_basis(domains, self.profiles, source, target, result["grand"]),
                "scale": "0-100; importance rescaled (IM-1)/4*100, level LV/7*100, as O*NET does",
                "source": rating_source,
            },
        }
        for domain, list_name in GAP_LISTS.items():
            r = domains[domain]
            out[list_name] = {
                "domain": domain,
                "rated": out["score"]["domains"][domain]["rated"],
                "why_no_score": out["score"]["domains"][domain]["why_no_score"],
                "gaps": [self._gap(g) for g in r.gaps[:top_gaps]],
                "gap_count": len(r.gaps),
                "comparison": [self._gap(g, anchors=False) for g in r.compared],
                # left out of the score and the gaps: O*NET recommends suppressing the level of one job or both
                "not_reliably_rated": [{"element_id": e, "element": name, "importance": round(importance),
                                        "level_of": {"from": [source.title], "to": [target.title],
                                                     "both": [source.title, target.title]}[whose]}
                                       for e, name, importance, whose in r.not_reliably_rated],
                "source": self.cite(f"rating:{domain}"),
            }
        self._add_examples(target.code, out)
        out["education_experience"] = self._education_comparison(source.code, target.code)
        out["labor_market"] = self._labor_market(source, target, state)
        out["credential"] = self.credential(source, target, out["education_experience"], out["labor_market"]["area"])
        out["job_zones"] = {"from": self.zones.get(source.job_zone), "to": self.zones.get(target.job_zone),
                            "source": self.cite("job_zone_reference")}
        return out

    def _add_examples(self, target: str, out: dict) -> None:
        """Each shown gap's example from the target job's own work (knowledge/gap_examples.py), biggest gap
        first, so the biggest gaps get different tasks."""
        examples = self.examples()
        shown = [(g, domain) for domain, key in GAP_LISTS.items() for g in out[key]["gaps"]]
        used: set[int] = set()
        for g, domain in sorted(shown, key=lambda x: gap_priority(x[0])):
            means = g.get("target_level_means") or {}
            g["example"] = examples.example(target, g["element_id"], g["element"], domain,
                                            means.get("at_or_below") or means.get("nearest"), used)

    def credential(self, source: Occ, target: Occ, education: dict, area: dict) -> dict:
        """The license, certification or schooling the target asks for first (knowledge/credentials.py)."""
        from knowledge.credentials import Credentials, credential_gap

        with self._lock:
            if self._credentials is None:
                self._credentials = Credentials(self.engine, {c: o.title for c, o in self.occupations.items()})
        return credential_gap(self._credentials, source.as_dict(), target.as_dict(),
                              lookup.projection_for(self.projections, source.soc),
                              lookup.projection_for(self.projections, target.soc), education["required_education"],
                              area["name"] if area.get("state") else None, self.citations)

    def examples(self):
        from knowledge.gap_examples import GapExamples

        with self._lock:
            if self._examples is None:
                self._examples = GapExamples(self.engine)
        return self._examples

    def _gap(self, g: Gap, anchors: bool = True) -> dict:
        entry = {"element_id": g.element_id, "element": g.element, "target_level": round(g.target_level),
                 "source_level": None if g.source_level is None else round(g.source_level), "gap": round(g.gap),
                 "importance": round(g.importance)}
        if anchors:
            entry["target_level_means"] = self.anchor(g.element_id, g.target_level)
        return entry

    @staticmethod
    def _load_education(conn) -> dict[str, dict[str, list[tuple[int, str, float]]]]:
        rows = conn.execute(
            select(m.EducationExperience.occupation_code, m.EducationExperience.element_id, m.EducationExperience.category,
                   m.EducationExperience.percent, m.EducationCategory.description)
            .join(m.EducationCategory, (m.EducationCategory.element_id == m.EducationExperience.element_id)
                  & (m.EducationCategory.scale_id == m.EducationExperience.scale_id)
                  & (m.EducationCategory.category == m.EducationExperience.category))
            .where(m.EducationExperience.element_id.in_(list(EDUCATION_ELEMENTS)))
        ).all()
        out: dict[str, dict[str, list]] = {}
        for occ, eid, category, percent, label in rows:
            out.setdefault(occ, {}).setdefault(eid, []).append((category, label, percent))
        return out

    def _education_comparison(self, source: str, target: str) -> dict:
        out: dict = {"source": self.cite("education_experience"),
                     "rated": {"from": source in self.education, "to": target in self.education}}
        for element_id, key in EDUCATION_ELEMENTS.items():
            categories: dict[int, dict] = {}
            for side, occ in (("from_pct", source), ("to_pct", target)):
                for category, label, percent in self.education.get(occ, {}).get(element_id, []):
                    entry = categories.setdefault(category, {"category": category, "label": label, "from_pct": None, "to_pct": None})
                    entry[side] = round(percent, 1)
            out[key] = [categories[c] for c in sorted(categories, reverse=True)]
        return out

    def _labor_market(self, source: Occ, target: Occ, state: str | None) -> dict:
        area_code, area_name, postal = self.area(state)
        market = {"area": {"name": area_name, "state": postal}, "wages_source": self.cite("wage"),
                  "projections_source": self.cite("projection") + " (national)"}
        for side, occ in (("from", source), ("to", target)):
            market[side] = {"wages": self.wages(area_code).get(occ.soc),
                            "national_wages": self.wages().get(occ.soc) if postal else None,
                            "projections": lookup.projection_for(self.projections, occ.soc)}
        a, b = (market["from"]["wages"] or {}), (market["to"]["wages"] or {})
        market["difference"] = {k: (b[k] - a[k]) if a.get(k) is not None and b.get(k) is not None else None
                                for k in ("annual_median", "annual_mean", "annual_p10", "annual_p25", "annual_p75", "annual_p90")}
        return market


DOMAIN_PLURAL = {"abilities": "abilities", "skills": "skills", "knowledge": "knowledge areas"}


def and_list(words: list[str]) -> str:
    """['skills', 'knowledge'] -> 'skills and knowledge'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def score_basis(domains: dict, profiles: Profiles, source: Occ, target: Occ, grand: float | None) -> dict:
    """Which domains the score rests on, and a headline that says so: a score from abilities alone must not
    read as the whole job ("Abilities only: 93. O*NET has not rated the skills and knowledge of Software
    Developers yet."). The chat, the report and ``compare --json`` all show this headline."""
    covers = [d for d in DOMAINS if domains[d].score is not None]
    missing = [d for d in DOMAINS if domains[d].score is None]
    reasons: dict[str, list[str]] = {}
    for d in missing:
        rated = profiles.domains[d].rated()
        if not rated[profiles.index(target.code)]:
            reasons.setdefault(f"O*NET has not rated the {{}} of {target.title} yet", []).append(d)
        elif not rated[profiles.index(source.code)]:
            reasons.setdefault(f"O*NET has not rated the {{}} of {source.title} yet", []).append(d)
        else:
            reasons.setdefault("none of its {} is important enough to count", []).append(DOMAIN_PLURAL[d])
    # the domains left out for want of data last, where "so this is not the whole job" follows them
    why = sorted((text.format(and_list(words)) for text, words in reasons.items()), key=lambda w: w.startswith("O*NET"))
    label = and_list(covers).capitalize() if covers else None
    unrated = any(w.startswith("O*NET has not rated") for w in why)  # a domain left out for want of data
    if grand is None:
        headline = "No score: " + "; ".join(why) + "."
    elif not missing:
        headline = f"{label}: {round(grand)} out of 100."
    else:
        headline = (f"{label} only: {round(grand)} out of 100. " + ". ".join(w[:1].upper() + w[1:] for w in why)
                    + (", so this is not the whole job." if unrated else "."))
    return {"covers": covers, "not_covered": missing, "complete": not missing and bool(covers),
            "label": label + ("" if not missing else " only") if label else None, "why_not_covered": why,
            "unrated": unrated, "headline": headline}


def _why_no_score(result, profiles: Profiles, domain: str, source: str, target: str) -> str | None:
    if result.score is not None:
        return None
    rated = profiles.domains[domain].rated()
    for code, side in ((source, "current"), (target, "target")):
        if not rated[profiles.index(code)]:
            return f"O*NET has no {domain} ratings for the {side} job"
    if result.not_reliably_rated:  # every important element's level is one O*NET recommends suppressing
        return f"O*NET's {domain} levels that matter here are not reliable enough to compare (it recommends suppressing them)"
    return f"none of the target job's {domain} has an importance of {result.filter:g} or more"


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 1)


@lru_cache(maxsize=4)
def analyst_for(engine: Engine) -> Analyst:
    return Analyst(engine)
