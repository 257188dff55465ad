"""The action server's entry: every custom action domain.yml names, by where it lives, and the store read
before the first answer.

No analysis and no wording in actions/: the actions decide which question was asked, what is still
missing, and which reply to send; knowledge/ (through actions.store) answers, bot/replies words it.

- actions/career_form.py  the career form: the job they have, the job they want (or "explore"), their state;
                          actions/questions.py: the forms' questions, each asked once
- actions/answers.py      the answers once the jobs are known: comparison, gaps, pay, training,
                          apprenticeships, other jobs to move into, how the figures are made
- actions/placement.py    the competency level quiz and the class series' ladder
- actions/steering.py     a message the bot can't use or help with, starting over, stopping
- actions/profile.py      the person's whole story from the conversation (earlier jobs, unpaid work, schooling);
                          profile_answers.py: the follow-ups it feeds; profile_fixes.py: corrections in free words
- actions/tracker.py      reading the conversation; actions/tries.py: giving up after a few failed tries

The action server (``rasa run actions --actions actions``) imports every module of the package; the names
are imported here too so that tests and bench/fuzz.py reach every action through one module.
"""
from __future__ import annotations

import os

from actions import store
from actions.answers import (ActionAnswer, ActionApprenticeships, ActionExplore, ActionGaps, ActionMethod,  # noqa: F401
                             ActionPay, ActionTraining)
from actions.career_form import ValidateCareerForm  # noqa: F401
from actions.questions import (ActionAskCurrentJob, ActionAskSituation, ActionAskState,  # noqa: F401
                               ActionAskTargetJob)
from actions.placement import (ActionAskCollegeCredits, ActionAskLevelAnswer, ActionAskYearsExperience,  # noqa: F401
                               ActionLadderResult, ActionLevelResult, ValidateLadderForm, ValidateLevelForm)
from actions.steering import ActionStartOver, ActionSteerBack, ActionStop, ActionStrayNo  # noqa: F401

# The action server reads the store (about 40 s) before it answers, so the first person is not kept waiting;
# tests that run the actions in-process set CAREERBOT_WARM=0 and read it on first use instead.
if os.environ.get("CAREERBOT_WARM", "1") != "0":
    store.warm_or_exit()
