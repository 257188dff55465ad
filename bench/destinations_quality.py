"""How well "where else could I go?" finds O*NET's related occupations.

For every occupation rated in abilities, skills and knowledge that has O*NET related occupations:
the share of its related occupations (up to 20, those rated too) found among its top 20
destinations (itself excluded, candidates = the rated occupations). Mean over occupations.
O*NET's Related Occupations list is the yardstick only; nothing here feeds it to a score.

Printed in one run, all computed in-process from the store (no rebuild needed):
  * baselines: plain cosine of concatenated importance x level vectors, mean per-domain Pearson
    (the earlier similarity) and coverage only (the transferability grand score);
  * each similarity component alone; the combined similarity; the destination ranking
    (similarity + transferability, knowledge/scoring/destinations.py) at several transfer weights;
  * every figure on half A (used for tuning the weights), half B (held out) and all;
  * 'strict': the same with all of O*NET's related occupations in the denominator (unrated ones
    can never be found), and 'product': candidates are every occupation rank_destinations ranks.

    .venv/bin/python bench/destinations_quality.py            # the shipped weights
    .venv/bin/python bench/destinations_quality.py --tune     # re-tune the weights on half A
"""
from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from knowledge import models as m  # noqa: E402
from knowledge.db import the_store# noqa: E402
from knowledge.scoring import destinations as dest  # noqa: E402
from knowledge.scoring import similarity as sim  # noqa: E402
from knowledge.scoring.profiles import load_profiles  # noqa: E402
from knowledge.scoring.transfer import all_pairs  # noqa: E402

TOP = 20
SEED = 0
BASELINE_DOMAINS = ("abilities", "skills", "knowledge")


class Yardstick:
    """O*NET's related occupations as index lists, and the occupations the benchmark covers."""

    def __init__(self, codes: list[str], related_rows, universe: np.ndarray):
        position = {c: i for i, c in enumerate(codes)}
        related: dict[int, list[tuple[int, int]]] = {}
        for code, other, rank in related_rows:
            if code in position and other in position:
                related.setdefault(position[code], []).append((rank or 0, position[other]))
        self.related = {i: [j for _, j in sorted(v)[:TOP]] for i, v in related.items()}
        self.universe = universe
        self.sources = np.array(sorted(i for i in self.related if universe[i]))
        order = np.random.default_rng(SEED).permutation(self.sources)
        half = len(order) // 2
        self.halves = {"A": np.sort(order[:half]), "B": np.sort(order[half:]), "all": self.sources}

    def quality(self, score: np.ndarray, rows: np.ndarray, strict: bool = False,
                candidates: np.ndarray | None = None) -> float:
        """Mean share of related occupations in the top 20 of each source row of ``score`` (higher = better)."""
        candidates = self.universe if candidates is None else candidates
        block = np.array(score[rows], dtype=np.float64)
        block[:, ~candidates] = np.nan
        block[np.arange(len(rows)), rows] = np.nan
        block = np.where(np.isnan(block), -np.inf, block)
        top = np.argpartition(-block, TOP, axis=1)[:, :TOP]
        shares = []
        for r, i in enumerate(rows):
            found = set(top[r][np.isfinite(block[r, top[r]])])
            wanted = self.related[i] if strict else [j for j in self.related[i] if candidates[j]]
            if wanted:
                shares.append(len(found.intersection(wanted)) / len(wanted))
        return float(np.mean(shares))

    def line(self, label: str, score: np.ndarray, **kw) -> dict[str, float]:
        figures = {h: self.quality(score, rows, **kw) for h, rows in self.halves.items()}
        print(f"  {label:<46} " + "  ".join(f"{h} {v:.3f}" for h, v in figures.items()))
        return figures


