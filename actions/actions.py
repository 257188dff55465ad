"""Custom actions: read the slots, ask knowledge/ (through actions.store), say it with bot.replies.

No analysis and no wording here: the actions decide which question was asked, what is still
missing, and which reply to send.
"""
from __future__ import annotations

import logging
import os
import re
from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import store
# the career form lives in its own module; its names are re-exported for the tests and bench/fuzz.py
from actions.career_form import (EXPLORE, MAX_FAILURES, MAX_STATE_FAILURES, SKIP, ActionAskCurrentJob,  # noqa: F401
                                 ActionAskSituation, ActionAskState, ActionAskTargetJob, AskOnce, ValidateCareerForm,
                                 give_up, job_slots, say)
from actions.tracker import (active_form, bot_said_recently, failures, has_code, last_value,  # noqa: F401
                             latest_entities, latest_intent, latest_text, prompted_this_turn, ran_since_last_message,
                             texts_since_intent)
from bot import analysis_record, parse, replies, replies_interests, replies_scope
from bot.understanding import preferences
from knowledge import interests

log = logging.getLogger(__name__)

LEVEL_SAMPLE = 2  # statements asked per competency level


class ActionAskYearsExperience(AskOnce):
    slot = "years_experience"

    def messages(self, tracker: Tracker) -> list[dict]:
        return replies.ask_years()


class ActionAskCollegeCredits(AskOnce):
    slot = "college_credits"

    def messages(self, tracker: Tracker) -> list[dict]:
        return replies.ask_credits()


# -- answers ---------------------------------------------------------------------------------------------

def _citations() -> dict:
    a = store.analyst()
    return {"ratings": a.cite("rating:knowledge") + "; " + a.cite("rating:abilities"), "wages": a.cite("wage"),
            "projections": a.cite("projection"), "zones": a.cite("job_zone_reference"), "related": a.cite("related_occupation")}


def _explore(dispatcher: CollectingDispatcher, tracker: Tracker, code: str) -> dict:
    """The suggestions from the job they have, read for what they asked ("that pays more", "not driving",
    "something in healthcare", the job they said they want), priced in their state (metro when known)."""
    from knowledge.suggestions import suggest

    wishes = preferences.wishes_in(texts_since_intent(tracker, "explore"))
    avoid = tracker.get_slot("avoid")  # "anything but a cashier": a title the understanding read as one to avoid
    if avoid and str(avoid).lower() not in wishes.avoid:
        wishes.avoid.append(str(avoid).lower())
    toward = last_value(tracker, "target_code")
    wishes.toward = toward if toward and toward != code else None
    found = suggest(store.analyst(), code, wishes, store.area_state(tracker.get_slot("state")), person_metro(tracker))
    toward_title = store.occupation(wishes.toward).title if found["toward_kept"] else None
    say(dispatcher, replies.explore(found, _citations(), toward_title))
    return analysis_record.exploration(store.occupation(code), found["destinations"])


def _target_profile(dispatcher: CollectingDispatcher, code: str, state: str | None) -> dict:
    from knowledge import lookup

    a = store.analyst()
    occ = store.occupation(code)
    area_code, area_name, postal = a.area(state)
    wages = a.wages(area_code).get(occ.soc) or (a.wages().get(occ.soc) if postal else None)
    if postal and not a.wages(area_code).get(occ.soc):
        area_name = "whole U.S."
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
        say(dispatcher, replies_interests.ask_interests())
        return []
    if letters != replies_interests.ANY:
        education = str(tracker.get_slot("education") or "")
        zone = max([z for z, said in DEGREE.items() if said.search(education)], default=interests.REACHABLE_ZONE)
        data = interests.suggest(store.analyst(), letters, state, max_zone=zone)
        if data["jobs"]:
            say(dispatcher, replies_interests.suggestions(data))
            return analysis_record.recorded(tracker, analysis_record.interest_jobs(data))
    starters = store.analyst().starter_jobs(state)
    say(dispatcher, replies.starter_jobs(starters))
    return analysis_record.recorded(tracker, analysis_record.starters(starters))


