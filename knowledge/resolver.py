"""Job-title resolver: what someone calls their job, in their own words, to ranked O*NET occupations.

    >>> resolver = get_resolver(engine)          # built once per process and store
    >>> [m.as_dict() for m in resolver.resolve("forklift opertor at a warehouse", top=2)]
    [{'code': '53-7051.00', 'title': 'Industrial Truck and Tractor Operators', 'confidence': 0.881,
      'matched': 'Forklift Operator'}, {'code': '47-2073.00', ...}]
    >>> is_confident(resolver.resolve("cashier"))       # clearly Cashiers
    True
    >>> is_confident(resolver.resolve("data analyst"))  # a dozen occupations list it: offer choices
    False

How it works, all from the store:

* Names: every official title, Alternate Title and Sample of Reported Title; a parenthesised part
  ("Certified Nursing Assistant (CNA)") and the short title are names of their own, and so are the
  parts of an official title ("Substitute Teachers, Short-Term" -> "Substitute Teachers").
* Words: spaCy's blank English tokenizer and the lookup lemmatizer of spacy-lookups-data (no model
  download), lower-cased. A crude suffix stem ("stock"/"stocker") and the halves of closed compounds
  ("lunch"/"lunchroom") reach further at reduced weight.
* The query: a code typed directly goes to ``knowledge.lookup``. Otherwise the title is what follows
  "as a" when there is one ("I was laid off from my job as a ..."); filler ("currently", "I'm") and
  stop words are dropped; what follows "at", "in", "for" ... is context ("at Walmart", "in Maine",
  "for 3 years"), which can favour a name or official title containing it but never counts against one.
* Abbreviations and everyday words (``ABBREVIATIONS``): scored both as typed and expanded, since the
  store holds many abbreviations itself ("CNA", "HVAC Tech").
* Typos: a word that is neither a name word nor an English word (WordNet's list in
  spacy-lookups-data, spaCy's stop words) matches name words 1-3 edits away (rapidfuzz).
* A name's score: idf-weighted recall of its words and precision of the query's words,
  ``recall**0.6 * precision**0.4``, times what its kind is worth (``KIND_FACTOR``). An occupation
  takes its best name. Near-ties are broken by words shared with the official title, national
  employment (OEWS: a title shared by several occupations most often means the big one), how many
  of the occupation's names match, and context. ``confidence`` is the name's score, capped so that
  a lower-ranked match never reads as surer than the first minus how far it ranks behind;
  ``is_confident`` asks for a good first match clearly ahead of the second.
"""
from __future__ import annotations

import math
import re
import threading
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from knowledge import models as m
from knowledge import workplaces
from knowledge.db import per_store
from knowledge.lookup import ALL_OCCUPATIONS, normalise_code, occupations_for_code

MAX_CHARS = 300  # a job title is short; longer text is cut here so a pasted essay stays fast
MIN_CONFIDENCE = 0.5  # below this the best guess is worse than no guess: return nothing
KEEP_RATIO = 0.5  # alternatives shown must reach this share of the best confidence
MAX_NAMES = 1500  # names ranked per query at most
CONFIDENT = 0.75  # is_confident: top confidence at least this ...
MARGIN = 0.05  # ... and at least this far above the runner-up

# Common abbreviations and everyday words, the way people type them (not O*NET's spellings).
# A value is one or more words; "a|b" is one word with alternatives ("admin": administrator or
# administrative). The query is scored as typed and expanded, and keeps the better of the two.
ABBREVIATIONS = {
    # health care
    "cna": "certified nursing assistant", "rn": "registered nurse", "lpn": "licensed practical nurse",
    "lvn": "licensed vocational nurse", "np": "nurse practitioner", "pa": "physician assistant",
    "crna": "certified registered nurse anesthetist", "emt": "emergency medical technician",
    "ems": "emergency medical services", "hha": "home health aide", "pca": "personal care aide",
    "pct": "patient care technician", "dsp": "direct support professional", "ma": "medical assistant",
    "cma": "certified medical assistant", "pt": "physical therapist|therapy", "pta": "physical therapist assistant",
    "ot": "occupational therapist|therapy", "ota": "occupational therapy assistant",
    "slp": "speech language pathologist", "er": "emergency room", "icu": "intensive care unit",
    "psych": "psychiatric", "xray": "x ray", "vet": "veterinary|veterinarian",
    # office, business, tech
    "csr": "customer service representative", "cust": "customer", "svc": "service", "rep": "representative",
    "reps": "representative", "hr": "human resources", "it": "information technology",
    "qa": "quality assurance", "qc": "quality control", "pm": "project manager", "ceo": "chief executive officer",
    "cfo": "chief financial officer", "coo": "chief operating officer", "cto": "chief technology officer",
    "vp": "vice president", "gm": "general manager", "cpa": "certified public accountant",
    "dba": "database administrator", "sysadmin": "system administrator", "swe": "software engineer",
    "ux": "user experience", "ui": "user interface", "pr": "public relations", "mgr": "manager",
    "mgmt": "management", "asst": "assistant", "admin": "administrator|administrative|administration",
    "dev": "developer|development", "devs": "developer", "eng": "engineer|engineering", "acct": "account|accounting",
    "dmv": "motor vehicle", "tsa": "transportation security",
    # trades, transport, education
    "tech": "technician", "techs": "technician", "maint": "maintenance", "hvac": "heating ventilation air conditioning",
    "ac": "air conditioning", "cdl": "commercial driver license", "otr": "over the road", "semi": "tractor trailer",
    "ed": "education", "sped": "special education", "sub": "substitute", "para": "paraprofessional",
    "esl": "english second language", "hs": "high school",
    # everyday words for jobs
    "cop": "police officer", "police": "police officer",  # O*NET files a stray "Police" under Secretaries
    "uber": "rideshare", "lyft": "rideshare", "doordash": "delivery",
    "grubhub": "delivery", "man": "worker", "lady": "worker", "guy": "worker",
    "gal": "worker", "woman": "worker", "person": "worker",
}

