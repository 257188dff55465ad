"""The words around a title that say its role: cues before it ("I'm a", "want to be", "get into"), after it
("for 3 years", "someday"), soft cues after a wish ("..., maybe [log scaler]?"), negation ("no more"), and the
clause a cue must share with its title. Word lists and pure functions on a message's words.
"""
from __future__ import annotations

import re

from knowledge.title_spans import GENERIC_FIELDS

WINDOW = 7  # words before a title searched for its cue
CURRENT, TARGET, PAST = "current", "target", "past"
PROGRAM = "program"  # the first job of a bridge program's name ("LVN to RN"): neither the job they have nor want

# cue phrases, as word tuples, matched ending at most 3 filler words before the title
_CUES = {
    TARGET: """want to be|want to become|wanna be|wanna become|want to do|want to work as|want to get into|want to go into
        |want to try|want to switch to|want to move into|wanting to be|want be|want|wanna|would like to be|like to be
        |i'd like to be|id like to be|like to become|become|becoming|get into|getting into|go into|going into|move into
        |moving into|switch to|switching to|switch into|transition to|transition into|transitioning to|change to
        |changing to|thinking about|thinking of|think about|considering|interested in|dream of|dream is|dream job
        |goal is|hoping to be|hope to be|hoping to become|plan to be|planning to be|aim to be|train to be|training to be
        |training as|study to be|studying to be|school for|what about|how about|instead|could i be|can i be
        |could i become|can i become|how do i become|how to become|how do i get into|career as|career in|pursue
        |pursuing|looking into|looking at|aspire to be|to be|to become|be|into|ser|quiero ser|llegar a ser|estudiar
        |try|trying to be|try being|apply to be|get a job as|find a job as|working toward|next step
        |job i want is|the job i want is|i want is|want is|job i want|i meant|meant|rather be|switch it to|change it to
        |over to|moving over to|move over to|branch out into|break into|get my|getting my|thinking|i'm thinking
        |im thinking|love to|love to be|would love to|like to do|i'd like to do|id like to do|be good at|learn|learn to
        |learning|want to learn|land a|land|go back for|going back for|back for|want a|want an|like to work as|love to work as
        |hope to work as|wanting to work as|perhaps work as|maybe work as|rather work as|like to work as a
        |love to work as a|hope to work as a|perhaps work as a|maybe work as a|rather work as a|perhaps work as an
        |love to work in|like to work in|want to work in|rather work in|hope to work in|wanting to work in
        |something in|something with|something like|move up to|moving up to|step up to|promoted to|want to get|to get
        |wanting|am wanting|i am wanting|maybe|go for|going for|go straight for|straight for|go after|try for|aim for
        |shoot for|should be|should become|rather go for|i'd rather go for|id rather go for|rather do|i'd rather do
        |i asked about|asked about|i was asking about|was asking about|asking about|i meant about|i ask about|ask about
        |i'm asking about|im asking about|get hired as|get hired on as|hired on as|get on as|get hired as a|get on with
        |go straight to|straight to|jump to|jump straight to|step into|move up into""",
    CURRENT: """i'm|im|i am|i'm a|i work as|i work|working as|work as a|currently|currently a|now a|now|been|been a
        |been working as|job as|employed as|my job is|i do|i'm the|im the|i am the|am|as|soy|trabajo como|trabajo de
        |i'm currently|im currently|i'm working|im working|working|work|doing|i run|i drive|i'm still|still
        |job i have is|the job i have is|job i have now is|the job i have now is|i have now is|i'm actually|im actually
        |i am actually|actually i'm|actually im|i'm really|no i'm|no im|no i am|my current job is|currently work as|became|i became|became a|now i'm|now im
        |was closer to|was closest to|is closer to a|what i did was|what i do is|i did was|did was|was basically|is basically""",
    PAST: """used to be|used to|i was|was|was a|were|former|formerly|previously|before that|retired|ex|back when i was
        |i worked as|worked as|fui|last job|my last job was|did""",
}
CUES = {role: [tuple(p.split()) for p in re.split(r"\s*\|\s*", text.strip())] for role, text in _CUES.items()}
FILLER = {"a", "an", "the", "my", "some", "kind", "of", "sort", "like", "certified", "licensed", "full", "part", "time",
          "just", "really", "actually", "also", "still", "maybe", "probably", "eventually", "someday", "one", "day", "um"}
# words that start a new clause: a cue before one of them is not the title's
CLAUSE = {"and", "but", "then", "or", "so", "want", "wanna", "to", "be", "become", "now", "was", "were", "used", "i", "im",
          "i'm", "am", "is", "not", "no", "never", "currently", "work", "working", "into", "from", "what", "how"}
NEGATION = [tuple(p.split()) for p in (
    "not", "not a", "no", "no more", "anything but", "anything except", "except", "other than", "besides", "never",
    "don't want to be", "dont want to be", "do not want to be", "not be", "don't want", "dont want", "hate", "tired of",
    "dont wanna be", "don't wanna be", "dont wanna", "don't wanna", "do not wanna be", "not trying to be",
    "done with", "sick of", "away from", "get out of", "getting out of", "leave", "leaving", "quit", "not another",
    "nothing in", "no longer", "stop being")]