def cosine(vectors: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = np.divide(vectors, norm, out=np.zeros_like(vectors), where=norm > 0)
    return unit @ unit.T


def top10_profile(y: Yardstick, score: np.ndarray, grand: np.ndarray, zones: np.ndarray):
    """Coverage and job-zone step of each source's top 10 (over the benchmark's sources and candidates)."""
    rows = y.sources
    block = np.where(np.isnan(score[rows]), -np.inf, score[rows])
    block[:, ~y.universe] = -np.inf
    block[np.arange(len(rows)), rows] = -np.inf
    top = np.argpartition(-block, 10, axis=1)[:, :10]
    return np.take_along_axis(grand[rows], top, axis=1), zones[top] - zones[rows][:, None]


def tune(y: Yardstick, components: dict[str, np.ndarray]) -> dict[str, float]:
    """Coordinate ascent on half A from equal weights; multiplicative steps, 3 rounds at most."""
    weights = {k: 1.0 for k in components}
    rows = y.halves["A"]
    best = y.quality(sim.combined(components, weights), rows)
    for round_ in range(3):
        improved = False
        for name in weights:
            for factor in (0.0, 0.25, 0.5, 0.75, 1.5, 2.0, 3.0):
                trial = dict(weights)
                trial[name] = weights[name] * factor if weights[name] else 0.5 * factor
                if not any(trial.values()):
                    continue
                q = y.quality(sim.combined(components, trial), rows)
                if q > best + 1e-4:
                    best, weights, improved = q, trial, True
        print(f"  round {round_ + 1}: A {best:.3f}  " + ", ".join(f"{k} {v:g}" for k, v in weights.items()))
        if not improved:
            break
    return weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="store URL (default: the configured store)")
    parser.add_argument("--tune", action="store_true", help="re-tune the component weights on half A")
    args = parser.parse_args()
    engine = the_store(args.db)
    started = time.perf_counter()
    with engine.connect() as conn:
        profiles = load_profiles(conn)
        related_rows = conn.execute(select(m.RelatedOccupation.occupation_code, m.RelatedOccupation.related_code,
                                           m.RelatedOccupation.rank)).all()
        t0 = time.perf_counter()
        descriptors = sim.load_descriptors(conn, profiles)
        t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    components = sim.component_similarities(descriptors)
    z = sim.combined(components)
    sim.as_percentile(z)  # timed as part of the similarity, as the scorer runs it
    t_sim = time.perf_counter() - t0
    grand = all_pairs(profiles)["grand"]
    print(f"loaded in {time.perf_counter() - started:.1f} s; similarity: descriptors read in {t_load:.1f} s, "
          f"computed in {t_sim:.1f} s")

    universe = np.all([profiles.domains[d].rated() for d in BASELINE_DOMAINS], axis=0)
    y = Yardstick(profiles.codes, related_rows, universe)
    print(f"\n{len(y.sources)} source occupations (half A {len(y.halves['A'])}, half B {len(y.halves['B'])}), "
          f"{int(universe.sum())} candidates; share of O*NET's related occupations in the top {TOP}:")

    print("Baselines")
    concat = np.hstack([np.nan_to_num(profiles.domains[d].importance * profiles.domains[d].level) for d in BASELINE_DOMAINS])
    y.line("cosine, importance x level", cosine(concat))
    y.line("mean per-domain Pearson (earlier similarity)", sim.profile_correlation(profiles))
    y.line("coverage only (transferability grand)", grand)

    print("Similarity components alone (weight in the blend)")
    for name, values in components.items():
        y.line(f"{name} ({sim.COMPONENT_WEIGHTS.get(name, 0):g})", values)

    print("Combined similarity and the destination ranking (top-10 coverage: mean, share below 80; mean job-zone step)")
    zones = descriptors.job_zone
    for weight in (0.0, 1.0, dest.TRANSFER_WEIGHT, 3.0, 5.0):
        if weight == 1.0 and dest.TRANSFER_WEIGHT == 1.0:
            continue
        mark = "  <- shipped" if weight == dest.TRANSFER_WEIGHT else ""
        score = dest.scores(z, grand, weight)
        y.line(f"transfer weight {weight:g}{' (similarity alone)' if weight == 0 else ''}{mark}", score)
        covered, step = top10_profile(y, score, grand, zones)
        print(f"  {'':<46} top 10: covered {covered.mean():.1f}, below 80 {np.mean(covered < 80):.3f}, "
              f"zone step {np.nanmean(step):+.2f}")
    ranking = dest.scores(z, grand, dest.TRANSFER_WEIGHT)
    y.line("shipped ranking, strict denominator", ranking, strict=True)
    y.line("shipped ranking, product candidates", ranking, candidates=~np.all(np.isnan(ranking), axis=0))

    if args.tune:
        print("\nTuning the component weights on half A (coordinate ascent from equal weights)")
        weights = tune(y, components)
        y.line("tuned similarity alone", sim.combined(components, weights))
        y.line("equal weights, similarity alone", sim.combined(components, {k: 1.0 for k in components}))

    matrices_speed(engine)


def matrices_speed(engine) -> None:
    from knowledge.scoring.matrices import matrices_for

    matrices = matrices_for(engine)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        facts = dest.facts_for(engine)
    if caught:
        print(f"\n(the store predates similarity {sim.SIMILARITY_METHOD}: rank_destinations used an in-process copy)")
    codes = [c for c in matrices.codes if not np.all(np.isnan(matrices["grand"][matrices.position[c]]))]
    dest.rank_destinations(matrices, codes[0], facts=facts)
    t0 = time.perf_counter()
    for code in codes:
        dest.rank_destinations(matrices, code, top=10, max_zone_step=1, facts=facts)
    per_call = (time.perf_counter() - t0) / len(codes) * 1000
    print(f"\nrank_destinations: {per_call:.2f} ms per call warm (mean over {len(codes)} sources, top 10, max_zone_step=1)")


if __name__ == "__main__":
    main()
