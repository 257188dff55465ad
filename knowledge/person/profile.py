"""What a person has done: the jobs they held (O*NET-SOC code, years, how long ago) and their schooling,
and how much each job's levels count (its credit: see knowledge/person/__init__.py for the rule and why)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.errors import UserError

RECENT_YEARS = 5  # a job held within this many years counts in full ...
FADE_PER_YEAR = 0.05  # ... then this much less a year ...
OLDEST_CREDIT = 0.5  # ... but never less than this (15 years or more ago)
UNSURVEYED_TRAINING_MONTHS = 12  # a job O*NET did not survey for on-the-job training
ON_THE_JOB_TRAINING = "3.A.3"
# O*NET On-the-Job Training categories (scale OJ) -> the months at the category's upper bound
TRAINING_MONTHS = {1: 0, 2: 1, 3: 3, 4: 6, 5: 12, 6: 24, 7: 48, 8: 120, 9: 120}

# the person's highest schooling: key -> (O*NET Required Level of Education category (scale RL), words)
EDUCATION_LEVELS = {
    "less-than-high-school": (1, "less than a high school diploma"),
    "high-school": (2, "a high school diploma"),
    "certificate": (3, "a certificate after high school"),
    "some-college": (4, "some college"),
    "associate": (5, "an associate's degree"),
    "bachelor": (6, "a bachelor's degree"),
    "post-bachelor-certificate": (7, "a certificate after a bachelor's degree"),
    "master": (8, "a master's degree"),
    "post-master-certificate": (9, "a certificate after a master's degree"),
    "professional": (10, "a professional degree"),
    "doctoral": (11, "a doctoral degree"),
}


@dataclass(frozen=True)
class Job:
    code: str  # O*NET-SOC 2019
    years: float | None = None  # how long they held it; None = not said (counts in full)
    years_ago: float = 0.0  # how long since they left it; 0 = they have it now
    unpaid: bool = False  # unpaid or volunteer work that is this occupation's work ("I keep the books for the PTA")


@dataclass(frozen=True)
class Education:
    level: str | None = None  # a key of EDUCATION_LEVELS
    credits: float | None = None  # college semester hours
    field: str | None = None  # what the degree is in ("business"), as they said it
    said: str | None = None  # their words when ours would claim more: "no college degree" (counted as high school)

    @property
    def category(self) -> int | None:
        """The O*NET RL category of the highest level (some college when only credits are said)."""
        if self.credits and self.level in (None, "less-than-high-school", "high-school"):
            return EDUCATION_LEVELS["some-college"][0]  # college credits without a degree are some college
        return EDUCATION_LEVELS[self.level][0] if self.level else None

    @property
    def level_or_credits(self) -> str | None:
        """The level key the schooling counts as: 'some-college' for credits without a degree."""
        return {v[0]: k for k, v in EDUCATION_LEVELS.items()}.get(self.category)

    def words(self) -> str | None:
        if self.said:
            return self.said
        level = EDUCATION_LEVELS[self.level][1] if self.level else None
        if level and self.field and "degree" in level:
            level = f"{level} in {self.field}"
        credits = f"{self.credits:g} college credits" if self.credits else None
        if level and credits and self.level in ("high-school", "some-college", "certificate"):
            return f"{level} and {credits}"
        return level or credits


@dataclass
class Profile:
    jobs: list[Job] = field(default_factory=list)
    education: Education | None = None

    def current(self) -> Job | None:
        """The most recent job: the one left least long ago, the last said of those (people tell their story in order)."""
        return min(reversed(self.jobs), key=lambda j: j.years_ago) if self.jobs else None


def training_months(distribution: list[tuple[int, str, float]] | None) -> float:
    """The middle answer (median) of O*NET's On-the-Job Training survey, as months (the category's upper bound)."""
    shares = sorted((category, percent) for category, _label, percent in distribution or [] if percent is not None)
    total = sum(max(p, 0.0) for _, p in shares)
    if total <= 0:
        return UNSURVEYED_TRAINING_MONTHS
    running = 0.0
    for category, percent in shares:
        running += max(percent, 0.0)
        if running >= total / 2:
            return TRAINING_MONTHS.get(category, UNSURVEYED_TRAINING_MONTHS)
    return UNSURVEYED_TRAINING_MONTHS


def tenure_credit(years: float | None, months_to_learn: float) -> float:
    if years is None or months_to_learn <= 0:
        return 1.0
    return min(1.0, max(0.0, years) * 12 / months_to_learn)


def recency_credit(years_ago: float) -> float:
    past = max(0.0, years_ago) - RECENT_YEARS
    return 1.0 if past <= 0 else max(OLDEST_CREDIT, 1.0 - FADE_PER_YEAR * past)


def credit(job: Job, months_to_learn: float) -> float:
    """How much of a job's O*NET levels the person is taken to have: tenure x recency, 0-1."""
    return tenure_credit(job.years, months_to_learn) * recency_credit(job.years_ago)