# a reading of theirs the person takes back ("i didnt say programmer, i mean cnc programmer"): no job, no wish
DENIED = [tuple(p.split()) for p in (
    "didnt say", "didn't say", "did not say", "never said", "didnt mean", "didn't mean", "did not mean", "never meant",
    "didnt ask about", "didn't ask about", "did not ask about", "not asking about", "wasn't asking about",
    "forget", "forget about", "scratch", "never mind", "nevermind", "not anymore")]
# "for" after a title is how long or where ("cashier for 3 years", "for Walmart"), not "RN for sure"
NOT_AFTER_FOR = {"sure", "real", "certain", "certainly", "definitely", "me", "myself", "sho", "reals"}
AFTER_CURRENT = [tuple(p.split()) for p in (
    "for", "since", "now", "currently", "right now", "at the moment", "is my job", "experience", "by trade", "here",
    "at", "job", "during", "full time", "part time", "nights", "days", "and i", "but i", "the last", "last",
    "is what i do", "is what i do now", "is my job now", "is my job right now", "is what i'm doing now",
    "is what im doing now", "is what i am", "is what i've done", "is what ive done", "is what i have done", "is my work",
    "is my current job", "is my trade", "is what i been doing", "is what i've been doing", "is what ive been doing")]
AFTER_TARGET = [tuple(p.split()) for p in (
    "is my dream", "would be", "someday", "eventually", "one day", "next", "is the one i would like", "is the one i want",
    "is the one i'd like", "is the one id like", "job is the one i would like", "job is the one i want", "is what i want",
    "job is what i want", "is my goal", "is the goal", "is the job i want", "is the job i would like")]
FROM_TO = ("to", "into", "->", "→")


def ends_with(window: list[str], phrase: tuple[str, ...]) -> int | None:
    """Where ``phrase`` ends in ``window`` with at most 3 words between it and the title ("I'm a
    McDonald's crew member", "I'm a night shift cashier"), none of them a word that starts another
    clause: the count of those words."""
    for gap in range(0, 4):
        end = len(window) - gap
        if end - len(phrase) < 0:
            break
        if tuple(window[end - len(phrase):end]) == phrase and not any(w in CLAUSE for w in window[end:]):
            return gap
    return None


def cue_before(window: list[str]) -> tuple[str | None, int]:
    """(role, length of the cue) of the longest cue that only filler words separate from the title:
    "want to work as a" is a target's cue even though "work as a" (a current job's) ends closer."""
    best: tuple[int, int, str] | None = None  # (-length, gap, role)
    for role, phrases in CUES.items():
        for phrase in phrases:
            gap = ends_with(window, phrase)
            if gap is not None:
                key = (-len(phrase), gap, role)
                if best is None or key < best:
                    best = key
    return (best[2], -best[0]) if best else (None, 0)


# "I work in logistics", "trabajo de housekeeping", "I do remote customer service", "been doin construction
# labor": a field after these is the job they have
FIELD_CUES = [tuple(p.split()) for p in ("work in", "working in", "worked in", "trabajo de", "trabajo en", "i work",
                                         "job in", "career in", "experience in", "background in",
                                         "i do", "been doing", "been doin", "i been doing", "i been doin")]
# "want something steady, maybe [wind turbine tech]": after a wish, these introduce what they would like
SOFT_CUES = {"maybe", "perhaps", "like", "possibly", "probably", "or"}
# ... and these open or close a short clause that names one ("body giving out. Maybe [log scaler]?",
# "want a sit down job, [medical coding] maybe")
OPENING_SOFT_CUES = {"maybe", "perhaps", "possibly", "thinking", "considering"}
CLOSING_SOFT_CUES = {"maybe", "perhaps", "possibly", "probably", "someday", "eventually"}
SHORT_CLAUSE = 6  # words: a clause that short, closed by "maybe", is a title and the cue
SCHOOL_CUES = {"to", "for", "into", "start", "starting", "attend", "attending", "apply", "applying"}
WISH_REACH = 15  # words back from a soft cue searched for the wish


def wished(tokens: list[str], i: int) -> bool:
    """Whether the word before index ``i`` is a soft cue that follows a wish."""
    return i > 0 and tokens[i - 1] in SOFT_CUES and wants(tokens[max(0, i - 1 - WISH_REACH):i - 1])


