"""The career form's questions (the job they have, the job they want, their state), the choices offered
when a title reads several ways, and what is said after an answer the bot can't use: each failed try is worded
from the limits in bot/limits.py, so the words say what the form does next.
"""
from __future__ import annotations

from bot.limits import CHOICES_AT_TRY, MAX_FAILURES, MAX_STATE_FAILURES
from bot.replies.pieces import BUTTON_TITLE_LIMIT, Message, button, echo, fit, msg


def need(what: str) -> list[Message]:
    texts = {
        "target": "Which job would you like to get into? For example \"I want to become a pharmacy technician\".",
        "current": "What job do you do now, or did last? A job title is enough, like \"cashier\" or \"warehouse worker\".",
        "both": "Tell me your job and the job you'd like, for example \"I'm a cashier and want to become a pharmacy tech\".",
    }
    return [msg(texts[what])]


def ask_job(which: str, situation: str | None = None, current_title: str | None = None) -> list[Message]:
    if which == "current":
        return [msg("What job do you do now, or did last? Just the title is fine, like \"cashier\" or \"warehouse worker\".",
                    [button("I don't have a job", "no_job"), button("I'm a student", "student")])]
    opener = {"no_job": "No problem, we can start from where you want to go. ",
              "student": "Great, let's start from where you want to go. "}.get(situation or "", "")
    if current_title and not opener:
        opener = f"Got it, your job now: {current_title}. "
    return [msg(opener + "What job would you like to have? If you're not sure, I can suggest some.",
                [button("Suggest jobs for me", "explore")] if situation not in ("no_job", "student") else [])]


def ask_military(again: bool = False, heard: str | None = None) -> list[Message]:
    if again:  # the first answer named the branch or the specialty again: ask for the civilian side of it
        return [msg("O*NET has no ratings for military jobs, so I need the civilian side of the work. What did "
                    "a normal day look like? For example \"ran a warehouse and tracked inventory\", \"patrols and "
                    "security\", \"fixed trucks and generators\" or \"treated injuries, like an EMT\".")]
    # ``heard``: O*NET's military occupation their words name, said back so a wrong reading shows
    named = (f"O*NET lists {heard} as a military job but rates no military job, so I can't compare it. "
             if heard else "I can't translate military job codes into civilian jobs yet. ")
    return [msg("Thank you for your service. " + named + "What did you do day to day? A few words are enough, "
                "like \"drove trucks\", \"fixed helicopters\" or \"combat medic, like an EMT\".")]


def military_without_crosswalk(kept: str | None = None) -> list[Message]:
    """After asking twice: the military job is kept as O*NET names it (``kept``), with no score since O*NET
    rates no military job, or left out; either way the person is told where it is translated."""
    start = (f"I'll keep your job as O*NET names it, {kept}. O*NET rates no military job, so I can't score how "
             "much of it carries over; I'll show what the job you want takes." if kept else
             "I can't turn a military job into a civilian one yet, so I'll go on without it.")
    return [msg(start + " To see which civilian jobs match yours, My Next Move for Veterans takes your branch and "
                "job code: mynextmove.org/vets. Any civilian job you've had counts too: tell me it any time.")]


def at_employer_choices(employer: str, jobs: list[dict]) -> list[Message]:
    """Asked what they do at an employer, they named the employer again: the jobs most common at that kind of
    workplace (or everyday examples) to tap."""
    where = f" at {echo(employer, 40)}" if employer else ""
    return [msg(f"I need the job itself, not only where it is. Is your job{where} one of these? If not, say in "
                "a few words what you do most of the day (\"I take orders and run the register\").",
                [button(j["title"], "choose_job", current_job=j["code"]) for j in jobs])]


def same_reading(typed: str, title: str, candidates: list[dict], which: str = "current") -> list[Message]:
    """The job they have and the one they want both read as one occupation: the words of ``which`` are offered
    in their other readings."""
    question = "the job you have now" if which == "current" else "the job you want"
    return [msg(f"I read both jobs as {title}, so there would be nothing to compare. Is {question}, "
                f"\"{echo(typed, 60)}\", closest to one of these? (Or say it another way.)",
                [button(fit(c["title"], BUTTON_TITLE_LIMIT), "choose_job", **{f"{which}_job": c["code"]})
                 for c in candidates[:5]])]


