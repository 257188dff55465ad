"""The store's tables, as SQLAlchemy ORM models (declared once, queried in 2.0 style).

Codes: ``occupation.code`` is the O*NET-SOC 2019 code (``43-4051.00``); ``soc`` columns hold the
6-digit SOC 2018 code (``43-4051``) that BLS and NCES use. ``code_alias`` maps every code a user or
another dataset may use (2019 codes, SOC codes, older O*NET-SOC 2010 codes) to occupations, so
every join across datasets goes through one crosswalk.
"""
from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


class Source(Base):
    """One loaded table: which dataset and release it came from, and how many rows it holds."""

    __tablename__ = "source"
    table_name = Column(String(64), primary_key=True)
    dataset = Column(String(200), nullable=False)
    release = Column(String(100), nullable=False)
    files = Column(Text, nullable=False)
    rows = Column(Integer, nullable=False)
    citation = Column(Text, nullable=False)
    note = Column(Text)


class Occupation(Base):
    __tablename__ = "occupation"
    code = Column(String(10), primary_key=True)
    soc = Column(String(7), nullable=False, index=True)
    title = Column(String(200), nullable=False)
    description = Column(Text, nullable=False)
    job_zone = Column(Integer)

    ratings = relationship("Rating", back_populates="occupation", lazy="raise")


class CodeAlias(Base):
    """Any code that names an occupation: the 2019 code itself, its SOC 2018 code, an old 2010 code."""

    __tablename__ = "code_alias"
    alias = Column(String(12), primary_key=True)
    occupation_code = Column(String(10), ForeignKey("occupation.code"), primary_key=True)
    kind = Column(String(20), nullable=False)  # onet2019 | soc2018 | onet2010


class Element(Base):
    """A content-model element (an ability, a skill, a knowledge area, a work activity ...)."""

    __tablename__ = "element"
    id = Column(String(20), primary_key=True)
    name = Column(String(200), nullable=False)
    domain = Column(String(20), index=True)  # abilities | skills | knowledge | work_activities | None
    description = Column(Text)


class Rating(Base):
    """An occupation's rating of an element on one scale: importance (IM, 1-5) or level (LV, 0-7)."""

    __tablename__ = "rating"
    occupation_code = Column(String(10), ForeignKey("occupation.code"), primary_key=True)
    # Deferred: the O*NET loader learns elements while streaming ratings and inserts them after, in the
    # same transaction; PostgreSQL checks this key at commit (SQLite does not enforce foreign keys here).
    element_id = Column(String(20), ForeignKey("element.id", deferrable=True, initially="DEFERRED"), primary_key=True)
    scale_id = Column(String(2), primary_key=True)
    domain = Column(String(20), nullable=False, index=True)
    value = Column(Float, nullable=False)
    n = Column(Integer)
    std_error = Column(Float)
    lower_ci = Column(Float)
    upper_ci = Column(Float)
    recommend_suppress = Column(Boolean)
    not_relevant = Column(Boolean)
    date = Column(String(10))
    domain_source = Column(String(40))
    release = Column(String(10), nullable=False)

    occupation = relationship("Occupation", back_populates="ratings")


class LevelAnchor(Base):
    """What a point on an element's level scale means ("Understand a coach's oral instructions")."""

    __tablename__ = "level_anchor"
    element_id = Column(String(20), primary_key=True)
    scale_id = Column(String(2), primary_key=True)
    value = Column(Float, primary_key=True)
    description = Column(Text, nullable=False)


class JobZoneReference(Base):
    __tablename__ = "job_zone_reference"
    zone = Column(Integer, primary_key=True)
    name = Column(String(100), nullable=False)
    experience = Column(Text)
    education = Column(Text)
    training = Column(Text)
    examples = Column(Text)
    svp_range = Column(String(40))


class EducationCategory(Base):
    """Labels of the Education, Training and Experience categories (RL 2 = high school diploma ...)."""

    __tablename__ = "education_category"
    element_id = Column(String(20), primary_key=True)
    scale_id = Column(String(4), primary_key=True)
    category = Column(Integer, primary_key=True)
    description = Column(Text, nullable=False)