class ActionAnswer(Action):
    """The career form is complete: compare, explore, or describe the target alone."""

    def name(self) -> str:
        return "action_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        current, target = has_code(tracker, "current"), has_code(tracker, "target")
        state = store.area_state(tracker.get_slot("state"))
        key = f"{current}|{tracker.get_slot('target_job')}|{state}"
        if key == tracker.get_slot("last_answer"):  # a detail that changes nothing: don't repeat the answer
            if prompted_this_turn(tracker):
                return []  # the form asked something about the message instead ("the job you have, or want?")
            say(dispatcher, replies.noted(replies.pair_line(
                tracker.get_slot("current_title"), tracker.get_slot("target_title") if target else None,
                store.state_name(state))))
            return []
        return [SlotSet("last_answer", key)] + self.answer(dispatcher, tracker, current, target, state)

    @staticmethod
    def answer(dispatcher: CollectingDispatcher, tracker: Tracker, current: str | None, target: str | None,
               state: str | None) -> list[EventType]:
        if tracker.get_slot("target_job") == EXPLORE:
            if current:
                return analysis_record.recorded(tracker, _explore(dispatcher, tracker, current))
            return [SlotSet("target_job", None)] + no_job_suggestions(dispatcher, tracker, state)
        if current and target:
            c = store.compare(current, target, state)
            say(dispatcher, replies.compare_summary(c, store.report_link(current, target, state),
                                                    store.gap_chart_link(current, target, state)))
            for which, guess in (tracker.get_slot("guesses") or {}).items():
                title = tracker.get_slot(f"{which}_title")
                if guess.get("alternatives") and title:
                    say(dispatcher, replies.guess_note(which, guess["typed"], title, guess["alternatives"], guess.get("at")))
            return analysis_record.recorded(tracker, analysis_record.comparison("compare", c))
        elif target:
            return analysis_record.recorded(tracker, _target_profile(dispatcher, target, state))
        else:
            say(dispatcher, replies.need("both"))
        return []


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
                    dispatcher, has_code(tracker, "target"), store.area_state(tracker.get_slot("state"))))
            return named + need(dispatcher, tracker, missing)
        c = store.compare(has_code(tracker, "current"), has_code(tracker, "target"), store.area_state(tracker.get_slot("state")))
        say(dispatcher, self.reply(c, tracker))
        return named + analysis_record.recorded(tracker, analysis_record.comparison(self.name().removeprefix("action_"), c))

    @abstractmethod
    def reply(self, c: dict, tracker: Tracker) -> list[dict]:
        """The reply built from the comparison."""


class ActionGaps(NeedsBoth):
    def name(self) -> str:
        return "action_gaps"

    def reply(self, c: dict, tracker: Tracker) -> list[dict]:
        return replies.gaps_detail(c)


class ActionPay(NeedsBoth):
    def name(self) -> str:
        return "action_pay"

    def reply(self, c: dict, tracker: Tracker) -> list[dict]:
        return replies.pay(c, metro_wages(tracker, c))


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


class ActionTraining(Action):
    def name(self) -> str:
        return "action_training"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        from knowledge import lookup
        from knowledge.training import training_routes

        named = named_in_question(tracker)
        target = has_code(tracker, "target")
        if not target:
            return named + need(dispatcher, tracker, "target")
        a = store.analyst()
        state = store.area_state(tracker.get_slot("state"))
        occ = store.occupation(target)
        projection = lookup.projection_for(a.projections, occ.soc)
        metro = person_metro(tracker)  # schools in the city they named come first
        routes = training_routes(store.engine(), target, state, metro=metro[0] if metro else None,
                                 education=(projection or {}).get("entry_education"))
        say(dispatcher, replies.training(routes, store.state_name(state), a.zones.get(occ.job_zone), projection,
                                         a.cite("job_zone_reference"), a.cite("projection"), metro[1] if metro else None))
        return named + analysis_record.recorded(tracker, analysis_record.training(routes, state))


