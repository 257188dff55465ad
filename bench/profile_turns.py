"""Where one turn's time goes: py-spy samples of the Rasa server and the action server while one person talks.

    .venv/bin/python bench/profile_turns.py                      # about 3 minutes: starts the bot, then stops it
    .venv/bin/python bench/profile_turns.py --conversations 6 --keep var/bench/profile

The whole bot is started as `make run` starts it (tests/servers.py BotStack), warmed up with one conversation
of each kind, and then one person has --conversations greeting conversations, then as many analysis
conversations (bench/rest_latency.py's), while py-spy samples each server (--rate a second, only while it
runs, not while it waits for the next request). The table gives, per turn, the wall time the person saw and the CPU
time each server spent, the Rasa server's split by what it was doing (the first rule of STAGES that a
sample's stack matches), the action server's by the project's own code it was in. With --keep the raw
stacks (flamegraph.pl's input) stay in that folder.
"""
from __future__ import annotations

import argparse
import collections
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.rest_latency import Conversation, Results, analysis_conversation, greeting_conversation, warm_up  # noqa: E402
from tests.servers import BIN, BotStack  # noqa: E402

PY_SPY = BIN / "py-spy"
# (what, a substring of a frame): a sample counts for the first whose substring is anywhere in its stack
STAGES = [
    ("checking the action server's answers against Rasa's schema", "jsonschema/"),
    ("tracker store: SQL and rebuilding the tracker", "tracker_store.py"),
    ("lock store", "lock_store.py"),
    ("action calls: the tracker to JSON, HTTP", "_make_request"),
    ("action calls: the tracker to JSON, HTTP", "current_state"),
    ("NLU: job facts (bot/understanding)", "bot/understanding"),
    ("NLU: DIET", "diet_classifier"),
    ("NLU: count-vector featurizers", "count_vectors_featurizer"),
    ("NLU: lexical-syntactic featurizer", "lexical_syntactic_featurizer"),
    ("NLU: regex, tokenizer, fallback, graph", "parse_message"),
    ("policies: RulePolicy", "rule_policy.py"),
    ("policies: MemoizationPolicy", "memoization.py"),
    ("policies: TED", "ted_policy.py"),
    ("policies: featurizing the tracker, ensemble, graph", "predict_next_action"),
    ("forms and slots (Rasa side)", "actions/forms.py"),
    ("forms and slots (Rasa side)", "actions/loops.py"),
    ("forms and slots (Rasa side)", "action_extract_slots"),
    ("the tracker: events, slots, copies", "trackers.py"),
]
PROJECT = ("actions/", "bot/", "knowledge/")
# uvloop waits for the next request in C, and a worker thread for its next job in a C lock, which py-spy
# cannot tell from work: a sample whose innermost frame is one of these is a server with nothing to do
IDLE = ("serve (sanic/server/runners.py", "_worker (concurrent/futures/thread.py")


def rasa_stage(stack: str) -> str:
    what = next((what for what, marker in STAGES if marker in stack), "other: Sanic, asyncio, logging, JSON")
    # a worker thread (bot/tracker_store.py's) does not hold up the event loop, and so not the other turns
    return f"{what}, in a worker thread" if stack.startswith("_bootstrap (threading.py") else what


def action_stage(stack: str) -> str:
    """The action server's sample by the deepest project module it was in (rasa_sdk and Sanic around it otherwise)."""
    for frame in reversed(stack.split(";")):
        where = frame.rsplit("(", 1)[-1]
        if where.startswith(PROJECT):
            return where.split(":")[0]
    return "rasa_sdk, Sanic: the tracker from JSON, events to JSON"


def read_samples(path: Path) -> list[tuple[str, int]]:
    out = []
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if count.isdigit() and not stack.rsplit(";", 1)[-1].startswith(IDLE):
            out.append((stack, int(count)))
    return out


def record(pid: int, out: Path, rate: int) -> subprocess.Popen:
    return subprocess.Popen([str(PY_SPY), "record", "--pid", str(pid), "--rate", str(rate), "--format", "raw",
                             "--output", str(out), "--nonblocking"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def profile(stack: BotStack, group: str, conversations: int, folder: Path, rate: int) -> dict:
    spies = {name: record(stack.processes[name].pid, folder / f"{group}-{name}.txt", rate) for name in ("rasa", "actions")}
    time.sleep(2)  # py-spy attaches
    results, make = Results(), {"greeting": greeting_conversation, "analysis": analysis_conversation}[group]
    started = time.perf_counter()
    for n in range(conversations):
        Conversation(stack.rasa_url, f"profile-{group}-{n}-{time.time_ns()}", time.monotonic() + 600).run(
            make(n), group, results)
    wall = time.perf_counter() - started
    for spy in spies.values():
        spy.send_signal(signal.SIGINT)  # py-spy writes its file when interrupted
    for spy in spies.values():
        spy.wait(timeout=60)
    turns = len(results.turns)
    rasa, actions = collections.Counter(), collections.Counter()
    for stack_, count in read_samples(folder / f"{group}-rasa.txt"):
        rasa[rasa_stage(stack_)] += count
    for stack_, count in read_samples(folder / f"{group}-actions.txt"):
        actions[action_stage(stack_)] += count
    per_turn = 1000 / rate / turns  # one sample, in ms per turn
    return {"turns": turns, "wall": wall * 1000 / turns, "errors": sum(not t.ok for t in results.turns),
            "rasa": {k: v * per_turn for k, v in rasa.items()}, "actions": {k: v * per_turn for k, v in actions.items()}}


def table(figures: dict) -> None:
    groups = list(figures)
    print("| ms per turn | " + " | ".join(groups) + " |")
    print("|---|" + "---|" * len(groups))
    print("| wall time the person saw | " + " | ".join(f"{figures[g]['wall']:.0f}" for g in groups) + " |")
    for server, label in (("rasa", "Rasa server CPU"), ("actions", "action server CPU")):
        print(f"| **{label}** | " + " | ".join(f"**{sum(figures[g][server].values()):.0f}**" for g in groups) + " |")
        rows = collections.Counter()
        for g in groups:
            rows.update(figures[g][server])
        for what, _ in rows.most_common():
            print(f"| {what} | " + " | ".join(f"{figures[g][server].get(what, 0):.0f}" for g in groups) + " |")
    print("| turns (errors) | " + " | ".join(f"{figures[g]['turns']} ({figures[g]['errors']})" for g in groups) + " |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--conversations", type=int, default=4, help="conversations of each kind (default 4)")
    ap.add_argument("--rate", type=int, default=200, help="py-spy samples a second (default 200)")
    ap.add_argument("--keep", type=Path, help="keep py-spy's raw stacks in this folder")
    args = ap.parse_args()
    if not PY_SPY.exists():
        print(f"{PY_SPY} is missing: pip install py-spy (requirements.lock pins it)", file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="careerbot-profile-"))
    stack = BotStack(folder).up(only=("actions", "rasa"))
    try:
        warm_up(stack.rasa_url, time.monotonic() + 600)
        figures = {g: profile(stack, g, args.conversations, folder, args.rate) for g in ("greeting", "analysis")}
    finally:
        stack.down()
    table(figures)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        for f in folder.glob("*-*.txt"):
            shutil.copy(f, args.keep / f.name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
