"""The questions of the forms: each asked once per turn, unless a validator already asked it in its own words
(with choices, or a hint about what it couldn't read). The career form's four, and ``AskOnce`` for the others
(actions/placement.py)."""
from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import store
from actions.career_form import say
from actions.tracker import latest_entities, prompted_this_turn
from bot import replies


class AskOnce(Action):
    """Asks for a form slot unless a validator already prompted this turn (with choices or a hint)."""

    slot = ""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    def messages(self, tracker: Tracker) -> list[dict]:
        raise NotImplementedError

    def asked(self, tracker: Tracker) -> list[EventType]:
        """Slots that remember what this question said."""
        return []

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if prompted_this_turn(tracker):
            return [SlotSet("prompted", None)]
        say(dispatcher, self.messages(tracker))
        return self.asked(tracker) + ([SlotSet("prompted", None)] if tracker.get_slot("prompted") else [])


def ask_current(tracker: Tracker) -> list[dict]:
    entities = latest_entities(tracker)
    if entities.get("military"):
        return replies.ask_military(again=bool(tracker.get_slot("asked_military")))
    if entities.get("employer"):
        return replies.ask_at_employer(entities["employer"])
    return replies.ask_job("current")


def asked_military(tracker: Tracker) -> list[EventType]:
    return [SlotSet("asked_military", True)] if latest_entities(tracker).get("military") else []


class ActionAskSituation(AskOnce):
    slot = "situation"

    def messages(self, tracker: Tracker) -> list[dict]:
        return ask_current(tracker)

    def asked(self, tracker: Tracker) -> list[EventType]:
        return asked_military(tracker)


class ActionAskCurrentJob(AskOnce):
    slot = "current_job"

    def messages(self, tracker: Tracker) -> list[dict]:
        return ask_current(tracker)

    def asked(self, tracker: Tracker) -> list[EventType]:
        return asked_military(tracker)


class ActionAskTargetJob(AskOnce):
    slot = "target_job"

    def messages(self, tracker: Tracker) -> list[dict]:
        return replies.ask_job("target", tracker.get_slot("situation"), tracker.get_slot("current_title"))


class ActionAskState(AskOnce):
    slot = "state"

    def messages(self, tracker: Tracker) -> list[dict]:
        city = latest_entities(tracker).get("city")
        if city:
            choices = [c.split(":") for c in city.split(",") if ":" in c]
            return replies.ask_which_state([(postal, store.state_name(postal), metro or None)
                                            for postal, metro in choices])
        return replies.ask_state()