class ActionApprenticeships(Action):
    def name(self) -> str:
        return "action_apprenticeships"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        from knowledge import lookup

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
        return analysis_record.recorded(tracker, analysis_record.apprenticeships(groups))


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


# -- competency level --------------------------------------------------------------------------------------

def framework_for_person(tracker: Tracker) -> dict | None:
    from knowledge.competency import framework_for

    with store.session() as conn:
        for code in (has_code(tracker, "current"), has_code(tracker, "target")):
            if code:
                fw = framework_for(conn, code)
                if fw:
                    return fw
    return None


def level_plan(framework: dict) -> list[tuple[str, str, str]]:
    """(level key, level label, statement) in the order they are asked."""
    from knowledge.competency import sample_statements

    sample = sample_statements(framework, LEVEL_SAMPLE)
    return [(lv["key"], lv["label"], s) for lv in framework["levels"] for s in sample[lv["key"]]]


def next_question(framework: dict, answers: dict) -> tuple[int, str, str, str] | None:
    """(number, level key, label, statement) of the next statement to ask, or None when placement is done:
    every level asked, or a level where the person said 'not yet' to one (the levels above can't be met)."""
    count = {k: 0 for k in answers}
    for n, (key, label, statement) in enumerate(level_plan(framework), 1):
        if count.get(key, 0) < len(answers.get(key, [])):
            count[key] += 1
            continue
        earlier = [k for k in answers if k != key]
        if any(not all(answers[k]) for k in earlier):
            return None
        return n, key, label, statement
    return None


class ValidateLevelForm(FormValidationAction):
    def name(self) -> str:
        return "validate_level_form"

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> list[str]:
        return domain_slots if framework_for_person(tracker) else []

    def validate_level_answer(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: DomainDict) -> dict:
        framework = framework_for_person(tracker)
        answers = dict(tracker.get_slot("level_answers") or {})
        question = next_question(framework, answers) if framework else None
        if question is None:
            return {"level_answer": "done"}
        _n, key, _label, _statement = question
        answers[key] = list(answers.get(key, [])) + [value == "yes"]
        done = next_question(framework, answers) is None
        return {"level_answer": "done" if done else None, "level_answers": answers}


class ActionAskLevelAnswer(Action):
    def name(self) -> str:
        return "action_ask_level_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        framework = framework_for_person(tracker)
        if not framework:
            return []
        answers = tracker.get_slot("level_answers") or {}
        question = next_question(framework, answers)
        if question is None:
            return []
        n, _key, label, statement = question
        if n == 1:
            say(dispatcher, replies.level_intro(framework["title"]))
        say(dispatcher, replies.level_question(statement, n, label))
        return []


class ActionLevelResult(Action):
    def name(self) -> str:
        return "action_level_result"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        from knowledge.competency import place

        reset = [SlotSet("level_answer", None), SlotSet("level_answers", None)]
        framework = framework_for_person(tracker)
        if not framework:
            current = store.occupation(has_code(tracker, "current"))
            say(dispatcher, replies.no_framework(current.title if current else None,
                                                 sorted(store.frameworks_available().values())))
            return reset
        answers = tracker.get_slot("level_answers") or {}
        placed = place(framework, answers)
        say(dispatcher, replies.level_result(placed, framework))
        return reset + analysis_record.recorded(tracker, analysis_record.level(placed, framework))


# -- class series: "do I qualify for the next level?" ----------------------------------------------------

