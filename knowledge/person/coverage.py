"""How much of a target job all of a person's jobs together cover, and which job covers each requirement.

The rule and why are in knowledge/person/__init__.py. The elements, filters, weights and O*NET's reliability
flags are the job-to-job scorer's (knowledge/scoring/transfer.py); with one job at full credit every figure
here equals that scorer's.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from knowledge.scoring.profiles import DOMAINS, DomainRatings, Profiles
from knowledge.scoring.transfer import (
    DEFAULT_FILTERS,
    DEFAULT_WEIGHTS,
    _target_weights,
    source_levels,
)


@dataclass(frozen=True)
class Source:
    """One of the person's jobs as the scorer sees it: its row in Profiles and its credit (0-1)."""

    index: int
    credit: float = 1.0


@dataclass
class DomainCoverage:
    """One domain against the target rows asked for (all arrays targets x elements unless said)."""

    passes: np.ndarray  # the element counts for the target (importance filter, known level > 0)
    weight: np.ndarray  # importance x target level
    required: np.ndarray  # target level, 0-100
    levels: np.ndarray  # jobs x elements: each job's credited level (NaN: not rated, or not reliably)
    own: np.ndarray  # jobs x targets: each job's coverage alone, 0-1 (NaN: no reliable level to go on)
    covers: np.ndarray  # jobs x targets x elements: each job's coverage of each element, 0-1 (NaN: no evidence)

    @property
    def best(self) -> np.ndarray:
        """The person's coverage of each element: the best of their jobs (NaN where none gives any)."""
        return _best(self.covers, self.passes.shape)

    def score(self, covers: np.ndarray | None = None) -> np.ndarray:
        """Per target, 0-100; NaN where nothing can be compared."""
        best = self.best if covers is None else _best(covers, self.passes.shape)
        counted = self.passes & ~np.isnan(best)
        den = np.where(counted, self.weight, 0.0).sum(axis=1)
        num = np.where(counted, self.weight * np.nan_to_num(best), 0.0).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(den > 0, 100.0 * num / den, np.nan)


