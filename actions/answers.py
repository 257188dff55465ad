"""The answers to the person's questions once the jobs are known: the comparison, what is missing, the pay,
training, apprenticeships and other jobs to move into, or what a target job takes when there is no current job.

Each action reads the slots, asks knowledge/ (through actions.store) and sends what bot/replies words; when a
job the answer needs is missing, it asks for it (``need``) instead.
"""
from __future__ import annotations

import re
from abc import ABC, abstractmethod

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import profile as person
from actions import profile_answers, store
from actions.career_form import EXPLORE, SKIP, job_slots, say
from actions.tracker import (active_form, bot_said_recently, has_code, last_value, latest_entities, latest_text,
                             prompted_this_turn, texts_since_intent)
from bot import analysis_record, replies
from bot.replies import interests as interest_replies
from bot.replies import profile as profile_replies
from bot.replies import scope
from bot.understanding import asked, pay_terms, preferences
from knowledge import interests, lookup
from knowledge.analysis import EDUCATION_ELEMENTS
from knowledge.person.compare import compare_profile
from knowledge.suggestions import suggest
from knowledge.training import training_routes


def _citations() -> dict:
    a = store.analyst()
    return {"ratings": a.cite("rating:knowledge") + "; " + a.cite("rating:abilities"), "wages": a.cite("wage"),
            "projections": a.cite("projection"), "zones": a.cite("job_zone_reference"), "related": a.cite("related_occupation")}


def _explore(dispatcher: CollectingDispatcher, tracker: Tracker, code: str) -> dict:
    """The suggestions from the job they have, read for what they asked ("that pays more", "not driving",
    "something in healthcare", the job they said they want), priced in their state (metro when known)."""
    request = texts_since_intent(tracker, "explore")
    wishes = preferences.wishes_in(request)
    avoid = tracker.get_slot("avoid")  # "anything but a cashier": a title the understanding read as one to avoid
    # ... said with the ask: "I'm not a receptionist" earlier was a correction, "u didnt answer" no wish at all
    said_with_it = avoid and any(str(avoid).lower() in t.lower() for t in request)
    if said_with_it and str(avoid).lower() not in wishes.avoid:
        wishes.avoid.append(str(avoid).lower())
    toward = last_value(tracker, "target_code")
    wishes.toward = toward if toward and toward != code else None
    # with earlier jobs or unpaid work, measured from all of them (and "no degree" from their schooling)
    options, story = profile_answers.explore_options(tracker, code)
    found = suggest(store.analyst(), code, wishes, store.area_state(tracker.get_slot("state")), person_metro(tracker),
                    **options)
    toward_title = store.occupation(wishes.toward).title if found["toward_kept"] else None
    say(dispatcher, replies.explore(found, _citations(), toward_title, story))
    return analysis_record.exploration(store.occupation(code), found["destinations"])


def _target_profile(dispatcher: CollectingDispatcher, code: str, state: str | None,
                    metro: tuple[str, str] | None = None) -> dict:
    """The target alone: what it takes and its pay, in the person's metro when they named a city there (OEWS)."""
    a = store.analyst()
    occ = store.occupation(code)
    area_code, area_name, postal = a.area(state)
    wages = a.wages(area_code).get(occ.soc) or (a.wages().get(occ.soc) if postal else None)
    if postal and not a.wages(area_code).get(occ.soc):
        area_name = "whole U.S."
    if metro and a.wages(metro[0]).get(occ.soc):  # "what does a hygienist make in columbus?": Columbus's figure
        wages, area_name = a.wages(metro[0]).get(occ.soc), metro[1]
    say(dispatcher, replies.target_profile(occ.title, a.zones.get(occ.job_zone), lookup.projection_for(a.projections, occ.soc),
                                           wages, area_name, _citations()))
    return analysis_record.target_profile(occ, postal, wages, area_name)


DEGREE = {4: re.compile(r"\b(bachelor|college degree|4[- ]year degree|ba|bs|undergrad)", re.I),
          5: re.compile(r"\b(master|mba|phd|doctorate|professional degree)", re.I)}


