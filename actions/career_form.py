"""The career form: the job the person has (or had), the job they want (or "explore"), and their state.

The NLU component (bot/understanding/component.py) says which title is which: ``current_job`` and
``target_job`` when the words around it say so, ``job`` when they don't (domain.yml gives it to the
question asked). Here each is checked against the store, and the pair is settled so that it can't go
wrong silently: a job is never compared with itself, "backwards" / "swap them" swaps, a correction
that names the other job ("no, I'm the RN") swaps, and a list of choices answers only the question it
was offered for.
"""
from __future__ import annotations

import re
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import profile_fixes, store
from knowledge import lookup
from actions.tracker import has_code, is_whole_message, latest_entities, latest_text, previous_value
from actions.tries import after_failed_try, this_try
from bot import parse, replies
from bot.limits import CHOICES_AT_TRY, MAX_FAILURES, MAX_STATE_FAILURES
from bot.understanding.cues import is_question
from knowledge.title_spans import words

LAID_OFF_WORDS = re.compile(r"laid|layed|fired|let go|lost|downsiz|eliminat|closed|shut|cut|redundan|unemploy", re.I)
NO_JOB_SITUATIONS = ("no_job", "student")
SKIP = "skip"  # current_job / target_job: the person could not name one; go on without it
EXPLORE = "explore"  # target_job: suggest destinations instead of comparing with one
OTHER = {"current": "target", "target": "current"}
MILITARY_WORDS = re.compile(r"\b(army|navy|marines?|usmc|air force|coast guard|national guard|military|infantry|"
                            r"rifleman|soldier|sailor|airman|mos|\d{2}[A-Z]\d?)\b", re.I)
RESTATED = re.compile(r"\bthe job i (have|want|do|'d like)\b|\b(that's|thats|that is) (not|wrong)\b|\bi said\b", re.I)
RESTATED_WITHIN = 0.3  # a restated title's readings offered: those this close to the one we took
OWN_TITLE = 0.95  # a reading this sure is the occupation's own title ("welder"): restating it changes nothing
CORRECTION = re.compile(r"^\W*(no|nope|nah|not|wrong|actually|i said|i meant|that's not|thats not)\b"
                        r"|\bthe job i (have|want|do|'d like)\b", re.I)
# "No. I still want financial analyst", "you had it right the first time": the reading stands, whatever the "no"
STANDS = re.compile(r"\bstill\b|\bright the first time\b|\bthat'?s (?:right|it)\b", re.I)


def say(dispatcher: CollectingDispatcher, messages: list[dict]) -> None:
    for m in messages:
        # "image": a picture URL (the gap chart); each channel shows it its own way (bot/channels/render.py)
        dispatcher.utter_message(text=m["text"], buttons=m.get("buttons") or [], image=m.get("image"))


def said_now(tracker: Tracker, text: str) -> bool:
    """Whether a job's words come from the latest message: one of its entities, or the whole message."""
    said = {str(v).strip().lower() for v in latest_entities(tracker).values()}
    return text.lower() in said or is_whole_message(tracker, text)


def past_jobs(tracker: Tracker, current_code: str) -> list[dict] | None:
    """The jobs the latest message says they held before the current one, each read as one occupation, with how
    long ("I was a cashier for 3 years and then a bank teller for 2"): the person's profile (knowledge/person/)."""
    entities = (tracker.latest_message or {}).get("entities") or []
    jobs = []
    for e in entities:
        if e.get("entity") != "past_job":
            continue
        found = store.find_job(str(e.get("value")))
        if found.status == "ok" and found.code != current_code and found.code not in {j["code"] for j in jobs}:
            jobs.append({"code": found.code, "title": found.title, "typed": str(e.get("value")), "years": e.get("years")})
    return jobs or None


def _an_earlier_job(tracker: Tracker, value: Any, before: dict) -> dict | None:
    """A job said in the past once the bot has the one they have ("I was a shift manager at Walgreens for 3
    years", then a pharmacy tech): an earlier job, added to their story; the job they have stays."""
    said = next((e for e in (tracker.latest_message or {}).get("entities") or [] if e.get("entity") == "current_job"), {})
    if not said.get("was") or not before["current"] or profile_fixes.corrects(latest_text(tracker)):
        return None
    found = store.find_job(str(value))
    # an earlier job read among several: the likeliest counts in their story (the job compared is not at stake)
    best = {"code": found.code, "title": found.title} if found.status == "ok" else (found.candidates or [None])[0]
    if not best or best["code"] in before.values():
        return None
    past = [j for j in tracker.get_slot("past_jobs") or [] if j["code"] != best["code"]]
    past.append({**best, "typed": str(said.get("value")), "years": said.get("years")})
    return {**job_slots("current", before["current"], previous_value(tracker, "current_title"),
                        previous_value(tracker, "current_job")), "past_jobs": past}