class EducationExperience(Base):
    """Share of workers (percent) in each category of education, experience or training."""

    __tablename__ = "education_experience"
    occupation_code = Column(String(10), ForeignKey("occupation.code"), primary_key=True)
    element_id = Column(String(20), primary_key=True)
    scale_id = Column(String(4), primary_key=True)
    category = Column(Integer, primary_key=True)
    element_name = Column(String(100), nullable=False)
    percent = Column(Float, nullable=False)
    n = Column(Integer)
    recommend_suppress = Column(Boolean)


class Task(Base):
    __tablename__ = "task"
    occupation_code = Column(String(10), ForeignKey("occupation.code"), primary_key=True)
    task_id = Column(Integer, primary_key=True)
    task = Column(Text, nullable=False)
    task_type = Column(String(20))  # Core | Supplemental
    incumbents_responding = Column(Float)


class ActivityLink(Base):
    """O*NET's link from a skill or ability to the work activities that draw on it (Skills / Abilities to
    Work Activities): how a gap is shown as something the target job itself does."""

    __tablename__ = "activity_link"
    element_id = Column(String(20), primary_key=True)  # a skill or ability
    activity_id = Column(String(20), primary_key=True)  # a generalized work activity (4.A...)


class Dwa(Base):
    """A detailed work activity and the generalized work activity it belongs to (DWA Reference)."""

    __tablename__ = "dwa"
    dwa_id = Column(String(30), primary_key=True)
    activity_id = Column(String(20), nullable=False, index=True)
    title = Column(String(300), nullable=False)


class TaskDwa(Base):
    """Which detailed work activities an occupation's task statement is an instance of (Tasks to DWAs)."""

    __tablename__ = "task_dwa"
    occupation_code = Column(String(10), ForeignKey("occupation.code"), primary_key=True)
    task_id = Column(Integer, primary_key=True)
    dwa_id = Column(String(30), primary_key=True)


class Technology(Base):
    __tablename__ = "technology"
    id = Column(Integer, primary_key=True, autoincrement=True)
    occupation_code = Column(String(10), ForeignKey("occupation.code"), nullable=False, index=True)
    example = Column(String(300), nullable=False)
    commodity_code = Column(String(10))
    commodity_title = Column(String(200))
    hot = Column(Boolean)
    in_demand = Column(Boolean)


class Tool(Base):
    __tablename__ = "tool"
    id = Column(Integer, primary_key=True, autoincrement=True)
    occupation_code = Column(String(10), ForeignKey("occupation.code"), nullable=False, index=True)
    example = Column(String(300), nullable=False)
    commodity_code = Column(String(10))
    commodity_title = Column(String(200))


class Title(Base):
    """A name people use for an occupation: official, alternate (O*NET) or reported by workers."""

    __tablename__ = "title"
    id = Column(Integer, primary_key=True, autoincrement=True)
    occupation_code = Column(String(10), ForeignKey("occupation.code"), nullable=False, index=True)
    title = Column(String(300), nullable=False)
    short_title = Column(String(200))
    kind = Column(String(12), nullable=False)  # official | alternate | reported


class RelatedOccupation(Base):
    """O*NET's expert-reviewed related occupations: shown to users and used as a benchmark yardstick,
    never as an input to any score or ranking."""

    __tablename__ = "related_occupation"
    occupation_code = Column(String(10), primary_key=True)
    related_code = Column(String(10), primary_key=True)
    tier = Column(String(30))
    rank = Column(Integer)


class Area(Base):
    """An OEWS area: the nation (N), a state (S) or a metropolitan area (M)."""

    __tablename__ = "area"
    code = Column(String(7), primary_key=True)
    kind = Column(String(1), nullable=False)
    state_fips = Column(String(2), nullable=False)
    state = Column(String(2), index=True)  # postal abbreviation for N/A of nation, set for states
    name = Column(String(200), nullable=False)


