"""Steering: what the bot does with a message it did not understand or can't help with (fallback, out of
scope, a topic such as a résumé), inside a form or outside one, and starting over or stopping.
"""
from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import profile_fixes, store
from actions.career_form import give_up, say
from actions.tracker import active_form, has_code, latest_entities, latest_intent, latest_text, ran_since_last_message
from actions.tries import after_failed_try, this_try
from bot import replies
from bot.limits import CHOICES_AT_TRY, MAX_FAILURES, MAX_STATE_FAILURES
from bot.replies import handoff, scope

MISS_INTENTS = ("nlu_fallback", "out_of_scope")
# what a question of the level or ladder form takes when the person can't answer it: placed from the answers
# so far, no experience, no credits
GIVEN_UP = {"level_answer": "done", "years_experience": "0 months", "college_credits": "0"}


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
        told = profile_fixes.told_of_story(dispatcher, tracker)  # "does my cashier experience count?" (DIET: unsure)
        if told is not None and not active_form(tracker):  # a correction answers again; a question was answered
            answered = any(e.get("name") == "prompted" for e in told)
            return [e for e in told if e.get("name") != "prompted"] + ([] if answered else [FollowupAction("action_answer")])
        misses = 0
        for e in reversed(tracker.events):
            if e.get("event") == "user":
                if ((e.get("parse_data") or {}).get("intent") or {}).get("name") in MISS_INTENTS:
                    misses += 1
                else:
                    break
        form = active_form(tracker)
        topic = latest_entities(tracker).get("topic")
        if topic in scope.TOPICS:
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
        """A résumé, job listings, a complaint, Spanish: what the bot can't do and where to go, a different
        wording each time; a person: how a counselor may reach them (or, when they typed a number or address
        with the request, that it is passed on). A form the message interrupted goes on (its question is asked
        again; after a person's consent question, once the consent is answered: bot/rasa_server.py)."""
        users = [e for e in tracker.events if e.get("event") == "user"]
        latest = (users[-1].get("metadata") or {}) if users else {}
        if users and users[-1].get("text") == latest_text(tracker):  # this message: not one before it
            users.pop()
        times = sum(1 for e in users if any(x.get("entity") == "topic" and x.get("value") == topic
                                            for x in (e.get("parse_data") or {}).get("entities") or []))
        if topic == "person":
            given = latest.get(handoff.CONTACT_GIVEN)
            if given in ("phone", "email"):  # "can someone call me at ...": the Rasa server recorded it already
                say(dispatcher, handoff.request_recorded(given, times))
                return [SlotSet("asked_for_person", True)]
            # what happens and how a counselor may reach them; the Rasa server reads the answer (bot/handoff.py)
            # and then asks the interrupted form's question: not here too, two questions in one turn
            say(dispatcher, handoff.ask_consent(times))
            return [SlotSet("asked_for_person", True)] + ([SlotSet("prompted", True)] if form else [])
        has_jobs = bool(has_code(tracker, "current") or has_code(tracker, "target"))
        say(dispatcher, scope.topic_reply(topic, times, has_jobs))
        return []

    @staticmethod
    def in_form(dispatcher: CollectingDispatcher, tracker: Tracker, form: str) -> list[EventType]:
        """Something that doesn't answer the form's question counts as a failed try at it: after a few the
        question is dropped (job: go on without it; state: national figures; level quiz: place from what was
        answered), so nobody is stuck in a loop."""
        requested = tracker.get_slot("requested_slot")
        n = this_try(tracker)
        answer_like = latest_intent(tracker) in MISS_INTENTS + ("affirm", "deny")
        if form == "career_form" and requested in ("current_job", "target_job") and answer_like:
            which = requested.split("_")[0]
            if tracker.get_slot("job_candidates") and latest_intent(tracker) == "deny":
                # "none of these" to a list of choices: ask again in other words; not a failed try
                say(dispatcher, scope.none_of_these(which))
                return [SlotSet("job_candidates", None), SlotSet("candidates_for", None), SlotSet("prompted", True)]
            say(dispatcher, replies.unknown_job(latest_text(tracker), n, which))
            candidates = replies.example_job_choices() if n == CHOICES_AT_TRY else None
            return slot_events(after_failed_try(n, MAX_FAILURES, give_up(tracker, which), {
                "prompted": True, "job_candidates": candidates, "candidates_for": which if candidates else None}))
        if form == "career_form" and requested == "state" and answer_like:
            postal = store.find_state(latest_text(tracker))
            if postal:  # "OK", "HI", "OH" read as a yes or a greeting: to "Which state?" they are states
                return [SlotSet("state", postal), SlotSet("failures", 0)]
            say(dispatcher, replies.unknown_state(latest_text(tracker), n))
            return slot_events(after_failed_try(n, MAX_STATE_FAILURES, {"state": store.NATIONAL}, {"prompted": True}))
        say(dispatcher, replies.steer_in_form())  # the form asks its question again after this
        given_up = GIVEN_UP.get(requested)
        if not given_up:  # nothing to go on with instead (the situation): the question stays
            return [SlotSet("failures", n)]
        return slot_events(after_failed_try(n, MAX_FAILURES, {requested: given_up}, {}))


def slot_events(slots: dict) -> list[EventType]:
    return [SlotSet(k, v) for k, v in slots.items()]


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


class ActionStrayNo(Action):
    """A "no" outside a form: after the read-back of their story ("Here's what I have: ... Anything wrong?") it
    is "Fix something", answered with what can be taken out; otherwise the bot asks what they would like next."""

    def name(self) -> str:
        return "action_stray_no"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        from actions import profile as person
        from bot.replies import profile as profile_replies

        current = has_code(tracker, "current")
        found = person.person_profile(tracker, current) if last_bot_text(tracker).startswith(READ_BACK) else None
        if not found:
            dispatcher.utter_message(response="utter_anything_else")
            return []
        _profile, names = found
        say(dispatcher, profile_replies.fix_prompt(
            [{"code": j.code, "name": names.get(j.code) or store.occupation(j.code).title} for j in found[0].jobs
             if j.code != current]))
        return []


READ_BACK = "Here's what I have:"


def last_bot_text(tracker: Tracker) -> str:
    """What the bot said last before the person's latest message."""
    events = tracker.events
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=len(events))
    return next((e.get("text") or "" for e in reversed(events[:last_user]) if e.get("event") == "bot"), "")