def not_that_one(text: str, candidates: list[dict], which: str) -> list[Message]:
    """A correction that names the job we already had ("no, the job I want is counselor"): our reading of
    the word was wrong, so the other readings are offered."""
    question = "the job you have" if which == "current" else "the job you want"
    return [msg(f"Sorry, I read \"{echo(text, 60)}\" wrongly. Which of these is {question}? (Or say it another way.)",
                [button(fit(c["title"], BUTTON_TITLE_LIMIT), "choose_job", **{f"{which}_job": c["code"]}) for c in candidates[:5]])]


def ask_at_employer(employer: str) -> list[Message]:
    return [msg(f"What do you do at {echo(employer, 40)}? Your job title or a few words, like \"cashier\" or "
                "\"I pack orders in the warehouse\".")]


def ask_state() -> list[Message]:
    return [msg("Which state are you in? I'll use it for local pay and nearby schools.", [button("Skip", "deny")])]


def ask_which_state(choices: list[tuple[str, str | None, str]]) -> list[Message]:
    """A city in several states ("Portland"): one button per state, carrying the metro area too."""
    names = [name or postal for postal, name, _metro in choices]
    question = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]
    return [msg(f"Which one: {question}?",
                [button(name or postal, "inform", state=postal, metro=metro)
                 for (postal, name, metro) in choices] + [button("Skip", "deny")])]


def which_role(code: str, title: str) -> list[Message]:
    return [msg(f"{title}: is that the job you have, or the one you want?",
                [button("I have this job", "inform", current_job=code), button("I want this job", "inform", target_job=code)])]


def target_not_current(title: str) -> list[Message]:
    return [msg(f"What job do you do now, or did last? (Got it: {title} is the one you'd like.)",
                [button("I don't have a job", "no_job"), button("I'm a student", "student")])]


def same_job(title: str) -> list[Message]:
    return [msg(f"Both of those are {title} to me, so there's nothing to compare. Which job would you like to move "
                f"into? (If {title} is the job you want, tell me the job you have now.)")]


def ambiguous(text: str, candidates: list[dict], which: str = "current") -> list[Message]:
    question = "the job you have" if which == "current" else "the job you want"
    return [msg(f"\"{echo(text, 60)}\" could mean a few different jobs. Which is closest to {question}? "
                "(Or describe it another way.)",
                [button(fit(c["title"], BUTTON_TITLE_LIMIT), "choose_job", **{f"{which}_job": c["code"]}) for c in candidates[:5]])]


EXAMPLE_JOBS = [("Cashier", "41-2011.00"), ("Customer service rep", "43-4051.00"), ("Warehouse worker", "53-7062.00"),
                ("Cook", "35-2014.00"), ("Nursing assistant", "31-1131.00"), ("Retail salesperson", "41-2031.00")]


def example_job_choices() -> list[dict]:
    """The everyday jobs offered to tap, as the form keeps choices ({"code", "title"})."""
    return [{"code": c, "title": t} for t, c in EXAMPLE_JOBS]


def unknown_job(text: str, failures: int, which: str) -> list[Message]:
    """The ``failures``-th title we couldn't match: ask again, then offer choices, then go on without it."""
    quoted = f"\"{echo(text, 60)}\""
    if failures >= MAX_FAILURES:
        if which == "current":
            return [msg("Let's move on without it. I can still tell you about the job you'd like.")]
        return [msg("Let's move on: I'll suggest jobs close to yours instead.")]
    if failures == CHOICES_AT_TRY:
        return [msg(f"Still no match for {quoted}. Pick one of these, or describe what you do in a few words "
                    "(\"I stock shelves at night\").",
                    [button(t, "choose_job", **{f"{which}_job": c}) for t, c in EXAMPLE_JOBS])]
    return [msg(f"I couldn't match {quoted} to a job. Try the title as it would appear in a job ad, "
                "like \"cook\", \"bank teller\" or \"forklift driver\".")]


def unknown_state(text: str, failures: int) -> list[Message]:
    """The ``failures``-th answer that names no state: ask again, then go on with national figures."""
    if failures >= MAX_STATE_FAILURES:
        return [msg("I'll use figures for the whole U.S. for now. You can tell me your state any time.")]
    return [msg(f"I don't know the state \"{echo(text, 40)}\". Type its name or two-letter code, like Maine or ME, "
                "or say skip.", [button("Skip", "deny")])]


def situation_ack(situation: str) -> list[Message]:
    """Said when the person tells us they were laid off; the other situations are answered by the next question."""
    if situation == "laid_off":
        return [msg("I'm sorry you were laid off. Let's see where your experience can take you.")]
    return []