class ValidateLadderForm(FormValidationAction):
    def name(self) -> str:
        return "validate_ladder_form"

    async def extract_college_credits(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                      domain: DomainDict) -> dict:
        """Education named earlier ("I have an associate degree") answers the credits question."""
        if tracker.get_slot("college_credits") is None and tracker.get_slot("education"):
            read = parse.credits_of(tracker.get_slot("education"))
            if read is not None:
                return {"college_credits": str(read[0])}
        return {}

    def validate_years_experience(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: DomainDict) -> dict:
        months = parse.months_of(value)
        if months is not None:
            return {"years_experience": f"{months} months", "failures": 0}
        if tracker.get_slot("requested_slot") != "years_experience":
            return {"years_experience": None}
        n = failures(tracker) + 1
        if n >= 2:
            return {"years_experience": "0 months", "failures": 0}
        say(dispatcher, replies.retry_years())
        return {"years_experience": None, "failures": n, "prompted": True}

    def validate_college_credits(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: DomainDict) -> dict:
        read = parse.credits_of(value)
        if read is not None:
            return {"college_credits": str(read[0]), "failures": 0}
        if tracker.get_slot("requested_slot") != "college_credits":
            return {"college_credits": None}
        n = failures(tracker) + 1
        if n >= 2:
            return {"college_credits": "0", "failures": 0}
        say(dispatcher, replies.retry_credits())
        return {"college_credits": None, "failures": n, "prompted": True}


class ActionLadderResult(Action):
    def name(self) -> str:
        return "action_ladder_result"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        from knowledge import lookup
        from knowledge.ladder import qualifying_levels

        months = parse.months_of(tracker.get_slot("years_experience")) or 0.0
        credits = parse.credits_of(tracker.get_slot("college_credits")) or (0.0, True)
        education = parse.credits_of(tracker.get_slot("education")) if tracker.get_slot("education") else None
        high_school = education[1] if education else True
        with store.session() as conn:
            try:
                result = qualifying_levels(conn, months, credits[0], high_school=high_school)
            except (LookupError, ValueError) as exc:
                log.warning("ladder: %s", exc)
                say(dispatcher, replies.no_answer_yet("career ladder"))
                return []
            # time as a customer service representative counts toward the level that asks for it
            if has_code(tracker, "current") == result["occupation_code"]:
                result = qualifying_levels(conn, months, credits[0], high_school=high_school, months_as_representative=months)
            citation = next((c for t, c in _sources(conn) if t.startswith("class_level")), None)
        say(dispatcher, replies.ladder(result, citation))
        return analysis_record.recorded(tracker, analysis_record.ladder(result))


def _sources(conn) -> list[tuple[str, str]]:
    from sqlalchemy import select

    from knowledge import models as m

    return list(conn.execute(select(m.Source.table_name, m.Source.citation)).all())


# -- steering, starting over, stopping ---------------------------------------------------------------------

MISS_INTENTS = ("nlu_fallback", "out_of_scope")