_JOB_ARG = re.compile(r"^\s*([^:]+?)\s*(?::\s*(\d+(?:\.\d+)?)\s*)?(?::\s*(\d+(?:\.\d+)?)\s*)?$")


def parse_job(text: str) -> tuple[str, float | None, float]:
    """'41-2011.00:3' -> ('41-2011.00', 3.0, 0.0); 'CODE:3:10' -> held 3 years, left 10 years ago; 'CODE' ->
    years not said. The code is resolved by the caller."""
    found = _JOB_ARG.match(text or "")
    if not found:
        raise UserError(f"--from takes CODE:YEARS or CODE:YEARS:YEARS_AGO, like 41-2011.00:3, not {text!r}")
    code, years, ago = found.groups()
    return code, None if years is None else float(years), 0.0 if ago is None else float(ago)


def parse_education(level: str | None, credits: float | None) -> Education | None:
    if level is None and credits is None:
        return None
    key = None if level is None else level.strip().lower().replace("_", "-").replace(" ", "-")
    if key is not None and key not in EDUCATION_LEVELS:
        raise UserError(f"--education is one of {', '.join(EDUCATION_LEVELS)}, not {level!r}")
    if credits is not None and credits < 0:
        raise UserError("--credits is the college semester hours they have, 0 or more")
    return Education(key, credits)


def to_query(profile: Profile, current: str) -> list[tuple[str, str]]:
    """The profile as a report URL's query (bot/web.py): ``past=CODE:YEARS:YEARS_AGO``, ``unpaid=CODE:YEARS``,
    ``now=YEARS`` (the current job), ``education``, ``credits``, ``field``; years not said are left empty."""
    def years(value: float | None) -> str:
        return "" if value is None else f"{value:g}"

    out = []
    for job in profile.jobs:
        if job.code == current and not job.unpaid:
            out += [("now", years(job.years))] if job.years is not None else []
        elif job.unpaid:
            out.append(("unpaid", f"{job.code}:{years(job.years)}"))
        else:
            out.append(("past", f"{job.code}:{years(job.years)}:{job.years_ago:g}"))
    e = profile.education
    if e:
        out += [(k, v) for k, v in (("education", e.level), ("credits", years(e.credits) or None), ("field", e.field),
                                    ("said", e.said)) if v]
    return out


def from_query(args, current: str) -> Profile | None:
    """The profile a report URL's query holds (``args``: name -> list of values), with ``current`` the job it
    compares from; None when it holds nothing beyond that job. Raises UserError on a malformed value."""
    def number(text: str | None) -> float | None:
        try:
            return float(text) if text not in (None, "") else None
        except ValueError:
            raise UserError(f"not a number of years: {text!r}") from None

    jobs = []
    for value in args.get("past") or []:
        code, held, ago = (value.split(":") + ["", ""])[:3]
        jobs.append(Job(code, number(held), number(ago) or 0.0))
    for value in args.get("unpaid") or []:
        code, held = (value.split(":") + [""])[:2]
        jobs.append(Job(code, number(held), 0.0, unpaid=True))
    def first(name: str) -> str | None:
        return (args.get(name) or [None])[0]

    education = None
    if first("education") or first("credits"):
        education = parse_education(first("education"), number(first("credits")))
        education = Education(education.level, education.credits, first("field"), first("said"))
    if not jobs and education is None:
        return None
    return Profile(jobs + [Job(current, number(first("now")), 0.0)], education)
