"""What a person reads in the training and apprenticeship answers, over the whole real store.

    PYTHONPATH=$PWD .venv/bin/python bench/training_answers.py

Schools: for every OEWS metro area and five program fields (nursing, practical nursing, automotive,
dental support, business administration), in the cases where the metro has a school of the field, how
often the first school the answer names is in the metro: the old order (first by name in the state)
against knowledge/schools.py's. Apprenticeships: for every occupation with a registered route, the most
messages the answer takes and how many answers show registry words (RAPIDS, time-based, "Existing Title").
"""
from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import replies
from knowledge import lookup
from knowledge import models as m
from knowledge.db import the_store
from knowledge.schools import schools

FIELDS = {"51.38": "Bachelor's degree", "51.39": "Postsecondary nondegree award", "47.06": "Postsecondary nondegree award",
          "51.06": "Postsecondary nondegree award", "52.02": "Bachelor's degree"}
REGISTRY_WORDS = re.compile(r"RAPIDS|time-based|competency-based|hybrid|existing titles?:|alternate titles?:", re.I)


def first_school_in_metro(s: Session) -> str:
    metros = s.execute(select(m.Area.code, m.Area.name).where(m.Area.kind == "M")).all()
    cases = before = now = 0
    for code, name in metros:
        state = name.rsplit(", ", 1)[-1].split("-")[0]  # the metro's first state
        for cip4, education in FIELDS.items():
            near = schools(s, cip4, state, code, education, limit=1)
            if not near["in_metro"]:
                continue  # no school of the field in the metro: nothing to get right
            cases += 1
            now += near["schools"][0]["in_metro"]
            by_name = schools(s, cip4, state, None, None, limit=1)["schools"][0]["name"]
            before += by_name in {x["name"] for x in schools(s, cip4, state, code, None, limit=10_000)["schools"] if x["in_metro"]}
    return (f"{len(metros)} OEWS areas x {len(FIELDS)} fields, {cases} cases with a school of the field in the metro: "
            f"first school named in the metro before {before} ({before / cases:.1%}), now {now} ({now / cases:.1%})")


def apprenticeship_answers(s: Session) -> str:
    codes = sorted(set(s.execute(select(m.Apprenticeship.occupation_code)
                                 .where(m.Apprenticeship.occupation_code.isnot(None))).scalars()))
    titles = {c: t for c, t in s.execute(select(m.Occupation.code, m.Occupation.title))}
    citation = lookup.citation(s, "apprenticeship")
    most = worded = 0
    for c in codes:
        answer = replies.apprenticeships([(titles[c], replies.named_like(titles[c], lookup.apprenticeships(s, c)))], citation)
        most = max(most, len(answer))
        worded += bool(REGISTRY_WORDS.search("\n".join(x["text"] for x in answer)))
    return f"{len(codes)} occupations with routes: at most {most} messages; answers with registry words: {worded}"


if __name__ == "__main__":
    with Session(the_store()) as session:
        print(first_school_in_metro(session))
        print(apprenticeship_answers(session))