class ActionSteerBack(Action):
    """Fallback and out-of-scope: say what the bot can do; after two misses in a row, offer buttons."""

    def name(self) -> str:
        return "action_steer_back"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if ran_since_last_message(tracker, self.name()):
            # predicted again in the same turn (the core fallback, when no rule fits): listen now, or Rasa
            # repeats it until its circuit breaker trips and never answers this sender again. A form the
            # message interrupted is taken up again, so the next answer goes to its question.
            form = active_form(tracker)
            return ([ActiveLoop(form)] if form else []) + [FollowupAction("action_listen")]
        misses = 0
        for e in reversed(tracker.events):
            if e.get("event") == "user":
                if ((e.get("parse_data") or {}).get("intent") or {}).get("name") in MISS_INTENTS:
                    misses += 1
                else:
                    break
        form = active_form(tracker)
        topic = latest_entities(tracker).get("topic")
        if topic in replies_scope.TOPICS:
            return self.on_topic(dispatcher, tracker, topic, form)
        if form:
            return self.in_form(dispatcher, tracker, form)
        if latest_entities(tracker).keys() & {"current_job", "target_job", "job"}:
            # unsure of the intent, sure of a job title ("I'm a cashier"): take it as the job facts it is
            return [FollowupAction("career_form")]
        say(dispatcher, replies.steer_back(max(misses, 1),
                                           bool(has_code(tracker, "current") or has_code(tracker, "target"))))
        return []


    @staticmethod
    def on_topic(dispatcher: CollectingDispatcher, tracker: Tracker, topic: str, form: str | None) -> list[EventType]:
        """A résumé, job listings, a person, a complaint, Spanish: what the bot can't do and where to go,
        a different wording each time; a form the message interrupted goes on (its question is asked again)."""
        times = sum(1 for e in tracker.events[:-1] if e.get("event") == "user"
                    and any(x.get("entity") == "topic" and x.get("value") == topic
                            for x in (e.get("parse_data") or {}).get("entities") or []))
        has_jobs = bool(has_code(tracker, "current") or has_code(tracker, "target"))
        say(dispatcher, replies_scope.topic_reply(topic, times, has_jobs))
        return [SlotSet("asked_for_person", True)] if topic == "person" else []

    @staticmethod
    def in_form(dispatcher: CollectingDispatcher, tracker: Tracker, form: str) -> list[EventType]:
        """Something that doesn't answer the form's question counts as a failed try at it: after a few the
        question is dropped (job: go on without it; state: national figures; level quiz: place from what was
        answered), so nobody is stuck in a loop."""
        requested = tracker.get_slot("requested_slot")
        n = failures(tracker) + 1
        answer_like = latest_intent(tracker) in MISS_INTENTS + ("affirm", "deny")
        if form == "career_form" and requested in ("current_job", "target_job") and answer_like:
            which = requested.split("_")[0]
            if tracker.get_slot("job_candidates") and latest_intent(tracker) == "deny":
                # "none of these" to a list of choices: ask again in other words; not a failed try
                say(dispatcher, replies_scope.none_of_these(which))
                return [SlotSet("job_candidates", None), SlotSet("candidates_for", None), SlotSet("prompted", True)]
            say(dispatcher, replies.unknown_job(latest_text(tracker), n, which))
            if n >= MAX_FAILURES:
                return [SlotSet(k, v) for k, v in give_up(tracker, which).items()]
            candidates = [{"code": c, "title": t} for t, c in replies.EXAMPLE_JOBS] if n == 2 else None
            return [SlotSet("failures", n), SlotSet("prompted", True), SlotSet("job_candidates", candidates),
                    SlotSet("candidates_for", which if candidates else None)]
        if form == "career_form" and requested == "state" and answer_like:
            postal = store.find_state(latest_text(tracker))
            if postal:  # "OK", "HI", "OH" read as a yes or a greeting: to "Which state?" they are states
                return [SlotSet("state", postal), SlotSet("failures", 0)]
            say(dispatcher, replies.unknown_state(latest_text(tracker), n))
            if n >= MAX_STATE_FAILURES:
                return [SlotSet("state", store.NATIONAL), SlotSet("failures", 0)]
            return [SlotSet("failures", n), SlotSet("prompted", True)]
        say(dispatcher, replies.steer_in_form())
        if n >= MAX_FAILURES and requested:
            done = {"level_answer": "done", "years_experience": "0 months", "college_credits": "0"}.get(requested)
            if done:
                return [SlotSet(requested, done), SlotSet("failures", 0)]
        return [SlotSet("failures", n)]


class ActionStartOver(Action):
    def name(self) -> str:
        return "action_start_over"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        say(dispatcher, replies.start_over())
        return [ActiveLoop(None), AllSlotsReset()]


class ActionStop(Action):
    def name(self) -> str:
        return "action_stop"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if latest_intent(tracker) != "goodbye":
            say(dispatcher, replies.stopped())
        return [ActiveLoop(None), SlotSet("requested_slot", None), SlotSet("prompted", None), SlotSet("failures", 0),
                SlotSet("level_answer", None), SlotSet("level_answers", None)]


if os.environ.get("CAREERBOT_WARM", "1") != "0":
    store.warm_or_exit()
