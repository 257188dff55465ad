"""A simulated job seeker holding a whole conversation with the running bot over the REST channel.

The corpus (tests/corpus/, written by people who never saw data/nlu/ and never copied into it) gives each
person's first message, what they mean (acceptable O*NET-SOC codes for the job they have and the job
they want, or "explore"; their state) and how they would plainly answer the bot's questions. The
simulated user sends the first message, then reads each reply as a person would:

* a comparison ("Cashiers → Registered Nurses (Texas)") or suggestions ("Jobs you could move into from
  Cashiers"): right, or wrong, in which case they correct it in plain words ("no, I'm a cashier");
* a question ("What job do you do now?", "Which state are you in?", "What do you do at Amazon?"): the
  plain answer; choices offered as buttons: the button whose code is right for the question the
  button answers (its payload names it), or "none of these";
* anything else: the facts in one sentence.

What the bot understood from the first message is read from its tracker store (the slots after that
turn), so "understood" means what the bot holds, not what it happened to say. ``bench/conversations.py``
runs the whole corpus; tests/test_understanding.py a CI-sized part with budgets.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from tests.servers import rest_say

CORPUS = Path(__file__).resolve().parent / "corpus"
MAX_TURNS = 6
# "Cashiers → Registered Nurses (Texas)", also as "I still have Cashiers → Registered Nurses (Texas). To change it ..."
PAIR = re.compile(r"^(?:I still have )?(?P<current>.+?) → (?P<target>.+?) \((?P<where>[^()]+)\)(?:\. To change it|$)", re.M)
# "Jobs you could move into from Cashiers, near Registered Nurses (the job you named) (pays more), with pay in Maine."
EXPLORE = re.compile(r"^Jobs you could move into from (?P<current>.+?)(?:, counting all your jobs \([^()]*\))?"
                     r"(?:, near .+? \(the job you named\))?"
                     r"(?: \([^()]*\))?, with (?:pay in |U\.S\.-wide)", re.M)
# "Jobs that fit what you like (helping, teaching or caring for people), with pay in Ohio." (no job to start from)
INTERESTS = re.compile(r"^Jobs that fit what you like \(.+?\), with (?:pay in |U\.S\.-wide)", re.M)
TARGET_ONLY = re.compile(r"^What it takes to get into this job \((?P<target>.+)\):", re.M)


def load(name: str) -> list[dict]:
    return [json.loads(line) for line in (CORPUS / name).read_text().splitlines() if line.strip()]


def matches(codes, code: str | None) -> bool:
    """Whether an O*NET-SOC code is one of the acceptable ones ("none"/"explore" accept only themselves)."""
    if isinstance(codes, str):
        return code == codes
    return bool(code) and code in codes


@dataclass
class Analysis:
    current: str | None  # code, or None
    target: str | None  # code, "explore", or None
    state: str | None  # state name as shown, or "U.S.-wide"; None when the answer doesn't say


@dataclass
class Outcome:
    id: str
    turns: int = 0  # messages the person sent until the right analysis (or until they gave up)
    right: bool = False
    self_comparison: bool = False
    understood: dict = field(default_factory=dict)  # current / target / state: from the first message
    transcript: list = field(default_factory=list)


class Titles:
    """Official O*NET titles -> codes, and state names -> postal codes, from the store."""

    def __init__(self, engine):
        from knowledge import models as m

        with engine.connect() as conn:
            self.codes = dict(conn.execute(sa.select(m.Occupation.title, m.Occupation.code)).all())
            self.states = {name: postal for postal, name in conn.execute(
                sa.select(m.Area.state, m.Area.name).where(m.Area.kind == "S")).all() if postal}


def read_analysis(text: str, titles: Titles) -> Analysis | None:
    found = PAIR.search(text)
    if found:
        return Analysis(titles.codes.get(found["current"]), titles.codes.get(found["target"]), found["where"])
    found = EXPLORE.search(text)
    if found:
        return Analysis(titles.codes.get(found["current"]), "explore", None)
    if INTERESTS.search(text):
        return Analysis(None, "explore", None)
    found = TARGET_ONLY.search(text)
    if found:
        return Analysis(None, titles.codes.get(found["target"]), None)
    return None


def slots_now(tracker: sa.engine.Engine, sender: str) -> dict:
    """The conversation's slots as the tracker store holds them."""
    events = sa.Table("events", sa.MetaData(), sa.Column("id", sa.Integer), sa.Column("sender_id", sa.String),
                      sa.Column("type_name", sa.String), sa.Column("data", sa.Text))
    with tracker.connect() as conn:
        rows = conn.execute(sa.select(events.c.type_name, events.c.data).where(events.c.sender_id == sender)
                            .order_by(events.c.id)).all()
    slots: dict = {}
    for type_name, data in rows:
        if type_name == "slot":
            event = json.loads(data)
            slots[event["name"]] = event.get("value")
        elif type_name in ("reset_slots", "restart"):
            slots = {}
    return slots


