"""How fast the scorer answers, against a plain pure-Python implementation of the same formula, in one run.

    .venv/bin/python bench/scorer_speed.py [--python-sources 150]

Budgets (issue 3): all-pairs scores for every occupation <= 0.5 s on one core; compare <= 5 ms and
explore <= 10 ms inside a warm process. The pure-Python all-pairs is timed on a sample of sources and
scaled to all of them (each source row is independent work), and checked to agree with numpy.
"""
from __future__ import annotations

import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):  # one core, as the budget says
    os.environ[var] = "1"

import argparse  # noqa: E402
import math  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from knowledge.analysis import analyst_for  # noqa: E402
from knowledge.db import the_store# noqa: E402
from knowledge.scoring.destinations import destinations  # noqa: E402
from knowledge.scoring.profiles import DOMAINS  # noqa: E402
from knowledge.scoring.transfer import DEFAULT_FILTERS, DEFAULT_WEIGHTS, all_pairs  # noqa: E402


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def warm_median_ms(fn, calls: int) -> float:
    fn()
    times = []
    for _ in range(calls):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def python_lists(profiles):
    """The ratings as plain lists (None = missing), the same inputs the numpy version reads."""
    out = {}
    for d in DOMAINS:
        r = profiles.domains[d]
        def rows(a):
            return [[None if math.isnan(v) else float(v) for v in row] for row in a.tolist()]
        out[d] = (rows(r.importance), rows(r.level), r.suppressed.tolist())
    return out


def python_all_pairs(lists, n: int, sources: range) -> list[list[float | None]]:
    """The formula of knowledge/scoring/transfer.py, written plainly: loops over pairs and elements."""
    grand = []
    for s in sources:
        row = []
        for t in range(n):
            total = weight_sum = 0.0
            for d in DOMAINS:
                importance, level, suppressed = lists[d]
                if all(v is None for v in level[s]) or all(v is None for v in level[t]):
                    continue  # a domain either is not rated in has no score
                num = den = 0.0
                for e, i in enumerate(importance[t]):
                    req = level[t][e]
                    if i is None or req is None or suppressed[t][e] or i < DEFAULT_FILTERS[d] or req <= 0:
                        continue
                    have = level[s][e]
                    if have is None:
                        continue
                    have = 0.0 if suppressed[s][e] else have
                    num += i * min(have, req)
                    den += i * req
                score = 100.0 if den == 0 else 100.0 * num / den
                total += DEFAULT_WEIGHTS[d] * score
                weight_sum += DEFAULT_WEIGHTS[d]
            row.append(total / weight_sum if weight_sum else None)
        grand.append(row)
    return grand


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--python-sources", type=int, default=150, help="sources the pure-Python version is timed on")
    args = ap.parse_args()
    engine = the_store()
    analyst = analyst_for(engine)
    profiles = analyst.profiles
    n = len(profiles.codes)

    numpy_s = best_of(lambda: all_pairs(profiles), repeat=5)
    result = all_pairs(profiles)
    lists = python_lists(profiles)
    sample = range(0, n, max(1, n // args.python_sources))[: args.python_sources]
    started = time.perf_counter()
    py = python_all_pairs(lists, n, sample)
    python_sample_s = time.perf_counter() - started
    python_s = python_sample_s * n / len(sample)
    diffs = [abs(py[k][t] - float(result["grand"][s, t])) for k, s in enumerate(sample) for t in range(n)
             if py[k][t] is not None and not np.isnan(result["grand"][s, t])]

    compare_ms = warm_median_ms(lambda: analyst.compare("43-4051.00", "43-4031.00", state="ME"), 300)
    explore_ms = warm_median_ms(lambda: destinations(engine, "43-4051.00", top=10), 300)
    explore_filtered_ms = warm_median_ms(lambda: destinations(engine, "43-4051.00", top=10, max_zone_step=1, min_wage_gain=5000), 300)

    print(f"occupations: {n}  pairs: {n * n:,}")
    print(f"all-pairs, numpy (best of 5, one core):      {numpy_s:8.3f} s   budget 0.5 s   {'OK' if numpy_s <= 0.5 else 'OVER'}")
    print(f"all-pairs, pure Python ({len(sample)} sources, scaled): {python_s:8.1f} s")
    print(f"speed-up: {python_s / numpy_s:,.0f}x   largest difference between the two: {max(diffs):.5f} points over {len(diffs):,} pairs")
    print(f"compare, warm (median of 300):               {compare_ms:8.2f} ms  budget 5 ms    {'OK' if compare_ms <= 5 else 'OVER'}")
    print(f"explore, warm (median of 300):               {explore_ms:8.2f} ms  budget 10 ms   {'OK' if explore_ms <= 10 else 'OVER'}")
    print(f"explore with zone and wage filters, warm:    {explore_filtered_ms:8.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
