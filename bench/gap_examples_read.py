"""Every gap example a person would read, for a person to check: 20 conversations (the chat's first answer and
"What am I missing?") and 10 reports across fields (healthcare, trades, IT, office, food service, driving,
teaching), each example with its kind (task of the target, level anchor, none).

    PYTHONPATH=$PWD .venv/bin/python bench/gap_examples_read.py            # the examples, then the counts
    PYTHONPATH=$PWD .venv/bin/python bench/gap_examples_read.py --anchors  # only the level anchors kept

Read the list: an example must be something the target job does, or an O*NET level example about the same
work; tests/test_gap_examples.py checks the rule on 20 of these pairs.
"""
from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot import replies  # noqa: E402
from knowledge.analysis import analyst_for, ranked_gaps  # noqa: E402
from knowledge.db import the_store# noqa: E402

CONVERSATIONS = [("31-1131.00", "29-1141.00"), ("29-1141.00", "29-1171.00"), ("41-2011.00", "29-1171.00"),
                 ("31-9092.00", "29-1171.00"), ("31-9091.00", "29-1292.00"), ("47-2061.00", "47-2111.00"),
                 ("47-2031.00", "47-2152.00"), ("49-3023.00", "49-9021.00"), ("15-1232.00", "15-1252.00"),
                 ("41-2011.00", "15-1252.00"), ("15-1232.00", "15-1212.00"), ("43-4051.00", "43-4031.00"),
                 ("43-9061.00", "43-6014.00"), ("35-3023.00", "35-2014.00"), ("35-2014.00", "35-1011.00"),
                 ("53-7062.00", "53-3032.00"), ("25-9042.00", "25-2021.00"), ("33-9032.00", "33-3051.00"),
                 ("41-2031.00", "43-4051.00"), ("39-9011.00", "25-2011.00")]
REPORTS = [("41-2011.00", "29-1141.00"), ("31-1131.00", "29-2061.00"), ("43-4171.00", "43-3031.00"),
           ("35-3031.00", "41-2031.00"), ("35-2021.00", "35-2014.00"), ("25-9042.00", "25-2031.00"),
           ("53-3031.00", "53-3032.00"), ("51-4121.00", "47-2111.00"), ("15-1231.00", "15-1244.00"),
           ("37-2011.00", "47-2111.00")]


def main() -> None:
    only_anchors = "--anchors" in sys.argv
    analyst = analyst_for(the_store())
    counts = collections.Counter()
    for kind, pairs in (("conversation", CONVERSATIONS), ("report", REPORTS)):
        for source, target in pairs:
            c = analyst.compare(source, target)
            if not only_anchors:
                print(f"\n== {kind}: {c['from']['title']} -> {c['to']['title']}")
            if kind == "conversation":  # what the chat says, as the person reads it
                said = "\n".join(m["text"] for m in replies.compare_summary(c) + replies.gaps_detail(c))
                counts["chat lines with an example"] += len(re.findall(r"for example", said))
            for g in ranked_gaps(c):
                e = g.get("example")
                counts[e["kind"] if e else "none"] += 1
                if only_anchors and not (e and e["kind"] == "level_anchor"):
                    continue
                print(f"  {g['domain']:<9} {g['element']:<32} {(e or {}).get('kind', '-'):<12} {(e or {}).get('text', '')}"
                      + (f"   [{c['to']['title']}]" if only_anchors else ""))
    print("\n" + ", ".join(f"{k}: {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
