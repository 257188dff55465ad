"""The transferability score: how much of a target occupation's required levels a source already meets.

Per domain (abilities, skills, knowledge) only the target's elements whose importance (0-100) is at
or above the domain's filter count. For each such element e, with target level t, source level s and
target importance i (all 0-100):

    coverage_e = min(s, t) / t          (1 when the source meets or exceeds the level)
    weight_e   = i * t                  (what matters most and asks most weighs most)
    domain     = 100 * sum(weight_e * coverage_e) / sum(weight_e)
               = 100 * sum(i * min(s, t)) / sum(i * t)

The grand score is the weighted mean of the domain scores (default weights 1/1/1) over the domains
that have one. A domain has no score (None, never zero) when either occupation is not rated in it,
or when none of the target's elements is important enough to pass the filter: "100" there would
claim a match that nothing was compared for.

O*NET flags some level estimates as unreliable (Recommend Suppress) or the element as not relevant;
this happens where the element hardly matters to that job. Such a level earns a source no credit
(it counts as 0: the job gives no reliable evidence of it), and such an element of a target is left
out (its requirement is unknown). The README has a worked example.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from knowledge.scoring.profiles import DOMAINS, DomainRatings, Profiles

DEFAULT_FILTERS = {"abilities": 50.0, "skills": 69.0, "knowledge": 69.0}
DEFAULT_WEIGHTS = {"abilities": 1.0, "skills": 1.0, "knowledge": 1.0}


def target_levels(ratings: DomainRatings) -> np.ndarray:
    """Levels as requirements: unreliable estimates are unknown (NaN)."""
    return np.where(ratings.suppressed, np.nan, ratings.level)


def source_levels(ratings: DomainRatings) -> np.ndarray:
    """Levels as evidence: a level O*NET marks not relevant earns no credit (0); one it recommends suppressing
    is unknown (NaN, like not rated): it costs no gap and the element is left out of that pair's score.

    Why not 0 for those too: Cashiers' Medicine and Dentistry is rated 0.81 but flagged unreliable; showing
    it as 0 and counting a gap says more than O*NET knows."""
    have = np.where(ratings.suppressed, 0.0, ratings.level)
    return have if ratings.unreliable is None else np.where(ratings.unreliable, np.nan, have)


@dataclass
class Gap:
    element_id: str
    element: str
    target_level: float
    source_level: float | None
    gap: float
    importance: float

    @property
    def priority(self) -> float:
        return self.importance * self.gap


@dataclass
class DomainResult:
    domain: str
    score: float | None
    filter: float
    elements: int  # how many target elements passed the filter
    compared: list[Gap] = field(default_factory=list)  # every filtered element, gap or not
    # important elements left out because O*NET recommends suppressing a level: (element, importance, whose level)
    not_reliably_rated: list[tuple[str, str, float, str]] = field(default_factory=list)

    @property
    def gaps(self) -> list[Gap]:
        """Elements where the source falls short, the most important shortfall first."""
        return sorted((g for g in self.compared if g.gap > 0), key=lambda g: (-g.priority, -g.importance, g.element))


def _target_weights(ratings: DomainRatings, filt: float):
    """Target levels, importance, which elements pass the filter, and their weights (importance x level)."""
    level = target_levels(ratings)
    importance = ratings.importance
    passes = (importance >= filt) & ~np.isnan(level) & ~np.isnan(importance) & (level > 0)
    weight = np.where(passes, importance * np.nan_to_num(level), 0.0)
    return level, importance, passes, weight


def domain_result(profiles: Profiles, domain: str, source: int, target: int, filt: float) -> DomainResult:
    """One pair, one domain, with every filtered element compared (the same formula as all_pairs)."""
    ratings = profiles.domains[domain]
    if not (ratings.rated()[source] and ratings.rated()[target]):
        return DomainResult(domain, None, filt, 0)
    required = target_levels(ratings)[target]
    importance = ratings.importance[target]
    have = source_levels(ratings)[source]
    passes = (importance >= filt) & (np.nan_to_num(required) > 0) & ~np.isnan(have)
    unreliable = _not_reliably_rated(ratings, source, target, importance >= filt, required)
    compared = []
    num = den = 0.0
    for j in np.flatnonzero(passes):
        t, s, i = float(required[j]), float(have[j]), float(importance[j])
        num += i * min(s, t)
        den += i * t
        compared.append(Gap(ratings.element_ids[j], ratings.element_names[j], t, s, max(0.0, t - s), i))
    score = None if den == 0 else 100.0 * num / den
    compared.sort(key=lambda g: (-g.importance, g.element))
    return DomainResult(domain, score, filt, len(compared), compared, unreliable)


def _not_reliably_rated(ratings: DomainRatings, source: int, target: int, important: np.ndarray,
                        required: np.ndarray) -> list[tuple[str, str, float, str]]:
    """Elements important to the target whose level O*NET recommends suppressing, for the source ('from'),
    the target ('to') or both; a target level that is reliably 0 asks for nothing and is not listed."""
    if ratings.unreliable is None:
        return []
    src, dst = ratings.unreliable[source], ratings.unreliable[target]
    out = []
    for j in np.flatnonzero(important & (src | dst) & ~np.isnan(ratings.level[source])):
        if not dst[j] and not np.nan_to_num(required[j]) > 0:
            continue
        whose = "both" if src[j] and dst[j] else "from" if src[j] else "to"
        out.append((ratings.element_ids[j], ratings.element_names[j], float(ratings.importance[target, j]), whose))
    return sorted(out, key=lambda x: (-x[2], x[1]))


def grand_score(domain_scores: dict[str, float | None], weights: dict[str, float]) -> float | None:
    scored = [(weights[d], s) for d, s in domain_scores.items() if s is not None and weights.get(d, 0) > 0]
    total = sum(w for w, _ in scored)
    return None if total == 0 else sum(w * s for w, s in scored) / total


def all_pairs(profiles: Profiles, filters: dict[str, float] = DEFAULT_FILTERS,
              weights: dict[str, float] = DEFAULT_WEIGHTS) -> dict[str, np.ndarray]:
    """Scores for every (source, target) pair at once: {domain: n x n, 'grand': n x n}; NaN = not scorable.

    Rows are sources, columns targets; no Python loop over pairs or elements. The formula is
    rewritten so most of the work is one matrix product: since min(s, t) = t - max(t - s, 0),

        sum(i * min(s, t)) = sum(w) - sum((w / t) * max(t - s, 0))      (w = i * t)

    The first sum over the elements the source is rated in is a product of (rated) x (weights);
    the shortfall term is only needed for the (target, element) pairs that pass the filter (about a
    fifth of them): their shortfalls against every source are laid out as rows of one array, and a
    sparse matrix of importances sums them per target.
    """
    n = len(profiles.codes)
    out = {}
    for domain in DOMAINS:
        ratings = profiles.domains[domain]
        required, importance, _passes, weight = _target_weights(ratings, filters[domain])
        have = source_levels(ratings)
        rated = ~np.isnan(have)
        weight = weight.astype(np.float32)
        demanded = rated.astype(np.float32) @ weight.T  # sum of weights of the elements both can be compared on
        targets, elements = np.nonzero(weight)
        if targets.size == 0:
            shortfall = np.zeros((n, n), dtype=np.float32)
        else:
            have_by_element = np.ascontiguousarray(np.nan_to_num(have).T, dtype=np.float32)
            short = np.take(have_by_element, elements, axis=0)  # (target, element) rows x sources
            np.subtract(required[targets, elements].astype(np.float32)[:, None], short, out=short)
            np.maximum(short, 0.0, out=short)
            if not rated.all():
                short *= rated.T[elements]
            per_target = sparse.csr_matrix((importance[targets, elements].astype(np.float32), (targets, np.arange(targets.size))),
                                           shape=(n, targets.size))
            shortfall = np.asarray(per_target @ short).T  # sources x targets
        asked = demanded > 0
        score = np.full((n, n), np.nan, dtype=np.float32)  # nothing passes the filter: no score
        score[asked] = 100.0 * (1.0 - shortfall[asked] / demanded[asked])
        has_domain = ratings.rated()
        score[~has_domain, :] = np.nan
        score[:, ~has_domain] = np.nan
        out[domain] = score
    stacked = np.stack([out[d] for d in DOMAINS])
    w = np.array([weights[d] for d in DOMAINS], dtype=np.float32)[:, None, None] * ~np.isnan(stacked)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["grand"] = (np.nansum(stacked * w, axis=0) / w.sum(axis=0)).astype(np.float32)
    return out
