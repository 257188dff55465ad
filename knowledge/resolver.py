"""Job-title resolver: what someone calls their job, in their own words, to ranked O*NET occupations.

    >>> resolver = get_resolver(engine)
    >>> [m.as_dict() for m in resolver.resolve("forklift opertor at a warehouse", top=2)]
    [{'code': '53-7051.00', 'title': 'Industrial Truck and Tractor Operators', 'confidence': 0.9, ...}, ...]

How it works (all from the store, built once per process in about a second):

* Names: every official title, Alternate Title and Sample of Reported Title; a parenthesised part
  ("Certified Nursing Assistant (CNA)") and the short title are names of their own.
* Words: spaCy's blank English tokenizer plus the lookup lemmatizer of spacy-lookups-data
  (no statistical model needed), lower-cased, stop words dropped. A crude suffix stem ("stocker",
  "stock") lets "I stock shelves" reach "Stocker" at reduced weight.
* Query clean-up: the title is what follows "as a" when there is one ("I was laid off from my job
  as a ..."); filler words ("currently", "former", "I'm") are dropped; what follows "at", "in",
  "for" ... is context ("at Walmart", "in Maine", "for 3 years"): it may help a name that contains
  it ("front desk at a hotel") but never counts against one.
* Abbreviations and everyday words (``ABBREVIATIONS``): tried both as typed and expanded, since the
  store holds many abbreviations itself ("CNA", "HVAC Tech").
* Typos: a word that is neither in the names nor an English word (WordNet's list in
  spacy-lookups-data) is matched to name words within 1-3 edits (rapidfuzz), at reduced weight.
* Score of a name: idf-weighted recall of the name's words and precision of the query's words,
  ``recall**0.6 * precision**0.4``; an occupation takes its best name. Near-ties are broken by the
  kind of name (official, reported by workers, alternate), by overlap with the official title and
  by national employment (OEWS), because a title shared by several occupations most often means the
  big one. ``confidence`` is the name score itself; ``is_confident`` adds a margin over the runner-up.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from knowledge import models as m
from knowledge.lookup import normalise_code, occupations_for_code

MAX_CHARS = 300  # a job title is short; longer text is cut here so a pasted essay stays fast
MIN_CONFIDENCE = 0.45  # below this the best guess is worse than no guess: return nothing
KEEP_RATIO = 0.5  # alternatives shown must reach this share of the best confidence
CONFIDENT = 0.75  # is_confident: top confidence at least this ...
MARGIN = 0.08  # ... and at least this far above the runner-up

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
    "psych": "psychiatric", "xray": "x ray", "ekg": "ekg|electrocardiogram", "vet": "veterinary|veterinarian",
    "ob": "obstetric", "gyn": "gynecology",
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
    "esl": "english second language", "hs": "high school", "k12": "kindergarten through twelfth",
    # everyday words for jobs
    "cop": "police officer", "uber": "rideshare", "lyft": "rideshare", "doordash": "delivery",
    "grubhub": "delivery", "instacart": "shopper", "man": "worker", "lady": "worker", "guy": "worker",
    "gal": "worker", "woman": "worker", "person": "worker",
}

# Words that say nothing about which job: dropped from the query (not from the names).
FILLER = set("""
i im i'm me my mine myself we our you your am is are was were be been being a an the this that
work works worked working job jobs position role title occupation career employment employed
currently current now presently former formerly previously retired ex used to as do did does doing
have has had having ve 've 'm 's 're 'd get got laid off fired quit left lost let go
full part time fulltime parttime senior junior sr jr entry level experienced years year months month
like just really also still so um uh well basically kind sort of and or but
hello hi hey thanks thank please lol idk dunno yes no ok okay yeah nope need want looking new
""".split())
# Words after which the rest of the phrase is context (employer, place, duration), not the title.
CONTEXT_WORDS = {"at", "for", "in", "with", "from", "since", "on", "near", "during", "by", "@"}
# Not part of any name's meaning ("Managers, All Other", "Helpers--Carpenters").
NAME_STOP = {"and", "or", "of", "the", "a", "an", "&", "for", "in", "at", "to", "with", "on", "all", "other",
             "'s", "s", "-", "--", "/", ",", ".", "(", ")", "'", '"'}
KIND_RANK = {"official": 2, "reported": 1, "alternate": 0}
# Tie-breaks, small next to real differences in match: the kind of name matched (a title workers
# reported, the official one), words shared with the official title, national employment.
KIND_BONUS = (0.0, 0.01, 0.015)
PRIOR_WEIGHT = 0.04
SUPPORT_WEIGHT = 0.01  # per doubling of the occupation's names that match about as well as its best
STEM_WEIGHT = 0.8  # "stock" for "stocker"
PART_WEIGHT = 0.7  # "lunch" for "lunchroom"
CONTEXT_WEIGHT = 0.9  # "hotel" in "front desk at a hotel"
_SUFFIXES = ("ists", "ist", "ians", "ian", "ions", "ion", "ers", "er", "ors", "or", "ing", "ments", "ment",
             "ants", "ant", "ance", "ence", "ies", "es", "s", "y", "e")

_AS_A = re.compile(r"\b(?:as|be|been|am|is|was|i'?m|im)\s+(?:a|an)\s+", re.I)
_OF_A = re.compile(r"\bof\s+(?:a|an|the)\b", re.I)
_DASHED_CODE = re.compile(r"\b\d\d-\d{4}(?:\.\d\d)?\b")
_SPACES = re.compile(r"\s+")
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
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=1)
def _nlp():
    """Blank English pipeline with the lookup lemmatizer: no model download needed."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    """WordNet's words (spacy-lookups-data): a real word that is not in any name is not a typo."""
    from spacy.lookups import load_lookups

    index = load_lookups("en", ["lemma_index"]).get_table("lemma_index")
    lookup = _nlp().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    words = {w for pos in ("noun", "verb", "adj", "adv") for w in index[pos]}
    return frozenset(words | set(lookup.keys()))


