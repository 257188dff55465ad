"""careerbot against a bare Rasa bot, in one run on the same machine: how much the bot's own work costs on top
of Rasa's.

    .venv/bin/python bench/vs_bare_rasa.py                 # 5-8 minutes here, both bots started and stopped
    .venv/bin/python bench/vs_bare_rasa.py --rounds 3 --conversations 2   # twice the turns

The bare bot is what `rasa init --no-prompt` makes (the moodbot: Rasa's default pipeline and policies, the
in-memory tracker store, no action server), trained in a temporary folder in the same run; careerbot is the
whole bot as `make run` starts it (tests/servers.py BotStack: action server, Rasa server with the SQL
tracker store). Both get the same conversations over the REST channel (bench/rest_latency.py's greeting and
analysis conversations, one person and --users people at once), round after round, the two bots taking
turns, so that load from outside the benchmark falls on both alike. The machine is shared: the absolute
figures move with its load, the ratios between the bots are what the run measures.

messages/s is the messages answered in a batch (each person sends their next message when the last one is
answered) over the batch's wall time; p50 is one message's time from sending to having every reply. The
moodbot answers whatever it is told with its own intents; for it only an error status or a dropped
connection is an error, for careerbot also an empty answer or the apology for a failed action.
"""
from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.rest_latency import (Conversation, Results, analysis_conversation, greeting_conversation,  # noqa: E402
                                ms, percentile, warm_up)
from tests.servers import RASA, BotStack, environment, free_port, stop, wait_until_up  # noqa: E402

GROUPS = {"greeting": greeting_conversation, "analysis": analysis_conversation}
# the goals of issue 19, from the same run
MIN_THROUGHPUT_RATIO = 0.8  # careerbot's analysis messages/s at --users people, against the bare bot's
MAX_P50_RATIO = 2.0  # careerbot's p50 with one person, against the bare bot's


class BareRasa:
    """`rasa init`'s moodbot, trained and served from a temporary folder."""

    def __init__(self, folder: Path):
        self.folder, self.port, self.process = folder / "moodbot", free_port(), None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def up(self) -> "BareRasa":
        log = self.folder.parent / "moodbot-init.log"
        self.folder.mkdir()  # rasa init wants the folder there, and empty
        with log.open("w") as out:  # rasa init trains the model too
            subprocess.run([RASA, "init", "--no-prompt", "--init-dir", str(self.folder)], cwd=self.folder.parent,
                           stdout=out, stderr=subprocess.STDOUT, env=environment(), check=True)
        log = self.folder.parent / "moodbot.log"
        self.process = subprocess.Popen([RASA, "run", "--model", "models", "--port", str(self.port), "--interface",
                                         "127.0.0.1", "--credentials", "credentials.yml"], cwd=self.folder,
                                        stdout=log.open("w"), stderr=subprocess.STDOUT, env=environment(),
                                        start_new_session=True)
        wait_until_up(f"{self.url}/", self.process, log, "bare Rasa server")
        return self

    def down(self) -> None:
        if self.process:
            stop(self.process)


class BareConversation(Conversation):
    """The moodbot has no answer for most of careerbot's messages: an empty answer is not an error there."""

    def say(self, message: str):
        seconds, replies, error = super().say(message)
        return seconds, replies, "" if error == "no reply" else error


def batch(url: str, bare: bool, users: int, conversations: list, label: str, results: Results) -> float:
    """Run ``conversations`` with ``users`` people at once; the wall time."""
    talk = BareConversation if bare else Conversation

    def one(item):
        n, (group, turns) = item
        talk(url, f"vs-{label}-{n}-{time.time_ns()}", time.monotonic() + 600).run(turns, group, results)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=users) as pool:
        list(pool.map(one, enumerate(conversations)))
    return time.perf_counter() - started


