"""How long the bot takes to answer one message over the REST channel: analysis turns against greeting
turns, one user and several at once, in one run against the same server.

    .venv/bin/python bench/rest_latency.py                       # issue 4: 1 and 10 users
    .venv/bin/python bench/rest_latency.py --users 50 --turns 20 # issue 8: 50 conversations x 20 turns
    .venv/bin/python bench/rest_latency.py --url http://127.0.0.1:5005   # a bot already running

Without --url the whole bot is started on free loopback ports (tests/servers.py BotStack: action
server, Rasa server with the SQL tracker store, web server) and stopped at the end.

Latency is the wall time of one POST /webhooks/rest/webhook, measured by the client, from sending the
message to having every reply of the turn. Greeting turns come from greeting-only conversations (hi,
what can you do, thanks, bye ...; no analysis); analysis turns from full conversations (job facts ->
comparison, gaps, training, apprenticeships, pay, explore, a new target). Each conversation is a new
sender, and the job pairs rotate through PAIRS so the action server's comparison cache does not answer
everything. Greeting and analysis rounds alternate so that load from outside the benchmark falls on
both alike. The first conversation of each kind (warm-up: Rasa's and the action server's first
calls) is not counted.

Budget (issue 4): analysis turns at most 1.3 x greeting turns at p50. Issue 8 mode (--turns): first one
user alone, then --users conversations of --turns turns each at once, bounded by --max-seconds; any
non-200 answer, exception, empty reply or "I can't look that up right now" (an action call that failed) is an
error.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.replies import lookup_unavailable  # noqa: E402
from tests.servers import BotStack, http  # noqa: E402

BUDGET_RATIO = 1.3
APOLOGY = lookup_unavailable()[0]["text"]  # what the Rasa server says when an action failed: an error here
REQUEST_TIMEOUT = 300  # s; Rasa waits up to 5 minutes for the action server as well

# (what they say they do, what they want, where): each analysis conversation takes the next one
PAIRS = [
    ("customer service rep", "license clerk", "Maine"),
    ("cashier", "pharmacy tech", "Ohio"),
    ("retail salesperson", "bank teller", "Texas"),
    ("cook", "baker", "Oregon"),
    ("forklift driver", "truck driver", "Georgia"),
    ("nursing assistant", "licensed practical nurse", "Florida"),
    ("waiter", "hotel desk clerk", "Nevada"),
    ("janitor", "maintenance worker", "Illinois"),
    ("receptionist", "medical secretary", "New York"),
    ("security guard", "police officer", "Arizona"),
    ("bank teller", "loan officer", "Colorado"),
    ("data entry clerk", "bookkeeper", "Vermont"),
    ("warehouse worker", "machinist", "Michigan"),
    ("hair stylist", "massage therapist", "Washington"),
    ("dishwasher", "cook", "Utah"),
    ("medical assistant", "dental hygienist", "Kansas"),
    ("electrician helper", "electrician", "Iowa"),
    ("stock clerk", "purchasing agent", "Idaho"),
    ("childcare worker", "teacher assistant", "Maryland"),
    ("painter", "carpenter", "Montana"),
]
WARM_UP_PAIR = ("cashier", "customer service rep", "Maine")

GREETING = [("greet", "hi"), ("help", "what can you do?"), ("bot_challenge", "are you a bot?"), ("thank", "thanks"),
            ("greet", "hello there"), ("help", "help"), ("thank", "thank you!"), ("goodbye", "bye")]


def analysis_turns(pair: tuple[str, str, str], other_target: str) -> list[tuple[str, str]]:
    current, target, state = pair
    return [("facts", f"I've been a {current} for 3 years in {state} and I want to become a {target}"),
            ("gaps", "what am I missing?"), ("training", "how do I get there?"),
            ("apprenticeship", "are there apprenticeships?"), ("pay", "what does it pay?"),
            ("explore", "what else could I do?"), ("facts", f"what about becoming a {other_target} instead?"),
            ("pay", "how much does that pay?")]


@dataclass
class Turn:
    kind: str       # greeting kinds, or the analysis kind (facts, gaps, ...)
    group: str      # "greeting" or "analysis": which budget figure it counts towards
    seconds: float
    ok: bool
    error: str = ""


@dataclass
class Results:
    turns: list[Turn] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, turn: Turn) -> None:
        with self.lock:
            self.turns.append(turn)


class Conversation:
    def __init__(self, rasa_url: str, sender: str, deadline: float):
        self.url, self.sender, self.deadline = f"{rasa_url}/webhooks/rest/webhook", sender, deadline

    def say(self, message: str) -> tuple[float, list[dict] | None, str]:
        body = json.dumps({"sender": self.sender, "message": message}).encode()
        timeout = max(1.0, min(REQUEST_TIMEOUT, self.deadline - time.monotonic()))
        started = time.perf_counter()
        try:
            status, _, answer = http(self.url, body, {"Content-Type": "application/json"}, timeout=timeout)
        except Exception as exc:  # noqa: BLE001 - a timeout or a dropped connection is a measured error
            cut = " (cut at --max-seconds)" if time.monotonic() >= self.deadline - 1 else ""
            return time.perf_counter() - started, None, f"{type(exc).__name__}: {exc}{cut}"
        seconds = time.perf_counter() - started
        if status != 200:
            return seconds, None, f"HTTP {status}: {answer[:200]!r}"
        replies = json.loads(answer)
        if not any(r.get("text") or r.get("buttons") for r in replies):
            return seconds, replies, "no reply"
        if any(r.get("text") == APOLOGY for r in replies):
            return seconds, replies, "answered with the apology for a failed action"
        return seconds, replies, ""

    def run(self, turns: list[tuple[str, str]], group: str, results: Results | None) -> int:
        """Say each message (taking the first job offered when the bot asks which one); the number of errors."""
        errors = 0
        for kind, message in turns:
            while True:
                if time.monotonic() > self.deadline:
                    return errors
                seconds, replies, error = self.say(message)
                if results is not None:
                    results.add(Turn(kind, group, seconds, not error, error))
                errors += bool(error)
                choice = next((b["payload"] for r in replies or [] for b in r.get("buttons") or []
                               if b["payload"].startswith("/choose_job")), None)
                if not choice:
                    break
                kind, message = "choose", choice  # the person picks their job from the buttons
        return errors


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def ms(x: float) -> str:
    return "-" if x != x else f"{x * 1000:,.0f}"


def run_users(rasa_url: str, users: int, conversations: list[tuple[str, list[tuple[str, str]]]], label: str,
              deadline: float, results: Results) -> None:
    """Run the conversations, ``users`` at a time (each thread is one person talking, a new sender per conversation)."""
    def one(item):
        n, (group, turns) = item
        Conversation(rasa_url, f"bench-{label}-{n}-{time.time_ns()}", deadline).run(turns, group, results)

    with ThreadPoolExecutor(max_workers=users) as pool:
        list(pool.map(one, enumerate(conversations)))


def greeting_conversation(n: int) -> list[tuple[str, str]]:
    return GREETING[n % 2:] + GREETING[:n % 2]  # the same turns, starting at a different one


def analysis_conversation(n: int) -> list[tuple[str, str]]:
    pair = PAIRS[n % len(PAIRS)]
    return analysis_turns(pair, PAIRS[(n + 7) % len(PAIRS)][1])


def summarise(results: Results, groups: tuple[str, ...]) -> dict:
    out = {}
    for g in groups:
        times = [t.seconds for t in results.turns if t.group == g and t.ok]
        out[g] = {"n": len(times), "p50": percentile(times, 50), "p95": percentile(times, 95)}
    out["errors"] = sum(not t.ok for t in results.turns)
    out["turns"] = len(results.turns)
    return out


def kinds_table(results: dict[str, Results]) -> list[str]:
    """p50 / p95 per kind of turn, one column pair per mode."""
    modes = list(results)
    kinds = list(dict.fromkeys(t.kind for r in results.values() for t in r.turns))
    lines = ["| kind of turn | " + " | ".join(f"{m}: n, p50 / p95 ms" for m in modes) + " |",
             "|---|" + "---|" * len(modes)]
    for k in kinds:
        cells = []
        for m in modes:
            times = [t.seconds for t in results[m].turns if t.kind == k and t.ok]
            cells.append(f"{len(times)}, {ms(percentile(times, 50))} / {ms(percentile(times, 95))}" if times else "-")
        lines.append(f"| {k} | " + " | ".join(cells) + " |")
    return lines


def warm_up(rasa_url: str, deadline: float) -> None:
    """One conversation of each kind, not counted: the first calls load Rasa's graph and the action server's caches."""
    Conversation(rasa_url, f"warm-greeting-{time.time_ns()}", deadline).run(GREETING, "greeting", None)
    Conversation(rasa_url, f"warm-analysis-{time.time_ns()}", deadline).run(
        analysis_turns(WARM_UP_PAIR, "bank teller"), "analysis", None)


def latency_mode(rasa_url: str, args, deadline: float) -> int:
    """Issue 4: greeting vs analysis turns, one user and ``--users`` users, alternating rounds."""
    modes = {"1 user": 1, f"{args.users} users": args.users}
    results = {m: Results() for m in modes}
    counter = 0
    for rnd in range(args.rounds):
        for mode, users in modes.items():
            per_round = args.conversations * users
            for group in ("greeting", "analysis"):
                make = greeting_conversation if group == "greeting" else analysis_conversation
                convs = [(group, make(counter + i)) for i in range(per_round)]
                counter += per_round
                started = time.monotonic()
                run_users(rasa_url, users, convs, f"{group}-{users}u-r{rnd}", deadline, results[mode])
                print(f"  round {rnd + 1}, {mode}, {group}: {per_round} conversations in {time.monotonic() - started:.0f} s",
                      file=sys.stderr)
    print()
    print("| users | greeting turns: n, p50 / p95 ms | analysis turns: n, p50 / p95 ms | analysis / greeting at p50 | errors |")
    print("|---|---|---|---|---|")
    verdicts = []
    for mode in modes:
        s = summarise(results[mode], ("greeting", "analysis"))
        ratio = s["analysis"]["p50"] / s["greeting"]["p50"]
        verdicts.append(ratio <= BUDGET_RATIO and s["errors"] == 0)
        print(f"| {mode} | {s['greeting']['n']}, {ms(s['greeting']['p50'])} / {ms(s['greeting']['p95'])} | "
              f"{s['analysis']['n']}, {ms(s['analysis']['p50'])} / {ms(s['analysis']['p95'])} | "
              f"**{ratio:.2f}** (budget {BUDGET_RATIO}) {'OK' if ratio <= BUDGET_RATIO else 'OVER'} | {s['errors']} |")
    print()
    print("\n".join(kinds_table(results)))
    return 0 if all(verdicts) else 1


def twenty_turns(n: int, turns: int) -> list[tuple[str, str]]:
    """A long conversation: greeting turns around analyses of two job pairs, cut or repeated to ``turns``."""
    script = (GREETING[:2] + analysis_conversation(n) + GREETING[3:4] + analysis_conversation(n + 10)[1:]
              + GREETING[-1:])
    while len(script) < turns:
        script += analysis_conversation(n + len(script))[1:]
    return script[:turns]


def load_mode(rasa_url: str, args, deadline: float) -> int:
    """Issue 8: one user alone, then ``--users`` conversations of ``--turns`` turns at once."""
    results = {"1 user": Results(), f"{args.users} users": Results()}
    started = time.monotonic()
    run_users(rasa_url, 1, [("turn", twenty_turns(n, args.turns)) for n in range(args.conversations)], "load-1u",
              deadline, results["1 user"])
    single_s = time.monotonic() - started
    started = time.monotonic()
    run_users(rasa_url, args.users, [("turn", twenty_turns(n, args.turns)) for n in range(args.users)],
              f"load-{args.users}u", deadline, results[f"{args.users} users"])
    load_s = time.monotonic() - started
    planned = args.users * args.turns
    print()
    print("| users at once | conversations x turns | messages answered | errors | of which cut at --max-seconds "
          "| p50 ms | p95 ms | max ms | wall time |")
    print("|---|---|---|---|---|---|---|---|---|")
    ok = True
    for mode, wall, convs in (("1 user", single_s, args.conversations), (f"{args.users} users", load_s, args.users)):
        r = results[mode]
        times = [t.seconds for t in r.turns if t.ok]
        errors = sum(not t.ok for t in r.turns)
        cut = sum(not t.ok and "cut at" in t.error for t in r.turns)
        ok &= errors == 0
        print(f"| {mode} | {convs} x {args.turns} | {len(times)} | {errors} | {cut} | {ms(percentile(times, 50))} | "
              f"{ms(percentile(times, 95))} | {ms(max(times) if times else float('nan'))} | {wall:.0f} s |")
    answered = sum(t.ok for t in results[f"{args.users} users"].turns)
    load_turns = sum(1 for t in results[f"{args.users} users"].turns if t.kind != "choose")
    if load_turns < planned:
        ok = False
        print(f"\nonly {load_turns} of {planned} planned messages were sent before --max-seconds ({args.max_seconds} s)")
    for t in [t for r in results.values() for t in r.turns if not t.ok][:10]:
        print(f"error: {t.kind}: {t.error}")
    p95_1 = percentile([t.seconds for t in results["1 user"].turns if t.ok], 95)
    p95_n = percentile([t.seconds for t in results[f"{args.users} users"].turns if t.ok], 95)
    print(f"\np95 with {args.users} at once / p95 alone: {p95_n / p95_1:.1f}x; {answered} answers")
    print()
    print("\n".join(kinds_table(results)))
    return 0 if ok else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", help="base URL of a running Rasa server (default: start the whole bot here)")
    ap.add_argument("--users", type=int, default=10, help="people talking at once (default 10)")
    ap.add_argument("--turns", type=int, help="issue-8 load test: conversations of this many turns, --users at once")
    ap.add_argument("--conversations", type=int, default=2,
                    help="conversations per user and round (latency mode), or alone before the load (load mode)")
    ap.add_argument("--rounds", type=int, default=2, help="greeting/analysis rounds, alternating (latency mode)")
    ap.add_argument("--max-seconds", type=float, default=1800, help="stop sending after this long (default 1800)")
    args = ap.parse_args()

    stack = None
    if args.url:
        rasa_url = args.url.rstrip("/")
    else:
        started = time.monotonic()
        stack = BotStack(Path(tempfile.mkdtemp(prefix="careerbot-bench-"))).up()
        rasa_url = stack.rasa_url
        print(f"bot started in {time.monotonic() - started:.0f} s ({stack.folder})", file=sys.stderr)
    try:
        deadline = time.monotonic() + args.max_seconds
        started = time.monotonic()
        warm_up(rasa_url, deadline)
        print(f"warm-up (not counted): one greeting and one analysis conversation, {time.monotonic() - started:.0f} s",
              file=sys.stderr)
        load = os.getloadavg()
        print(f"machine: {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}, "
              f"load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} at the start")
        code = load_mode(rasa_url, args, deadline) if args.turns else latency_mode(rasa_url, args, deadline)
        load = os.getloadavg()
        print(f"\nload average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}; "
              f"warm-up conversations not counted")
        return code
    finally:
        if stack:
            stack.down()


if __name__ == "__main__":
    raise SystemExit(main())
