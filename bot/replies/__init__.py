"""Everything the bot says from its actions, in plain words.

Where wording lives: every reply an action sends is worded in this package, the fixed ones ("Which state
are you in?") as much as those built from the knowledge store; domain.yml's ``responses`` hold only the
replies that a rule or a story sends without an action (greeting, help, goodbye, thanks, "I'm a bot",
small talk). The same rule opens domain.yml.

Each function takes the dicts that knowledge/ returns and gives a list of messages,
``{"text": str, "buttons": [{"title", "payload"}], "image"?: url}``: short, the gaps that matter most first,
what a level means in everyday terms, a source named for every figure, and follow-ups as buttons rather
than walls of numbers. Someone who never heard of O*NET should understand them. Figures are written by
knowledge/formatting.py, as in the report and the terminal.

By what it answers:

- pieces.py      messages, buttons, quoting the person safely, source lines, follow-up buttons
- comparison.py  a pair of jobs: the score and its gaps, every gap list, pay and outlook; a target alone
- training.py    how to get in: usual start, licenses, study programs and schools, apprenticeships
- explore.py     other jobs to move into, and starter jobs for someone with none
- interests.py   someone with no job to start from: what they like, and the jobs that fit it
- profile.py     a person's several jobs: the read-back and the answer from all of them (knowledge/person/)
- story.py       the follow-ups fed by their story: gaps, schooling and years, one job's worth, a correction heard
- questions.py   the career form's questions, choices, and each failed try (limits in bot/limits.py)
- placement.py   the competency level quiz and the class series' ladder
- steering.py    not understood, nothing changed, starting over, stopping, a look-up that can't run
- method.py      how the figures are made: the score's rule, the pay figure, the sources
- scope.py       what the bot can't do (a résumé, job listings, a person...) and where to go instead

The names are imported here so that a caller writes ``replies.compare_summary(...)`` without knowing which
module words it.
"""
from __future__ import annotations

from bot.replies.pieces import (BUTTON_TITLE_LIMIT, Message, button, echo, fit, follow_ups, msg,  # noqa: F401
                                pair_line, short_source, source_line)
from bot.replies.comparison import (all_gaps, compare_summary, gaps_detail, guess_note, pay, short_task,  # noqa: F401
                                    target_profile, weighed_pay)
from bot.replies.training import (apprenticeship_length, apprenticeship_name, apprenticeships,  # noqa: F401
                                  named_like, said_needed, training)
from bot.replies.explore import explore, starter_jobs  # noqa: F401
from bot.replies.method import method, method_again  # noqa: F401
from bot.replies.questions import (EXAMPLE_JOBS, ambiguous, ask_at_employer, ask_job, ask_military,  # noqa: F401
                                   ask_state, ask_which_state, at_employer_choices, example_job_choices,
                                   military_without_crosswalk, need, not_that_one, same_job, same_reading,
                                   situation_ack, target_not_current, unknown_job, unknown_state, which_role)
from bot.replies.steering import (lookup_unavailable, no_answer_yet, noted, start_over, steer_back,  # noqa: F401
                                  steer_in_form, stopped)
from bot.replies.placement import (ask_credits, ask_years, ladder, level_intro, level_question,  # noqa: F401
                                   level_result, no_framework, no_ladder, retry_credits, retry_years)
