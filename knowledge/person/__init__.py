"""A person's whole story measured against the job they want: the jobs they have held, for how long and how
long ago, and their schooling (``profile.py``); how much of the target all their jobs together cover, and which
job covers what (``coverage.py``); their years and schooling against what the target's workers had
(``background.py``); the whole answer (``compare.py``) and its plain-text view (``text.py``).

The rule (the README has a worked example):

* Each job's levels come from O*NET, as in the job-to-job score (knowledge/scoring/transfer.py), times the
  job's **credit**, 0-1: ``tenure x recency``.
  - tenure = min(1, months held / months the job's own on-the-job training usually takes). The months are the
    middle answer (median) of O*NET's On-the-Job Training survey of that job (Education, Training, and
    Experience, element 3.A.3, the category's upper bound): O*NET's levels describe trained workers, and that
    is how long its workers say it took to become one. Cashiers: up to 1 month, so 3 years count in full;
    Electricians: up to 2 years, so 1 year counts half. Years not said count in full (the job-to-job score
    makes the same assumption). A job O*NET did not survey for training: 12 months.
  - recency = 1 for a job held within the last 5 years, then 5 points less a year, never below 0.5 (15 years
    or more ago). O*NET does not measure how fast skills fade; this is a product choice that keeps a
    long-past job from counting like today's, without ever dropping what it taught.
* For each element of the target (the same elements, filters and weights as the job-to-job score), the
  person reaches the **best** credited level any of their jobs reaches: coverage_e = max over jobs of
  min(credit x level, target) / target. Levels do not add up across jobs: two jobs at 40 are not one at 80.
* A level O*NET flags as unreliable for a job is no evidence either way: that job's coverage of the
  element is taken to be its coverage of the rest of the domain (exactly what leaving the element out of a
  one-job score does), so one job alone scores what ``compare FROM TO`` scores.
* In the same spirit, a job with nothing to go on in a whole domain for a target (O*NET rates 15 occupations
  in abilities only; or every level that counts there is unreliable) is taken to cover that domain as well as
  the jobs in the same position cover the target's other domains, by this same rule (coverage.filled). When no
  job has anything to go on there, the domain has no score, as for one job.
* Domain score = 100 x sum(importance x target x coverage) / sum(importance x target); the grand score is
  the weighted mean of the domain scores, as for one job.

Hence: one job (held long enough, recently) scores exactly its job-to-job score; adding a job never lowers
any element's coverage, any domain's score or the grand score (each element takes a max, and a domain a job
brings in starts from what the others already cover). bench/profile_coverage.py counts it on random profiles.
"""
