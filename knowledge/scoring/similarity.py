"""How alike two occupations' profiles are (symmetric, -1..1): the 'alike' half of destination ranking.

Baseline: mean over the rated domains of the Pearson correlation of importance x level vectors.
"""
from __future__ import annotations

import numpy as np
from sqlalchemy.engine import Connection

from knowledge.scoring.profiles import Profiles


def _row_correlation(x: np.ndarray) -> np.ndarray:
    centred = x - x.mean(axis=1, keepdims=True)
    norm = np.linalg.norm(centred, axis=1, keepdims=True)
    unit = np.divide(centred, norm, out=np.zeros_like(centred), where=norm > 0)
    return unit @ unit.T


def similarity_matrix(conn: Connection, profiles: Profiles) -> np.ndarray:
    n = len(profiles.codes)
    total, count = np.zeros((n, n)), np.zeros((n, n))
    for ratings in profiles.domains.values():
        rated = ratings.rated()
        vector = np.nan_to_num(ratings.importance * ratings.level)
        corr = _row_correlation(vector)
        both = np.outer(rated, rated)
        total += np.where(both, corr, 0.0)
        count += both
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)