class SimulatedUser:
    def __init__(self, rasa_url: str, tracker: sa.engine.Engine, titles: Titles, sender: str, case: dict):
        self.rasa_url, self.tracker, self.titles, self.sender, self.case = rasa_url, tracker, titles, sender, case
        self.outcome = Outcome(case["id"])
        self.last_question: str | None = None

    def say(self, message: str) -> str:
        replies = rest_say(self.rasa_url, self.sender, message)
        self.outcome.transcript.append((message, replies))
        self.outcome.turns += 1
        self.replies = replies
        return "\n".join(r.get("text") or "" for r in replies)

    # -- judging what the bot said -------------------------------------------------------------

    def right(self, a: Analysis) -> bool:
        c = self.case
        if c["target"] == "explore":
            return a.target == "explore" and (c["current"] == "none" or matches(c["current"], a.current))
        if not matches(c["target"], a.target):
            return False
        if c["current"] == "none":
            return True  # no job: the target alone (or a comparison with whatever they did before) names it
        if not matches(c["current"], a.current):
            return False
        return a.state is None or self.titles.states.get(a.state) == c["state"]

    def correction(self, a: Analysis) -> str:
        c = self.case
        if a.current and a.current == a.target:
            return "no. " + all_facts(c)
        if c["target"] != "explore" and not matches(c["target"], a.target):
            if c["current"] != "none" and matches(c["target"], a.current):
                return "you got it backwards"
            return f"no, the job I want is {c['target_answer']}"
        if c["current"] != "none" and not matches(c["current"], a.current):
            return f"no, the job I have now is {c['current_answer']}"
        if c["target"] == "explore" and a.target != "explore":
            return "I'm not sure what I want, can you suggest some jobs?"
        return f"I'm in {c['state_answer']}"

    # -- answering -----------------------------------------------------------------------------

    def answer(self, text: str) -> str:
        c = self.case
        buttons = [b for r in self.replies for b in r.get("buttons") or []]
        choice = self.choose(buttons)
        if choice:
            return choice
        low = text.lower()
        if "which one:" in low or "which state" in low or "state are you in" in low or "know the state" in low:
            self.last_question = "state"
            return c["state_answer"]
        if "what job would you like" in low or "job you want" in low or "which job would you like" in low:
            self.last_question = "target"
            return c["target_answer"]
        if ("what job do you do" in low or "what do you do at" in low or "day to day" in low
                or "job you have" in low or "what you do" in low):
            self.last_question = "current"
            return c["current_answer"] if c["current"] != "none" else "I don't have a job"
        if "couldn't match" in low or "no match" in low:
            return c["target_answer"] if self.last_question == "target" else c["current_answer"]
        return all_facts(c)

    def choose(self, buttons: list[dict]) -> str | None:
        c = self.case
        jobs = [(b, json.loads(b["payload"][b["payload"].index("{"):]) if "{" in b["payload"] else {})
                for b in buttons if b["payload"].startswith(("/choose_job", "/inform"))]
        for button, entities in jobs:
            for which in ("current", "target"):
                code = entities.get(f"{which}_job")
                if code and c[which] not in ("none", "explore") and matches(c[which], code):
                    return button["payload"]
            if entities.get("state") == c["state"]:
                return button["payload"]
        if any(entities.get("current_job") or entities.get("target_job") for _b, entities in jobs) \
                and not any(b["title"].startswith("Compare") for b in buttons):
            return "none of these"
        if c["target"] == "explore" and any(b["payload"] == "/explore" for b in buttons):
            return "/explore"
        liked = [b for b in buttons if b["payload"].startswith('/explore{"interests"')]
        if c["target"] == "explore" and liked:
            return liked[0]["payload"]  # asked what they like, with no job to start from: any one is a plain answer
        return None

    # -- the conversation ----------------------------------------------------------------------

    def run(self, first: list[str] | None = None) -> Outcome:
        """The first message (or a scripted opening), then plain answers until the right analysis."""
        script = first or [self.case["text"]]
        text = self.say(script[0])
        slots = slots_now(self.tracker, self.sender)
        self.outcome.understood = understood(self.case, slots)
        for message in script[1:]:
            text = self.say(message)
        while True:
            analysis = read_analysis(text, self.titles)
            if analysis and analysis.current and analysis.current == analysis.target:
                self.outcome.self_comparison = True
            if analysis and self.right(analysis):
                self.outcome.right = True
                return self.outcome
            if self.outcome.turns >= MAX_TURNS + len(script) - 1:
                return self.outcome
            text = self.say(self.correction(analysis) if analysis else self.answer(text))


def all_facts(c: dict) -> str:
    """Everything in one message, as a person who lost patience would put it."""
    have = ("I don't have a job" if c["current"] == "none" else c["current_answer"] if
            c["current_answer"].lower().startswith(("i ", "i'm", "im ")) else f"I'm a {c['current_answer']}")
    want = ("I'm not sure what I want, show me some options" if c["target"] == "explore"
            else f"I want to be a {c['target_answer']}")
    return f"{have}. {want}. I live in {c['state_answer']}"


def understood(case: dict, slots: dict) -> dict:
    """Which of the facts the first message states the bot holds after it."""
    out = {}
    if case.get("current_says") and case["current"] != "none":
        out["current"] = matches(case["current"], slots.get("current_code"))
    if case.get("target_says"):
        out["target"] = (slots.get("target_job") == "explore" if case["target"] == "explore"
                         else matches(case["target"], slots.get("target_code")))
    if case.get("state_says"):
        out["state"] = slots.get("state") == case["state"]
    return out


def summary(outcomes: list[Outcome]) -> dict:
    def share(key: str) -> tuple[int, int]:
        got = [o.understood[key] for o in outcomes if key in o.understood]
        return sum(got), len(got)

    right = [o for o in outcomes if o.right]
    turns = sorted(o.turns for o in right)
    return {"conversations": len(outcomes), "right": len(right),
            "right_within_6": sum(o.turns <= MAX_TURNS for o in right),
            "median_turns": turns[len(turns) // 2] if turns else None,
            "self_comparisons": sum(o.self_comparison for o in outcomes),
            **{f"understood_{k}": share(k) for k in ("current", "target", "state")}}