# Words that say nothing about which job: dropped from the query (not from the names).
FILLER = set("""
i im i'm me my mine myself we our you your am is are was were be been being a an the this that
work works worked working job jobs position role title occupation career employment employed
currently current now presently former formerly previously retired ex used to as do did does doing
have has had having ve 've 'm 's 're 'd get got laid off fired quit left lost let go
fulltime parttime senior junior sr jr experienced years year months month
like just really also still so um uh well basically of and or but
hello hi hey thanks thank please lol idk dunno yes no ok okay yeah nope need want looking new
good great morning afternoon evening bye name named called live lives living stay mom dad
""".split())
# Words after which the rest of the phrase is context (employer, place, duration), not the title.
CONTEXT_WORDS = {"at", "for", "in", "with", "from", "since", "on", "near", "during", "by", "@"}
# Not part of any name's meaning ("Managers, All Other", "Helpers--Carpenters").
NAME_STOP = {"and", "or", "of", "the", "a", "an", "&", "for", "in", "at", "to", "with", "on", "all", "other",
             "'s", "s", "-", "--", "/", ",", ".", "(", ")", "'", '"'}
# Kinds of name. The rank chooses which name an occupation shows when several match equally; the
# factor is what a perfect match on that kind is worth. O*NET lists many alternate and reported
# titles under several occupations ("Cashier" under Cashiers and under Gambling Change Persons and
# Booth Cashiers); only the official title is one occupation's own; and "Managers, All Other" is a
# residual group, not what anyone calls their job.
KIND_RANK = {"official": 3, "part": 2, "reported": 2, "alternate": 1, "residual": 0}
KIND_FACTOR = {"official": 1.0, "part": 0.95, "reported": 0.9, "alternate": 0.9, "residual": 0.7}
# Tie-breaks, small next to real differences in match (at most ~0.15 together):
OFFICIAL_WEIGHT = 0.03  # the query's words are the official title's (as lemmas, then as stems)
PRIOR_WEIGHT = 0.06  # national employment, log scale
SUPPORT_WEIGHT = 0.01  # per doubling of the occupation's names among the matches kept (KEEP_RATIO)
CONTEXT_BONUS = 0.03  # context words ("at a hotel") found in a matching name or the official title
STEM_WEIGHT = 0.8  # "stock" for "stocker"
PART_WEIGHT = 0.7  # "lunch" for "lunchroom"
CONTEXT_WEIGHT = 0.9  # "hotel" in "front desk at a hotel"
# A query whose words weigh less than this (summed idf) is too common to be sure of: "supervisor"
# (3.6), "clerk" (4.1), "nurse" (5.1) against "cashier" (6.8) or "forklift operator" (11.1).
SPECIFIC_WEIGHT = 6.0
WORKPLACE_TOP = 15  # readings a workplace may choose among (knowledge.workplaces.rerank)
WORKPLACE_SHARE = 0.001  # a workplace "has" an occupation that holds at least this share of its jobs
_SUFFIXES = ("ists", "ist", "ians", "ian", "ions", "ion", "ers", "er", "ors", "or", "ing", "ments", "ment",
             "ants", "ant", "ance", "ence", "ies", "es", "s", "y", "e")

