"""Placement: the competency level a person is at in their job (a short yes / not-yet quiz from the job's
competency framework), and the class series' ladder (which civil-service level their experience and
college credits qualify them for, and what the next one needs).
"""
from __future__ import annotations

import logging
from typing import Any, Callable

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy import select

from actions import store
from actions.career_form import say
from actions.profile import current_months
from actions.questions import AskOnce
from actions.tracker import has_code
from actions.tries import after_failed_try, this_try
from bot import analysis_record, parse, replies
from bot.limits import MAX_LADDER_FAILURES
from knowledge import models as m
from knowledge.competency import framework_for, place, sample_statements
from knowledge.ladder import qualifying_levels

log = logging.getLogger(__name__)

LEVEL_SAMPLE = 2  # statements asked per competency level


# -- competency level --------------------------------------------------------------------------------------

def framework_for_person(tracker: Tracker) -> dict | None:
    with store.session() as conn:
        for code in (has_code(tracker, "current"), has_code(tracker, "target")):
            if code:
                fw = framework_for(conn, code)
                if fw:
                    return fw
    return None


def level_plan(framework: dict) -> list[tuple[str, str, str]]:
    """(level key, level label, statement) in the order they are asked."""
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

class ActionAskYearsExperience(AskOnce):
    slot = "years_experience"

    def messages(self, tracker: Tracker) -> list[dict]:
        return replies.ask_years()


class ActionAskCollegeCredits(AskOnce):
    slot = "college_credits"

    def messages(self, tracker: Tracker) -> list[dict]:
        return replies.ask_credits()


def ladder_applies(tracker: Tracker) -> bool:
    """Whether "do I qualify?" can be answered by a class series: their jobs are in one, or they named none (the
    series is what they came to ask about). A foreman's "do i need some cert to be foreman" is not about it."""
    codes = {has_code(tracker, "current"), has_code(tracker, "target")} - {None}
    return not codes or bool(codes & store.class_series().keys())


class ValidateLadderForm(FormValidationAction):
    def name(self) -> str:
        return "validate_ladder_form"

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> list[str]:
        return domain_slots if ladder_applies(tracker) else []  # nothing to ask: the result says why

    async def extract_years_experience(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                       domain: DomainDict) -> dict:
        """How long they have held the job of the series, said earlier ("customer service rep for 3 years"): the
        profile's years (actions/profile.py) answer the question instead of asking it again."""
        current = has_code(tracker, "current")
        if tracker.get_slot("years_experience") is None and current in store.class_series():
            months = current_months(tracker, current)
            if months is not None:
                return {"years_experience": f"{months:g} months"}
        return {}

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
        return self.answer_or_retry(dispatcher, tracker, "years_experience",
                                    None if months is None else f"{months} months", "0 months", replies.retry_years)

    def validate_college_credits(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: DomainDict) -> dict:
        read = parse.credits_of(value)
        return self.answer_or_retry(dispatcher, tracker, "college_credits",
                                    None if read is None else str(read[0]), "0", replies.retry_credits)

    @staticmethod
    def answer_or_retry(dispatcher: CollectingDispatcher, tracker: Tracker, slot: str, answer: str | None,
                        none: str, retry: Callable[[], list[dict]]) -> dict:
        """The slot as read from the answer; an answer that can't be read is asked about again until
        MAX_LADDER_FAILURES, then counted as ``none`` (no experience, no credits)."""
        if answer is not None:
            return {slot: answer, "failures": 0}
        if tracker.get_slot("requested_slot") != slot:
            return {slot: None}
        n = this_try(tracker)
        if n < MAX_LADDER_FAILURES:
            say(dispatcher, retry())
        return after_failed_try(n, MAX_LADDER_FAILURES, {slot: none}, {slot: None, "prompted": True})


class ActionLadderResult(Action):
    def name(self) -> str:
        return "action_ladder_result"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if not ladder_applies(tracker):
            target = store.occupation(has_code(tracker, "target") or has_code(tracker, "current"))
            say(dispatcher, replies.no_ladder(target.title if target else None, sorted(set(store.class_series().values()))))
            return []
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
    return list(conn.execute(select(m.Source.table_name, m.Source.citation)).all())