class Industry(Base):
    __tablename__ = "industry"
    code = Column(String(6), primary_key=True)
    name = Column(String(300), nullable=False)
    level = Column(Integer)


class Wage(Base):
    """OEWS estimates for one SOC code in one area and industry. Wages in dollars; None = not released.

    A top-coded figure (OEWS footnote 5) holds the cap, TOP_CODED_ANNUAL a year or TOP_CODED_HOURLY an
    hour, with ``top_coded`` set: show it as "$239,200 or more". ``reported_as`` is set on the rows of an
    occupation BLS publishes only under a combined code (31-1122 under 31-1120): the figures are the
    group's, ``reported_as_title`` names it."""

    __tablename__ = "wage"
    soc = Column(String(7), primary_key=True)
    area_code = Column(String(7), primary_key=True)
    industry_code = Column(String(6), primary_key=True)
    employment = Column(Float)
    employment_rse = Column(Float)
    hourly_mean = Column(Float)
    annual_mean = Column(Float)
    annual_p10 = Column(Float)
    annual_p25 = Column(Float)
    annual_median = Column(Float)
    annual_p75 = Column(Float)
    annual_p90 = Column(Float)
    hourly_median = Column(Float)
    hourly_p10 = Column(Float)
    hourly_p25 = Column(Float)
    hourly_p75 = Column(Float)
    hourly_p90 = Column(Float)
    jobs_per_1000 = Column(Float)
    location_quotient = Column(Float)
    top_coded = Column(Boolean)  # a wage at or above $239,200 / $115 an hour
    reported_as = Column(String(7))  # the combined OEWS code these figures are published under, else None
    reported_as_title = Column(String(200))


TOP_CODED_ANNUAL, TOP_CODED_HOURLY = 239_200.0, 115.0  # OEWS May 2025 footnote 5


class Projection(Base):
    """BLS Employment Projections 2024-34 (national). Employment figures in thousands."""

    __tablename__ = "projection"
    soc = Column(String(7), primary_key=True)
    title = Column(String(200), nullable=False)
    employment_2024 = Column(Float)
    employment_2034 = Column(Float)
    change = Column(Float)
    change_pct = Column(Float)
    annual_openings = Column(Float)
    median_wage_2024 = Column(Float)
    entry_education = Column(String(100))
    work_experience = Column(String(100))
    on_the_job_training = Column(String(100))
    reported_as = Column(String(7))  # set when the row is a combined code's (29-2010 for 29-2011), copied here


class CipProgram(Base):
    __tablename__ = "cip_program"
    code = Column(String(7), primary_key=True)  # 52.0411
    title = Column(String(300), nullable=False)
    definition = Column(Text)


class CipSoc(Base):
    __tablename__ = "cip_soc"
    cip_code = Column(String(7), primary_key=True)
    soc = Column(String(7), primary_key=True, index=True)


class Institution(Base):
    __tablename__ = "institution"
    unitid = Column(Integer, primary_key=True)
    name = Column(String(300), nullable=False)
    address = Column(String(300))
    city = Column(String(100))
    state = Column(String(2), index=True)
    zip = Column(String(12))
    url = Column(String(300))
    sector = Column(Integer)
    level = Column(Integer)  # 1 four-year, 2 two-year, 3 less than two-year
    cbsa = Column(String(5), index=True)  # metro area (Core Based Statistical Area); OEWS metro codes are 00 + this
    latitude = Column(Float)
    longitude = Column(Float)


class InstitutionProgram(Base):
    """A program field (4-digit CIP series) an institution awards, from the College Scorecard."""

    __tablename__ = "institution_program"
    unitid = Column(Integer, primary_key=True)
    cip4 = Column(String(5), primary_key=True, index=True)  # 52.04
    credential_level = Column(Integer, primary_key=True)
    credential = Column(String(100))
    completers = Column(Float)


