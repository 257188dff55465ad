"""The job one step up from a person's own: "I drive a reach truck ... I want to move up to supervisor".

A rank said alone ("supervisor", "foreman", "lead", "manager") names no occupation: O*NET lists "Supervisor"
under dozens. Beside the job the person has, it names the supervisors of that work. SOC 2018 gives most
major groups of hands-on work their own first-line supervisors (``XX-1xxx`` in groups 33-53: "53-1043
First-Line Supervisors of Material-Moving Machine and Vehicle Operators"); of those in the person's group,
the one whose work is most like theirs (the store's all-pairs similarity) is the step up. "Manager", and any
rank in a group without first-line supervisors (nurses, analysts, teachers), is read among the managers
(SOC major group 11), the same way.

    >>> [j["title"] for j in step_up(engine, "53-7051.00", "supervisor")][:1]
    ['First-Line Supervisors of Material-Moving Machine and Vehicle Operators']
"""
from __future__ import annotations

import re

from sqlalchemy.engine import Engine

from knowledge.scoring.matrices import matrices_for

# a rank said alone, with the words people put around it ("move up to a supervisor", "the foreman")
# "department manager" is no rank alone: O*NET's own title for a store's (First-Line Supervisors of Retail Sales Workers),
# where a Walmart stocker's step up had read as Transportation, Storage, and Distribution Managers
RANK = re.compile(r"^\W*(?:a |an |the |my own |own )?(?:team |shift |crew |floor |night |line |unit )?"
                  r"(?P<rank>supervisor|supervisors|foreman|forewoman|foreperson"
                  r"|lead|team lead|team leader|shift lead|crew lead|crew leader|crew boss|boss|head|manager|management"
                  r"|supervision|supervising|in charge)(?: role| position| job| level| spot)?\W*$", re.I)
SUPERVISED_GROUPS = ("33", "35", "37", "39", "41", "43", "45", "47", "49", "51", "53")  # SOC 2018: each has XX-1
TOP_JOBS = {"11-1011.00", "11-1011.03", "11-1031.00"}  # chief executives, legislators: no one's next step up
OFFERED = 3  # the step up and two other readings, to tap


def rank_of(text: str) -> str | None:
    """The rank a job's words name when they name nothing else: "supervisor", "manager"; else None."""
    found = RANK.match(str(text or ""))
    return found.group("rank").lower() if found else None


def step_up(engine: Engine, current_code: str, rank: str) -> list[dict]:
    """The jobs a rank names beside ``current_code``, likeliest first ([] when the current job has no ratings
    to compare): the supervisors of the person's own group of work, or for "manager" (and groups with no
    first-line supervisors) the managers whose work is most like theirs."""
    matrices = matrices_for(engine)
    row = matrices.position.get(current_code)
    titles = dict(zip(matrices.codes, matrices.meta["titles"]))
    if row is None or current_code.startswith("11-") or re.match(r"^\d\d-1\d{3}", current_code) \
            and current_code[:2] in SUPERVISED_GROUPS or titles[current_code].endswith("All Other"):
        # a manager or supervisor already: "supervisor" is not one step up from their own; a residual group
        # ("Production Workers, All Other") is too mixed for any one step up to be likely
        return []
    similarity = matrices["similarity"][row]
    group = current_code[:2]

    def likest(codes: list[str]) -> list[str]:
        return sorted(codes, key=lambda c: -float(similarity[matrices.position[c]]))

    supervisors = likest([c for c in matrices.codes if c.startswith(f"{group}-1")]) \
        if group in SUPERVISED_GROUPS else []
    managers = likest([c for c in matrices.codes if c.startswith("11-") and c not in TOP_JOBS])
    managing = rank.startswith(("manag", "boss", "head"))
    order = (managers[:1] + supervisors[:1] + managers[1:]) if managing or not supervisors \
        else (supervisors[:2] + managers[:1])
    return [{"code": c, "title": titles[c]} for c in order[:OFFERED]]
