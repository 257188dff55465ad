"""How alike two occupations are (symmetric, 0-100): the 'alike' half of destination ranking.

Built only from the occupations' own descriptors in the store, never from O*NET's Related
Occupations (that list is the yardstick the benchmark measures this against):

=================  ===========================================================================
component          pair similarity
=================  ===========================================================================
knowledge          Pearson correlation of the importance x level vectors (0-100 scales)
abilities          same, abilities
skills             same, skills
work_activities    same, generalized work activities
tasks              cosine of TF-IDF vectors of all the occupation's task statements
titles             cosine of TF-IDF vectors of its official, alternate and reported titles
job_zone           minus the distance in job zone (|zone_a - zone_b|)
education          Bhattacharyya affinity of the education / experience / training distributions
=================  ===========================================================================

Each component is standardised (z-score over all pairs of distinct occupations it can score), then

    combined = sum(w_c * z_c) / sum(w_c)     over the components both occupations have,

with the weights in ``COMPONENT_WEIGHTS``. A pair whose available components carry less than half
of the total weight is not scored (NaN). ``similarity_matrix`` reports the combined value as a
percentile over all scored pairs: 100 * (rank - 0.5) / pairs, so "alike 95" reads "more alike
than 95% of occupation pairs". The weights were tuned on half of the occupations against O*NET's
related-occupation lists and checked on the other half (bench/destinations_quality.py); a weight
of 0 keeps a component computed (for the benchmark and for explanations) but out of the score.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import rankdata
from sklearn.feature_extraction.text import TfidfVectorizer
from sqlalchemy import select
from sqlalchemy.engine import Connection

from knowledge import models as m
from knowledge.scoring.profiles import Profiles, importance_0_100, level_0_100

# Bump when the method or weights change: the store records it, and readers recompute when stale.
SIMILARITY_METHOD = "blend-v1"
RATING_COMPONENTS = ("knowledge", "abilities", "skills", "work_activities")
COMPONENT_WEIGHTS = {
    "knowledge": 4.0,
    "tasks": 3.0,
    "titles": 1.5,
    "abilities": 1.5,
    "skills": 0.5,
    "work_activities": 0.25,
    "job_zone": 0.5,
    "education": 0.0,
}
MIN_WEIGHT_SHARE = 0.5  # a pair needs components worth at least this share of the total weight
TFIDF = dict(sublinear_tf=True, stop_words="english", dtype=np.float32)


@dataclass
class Descriptors:
    """Everything the similarity reads, one row per occupation in ``codes`` order."""

    codes: list[str]
    ratings: dict[str, np.ndarray]  # domain -> importance x level (n x elements), NaN row = not rated
    tasks: list[str]  # all task statements joined; "" = none
    titles: list[str]  # official, alternate and reported titles joined
    job_zone: np.ndarray  # float, NaN = none
    education: np.ndarray  # sqrt of the category shares, per scale (n x categories); zero row = none


def _row_correlation(x: np.ndarray) -> np.ndarray:
    centred = x - x.mean(axis=1, keepdims=True)
    norm = np.linalg.norm(centred, axis=1, keepdims=True)
    unit = np.divide(centred, norm, out=np.zeros_like(centred), where=norm > 0)
    return unit @ unit.T


def _row_cosine(x: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(x, axis=1, keepdims=True)
    unit = np.divide(x, norm, out=np.zeros_like(x), where=norm > 0)
    return unit @ unit.T


def _mask(matrix: np.ndarray, present: np.ndarray) -> np.ndarray:
    out = matrix.astype(np.float32, copy=False)
    out[~present, :] = np.nan
    out[:, ~present] = np.nan
    return out


def _rating_vectors(conn: Connection, codes: list[str], domain: str, profiles: Profiles) -> np.ndarray:
    """Importance x level per element; taken from ``profiles`` when it holds the domain, else read."""
    if domain in profiles.domains:
        r = profiles.domains[domain]
        product = r.importance * r.level
        product[r.rated()] = np.nan_to_num(product[r.rated()])
        return product
    rows = conn.execute(
        select(m.Rating.occupation_code, m.Rating.element_id, m.Rating.scale_id, m.Rating.value)
        .where(m.Rating.domain == domain)
    ).all()
    position = {c: i for i, c in enumerate(codes)}
    elements = {e: j for j, e in enumerate(sorted({r[1] for r in rows}))}
    im = np.full((len(codes), len(elements)), np.nan)
    lv = np.full_like(im, np.nan)
    for code, eid, scale, value in rows:
        if code in position:
            (im if scale == "IM" else lv)[position[code], elements[eid]] = value
    product = importance_0_100(im) * level_0_100(lv)
    rated = ~np.all(np.isnan(product), axis=1)
    product[rated] = np.nan_to_num(product[rated])
    return product


def _joined(rows, codes: list[str]) -> list[str]:
    position = {c: i for i, c in enumerate(codes)}
    parts: list[list[str]] = [[] for _ in codes]
    for code, text in rows:
        if code in position:
            parts[position[code]].append(text)
    return [" \n".join(p) for p in parts]


def load_descriptors(conn: Connection, profiles: Profiles) -> Descriptors:
    codes = profiles.codes
    ratings = {d: _rating_vectors(conn, codes, d, profiles) for d in RATING_COMPONENTS}
    tasks = _joined(conn.execute(select(m.Task.occupation_code, m.Task.task)).all(), codes)
    titles = _joined(conn.execute(select(m.Title.occupation_code, m.Title.title)).all(), codes)
    zones = dict(conn.execute(select(m.Occupation.code, m.Occupation.job_zone)).all())
    job_zone = np.array([np.nan if zones.get(c) is None else float(zones[c]) for c in codes])

    rows = conn.execute(select(m.EducationExperience.occupation_code, m.EducationExperience.scale_id,
                               m.EducationExperience.category, m.EducationExperience.percent)).all()
    columns = {key: j for j, key in enumerate(sorted({(r[1], r[2]) for r in rows}))}
    position = {c: i for i, c in enumerate(codes)}
    shares = np.zeros((len(codes), len(columns)))
    for code, scale, category, percent in rows:
        if code in position:
            shares[position[code], columns[(scale, category)]] = max(percent, 0.0)
    for scale in {s for s, _ in columns}:  # each scale's shares sum to 1 (or stay 0: not surveyed)
        idx = [j for (s, _), j in columns.items() if s == scale]
        total = shares[:, idx].sum(axis=1, keepdims=True)
        shares[:, idx] = np.divide(shares[:, idx], total, out=np.zeros_like(shares[:, idx]), where=total > 0)
    return Descriptors(codes, ratings, tasks, titles, job_zone, np.sqrt(shares))


def _tfidf_cosine(documents: list[str]) -> np.ndarray:
    present = np.array([bool(d.strip()) for d in documents])
    if not present.any():  # a store without tasks or titles (e.g. a partial release): no such component
        return np.full((len(documents), len(documents)), np.nan, dtype=np.float32)
    vectors = TfidfVectorizer(**TFIDF).fit_transform(documents)
    return _mask((vectors @ vectors.T).toarray(), present)  # rows are L2-normalised: cosine


def component_similarities(d: Descriptors) -> dict[str, np.ndarray]:
    """Each component's raw pair similarity (n x n float32, NaN where either occupation lacks it)."""
    out = {}
    for domain, vectors in d.ratings.items():
        rated = ~np.all(np.isnan(vectors), axis=1)
        out[domain] = _mask(_row_correlation(np.nan_to_num(vectors)), rated)
    out["tasks"] = _tfidf_cosine(d.tasks)
    out["titles"] = _tfidf_cosine(d.titles)
    zone = d.job_zone.astype(np.float32)
    out["job_zone"] = -np.abs(zone[:, None] - zone[None, :])  # NaN propagates
    scales = max(1.0, float(np.round((d.education ** 2).sum(axis=1).max())))  # each surveyed scale sums to 1
    surveyed = (d.education ** 2).sum(axis=1) > 0.5 * scales
    out["education"] = _mask(d.education @ d.education.T / scales, surveyed)
    return out


