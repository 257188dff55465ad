"""Where a sentence names a job: the longest word spans that are job titles the store knows.

    >>> spans = TitleSpans.from_engine(engine)
    >>> [(s.text, s.start, s.end) for s in spans.find("im a cna in texas want to be an lpn")]
    [('cna', 2, 3), ('lpn', 9, 10)]
    >>> [s.text for s in spans.find("diesel mechanic for 6 yrs, no real job before")]
    ['diesel mechanic']

The resolver (knowledge/resolver.py) says which occupation a title means; this module says which
words of a longer message are the title, so that "no real job yet" or "what would that pay per
hour?" never hand "real" or "per" to the resolver. A span is a run of words that is, word for word
after light normalisation (case, punctuation, plurals, a few typos), one of the store's names:
official, alternate and reported titles and their parenthesised parts, or one of the resolver's
abbreviations whose expansion is such a name ("cna", "rn", "cdl driver"). The longest span wins,
so "diesel mechanic", "high school math teacher" and "speech language pathologist" keep their
qualifiers.

Single words are where sentences and titles collide ("back", "house", "real", "county", "model",
"host"): a one-word name counts only if it is not an everyday English word outside jobs, i.e. it is
a job noun (``JOB_HEADS``: the last word of many multi-word titles) or not in the English word list
at all ("cashier" is in it, but also heads 40 titles).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from knowledge import models as m
from knowledge.db import per_store
from knowledge.resolver import BRITISH_SPELLINGS

MAX_WORDS = 7  # the longest title anyone types in a sentence
MIN_HEAD_TITLES = 3  # a one-word name is a job noun when it ends at least this many titles
TYPO_MIN_LENGTH = 5  # shorter words are not corrected: too many near neighbours
# Words that head many titles but are, alone in a sentence, rarely someone's job.
NOT_ALONE = {
    "back", "house", "real", "per", "county", "city", "state", "home", "night", "nights", "day", "days", "shift",
    "part", "full", "time", "field", "floor", "front", "line", "head", "lead", "general", "chief", "senior", "junior",
    "assistant", "associate", "helper", "worker", "member", "staff", "crew", "team", "agent", "officer", "specialist",
    "professional", "representative", "operator", "technician", "tech", "manager", "director", "supervisor",
    "coordinator", "administrator", "analyst", "consultant", "engineer", "owner", "partner", "contractor",
    "volunteer", "intern", "trainee", "apprentice", "student", "teacher aide", "aide", "clerk", "laborer",
    "server", "driver", "runner", "model", "host", "guard", "judge", "page", "mate", "sitter", "porter", "buyer",
    "caller", "reader", "writer", "player", "cleaner", "mover", "packer", "picker", "sorter", "loader",
    "it", "ems", "er", "icu", "or", "pt", "ot", "ma", "pa", "np", "va", "hr", "pr", "ed", "hs", "ac",
    "former", "lady", "man", "guy", "gal", "woman", "person", "hand", "hands", "vet", "semi", "sub", "otr", "unit",
    "retired", "veteran", "boss", "help", "line", "plant", "shop", "store", "office", "school", "hospital",
    "marine", "carrier", "builder", "evs", "co op", "coop", "military", "army", "navy", "farm", "fitter",
    # what a service member is, not the work: "leading a team of 4 soldiers" is read as a description instead
    "soldier", "infantryman", "rifleman", "sailor", "airman", "seaman", "servicemember", "wheeler", "tier", "foot",
}
# ... of which these are jobs after "a"/"an" ("I'm a server", "as a driver"), never alone ("server down")
BARE_HEADS = {"server", "driver", "runner", "model", "host", "guard", "judge", "porter", "buyer", "cleaner", "mover",
              "packer", "picker", "sorter", "loader", "clerk", "laborer", "aide", "manager", "supervisor", "technician",
              "operator", "engineer", "analyst", "consultant", "coordinator", "director", "specialist", "assistant",
              "representative", "agent", "officer", "contractor", "sitter", "writer", "helper", "builder", "fitter"}
# A one-word title that is an everyday English word still names a job alone when it is a word for a person
# by its ending ("janitor", "hairstylist", "realtor", "lobsterman"), except these, which name things or
# people who are not working ("register", "trailer", "sister", "golfer")
PERSON_ENDINGS = ("ist", "ian", "man", "woman", "or", "ess", "eer", "ier", "smith", "wright", "keeper", "maker", "worker",
                  "er", "ant")
NOT_PEOPLE = set("""acoustic agitator attenuator baser bitter blazer bleeder bloomer blotter boomer booster brother sister
    canter cer charter choker cleaver clincher comber copper cruiser dagger decker defroster digester divider doubler
    elder enlarger equalizer finer flapper flipper flyer footer freezer gutter highlighter jammer jigger lander limber
    looper magnifier management masher masker mater necker nicker nipper normalizer oxidizer pager pic plunger projector
    puffer rafter rattler register river rocker roper rover riser ripper scratcher sifter slicker slipper softener sounder
    spanner springer sprinkler stirrer stopper teaser timer trailer tucker tugger vaporizer ventilator wicker wringer
    stoner slacker stabber robber sponger gopher prior tenor tracker sponsor striker competitor investor gambler cyclist
    bicyclist motorcyclist golfer surfer skier snowboarder skateboarder bodybuilder bowler cricketer curler rower juror
    drifter faker tanker tinker comic scrapper slugger smasher grappler plugger pounder poler pricker knuckler heeler
    hanker lugger stumper shover tosser squeezer spouter sprigger quoter voicer visualizer whistler whitener scriber
    stager steerer filler lopper mangler parer powderer reducer rectifier reinforcer sensitizer shelver slasher stippler
    upsetter vamper welter yarder exerciser exporter importer marketer mapper mailer lender""".split())
# Fields too broad to stand for one job: "get into healthcare" asks for ideas, not a comparison
OPENING_WORDS = 2  # at most this many words before a job that opens a message ("oil field roughneck in ...")
# words between a cue and the title that say the kind of employer, not the work ("get into corporate HR")
CUE_MODIFIERS = {"corporate", "remote", "local", "federal", "government", "public", "private"}
GENERIC_FIELDS = {"healthcare", "health", "medical", "medicine", "business", "office", "corporate", "technology",
                  "computer", "government", "hospitality", "retail", "education", "trade", "manufacturing", "something",
                  "anything", "industry", "field", "career", "public", "private", "general", "service", "people", "moving",
                  "work",
                  "working", "going", "getting", "doing", "making", "looking", "helping", "running", "trying", "move",
                  "change", "return", "outside", "desk", "job", "position", "role", "back", "learn", "school", "home",
                  "travel", "full", "part", "remote", "night", "day", "steady", "stable", "better", "easier", "entry",
                  "show", "option", "idea", "help", "care", "kid", "fun", "money", "hour", "pay", "benefit", "nothing",
                  "everything", "sure", "know", "start", "stay", "keep", "find", "give", "take", "leave", "open",
                  "close", "run", "see", "look", "try", "use", "need", "stop", "come", "make", "have", "put", "set",
                  "turn", "way", "place", "life", "family", "away", "out", "down", "over", "side", "level", "step"}
# Verbs whose person is not what someone means by them ("wait what??" is no waiter)
EVERYDAY_VERBS = {"wait", "read", "call", "talk", "ask", "tell", "play", "live", "quit", "sell", "buy", "pick", "pack",
                  "load", "clean", "drive", "walk", "watch", "speak", "listen", "sing", "dance", "write", "think", "feel"}
# Everyday short forms inside titles, read as the word O*NET uses: "library tech", "sales rep", "special ed teacher"
WORD_FORMS = {"tech": "technician", "techs": "technician", "rep": "representative", "reps": "representative",
              "mgr": "manager", "asst": "assistant", "para": "paraprofessional", "ed": "education", "maint": "maintenance",
              "coord": "coordinator", "dev": "developer", "eng": "engineer", "supv": "supervisor", "sr": "senior",
              "specialist": "specialist", "admin": "administrative", "nite": "night",
              "lead": "supervisor", "leader": "supervisor"}  # "shift lead", "team leader": one span, a supervisor
# Words in titles that say nothing about a job when typed ("I don't know", "real", "just")
CONTENT_STOP = {"and", "or", "the", "for", "with", "all", "other", "except", "not", "any", "one", "you", "your", "what",
                "know", "dont", "don't", "idk", "yes", "yeah", "nope", "real", "just", "thing", "stuff", "some", "more",
                "job", "work", "working", "time", "new", "good", "help", "want", "like", "get", "make", "back", "per"}
# ... but some are real jobs people name alone; a noun in NOT_ALONE still makes a span as part of a
# longer name ("truck driver", "office manager") or after "a"/"an" ("I'm a server", "as a driver").
ARTICLES = {"a", "an"}

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class Span:
    text: str  # the words as typed (lower-cased)
    start: int  # word index of the first word, in ``words(text)``
    end: int  # one past the last word


def normal(word: str) -> str:
    """Singular, lower-case, no apostrophe, O*NET's word: 'Nurses' -> 'nurse', 'attorneys' -> 'attorney',
    "mcdonald's" -> 'mcdonald', 'tech' -> 'technician'."""
    word = word.lower().replace("'s", "").replace("'", "")
    if word in WORD_FORMS:
        return WORD_FORMS[word]
    word = BRITISH_SPELLINGS.get(word, word)  # "licence clerk" is a license clerk
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """The message's words, lower-cased, accents kept: hyphens, slashes and punctuation split words."""
    text = unicodedata.normalize("NFKC", text).lower().replace("&", " and ")
    return _TOKEN.findall(re.sub(r"[-/_.]", " ", text))


