"""Which title is which job: the one they have, had, want, an alternative, or someone else's ("my
supervisor"). ``assign`` reads the cues (``bot.understanding.cues``) around each title found in a message.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.understanding.cues import (CLOSING_SOFT_CUES, CURRENT, DESIRE, FILLER, FROM_TO, OPENING_SOFT_CUES, PAST,
                                    PROGRAM, SIDE, TARGET, WINDOW, WISH_REACH, YEARS_AFTER, cue_after, cue_before, denied, negated, said_after,
                                    wants, wished)
from knowledge.title_spans import Span, normal

@dataclass
class Job:
    text: str
    role: str | None
    start: int
    end: int
    cued: bool = True  # the words around it say the role; False: inferred (a lone title in a first message)
    setting: str = ""  # where, said after the title: "at a medical office", "in a special ed classroom"
    years: str | None = None  # how long, said beside the title: "cashier for 3 years", "5 yrs as a welder"
    was: bool = False  # said in the past ("I was a shift manager"), the latest so the job they have: once the bot
    # has another job of theirs, an earlier one (actions/career_form.py)

    @property
    def said(self) -> str:
        """The title with its setting, as the resolver reads it: "secretary" alone is three occupations,
        "secretary at a medical office" one; "server at olive garden" is a waiter, not a computer."""
        return f"{self.text} {self.setting}" if self.setting else self.text



# a question about what a job pays or takes is about a job they might want
ASKED_ABOUT = re.compile(r"\b(make|makes|pay|pays|paid|earn|earns|salary|wage|wages|become|becoming|how long|school"
                         r"|training|certified|certification|license|degree|requirements?|take to)\b")


def _someone_else(tokens: list[str], span: Span) -> bool:
    """Whether a title names another person in their story: "my residents" (the people they serve), "my boss
    says", "the doctor says no more climbing"; not "school for my RN" or "getting my CDL" (what they earn)."""
    before = tokens[span.start - 1] if span.start else ""
    if tokens[span.end:span.end + 1] and tokens[span.end] in SAYS and before not in ("a", "an", "im", "i'm", "am"):
        return True  # "doc says i need to get out of the seat", "the doctor says no more climbing"
    if before == "the":
        return False
    if before not in POSSESSIVE:
        return False
    if tokens[span.end:span.end + 1] and tokens[span.end] in CREDENTIAL_WORDS:
        return False  # "i want my electrician license": what they earn, not a person
    plural_word = span.end - span.start == 1 and normal(tokens[span.start]) != tokens[span.start]
    return plural_word or span.start == 1 or tokens[span.start - 2] not in EARN


# what they are turning away from: everything after it in the clause ("tired of the late nights and the fryer",
# "i dont really like fixing cars"), until a wish ("tired of retail and want to be a nurse")
TURNING_FROM = [tuple(p.split()) for p in ("tired of", "sick of", "done with", "hate", "hate the", "away from",
                                           "dont like", "don't like", "dont really like", "don't really like", "do not like",
                                           "not into", "no more")]
OWN_JOB = {"being", "working", "doing", "my", "this", "the job", "driving"}
NEW_THOUGHT = {"i", "i'd", "id", "im", "i'm", "maybe", "would", "but"}  # "no more nights please i think i'd be good at X"


def turned_from(clause: list[str]) -> bool:
    """Whether the words before a title, in its clause, turn away from it."""
    for k in range(len(clause)):
        for phrase in TURNING_FROM:
            if tuple(clause[k:k + len(phrase)]) == phrase:
                rest = clause[k + len(phrase):]
                if rest[:1] and rest[0] in OWN_JOB:
                    return False  # "tired of being a cashier": the job they have, and want to leave
                return not any(w in DESIRE or w in NEW_THOUGHT for w in rest)
    return False


# a title followed by these is what the sentence is about, not a job they say they have
TALKED_ABOUT = {"sounds", "seems", "looks", "pays", "sucks", "requires", "needs", "takes", "isnt", "isn't", "doesnt",
                "doesn't", "need", "require", "make", "earn"}  # "judges and law clerks need a JD"
SOFT_OR = (["or", "maybe"], ["or", "maybe", "a"], ["or", "possibly"])  # "paramedic or maybe PA": a wish even unasked
OR_JOIN = (["or"], ["or", "a"], ["or", "an"]) + SOFT_OR
LIKE_A = (["like", "a"], ["like", "an"], ["like"], ["such", "as"], ["such", "as", "a"], ["such", "as", "an"])