def standardised(components: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Each component as z-scores over the pairs of distinct occupations it scores."""
    out = {}
    for name, raw in components.items():
        off_diagonal = raw.copy()
        np.fill_diagonal(off_diagonal, np.nan)
        mean, std = np.nanmean(off_diagonal), np.nanstd(off_diagonal)
        out[name] = ((raw - mean) / (std if std > 0 else 1.0)).astype(np.float32)
    return out


def combined(components: dict[str, np.ndarray], weights: dict[str, float] = COMPONENT_WEIGHTS) -> np.ndarray:
    """Weighted mean of the standardised components each pair has; NaN below MIN_WEIGHT_SHARE."""
    z = standardised({k: v for k, v in components.items() if weights.get(k, 0) > 0})
    first = next(iter(z.values()))
    total = np.zeros_like(first)
    weight = np.zeros_like(first)
    for name, values in z.items():
        present = ~np.isnan(values)
        total += np.where(present, weights[name] * values, 0.0)
        weight += weights[name] * present
    with np.errstate(invalid="ignore", divide="ignore"):
        score = total / weight
    score[weight < MIN_WEIGHT_SHARE * sum(weights[k] for k in z)] = np.nan
    return score


def as_percentile(score: np.ndarray) -> np.ndarray:
    """Symmetric scores as 0-100 percentiles over the scored pairs of distinct occupations."""
    n = score.shape[0]
    upper = np.triu_indices(n, k=1)
    values = score[upper]
    scored = ~np.isnan(values)
    pct = np.full(values.shape, np.nan, dtype=np.float32)
    pct[scored] = 100.0 * (rankdata(values[scored]) - 0.5) / scored.sum()
    out = np.full((n, n), np.nan, dtype=np.float32)
    out[upper] = pct
    out.T[upper] = pct
    rows_scored = ~np.all(np.isnan(out), axis=1)
    out[np.diag_indices(n)] = np.where(rows_scored, 100.0, np.nan)
    return out


def similarity_matrix(conn: Connection, profiles: Profiles,
                      weights: dict[str, float] = COMPONENT_WEIGHTS) -> np.ndarray:
    """All pairs, 0-100 (percentile of the combined similarity; 100 on the diagonal), NaN = not scored."""
    return as_percentile(combined(component_similarities(load_descriptors(conn, profiles)), weights))


def similarity_arrays(conn: Connection, profiles: Profiles | None = None) -> dict[str, np.ndarray]:
    """The similarity arrays store_matrices stores: 'similarity_z' (combined, SD units) and
    'similarity' (its percentile, 0-100). Computed from the store's descriptors."""
    if profiles is None:
        codes = list(conn.execute(select(m.Occupation.code).order_by(m.Occupation.code)).scalars())
        profiles = Profiles(codes, codes, {})  # ratings are then read by similarity's own loader
    z = combined(component_similarities(load_descriptors(conn, profiles)))
    return {"similarity_z": z.astype(np.float32), "similarity": as_percentile(z)}


def profile_correlation(profiles: Profiles, domains: tuple[str, ...] = ("abilities", "skills", "knowledge")) -> np.ndarray:
    """The earlier baseline, kept for the benchmark: mean per-domain Pearson of importance x level
    (-1..1) over the domains both occupations are rated in."""
    n = len(profiles.codes)
    total, count = np.zeros((n, n)), np.zeros((n, n))
    for domain in domains:
        ratings = profiles.domains[domain]
        rated = ratings.rated()
        corr = _row_correlation(np.nan_to_num(ratings.importance * ratings.level))
        both = np.outer(rated, rated)
        total += np.where(both, corr, 0.0)
        count += both
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)
