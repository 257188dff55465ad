"""The Rasa server as careerbot runs it: ``python -m bot.rasa_server run ...`` takes exactly the arguments of
``rasa`` (run, shell, ...) and adds two behaviours: when a custom action cannot run, the person is told so and
their message is undone, instead of getting no answer and a half-applied turn; and a flood of messages
waits its turn in line instead of starving the messages already being answered. It also checks the action
server's answers against Rasa's schema without checking the schema itself each time (below).

What Rasa 3.6 does on its own: when the action server is down (or answers 500 because the knowledge store
is missing or locked), ``RemoteAction.run`` raises and ``MessageProcessor._run_action`` logs the exception
and drops the action's events, but still records the action as executed and predicts on. The person gets
no reply at all, and the slots the message filled (before validation) stay set: a form would go on with a
job title that was never checked.

What happens here instead: the failed action is caught (``GuardedAction``), the whole turn is taken back
(``undo_turn``: the person's message and everything it did are dropped from the conversation before Rasa
stores it, so the tracker store holds exactly what it held before the message), the person gets the reply
from ``bot.replies.lookup_unavailable`` ("I can't look that up right now ..."), and the turn ends. Whatever
the failure hit (a form's validation, the question it asks next, the final answer), sending the message
again once the action server is back carries on as if nothing had happened. A failed action also ends
after ``CAREERBOT_ACTION_TIMEOUT`` seconds (default 30) rather than Rasa's 5 minutes, for an action server
that hangs instead of dying. (Rasa's ``UserUtteranceReverted`` event is not used for this: inside a form
Rasa already folds the turn's user message into the form's previous run, so that event would undo every
answer the form had collected.)

Why a subclass of ``MessageProcessor`` installed by this launcher: Rasa 3.6 has no setting for it. The
``action_endpoint`` is always read as a plain ``EndpointConfig`` (no ``type:`` for a custom class), its
plugin hooks are only loaded from the commercial ``rasa_plus`` package, policies and NLU components never
see action failures, and a proxy in front of the action server could answer for it but could not undo the
slots Rasa itself sets while running a form. The processor is the one place every action, including
those a form runs inside itself, goes through. The hook is a single method; ``tests/test_faults.py``
checks the behaviour against the pinned Rasa version.

Why a line for messages (``CAREERBOT_CONCURRENT_MESSAGES``, default 10 at a time per Rasa server): Rasa
runs NLU and the policies on its event loop without yielding, and yields only while it waits for the
action server or the tracker store. With 50 people at once every waiting turn had 49 others' NLU runs to
sit through each time it awaited, so a turn's action call could take longer than its timeout and
people got "I can't look that up right now" from a healthy bot (bench/rest_latency.py's load test, 90
of 1,000 turns). Admitting a few messages at a time, first come first served, keeps each admitted
turn's waits short; the others queue in front of the processor, where waiting costs nothing. More Rasa
servers (deploy/), not a longer line, is the answer to more people. Why 10 and not 4: with 4, the event
loop sat idle while all four waited for the action server or the tracker store; 10 answered more messages
a second with 10 people at once (bench/vs_bare_rasa.py, one run each at the same machine load: greeting
9.6 -> 11.5, analysis 10.6 -> 11.1, the analysis gain within this shared machine's noise), and
an admitted turn still waits behind at most 9 others (about 1 s here, against the 30 s action timeout).

Why the action server's answers are checked here: Rasa 3.6 checks every answer against its response schema
with ``jsonschema.validate``, which first checks the schema itself against JSON Schema's metaschema, every
time: 35 ms of the Rasa server's event loop per custom action call, 40% of its busy time in a turn here
(bench/profile_turns.py; the bare Rasa bot makes no such calls). ``check_action_result`` checks the same
answer against the same schema with one validator made once (under 1 ms); an answer that fails goes to
Rasa's own check, which raises its own error.
"""
from __future__ import annotations

import asyncio
import logging
import os
import sys
from functools import lru_cache
from typing import Any, List