_HOURS = re.compile(r"\b(?:full|part)[\s-]?time\b|\bentry[\s-]?level\b")  # not "auto parts"
_AS_A = re.compile(r"\b(?:as|be|been|am|is|was|i'?m|im)\s+(?:a|an)\s+", re.I)
_OF_A = re.compile(r"\bof\s+(?:a|an|the)\b", re.I)
_IT = re.compile(r"\bIT\b")
# An assistant manager runs the floor under the manager: in the SOC a first-line supervisor of that work, not a
# manager. O*NET lists no "Assistant ... Manager" titles, so "assistant store manager" is read "store supervisor".
_ASSISTANT_MANAGER = re.compile(r"\b(?:assistant|asst)\.?\s+((?:[a-z]+\s+){0,2}?)(?:manager|mgr)\b")
SETTING_JOINED = 0.85  # "director at a childcare center" read as "childcare center director" when a name is that
_DASHED_CODE = re.compile(r"\b\d\d-\d{4}(?:\.\d\d)?\b")
_SPACES = re.compile(r"\s+")
# O*NET's titles are in American spelling; British and Canadian spellings are real words, so the typo
# matching leaves them alone ("licence clerk" would match any clerk). Words found in job titles.
BRITISH_SPELLINGS = {
    "licence": "license", "licenced": "licensed", "labour": "labor", "labourer": "laborer", "centre": "center",
    "programme": "program", "defence": "defense", "colour": "color",
    "jewellery": "jewelry", "jeweller": "jeweler", "paediatric": "pediatric", "orthopaedic": "orthopedic",
    "anaesthetist": "anesthesiologist", "anaesthesiologist": "anesthesiologist", "aluminium": "aluminum",
    "tyre": "tire", "cheque": "check", "counsellor": "counselor", "traveller": "traveler",
    "fibre": "fiber", "theatre": "theater", "catalogue": "catalog", "mould": "mold", "moulder": "molder",
    "organiser": "organizer", "analyser": "analyzer", "behaviour": "behavior", "behavioural": "behavioral",
    "harbour": "harbor", "gynaecologist": "gynecologist", "haematologist": "hematologist",
    "modelling": "modeling", "labelling": "labeling", "travelling": "traveling",
}
_BRITISH = re.compile(r"\b(" + "|".join(BRITISH_SPELLINGS) + r")\b", re.I)
_BRACKETS = str.maketrans({c: " " for c in "(),;:[]{}\"!?"})


@dataclass(frozen=True)
class Match:
    code: str
    title: str
    confidence: float
    matched: str

    def as_dict(self) -> dict:
        return {"code": self.code, "title": self.title, "confidence": round(self.confidence, 3), "matched": self.matched}


def is_confident(matches: list[Match], threshold: float = CONFIDENT, margin: float = MARGIN) -> bool:
    """True when the first match can be taken without asking: good enough and clearly ahead."""
    if not matches or matches[0].confidence < threshold:
        return False
    return len(matches) == 1 or matches[0].confidence - matches[1].confidence >= margin


def stem(word: str) -> str:
    """A crude stem so 'stock'/'stocker', 'drive'/'driver', 'nurse'/'nursing' meet (weighted down)."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=1)
def nlp():
    """Blank English pipeline with the lookup lemmatizer: no model download needed. Imported here,
    not at the top: importing spaCy takes seconds (thinc probes for TensorFlow, which Rasa installs)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """WordNet's words (spacy-lookups-data): a real word that is not in any name is not a typo."""
    from spacy.lookups import load_lookups

    index = load_lookups("en", ["lemma_index"]).get_table("lemma_index")
    lookup = nlp().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    words = {w for pos in ("noun", "verb", "adj", "adv") for w in index[pos]}
    return frozenset(words | set(lookup.keys()) | nlp().Defaults.stop_words)


def _clean(text: str) -> str:
    """Unicode-normalise, drop control characters, symbols and emoji, lower-case."""
    text = unicodedata.normalize("NFKC", text[: MAX_CHARS * 2])[:MAX_CHARS]
    text = _IT.sub("information technology", text)  # "IT" in capitals; a lone lower-case "it" is a pronoun
    text = _BRITISH.sub(lambda m: BRITISH_SPELLINGS[m.group(0).lower()], text)
    kept = [ch if (ch.isalnum() or ch in " -'&/.,@") and ch.isprintable() else " " for ch in text]
    return _ASSISTANT_MANAGER.sub(r"\1supervisor", _SPACES.sub(" ", "".join(kept)).strip().lower())


def _words(nlp, text: str) -> list[tuple[str, str]]:
    """(surface, lemma) per token of lower-cased text, punctuation dropped."""
    return [(t.text, t.lemma_.lower()) for t in nlp(text) if not t.is_punct and not t.is_space]


def _words_many(nlp, texts: list[str]) -> list[list[tuple[str, str]]]:
    """_words for many texts at once. spaCy splits on whitespace before anything else, so each
    distinct whitespace-separated chunk is analysed once, all in one Doc: the same tokens and
    lemmas as a Doc per text, but ~100x faster for 75,000 short names."""
    texts = "\0".join(texts).translate(_BRACKETS).split("\0")  # spaCy splits these off anyway: fewer chunks
    chunks = sorted({c for t in texts for c in t.split()})
    starts, offset = [], 0
    for c in chunks:
        starts.append(offset)
        offset += len(c) + 1
    doc = nlp(" ".join(chunks)) if len(" ".join(chunks)) < nlp.max_length else None
    if doc is None:  # never for O*NET's names; keeps very large inputs correct anyway
        return [_words(nlp, t) for t in texts]
    by_chunk: list[list[tuple[str, str]]] = [[] for _ in chunks]
    for t in doc:
        if not t.is_punct and not t.is_space:
            by_chunk[bisect_right(starts, t.idx) - 1].append((t.text, t.lemma_.lower()))
    index = {c: i for i, c in enumerate(chunks)}
    return [[w for c in t.split() for w in by_chunk[index[c]]] for t in texts]