def cue_ends(tokens: list[str], clauses: set[int] = frozenset(), sentences: set[int] = frozenset()) -> set[int]:
    """Word indexes right after a role cue (up to three filler words between allowed): "get into [hvac]",
    "want a full time [bookkeeping] job", "going to [pharmacy] school"; and the start of a short clause
    that a soft cue opens or closes: "Maybe [log scaler]?", "[medical coding] maybe"."""
    out = {i for i in range(1, len(tokens)) if wished(tokens, i)}
    for i in range(1, len(tokens)):
        window = tokens[max(0, i - WINDOW):i]
        for phrases in (CUES[TARGET], FIELD_CUES):
            for phrase in phrases:
                for gap in range(0, 4):
                    end = len(window) - gap
                    if end >= len(phrase) and tuple(window[end - len(phrase):end]) == phrase and \
                            all(w in {"a", "an", "the", "some", "my"} or w in FILLER for w in window[end:]):
                        out.add(i)
        if i >= 2 and (i == 2 or i - 2 in sentences) and YEARS_AFTER.match(" ".join(tokens[i - 2:i])):
            out.add(i)  # "1 year [driver]. before that civil engineer": how long, then the job
        if tokens[i + 1:i + 2] == ["school"] and tokens[i - 1] in SCHOOL_CUES:
            out.add(i)  # "thinking about going to [pharmacy] school": the pharmacist
        if i - 1 in clauses and tokens[i - 1] in OPENING_SOFT_CUES:
            out.add(i)
    previous = None
    for start, end in clause_spans(clauses, len(tokens)):
        if end - start <= SHORT_CLAUSE and tokens[end - 1] in CLOSING_SOFT_CUES:
            out.add(start)  # "[medical coding] maybe"
        if end - start <= 3 and previous and start not in sentences and wants(tokens[previous[0]:previous[1]]) \
                and tokens[previous[1] - 1] in GENERIC_FIELDS | {"something", "computers"}:
            out.add(start)  # "I want to do something with computers, [cybersecurity]"
        previous = (start, end)
    return out


def asked_alone(tokens: list[str], clauses: set[int], asked: set[int]) -> set[int]:
    """Where a clause of at most three words that ends in "?" starts: "Waitress, Kentucky, [nursing]?"."""
    return {start for start, end in clause_spans(clauses, len(tokens)) if end - start <= 3 and start in asked}


def clause_spans(starts: set[int], length: int) -> list[tuple[int, int]]:
    """(start, end) word indexes of each clause, from the indexes where clauses start."""
    bounds = sorted({0, length} | {s for s in starts if 0 < s < length})
    return list(zip(bounds, bounds[1:]))


QUESTION_START = {"what", "how", "where", "which", "who", "when", "why", "does", "do", "is", "are", "can", "could",
                  "should", "would", "will", "whats", "what's", "hows", "how's", "wheres", "where's"}


def is_question(text: str, tokens: list[str]) -> bool:
    return "?" in text or bool(tokens) and tokens[0] in QUESTION_START


DESIRE = {"want", "wanna", "wanting", "hope", "hoping", "thinking", "considering", "interested", "dream", "goal", "looking",
          "become", "becoming", "plan", "planning", "aspire", "switch", "switching", "quiero", "rather"}
STRONG_CURRENT = {"i'm", "im", "am", "currently", "been", "soy", "now"}  # "want X, right now I Y"


def wants(window: list[str]) -> bool:
    """A wish in the words before a title, and no "I'm" after it."""
    last_wish = max((k for k, w in enumerate(window) if w in DESIRE
                     or w == "like" and k and window[k - 1] in ("would", "i'd", "id", "we'd")), default=None)
    return last_wish is not None and not any(w in STRONG_CURRENT for w in window[last_wish + 1:])


def negated(window: list[str]) -> bool:
    """"not a cashier", "no more driving"; not "not just home health aide" (that one and another)."""
    if window[-2:] in (["not", "just"], ["not", "only"]) or window[-3:-1] in (["not", "just"], ["not", "only"]):
        return False
    return any(ends_with(window, phrase) is not None for phrase in NEGATION)


def denied(window: list[str]) -> bool:
    return any(ends_with(window, phrase) is not None for phrase in DENIED)


YEARS_AFTER = re.compile(r"^(\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
                         r"|couple|few|several)\+? ?(years?|yrs?|months?|mos?)$")


def said_after(tokens: list[str], end: int) -> int:
    """How many words after a title are its own cue, a clause about it ("cashier is what i do, nurse is what i
    want"): not the next title's cue before it."""
    after = tokens[end:end + 8]
    return max((len(p) for p in AFTER_TARGET + AFTER_CURRENT if p[0] == "is" and tuple(after[:len(p)]) == p), default=0)


SIDE = "side"  # a job on the side ("I also drive for Uber on weekends"): in their story, not the job compared
SIDE_AFTER = [tuple(p.split()) for p in ("on the side", "as a side job", "as a side gig", "side gig", "side job")]


def cue_after(tokens: list[str], end: int) -> str | None:
    after = tokens[end:end + 8]  # the longest phrase after a title ("job is the one i would like")
    if any(tuple(after[:len(p)]) == p for p in SIDE_AFTER) and "also" in tokens[max(0, end - 8):end]:
        return SIDE
    if YEARS_AFTER.match(" ".join(after[:2])) or YEARS_AFTER.match(" ".join(after[:1])):
        return CURRENT  # "welder 8 yrs", "bartender 12 years"
    for phrase in AFTER_TARGET:
        if tuple(after[:len(phrase)]) == phrase:
            return TARGET
    if after[:1] == ["for"] and after[1:2] and after[1] in NOT_AFTER_FOR:
        return None  # "RN for sure": said with conviction, no role in it
    for phrase in AFTER_CURRENT:
        if tuple(after[:len(phrase)]) == phrase:
            return CURRENT
    return None