def _best(covers: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    if not len(covers):
        return np.full(shape, np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an element no job gives evidence for: NaN, left out
        return np.nanmax(covers, axis=0)


def domain_coverage(ratings: DomainRatings, sources: list[Source], filt: float,
                    targets: np.ndarray | slice = slice(None)) -> DomainCoverage:
    """Each job's coverage of the domain's elements, as the job-to-job scorer would count it alone."""
    required, _importance, passes, weight = _target_weights(ratings, filt)
    required, passes, weight = required[targets], passes[targets], weight[targets]
    if required.ndim == 1:
        required, passes, weight = required[None], passes[None], weight[None]
    have = source_levels(ratings)
    rated = ratings.rated()
    shape = required.shape
    levels, own, covers = [], [], []
    for s in sources:
        if not rated[s.index]:  # O*NET has not rated this job in the domain: no level of its own
            levels.append(np.full(shape[1], np.nan))
            own.append(np.full(shape[0], np.nan))
            covers.append(np.full(shape, np.nan))
            continue
        level = have[s.index] * s.credit
        known = passes & ~np.isnan(level)[None, :]
        with np.errstate(invalid="ignore", divide="ignore"):
            fraction = np.where(known, np.minimum(level[None, :], required) / required, np.nan)
            den = np.where(known, weight, 0.0).sum(axis=1)
            alone = np.where(den > 0, np.where(known, weight * np.nan_to_num(fraction), 0.0).sum(axis=1) / den, np.nan)
        # an unreliable level is no evidence either way: the job covers it as well as it covers the rest
        covers.append(np.where(passes, np.where(known, fraction, alone[:, None]), np.nan))
        levels.append(level)
        own.append(alone)
    k = len(sources)
    return DomainCoverage(passes, weight, required, np.stack(levels) if k else np.empty((0, shape[1])),
                          np.stack(own) if k else np.empty((0, shape[0])),
                          np.stack(covers) if k else np.empty((0, *shape)))


def filled(domains: dict[str, DomainCoverage], weights: dict, jobs: np.ndarray | None = None,
           among: tuple[str, ...] | None = None) -> dict[str, np.ndarray]:
    """Each domain's per-job coverage with the gaps in evidence filled, so that adding a job never lowers the grand.

    A job with nothing to go on in a domain for a target (O*NET has not rated it there: 15 occupations have
    abilities only; or every level that counts is unreliable) is taken to cover that domain as well as the jobs
    in the same position cover the target's other domains together (this same rule, on those jobs and the other
    domains), just as an unreliable level is covered as well as the rest. When no job has anything to go on, the
    domain has no score, as for one job. Without this, adding a job that brings a domain none of the others could
    be measured in would score that domain on its own and could pull the grand down (bench/profile_coverage.py).

    Why it never lowers the grand, by induction on the number of domains: a fill is the grand of the jobs with
    nothing in the domain, over fewer domains, which only rises as jobs are added; and a domain that gets its first
    evidence starts from exactly the grand the others had.

    ``jobs`` (jobs x targets, bool): the jobs that count (all); ``among``: the domains that count (all).
    """
    among = tuple(domains) if among is None else among
    first = domains[among[0]]
    jobs = np.ones(first.own.shape, dtype=bool) if jobs is None else jobs
    out = {}
    for d in among:
        cov = domains[d]
        covers = np.where(jobs[:, :, None], cov.covers, np.nan)
        nothing = np.isnan(cov.own) & jobs
        mixed = nothing.any(axis=0) & (~np.isnan(cov.own) & jobs).any(axis=0)
        if len(among) > 1 and mixed.any():
            rest = tuple(e for e in among if e != d)
            fill = grand_of(domains, weights, nothing, rest) / 100.0  # per target
            use = (nothing & mixed[None, :])[:, :, None] & cov.passes[None]
            covers = np.where(use, fill[None, :, None], covers)
        out[d] = covers
    return out


def grand_of(domains: dict[str, DomainCoverage], weights: dict, jobs: np.ndarray, among: tuple[str, ...]) -> np.ndarray:
    """The grand score (0-100 per target) of the jobs marked in ``jobs``, over the domains ``among``, filled."""
    covers = filled(domains, weights, jobs, among)
    scores = {d: domains[d].score(covers[d]) if d in among else np.full(jobs.shape[1], np.nan) for d in DOMAINS}
    return grand(scores, weights)


def grand(domain_scores: dict[str, np.ndarray], weights: dict[str, float]) -> np.ndarray:
    """The weighted mean of the domain scores each target has (NaN where none), as scoring/transfer.grand_score."""
    stacked = np.stack([domain_scores[d] for d in DOMAINS])
    w = np.array([weights[d] for d in DOMAINS])[:, None] * ~np.isnan(stacked)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.nansum(stacked * w, axis=0) / w.sum(axis=0)


def all_targets(profiles: Profiles, sources: list[Source], filters: dict = DEFAULT_FILTERS,
                weights: dict = DEFAULT_WEIGHTS, fill: bool = True) -> dict[str, np.ndarray]:
    """The person's coverage of every occupation at once: {domain: (n,), 'grand': (n,)}, 0-100, NaN = no score.
    ``fill=False`` leaves out the domain fill (``filled``), for bench/profile_coverage.py's comparison only."""
    domains = {d: domain_coverage(profiles.domains[d], sources, filters[d]) for d in DOMAINS}
    covers = filled(domains, weights) if fill else {d: cov.covers for d, cov in domains.items()}
    out = {d: domains[d].score(covers[d]) for d in DOMAINS}
    out["grand"] = grand(out, weights)
    return out


def one_target(profiles: Profiles, sources: list[Source], target: int, filters: dict = DEFAULT_FILTERS,
               weights: dict = DEFAULT_WEIGHTS) -> dict:
    """One target in full: the scores, each job's score alone, and every counted element with the job that
    covers it best ('covered_by': a position in ``sources``; None when no job gives a reliable level)."""
    domains, alone, elements = {}, {}, []
    coverage = {d: domain_coverage(profiles.domains[d], sources, filters[d], np.array([target])) for d in DOMAINS}
    covers = filled(coverage, weights)
    for d in DOMAINS:
        ratings, cov = profiles.domains[d], coverage[d]
        domains[d] = float(cov.score(covers[d])[0])
        alone[d] = [float(x) for x in cov.own[:, 0]]
        for j in np.flatnonzero(cov.passes[0]):
            levels = cov.levels[:, j]
            known = ~np.isnan(levels)
            by = int(np.argmax(np.where(known, levels, -1.0))) if known.any() else None
            t = float(cov.required[0, j])
            best = _best(covers[d], cov.passes.shape)[0, j]
            elements.append({
                "domain": d, "element_id": ratings.element_ids[j], "element": ratings.element_names[j],
                "importance": float(ratings.importance[target, j]), "target_level": t,
                "levels": [None if np.isnan(x) else float(x) for x in levels],
                "covered_by": by, "best_level": None if by is None else float(levels[by]),
                "coverage": None if np.isnan(best) else float(best),
                "gap": None if by is None else max(0.0, t - float(levels[by])),
            })
    nan_to_none = {d: (None if np.isnan(v) else v) for d, v in domains.items()}
    scored = {d: np.array([v]) for d, v in domains.items()}
    total = float(grand(scored, weights)[0])
    by_job = []
    for k in range(len(sources)):
        own = {d: np.array([np.nan if np.isnan(alone[d][k]) else 100 * alone[d][k]]) for d in DOMAINS}
        g = float(grand(own, weights)[0])
        by_job.append({"domains": {d: (None if np.isnan(v[0]) else float(v[0])) for d, v in own.items()},
                       "grand": None if np.isnan(g) else g})
    return {"grand": None if np.isnan(total) else total, "domains": nan_to_none, "by_job": by_job, "elements": elements}