from jsonschema.validators import validator_for
from rasa.core.actions.action import Action, ActionExecutionRejection, RemoteAction, action_for_name_or_text
from rasa.core.channels.channel import UserMessage
from rasa.core.policies.policy import PolicyPrediction
from rasa.core.processor import MessageProcessor
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import (ActionExecuted, BotUttered, ConversationPaused, ConversationResumed, Event, SlotSet,
                                     UserUttered)

from bot import handoff, replies
from bot.prediction import RulesFirst
from bot.replies import handoff as handoff_wording
from bot.limits import cap_message, disarm_commands

log = logging.getLogger(__name__)
ACTION_TIMEOUT = float(os.environ.get("CAREERBOT_ACTION_TIMEOUT", "30"))
CONCURRENT_MESSAGES = int(os.environ.get("CAREERBOT_CONCURRENT_MESSAGES", "10"))


def undo_turn(tracker) -> None:
    """Drop the latest user message and every event after it from ``tracker`` (not stored yet: Rasa
    saves the tracker when the turn ends), and recompute its slots and form from what is left."""
    events = tracker.events
    last_user = next((i for i in range(len(events) - 1, -1, -1) if isinstance(events[i], UserUttered)), None)
    if last_user is None:  # no message to take back (an action run through the HTTP API)
        return
    while len(events) > last_user:
        events.pop()
    tracker._reset()  # Rasa's own way back to a consistent state: reset, then replay the kept events
    tracker.replay_events()


def asked_for_person_now(tracker) -> bool:
    """Whether the turn since the person's latest message set the ``asked_for_person`` slot."""
    for event in reversed(tracker.events):
        if isinstance(event, (UserUttered, ConversationPaused, ConversationResumed)):
            return False
        if isinstance(event, SlotSet) and event.key == "asked_for_person" and event.value:
            return True
    return False


def is_person_request(parse: dict) -> bool:
    return any(e.get("entity") == "topic" and e.get("value") == "person" for e in parse.get("entities") or [])


def without_person_asked_for(parse: dict) -> dict:
    """``parse`` without the job titles that are the person asked for: in "can I talk to a career counselor" or
    "have a counselor email me at ..." the counselor is who they want, not a job of theirs (the job facts
    reader takes every title; inside the career form one became their job and the request was lost). A job
    said outside the request's words ("I'm a cashier, can a counselor call me") is kept."""
    if not is_person_request(parse):
        return parse
    from bot.understanding.component import JOB_ENTITIES
    from bot.understanding.person_requests import CALLBACK_REQUEST, PERSON_REQUEST

    text = parse.get("text") or ""
    spans = [m.span() for pattern in (PERSON_REQUEST, CALLBACK_REQUEST) for m in pattern.finditer(text)]
    kept = [e for e in parse["entities"] if e.get("entity") not in JOB_ENTITIES
            or not any(start <= (e.get("start") or 0) and (e.get("end") or 0) <= end for start, end in spans)]
    return {**parse, "entities": kept}


class GuardedAction(Action):
    """Runs ``action``; when it fails, sets ``failed`` and returns no events instead of raising."""

    def __init__(self, action: Action) -> None:
        self.action = action
        self.failed = False

    def name(self) -> str:
        return self.action.name()

    def event_for_successful_execution(self, prediction: Any) -> ActionExecuted:
        return self.action.event_for_successful_execution(prediction)

    async def run(self, output_channel, nlg, tracker, domain) -> List[Event]:
        try:
            return await asyncio.wait_for(self.action.run(output_channel, nlg, tracker, domain), ACTION_TIMEOUT)
        except ActionExecutionRejection:
            raise  # not a failure: the action asks the policies for another one
        except Exception as exc:  # noqa: BLE001 - any failure gets the same plain answer
            self.failed = True
            log.error("action %s failed for %s (%s: %s); told them to try again and undid their message",
                      self.name(), tracker.sender_id, exc.__class__.__name__, str(exc)[:300])
            return []


