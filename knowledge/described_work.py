"""Which occupations a description of the work fits: "I debone chicken at the Tyson plant", "fix mowers
and chainsaws", "patrols, traffic stops, responding to calls".

    >>> work = get_described_work(engine)
    >>> [m.title for m in work.match("change tires at discount tire", top=2)]
    ['Tire Repairers and Changers', 'Tire Builders']

The title resolver (knowledge/resolver.py) reads job titles; people often say what they do instead, and
veterans must (the military crosswalk is not in the data). This reads the words against what O*NET says
each occupation does: its task statements, with its title and alternate titles, as TF-IDF vectors over
lemmas (so "milked cows" meets "milk cows"). Cosine similarity ranks them, nudged by national
employment (OEWS) so that of two equally good fits the common job comes first. Military occupations
(55-) are left out: O*NET rates none of them, so nothing could be compared with one.

The answer is a ranked guess, never a certainty: the chat offers the best few as choices.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from sqlalchemy import select
from sqlalchemy.engine import Engine

from knowledge import models as m
from knowledge.db import per_store
from knowledge.lookup import MILITARY_GROUP

PRIOR_WEIGHT = 0.25  # how much national employment (0-1, log scale) lifts a fit: a tie-break, not a vote
MIN_WORDS = 2  # fewer content words than this describe nothing ("work", "a job")
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Fit:
    code: str
    title: str
    score: float  # cosine similarity x the employment nudge; comparable only within one description


@lru_cache(maxsize=1)
def _lemmas():
    from knowledge.resolver import nlp

    pipeline = nlp()
    return pipeline.get_pipe("lemmatizer").lookups.get_table("lemma_lookup"), frozenset(pipeline.Defaults.stop_words)


@lru_cache(maxsize=200_000)
def _lemma(word: str) -> str | None:
    table, stop = _lemmas()
    if word in stop or len(word) < 3:
        return None
    lemma = table.get(word, word)
    return lemma[:-1] if len(lemma) > 4 and lemma.endswith("s") and not lemma.endswith("ss") else lemma


def content_words(text: str) -> list[str]:
    """Lemmas of the words that say something: 'I milked cows on a dairy' -> ['milk', 'cow', 'dairy']."""
    return [w for w in (_lemma(t) for t in _WORD.findall(text.lower())) if w]


class DescribedWork:
    def __init__(self, documents: dict[str, str], titles: dict[str, str], employment: dict[str, float]):
        from sklearn.feature_extraction.text import TfidfVectorizer

        from knowledge.resolver import employment_prior

        self.codes = sorted(documents)
        self.titles = titles
        self.vectorizer = TfidfVectorizer(analyzer=content_words, sublinear_tf=True)
        self.matrix = self.vectorizer.fit_transform([documents[c] for c in self.codes])
        self.nudge = 1.0 + PRIOR_WEIGHT * employment_prior(self.codes, employment)

    @classmethod
    def from_engine(cls, engine: Engine) -> "DescribedWork":
        with engine.connect() as conn:
            titles = dict(conn.execute(select(m.Occupation.code, m.Occupation.title)).all())
            parts: dict[str, list[str]] = {code: [title] for code, title in titles.items()
                                          if not code.startswith(MILITARY_GROUP)}
            for code, text in conn.execute(select(m.Task.occupation_code, m.Task.task)):
                if code in parts:
                    parts[code].append(text)
            for code, text in conn.execute(select(m.Title.occupation_code, m.Title.title)):
                if code in parts:
                    parts[code].append(text)
            employment = dict(conn.execute(
                select(m.Wage.soc, m.Wage.employment)
                .where(m.Wage.area_code == "0000000", m.Wage.industry_code == "000000", m.Wage.employment.isnot(None),
                   m.Wage.reported_as.is_(None))  # OEWS's own counts: a group's copied to its members would count twice
            ).all())
        documents = {code: " ".join(p) for code, p in parts.items() if len(p) > 1}  # an occupation with no tasks
        return cls(documents, titles, employment)

    def match(self, text: str, top: int = 5) -> list[Fit]:
        """The occupations the description fits best, best first; [] when it says too little."""
        if len(set(content_words(text))) < MIN_WORDS:
            return []
        query = self.vectorizer.transform([text])
        if not query.nnz:
            return []
        scores = (self.matrix @ query.T).toarray().ravel() * self.nudge
        best = np.argsort(-scores)[:top]
        return [Fit(self.codes[i], self.titles[self.codes[i]], float(scores[i])) for i in best if scores[i] > 0]


@per_store
def get_described_work(engine: Engine) -> DescribedWork:
    """One per store per process (reads ~19,000 task statements and ~65,000 titles, a few seconds)."""
    return DescribedWork.from_engine(engine)
