"""Where a job is done: the words after a title ("at a medical office", "in the ER") and a workplace or
employer named away from it ("8 yrs at Target as a team lead"), which the resolver reads the title in.
"""
from __future__ import annotations

import re

from bot.understanding.cues import CLAUSE, CURRENT, FILLER, PAST
from bot.understanding.roles import Job
from knowledge import workplaces

SETTING_START = {"at", "in", "for", "with", "on"}
SETTING_STOP = CLAUSE | {"years", "yrs", "year", "months", "since", "because", "cause", "who", "where", "that", "which",
                         "like", "doing", "making", "lol", "here", "now", "ago", "last", "this", "about", "over",
                         "thinking", "looking", "hoping", "trying", "rn", "going", "up", "down", "out", "there"}
SETTING_WORDS = 6


def attach(tokens: list[str], jobs: list[Job], taken: set[int], english: frozenset[str],
              clauses: set[int] = frozenset()) -> None:
    """Give each title the words that say where it is done ("at a medical office", "in the ER", "for the school
    district"); they stop at a new clause, a number, a place or another title."""
    starts = {j.start for j in jobs}
    for job in jobs:
        i = job.end
        if job.start < 0 or i + 1 >= len(tokens):
            continue
        if tokens[i] not in SETTING_START and not (tokens[i] == "of" and tokens[i + 1] in ("a", "an", "the")):
            continue  # "GM of a restaurant"; not "manager of operations", a title of its own
        if tokens[i] in ("for", "with") and tokens[i + 1] not in ("a", "an", "the", "my", "our") \
                and tokens[i + 1] in english:
            continue  # "for the school district", "for UPS"; not "for real income", "with kids"
        said = [tokens[i]]
        for k in range(i + 1, min(len(tokens), i + 1 + SETTING_WORDS)):
            w = tokens[k]
            if w in SETTING_STOP or k in taken or k in starts or k in clauses or any(ch.isdigit() for ch in w):
                break
            said.append(w)
        while said and (said[-1] in FILLER or said[-1] in SETTING_START):
            said.pop()
        if len(said) >= 2:
            job.setting = " ".join(said)


# Employers whose names are also everyday words: an employer only after "at"/"for" or typed with a capital
EVERYDAY_EMPLOYERS = {"target", "subway", "sonic", "ross", "chase", "outback", "ford", "dodge", "honda", "checkers",
                      "giant", "napa", "midas", "canes", "panda", "marshalls", "heb", "ups", "kia", "amtrak"}
DEALER = {"dealer", "dealership", "dealers"}
WISH = re.compile(r"\b(want|wanna|like to|love to|become|apply|hoping|hope to|dream)\b")


def at_workplace(text: str, tokens: list[str], jobs: list[Job], employer: str | None,
                 sentences: set[int] = frozenset()) -> tuple[list[Job], str | None]:
    """A workplace or employer named away from the title ("8 yrs at Target as a team lead", "McDonald's general
    manager", "tech at a Chevy dealer"): the job they have is read there (knowledge/workplaces.py). An employer
    named with no job ("part time at Chick-fil-A") is the employer the form asks about. ``sentences``: where
    the message's sentences start (a wish counts only in the workplace's own). Returns the jobs and the employer."""
    found = workplaces.find(tokens)
    if not found:
        return jobs, employer
    start, end, _industry = found
    before = tokens[start - 1] if start else ""
    typed = re.search(r"\b" + re.escape(tokens[start]), text, re.I)
    if tokens[start] in EVERYDAY_EMPLOYERS and before not in ("at", "for", "with") \
            and not (typed and typed.group(0)[:1].isupper()):
        return jobs, employer
    if not workplaces.is_employer(tokens[start:end]):
        return jobs, employer  # a kind of place counts only right after its title ("cook in a nursing home kitchen")
    if end < len(tokens) and tokens[end] in DEALER:
        end += 1  # "a Chevy dealer" is where they work, not a dealer
        jobs = [j for j in jobs if (j.start, j.end) != (end - 1, end)]
    phrase = " ".join(tokens[start:end])
    if any(j.start < end and start < j.end for j in jobs if j.start >= 0):
        return jobs, employer  # part of a title ("Amazon warehouse picker")
    sentence = max([0] + [b for b in sentences if b <= start])  # "HOW DO I BECOME A X. I WORK AT ...": a wish
    if WISH.search(" ".join(tokens[sentence:start])):  # in its own sentence
        return jobs, employer
    for j in jobs:
        if phrase in j.setting:
            if j.setting.startswith("of "):  # "GM of a Holiday Inn Express": read at the employer, as "at Holiday Inn"
                j.setting = f"at {phrase}"
            return jobs, employer
    have = [j for j in jobs if j.role in (CURRENT, PAST)] or [j for j in jobs if j.role is None and len(jobs) == 1]
    if have:
        job, said = have[0], have[0].setting.split()
        if tokens[start] in said:  # "at a chevy" + "chevy dealer": "at a chevy dealer"
            job.setting = " ".join(said[:said.index(tokens[start])] + tokens[start:end])
        else:
            job.setting = f"{job.setting} at {phrase}".strip()
    elif workplaces.is_employer(tokens[start:found[1]]) and not employer:
        employer = (typed.group(0) if typed else tokens[start]) if end - start == 1 else phrase
    return jobs, employer