class Apprenticeship(Base):
    """A registered apprenticeship occupation (RAPIDS)."""

    __tablename__ = "apprenticeship"
    id = Column(Integer, primary_key=True, autoincrement=True)
    rapids_code = Column(String(12), nullable=False, index=True)
    title = Column(String(300), nullable=False)
    onet_code_given = Column(String(12))  # as the source wrote it (often O*NET-SOC 2010)
    occupation_code = Column(String(10), index=True)  # resolved to the 2019 taxonomy
    match = Column(String(20))  # how occupation_code was found: crosswalk (O*NET 2010 to 2019) | title | none
    training_type = Column(String(20), nullable=False)  # time-based | competency-based | hybrid
    term = Column(String(120))  # "8000 hours", or how a competency-based term is defined
    source = Column(String(200), nullable=False)


class ApprenticeshipCompetency(Base):
    __tablename__ = "apprenticeship_competency"
    id = Column(Integer, primary_key=True, autoincrement=True)
    rapids_code = Column(String(12), nullable=False, index=True)
    schedule = Column(String(40), nullable=False)  # work_process | ojt_core
    category = Column(Text)
    competency = Column(Text, nullable=False)
    seq = Column(Integer, nullable=False)


class ApprenticeshipCourse(Base):
    __tablename__ = "apprenticeship_course"
    id = Column(Integer, primary_key=True, autoincrement=True)
    rapids_code = Column(String(12), nullable=False, index=True)
    course = Column(String(200), nullable=False)
    hours = Column(Float, nullable=False)
    seq = Column(Integer, nullable=False)


class CompetencyFramework(Base):
    __tablename__ = "competency_framework"
    id = Column(Integer, primary_key=True, autoincrement=True)
    occupation_code = Column(String(10), nullable=False, index=True)
    title = Column(String(200), nullable=False)
    description = Column(Text)
    context = Column(Text)
    schema_version = Column(String(10), nullable=False)
    attribution = Column(Text)


class CompetencyStatement(Base):
    __tablename__ = "competency_statement"
    id = Column(Integer, primary_key=True, autoincrement=True)
    framework_id = Column(Integer, ForeignKey("competency_framework.id"), nullable=False, index=True)
    level_key = Column(String(20), nullable=False)  # emerging | developing | proficient | advanced
    level_label = Column(String(40), nullable=False)
    level_rank = Column(Integer, nullable=False)
    seq = Column(Integer, nullable=False)
    statement = Column(Text, nullable=False)


class ClassLevel(Base):
    """One level of a civil-service class series, with its entry qualification rules.

    Entry needs ``min_months`` of qualifying experience and college credit combined: credit converts at
    ``months_per_30_credits`` months per 30 semester hours (proportionally), counted up to
    ``max_credit_months``. ``prior_level_months`` of ``prior_level_requirement`` (experience comparable
    to the level below) is a separate condition besides the combined total."""

    __tablename__ = "class_level"
    class_code = Column(String(10), primary_key=True)
    series = Column(String(100), nullable=False)
    promotional_line = Column(String(10))
    level = Column(Integer, nullable=False)
    title = Column(String(200), nullable=False)
    occupation_code = Column(String(10), index=True)
    summary = Column(Text)
    requires_high_school = Column(Boolean, nullable=False)
    min_months = Column(Integer, nullable=False)  # experience and college credit combined
    months_per_30_credits = Column(Integer, nullable=False)
    max_credit_months = Column(Integer)  # cap on the college-credit substitution (None = no cap)
    qualifying_experience = Column(Text)  # JSON list of the kinds of work experience that count
    qualifying_coursework = Column(Text)  # which college coursework counts, as the document words it
    prior_level_months = Column(Integer)  # months of prior_level_requirement, a separate condition
    prior_level_requirement = Column(Text)  # e.g. "work experience comparable to that gained as a ..."
    duties = Column(Text)  # JSON list
    ksas = Column(Text)  # JSON list of {"name", "description"}


class Matrix(Base):
    """Numpy arrays computed at build time (the all-pairs scores), stored as .npy bytes."""

    __tablename__ = "matrix"
    name = Column(String(64), primary_key=True)
    data = Column(LargeBinary, nullable=False)