def no_job_suggestions(dispatcher: CollectingDispatcher, tracker: Tracker, state: str | None) -> list[EventType]:
    """Someone with no job to start from: jobs that fit what they like (O*NET interest profiles) within the
    preparation they have; asked what they like when they haven't said; the jobs that hire most on request."""
    letters = tracker.get_slot("interests")
    if not letters:
        say(dispatcher, interest_replies.ask_interests())
        return []
    if letters != interest_replies.ANY:
        education = str(tracker.get_slot("education") or "")
        zone = max([z for z, said in DEGREE.items() if said.search(education)], default=interests.REACHABLE_ZONE)
        data = interests.suggest(store.analyst(), letters, state, max_zone=zone)
        if data["jobs"]:
            say(dispatcher, interest_replies.suggestions(data))
            return analysis_record.recorded(tracker, analysis_record.interest_jobs(data))
    starters = store.analyst().starter_jobs(state)
    say(dispatcher, replies.starter_jobs(starters))
    return analysis_record.recorded(tracker, analysis_record.starters(starters))


def _with_profile(tracker: Tracker, found, target: str, state: str | None) -> tuple[list[dict], list[dict], dict | None]:
    """What the rest of their story adds to the comparison of the job they have now (earlier jobs, unpaid work,
    schooling: knowledge/person/), the read-back of it to correct, and the profile's comparison for the record;
    nothing when they told of nothing more."""
    if not found:
        return [], [], None
    r = compare_profile(store.analyst(), found[0], target, state=state)
    back = person.read_back(found, store.state_name(state)) if person.worth_reading_back(found) else []
    return profile_replies.profile_note(r, found[1]), back, r


class ActionAnswer(Action):
    """The career form is complete: compare, explore, or describe the target alone."""

    def name(self) -> str:
        return "action_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        current, target = has_code(tracker, "current"), has_code(tracker, "target")
        state = store.area_state(tracker.get_slot("state"))
        found = person.person_profile(tracker, current)
        key = f"{current}|{tracker.get_slot('target_job')}|{state}" + person.fingerprint(found)
        metro, last = tracker.get_slot("metro"), str(tracker.get_slot("last_answer") or "")
        if current and target and metro and last.startswith(key + "|") and last != f"{key}|{metro}":
            # "what about in columbus instead?": the same pair in the same state, another city: its pay, not it all again
            c = store.compare(current, target, state)
            say(dispatcher, replies.pay(c, metro_wages(tracker, c)))
            return [SlotSet("last_answer", f"{key}|{metro}")]
        key += f"|{metro or ''}"
        if key == last:  # a detail that changes nothing: don't repeat the answer
            if prompted_this_turn(tracker):
                return []  # the form asked something about the message instead ("the job you have, or want?")
            if latest_entities(tracker).get("topic") in scope.TOPICS:
                return [FollowupAction("action_steer_back")]  # "can you write my resume for a loan officer job?"
            follow_up = FOLLOW_UPS.get(asked.asked_for(latest_text(tracker)) or "")
            if follow_up:  # "do I need a license to be a loan officer?": the jobs it names are the ones we have
                return [FollowupAction(follow_up)]
            if current and target and set(latest_entities(tracker)) == {"years"}:
                # "3 years" alone (asked how long they've done their job): their years beside the job's usual ones
                note = profile_answers.experience_answer(tracker, current, target)
                if note:
                    say(dispatcher, [{**note[0], "buttons": replies.follow_ups()}])
                    return []
            say(dispatcher, replies.noted(replies.pair_line(
                tracker.get_slot("current_title"), tracker.get_slot("target_title") if target else None,
                store.state_name(state))))
            return []
        return [SlotSet("last_answer", key)] + self.answer(dispatcher, tracker, current, target, state, found)

    @staticmethod
    def answer(dispatcher: CollectingDispatcher, tracker: Tracker, current: str | None, target: str | None,
               state: str | None, found=None) -> list[EventType]:
        if tracker.get_slot("target_job") == EXPLORE:
            if current:
                return analysis_record.recorded(tracker, _explore(dispatcher, tracker, current))
            return [SlotSet("target_job", None)] + no_job_suggestions(dispatcher, tracker, state)
        if current and target:
            c = store.compare(current, target, state)
            summary = replies.compare_summary(c, store.report_link(current, target, state, found and found[0]),
                                              store.gap_chart_link(current, target, state), metro_wages(tracker, c))
            # what the rest of their story adds comes right after the score of the job they have now
            note, back, r = _with_profile(tracker, found, target, state)
            say(dispatcher, summary[:1] + note + summary[1:] + weighed_note(tracker, c))
            for which, guess in (tracker.get_slot("guesses") or {}).items():
                title = tracker.get_slot(f"{which}_title")
                # the other job is never offered for this one: tapped, it would compare a job with itself
                others = [a for a in guess.get("alternatives") or [] if a["code"] not in (current, target)]
                if others and title:
                    say(dispatcher, replies.guess_note(which, guess["typed"], title, others, guess.get("at"),
                                                          guess.get("above")))
            say(dispatcher, back)  # last, so that the person can correct it before asking more
            return analysis_record.recorded(tracker, analysis_record.with_profile(analysis_record.comparison("compare", c), r))
        elif target and found and found[0].jobs:  # no paid job, but unpaid work: the profile is what they have
            r = compare_profile(store.analyst(), found[0], target, state=state)
            say(dispatcher, profile_replies.profile_answer(r, found[1], store.state_name(state))
                + person.read_back(found, store.state_name(state)))
            return analysis_record.recorded(tracker, analysis_record.profile(r))
        elif target:
            return analysis_record.recorded(tracker, _target_profile(dispatcher, target, state, person_metro(tracker)))
        else:
            say(dispatcher, replies.need("both"))
        return []


