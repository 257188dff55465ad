"""Corrections of the read-back in free words: "no, teller was 4 years", "cashier 4 years" (right after "Here's
what I have: ... Anything wrong?"), "I never was a cashier". Schooling said again ("it's 60 credits not 30") needs
nothing here: it fills the ``education`` / ``college_credits`` slots, and the answer comes again on any change.

The understanding reads such a message as a job named anew ("I never was a cashier" gives the job they have as
cashier), so the career form's validator asks ``story_fix`` first: when the message corrects one detail of
their story, the jobs stay as they were, the detail changes, and the answer comes again with the corrected
profile (its key holds the profile: actions/answers.py).
"""
from __future__ import annotations

import re

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import profile as person
from actions import profile_answers, store
from actions.tracker import latest_entities, latest_text, previous_value
from bot import analysis_record, parse
from bot.replies import story as story_replies
from bot.replies.profile import duration

# "I never was a cashier", "i was never a cashier", "never worked as a cashier", "I wasn't a cashier"
DENIED = re.compile(r"\b(?:never\s+was|was\s+never|never\s+worked\s+as|never\s+been|wasn['’]?t(?:\s+ever)?|was\s+not"
                    r"|didn['’]?t\s+work\s+as|did\s+not\s+work\s+as)\s+(?:an?\s+)?(?P<job>[a-z][a-z' -]{1,40}?)"
                    r"(?:\s+(?:job|before|ever|at all))?\s*(?:[.,;!?]|$)", re.I)
# "no, ...", "actually ...", "... not 2", "wrong": the message corrects what the bot had
CORRECTING = re.compile(r"^\W*(?:no|nope|nah|actually|wrong|correction)\b|\bnot\s+\d|\binstead\b|\bi meant\b", re.I)
FIX_PROMPT = "What should I change?"
JOB_ENTITIES = ("current_job", "job", "past_job", "avoid")


def denied_words(text: str) -> str | None:
    """The job they say they never held, in their words ('cashier'), or None."""
    found = DENIED.search(text or "")
    return found.group("job").strip() if found else None


def corrects(text: str) -> bool:
    return bool(CORRECTING.search(text or ""))


def after_read_back(tracker: Tracker) -> bool:
    """The bot's last message asked whether their story was right, or what to change."""
    from actions.steering import READ_BACK, last_bot_text  # steering imports the career form: read it here

    last = last_bot_text(tracker)
    return last.startswith(READ_BACK) or last.startswith(FIX_PROMPT)


def job_of_story(words: str | None, found) -> str | None:
    """The code of the job of their story these words name: their own name for it ('bank teller' for 'teller'),
    else the occupation the words read as."""
    if not words or not found:
        return None
    words = words.strip().lower()
    codes = [j.code for j in found[0].jobs]
    for code in codes:
        name = (found[1].get(code) or "").lower()
        if name and (words == name or words in name.split() or name in words):
            return code
    hit = store.find_job(words)
    return hit.code if hit.status == "ok" and hit.code in codes else None


def named_job(tracker: Tracker, found) -> str | None:
    """The job of their story the latest message names (the understanding's job entities, any role)."""
    for e in (tracker.latest_message or {}).get("entities") or []:
        if e.get("entity") in JOB_ENTITIES and (code := job_of_story(str(e.get("value")), found)):
            return code
    return None


def years_said(tracker: Tracker) -> str | None:
    """The duration of the latest message ('4 years'), as the understanding read it."""
    return latest_entities(tracker).get("years")


def _kept(tracker: Tracker) -> dict:
    """The slots this message filled, as they were before it: the jobs stay what they were."""
    return {slot: previous_value(tracker, slot) for slot in tracker.slots_to_validate()}


def _without(past: list[dict], code: str) -> list[dict] | None:
    return [j for j in past if j["code"] != code] or None


def denial(tracker: Tracker, found, current: str) -> tuple[dict, str] | None:
    """'I never was a cashier': that job out of their story; the job they have now, when it is the one, gives its
    place to the latest earlier job."""
    code = job_of_story(denied_words(latest_text(tracker)), found)
    past = list(tracker.get_slot("past_jobs") or [])
    if not code or not any(j.code == code and not j.unpaid for j in found[0].jobs):
        return None
    name = found[1].get(code) or store.occupation(code).title
    if code != current:
        return {"past_jobs": _without(past, code)}, f"I took out {name}"
    if not past:
        return None  # nothing else to compare from: the form asks for their job as usual
    latest = past[-1]
    return ({"current_job": latest["typed"], "current_code": latest["code"], "current_title": latest["title"],
             "past_jobs": _without(past, latest["code"]), "last_answer": None}, f"I took out {name}")


def new_years(tracker: Tracker, found, current: str) -> tuple[dict, str] | None:
    """'no, teller was 4 years', or 'cashier 4 years' right after the read-back: that job's years."""
    years, code = years_said(tracker), named_job(tracker, found)
    if not years or not code or not (corrects(latest_text(tracker)) or after_read_back(tracker)):
        return None
    months = parse.months_of(years)
    if not months:
        return None
    name = found[1].get(code) or store.occupation(code).title
    said = f"{name} {duration(months / 12)}"
    if code == current:  # read from the message itself (actions/profile.current_months)
        return {}, said
    past = [dict(j, years=years) if j["code"] == code else j for j in tracker.get_slot("past_jobs") or []]
    return ({"past_jobs": past}, said) if any(j["code"] == code for j in past) else None


def story_fix(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType] | None:
    """The events of a correction of one detail of their story, said back ("Got it: bank teller 4 yrs."); None
    when the latest message is no such correction (a new story, a job they want, a job not in their story)."""
    entities = latest_entities(tracker)
    current = tracker.get_slot("current_code") if "current_code" not in tracker.slots_to_validate() else \
        previous_value(tracker, "current_code")
    if not current or entities.keys() & {"past_job", "target_job"}:
        return None  # the story told again, or a job they want: the form reads it
    found = person.person_profile(tracker, current)
    if not found or len(found[0].jobs) < 2:
        return None
    fixed = denial(tracker, found, current) or new_years(tracker, found, current)
    if fixed is None:
        return None
    slots, said = fixed
    for m in story_replies.story_fixed(said):
        dispatcher.utter_message(text=m["text"])
    return [SlotSet(k, v) for k, v in {**_kept(tracker), **slots}.items()]


def told_of_story(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType] | None:
    """What the career form's validator does first: a correction of their story (``story_fix``), or a question
    about one job of it ("does my cashier experience count?", answered here, the jobs kept); None otherwise."""
    fixed = story_fix(dispatcher, tracker)
    if fixed is not None:
        return fixed
    asked = profile_answers.earlier_job_question(tracker)
    if asked is None:
        return None
    for m in asked[0]:
        dispatcher.utter_message(text=m["text"], buttons=m.get("buttons") or [])
    return ([SlotSet(k, v) for k, v in _kept(tracker).items()] + [SlotSet("prompted", True)]
            + analysis_record.recorded(tracker, analysis_record.profile(asked[1])))