def _between(tokens: list[str], a: Job, b: Job) -> list[str]:
    return tokens[a.end:b.start] or (["or"] if b.text.lower().startswith("or ") else [])  # "lvn or rn": "OR RN" is a title


def _weighed(tokens: list[str], jobs: list[Job], question: bool) -> tuple[Job, Job] | None:
    """Two titles joined by "or" ("vs" in a question) that no cue has given a role, when none is wanted yet."""
    if any(j.role not in (None, CURRENT, PAST) for j in jobs):
        return None
    for a, b in zip(jobs, jobs[1:]):
        between = _between(tokens, a, b)
        if a.role is None and b.role is None and (
                (question or "which" in tokens) and between in OR_JOIN + (["vs"], ["versus"]) or between in SOFT_OR):
            return a, b
    return None


def assign(tokens: list[str], spans: list[Span], question: bool = False, sentences: set[int] = frozenset(),
           clauses: set[int] = frozenset(), asked: set[int] = frozenset(),
           slashed: set[int] = frozenset(), capital_rn: set[int] = frozenset()) -> tuple[list[Job], list[str]]:
    """``slashed``: word indexes typed right after a "/"; ``capital_rn``: where "RN" is typed in capitals."""
    jobs: list[Job] = []
    avoid: list[str] = []
    dropped_wish = False
    previous_end = 0
    for k, span in enumerate(spans):
        if span.text.lower() == "rn" and span.start and span.start not in capital_rn \
                and tokens[span.start - 1] not in BEFORE_RN:
            continue  # "im a server rn", "im a ma rn wanna be a RN": right now
        if span.start in slashed and jobs and jobs[-1].end == span.start:
            # "Firefighter/EMT 18 years", "fitter/fabricator": one job named twice; the first name is the job,
            # the words after the pair say its role
            jobs[-1].end = previous_end = span.end
            jobs[-1].role = jobs[-1].role or cue_after(tokens, span.end)
            continue
        if span.text in ("dealer", "dealership") and {"at", "for"} & set(tokens[max(0, span.start - 4):span.start]):
            continue  # "at a Freightliner dealer", "like at John Deere dealer": where they work
        if _someone_else(tokens, span):
            continue  # "my manager", "the doctor says no more climbing": someone else in their story
        # a cue is in the title's own sentence ("no more nights. thinking HVAC tech": the HVAC tech is wanted)
        sentence = max([0] + [b for b in sentences if b <= span.start])
        own_end = previous_end + (said_after(tokens, previous_end) if jobs else 0)  # past "cashier is what i do,"
        start = max(own_end, span.start - WINDOW, sentence)
        window = tokens[start:span.start]
        wish_window = tokens[max(own_end, span.start - WISH_REACH, sentence):span.start]
        previous_end = span.end
        clause = tokens[max([sentence] + [b for b in clauses if b <= span.start]):span.start]
        if denied(window):
            # "i didnt say programmer": a reading taken back, neither a job nor one to avoid; "scratch the tour
            # guide idea. park ranger ...": a wish taken back, so the next title is the wish instead
            dropped_wish = dropped_wish or tokens[span.end:span.end + 1] in (["idea"], ["plan"], ["thing"])
            continue
        if negated(tokens[max([start] + [b for b in clauses if b <= span.start]):span.start]) or turned_from(clause):
            avoid.append(span.text)
            continue
        role, _length = cue_before(window)
        if role == CURRENT and (PURPOSE.search(" ".join(window)) or SHOULD_I.search(" ".join(window))):
            role = TARGET  # "a CPA to work as an accountant", "start as an HR assistant first"
        if jobs and jobs[-1].role == TARGET and window[-3:] in (["or"], ["and"], ["or", "a"], ["or", "an"], ["maybe"],
                                                                ["or", "maybe"], ["or", "like"], ["or", "like", "a"],
                                                                ["or", "maybe", "a"]):
            role = TARGET  # "estimating or project management": another job they would like
        if role in (None, CURRENT) and (wants(wish_window) or wished(tokens, span.start)):
            role = TARGET  # "want year-round work as a bookkeeper", "thinking about corrections or probation officer"
        to_before = (window[-1:] and window[-1] in FROM_TO or window[-2:-1] == ["to"] and window[-1] in FILLER) \
            and window[-2:] not in (["closer", "to"], ["closest", "to"])  # "what I did was closer to security guard"
        bridge = tokens[max(0, jobs[-1].start - 1):jobs[-1].start] == ["about"] if jobs else False
        if jobs and to_before and bridge:
            jobs[-1].role, role = PROGRAM, TARGET  # "heard about LVN to RN": a bridge program toward the RN
        if jobs and role in (None, CURRENT, PAST) and to_before and not bridge:
            role = TARGET  # "cashier to nurse", "from cashier to a nurse"
        weak = False
        if role is None and span.start - 2 == sentence and YEARS_AFTER.match(" ".join(tokens[sentence:span.start])):
            role = CURRENT  # "1 year driver. before that ...", "5 yrs cna": a sentence opening with how long they did it
        if cue_after(tokens, span.end) == SIDE:
            role = SIDE  # "I also drive for Uber on weekends": a job on the side, kept with their earlier ones
        elif role is None or said_after(tokens, span.end):  # "nurse is what i want": said of the title itself
            role = cue_after(tokens, span.end) or role
            # "instructor at a technical college", "nights": where and when, said of any job; alone in a message
            # they leave the role to the question the bot asked
            weak = role == CURRENT and tokens[span.end:span.end + 1] in (["at"], ["here"], ["job"], ["nights"],
                                                                           ["days"], ["during"], ["full"], ["part"])
        if role is None and (jobs or wants(tokens[:span.start])) and (
                window and window[0] in OPENING_SOFT_CUES and len(window) <= 2
                or tokens[span.end:span.end + 1] and tokens[span.end] in CLOSING_SOFT_CUES
                and (span.end + 1 in clauses or span.end + 1 == len(tokens))
                or span.start in asked and span.start in clauses):
            role = TARGET  # "... body giving out. Maybe construction inspector?", "..., medical coding maybe"
        if any(w in ("maybe", "perhaps", "possibly") for w in window[-3:]) and not negated(window):
            role = TARGET  # "looking for part-time work, maybe tutoring": "work" is not the cue of a job they have
        if dropped_wish and (role is None or weak):
            role, weak = TARGET, False
        jobs.append(Job(span.text, role, span.start, span.end, cued=not weak))
    if len(jobs) >= 2:  # a job talked about beside another ("instructional coordinator sounds like it's still in a
        # school district. What about corporate training?"): the bot's suggestion discussed, not a job of theirs
        jobs = [j for j in jobs if not (j.role is None and j.end < len(tokens) and tokens[j.end] in TALKED_ABOUT)]
    # "get into cybersecurity, like a security analyst", "quality control, like an inspector": one job, the field
    # and its example read together ("inspector" alone is a dozen jobs, "software sales" alone no account executive)
    for k in range(len(jobs) - 1, 0, -1):
        a, b = jobs[k - 1], jobs[k]
        if a.role and b.role in (None, a.role) and tokens[a.end:b.start] in LIKE_A:
            a.text, a.end = f"{a.text} {b.text}", b.end
            del jobs[k]
    for a, b in zip(jobs, jobs[1:]):  # "maybe i should do LPN first and then RN": the step now, the goal after it
        if tokens[a.end:a.end + 1] == ["first"] and "then" in tokens[a.end:b.start] and \
                (question or STEP_WISH & set(tokens[:a.start])):
            a.role, b.role, a.cued = TARGET, "alternative", True
    # one cued title and one not: the other is the other role
    for a, b in zip(jobs, jobs[1:]):  # "paramedic or maybe PA": a job joined by "or" to a wanted one is wanted too
        if tokens[a.end:b.start] in OR_JOIN and {a.role, b.role} == {TARGET, None}:
            (a if a.role is None else b).role = TARGET
    roles = [j.role for j in jobs]

    target = next((j for j in jobs if j.role == TARGET), None)
    if target and not any(j.role in (CURRENT, PAST) for j in jobs):
        before = [j for j in jobs if j.role is None and j.start < target.start]
        if before:  # "OTR driver 11 years ... want to be a dispatcher": what comes first is the job they have
            before[-1].role, before[-1].cued = CURRENT, False
        roles = [j.role for j in jobs]
    if len(jobs) == 1 and jobs[0].role is None:
        span = jobs[0]
        rest = [w for k, w in enumerate(tokens) if not span.start <= k < span.end and w not in FILLER]
        # a title opening a longer message ("Teacher. Want out. Ideas?", "Court reporter, NYC, 20 years") or in a
        # statement is the job they have; in a question ("what does a nurse make?") it is the one asked about
        if len(rest) >= 2 and (span.start <= 1 or not question):
            span.role, span.cued = CURRENT, False  # outside a form the current job; inside, the question asked decides
        elif question and ASKED_ABOUT.search(" ".join(tokens)):
            span.role, span.cued = TARGET, False  # "what does a plumber make in Ohio?", "how long to become a welder?"
    if len(jobs) == 2 and roles.count(None) == 1 and all(j.cued for j in jobs if j.role):
        known = next(r for r in roles if r)
        other = TARGET if known in (CURRENT, PAST) else CURRENT
        if known == TARGET and tokens[jobs[0].end:jobs[1].start] in (["vs"], ["versus"], ["or"], ["or", "a"], ["or", "an"]):
            other = "alternative"  # "no i meant forklift vs truck driver": both weighed, neither the job they have
        for j in jobs:
            if j.role is None:
                j.role = other
    elif weighed := _weighed(tokens, jobs, question):
        # "so chef or food service manager, which one pays better", "paramedic or maybe PA", "line cook. chef or
        # food service manager, which pays better?": jobs weighed, both wanted, the first the one to compare with
        weighed[0].role, weighed[1].role = TARGET, "alternative"
    elif len(jobs) == 2 and all(r is None for r in roles) and _between(tokens, *jobs) in OR_JOIN:
        # "service advisor or parts manager" (to "What job would you like to have?"): two of one kind, never the job
        # they have and the one they want; the question asked takes the first, the other is weighed beside it
        jobs[1].role = "alternative"
    elif len(jobs) >= 2 and all(r is None for r in roles):
        jobs[0].role, jobs[1].role = CURRENT, TARGET
    # the latest job is the current one: "cashier for 3 years, then a bank teller for 2"
    if not any(j.role == CURRENT for j in jobs):
        past = [j for j in jobs if j.role == PAST]
        if past:
            past[-1].role, past[-1].was = CURRENT, True
    currents = [j for j in jobs if j.role == CURRENT]
    for j in currents[:-1]:
        j.role = PAST
    targets = [j for j in jobs if j.role == TARGET]
    # "learn to code and become a software developer": the job they name, not the skill on the way to it
    targets.sort(key=lambda j: tokens[max(0, j.start - 2):j.start] in (["learn", "to"], ["want", "learn"])
                 or tokens[j.start - 1:j.start] in (["learn"], ["learning"])
                 or j.text.split()[-1] in ("school", "program", "degree", "class", "classes", "academy", "bootcamp"))
    for j in targets[1:]:
        j.role = None if j.text == targets[0].text else "alternative"
    return jobs, avoid



SHOULD_I = re.compile(r"\b(should|could|can|might|would) i (do|go for|try|be|become|get|start)( an?| the| with)?$")
STEP_WISH = {"should", "maybe", "could", "might", "plan", "planning", "thinking", "want", "wanna", "considering"}
# "to work as", "should start as", "could work like": a job on the way, not the one they have
PURPOSE = re.compile(r"\b(to|should|could|would|might|maybe|first)( start| starting| work| working| begin)?( out)? (as|like)"
                     r"( an?| the)?$")
BEFORE_RN = {"a", "an", "as", "the", "be", "become", "becoming", "im", "i'm", "am", "travel", "er", "icu", "or"}
POSSESSIVE = {"my", "his", "her", "their", "our", "your"}
EARN = {"for", "get", "getting", "got", "earn", "earning", "finish", "finishing", "finished", "have", "had", "use", "using",
        "keep", "renew", "start", "starting", "do", "doing", "did", "as", "was", "is", "quit", "left", "lost", "love", "hate"}
CREDENTIAL_WORDS = {"license", "licence", "cert", "certificate", "certification", "degree", "ticket", "card"}
SAYS = {"says", "said", "told", "tells", "thinks", "wants", "recommended", "suggested"}
