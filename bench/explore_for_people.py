"""What "what else could I do" shows a job seeker, before and after reading it for them (knowledge/suggestions.py).

For the most common jobs people have (OEWS national employment, rated occupations) in a spread of states, the
first five suggestions:
  * before: the ranking alone (knowledge/scoring/destinations.py, top 5), priced as the person sees it in their
    state: the share that are pay cuts there, and the share that are shrinking (BLS 2024-34);
  * after: the default suggestions (pay in the state, those that pay at least as much and aren't shrinking first),
    and what that costs in closeness (mean "covered" and "alike" of the five);
  * ``--min-wage-gain 0`` before (national medians) and after (the state's): suggestions that cut pay in the state;
  * "not driving": driving jobs (knowledge/job_kinds.py) among the first five, from the jobs whose closest
    destinations include one.

    .venv/bin/python bench/explore_for_people.py [--jobs 60]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

STATES = ("ME", "TX", "CA", "OH", "FL", "GA", "MS", "NY", "WA", "MI")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=60)
    args = parser.parse_args()

    from knowledge.analysis import analyst_for
    from knowledge.db import the_store
    from knowledge.job_kinds import of_kind
    from knowledge.scoring.destinations import destinations
    from knowledge.suggestions import Wishes, annual_pay, suggest

    analyst = analyst_for(the_store())
    national = analyst.wages()
    rated = set(analyst.matrices.codes)
    def ranks(code: str) -> bool:
        try:
            return bool(destinations(analyst.engine, code, top=1, min_wage_gain=0))
        except ValueError:  # not rated, or no national median
            return False

    common = [o for o in sorted((o for o in analyst.occupations.values()
                                 if o.code in rated and (national.get(o.soc) or {}).get("employment")),
                                key=lambda o: -national[o.soc]["employment"]) if ranks(o.code)][: args.jobs]
    driving = of_kind({c: o.title for c, o in analyst.occupations.items()}, "driving")
    counts = {k: 0 for k in ("before_cut", "before_shrinking", "after_cut", "after_shrinking", "shown", "shown_before",
                             "national_filter_cut", "state_filter_cut", "filter_shown", "state_filter_shown",
                             "driving_before", "driving_after", "driving_sources", "covered_before", "covered_after",
                             "alike_before", "alike_after")}
    started = time.perf_counter()
    for occ in common:
        ranked = destinations(analyst.engine, occ.code, top=5)
        filtered = destinations(analyst.engine, occ.code, top=5, min_wage_gain=0)
        for postal in STATES:
            local = analyst.wages(analyst.area(postal)[0])
            mine = annual_pay(local.get(occ.soc))
            if mine is None:
                continue

            def cut(code: str) -> bool:
                pay = annual_pay(local.get(analyst.occupations[code].soc))
                return pay is not None and pay < mine

            counts["shown_before"] += len(ranked)
            counts["before_cut"] += sum(cut(d["code"]) for d in ranked)
            counts["before_shrinking"] += sum((d["growth_pct"] or 0) < 0 for d in ranked)
            after = suggest(analyst, occ.code, state=postal)["destinations"]
            counts["shown"] += len(after)
            counts["covered_before"] += sum(d["covered"] for d in ranked)
            counts["covered_after"] += sum(d["covered"] for d in after)
            counts["alike_before"] += sum(d["alike"] for d in ranked)
            counts["alike_after"] += sum(d["alike"] for d in after)
            counts["after_cut"] += sum(d["move"] == "cut" for d in after)
            counts["after_shrinking"] += sum(d["shrinking"] for d in after)
            counts["filter_shown"] += len(filtered)
            counts["national_filter_cut"] += sum(cut(d["code"]) for d in filtered)
            state_filtered = suggest(analyst, occ.code, state=postal, min_wage_gain=0)["destinations"]
            counts["state_filter_shown"] += len(state_filtered)
            counts["state_filter_cut"] += sum(cut(d["code"]) for d in state_filtered)
        if any(d["code"] in driving for d in ranked):
            counts["driving_sources"] += 1
            counts["driving_before"] += sum(d["code"] in driving for d in ranked)
            counts["driving_after"] += sum(d["code"] in driving for d in
                                           suggest(analyst, occ.code, Wishes(avoid=["driving"]))["destinations"])
    seconds = time.perf_counter() - started

    def share(n: str, of: str) -> str:
        return f"{counts[n]} of {counts[of]} ({100 * counts[n] / max(counts[of], 1):.1f}%)"

    print(f"{len(common)} most common rated jobs x {len(STATES)} states ({', '.join(STATES)}), first 5 suggestions each")
    print(f"pay cuts in the state:   before {share('before_cut', 'shown_before')}, after {share('after_cut', 'shown')}")
    print(f"shrinking jobs:          before {share('before_shrinking', 'shown_before')}, after {share('after_shrinking', 'shown')}")
    print(f"the price of it: mean covered before {counts['covered_before'] / counts['shown_before']:.1f}, after "
          f"{counts['covered_after'] / counts['shown']:.1f}; mean alike (percentile) before "
          f"{counts['alike_before'] / counts['shown_before']:.1f}, after {counts['alike_after'] / counts['shown']:.1f}")
    print(f"--min-wage-gain 0, state pay cuts: national filter {share('national_filter_cut', 'filter_shown')}, "
          f"state filter {share('state_filter_cut', 'state_filter_shown')}")
    print(f"'not driving', from the {counts['driving_sources']} jobs whose first 5 include a driving job: driving jobs "
          f"shown before {counts['driving_before']}, after {counts['driving_after']}")
    print(f"{seconds:.0f} s")


if __name__ == "__main__":
    main()