def _name_variants(title: str, short: str | None, kind: str) -> list[tuple[str, str]]:
    """The names a title row gives, each with its kind.

    'Certified Nursing Assistant (CNA)' -> the title without the parentheses, 'CNA', the short title.
    An official title also gives its parts (kind "part"): 'Substitute Teachers, Short-Term'
    -> 'Substitute Teachers'; 'Veterinary Assistants and Laboratory Animal Caretakers' -> both
    roles. 'Except ...' is cut ('Janitors and Cleaners, Except Maids' does not name maids), and a
    residual 'X, All Other' occupation is never preferred as the official X."""
    if "(" not in title and not short and kind != "official":
        return [(title, kind)]
    names = []
    if kind == "official":
        title = re.split(r",?\s+Except\b", title)[0]
        if title.endswith(", All Other"):
            kind = "residual"
        else:
            head = title.split(",")[0]
            if head != title:
                names.append((head, "part"))
            roles = re.split(r"(?<=s),? and (?=[A-Z])", head)
            if len(roles) == 2 and " " in roles[0] and " " not in roles[1]:
                # "Nursing Instructors and Teachers": the nursing teachers, not every teacher
                roles[1] = roles[0].rsplit(" ", 1)[0] + " " + roles[1]
            if len(roles) > 1 and all(" " in r or len(roles) == 2 for r in roles):
                names += [(r, "part") for r in roles]
    inner = re.findall(r"\(([^()]*)\)", title)
    main = re.sub(r"\([^()]*\)", " ", title)
    names += [(main, kind)] + [(v, kind) for v in inner] + ([(short, kind)] if short else [])
    return [(_SPACES.sub(" ", v).strip(), k) for v, k in names if v and v.strip()]


