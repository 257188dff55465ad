"""The profile's promises on random profiles of the real store (knowledge/person/), and its speed.

    .venv/bin/python bench/profile_coverage.py [--profiles 2000] [--seed 1]

Each trial draws 1-3 occupations as a profile and one more to add, and counts the scores (every target the
profile can be scored against) that fall when it is added, with and without the domain fill
(knowledge/person/coverage.filled). Then: one job alone against the job-to-job scores, and the time to score a
three-job profile against every occupation and one target in full (warm process).
"""
from __future__ import annotations

import argparse
import random
import time

import numpy as np

from knowledge.analysis import analyst_for
from knowledge.db import the_store
from knowledge.person.compare import compare_profile, coverage_of_all
from knowledge.person.coverage import Source, all_targets
from knowledge.person.profile import Job, Profile


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    analyst = analyst_for(the_store())
    profiles, codes = analyst.profiles, analyst.matrices.codes
    rng = random.Random(args.seed)
    trials = [([Source(profiles.index(c)) for c in rng.sample(codes, rng.randint(1, 3))], Source(profiles.index(rng.choice(codes))))
              for _ in range(args.profiles)]
    for fill in (False, True):
        fell = scored = 0
        worst = 0.0
        for first, added in trials:
            before = all_targets(profiles, first, fill=fill)["grand"]
            after = all_targets(profiles, [*first, added], fill=fill)["grand"]
            both = ~np.isnan(before)
            drop = before[both] - np.nan_to_num(after[both], nan=-np.inf)
            scored += int(both.sum())
            fell += int((drop > 1e-4).sum())
            worst = max(worst, float(drop.max()) if drop.size else 0.0)
        print(f"{'with' if fill else 'without'} the domain fill: {fell:,} of {scored:,} grand scores fell "
              f"({100 * fell / scored:.2f}%), by at most {worst:.1f} points")
    grand = analyst.matrices["grand"]
    off = sum(int((np.abs(np.nan_to_num(coverage_of_all(analyst, Profile([Job(c, 5)]))["grand"], nan=-1)
                          - np.nan_to_num(grand[analyst.matrices.position[c]], nan=-1)) > 1e-3).sum()) for c in codes)
    print(f"one job alone: {off} of {len(codes) ** 2:,} scores differ from the job-to-job score by more than 0.001")
    three = [Profile([Job(c, 3) for c in rng.sample(codes, 3)]) for _ in range(50)]
    start = time.perf_counter()
    for p in three:
        coverage_of_all(analyst, p)
    every = (time.perf_counter() - start) / len(three) * 1000
    compare_profile(analyst, three[0], "43-3031.00")
    start = time.perf_counter()
    for p in three:
        compare_profile(analyst, p, "43-3031.00")
    one = (time.perf_counter() - start) / len(three) * 1000
    print(f"three jobs against every occupation: {every:.1f} ms; against one, in full (compare --from): {one:.1f} ms")


if __name__ == "__main__":
    main()
