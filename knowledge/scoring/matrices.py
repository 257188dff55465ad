"""All-pairs arrays computed once at build time and stored in the ``matrix`` table; queries read them."""
from __future__ import annotations

import io
import json
from functools import lru_cache

import numpy as np
from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from knowledge import models as m
from knowledge.loaders import Loaded
from knowledge.scoring.profiles import DOMAINS, DomainRatings, Profiles, load_profiles
from knowledge.scoring.similarity import COMPONENT_WEIGHTS, SIMILARITY_METHOD, similarity_arrays
from knowledge.scoring.transfer import DEFAULT_FILTERS, DEFAULT_WEIGHTS, all_pairs

CITATION = "Computed by careerbot from the O*NET ratings in this store"


def _to_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def store_matrices(conn: Connection) -> list[Loaded]:
    profiles = load_profiles(conn)
    scores = all_pairs(profiles, DEFAULT_FILTERS, DEFAULT_WEIGHTS)
    scores.update(similarity_arrays(conn, profiles))  # 'similarity' (percentile 0-100) and 'similarity_z'
    for domain, ratings in profiles.domains.items():  # the profiles too, so a query process loads them in ms
        scores[f"importance:{domain}"] = ratings.importance
        scores[f"level:{domain}"] = ratings.level
        scores[f"suppressed:{domain}"] = ratings.suppressed
        scores[f"unreliable:{domain}"] = ratings.unreliable
    rows = [{"name": name, "data": _to_bytes(array)} for name, array in scores.items()]
    meta = {"codes": profiles.codes, "titles": profiles.titles, "filters": DEFAULT_FILTERS, "weights": DEFAULT_WEIGHTS,
            "elements": {d: {"ids": r.element_ids, "names": r.element_names} for d, r in profiles.domains.items()},
            "similarity_method": SIMILARITY_METHOD, "similarity_weights": COMPONENT_WEIGHTS}
    rows.append({"name": "meta", "data": json.dumps(meta).encode()})
    conn.execute(m.Matrix.__table__.insert(), rows)
    scored = int(np.sum(~np.isnan(scores["grand"])))
    return [Loaded("matrix", "careerbot all-pairs scores", "this build", ["rating"], len(rows), CITATION,
                   f"{len(profiles.codes)} occupations, {scored:,} scorable pairs; domains {', '.join(DOMAINS)} and similarity")]


class Matrices:
    """The stored arrays, read once per process."""

    def __init__(self, engine: Engine):
        with engine.connect() as conn:
            stored = dict(conn.execute(select(m.Matrix.name, m.Matrix.data)).all())
        meta = json.loads(stored.pop("meta"))
        self.meta = meta
        self.codes: list[str] = meta["codes"]
        self.filters: dict = meta["filters"]
        self.weights: dict = meta["weights"]
        self.position = {c: i for i, c in enumerate(self.codes)}
        self.arrays = {name: np.load(io.BytesIO(data), allow_pickle=False) for name, data in stored.items()}

    def __getitem__(self, name: str) -> np.ndarray:
        return self.arrays[name]

    def profiles(self) -> Profiles:
        """The occupations' ratings as stored at build time (same arrays load_profiles gives)."""
        domains = {d: DomainRatings(e["ids"], e["names"], self[f"importance:{d}"], self[f"level:{d}"], self[f"suppressed:{d}"],
                                    self.arrays.get(f"unreliable:{d}"))  # absent in a store built before it was kept
                   for d, e in self.meta["elements"].items()}
        return Profiles(self.codes, self.meta["titles"], domains)


@lru_cache(maxsize=4)
def matrices_for(engine: Engine) -> Matrices:
    return Matrices(engine)