def typed_words(text: str) -> list[tuple[str, str]]:
    """Each word of ``words(text)`` as typed (its case kept) with the character typed just before it:
    ("EMT", "/") in "Firefighter/EMT", ("rn", " ") in "im a server rn"."""
    text = unicodedata.normalize("NFKC", text).replace("&", " and ")
    found = re.finditer(_TOKEN.pattern, re.sub(r"[-/_.]", " ", text), re.I)
    return [(m.group(0), text[m.start() - 1] if m.start() else "") for m in found]


def clause_starts(text: str, marks: str = ".!?;", ending: str | None = None) -> set[int]:
    """Word indexes (in ``words(text)``) that begin a sentence, or with ``marks=",.!?;"`` any clause, and the
    number of words; with ``ending``, only where a clause that ends so begins ("Waitress, Kentucky, [nursing]?")."""
    starts, count = set(), 0
    for piece in re.split(rf"(?<=[{re.escape(marks)}])\s+|\n+", text):
        if ending and piece.rstrip().endswith(ending):
            starts.add(count)
        count += len(words(piece))
        if not ending:
            starts.add(count)
    return starts


class TitleSpans:
    def __init__(self, names: list[str], abbreviations: dict[str, str], english: frozenset[str]):
        self.names: set[tuple[str, ...]] = set()
        heads: dict[str, int] = {}
        for name in names:
            key = tuple(normal(w) for w in words(name))
            if 0 < len(key) <= MAX_WORDS:
                self.names.add(key)
                if len(key) > 1:
                    heads[key[-1]] = heads.get(key[-1], 0) + 1
        self.job_heads = {w for w, n in heads.items() if n >= MIN_HEAD_TITLES}
        starts = {k[0] for k in self.names if len(k) > 1}
        for short, expansion in abbreviations.items():
            if short in starts and len(short) >= 3 and short not in NOT_ALONE:  # "hvac" heads "hvac tech", "hvac installer"
                self.names.add((short,))
                continue
            for alternative in _expansions(expansion):
                if tuple(normal(w) for w in words(alternative)) in self.names:
                    self.names.add((short,))
                    break
        single = {k[0] for k in self.names if len(k) == 1}
        self.capital_jobs = {s for s in abbreviations if (s,) in self.names} | {"pa", "ma", "np", "pt", "ot", "it"}
        # a one-word name is a job when it heads titles ("cashier", "nurse", "welder") or is no everyday word
        self.alone = {w for w in single if (w in self.job_heads or w not in english or len(w) <= 4 and w in abbreviations
                                            or len(w) >= 6 and w.endswith(PERSON_ENDINGS) and w not in NOT_PEOPLE)
                      and w not in NOT_ALONE}
        self.bare_heads = BARE_HEADS & single
        # after "a"/"an" ("work as a landscaper") any one-word title counts, but the everyday words above
        self.after_article = {w for w in single if len(w) >= 4} - NOT_ALONE | (BARE_HEADS & single)
        self.abbreviations = {a for a in abbreviations if len(a) >= 2} - NOT_ALONE | {"hr", "it", "pa", "ma"}
        # what a short form stands for, word by word, for the longer titles it starts ("slp assistant", "PT aide")
        self.expansions = {short: [tuple(normal(w) for w in words(alt)) for alt in _expansions(long)]
                           for short, long in abbreviations.items() if len(short) >= 2}
        self.vocabulary = sorted({w for k in self.names for w in k})  # for typo correction
        self.known = frozenset(self.vocabulary)
        self.english = english
        from knowledge.resolver import nlp

        self.stop_words = frozenset(nlp().Defaults.stop_words)  # "after", "out", "what": never a field
        # the start of a longer title, said after "want to get into", "I do": "hvac", "warehouse", "cyber security"
        self.prefixes = {k[:n] for k in self.names for n in range(1, len(k)) if len(k) > 1}
        self.content = {w for w in self.vocabulary if w not in CONTENT_STOP and w not in NOT_ALONE or w in self.job_heads}

    @classmethod
    def from_connection(cls, conn: Connection) -> "TitleSpans":
        from knowledge.resolver import ABBREVIATIONS, english_words

        rows = conn.execute(select(m.Title.title, m.Title.short_title)).all()
        names = [v for title, short in rows for v in _variants(title) + ([short] if short else [])]
        names += [t for (t,) in conn.execute(select(m.Occupation.title)).all()]
        return cls(names, ABBREVIATIONS, english_words())

    def _correct(self, word: str) -> str:
        """A word that is neither English nor in any name, one or two edits from a name word: that word."""
        if len(word) < TYPO_MIN_LENGTH or word in self.english or not word.isalpha():
            return word
        if any(word.endswith(suffix) and word[:-len(suffix)] + tail in self.english
               for suffix, tail in (("ier", "y"), ("er", ""), ("est", ""), ("ing", ""), ("ing", "e"), ("ed", ""),
                                    ("ed", "e"), ("d", ""), ("ly", ""), ("ies", "y"), ("es", ""), ("s", ""))):
            return word  # "steadier", "burnt", "cleaning": English words the list has only in another form
        found = process.extract(word, self.vocabulary, scorer=OSA.distance, score_cutoff=1 if len(word) < 7 else 2, limit=8)
        # the nearest; among equally near, the longer (a dropped letter is the usual typo: "servce" is service)
        return min(found, key=lambda f: (f[1], -len(f[0])))[0] if found else word

    def find(self, text: str, skip: set[int] | None = None, after_cue: set[int] | None = None,  # noqa: C901
             people_only: set[int] = frozenset()) -> list[Span]:
        """Job-title spans, left to right, longest first at each position; ``skip``: word indexes that
        are something else already (a place); ``after_cue``: indexes right after a role cue ("get into",
        "I do"), where the start of a title counts too ("get into hvac", "I do warehouse"); ``people_only``: of
        those, indexes where a field counts only as its person ("nursing?" is a nurse, "union?" no job)."""
        typed = words(text)
        keys = [self._correct(normal(w)) for w in typed]
        skip = skip or set()
        after_cue = set(after_cue or ())
        capitals = {w.lower() for w in re.findall(r"\b[A-Z]{2,5}\b", text)}  # "PA", "MA", "NP": the job, typed in capitals
        for k in sorted(after_cue):  # "move into corporate HR": the short form after the kind of employer
            # ... or before two words that start a title ("I do remote customer service": customer service, after
            # the cue; "corporate finance" stays the kind of employer)
            while k + 1 < len(keys) and keys[k] in CUE_MODIFIERS and (
                    keys[k + 1] in capitals or tuple(keys[k + 1:k + 3]) in self.prefixes):
                k += 1
                after_cue.add(k)
        cued = set(after_cue)  # after a real cue ("get into"); a short answer's first word is not
        # after "I do", "been doin" a field is two words at least ("I do remote customer service", not "I do product demos"), or an
        # abbreviation typed in capitals ("do GIS full time")
        after_do = {k for k in after_cue if k and keys[k - 1] in ("do", "doin", "doing")}
        if len(typed) <= 5:
            after_cue.add(0)  # a short answer is all title: "IT help desk", "logistics"
        breaks = clause_starts(text, ",;!?")
        spans, i = [], 0
        while i < len(keys):
            found = self._turned(keys, typed, i, skip, breaks)
            for n in range(min(MAX_WORDS, len(keys) - i), 0, -1) if found is None else ():
                if any(j in skip for j in range(i, i + n)) or any(i < b < i + n for b in breaks):
                    continue  # a place, or across a comma: "becoming a CWI, welding inspector" is two names
                key = tuple(keys[i:i + n])
                person = field = None
                if n == 1 and i in after_cue and key[0] in capitals and key[0] in self.abbreviations:
                    found = Span(typed[i].upper(), i, i + 1)  # "get into IT", "move into HR": the resolver expands it
                    break
                if key not in self.names:
                    # a field said in one word is its person ("welding", "estimating", "logistics"); a longer one
                    # that starts titles stays as typed ("project management" is not only IT project managers)
                    # ... but not a verb after "be" ("I would be walking or moving" is no walker)
                    progressive = i and keys[i - 1] in ("be", "been", "am", "is", "are", "was", "were") and key[-1].endswith("ing")
                    person = self.person_form(key) if i in after_cue and n == 1 and not progressive else None
                    # a field: the start of titles, after a cue; one word must not be too broad ("healthcare"),
                    # and no word a small word ("after", "out"), but "and" inside ("training and development")
                    # "Front desk at a hotel ...": a message that opens with the start of a title and its workplace
                    opens = i == 0 and keys[n:n + 1] in (["at"], ["for"]) and keys[n + 1:n + 2] in (["a"], ["an"], ["the"])
                    field = person is None and (i in after_cue or opens) and i not in people_only and key in self.prefixes \
                        and not (n == 1 and i in after_do and key[0] not in capitals) \
                        and not (n == 1 and (key[0] in GENERIC_FIELDS or key[0] in EVERYDAY_VERBS)) \
                        and (key[0] not in self.stop_words or opens and n > 1 and key[0] not in ("part", "full")) \
                        and (opens or all(w not in self.stop_words or 0 < k < len(key) - 1 and w == "and"
                                          for k, w in enumerate(key))) \
                        and any(w in self.content and (len(w) >= 4 or w in capitals) for w in key) \
                        and key[0] not in ("just", "new", "good", "back", "certified", "licensed") \
                        and key[-1] not in ("school", "program", "degree", "class", "course")  # "nursing school": a nurse
                    if person is None and not field and i in after_cue and not progressive:
                        person = self.person_form(key)
                    if person is None and not field:
                        continue
                one = (person or key)[0] if len(person or key) == 1 else None
                if one and not (field and i in cued) and not self._alone_ok(one, typed, i, skip) \
                        and not (one in capitals and one in self.capital_jobs) \
                        and not (one in self.bare_heads and i in cued):  # "move up to supervisor"
                    continue
                found = Span(" ".join(person) if person else " ".join(typed[i:i + n]), i, i + n)
                break
            if found and i and keys[i - 1] in ("assistant", "asst") and found.text.split()[-1].lower() in ("manager", "mgr"):
                if spans and (spans[-1].start, spans[-1].end) == (i - 1, i):
                    spans.pop()  # "assistant" read alone before "store manager"
                if i - 1 not in skip:
                    found = Span(f"{typed[i - 1]} {found.text}", i - 1, found.end)  # "assistant store manager"
            if found:
                spans.append(found)
                if i in after_cue and found.end + 1 < len(typed) and typed[found.end] in ("or", "and"):
                    after_cue.add(found.end + 1)  # "get into estimating or project management": both after the cue
                i = found.end
            else:
                i += 1
        return spans

    def _turned(self, keys: list[str], typed: list[str], i: int, skip: set[int], breaks: set[int]) -> Span | None:
        """A title said in other words than its name: a short form before more of the title ("SLP assistant":
        speech language pathology assistant; "PT aide"), or "X of Y" for "Y X" ("driver of truck", "teacher of
        math", as people whose first language is not English say it)."""
        if any(j in skip for j in range(i, i + 3)) or any(i < b < i + 3 for b in breaks):
            return None
        for n in (3, 2):
            rest = tuple(keys[i + 1:i + n])
            if len(rest) == n - 1 and tuple(keys[i:i + n]) not in self.names:
                for long in self.expansions.get(keys[i], ()):
                    if len(long) > 1 and long + rest in self.names:
                        return Span(" ".join(long + tuple(typed[i + 1:i + n])), i, i + n)
        if keys[i + 1:i + 2] == ["of"] and i + 2 < len(keys) and tuple(keys[i:i + 3]) not in self.names \
                and (keys[i + 2], keys[i]) in self.names and keys[i] in self.job_heads:
            return Span(f"{typed[i + 2]} {typed[i]}", i, i + 3)
        return None

    def person_form(self, key: tuple[str, ...]) -> tuple[str, ...] | None:
        """A field said for the job: "welding" -> welder, "phlebotomy" -> phlebotomist, "nursing" -> nurse,
        "medical coding" -> medical coder, "tutoring" -> tutor; None when no title has that form."""
        last = key[-1]
        # ("labor": laborer)
        for suffix, forms in (("ing", ("er", "", "e", "or", "ant", "ist")), ("or", ("orer",)), ("y", ("ist",)),
                              ("ics", ("ist", "ian", "ician")),
                              ("ism", ("ist",)), ("ysis", ("yst",)), ("tion", ("tor", "ter")), ("ment", ("r", "er")),
                              ("ign", ("igner",)), ("ive", ("ivist",))):
            if last.endswith(suffix) and len(last) > len(suffix) + 2:
                for form in forms:
                    candidate = key[:-1] + (last[: -len(suffix)] + form,)
                    if candidate in self.names and (len(candidate) > 1 or candidate[0] in self.alone):
                        return candidate
                for form in forms:  # "home inspection": a home inspector, though no title says so word for word
                    candidate = key[:-1] + (last[: -len(suffix)] + form,)
                    if len(candidate) > 1 and candidate[-1] in self.job_heads and (candidate[-1],) in self.names \
                            and all(w in self.known and w not in self.stop_words and w not in CONTENT_STOP
                                    and len(w) >= 3 for w in candidate[:-1]):
                        return candidate
        return None

    def has_job_word(self, text: str) -> bool:
        """Whether any word (typos corrected) is a content word of some title or a job abbreviation
        ('stock shelves', 'HR', 'cna'), unlike 'b', 'idk', 'real'."""
        return any(len(w) >= 3 and w in self.content or w in self.capital_jobs or w in self.abbreviations
                   for w in (self._correct(normal(t)) for t in words(text)))

    def _alone_ok(self, word: str, typed: list[str], i: int, skip: set[int]) -> bool:
        if word in self.alone:
            return True
        if word in self.bare_heads and i + 1 < len(typed) and (typed[i + 1] in ("at", "for") or typed[i + 1].isdigit()):
            return True  # "server at olive garden", "driver for UPS", "UPS driver 9 years": their job, said first
        if word in self.after_article and i <= OPENING_WORDS and i + 2 in skip and typed[i + 1] in ("in", "near", "outside") \
                and not any(w in self.stop_words for w in typed[:i]):
            return True  # "roughneck in North Dakota", "Oil field roughneck in ...": the message opens with the job
        return word in self.after_article and i > 0 and typed[i - 1] in ARTICLES


def _expansions(expansion: str) -> list[str]:
    """'physical therapist|therapy' -> ['physical therapist', 'physical therapy']."""
    parts = [p.split("|") for p in expansion.split()]
    return [" ".join(p[0] if len(p) == 1 else p[k] if k < len(p) else p[0] for p in parts) for k in range(3)]


def _variants(title: str) -> list[str]:
    """'Certified Nursing Assistant (CNA)' -> the title without the parentheses and 'CNA'; 'Teachers, Preschool' too."""
    inner = re.findall(r"\(([^()]*)\)", title)
    main = re.sub(r"\([^()]*\)", " ", title).strip()
    out = [main] + inner
    if "," in main and " and " not in main:  # "Teachers, Preschool" is also said "preschool teacher"
        head, _, rest = main.partition(",")
        out.append(f"{rest.strip()} {head.strip()}")
        out.append(head)
    return out


@per_store
def get_title_spans(engine: Engine) -> TitleSpans:
    """One per store per process (reads ~65,000 names, about 2 s)."""
    with engine.connect() as conn:
        return TitleSpans.from_connection(conn)
