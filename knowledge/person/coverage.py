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
    own: np.ndarray  # jobs x targets: each job's coverage alone, 0-1 (NaN: no score)
    best: np.ndarray  # targets x elements: the person's coverage, 0-1 (NaN: left out)

    def score(self) -> np.ndarray:
        """Per target, 0-100; NaN where nothing can be compared."""
        counted = self.passes & ~np.isnan(self.best)
        den = np.where(counted, self.weight, 0.0).sum(axis=1)
        num = np.where(counted, self.weight * np.nan_to_num(self.best), 0.0).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(den > 0, 100.0 * num / den, np.nan)


def domain_coverage(ratings: DomainRatings, sources: list[Source], filt: float,
                    targets: np.ndarray | slice = slice(None)) -> DomainCoverage:
    required, _importance, passes, weight = _target_weights(ratings, filt)
    required, passes, weight = required[targets], passes[targets], weight[targets]
    if required.ndim == 1:
        required, passes, weight = required[None], passes[None], weight[None]
    have = source_levels(ratings)
    rated = ratings.rated()
    shape = required.shape
    levels, own, covers = [], [], []
    for s in sources:
        if not rated[s.index]:  # O*NET has not rated this job in the domain: no evidence at all
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
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an element no job gives evidence for: NaN, left out
        best = np.nanmax(np.stack(covers), axis=0) if covers else np.full(shape, np.nan)
    return DomainCoverage(passes, weight, required, np.stack(levels) if levels else np.empty((0, shape[1])),
                          np.stack(own) if own else np.empty((0, shape[0])), best)


def grand(domain_scores: dict[str, np.ndarray], weights: dict[str, float]) -> np.ndarray:
    """The weighted mean of the domain scores each target has (NaN where none), as scoring/transfer.grand_score."""
    stacked = np.stack([domain_scores[d] for d in DOMAINS])
    w = np.array([weights[d] for d in DOMAINS])[:, None] * ~np.isnan(stacked)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.nansum(stacked * w, axis=0) / w.sum(axis=0)


def all_targets(profiles: Profiles, sources: list[Source], filters: dict = DEFAULT_FILTERS,
                weights: dict = DEFAULT_WEIGHTS) -> dict[str, np.ndarray]:
    """The person's coverage of every occupation at once: {domain: (n,), 'grand': (n,)}, 0-100, NaN = no score."""
    out = {d: domain_coverage(profiles.domains[d], sources, filters[d]).score() for d in DOMAINS}
    out["grand"] = grand(out, weights)
    return out


def one_target(profiles: Profiles, sources: list[Source], target: int, filters: dict = DEFAULT_FILTERS,
               weights: dict = DEFAULT_WEIGHTS) -> dict:
    """One target in full: the scores, each job's score alone, and every counted element with the job that
    covers it best ('covered_by': a position in ``sources``; None when no job gives a reliable level)."""
    domains, alone, elements = {}, {}, []
    for d in DOMAINS:
        ratings = profiles.domains[d]
        cov = domain_coverage(ratings, sources, filters[d], np.array([target]))
        domains[d] = float(cov.score()[0])
        alone[d] = [float(x) for x in cov.own[:, 0]]
        for j in np.flatnonzero(cov.passes[0]):
            levels = cov.levels[:, j]
            known = ~np.isnan(levels)
            by = int(np.argmax(np.where(known, levels, -1.0))) if known.any() else None
            t = float(cov.required[0, j])
            best = cov.best[0, j]
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