def figures(results: Results, wall: float) -> dict:
    ok = [t.seconds for t in results.turns if t.ok]
    return {"n": len(ok), "per_s": len(ok) / wall if wall else float("nan"), "p50": percentile(ok, 50),
            "p95": percentile(ok, 95), "errors": [t for t in results.turns if not t.ok]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=10, help="people at once in the second setting (default 10)")
    ap.add_argument("--conversations", type=int, default=1, help="conversations per person per batch (default 1)")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of every batch, the bots taking turns (default 3)")
    args = ap.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="careerbot-vs-bare-"))
    bare, stack = BareRasa(folder), BotStack(folder / "careerbot")
    stack.folder.mkdir()
    started = time.monotonic()
    failed: list[BaseException] = []

    def bare_up():
        try:
            bare.up()
        except BaseException as exc:  # noqa: BLE001 - reported below, after careerbot is up too
            failed.append(exc)

    training = threading.Thread(target=bare_up)
    training.start()  # the moodbot trains while careerbot's servers read the store
    try:
        stack.up(only=("actions", "rasa"))
        training.join()
        if failed:
            raise failed[0]
        print(f"both bots up in {time.monotonic() - started:.0f} s ({folder})", file=sys.stderr)
        bots = {"careerbot": stack.rasa_url, "bare Rasa": bare.url}
        for name, url in bots.items():  # not counted: the first calls load each bot's graph and caches
            warm_up(url, time.monotonic() + 600)
        load = os.getloadavg()
        print(f"machine: {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}, "
              f"load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} at the start")
        settings = [(1, g) for g in GROUPS] + [(args.users, g) for g in GROUPS]
        results = {(b, u, g): Results() for b in bots for u, g in settings}
        walls = dict.fromkeys(results, 0.0)
        counter = 0
        for rnd in range(args.rounds):
            for users, group in settings:
                convs = [(group, GROUPS[group](counter + i)) for i in range(args.conversations * users)]
                counter += len(convs)
                order = list(bots) if rnd % 2 == 0 else list(bots)[::-1]
                for name in order:
                    key = (name, users, group)
                    walls[key] += batch(bots[name], name != "careerbot", users, convs, f"{group}-{users}-{rnd}",
                                        results[key])
            print(f"  round {rnd + 1} of {args.rounds} done, {time.monotonic() - started:.0f} s", file=sys.stderr)
        report(results, walls, settings, args.users)
        load = os.getloadavg()
        print(f"\nload average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}")
        return 0
    finally:
        stack.down()
        bare.down()


def report(results: dict, walls: dict, settings: list, users: int) -> None:
    f = {key: figures(results[key], walls[key]) for key in results}
    print()
    print("| people at once | conversations | careerbot: messages/s, p50 / p95 ms | bare Rasa: messages/s, p50 / p95 ms "
          "| careerbot / bare: messages/s | p50 | careerbot errors |")
    print("|---|---|---|---|---|---|---|")
    for u, g in settings:
        c, b = f[("careerbot", u, g)], f[("bare Rasa", u, g)]
        print(f"| {u} | {g} | {c['per_s']:.1f}, {ms(c['p50'])} / {ms(c['p95'])} | {b['per_s']:.1f}, {ms(b['p50'])} / "
              f"{ms(b['p95'])} | **{c['per_s'] / b['per_s']:.2f}x** | {c['p50'] / b['p50']:.2f}x | {len(c['errors'])} |")
    goals = [(f"analysis messages/s at {users} people >= {MIN_THROUGHPUT_RATIO}x the bare bot's",
              f[("careerbot", users, "analysis")]["per_s"] / f[("bare Rasa", users, "analysis")]["per_s"]
              >= MIN_THROUGHPUT_RATIO)]
    for u in (1, users):
        goals.append((f"greeting no slower than analysis at {u} people (messages/s)",
                      f[("careerbot", u, "greeting")]["per_s"] >= f[("careerbot", u, "analysis")]["per_s"]))
    for g in GROUPS:
        goals.append((f"{g} p50 with 1 person within {MAX_P50_RATIO}x the bare bot's",
                      f[("careerbot", 1, g)]["p50"] <= MAX_P50_RATIO * f[("bare Rasa", 1, g)]["p50"]))
    print()
    for goal, met in goals:
        print(f"- {goal}: {'met' if met else 'NOT met'}")
    for t in [t for key in results if key[0] == "careerbot" for t in results[key].turns if not t.ok][:10]:
        print(f"error: careerbot {t.kind}: {t.error}")


if __name__ == "__main__":
    raise SystemExit(main())