class TitleResolver:
    def __init__(self, names: list[tuple[str, str, str | None, str]], occupations: dict[str, str],
                 employment: dict[str, float] | None = None):
        """names: (occupation code, title, short title, kind); occupations: code -> official title;
        employment: SOC code -> national employment, OEWS style (a prior for near-ties; optional)."""
        pipeline = nlp()
        self.codes = sorted(occupations)
        self.official = [occupations[c] for c in self.codes]
        occ_index = {c: i for i, c in enumerate(self.codes)}

        # one entry per distinct (occupation, word set); the best kind of name wins
        raw = [(code, v, k) for code, title, short, kind in names if code in occ_index
               for v, k in _name_variants(title, short, kind)]
        self.vocab: dict[str, int] = {}
        self.surface: dict[str, str] = {}  # word as written -> lemma
        texts = list(dict.fromkeys(v.lower() for _, v, _ in raw))  # many titles recur across occupations
        word_ids: dict[str, frozenset] = {}
        for text, words in zip(texts, _words_many(pipeline, texts)):
            words = [(s, l) for s, l in words if l not in NAME_STOP and s not in NAME_STOP]  # "'s" -> "have"
            for surface, lemma in words:
                self.surface.setdefault(surface, lemma)
                self.surface.setdefault(lemma, lemma)
            word_ids[text] = frozenset(self.vocab.setdefault(l, len(self.vocab)) for _, l in words)
        entries: dict[tuple[int, frozenset], tuple[str, str]] = {}
        for code, display, kind in raw:
            ids = word_ids[display.lower()]
            key = (occ_index[code], ids)
            if ids and (key not in entries or KIND_RANK[kind] > KIND_RANK[entries[key][0]]):
                entries[key] = (kind, display)

        keys = list(entries)
        self.name_occ = np.array([k[0] for k in keys], dtype=np.int32)
        self.name_text = [entries[k][1] for k in keys]
        self.name_kind = np.array([KIND_RANK[entries[k][0]] for k in keys], dtype=np.int8)
        self.name_factor = np.array([KIND_FACTOR[entries[k][0]] for k in keys])
        postings: list[list[int]] = [[] for _ in self.vocab]
        for n, (_, ids) in enumerate(keys):
            for t in ids:
                postings[t].append(n)
        df = np.array([len(p) for p in postings], dtype=float)
        self.idf = np.log((len(keys) + 1) / (df + 0.5))
        self.postings = [np.array(p, dtype=np.int32) for p in postings]
        self.name_weight = np.bincount(np.concatenate(self.postings), minlength=len(keys),
                                       weights=np.concatenate([np.full(len(p), self.idf[t]) for t, p in enumerate(self.postings)]))
        self.unknown_idf = float(np.median(self.idf))  # a word no name has: counts against precision

        # related name words a query word may reach at reduced weight: same crude stem, or a part
        # of a closed compound ("lunch" -> "lunchroom", "fire" -> "firefighter")
        self.related: dict[str, dict[int, float]] = {}
        for w, t in self.vocab.items():
            self.related.setdefault(stem(w), {})[t] = STEM_WEIGHT
        for w, t in self.vocab.items():
            for a, b in _compound_splits(w, self.vocab):
                for part in (a, b):
                    self.related.setdefault(part, {}).setdefault(t, PART_WEIGHT)
        # typo candidates by first letter and length: a lookup scans a few hundred words, not 20,000
        self.by_shape: dict[tuple[str, int], list[str]] = {}
        for w in self.surface:
            if w.isalpha() and len(w) >= 4:
                self.by_shape.setdefault((w[0], len(w)), []).append(w)

        self.official_words = [
            {lemma for surface, lemma in ws if surface not in NAME_STOP}
            for ws in _words_many(pipeline, [re.split(r",?\s+Except\b", t)[0].lower() for t in self.official])
        ]
        self.official_stems = [{stem(w) for w in ws} for ws in self.official_words]
        self.prior = employment_prior(self.codes, employment or {})
        self.english = english_words()
        self.stop_words = pipeline.Defaults.stop_words
        self._lock = threading.Lock()  # spaCy's Language is not documented as thread-safe
        self._engine: Engine | None = None
        # OEWS national employment by industry and SOC: which reading of a title a workplace makes likely
        self.industry_employment: dict[str, dict[str, float]] = {}
        self._industry_masks: dict[str, np.ndarray] = {}
        self.published: set[str] = set()  # SOC codes OEWS publishes on their own (others only in a group)

    # ---- construction from the store ------------------------------------------------------------

    @classmethod
    def from_connection(cls, conn: Connection) -> "TitleResolver":
        occupations = dict(conn.execute(select(m.Occupation.code, m.Occupation.title)).all())
        names = conn.execute(select(m.Title.occupation_code, m.Title.title, m.Title.short_title, m.Title.kind)).all()
        employment = dict(conn.execute(
            select(m.Wage.soc, m.Wage.employment)
            .where(m.Wage.area_code == "0000000", m.Wage.industry_code == "000000", m.Wage.employment.isnot(None),
                   m.Wage.reported_as.is_(None))  # OEWS's own counts: a group's copied to its members would count twice
        ).all())
        resolver = cls([tuple(n) for n in names], occupations, employment)
        resolver._engine = conn.engine  # typed codes are looked up through knowledge.lookup
        resolver.published = set(employment)
        for soc, industry, count in conn.execute(
                select(m.Wage.soc, m.Wage.industry_code, m.Wage.employment)
                .where(m.Wage.area_code == "0000000", m.Wage.industry_code != "000000", m.Wage.employment > 0)):
            resolver.industry_employment.setdefault(industry, {})[soc] = count
        for industry, (whole, part) in workplaces.DERIVED.items():  # limited-service restaurants: 7225 - 722511
            taken = resolver.industry_employment.get(part, {})
            resolver.industry_employment[industry] = {
                soc: count - taken.get(soc, 0.0) for soc, count in resolver.industry_employment.get(whole, {}).items()
                if count - taken.get(soc, 0.0) > 0}
        return resolver

    @classmethod
    def from_engine(cls, engine: Engine) -> "TitleResolver":
        with engine.connect() as conn:
            return cls.from_connection(conn)

    # ---- query side ---------------------------------------------------------------------------

    def _alternatives(self, surface: str, lemma: str) -> dict[int, float]:
        """Name words this query word may stand for, with a weight: exact 1, stem or compound
        part 0.8/0.7, typo 0.9 (one edit) to 0.7 (three)."""
        found: dict[int, float] = {}
        for w in (lemma, self.surface.get(surface, lemma)):
            for t, weight in self.related.get(stem(w), {}).items():
                found[t] = max(found.get(t, 0.0), weight)
            for t, weight in self.related.get(w, {}).items():
                found[t] = max(found.get(t, 0.0), weight)
            if w in self.vocab:
                found[self.vocab[w]] = 1.0
        if 1.0 in found.values() or not surface.isalpha() or not 4 <= len(surface) <= 30:
            return found
        if surface in self.english or lemma in self.english:
            return found  # a real word, just not a job word ("hello", "maine"): not a typo
        # a typo: the name words within 1-3 edits (transpositions count one), first letter kept
        max_edits = 1 if len(surface) <= 5 else 2 if len(surface) <= 10 else 3
        pool = [w for n in range(len(surface) - max_edits, len(surface) + max_edits + 1)
                for w in self.by_shape.get((surface[0], n), ())]
        hits = process.extract(surface, pool, scorer=OSA.distance, score_cutoff=max_edits, limit=10)
        closest = min((d for _, d, _ in hits), default=None)
        for word, d, _ in hits:
            if d == closest:
                t = self.vocab.get(self.surface[word])
                if t is not None:
                    found[t] = max(found.get(t, 0.0), 1.0 - 0.1 * d)
        return found

    def _parse(self, text: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """Split cleaned text into (title words, context words), each as (surface, lemma)."""
        after_as = _AS_A.split(text)
        text = after_as[-1] if len(after_as) > 1 and after_as[-1].strip() else text
        text = _OF_A.sub(" at ", _HOURS.sub(" ", text))  # "ceo of a small company": the company is context
        with self._lock:
            words = _words(nlp(), text)
        head, context, in_context = [], [], False
        for surface, lemma in words:
            if surface in CONTEXT_WORDS:
                in_context = True
                continue
            if surface in FILLER or lemma in FILLER or surface in NAME_STOP:
                continue
            if surface in self.stop_words and surface not in self.surface:  # "what", "you"; not "front"
                continue
            (context if in_context else head).append((surface, lemma))
        if [s for s, _ in head] == ["it"]:
            head = []  # "I like it"
        return (head, context) if head else (context, [])

    def _readings(self, head: list[tuple[str, str]]) -> list[list[list[tuple[str, str]]]]:
        """The query as typed, and with abbreviations expanded if it has any. A reading is a list
        of slots (one per query word); a slot lists the words it may be ("admin": 3 of them)."""
        typed = [[w] for w in self._join_compounds(head)]
        expanded, changed = [], False
        for i, (surface, lemma) in enumerate(head):
            expansion = ABBREVIATIONS.get(surface)
            if expansion == "worker" and i == 0:
                expansion = None  # "man", "lady" stand for "worker" only after what they do
            if not expansion:
                expanded.append([(surface, lemma)])
                continue
            changed = True
            expanded.extend([(w, w) for w in word.split("|")] for word in expansion.split())
        return [typed, expanded] if changed else [typed]

    def _join_compounds(self, head: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """'fork lift' -> 'forklift', 'sys admin' -> 'sysadmin': two words that the names spell as
        one, when at least one of them is not a name word on its own."""
        out: list[tuple[str, str]] = []
        for surface, lemma in head:
            if out:
                prev = out[-1][0]
                joined = next((prev + w for w in (surface, lemma) if prev + w in self.surface), None)
                if joined and (prev not in self.surface or surface not in self.surface):
                    out[-1] = (joined, self.surface[joined])
                    continue
            out.append((surface, lemma))
        return out

    def _score(self, slots: list[list[tuple[str, str]]], context: list[tuple[str, str]]):
        """For one reading: candidate name indices, their scores, the share of the context each
        contains, and the query's weight (sum of idf); None if no word is known."""
        per_slot, query_weight = [], 0.0
        for slot in slots:
            alts: dict[int, float] = {}
            for surface, lemma in slot:
                for t, w in self._alternatives(surface, lemma).items():
                    alts[t] = max(alts.get(t, 0.0), w)
            if not alts:
                if not any(ch.isdigit() for ch in slot[0][0]):  # "3rd", "18": say nothing, cost nothing
                    query_weight += self.unknown_idf
                continue
            # a slot's full weight is that of what it most surely means (exact before stem or typo)
            sure = max(alts.values())
            query_weight += max(self.idf[t] for t, w in alts.items() if w == sure)
            per_slot.append(alts)
        if not per_slot:
            return None
        candidates = np.unique(np.concatenate([self.postings[t] for alts in per_slot for t in alts]))
        matched_head = np.zeros(len(candidates))
        for alts in per_slot:
            best = np.zeros(len(candidates))
            for t, w in alts.items():
                pos = np.searchsorted(candidates, self.postings[t])
                best[pos] = np.maximum(best[pos], w * self.idf[t])
            matched_head += best
        matched_context = np.zeros(len(candidates))
        context_weight = 0.0
        for surface, lemma in context:  # context words help only when spelt as in the name
            t = self.vocab.get(lemma)
            if t is not None:
                context_weight += self.idf[t]
                pos = np.searchsorted(candidates, self.postings[t])
                inside = candidates[np.minimum(pos, len(candidates) - 1)] == self.postings[t]
                matched_context[pos[inside]] = np.maximum(matched_context[pos[inside]], CONTEXT_WEIGHT * self.idf[t])
        recall = np.minimum(1.0, (matched_head + matched_context) / self.name_weight[candidates])
        precision = np.minimum(1.0, matched_head / query_weight)
        in_context = matched_context / (CONTEXT_WEIGHT * context_weight) if context_weight else matched_context
        return candidates, recall ** 0.6 * precision ** 0.4 * self.name_factor[candidates], in_context, query_weight

    def resolve(self, text: str, top: int = 5) -> list[Match]:
        """Ranked occupations for what someone calls their job; [] when the text names no job."""
        if not isinstance(text, str) or not text.strip():
            return []
        code_matches = self._resolve_code(text)
        if code_matches is not None:
            return code_matches[:top]
        raw = text[: MAX_CHARS * 2]
        odd = sum(1 for ch in raw if unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") and not ch.isspace())
        if odd > 0.1 * len(raw):
            return []  # binary or control characters: not something a person typed
        cleaned = _clean(text)
        if not cleaned:
            return []
        head, context = self._parse(cleaned)
        if context:  # a title, then where: "cook at Waffle House" is read as "cook at restaurant"
            head, context = self._parse(_clean(workplaces.as_site(text)))
        if not head:
            return []
        # a setting word that is a form of the title's own ("nurse at a nursing home") says nothing more about
        # the job: counted again it would make "Nursing Assistants" of the nurse
        context = [(surface, lemma) for surface, lemma in context if stem(lemma) not in {stem(h) for _, h in head}]
        scores = np.zeros(len(self.name_occ))
        in_context = np.zeros(len(self.name_occ))
        query_words: set[str] = set()
        context_words = {lemma for _, lemma in context if lemma in self.vocab}
        query_weight = 0.0
        for slots in self._readings(head):
            scored = self._score(slots, context)
            if scored is None:
                continue
            candidates, s, c, weight = scored
            scores[candidates] = np.maximum(scores[candidates], s)
            in_context[candidates] = np.maximum(in_context[candidates], c)
            query_words |= {lemma for slot in slots for _, lemma in slot}
            query_weight = max(query_weight, weight)
        if context and len(head) <= 2:
            # "director at a childcare center", "front desk at a hotel": a short title whose name says the
            # place ("Childcare Center Director", "Hotel Front Desk Clerk") is that name, when one fits closely
            for slots in self._readings(context + head):
                scored = self._score(slots, [])
                if scored is not None:
                    candidates, s, _, weight = scored
                    close = s >= SETTING_JOINED
                    if close.any() and weight > query_weight:
                        # the place's words make the title specific: the other readings keep their confidence
                        scores *= min(1.0, query_weight / SPECIFIC_WEIGHT) / min(1.0, weight / SPECIFIC_WEIGHT)
                        query_weight = weight
                    scores[candidates[close]] = np.maximum(scores[candidates[close]], s[close])
                    in_context[candidates[close]] = 1.0
        # "supervisor", "clerk", "technician" fit hundreds of names: whatever matches best, a query of
        # such common words alone says little, so it is shown as a choice rather than an answer
        specificity = min(1.0, query_weight / SPECIFIC_WEIGHT)
        industry = workplaces.industry_in(" ".join(surface for surface, _ in context))  # not "power plant operator"
        if industry not in self.industry_employment:
            return self._rank(scores, in_context, query_words, context_words, specificity, top)
        # "tech at a Chevy dealer": a title its words leave open is read among the jobs that workplace has
        # (when one fits), and of the readings nearly as good as the best, the one it employs most comes first
        ranked = self._rank(scores, in_context, query_words, context_words, specificity, max(top, WORKPLACE_TOP))
        if is_confident(ranked) and not workplaces.overruled(ranked, self.industry_employment[industry], self.published):
            return ranked[:top]  # "security supervisor at a distribution center" is that, however few there are
        mask = self._employed_in(industry)
        there = scores * mask
        near = scores >= scores.max() - workplaces.WINDOW
        if not (mask[near] * scores[near]).any() and there.max() >= MIN_CONFIDENCE:
            # none of the title's good readings is a job there: read it among the jobs there
            ranked = self._rank(there, in_context, query_words, context_words, specificity, max(top, WORKPLACE_TOP))
        setting = frozenset(lemma.rstrip("s") for _, lemma in context)
        return workplaces.rerank(ranked, self.industry_employment[industry], self.published, MARGIN, setting)[:top]

    def _employed_in(self, industry: str) -> np.ndarray:
        """1 for the names of occupations an industry employs (at least ``WORKPLACE_SHARE`` of its jobs), else 0."""
        if industry not in self._industry_masks:
            employment = self.industry_employment[industry]
            total = employment.get(ALL_OCCUPATIONS) or sum(employment.values())
            employed = np.array([workplaces.employed(employment, code, self.published) >= WORKPLACE_SHARE * total
                                 for code in self.codes])
            self._industry_masks[industry] = employed[self.name_occ].astype(float)
        return self._industry_masks[industry]

    def _rank(self, scores: np.ndarray, in_context: np.ndarray, query_words: set[str], context_words: set[str],
              specificity: float, top: int) -> list[Match]:
        """Best name per occupation; order by its score plus the small tie-breaks."""
        best_score = scores.max()
        if best_score < MIN_CONFIDENCE:
            return []
        names = np.flatnonzero(scores >= best_score * KEEP_RATIO)
        if len(names) > MAX_NAMES:  # "worker" matches thousands of names; the best few hundred decide
            names = names[np.argpartition(-scores[names], MAX_NAMES)[:MAX_NAMES]]
        names = names[np.lexsort((-self.name_kind[names], -scores[names]))]
        query_stems = {stem(w) for w in query_words}
        ranked, seen = [], {}
        for n in names:
            occ = int(self.name_occ[n])
            if occ in seen:  # a later (worse) name of the same occupation: its context, and support
                seen[occ][1] = max(seen[occ][1], in_context[n])
                seen[occ][2] += 1
                continue
            seen[occ] = [n, in_context[n], 1]
        for occ, (n, context, support) in seen.items():
            if context_words:  # "supervisor at a fast food place": the official title may say "food"
                context = max(context, len(context_words & self.official_words[occ]) / len(context_words))
            exact = len(query_words & self.official_words[occ]) / len(query_words)
            stemmed = len(query_stems & self.official_stems[occ]) / len(query_stems)
            tie_break = (OFFICIAL_WEIGHT * (exact ** 2 + stemmed ** 2) / 2 + PRIOR_WEIGHT * self.prior[occ]
                         + SUPPORT_WEIGHT * min(math.log2(support), 4) + CONTEXT_BONUS * context)
            ranked.append((scores[n] + tie_break, float(scores[n]), occ, n))
        ranked.sort(reverse=True)
        # A match ranked below the first is shown no surer than the first minus how far behind it
        # ranks: equal names that the tie-breaks separate clearly (employment, context ...) read as
        # a clear first choice, true ties as a choice to offer.
        first_rank, first_confidence = ranked[0][0], ranked[0][1]
        out, ceiling = [], 1.0
        for rank, confidence, occ, n in ranked[:top]:
            ceiling = min(ceiling, confidence, first_confidence - (first_rank - rank))
            out.append(Match(self.codes[occ], self.official[occ], ceiling * specificity, self.name_text[n]))
        return out

    # ---- codes typed directly -----------------------------------------------------------------

    def _resolve_code(self, text: str) -> list[Match] | None:
        """'43-4051.00', '434051', 'my code is 43-4051': the occupations the code names, confidence 1.
        None when the text is not a code (a code-like part of a sentence that names nothing, such
        as a date '12-2023', leaves the sentence to the title matching)."""
        stripped = text.strip()
        code = normalise_code(stripped) if len(stripped) <= 12 else None
        alone = code is not None
        if code is None:
            found = _DASHED_CODE.search(stripped[:MAX_CHARS])
            code = normalise_code(found.group(0)) if found else None
        if code is None or self._engine is None:
            return None
        with self._engine.connect() as conn:  # one indexed lookup; codes are rare next to titles
            codes = occupations_for_code(conn, code)
        if not codes and not alone:
            return None
        if code in codes:  # the exact occupation first, then the rest of its SOC group
            codes = [code] + [c for c in codes if c != code]
        index = {c: i for i, c in enumerate(self.codes)}
        return [Match(c, self.official[index[c]], 1.0, code) for c in codes if c in index]


def _compound_splits(word: str, vocab: dict[str, int]):
    """'lunchroom' -> ('lunch', 'room') when both halves are name words of 4+ letters (shorter
    halves split wrongly: 'rep' + 'air')."""
    if not word.isalpha() or len(word) < 8:
        return
    for i in range(4, len(word) - 3):
        if word[:i] in vocab and word[i:] in vocab:
            yield word[:i], word[i:]


def employment_prior(codes: list[str], employment: dict[str, float]) -> np.ndarray:
    """log10(national employment) scaled to 0-1 (1,000 workers -> 0, the largest occupation -> 1).

    OEWS publishes some occupations only as their broad group (31-1120 for home health and personal
    care aides): those share the group's figure. Several O*NET occupations share one SOC code
    (29-1141.00 and its .01-.04 specialties): they split it evenly."""
    per_soc: dict[str, int] = {}
    for c in codes:
        per_soc[c[:7]] = per_soc.get(c[:7], 0) + 1
    by_broad: dict[str, int] = {}
    for soc in per_soc:
        by_broad[soc[:6]] = by_broad.get(soc[:6], 0) + 1
    top = math.log10(max(employment.values(), default=1e6))
    prior = []
    for c in codes:
        soc = c[:7]
        count = employment.get(soc)
        if count is None and soc[:6] + "0" in employment:
            count = employment[soc[:6] + "0"] / by_broad[soc[:6]]
        count = (count or 1000.0) / per_soc[soc]
        prior.append(min(1.0, max(0.0, (math.log10(max(count, 1000.0)) - 3) / max(top - 3, 1.0))))
    return np.array(prior)


@per_store
def get_resolver(engine: Engine) -> TitleResolver:
    """One resolver per store per process: building it reads ~65,000 names."""
    return TitleResolver.from_engine(engine)
