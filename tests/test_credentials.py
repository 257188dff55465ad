"""knowledge/credentials.py on the real store: the license, certification or schooling a target asks for is the
first gap of the first answer, in plain words, with where to check."""
from __future__ import annotations

import re

import pytest

from bot import replies
from knowledge.analysis import analyst_for
from knowledge.credentials import LICENSE_FINDER

# (current job, licensed target, what the first gap must name)
LICENSED = [
    ("31-1131.00", "29-1141.00", "A license and schooling first: the job needs a state license. O*NET lists the job as "
                                 "\"Registered Nurse (RN)\"."),
    ("31-1131.00", "29-2061.00", "A license first: the job needs a state license. O*NET lists the job as "
                                 "\"Licensed Practical Nurse (LPN)\"."),
    ("53-7062.00", "53-3032.00", "A license and schooling first: the job needs a commercial driver's license (CDL)."),
    ("47-2061.00", "47-2111.00", "A license and schooling first: the job needs an electrician's license. O*NET lists the "
                                 "task \"Maintain current electrician's license"),
    ("31-9091.00", "29-1292.00", "A license and schooling first: the job often needs a state license. O*NET lists the job "
                                 "as \"Licensed Dental Hygienist\"."),
    # teaching assistants' entry education is their OEWS/BLS group's (25-9045), so schooling is compared too
    ("25-9042.00", "25-2021.00", "A license and schooling first: the job needs a state teaching license (also called a teaching "
                                 "certificate) to teach in a public school. The BLS Occupational Outlook Handbook says "
                                 "public school teachers must be licensed"),
    ("25-9042.00", "25-2031.00", "A license and schooling first: the job needs a state teaching license"),
]


@pytest.fixture(scope="module")
def analyst(engine):
    return analyst_for(engine)


@pytest.mark.parametrize("source, target, named", LICENSED, ids=[t for _, t, _ in LICENSED])
def test_licensed_targets_name_their_credential_first_in_the_first_answer(analyst, source, target, named):
    comparison = analyst.compare(source, target, state="OH")
    first_answer = replies.compare_summary(comparison)[0]["text"]
    lines = first_answer.splitlines()
    first_gap = lines[lines.index("The gaps that matter most for this job:") + 1]
    assert first_gap.startswith("1. A license") and named in first_gap, first_answer
    assert f"What Ohio requires: CareerOneStop's License Finder, {LICENSE_FINDER}" in first_gap
    assert "2. " in first_answer  # the levels come after it, numbered on
    from bot.channels import render

    # a text message keeps the first sentence of each line, and the first gap it shows is the credential (on the
    # first SMS, or at the top of the next when the two titles fill the first)
    pages = render.sms_pages(replies.compare_summary(comparison))
    sms = "\n".join(pages)
    credential = re.sub(r"\s*\(.*?\)", "", comparison["credential"]["license"]["credential"])  # asides may go
    first = sms.index("1. A license")
    assert credential in sms[first:first + 200] and not re.search(r"^\d\. ", sms[:first], re.M), sms
    if len(comparison["from"]["title"] + comparison["to"]["title"]) < 70:
        assert "1. A license" in pages[0], pages[0]
    assert comparison["credential"]["license"]["strength"] in ("required", "often")


def test_more_schooling_is_named_with_both_jobs_usual_start(analyst):
    comparison = analyst.compare("31-1131.00", "29-1141.00")
    text = comparison["credential"]["text"]
    # BLS typical entry-level education of both jobs, and O*NET's survey share for the target
    assert ("Registered Nurses usually start with a bachelor's degree, Nursing Assistants with a certificate after high "
            "school (BLS)") in text
    share = next(r["to_pct"] for r in comparison["education_experience"]["required_education"] if r["label"].startswith("Bachelor"))
    assert f"{share:.0f}% of workers in the job told O*NET it needs a bachelor's degree" in text
    assert comparison["credential"]["education"] == {
        "from": "Postsecondary nondegree award", "to": "Bachelor's degree", "higher": True,
        "onet_most_said": {"label": "Bachelor's Degree", "pct": share}}
    assert "employment projections" in replies.compare_summary(comparison)[0]["text"]  # its source is named


def test_the_gaps_answer_and_the_report_say_it_first_too(analyst, engine):
    from knowledge.report.data import report_data
    from knowledge.report.html import render_html

    comparison = analyst.compare("53-7062.00", "53-3032.00")
    gaps = replies.gaps_detail(comparison)[0]["text"].splitlines()
    assert gaps[1].startswith("• A license and schooling first: the job needs a commercial driver's license (CDL).")
    html = render_html(report_data(engine, "53-7062.00", "53-3032.00"))
    assert html.index('id="credential"') < html.index('id="gaps_to_narrow"')
    assert "commercial driver&#39;s license (CDL)" in html and LICENSE_FINDER in html


def test_a_job_o_net_does_not_license_gets_no_license_claim(analyst):
    # the seed pair: same schooling, and O*NET names no license for the clerks ("obtain desired licenses" is
    # what their applicants do, not a license the clerk holds)
    comparison = analyst.compare("43-4051.00", "43-4031.00", state="ME")
    assert comparison["credential"]["needed"] is False and comparison["credential"]["license"] is None
    assert "License Finder" not in replies.compare_summary(comparison)[0]["text"]
    # a stray "Licensed Bondsman" does not license all of Financial Specialists, All Other
    assert analyst.compare("13-2011.00", "13-2099.00")["credential"]["license"] is None


def test_certifications_are_what_some_employers_ask_for_not_a_license(analyst):
    comparison = analyst.compare("15-1232.00", "15-1212.00")
    credential = comparison["credential"]
    assert credential["license"] is None
    assert credential["text"].startswith("A certification and schooling first: some employers ask for a certification.")
    assert 'O*NET lists the job as "Certified Information Systems Security Professional (CISSP)".' in credential["text"]
    assert "requires" not in credential["text"]  # no state "requires" a certification
