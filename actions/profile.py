"""The person's whole story as the conversation told it: the job they have, the earlier jobs (the ``past_jobs``
slot, actions/career_form.py), unpaid work and schooling (read by bot/understanding/schooling.py and unpaid.py),
as a knowledge.person Profile, with the words they used for each job and what the read-back shows.

The unpaid work, what they asked to take out ("I was never a cashier" button) and the years of the current job
are read from the conversation's messages since the last start over, so nothing said earlier is lost when a
later message (the state) completes the form.
"""
from __future__ import annotations

import json

from rasa_sdk import Tracker

from actions import store
from bot import parse
from bot.replies import profile as profile_replies
from bot.understanding.schooling import DENIED, field_of, level_of
from knowledge import lookup
from knowledge.person.profile import EDUCATION_LEVELS, Education, Job, Profile

DROP = "drop_job"  # entity of the "I was never a cashier" button: an O*NET code to take out of the profile


def _entities_since_reset(tracker: Tracker) -> list[dict]:
    """Every entity of the person's messages since the last start over, oldest first."""
    out: list[dict] = []
    for e in tracker.events:
        if e.get("event") in ("reset_slots", "restart"):
            out = []
        elif e.get("event") == "user":
            out += (e.get("parse_data") or {}).get("entities") or []
    return out


def dropped(tracker: Tracker) -> set[str]:
    """The jobs they took out, unless told again since: a story told anew (its current job) or the unpaid work
    said again brings them back."""
    out: set[str] = set()
    for e in _entities_since_reset(tracker):
        if e.get("entity") == DROP:
            out.add(str(e.get("value")))
        elif e.get("entity") == "current_job":
            out = set()
        elif e.get("entity") == "unpaid_work":
            out.discard(str(e.get("value")))
    return out


def unpaid_work(tracker: Tracker) -> list[dict]:
    """[{code, label, years}] of the unpaid work they told of (the last saying of each wins)."""
    said: dict[str, dict] = {}
    for e in _entities_since_reset(tracker):
        if e.get("entity") == "unpaid_work":
            code = str(e.get("value"))
            said.pop(code, None)
            said[code] = {"code": code, "label": _label(code), "years": e.get("years")}
    return list(said.values())


def _label(code: str) -> str:
    from bot.understanding.unpaid import TABLE

    return next((label for _, c, label in TABLE if c == code), "unpaid work")


def _messages_since_reset(tracker: Tracker) -> list[tuple[list[dict], str, str]]:
    """(entities, text, what the bot said last before it) of each of the person's messages since the last start
    over, oldest first."""
    out: list[tuple[list[dict], str, str]] = []
    bot_said = ""
    for e in tracker.events:
        if e.get("event") in ("reset_slots", "restart"):
            out = []
        elif e.get("event") == "bot":
            bot_said = e.get("text") or ""
        elif e.get("event") == "user":
            out.append(((e.get("parse_data") or {}).get("entities") or [], e.get("text") or "", bot_said))
    return out


# the roles a correction's job takes: "no the teller job was 4 years" reads as a job they avoid
CORRECTED_ROLES = ("current_job", "job", "past_job", "avoid")


def current_months(tracker: Tracker, current: str | None) -> float | None:
    """How long they have held the current job, from the latest message that named it with a duration: as the job
    they have, with no cue, or as a correction of the read-back whose duration the understanding left apart
    ("no the teller job was 4 years", right after "Here's what I have: ..."; actions/profile_fixes.py)."""
    from actions.profile_fixes import FIX_PROMPT, corrects
    from actions.steering import READ_BACK

    if not current:
        return None
    for entities, text, bot_said in reversed(_messages_since_reset(tracker)):
        for e in entities:
            if e.get("entity") in ("current_job", "job") and e.get("years") and store.find_job(str(e.get("value"))).code == current:
                return parse.months_of(e.get("years"))
        jobs = [e for e in entities if e.get("entity") in CORRECTED_ROLES]
        years = jobs and (jobs[0].get("years") or next((e.get("value") for e in entities if e.get("entity") == "years"), None))
        fixing = corrects(text) or bot_said.startswith((READ_BACK, FIX_PROMPT))
        if years and fixing and len(jobs) == 1 and store.find_job(str(jobs[0].get("value"))).code == current:
            return parse.months_of(years)
    return None


