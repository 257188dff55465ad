"""The whole conversation corpus held by simulated job seekers over REST (tests/simulated_user.py).

    .venv/bin/python bench/conversations.py                  # starts the bot's servers itself
    .venv/bin/python bench/conversations.py --only dialogues  # the scripted multi-turn conversations
    .venv/bin/python bench/conversations.py --out results/conversations.json --people 4

Reports, for the first messages (tests/corpus/first_messages.jsonl): how often the job they have, the job
they want and their state were understood from the first message alone (of the messages that state
them), how many conversations reached the right analysis within 6 messages, the median number of
messages to it, and how many compared a job with itself; for the scripted conversations with
corrections (tests/corpus/dialogues.jsonl), how many ended on what the person meant. Every failed
conversation goes to --out with its transcript.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.simulated_user import SimulatedUser, Titles, load, summary  # noqa: E402


def hold(rasa_url: str, tracker, titles, cases: list[dict], people: int, prefix: str, scripted: bool):
    def one(case: dict):
        if scripted:
            facts = case["facts"]
            person = {"id": case["id"], "text": case["turns"][0], **case["final"], **facts,
                      "current_says": False, "target_says": False, "state_says": False}
            return SimulatedUser(rasa_url, tracker, titles, f"{prefix}-{case['id']}", person).run(case["turns"])
        return SimulatedUser(rasa_url, tracker, titles, f"{prefix}-{case['id']}", case).run()

    with ThreadPoolExecutor(people) as pool:
        return list(pool.map(one, cases))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running bot's Rasa server (default: start one)")
    parser.add_argument("--tracker", help="its tracker store URL (with --url)")
    parser.add_argument("--only", choices=("first", "dialogues"))
    parser.add_argument("--people", type=int, default=4, help="conversations at once")
    parser.add_argument("--out", default=str(ROOT / "results" / "conversations.json"))
    args = parser.parse_args()

    import sqlalchemy as sa

    from actions import store
    from tests.servers import BotStack

    titles = Titles(store.engine())
    stack = None
    if args.url:
        rasa_url, tracker = args.url, sa.create_engine(args.tracker)
    else:
        stack = BotStack(Path(tempfile.mkdtemp(prefix="careerbot-conversations-"))).up()
        rasa_url, tracker = stack.rasa_url, sa.create_engine(stack.tracker_url)
    prefix = f"sim{int(time.time())}"
    report = {}
    try:
        started = time.monotonic()
        if args.only in (None, "first"):
            outcomes = hold(rasa_url, tracker, titles, load("first_messages.jsonl"), args.people, prefix, False)
            report["first_messages"] = {**summary(outcomes), "seconds": round(time.monotonic() - started)}
            report["first_messages_failed"] = [o.__dict__ for o in outcomes if not o.right or o.turns > 6]
            # what the first message alone left misread, with the bot's first reply: where understanding is weakest
            report["first_messages_misread"] = [
                {"id": o.id, "text": o.transcript[0][0], "misread": [k for k, ok in o.understood.items() if ok is False],
                 "reply": " | ".join((r.get("text") or "")[:200] for r in o.transcript[0][1])[:400]}
                for o in outcomes if any(ok is False for ok in o.understood.values())]
        if args.only in (None, "dialogues"):
            started = time.monotonic()
            outcomes = hold(rasa_url, tracker, titles, load("dialogues.jsonl"), args.people, prefix, True)
            report["dialogues"] = {**summary(outcomes), "seconds": round(time.monotonic() - started)}
            report["dialogues_failed"] = [o.__dict__ for o in outcomes if not o.right]
    finally:
        if stack:
            stack.down()
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=1, ensure_ascii=False))
    for part in ("first_messages", "dialogues"):
        if part in report:
            print(part, json.dumps(report[part]))
    print(f"failures and transcripts: {args.out}")


if __name__ == "__main__":
    main()