def weighed_note(tracker: Tracker, c: dict) -> list[dict]:
    """The pay of the other job they weigh beside the target ("chef or food service manager, which pays
    better?"), while it is another job than the two compared."""
    typed = tracker.get_slot("weighed_job")
    found = store.find_job(str(typed)) if typed else None
    if not found or found.status != "ok" or found.code in (c["from"]["code"], c["to"]["code"]):
        return []
    other = store.compare(c["from"]["code"], found.code, c["labor_market"]["area"]["state"])
    return replies.weighed_pay(c, other, metro_wages(tracker, c), metro_wages(tracker, other))


# the follow-up intents (bot/understanding/asked.py) and the actions that answer them (data/rules/rules.yml)
FOLLOW_UPS = {"ask_apprenticeship": "action_apprenticeships", "ask_training": "action_training", "ask_pay": "action_pay",
              "ask_gaps": "action_gaps", "explore": "action_explore"}


async def and_then(dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict, done: str,
                   events: list[EventType]) -> list[EventType]:
    """``events``, then the answer to the other part of a two-part question ("do i need a license? and what would
    i make in charlotte"), run here rather than predicted: one more answer, the next one asked for."""
    if getattr(tracker, "chained", False):
        return events
    for intent in asked.asked_all(latest_text(tracker)):
        name = FOLLOW_UPS[intent]
        if name != done and name in CHAINED:
            tracker.slots.update({e["name"]: e["value"] for e in events if e.get("event") == "slot"})
            tracker.chained = True  # the second answer answers no third part
            try:
                return events + await CHAINED[name]().run(dispatcher, tracker, domain)
            finally:
                tracker.chained = False
    return events


def need(dispatcher: CollectingDispatcher, tracker: Tracker, missing: str) -> list[EventType]:
    """Ask for the job a follow-up needs, and remember which, so that a bare title in reply fills it; inside
    the career form its own question comes next, so nothing is said twice."""
    if active_form(tracker) == "career_form":
        return []
    say(dispatcher, replies.need(missing))
    return [SlotSet("asked_for", missing if missing in ("current", "target") else None)]