def job_slots(which: str, code: str | None, title: str | None, typed: str | None = None) -> dict:
    return {f"{which}_job": typed if typed is not None else code, f"{which}_code": code, f"{which}_title": title}


PLACE_ENTITIES = {"state", "metro", "city"}


def military_occupation(found: store.Found, text: str) -> dict | None:
    """O*NET's military occupation that the words name ("marine infantry" -> Infantry): a sure reading, or the
    first of several whose whole title they say ("army infantry": Infantry, not Infantry Officers)."""
    if found.status == "ok":
        best = {"code": found.code, "title": found.title}
    else:
        best = (found.candidates or [{}])[0]
        said = set(re.findall(r"[a-z]+", text.lower()))
        if not best or not set(re.findall(r"[a-z]+", best["title"].lower())) <= said:
            return None
    return best if best.get("code", "").startswith(store.MILITARY_GROUP) else None


def give_up(tracker: Tracker, which: str) -> dict:
    """The value a job question takes after MAX_FAILURES unusable answers: go on without it."""
    fallback = EXPLORE if which == "target" and has_code(tracker, "current") else SKIP
    return {f"{which}_job": fallback, f"{which}_code": None, f"{which}_title": None, "failures": 0,
            "job_candidates": None, "candidates_for": None}


class ValidateCareerForm(FormValidationAction):
    def name(self) -> str:
        return "validate_career_form"

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> list[str]:
        situation = tracker.get_slot("situation")
        slots = ["situation"] if situation else []  # never asked; validated when the message sets it
        if not (situation in NO_JOB_SITUATIONS and not tracker.get_slot("current_job")):
            slots.append("current_job")
        return slots + ["target_job", "state"]

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if (told := profile_fixes.told_of_story(dispatcher, tracker)) is not None:  # "no, teller was 4 years"
            tracker.slots.update({e["name"]: e["value"] for e in told if e.get("event") == "slot"})
            return told + [await self.next_requested_slot(dispatcher, tracker, domain)]
        events = await super().run(dispatcher, tracker, domain)
        settled = self.settle(dispatcher, tracker)
        if tracker.get_slot("asked_for"):
            settled["asked_for"] = None  # answered, or the conversation moved on
        tracker.slots.update(settled)
        if settled.get("current_code") and settled.get("target_code") and not tracker.get_slot("state"):
            # the pair changed ("backwards") while the state is still to come: say what stands now
            say(dispatcher, [replies.msg("OK: " + replies.pair_line(settled["current_title"], settled["target_title"], None)
                                         .removesuffix(" (U.S.-wide)") + ".")])
        if settled:  # the question to ask next was chosen before the pair was settled: choose it again
            events = [e for e in events if not (e.get("event") == "slot" and e.get("name") == "requested_slot")]
            events.append(await self.next_requested_slot(dispatcher, tracker, domain))
        return events + [SlotSet(k, v) for k, v in settled.items()]

    # -- the pair ------------------------------------------------------------------------------

    @staticmethod
    def settle(dispatcher: CollectingDispatcher, tracker: Tracker) -> dict:
        """After every slot of this turn is validated: swap when asked, never a job compared with itself."""
        entities = latest_entities(tracker)
        current, target = has_code(tracker, "current"), has_code(tracker, "target")
        before = {w: previous_value(tracker, f"{w}_code") for w in ("current", "target")}
        changed = {w: has_code(tracker, w) != before[w] for w in ("current", "target")}

        def swapped() -> dict:
            return {**job_slots("current", target, tracker.get_slot("target_title")),
                    **job_slots("target", current, tracker.get_slot("current_title")), "last_answer": None}

        if entities.get("swap") and current and target and not any(changed.values()):
            named = {w: entities.get(f"{w}_job") for w in ("current", "target")}
            if any(named[w] and store.find_job(named[w]).code == has_code(tracker, w) for w in named):
                return {}  # "backwards. I'm the RN" when the RN is already the job they have: nothing to swap
            return swapped()
        if not (current and current == target):
            return {}
        # a question that names one of the two jobs asks about it ("do I need to be a CPA to work as an
        # accountant?", "are office clerk jobs shrinking?"): the pair stays as it was
        asked = is_question(latest_text(tracker), words(latest_text(tracker))) and not CORRECTION.search(latest_text(tracker))
        if changed["current"] and before["target"] == current and before["current"]:
            if asked:
                return job_slots("current", before["current"], previous_value(tracker, "current_title"))
            # "no, I'm the RN": the job they have is the one we had as the target; the other is the target
            return job_slots("target", before["current"], previous_value(tracker, "current_title"))
        if changed["target"] and before["current"] == target and before["target"]:
            if asked:
                return job_slots("target", before["target"], previous_value(tracker, "target_title"))
            return job_slots("current", before["target"], previous_value(tracker, "target_title"))
        typed = entities.get("current_job")
        if changed["current"] and changed["target"] and typed and entities.get("target_job"):
            # "data analyst ... want to become a data scientist", both read as Data Scientists: the job they
            # want is the exact title; the one they have gets its other readings to choose from
            others = store.other_jobs(typed, exclude={target}, close_only=True)
            if others:
                say(dispatcher, replies.same_reading(typed, tracker.get_slot("target_title") or "", others))
                return {**job_slots("current", None, None), "job_candidates": others, "candidates_for": "current",
                        "prompted": True}
        which = "target" if changed["target"] else "current"
        typed_now = entities.get(f"{which}_job") or entities.get("job")
        guessed = (tracker.get_slot("guesses") or {}).get(OTHER[which])
        others = store.other_jobs(typed_now, exclude={current}, limit=4) if typed_now and not guessed else []
        if others:
            # "marketing coordinator" when the job they want is marketing manager: both read as Marketing Managers;
            # the words just said get their other readings, so the same answer can't collide again (a loop)
            say(dispatcher, replies.same_reading(typed_now, tracker.get_slot(f"{which}_title") or "", others, which))
            return {**job_slots(which, None, None), "job_candidates": others, "candidates_for": which, "prompted": True}
        if changed["target"] and not changed["current"]:
            # the answer to "what job would you like?" is what we had taken for their job: the answer wins
            say(dispatcher, replies.target_not_current(tracker.get_slot("target_title") or ""))
            return {**job_slots("current", None, None), "prompted": True}
        say(dispatcher, replies.same_job(tracker.get_slot("current_title") or ""))
        return {**job_slots("target", None, None), "prompted": True}

    # -- one slot at a time --------------------------------------------------------------------

    def validate_situation(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                           domain: DomainDict) -> dict:
        entities = latest_entities(tracker)
        if value == "laid_off":
            if not LAID_OFF_WORDS.search(latest_text(tracker)):
                return {"situation": "working"}  # "I work as a cashier" read as laid off: no condolences
            say(dispatcher, replies.situation_ack("laid_off"))
        if value in NO_JOB_SITUATIONS and not (entities.get("current_job") or entities.get("job")):
            # "I don't have a job": forget a job named before, and don't ask for one
            return {"situation": value, **job_slots("current", None, None)}
        return {"situation": value}

    def validate_current_job(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> dict:
        entities = latest_entities(tracker)
        before = {w: previous_value(tracker, f"{w}_code") for w in ("current", "target")}
        if entities.get("job") and not entities.get("current_job") and tracker.get_slot("asked_for") == "target":
            # the answer to "Which job would you like to get into?", asked outside the form
            kept = job_slots("current", before["current"], previous_value(tracker, "current_title"),
                             previous_value(tracker, "current_job"))
            return {**kept, **self._job("target", value, dispatcher, tracker), "asked_for": None}
        if (entities.get("job") and not entities.get("current_job") and tracker.get_slot("requested_slot") is None
                and (before["current"] or before["target"])):
            # a title with no "I'm a" / "I want" once the bot has a job ("waitress"): ask which it is
            found = store.find_job(str(value))
            kept = job_slots("current", before["current"], previous_value(tracker, "current_title"),
                             previous_value(tracker, "current_job"))
            if found.status == "ok" and found.code not in before.values():
                say(dispatcher, replies.which_role(found.code, found.title))
                return {**kept, "prompted": True, "last_answer": tracker.get_slot("last_answer")}
            if found.status != "ok":
                return {**kept, **self._job("target" if before["current"] else "current", value, dispatcher, tracker)}
            return kept
        earlier = _an_earlier_job(tracker, value, before)
        if earlier:
            return earlier
        result = self._job("current", value, dispatcher, tracker)
        if result.get("current_code") and tracker.get_slot("situation") in NO_JOB_SITUATIONS:
            result["situation"] = "working"
        if result.get("current_code") and entities.get("current_job"):
            result["past_jobs"] = past_jobs(tracker, result["current_code"])
        return result

    def validate_target_job(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                            domain: DomainDict) -> dict:
        return self._job("target", value, dispatcher, tracker)

    def _job(self, which: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict:
        slot, other = f"{which}_job", OTHER[which]
        text = str(value).strip()
        requested = tracker.get_slot("requested_slot")
        entities = latest_entities(tracker)
        if text not in (SKIP, EXPLORE) and not lookup.normalise_code(text) and not said_now(tracker, text):
            # words kept from an earlier message ("do i need to be certified", asked outside the form): not an
            # answer to this one, or the bot would answer an older message
            return {slot: has_code(tracker, which)}
        named = entities.get(slot) or entities.get("job")  # the NLU found a title in the message
        if requested == f"{other}_job" and is_whole_message(tracker, text) and tracker.get_slot(f"{other}_job"):
            return {slot: previous_value(tracker, slot)}  # a bare answer to the other question: keep what we had
        if is_whole_message(tracker, text) and entities.get(f"{other}_job") and not (entities.get(slot) or entities.get("job")) \
                and not is_whole_message(tracker, entities[f"{other}_job"]):
            # "i work at a car wash" when asked for the job they want: it names the other job, not this one
            return {slot: previous_value(tracker, slot)}
        if text in (SKIP, EXPLORE) and (which == "target" or text == SKIP):
            return {slot: text, f"{which}_code": None, f"{which}_title": None}
        candidates = tracker.get_slot("job_candidates") or []
        offered_for = tracker.get_slot("candidates_for")
        pick = parse.choice_index(text, len(candidates)) if offered_for in (None, which) else None
        if pick is not None:
            found = store.Found("ok", candidates[pick]["code"], candidates[pick]["title"])
        elif which == "target" and (step_up := store.step_up_from(text, has_code(tracker, "current"))):
            found = step_up  # "move up to supervisor": the supervisors of their own work
        elif named or store.names_a_job(text) and not (PLACE_ENTITIES & set(entities) and is_whole_message(tracker, text)):
            # (a message whose only fact is a place, "Sorry, not New York. I mean New Jersey", is no job's name)
            found = store.find_job(text)
        else:
            found = store.Found("unknown")
        best = found.code if found.status == "ok" else (found.candidates or [{}])[0].get("code") or ""
        if which == "current" and best.startswith(store.MILITARY_GROUP):
            # "corpsman", "infantry": O*NET rates no military occupation, so nothing could be compared; ask
            # what the work was day to day instead (the military crosswalk is not in ../shared/data), once;
            # after that their words are read among civilian jobs
            military = military_occupation(found, text)
            if not tracker.get_slot("asked_military"):
                # O*NET's military occupation their words name is held (code and title, no answer to the
                # question yet), so the reply can say what it heard and, if the work day to day names no
                # civilian job, it is the one kept
                say(dispatcher, replies.ask_military(heard=military["title"] if military else None))
                held = {f"{which}_code": military["code"], f"{which}_title": military["title"]} if military else {}
                return {slot: None, **held, "prompted": True, "asked_military": True}
            found = store.find_job(text, civilian=True)
            if found.status != "ok" and (entities.get("military") or MILITARY_WORDS.search(text)):
                # "army infantry" again: no civilian job in those words, and asking a third time would be a loop
                # (the crosswalk that would translate it is not in ../shared/data). O*NET's own military
                # occupation, when their words name one, is kept as their job: the answer then says there is
                # no score for it and shows what the job they want takes. Either way they learn where a
                # veteran's job is translated.
                say(dispatcher, replies.military_without_crosswalk(military["title"] if military else None))
                if military:
                    return {**job_slots(which, military["code"], military["title"]), "failures": 0,
                            "job_candidates": None, "candidates_for": None}
                return give_up(tracker, which)
        if found.status == "ambiguous":  # nothing can be compared with a military occupation: never offer one
            civilian = [c for c in found.candidates if not c["code"].startswith(store.MILITARY_GROUP)]
            found = store.Found("ambiguous", candidates=civilian) if civilian else store.Found("unknown")
        earlier = previous_value(tracker, f"{which}_code")
        if found.status == "ok" and pick is None and found.code == earlier and entities.get(slot) \
                and CORRECTION.search(latest_text(tracker)) and not STANDS.search(latest_text(tracker)):
            # "no, the job I want is counselor" when counselor is what we have: our reading was wrong
            exclude = {found.code, has_code(tracker, other) or ""}
            # the readings about as likely as ours; failing those, when ours was a guess among several, the next
            # ones ("ER unit secretary" again). A reading restated in so many words ("no, the job I have now is
            # shift manager at Taco Bell") was wrong unless the words are its very title: its fair readings.
            # A sure reading restated in passing ("no wait, I'm the RN") stands.
            guessed = found.alternatives or (tracker.get_slot("guesses") or {}).get(which)
            restated = not guessed and RESTATED.search(latest_text(tracker)) \
                and any(f["confidence"] < OWN_TITLE for f in store.other_jobs(text, set(), limit=1, confidence=True))
            others = (store.other_jobs(text, exclude, close_only=True) or store.other_jobs(text, exclude, limit=4)
                      ) if guessed else store.other_jobs(text, exclude, limit=4, within=RESTATED_WITHIN) if restated \
                else []
            if others:
                say(dispatcher, replies.not_that_one(text, others, which))
                return {**job_slots(which, None, None), "job_candidates": others, "candidates_for": which,
                        "prompted": True}
        if found.status == "ok":
            guesses = {k: v for k, v in (tracker.get_slot("guesses") or {}).items() if k != which}
            if found.alternatives:  # a best guess among close matches: the answer offers the others
                guesses[which] = {"typed": text, "alternatives": found.alternatives, "at": found.at, "above": found.above}
            answered = {**job_slots(which, found.code, found.title), "failures": 0, "guesses": guesses or None}
            if tracker.get_slot("candidates_for") in (None, which):  # choices offered for the other job stay
                answered.update(job_candidates=None, candidates_for=None)
            return answered
        if requested not in (None, slot) and not entities.get(slot):
            return {slot: previous_value(tracker, slot)}  # not an answer to this question
        if found.status == "ambiguous":
            say(dispatcher, replies.ambiguous(text, found.candidates, which))
            return {slot: None, "job_candidates": found.candidates, "candidates_for": which, "prompted": True}
        if requested == slot and not named and set(entities) & {"state", "years", "education", "credits"}:
            return {slot: None}  # the message answered something else ("in Maine"): just ask again
        if which == "current" and not named and (entities.get("employer") or entities.get("military")):
            n = this_try(tracker)
            if n == 1:
                return {slot: None, "failures": n}  # "I work at Amazon", "11B": the question asks what they do there
            # the same again: a few common jobs to tap, as for a title we can't match
            employer = entities.get("employer") or ""
            jobs = store.jobs_at(employer) or replies.example_job_choices()
            say(dispatcher, replies.at_employer_choices(employer, jobs))
            return {slot: None, "failures": n, "prompted": True, "candidates_for": which, "job_candidates": jobs}
        n = this_try(tracker)
        say(dispatcher, replies.unknown_job(text, n, which))
        examples = replies.example_job_choices() if n == CHOICES_AT_TRY else None
        return after_failed_try(n, MAX_FAILURES, give_up(tracker, which),
                                {slot: None, "prompted": True, "job_candidates": examples,
                                 "candidates_for": which if examples else None})

    def validate_state(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                       domain: DomainDict) -> dict:
        text = str(value).strip()
        entities = latest_entities(tracker)
        postal = store.find_state(text)
        if postal:
            metro = entities.get("metro") if entities.get("state") == postal else None
            return {"state": postal, "failures": 0, "metro": metro or (None if postal != previous_value(tracker, "state")
                                                                       else tracker.get_slot("metro"))}
        if text.upper() == store.NATIONAL or parse.is_skip(text):
            return {"state": store.NATIONAL, "metro": None}
        requested = tracker.get_slot("requested_slot")
        if requested is None:
            return {"state": None}  # a word taken for a state earlier: ask instead
        if requested != "state" or entities.keys() & {"current_job", "target_job", "job", "years", "education", "swap",
                                                      "topic", "employer", "avoid", "military"}:
            return {"state": previous_value(tracker, "state")}  # not an answer to "which state?"
        if entities.get("city"):
            return {"state": None}  # a city in several states: the question asks which
        n = this_try(tracker)
        say(dispatcher, replies.unknown_state(text, n))
        return after_failed_try(n, MAX_STATE_FAILURES, {"state": store.NATIONAL}, {"state": None, "prompted": True})