def _clean(text: str) -> str:
    """Unicode-normalise, drop control characters, symbols and emoji, lower-case."""
    text = unicodedata.normalize("NFKC", text[: MAX_CHARS * 2])[:MAX_CHARS]
    kept = [ch if (ch.isalnum() or ch in " -'&/.,@") and ch.isprintable() else " " for ch in text]
    return _SPACES.sub(" ", "".join(kept)).strip().lower()


def _words(nlp, text: str) -> list[tuple[str, str]]:
    """(surface, lemma) per token of lower-cased text, punctuation dropped."""
    return [(t.text, t.lemma_.lower()) for t in nlp(text) if not t.is_punct and not t.is_space]


def _words_many(nlp, texts: list[str]) -> list[list[tuple[str, str]]]:
    """_words for many texts at once. spaCy splits on whitespace before anything else, so each
    distinct whitespace-separated chunk is analysed once, all in one Doc: the same tokens and
    lemmas as a Doc per text, but ~100x faster for 75,000 short names."""
    texts = [t.translate(_BRACKETS) for t in texts]  # spaCy splits these off anyway: fewer distinct chunks
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
    An official title also gives its parts, as alternate names: 'Substitute Teachers, Short-Term'
    -> 'Substitute Teachers'; 'Veterinary Assistants and Laboratory Animal Caretakers' -> both
    roles. 'Except ...' is cut ('Janitors and Cleaners, Except Maids' does not name maids), and a
    residual 'X, All Other' occupation is never preferred as the official X."""
    if "(" not in title and not short and kind != "official":
        return [(title, kind)]
    names = []
    if kind == "official":
        title = re.split(r",?\s+Except\b", title)[0]
        if title.endswith(", All Other"):
            kind = "alternate"
        else:
            head = title.split(",")[0]
            if head != title:
                names.append((head, "alternate"))
            roles = re.split(r"(?<=s),? and (?=[A-Z])", head)
            if len(roles) > 1 and all(" " in r or len(roles) == 2 for r in roles):
                names += [(r, "alternate") for r in roles]
    inner = re.findall(r"\(([^()]*)\)", title)
    main = re.sub(r"\([^()]*\)", " ", title)
    names += [(main, kind)] + [(v, kind) for v in inner] + ([(short, kind)] if short else [])
    return [(_SPACES.sub(" ", v).strip(), k) for v, k in names if v and v.strip()]


class TitleResolver:
    def __init__(self, names: list[tuple[str, str, str | None, str]], occupations: dict[str, str],
                 employment: dict[str, float] | None = None):
        """names: (occupation code, title, short title, kind); occupations: code -> official title;
        employment: SOC code -> national employment, OEWS style (a prior for near-ties; optional)."""
        nlp = _nlp()
        self.codes = sorted(occupations)
        self.official = [occupations[c] for c in self.codes]
        occ_index = {c: i for i, c in enumerate(self.codes)}

        # one entry per distinct (occupation, word set); the best kind of name wins
        raw = [(code, v, KIND_RANK[k]) for code, title, short, kind in names if code in occ_index
               for v, k in _name_variants(title, short, kind)]
        self.vocab: dict[str, int] = {}
        self.surface: dict[str, str] = {}  # word as written -> lemma
        entries: dict[tuple[int, frozenset], tuple[int, str]] = {}
        for (code, display, rank), words in zip(raw, _words_many(nlp, [v.lower() for _, v, _ in raw])):
            lemmas = set()
            for surface, lemma in words:
                if lemma in NAME_STOP or surface in NAME_STOP:  # "'s" has the lemma "have"
                    continue
                lemmas.add(lemma)
                self.surface.setdefault(surface, lemma)
                self.surface.setdefault(lemma, lemma)
            if not lemmas:
                continue
            ids = frozenset(self.vocab.setdefault(w, len(self.vocab)) for w in lemmas)
            key = (occ_index[code], ids)
            if key not in entries or rank > entries[key][0]:
                entries[key] = (rank, display)

        keys = list(entries)
        self.name_occ = np.array([k[0] for k in keys], dtype=np.int32)
        self.name_text = [entries[k][1] for k in keys]
        self.name_kind = np.array([entries[k][0] for k in keys], dtype=np.int8)
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
            for ws in _words_many(nlp, [re.split(r",?\s+Except\b", t)[0].lower() for t in self.official])
        ]
        self.official_stems = [{stem(w) for w in ws} for ws in self.official_words]
        self.prior = _employment_prior(self.codes, employment or {})
        self.english = _english_words()
        self._lock = threading.Lock()  # spaCy's Language is not documented as thread-safe
        self._engine: Engine | None = None

    # ---- construction from the store ------------------------------------------------------------

    @classmethod
    def from_connection(cls, conn: Connection) -> "TitleResolver":
        occupations = dict(conn.execute(select(m.Occupation.code, m.Occupation.title)).all())
        names = conn.execute(select(m.Title.occupation_code, m.Title.title, m.Title.short_title, m.Title.kind)).all()
        employment = dict(conn.execute(
            select(m.Wage.soc, m.Wage.employment)
            .where(m.Wage.area_code == "0000000", m.Wage.industry_code == "000000", m.Wage.employment.isnot(None))
        ).all())
        resolver = cls([tuple(n) for n in names], occupations, employment)
        resolver._engine = conn.engine  # typed codes are looked up through knowledge.lookup
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
        text = _OF_A.sub(" at ", text)  # "ceo of a small company": the company is context
        with self._lock:
            words = _words(_nlp(), text)
        head, context, in_context = [], [], False
        for surface, lemma in words:
            if surface in CONTEXT_WORDS:
                in_context = True
                continue
            if surface in FILLER or lemma in FILLER or surface in NAME_STOP:
                continue
            (context if in_context else head).append((surface, lemma))
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
        """'fork lift' -> 'forklift', 'day care' -> 'daycare', when the names spell it closed."""
        out: list[tuple[str, str]] = []
        for surface, lemma in head:
            if out and out[-1][0] + surface in self.surface and out[-1][0] not in self.surface:
                joined = out.pop()[0] + surface
                out.append((joined, self.surface[joined]))
            elif out and out[-1][0] + lemma in self.vocab and (out[-1][0] not in self.vocab or surface not in self.surface):
                joined = out.pop()[0] + lemma
                out.append((joined, joined))
            else:
                out.append((surface, lemma))
        return out

    def _score(self, slots: list[list[tuple[str, str]]], context: list[tuple[str, str]]):
        """(candidate name indices, their scores) for one reading; None if no word is known."""
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
        in_context = matched_context / (context_weight / CONTEXT_WEIGHT) if context_weight else matched_context
        return candidates, recall ** 0.6 * precision ** 0.4, in_context

    def resolve(self, text: str, top: int = 5) -> list[Match]:
        """Ranked occupations for what someone calls their job; [] when the text names no job."""
        if not isinstance(text, str) or not text.strip():
            return []
        code_matches = self._resolve_code(text)
        if code_matches is not None:
            return code_matches[:top]
        raw = text[: MAX_CHARS * 2]
        if sum(1 for ch in raw if unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs")) > 0.1 * len(raw):
            return []  # binary or control characters: not something a person typed
        cleaned = _clean(text)
        if not cleaned:
            return []
        head, context = self._parse(cleaned)
        if not head:
            return []
        scores = np.zeros(len(self.name_occ))
        in_context = np.zeros(len(self.name_occ))
        query_words: set[str] = set()
        context_words = {lemma for _, lemma in context if lemma in self.vocab}
        for slots in self._readings(head):
            scored = self._score(slots, context)
            if scored is None:
                continue
            candidates, s, c = scored
            scores[candidates] = np.maximum(scores[candidates], s)
            in_context[candidates] = np.maximum(in_context[candidates], c)
            query_words |= {lemma for slot in slots for _, lemma in slot}
        return self._rank(scores, in_context, query_words, context_words, top)

    def _rank(self, scores: np.ndarray, in_context: np.ndarray, query_words: set[str], context_words: set[str],
              top: int) -> list[Match]:
        """Best name per occupation; order by its score plus the small tie-breaks."""
        best_score = scores.max()
        if best_score < MIN_CONFIDENCE:
            return []
        # tie-breaks add at most ~0.1, so names further behind than that cannot reach the top
        names = np.flatnonzero(scores >= max(best_score * KEEP_RATIO, best_score - 0.15))
        names = names[np.lexsort((-self.name_kind[names], -scores[names]))][:2000]
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
            tie_break = (KIND_BONUS[self.name_kind[n]] + 0.02 * exact ** 2 + 0.01 * stemmed ** 2
                         + PRIOR_WEIGHT * self.prior[occ] + 0.03 * context + SUPPORT_WEIGHT * min(math.log2(support), 4))
            ranked.append((scores[n] + tie_break, float(scores[n]), occ, n))
        ranked.sort(reverse=True)
        return [Match(self.codes[occ], self.official[occ], min(1.0, conf), self.name_text[n])
                for _, conf, occ, n in ranked[:top]]

    # ---- codes typed directly -----------------------------------------------------------------

    def _resolve_code(self, text: str) -> list[Match] | None:
        """'43-4051.00', '434051', 'my code is 43-4051': the occupations the code names, confidence 1."""
        stripped = text.strip()
        code = normalise_code(stripped) if len(stripped) <= 12 else None
        if code is None:
            found = _DASHED_CODE.search(stripped[:MAX_CHARS])
            code = normalise_code(found.group(0)) if found else None
        if code is None:
            return None
        if self._engine is None:
            return []
        with self._engine.connect() as conn:  # one indexed lookup; codes are rare next to titles
            codes = occupations_for_code(conn, code)
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


def _employment_prior(codes: list[str], employment: dict[str, float]) -> np.ndarray:
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


_CACHE: dict[str, TitleResolver] = {}
_CACHE_LOCK = threading.Lock()


def get_resolver(engine: Engine) -> TitleResolver:
    """One resolver per store per process: building it reads ~65,000 names."""
    key = engine.url.render_as_string(hide_password=False)
    with _CACHE_LOCK:
        if key not in _CACHE:
            _CACHE[key] = TitleResolver.from_engine(engine)
        return _CACHE[key]