def named_in_question(tracker: Tracker) -> list[EventType]:
    """A job named in the question itself ("what does a plumber make in Ohio?") arrives as a title the career
    form has not read: read it here when it clearly names one occupation, and keep it for what follows."""
    events = []
    for which in ("current", "target"):
        typed, code = tracker.get_slot(f"{which}_job"), has_code(tracker, which)
        if not typed or typed in (SKIP, EXPLORE) or typed == code:
            continue
        found = store.find_job(str(typed)) if not code else None
        if found and found.status == "ok":
            slots = job_slots(which, found.code, found.title)
        else:
            # words of the question that name no job ("do i need to be certified"), or a second job beside the
            # one we have: not kept as an answer, or the next question would be about them
            slots = {f"{which}_job": code}
        tracker.slots.update(slots)
        events += [SlotSet(k, v) for k, v in slots.items()]
    return events


class NeedsBoth(Action, ABC):
    """A follow-up on the comparison of the current and the target job."""

    def missing(self, tracker: Tracker) -> str | None:
        current, target = has_code(tracker, "current"), has_code(tracker, "target")
        if current and target:
            return None
        return "target" if current else "current" if target else "both"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        named = named_in_question(tracker)
        missing = self.missing(tracker)
        if missing:
            if missing == "current" and self.name() == "action_pay":  # pay needs only the target
                return named + analysis_record.recorded(tracker, _target_profile(
                    dispatcher, has_code(tracker, "target"), store.area_state(tracker.get_slot("state")),
                    person_metro(tracker)))
            return named + need(dispatcher, tracker, missing)
        c = store.compare(has_code(tracker, "current"), has_code(tracker, "target"), store.area_state(tracker.get_slot("state")))
        say(dispatcher, self.reply(c, tracker))
        return await and_then(dispatcher, tracker, domain, self.name(), named + analysis_record.recorded(
            tracker, analysis_record.comparison(self.name().removeprefix("action_"), c)))

    @abstractmethod
    def reply(self, c: dict, tracker: Tracker) -> list[dict]:
        """The reply built from the comparison."""


class ActionGaps(NeedsBoth):
    def name(self) -> str:
        return "action_gaps"

    def reply(self, c: dict, tracker: Tracker) -> list[dict]:
        return profile_answers.gaps(tracker, c) or replies.gaps_detail(c)  # their earlier jobs' levels count too


class ActionPay(NeedsBoth):
    def name(self) -> str:
        return "action_pay"

    def reply(self, c: dict, tracker: Tracker) -> list[dict]:
        weighing = asked.weighs(latest_text(tracker))  # "which pays better?": the other job's pay beside it
        return replies.pay(c, metro_wages(tracker, c), pay_terms.asked(latest_text(tracker))) + (
            weighed_note(tracker, c) if weighing else [])


def person_metro(tracker: Tracker) -> tuple[str, str] | None:
    """(OEWS metro area code, name) when the person named a city in their state ("Austin"), else None."""
    metro, state = tracker.get_slot("metro"), store.area_state(tracker.get_slot("state"))
    name = store.metro_name(metro)
    if not name or not state or not name.rstrip().endswith(state) and f", {state}" not in name and f"-{state}" not in name:
        return None
    return str(metro), name


def metro_wages(tracker: Tracker, c: dict) -> dict | None:
    """The OEWS metro area's wages of both jobs, when the person named a city in their state ("Austin")."""
    metro = person_metro(tracker)
    if not metro:
        return None
    metro, name = metro
    wages = store.analyst().wages(metro)
    sides = {side: wages.get(c[side]["soc"]) for side in ("to", "from")}
    return {"name": name, **sides} if any(sides.values()) else None


REQUIRED_EDUCATION = next(e for e, key in EDUCATION_ELEMENTS.items() if key == "required_education")  # O*NET 2.D.1