class CareerbotProcessor(MessageProcessor):
    """Rasa's processor, with every action run through ``GuardedAction``: after a failure the turn is
    undone, the person is told to try again, and no further action is predicted."""

    _line: asyncio.Semaphore | None = None  # made on first use, inside the server's event loop

    async def handle_message(self, message):
        if self._line is None:
            self._line = asyncio.Semaphore(max(1, CONCURRENT_MESSAGES))
        async with self._line:
            self.contacts.pop(message.sender_id, None)  # one left by a turn that failed is not this turn's
            handoffs = self.handoffs()
            stage = await asyncio.to_thread(handoffs.stage, message.sender_id) if handoffs else None
            if stage in (handoff.TAKEN, handoff.CLOSED):
                # what a counselor wrote that the person's channel could not show yet (REST, SMS answer requests)
                for text in await asyncio.to_thread(handoffs.undelivered, message.sender_id):
                    await message.output_channel.send_response(message.sender_id, {"text": text})
            if stage == handoff.TAKEN:
                return await self.to_counselor(message)
            if stage == handoff.ASKED:
                answered = await self.consent_answer(message, handoffs)
                if answered is not False:
                    return answered
            return await super().handle_message(message)

    # -- a person's request for a counselor (bot/handoff.py) ----------------------------------------------

    _handoffs: handoff.Handoffs | None = None

    @property
    def contacts(self) -> dict:
        """sender id -> (choice, contact) typed with a request for a person this turn, until the turn is saved."""
        if "_contacts" not in self.__dict__:
            self._contacts = {}
        return self._contacts

    def handoffs(self) -> handoff.Handoffs | None:
        """The handoff table on the tracker store's database (None when the tracker store is not SQL)."""
        if self._handoffs is None:
            from bot.channels.ledger import _sql_engine

            engine = _sql_engine(getattr(self, "tracker_store", None))  # none in tests/test_faults.py's bare processor
            if engine is not None:
                self._handoffs = handoff.Handoffs(engine)
        return self._handoffs

    async def to_counselor(self, message):
        """A counselor has this conversation: the message is stored (the console shows it), the bot says nothing."""
        await self.log_message(message, should_save_tracker=True)
        return getattr(message.output_channel, "messages", None)

    async def consent_answer(self, message, handoffs: handoff.Handoffs):
        """The answer to "how may a counselor reach you?": recorded, the contact apart from the transcript (the
        message is stored with it masked). A message that is no answer is left to the bot (False)."""
        choice = handoff.read_choice(message.text)
        if choice is None:
            await asyncio.to_thread(handoffs.answer, message.sender_id, None, None)
            return False
        kind, contact = choice
        if contact:
            message.text = handoff.without_contact(message.text)
        tracker = await self.log_message(message, should_save_tracker=False)
        await asyncio.to_thread(handoffs.answer, message.sender_id, kind, contact)
        for reply in handoff_wording.consent_recorded(kind):
            tracker.update(BotUttered(reply["text"], {"buttons": reply.get("buttons") or None}, {"handoff": "consent"}))
            await message.output_channel.send_response(message.sender_id, dict(reply))  # it takes the text out
        await self.ask_form_question(tracker, message.output_channel)
        await self.save_tracker(tracker)
        return getattr(message.output_channel, "messages", None)

    async def ask_form_question(self, tracker, output_channel) -> None:
        """The question of the form the request for a person interrupted ("What job do you do now?"), asked
        once the consent is answered (actions/steering.py did not ask it with the consent question). Run
        as Rasa runs any action, without GuardedAction: if it fails, the consent stays recorded and the
        question is just not asked; then the bot listens, as at the end of every turn."""
        slot = tracker.get_slot("requested_slot")
        name = f"action_ask_{slot}"
        if not tracker.active_loop_name or not slot or name not in self.domain.action_names_or_texts:
            return
        action = action_for_name_or_text(name, self.domain, self.action_endpoint)
        await MessageProcessor._run_action(self, action, tracker, output_channel, self.nlg,
                                           PolicyPrediction.for_action_name(self.domain, name))
        tracker.update(ActionExecuted(ACTION_LISTEN_NAME))

    async def parse_message(self, message, tracker=None, only_output_properties: bool = True) -> dict:
        return without_person_asked_for(await super().parse_message(message, tracker, only_output_properties))

    async def _handle_message_with_tracker(self, message, tracker) -> None:
        """A request for a person that carries its contact ("can someone call me at 207-555-0100") is the request
        and its answer at once: the NLU and the transcript get the message with the contact taken out ("... call
        me at [phone]"; an address's "example.com" is no job then), and the action learns from the message's
        metadata that a number or address came with it (never the contact: that stays here, and goes into the
        handoff table when the turn is saved). A message with a number that is no such request is read as typed."""
        given = handoff.contact_in(message.text) if not message.parse_data and self.handoffs() else None
        if given:
            masked = UserMessage(handoff.without_contact(message.text), message.output_channel, message.sender_id,
                                 input_channel=message.input_channel, message_id=message.message_id,
                                 metadata=message.metadata)
            parse = await self.parse_message(masked, tracker)
            if is_person_request(parse):
                message.text, message.parse_data = masked.text, parse
                message.metadata = {**(message.metadata or {}), handoff_wording.CONTACT_GIVEN: given[0]}
                self.contacts[message.sender_id] = given
        await super()._handle_message_with_tracker(message, tracker)

    async def save_tracker(self, tracker) -> None:
        await super().save_tracker(tracker)
        given = self.contacts.pop(tracker.sender_id, None)
        if (given or asked_for_person_now(tracker)) and self.handoffs():
            # the bot (actions/steering.py) has just asked how a counselor may reach them: the next message answers,
            # unless this one carried the contact (recorded even when the turn went to a job said with it)
            await asyncio.to_thread(self._handoffs.ask, tracker.sender_id, tracker.get_latest_input_channel(),
                                    *(given or ()))

    def _predict_next_with_tracker(self, tracker):
        # bot/prediction.py: TED is not run when the rules already decide the action
        if "_rules_first" not in self.__dict__:
            self._rules_first = RulesFirst.for_runner(self.graph_runner, self.model_metadata.core_target)
            log.info("rules first: %s", "on" if self._rules_first else "off (this model's policies)")
        if self._rules_first is None or tracker.followup_action:
            return super()._predict_next_with_tracker(tracker)
        return self._rules_first.predict(self.graph_runner, self.model_metadata.core_target, tracker, self.domain)

    async def log_message(self, message, should_save_tracker: bool = True):
        # every channel's messages come through here; bot/limits.py says why
        message.text = disarm_commands(cap_message(message.text))
        return await super().log_message(message, should_save_tracker)

    async def _run_action(self, action, tracker, output_channel, nlg, prediction) -> bool:
        guarded = GuardedAction(action)
        predict_more = await super()._run_action(guarded, tracker, output_channel, nlg, prediction)
        if not guarded.failed:
            return predict_more
        undo_turn(tracker)
        for message in replies.lookup_unavailable():
            await output_channel.send_response(tracker.sender_id, message)
        return False


@lru_cache(maxsize=None)
def action_result_validator():
    schema = RemoteAction.action_response_format_spec()
    validator = validator_for(schema)
    validator.check_schema(schema)  # once, not per call
    return validator(schema)


RASA_CHECK = RemoteAction._validate_action_result


def check_action_result(action: RemoteAction, result: dict) -> bool:
    """``RemoteAction._validate_action_result`` with the validator made once; Rasa's own raises for a bad answer."""
    return action_result_validator().is_valid(result) or RASA_CHECK(action, result)


def install() -> None:
    """Make ``rasa.core.agent`` build its processor from ``CareerbotProcessor``, and check action results once."""
    import rasa.core.agent

    rasa.core.agent.MessageProcessor = CareerbotProcessor
    RemoteAction._validate_action_result = check_action_result


def main() -> None:
    install()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
