"""How well the job-title resolver understands everyday job names: top-1 and top-3 accuracy.

The test set (bench/data/everyday_titles.tsv) is written the way people name their jobs in a chat
("cashier at walmart", "cna", "forklift opertor"), not copied from O*NET's title lists; where several
occupations are equally right the expected column lists them separated by "|".

    .venv/bin/python bench/resolver_accuracy.py        # exit 1 if top-1 < 0.85 or top-3 < 0.95
"""
from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from knowledge.db import the_store# noqa: E402
from knowledge import resolver as resolver_module  # noqa: E402
from knowledge.resolver import TitleResolver  # noqa: E402

TEST_SET = Path(__file__).resolve().parent / "data" / "everyday_titles.tsv"
MIN_TOP1 = 0.85
MIN_TOP3 = 0.95


def load_cases(path: Path = TEST_SET) -> list[tuple[str, set[str]]]:
    with path.open(newline="", encoding="utf-8") as f:
        rows = csv.DictReader(f, delimiter="\t")
        return [(r["text"], set(r["expected_code"].split("|"))) for r in rows]


def evaluate(resolver: TitleResolver, cases: list[tuple[str, set[str]]] | None = None) -> dict:
    """Run the test set: accuracy at 1 and 3, mean and worst time per query, and every miss."""
    cases = load_cases() if cases is None else cases
    top1 = top3 = 0
    misses, times = [], []
    for text, expected in cases:
        start = time.perf_counter()
        matches = resolver.resolve(text, top=5)
        times.append(time.perf_counter() - start)
        codes = [m.code for m in matches]
        top1 += bool(codes[:1] and codes[0] in expected)
        top3 += bool(expected & set(codes[:3]))
        if not codes or codes[0] not in expected:
            misses.append({"text": text, "expected": sorted(expected), "got": [m.as_dict() for m in matches[:3]],
                           "in_top3": bool(expected & set(codes[:3]))})
    n = len(cases)
    return {"count": n, "top1": top1 / n, "top3": top3 / n, "ms_mean": 1000 * sum(times) / n,
            "ms_max": 1000 * max(times), "misses": misses}


def main() -> int:
    engine = the_store()
    start = time.perf_counter()
    resolver_module.nlp(), resolver_module.english_words()  # importing spaCy alone takes seconds (TensorFlow)
    spacy_s = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    resolver = TitleResolver.from_engine(engine)
    build_s, build_cpu = time.perf_counter() - start, time.process_time() - cpu
    result = evaluate(resolver)
    for miss in result["misses"]:
        got = "; ".join(f"{g['code']} {g['title'][:40]} ({g['confidence']}, '{g['matched']}')" for g in miss["got"]) or "nothing"
        flag = "top-3" if miss["in_top3"] else "MISS "
        print(f"{flag} {miss['text']!r}: expected {'|'.join(miss['expected'])}; got {got}")
    print(f"\n{result['count']} queries  top-1 {result['top1']:.3f}  top-3 {result['top3']:.3f}  "
          f"{result['ms_mean']:.2f} ms/query (max {result['ms_max']:.1f} ms)")
    print(f"index built in {build_s:.2f} s ({build_cpu:.2f} s CPU), after loading spaCy in {spacy_s:.2f} s")
    ok = result["top1"] >= MIN_TOP1 and result["top3"] >= MIN_TOP3
    if not ok:
        print(f"FAIL: needs top-1 >= {MIN_TOP1} and top-3 >= {MIN_TOP3}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