def _schooling_words(tracker: Tracker) -> str | None:
    """The ``education`` slot's words that hold: a level they said they lack ("I do NOT have a bachelors") takes
    back the level kept for them when it is that one, and leaves any other in place."""
    words = None
    for e in tracker.events:
        if e.get("event") in ("reset_slots", "restart"):
            words = None
        elif e.get("event") == "slot" and e.get("name") == "education":
            said = e.get("value")
            level = level_of(said) if said else None
            if level and level.startswith(DENIED):
                words = None if words and level_of(words) == level.removeprefix(DENIED) else words
            else:
                words = said
    return words


def schooling(tracker: Tracker) -> Education | None:
    """Their schooling from the ``education`` and ``college_credits`` slots: 'my GED' -> a high school diploma,
    '30 college credits', 'no degree' (counted as a high school diploma, said as 'no college degree')."""
    words = _schooling_words(tracker)
    level = level_of(words) if words else None
    credits_read = parse.credits_of(tracker.get_slot("college_credits")) if tracker.get_slot("college_credits") else None
    credits = credits_read[0] if credits_read and credits_read[0] > 0 else None
    if level == "no-degree":
        return Education("high-school", credits, said="no college degree")
    if level not in EDUCATION_LEVELS:
        level = None
    if level is None and credits is None:
        return None
    return Education(level, credits, field_of(words))


def person_profile(tracker: Tracker, current: str | None) -> tuple[Profile, dict[str, str]] | None:
    """(the profile, the person's name for each job) when the story holds more than the one job being compared:
    earlier jobs, unpaid work or schooling; None otherwise (the job-to-job answer says it all)."""
    gone = dropped(tracker)
    earlier = [j for j in tracker.get_slot("past_jobs") or [] if j["code"] not in gone and j["code"] != current]
    unpaid = [u for u in unpaid_work(tracker) if u["code"] not in gone and u["code"] != current
              and u["code"] not in {j["code"] for j in earlier}]
    education = schooling(tracker)
    if not (earlier or unpaid or education):
        return None
    now = current_months(tracker, current)
    since = (now or 0) / 12  # an earlier job was left when the current one began, as far as we know
    jobs = [Job(j["code"], _years(j.get("years")), since) for j in earlier]
    jobs += [Job(u["code"], _years(u.get("years")), 0.0, unpaid=True) for u in unpaid]
    names = {j["code"]: j["typed"] if j.get("typed") and not lookup.normalise_code(j["typed"]) else j["title"]
             for j in earlier} | {u["code"]: u["label"] for u in unpaid}
    if current:
        jobs.append(Job(current, None if now is None else now / 12, 0.0))
        typed = str(tracker.get_slot("current_job") or "")
        names[current] = typed if typed and not lookup.normalise_code(typed) else str(tracker.get_slot("current_title") or "")
        for e in reversed(_entities_since_reset(tracker)):  # the words they used for it
            if e.get("entity") in ("current_job", "job") and store.find_job(str(e.get("value"))).code == current:
                if not lookup.normalise_code(str(e.get("value"))):  # a button's code is no words of theirs
                    names[current] = str(e.get("value"))
                break
    return Profile(jobs, education), names


def _years(said) -> float | None:
    months = parse.months_of(said)
    return months / 12 if months else None


def fingerprint(found: tuple[Profile, dict[str, str]] | None) -> str:
    """What of the profile changes the answer: a corrected year or degree answers again."""
    if not found:
        return ""
    profile, _ = found
    return json.dumps([[j.code, j.years, j.unpaid] for j in profile.jobs] + [str(profile.education)], sort_keys=True)


def read_back(found: tuple[Profile, dict[str, str]], state_name: str | None) -> list[dict]:
    """'Here's what I have: cashier 3 yrs, bank teller 2 yrs, Wisconsin, high school diploma. Anything wrong?'"""
    profile, names = found
    jobs = [{"name": names.get(j.code) or store.occupation(j.code).title, "years": j.years} for j in profile.jobs]
    education = profile.education.words() if profile.education else None
    return profile_replies.read_back(jobs, state_name, education and education.removeprefix("a ").removeprefix("an "))


def worth_reading_back(found: tuple[Profile, dict[str, str]] | None) -> bool:
    """More than one job, or schooling: enough of a story to be worth checking."""
    return bool(found) and (len(found[0].jobs) > 1 or found[0].education is not None)
