"""The follow-ups read from the person's whole story (actions/profile.py builds it from the conversation):
"What am I missing?" with every job of theirs counted, "How do I get there?" with their schooling and years,
"What else could I do?" measured from all their jobs, and "Does my cashier experience count?".

Each returns nothing when the story holds no more than the job being compared, so the job-to-job answers stand.
"""
from __future__ import annotations

from dataclasses import replace

from rasa_sdk import Tracker

from actions import profile as person
from actions import store
from actions.tracker import latest_entities, latest_text
from bot import parse
from bot.understanding import asked
from bot.replies import story as story_replies
from knowledge.person.compare import compare_profile, destination_options
from knowledge.person.profile import Job, Profile


def story(tracker: Tracker, current: str | None):
    """(profile, names) with more than the current job (earlier jobs, unpaid work, schooling), else None."""
    found = person.person_profile(tracker, current)
    return found if found and found[0].jobs else None


def _several_jobs(found) -> bool:
    return bool(found) and len(found[0].jobs) > 1


def gaps(tracker: Tracker, c: dict) -> list[dict] | None:
    """The gap lists once their earlier jobs and unpaid work count; None with one job (the job-to-job lists)."""
    current = c["from"]["code"]
    found = story(tracker, current)
    if not _several_jobs(found):
        return None
    r = compare_profile(store.analyst(), found[0], c["to"]["code"], state=store.area_state(tracker.get_slot("state")))
    return story_replies.gaps_from_story(c, r, found[1], current)


def training_note(tracker: Tracker, current: str | None, target: str) -> list[dict]:
    """Their schooling and years against how people start in the target; with one job, its years when said."""
    found = story(tracker, current)
    if not found and current and (months := person.current_months(tracker, current)):
        found = (Profile([Job(current, months / 12)]), {current: str(tracker.get_slot("current_job") or "")})
    if not found:
        return []
    r = compare_profile(store.analyst(), found[0], target)
    note = story_replies.start_from_story(r, found[1])
    return [note] if note else []


def experience_answer(tracker: Tracker, current: str | None, target: str) -> list[dict]:
    """"Is 2 years enough to get promoted?", "how much experience do supervisors need?": the years they said (of
    the job they have, or in the question) beside the years most of the target's workers had when they started
    (O*NET's survey), in one message; the training answer's note, without the schools."""
    found = story(tracker, current)
    said = latest_entities(tracker).get("years")
    if found and current and said and parse.months_of(said):
        # "9 years teaching" answering "How long have you done your job now?": their years, not the question again
        years = parse.months_of(said) / 12
        found = (replace(found[0], jobs=[replace(j, years=years) if j.code == current and j.years is None and not j.unpaid
                                         else j for j in found[0].jobs]), found[1])
    if not found and current:
        months = person.current_months(tracker, current)
        months = months or (parse.months_of(said) if said else None)
        title = tracker.get_slot("current_title") or store.occupation(current).title
        found = (Profile([Job(current, months / 12 if months else None)]), {current: title})
    if not found:
        return []
    r = compare_profile(store.analyst(), found[0], target)
    if r["background"]["experience"]["related_months"] is None:
        note = story_replies.usual_experience(r, found[1].get(current) if current else None)
    else:
        note = story_replies.start_from_story(r, found[1])
    return [note] if note else []


def explore_options(tracker: Tracker, current: str) -> tuple[dict, list[str] | None]:
    """What knowledge.suggestions.suggest needs to rank from all their jobs (none with one job), and their jobs in
    their words for the answer's first line."""
    found = story(tracker, current)
    if not found or found[0].current() is None or found[0].current().code != current:
        return {}, None
    options = destination_options(store.analyst(), found[0])
    if not _several_jobs(found):  # one job and their schooling: only "no degree" reads the schooling
        return {"education_rank": options["education_rank"]}, None
    names = [found[1].get(j.code) or store.occupation(j.code).title for j in found[0].jobs]
    return options, names


# "does my cashier experience count?", "what about my teller years", "does being a cashier count for anything"


def asked_about(tracker: Tracker, found) -> str | None:
    """The code of the job of their story that the latest message asks about ("does my cashier experience count?")."""
    said = asked.ABOUT_A_JOB.search(latest_text(tracker))
    if not said or not found:
        return None
    words = said.group("job").strip().lower()
    for job in found[0].jobs:
        name = (found[1].get(job.code) or "").lower()
        if name and (name == words or name in words or words in name.split()):
            return job.code
    hit = store.find_job(words)
    return hit.code if hit.status == "ok" and hit.code in {j.code for j in found[0].jobs} else None


def earlier_job_question(tracker: Tracker) -> tuple[list[dict], dict] | None:
    """(the answer, the profile's comparison) when the latest message asks what one job of their story counts
    for toward the job they want; None otherwise."""
    current, target = tracker.get_slot("current_code"), tracker.get_slot("target_code")
    found = story(tracker, current)
    code = asked_about(tracker, found) if target else None
    if not code:
        return None
    r = compare_profile(store.analyst(), found[0], target, state=store.area_state(tracker.get_slot("state")))
    return story_replies.earlier_job_answer(r, code, found[1]), r