class ActionTraining(Action):
    def name(self) -> str:
        return "action_training"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        named = named_in_question(tracker)
        target = has_code(tracker, "target")
        if not target:
            return named + need(dispatcher, tracker, "target")
        if latest_entities(tracker).get("topic") == "experience":  # "is 2 years enough?": that, not the schools
            note = profile_answers.experience_answer(tracker, has_code(tracker, "current"), target)
            if note:
                say(dispatcher, [{**note[0], "buttons": replies.follow_ups()}])
                return named
        a = store.analyst()
        state = store.area_state(tracker.get_slot("state"))
        occ = store.occupation(target)
        projection = lookup.projection_for(a.projections, occ.soc)
        metro = person_metro(tracker)  # schools in the city they named come first
        routes = training_routes(store.engine(), target, state, metro=metro[0] if metro else None,
                                 education=(projection or {}).get("entry_education"))
        needed = replies.said_needed(a.education.get(target, {}).get(REQUIRED_EDUCATION, []), a.cite("education_experience"))
        messages = replies.training(routes, store.state_name(state), a.zones.get(occ.job_zone), projection,
                                    a.cite("job_zone_reference"), a.cite("projection"), metro[1] if metro else None,
                                    needed)
        # their schooling and years against how people start, right after the usual start
        messages[1:1] = profile_answers.training_note(tracker, has_code(tracker, "current"), target)
        say(dispatcher, messages)
        return await and_then(dispatcher, tracker, domain, self.name(),
                              named + analysis_record.recorded(tracker, analysis_record.training(routes, state)))


class ActionApprenticeships(Action):
    def name(self) -> str:
        return "action_apprenticeships"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        target, current = has_code(tracker, "target"), has_code(tracker, "current")
        # the current job's routes only when there is no target or the person asks about it ("for my current job")
        asked_current = bool(re.search(r"\b(current|my (own |present )?job|i do now|i have now)\b",
                                       (tracker.latest_message or {}).get("text") or "", re.I))
        codes = list(dict.fromkeys(c for c in (target, current if asked_current or not target else None) if c))
        if not codes:
            say(dispatcher, replies.need("both"))
            return []
        with store.session() as conn:
            groups = [(title, replies.named_like(title, lookup.apprenticeships(conn, c)))
                      for c, title in ((c, store.occupation(c).title) for c in codes)]
            citation = lookup.citation(conn, "apprenticeship")
        say(dispatcher, replies.apprenticeships(groups, citation))
        return await and_then(dispatcher, tracker, domain, self.name(),
                              analysis_record.recorded(tracker, analysis_record.apprenticeships(groups)))


class ActionExplore(Action):
    def name(self) -> str:
        return "action_explore"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        current = has_code(tracker, "current")
        if not current and latest_entities(tracker).keys() & {"current_job", "job", "military", "employer"}:
            # "Telemarketer, what else can I do?": the job comes with the question; the form reads it first
            return [SlotSet("target_job", EXPLORE), SlotSet("target_code", None), SlotSet("target_title", None),
                    FollowupAction("career_form")]
        if active_form(tracker) == "career_form" or not current:
            events = [SlotSet("target_job", EXPLORE), SlotSet("target_code", None), SlotSet("target_title", None)]
            if not current:
                events += no_job_suggestions(dispatcher, tracker, store.area_state(tracker.get_slot("state")))
                if active_form(tracker) == "career_form":
                    events.append(SlotSet("prompted", True))  # the form need not ask again
            return events
        return analysis_record.recorded(tracker, _explore(dispatcher, tracker, current))


class ActionMethod(Action):
    """"What does 80 out of 100 mean?", "where's the pay from?": how the figures are made, from the store's sources."""

    def name(self) -> str:
        return "action_method"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        answer = replies.method(_citations())
        if bot_said_recently(tracker, answer[0]["text"]):  # never the same explanation twice in a row
            answer = replies.method_again()
        say(dispatcher, answer)
        return []


# the answers a two-part question's second part may ask for (``and_then``)
CHAINED = {"action_pay": ActionPay, "action_training": ActionTraining, "action_gaps": ActionGaps,
           "action_apprenticeships": ActionApprenticeships}
