"""The custom actions against the real store, with real rasa_sdk Trackers and a CollectingDispatcher.

The trackers are built the way Rasa sends them: the conversation's events, the latest message, and
for form validation the slot candidates at the end of the events (after the form's ActionExecuted).
"""
from __future__ import annotations

import asyncio
import json
import os
import re
from pathlib import Path

import pytest

os.environ.setdefault("CAREERBOT_WARM", "0")  # the store is read on first use instead of at import

from rasa_sdk import Tracker  # noqa: E402
from rasa_sdk.executor import CollectingDispatcher  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def domain() -> dict:
    from rasa.shared.core.domain import Domain

    return Domain.load(str(ROOT / "domain.yml")).as_dict()


@pytest.fixture(scope="module")
def actions(engine):
    """The actions module, reading the store the engine fixture opened (the same var/careerbot.sqlite)."""
    from actions import actions as module
    from actions import store

    assert str(store.engine().url) == str(engine.url)
    return module


def tracker(slots: dict | None = None, text: str = "", intent: str = "inform", entities: list[dict] | None = None,
            candidates: dict | None = None, form: str | None = None, history: list[dict] | None = None) -> Tracker:
    """A tracker after the user said ``text``; ``candidates`` are slot values a form just extracted."""
    values = {"failures": 0.0, **(slots or {})}
    message = {"text": text, "intent": {"name": intent, "confidence": 1.0},
               "entities": [{"entity": k, "value": v} for e in (entities or []) for k, v in e.items()]}
    events = list(history or [])
    events += [{"event": "slot", "name": k, "value": v} for k, v in (slots or {}).items()]
    events.append({"event": "user", "text": text, "parse_data": message})
    if form:
        events.append({"event": "action", "name": form})
        events += [{"event": "slot", "name": k, "value": v} for k, v in (candidates or {}).items()]
        values.update(candidates or {})
    return Tracker("test", values, message, events, False, None, {"name": form} if form else {}, "action_listen")


def run(action, t: Tracker, domain: dict) -> tuple[list[dict], list[dict]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, t, domain))
    return dispatcher.messages, events


def slots_of(events: list[dict]) -> dict:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def text_of(messages: list[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def payloads(messages: list[dict]) -> list[str]:
    return [b["payload"] for m in messages for b in m.get("buttons") or []]


CSR, CLERK, CASHIER = "43-4051.00", "43-4031.00", "41-2011.00"
KNOWN = {"current_job": CSR, "current_code": CSR, "current_title": "Customer Service Representatives",
         "target_job": CLERK, "target_code": CLERK, "target_title": "Court, Municipal, and License Clerks", "state": "ME"}


# -- the career form ----------------------------------------------------------------------------------

def test_free_text_title_is_resolved(actions, domain):
    t = tracker(text="I've been a customer service rep for 3 years", entities=[{"current_job": "customer service rep"}],
                candidates={"current_job": "customer service rep"}, form="career_form", slots={"requested_slot": "current_job"})
    messages, events = run(actions.ValidateCareerForm(), t, domain)
    slots = slots_of(events)
    assert slots["current_code"] == CSR and slots["current_job"] == CSR
    assert slots["requested_slot"] == "target_job"
    assert messages == []


def unclear_title(store) -> tuple[str, list[dict]]:
    """A title the resolver finds unclear (several occupations fit about equally)."""
    for text in ("shift supervisor", "nurse", "supervisor", "clerk", "manager", "technician"):
        found = store.find_job(text)
        if found.status == "ambiguous":
            return text, found.candidates
    pytest.fail("the resolver found every test title clear")


def test_unclear_title_offers_the_top_choices_as_buttons(actions, domain):
    text, candidates = unclear_title(actions.store)
    t = tracker(text=text, candidates={"current_job": text}, form="career_form",
                slots={"requested_slot": "current_job"})
    messages, events = run(actions.ValidateCareerForm(), t, domain)
    slots = slots_of(events)
    assert slots["current_job"] is None and slots["prompted"] is True
    first = candidates[0]["code"]
    assert f'/choose_job{{"current_job": "{first}"}}' in payloads(messages)  # the button says which question it answers
    assert slots["job_candidates"] == candidates
    # the form's question is not repeated under the buttons
    asked, ask_events = run(actions.ActionAskCurrentJob(), tracker(text=text, form="career_form",
                                                                   candidates={"prompted": True}), domain)
    assert asked == [] and slots_of(ask_events) == {"prompted": None}


def test_a_prompt_left_from_an_earlier_turn_does_not_silence_the_question(actions, domain):
    """Found by bench/fuzz.py over REST: a validator prompted, the form ended before asking, and turns
    later the form asked for the state and said nothing at all (the old flag was still set)."""
    t = tracker(text="\u2067مرحبا\u2069 cashier", form="career_form", slots={"prompted": True},
                candidates={"current_job": CASHIER, "requested_slot": "state"})
    asked, events = run(actions.ActionAskState(), t, domain)
    assert "state" in text_of(asked).lower() and slots_of(events) == {"prompted": None}


def test_a_choice_by_button_or_by_number(actions, domain):
    choices = [{"code": CASHIER, "title": "Cashiers"}, {"code": "43-3071.00", "title": "Tellers"}]
    t = tracker(text='/choose_job{"job_code": "41-2011.00"}', intent="choose_job", entities=[{"job_code": CASHIER}],
                candidates={"current_job": CASHIER}, form="career_form",
                slots={"requested_slot": "current_job", "job_candidates": choices})
    _, events = run(actions.ValidateCareerForm(), t, domain)
    assert slots_of(events)["current_code"] == CASHIER
    t = tracker(text="the second one", intent="choose_job", candidates={"current_job": "the second one"}, form="career_form",
                slots={"requested_slot": "current_job", "job_candidates": choices})
    _, events = run(actions.ValidateCareerForm(), t, domain)
    assert slots_of(events)["current_code"] == "43-3071.00"


def test_unknown_titles_get_help_then_examples_then_the_bot_moves_on(actions, domain):
    seen = []
    for n in (0, 1, 2):
        t = tracker(text="qwzx blorp", candidates={"current_job": "qwzx blorp"}, form="career_form",
                    slots={"requested_slot": "current_job", "failures": float(n)})
        messages, events = run(actions.ValidateCareerForm(), t, domain)
        seen.append((text_of(messages), payloads(messages), slots_of(events)))
    assert "couldn't match" in seen[0][0] and seen[0][2]["failures"] == 1
    assert seen[1][1] and seen[1][2]["failures"] == 2  # examples as buttons
    assert seen[2][2]["current_job"] == "skip" and seen[2][2]["failures"] == 0  # moved on
    assert seen[2][2]["requested_slot"] == "target_job"


def test_everything_at_once(actions, domain):
    t = tracker(text="I've been a cashier for 3 years in Maine and want to become a pharmacy tech", form="career_form",
                entities=[{"current_job": "cashier"}, {"years": "3 years"}, {"state": "Maine"}, {"target_job": "pharmacy tech"}],
                candidates={"current_job": "cashier", "target_job": "pharmacy tech", "state": "Maine"})
    messages, events = run(actions.ValidateCareerForm(), t, domain)
    slots = slots_of(events)
    assert slots["target_code"] == "29-2052.00" and slots["state"] == "ME"
    if actions.store.find_job("cashier").status == "ok":
        assert slots["current_code"] == CASHIER and slots["requested_slot"] is None  # nothing left to ask
    else:  # which cashier? the choices come as buttons
        assert slots["current_job"] is None and slots["requested_slot"] == "current_job"
        assert "Cashiers" in [b["title"] for m in messages for b in m["buttons"]]


def test_a_bare_answer_fills_only_the_slot_asked_for(actions, domain):
    """'pharmacy tech' as the answer to 'which job would you like?' must not replace the current job,
    even when the entity extractor tagged it as a current job."""
    history = [{"event": "slot", "name": "current_job", "value": CSR}]
    t = tracker(text="pharmacy tech", entities=[{"current_job": "pharmacy tech"}], form="career_form", history=history,
                slots={"requested_slot": "target_job", "current_code": CSR},
                candidates={"current_job": "pharmacy tech", "target_job": "pharmacy tech"})
    _, events = run(actions.ValidateCareerForm(), t, domain)
    slots = slots_of(events)
    assert slots["current_job"] == CSR and slots["target_code"] == "29-2052.00"


def test_a_correction_replaces_the_current_job(actions, domain):
    t = tracker(text="actually I'm a customer service rep", entities=[{"current_job": "customer service rep"}],
                form="career_form", slots={**KNOWN, "current_job": CASHIER, "current_code": CASHIER},
                candidates={"current_job": "customer service rep"})
    _, events = run(actions.ValidateCareerForm(), t, domain)
    assert slots_of(events)["current_code"] == CSR


def test_no_job_skips_the_current_job_question(actions, domain):
    t = tracker(text="i don't have a job", intent="no_job", candidates={"situation": "no_job"}, form="career_form")
    messages, events = run(actions.ValidateCareerForm(), t, domain)
    assert slots_of(events)["requested_slot"] == "target_job"
    messages, _ = run(actions.ActionAskTargetJob(), tracker(slots={"situation": "no_job"}), domain)
    assert "where you want to go" in text_of(messages)


def test_laid_off_is_acknowledged(actions, domain):
    t = tracker(text="i was laid off from my job as a machinist", intent="laid_off", entities=[{"current_job": "machinist"}],
                candidates={"situation": "laid_off", "current_job": "machinist"}, form="career_form")
    messages, events = run(actions.ValidateCareerForm(), t, domain)
    assert "sorry" in text_of(messages).lower()
    assert slots_of(events)["current_code"] == "51-4041.00"


@pytest.mark.parametrize("said, expected", [("maine", "ME"), ("ME", "ME"), ("i live in new york", "NY"),
                                            ("skip", "US"), ("west virginia", "WV")])
def test_state_answers(actions, domain, said, expected):
    t = tracker(text=said, candidates={"state": said}, form="career_form",
                slots={"requested_slot": "state", "current_job": CSR, "current_code": CSR, "target_job": CLERK})
    _, events = run(actions.ValidateCareerForm(), t, domain)
    assert slots_of(events)["state"] == expected


def test_unknown_state_twice_means_national(actions, domain):
    base = {"requested_slot": "state", "current_job": CSR, "target_job": CLERK}
    messages, events = run(actions.ValidateCareerForm(), tracker(text="narnia", candidates={"state": "narnia"},
                                                                 form="career_form", slots=base), domain)
    assert slots_of(events)["state"] is None and "narnia" in text_of(messages)
    _, events = run(actions.ValidateCareerForm(), tracker(text="narnia", candidates={"state": "narnia"}, form="career_form",
                                                          slots={**base, "failures": 1.0}), domain)
    assert slots_of(events)["state"] == "US"


# -- answers ----------------------------------------------------------------------------------------------

def test_comparison_answer_has_score_biggest_gap_first_and_sources(actions, domain):
    messages, _ = run(actions.ActionAnswer(), tracker(slots=KNOWN), domain)
    text = text_of(messages)
    assert "Customer Service Representatives → Court, Municipal, and License Clerks" in text
    assert "out of 100" in text and "The gaps that matter most for this job" in text
    assert "Source: O*NET" in text and "Bureau of Labor Statistics" in text
    assert "Maine" in text and "$" in text
    gaps = [line for line in text.splitlines() if line[:2] in ("1.", "2.", "3.")]
    numbers = [int(line.split("needs about ")[1].split()[0]) - int(line.split("your current job about ")[1].split(".")[0])
               for line in gaps]
    assert numbers == sorted(numbers, reverse=True)  # biggest gap first
    assert "/ask_training" in payloads(messages) and "/ask_gaps" in payloads(messages)


def test_every_figure_names_a_source(actions, domain):
    for action in (actions.ActionAnswer(), actions.ActionGaps(), actions.ActionPay(), actions.ActionTraining(),
                   actions.ActionApprenticeships()):
        messages, _ = run(action, tracker(slots=KNOWN), domain)
        for m in messages:
            if any(ch.isdigit() for ch in m["text"].replace("43-40", "")):
                assert "Source" in m["text"], (action.name(), m["text"])


def test_gaps_explain_what_the_level_means(actions, domain):
    messages, _ = run(actions.ActionGaps(), tracker(slots=KNOWN), domain)
    text = text_of(messages)
    # the example is one of the target job's own tasks (knowledge/gap_examples.py), not a level anchor from elsewhere
    assert "Knowledge to add" in text and 'In the job, for example: "Perform administrative tasks' in text
    assert "Schooling" in text


def test_how_do_i_get_there_lists_programs_in_maine(actions, domain):
    messages, _ = run(actions.ActionTraining(), tracker(slots=KNOWN), domain)
    text = text_of(messages)
    assert "with schools in Maine" in text
    assert "Community College" in text or "University" in text
    assert "Source:" in text
    # no state licensing data: never "no license needed", always where to find what Maine requires
    assert "License Finder shows what Maine requires: careeronestop.org/Toolkit/Training/find-licenses.aspx" in text
    assert "then none" not in text


def test_apprenticeships_answer_for_the_target_in_two_plain_messages(actions, domain):
    messages, _ = run(actions.ActionApprenticeships(), tracker(slots=KNOWN), domain)
    text = text_of(messages)
    assert len(messages) <= 2
    assert "no registered apprenticeship for Court, Municipal, and License Clerks" in text
    assert "Customer Service" not in text, "the current job's routes only when asked"
    assert "apprenticeship.gov/apprenticeship-job-finder" in text


def test_apprenticeships_for_the_current_job_when_asked(actions, domain):
    messages, _ = run(actions.ActionApprenticeships(),
                      tracker(slots=KNOWN, text="any apprenticeships for my current job?"), domain)
    text = text_of(messages)
    assert len(messages) <= 2
    assert "Registered apprenticeships for Customer Service Representatives (paid work plus classes): the Department of Labor lists " in text
    # the registry's words stay in the report
    assert "RAPIDS" not in text and "3001CB" not in text and "time-based" not in text and "competency-based" not in text
    assert "apprenticeship.gov/apprenticeship-job-finder" in text


def test_electrician_apprenticeships_say_how_long_in_years(actions, domain):
    electricians = "47-2111.00"
    messages, _ = run(actions.ActionApprenticeships(), tracker(slots={"target_job": electricians, "target_code": electricians}), domain)
    text = text_of(messages)
    assert len(messages) == 2
    lines = [line for line in text.splitlines() if line.startswith("• ")]
    assert lines and lines[0].startswith("• Electrician: "), "the plainest route first"
    assert len(set(lines)) == len(lines), "no route shown twice"
    assert "about 4 years (8,000 hours)" in text and "8000 hours" not in text


def test_schools_near_houston_come_first_with_a_count(actions, domain):
    nurses = "29-1141.00"
    slots = {"target_job": nurses, "target_code": nurses, "state": "TX", "metro": "0026420"}
    messages, _ = run(actions.ActionTraining(), tracker(slots=slots, text="any schools near houston?"), domain)
    text = text_of(messages)
    line = next(line for line in text.splitlines() if line.startswith("• Registered Nursing"))
    found = re.search(r"\((\d+) schools in the Houston area, (\d+) in Texas\): ([^(]+) \(([^,]+), bachelor's\)", line)
    assert found, line
    assert 0 < int(found[1]) < int(found[2])
    assert found[4] in {"Houston", "Pasadena", "The Woodlands", "Sugar Land", "Conroe", "Baytown", "Katy"}
    assert "Abilene" not in line
    assert line.count("University of St Thomas") <= 1 and text.count("(Houston, bachelor's)") == line.count("(Houston, bachelor's)"), \
        "the nursing programs share their schools: one line, not the same schools under each"


def test_schools_in_a_state_without_a_city_say_how_many(actions, domain):
    nurses = "29-1141.00"
    messages, _ = run(actions.ActionTraining(), tracker(slots={"target_job": nurses, "target_code": nurses, "state": "FL"}), domain)
    assert re.search(r"\(\d{2,} schools in Florida\): ", text_of(messages)), text_of(messages)


def test_pay_compares_state_and_national_with_outlook(actions, domain):
    messages, _ = run(actions.ActionPay(), tracker(slots=KNOWN), domain)
    text = text_of(messages)
    assert "Maine $" in text and "whole U.S. $" in text
    assert "Outlook" in text and "by 2034" in text


@pytest.mark.parametrize("question, hourly, starting", [
    ("what would that pay per hour?", True, False),
    ("is that starting pay or average?", False, True),
    ("whats the hourly for new grads", True, True),
    ("what does it pay", False, False)])
def test_pay_by_the_hour_and_at_the_start_when_asked(actions, domain, question, hourly, starting):
    """A stranger asked "is that starting pay or average?" and "what would that pay per hour?" and got the same
    yearly table: the hourly figures and the lowest percentiles are in the OEWS release the bot already reads."""
    text = text_of(run(actions.ActionPay(), tracker(slots=KNOWN, text=question, intent="ask_pay"), domain)[0])
    assert ("by the hour: $" in text and " an hour (" in text) == hourly, text
    assert ("Starting pay: BLS doesn't publish pay by experience. In Maine, the lowest-paid tenth of Court, Municipal, "
            "and License Clerks earn under $" in text) == starting, text


def test_the_other_job_weighed_gets_its_pay_beside_the_target(actions, domain):
    """"im a line cook in chicago. chef or food service manager, which pays better?": the answer compares the cook
    with chefs and puts the managers' typical pay beside the chefs', with their comparison a tap away."""
    cook, chef, manager = "35-2014.00", "35-1011.00", "11-9051.00"
    slots = {"current_job": cook, "current_code": cook, "current_title": "Cooks, Restaurant", "target_job": chef,
             "target_code": chef, "target_title": "Chefs and Head Cooks", "state": "IL",
             "weighed_job": "food service manager"}
    for action in (actions.ActionAnswer(), actions.ActionPay()):
        messages, _ = run(action, tracker(slots=slots, text="which pays better?", intent="ask_pay"), domain)
        text = text_of(messages)
        assert re.search(r"You also named Food Service Managers\. Of the two, Food Service Managers earn more in "
                         r"Illinois: typical pay \$[\d,]+ a year as Food Service Managers, against \$[\d,]+ a year as "
                         r"Chefs and Head Cooks, \$[\d,]+ a year apart\.", text), text
        assert f'/inform{{"target_job": "{manager}", "weighed_job": "{chef}"}}' in payloads(messages)
    # once compared with the managers, the chefs are the other one; the job compared is never weighed against itself
    swapped = {**slots, "target_job": manager, "target_code": manager, "target_title": "Food Service Managers",
               "weighed_job": chef}
    text = text_of(run(actions.ActionPay(), tracker(slots=swapped, text="which is better", intent="ask_pay"), domain)[0])
    assert "You also named Chefs and Head Cooks. Of the two, Food Service Managers earn more" in text, text
    same = {**slots, "weighed_job": chef}
    assert "You also named" not in text_of(run(actions.ActionPay(), tracker(slots=same, text="which is better",
                                                                            intent="ask_pay"), domain)[0])
    # a pay question that weighs nothing does not repeat it; with their city, the city's figures for both
    assert "You also named" not in text_of(run(actions.ActionPay(), tracker(slots=slots, text="per hour?"), domain)[0])
    text = text_of(run(actions.ActionPay(), tracker(slots={**slots, "metro": "0016980"}, text="which pays more"), domain)[0])
    assert re.search(r"Of the two, Food Service Managers earn more in the Chicago-Naperville-Elgin, IL-IN area: typical pay "
                     r"\$65,620 a year", text), text


def test_explore_suggests_jobs_with_compare_buttons(actions, domain):
    messages, events = run(actions.ActionExplore(), tracker(slots={"current_job": CASHIER, "current_code": CASHIER}), domain)
    text = text_of(messages)
    assert "Jobs you could move into from Cashiers" in text and "covered" in text
    assert any(p.startswith('/inform{"target_job": ') for p in payloads(messages))
    # without a job to start from: ask for one and remember the wish
    messages, events = run(actions.ActionExplore(), tracker(), domain)
    assert slots_of(events)["target_job"] == "explore" and "somewhere to start" in text_of(messages)


def test_how_the_figures_are_made_names_the_rule_and_each_release(actions, domain):
    """A counselor's "what does the 74 out of 100 mean", "what year is the data", "median or average?" had got
    "Sorry, I didn't get that" or the pay table again."""
    text = text_of(run(actions.ActionMethod(), tracker(text="what year is the data?", intent="ask_method"), domain)[0])
    assert "100 = your job already meets every important level" in text and "the median" in text
    assert "not the average" in text and "O*NET 29.3 and 30.0" in text and "(OEWS), May 2025" in text
    assert "It counts tips and commissions" in text  # OEWS wages: tips and commissions in, overtime out
    assert "projections 2024-34" in text
    said = [{"event": "bot", "text": run(actions.ActionMethod(), tracker(), domain)[0][0]["text"]}]
    again = text_of(run(actions.ActionMethod(), tracker(text="how old is the data", history=said), domain)[0])
    assert again.startswith("That's how the figures are made, as I wrote just above."), again


@pytest.mark.parametrize("text, entities, follow_up", [
    ("do I need a license to be a court clerk?", [], "action_training"),
    ("what do court clerks make per hour?", [], "action_pay"),
    ("can you write my resume for a court clerk job?", [{"topic": "resume"}], "action_steer_back"),
    ("I'm a customer service rep", [], None)])
def test_a_question_naming_the_jobs_we_have_gets_its_answer(actions, domain, text, entities, follow_up):
    """A teller (Tellers → Loan Officers known) asking "do I need a license to be a loan officer?", "can you write
    my resume for a loan officer job?" got "I still have Tellers → Loan Officers" each time."""
    first = slots_of(run(actions.ActionAnswer(), tracker(slots=KNOWN), domain)[1])["last_answer"]
    messages, events = run(actions.ActionAnswer(), tracker(slots={**KNOWN, "last_answer": first}, text=text,
                                                           entities=entities), domain)
    assert [e["name"] for e in events if e.get("event") == "followup"] == ([follow_up] if follow_up else [])
    assert ("I still have" in text_of(messages)) == (follow_up is None)


def test_both_parts_of_a_two_part_question_are_answered(actions, domain):
    """"do i need a license for that? and what would i make in charlotte specifically" got the way there only; every
    stranger tester met this."""
    text = "do i need a license for that? and what would i make in charlotte specifically"
    messages, events = run(actions.ActionTraining(), tracker(slots=KNOWN, text=text, intent="ask_training"), domain)
    said = [m.get("text") or "" for m in messages]
    assert said[0].startswith("How people get into Court, Municipal, and License Clerks work")
    assert [m for m in said if m.startswith("Pay (a year")] and said[-1].startswith("Outlook")  # the pay after it, once
    assert [r["kind"] for r in slots_of(events)["analyses"]] == ["training", "pay"]  # both kept for the counselors
    messages, _ = run(actions.ActionTraining(), tracker(slots=KNOWN, text="do i need a license?"), domain)
    assert not [m for m in messages if (m.get("text") or "").startswith("Pay (a year")]


def test_the_first_answer_tells_the_pay_of_the_city_they_named(actions, domain):
    """A stranger in Springfield, Missouri was told "$8,240 more" from the state's figures, then "$2,560" when she
    asked for Springfield's: the first answer uses the metro area's figures when it publishes both jobs'."""
    cook, chef = "35-2014.00", "35-1011.00"
    slots = {"current_job": cook, "current_code": cook, "current_title": "Cooks, Restaurant", "target_job": chef,
             "target_code": chef, "target_title": "Chefs and Head Cooks", "state": "IL", "metro": "0016980"}
    text = text_of(run(actions.ActionAnswer(), tracker(slots=slots), domain)[0])
    assert "Typical pay in the Chicago-Naperville-Elgin, IL-IN area: $" in text and "Typical pay in Illinois" not in text
    assert "Typical pay in Illinois: $" in text_of(run(actions.ActionAnswer(), tracker(slots={**slots, "metro": None}),
                                                       domain)[0])


def test_years_said_in_answer_to_how_long_are_put_beside_the_usual(actions, domain):
    """A teacher with a master's answered "How long have you done your job now?" with "9 years" three times and
    got the same question back each time."""
    teacher, trainer = "25-2022.00", "13-1151.00"
    slots = {"current_job": teacher, "current_code": teacher, "current_title": "Middle School Teachers",
             "target_job": trainer, "target_code": trainer, "target_title": "Training and Development Specialists",
             "state": "IL", "education": "master's degree in curriculum"}
    first = slots_of(run(actions.ActionAnswer(), tracker(slots=slots), domain)[1])["last_answer"]
    messages, _ = run(actions.ActionAnswer(), tracker(slots={**slots, "last_answer": first}, text="9 years",
                                                      entities=[{"years": "9 years"}]), domain)
    text = text_of(messages)
    assert "How long have you done your job now" not in text and "You have 9 years of related work" in text, text


def test_another_city_in_the_same_state_gets_its_pay(actions, domain):
    """"what about in columbus instead?" got "I still have ... (Ohio)", though the next pay table was Columbus's."""
    slots = {**KNOWN, "state": "OH"}
    first = slots_of(run(actions.ActionAnswer(), tracker(slots=slots), domain)[1])["last_answer"]
    messages, events = run(actions.ActionAnswer(), tracker(slots={**slots, "metro": "0018140", "last_answer": first},
                                                           text="what about in columbus instead?"), domain)
    text = text_of(messages)
    assert text.startswith("Pay (a year") and "Columbus, OH area $" in text and "I still have" not in text, text
    again = slots_of(events)["last_answer"]
    assert "I still have" in text_of(run(actions.ActionAnswer(), tracker(slots={**slots, "metro": "0018140",
                                                                                 "last_answer": again}), domain)[0])


def test_explore_leaves_out_only_what_was_said_with_the_ask(actions, domain):
    """"I'm not a receptionist" correcting the bot, then "what else could I do?": the ideas had been headed
    "(not receptionist)"; "anything but cashier" with the ask still leaves cashiers out."""
    slots = {"current_job": CSR, "current_code": CSR, "avoid": "receptionist"}
    earlier = [{"event": "user", "text": "I'm not a receptionist, I take customer calls all day",
                "parse_data": {"intent": {"name": "inform"}, "entities": []}}]
    t = tracker(slots=slots, text="what else could I do?", intent="explore", history=earlier)
    assert "(not receptionist)" not in text_of(run(actions.ActionExplore(), t, domain)[0])
    t = tracker(slots={**slots, "avoid": "cashier"}, text="what else could I do, anything but cashier", intent="explore")
    assert "(not cashier)" in text_of(run(actions.ActionExplore(), t, domain)[0])


SUGGESTION = re.compile(r"^(\d+)\. (.+?): (.*)$", re.M)


def suggestions_seen(messages: list[dict]) -> list[tuple[str, str]]:
    """(title, the rest of its line) of each numbered suggestion, as the person reads them."""
    return [(m[2], m[3]) for m in SUGGESTION.finditer(text_of(messages))]


def state_median(code: str, postal: str) -> float:
    from actions import store

    a = store.analyst()
    area = a.area(postal)[0]
    return a.wages(area)[a.occupations[code].soc]["annual_median"]


def test_explore_that_pays_more_lists_only_raises_in_their_state(actions, domain):
    for source, postal in ((CASHIER, "ME"), ("53-3032.00", "TX"), (CSR, "OH")):
        # the entities the bot's NLU gives this message today: the wish read as a description of work
        t = tracker(slots={"current_job": source, "current_code": source, "state": postal},
                    text="what else could i do that pays more", intent="explore",
                    entities=[{"current_job": "do that pays more"}, {"target_job": "explore"}])
        messages, _ = run(actions.ActionExplore(), t, domain)
        seen = suggestions_seen(messages)
        assert len(seen) == 5 and "(pays more)" in text_of(messages)
        assert all(re.search(r"\(\+\$[\d,]+\)", rest) for _, rest in seen), seen
        codes = [json.loads(p.split("/inform", 1)[1])["target_job"] for p in payloads(messages)]
        assert len(codes) == 5 and all(state_median(c, postal) > state_median(source, postal) for c in codes)


def test_explore_wish_kept_while_the_form_asks_for_the_state(actions, domain):
    """"im a cashier, what else could i do that pays more" -> "Which state?" -> "maine": the answer still pays more."""
    history = [{"event": "user", "text": "im a cashier, what else could i do that pays more",
                "parse_data": {"intent": {"name": "explore"}, "entities": []}}]
    t = tracker(slots={"current_job": CASHIER, "current_code": CASHIER, "target_job": "explore", "state": "ME"},
                text="maine", history=history)
    messages, _ = run(actions.ActionAnswer(), t, domain)
    assert "(pays more)" in text_of(messages) and "pay in Maine" in text_of(messages)
    assert all(re.search(r"\(\+\$[\d,]+\)", rest) for _, rest in suggestions_seen(messages))


def test_explore_not_driving_leaves_out_driving_jobs(actions, domain):
    for source in ("53-3032.00", "53-3033.00", "53-3054.00"):  # truck drivers, delivery drivers, taxi/ride-share
        t = tracker(slots={"current_job": source, "current_code": source, "state": "GA"},
                    text="what else could i do that's not driving", intent="explore")
        messages, _ = run(actions.ActionExplore(), t, domain)
        seen = suggestions_seen(messages)
        assert seen and not any(re.search(r"Driv|Chauffeur", title) for title, _ in seen), seen
        assert "(not driving)" in text_of(messages)


def test_explore_buttons_for_every_suggestion_never_cut_mid_word(actions, domain):
    for source, text in ((CASHIER, "what else could i do"), ("53-3032.00", "not driving"), (CSR, "something in tech")):
        messages, _ = run(actions.ActionExplore(), tracker(slots={"current_job": source, "current_code": source},
                                                           text=text, intent="explore"), domain)
        titles = [title for title, _ in suggestions_seen(messages)]
        buttons = [b["title"] for m in messages for b in m.get("buttons") or []]
        assert len(buttons) == len(titles) == 5
        for title, shown in zip(titles, buttons):
            assert len(shown) <= 60
            words = shown.removeprefix("Compare: ").removesuffix("…")
            assert shown == f"Compare: {title}" or shown.endswith("…") and (title.startswith(words + " ")
                                                                           or title.startswith(words + ","))


def test_explore_says_its_order_and_keeps_it(actions, domain):
    messages, _ = run(actions.ActionExplore(), tracker(slots={"current_job": "29-1141.00", "current_code": "29-1141.00",
                                                              "state": "ME"}, text="what else is there", intent="explore"), domain)
    text = text_of(messages)
    assert "pay at least as much and aren't shrinking first" in text and "closest first" not in text
    later = [i for i, (_, rest) in enumerate(suggestions_seen(messages))
             if re.search(r"pay cut|shrinking|not published", rest)]
    assert later == list(range(len(suggestions_seen(messages))))[len(suggestions_seen(messages)) - len(later):]


def test_explore_toward_the_job_they_named(actions, domain):
    """A cashier who said they want to be a nurse gets jobs near nursing, not Tellers."""
    history = [{"event": "slot", "name": "target_code", "value": "29-1141.00"},
               {"event": "slot", "name": "target_code", "value": None}]
    t = tracker(slots={"current_job": CASHIER, "current_code": CASHIER, "state": "FL"}, text="what else could i do",
                intent="explore", history=history)
    messages, _ = run(actions.ActionExplore(), t, domain)
    titles = [title for title, _ in suggestions_seen(messages)]
    assert "near Registered Nurses (the job you named)" in text_of(messages) and "Nursing Assistants" in titles
    assert "Tellers" not in titles and "Gambling Change Persons and Booth Cashiers" not in titles


def test_explore_with_a_city_prices_in_its_metro(actions, domain):
    t = tracker(slots={"current_job": CASHIER, "current_code": CASHIER, "state": "TX", "metro": "0012420"},
                text="what else could i do", intent="explore")
    messages, _ = run(actions.ActionExplore(), t, domain)
    assert "pay in Austin-Round Rock-San Marcos, TX" in text_of(messages)


def test_explore_a_wish_that_names_no_job_is_said_to_change_nothing(actions, domain):
    t = tracker(slots={"current_job": CASHIER, "current_code": CASHIER}, text="no more overtime", intent="explore")
    messages, _ = run(actions.ActionExplore(), t, domain)
    assert 'which jobs "overtime" means' in text_of(messages) and len(suggestions_seen(messages)) == 5


def test_explore_less_physical_is_said_and_applied(actions, domain):
    """"no more lifting" was a kind of job it couldn't place; it asks for lighter work (knowledge/suggestions.py)."""
    t = tracker(slots={"current_job": "47-2061.00", "current_code": "47-2061.00"}, text="no more lifting",
                intent="explore")
    messages, _ = run(actions.ActionExplore(), t, domain)
    assert "(less physical)" in text_of(messages) and "lifting" not in text_of(messages).split("\n", 1)[1]
    # lighter work is often office work that starts with a degree: each such line says so (BLS entry education)
    from actions import store
    from knowledge import lookup

    a = store.analyst()
    for line in text_of(messages).splitlines()[1:6]:
        code = next(c for c, o in a.occupations.items() if line.split(". ", 1)[1].startswith(o.title + ":"))
        education = (lookup.projection_for(a.projections, a.occupations[code].soc) or {}).get("entry_education")
        assert ("usually starts with" in line) == (education in ("Associate's degree", "Bachelor's degree",
                                                                  "Master's degree", "Doctoral or professional degree"))


def test_explore_from_a_job_o_net_has_not_rated(actions, domain):
    """Taxi Drivers (ride-share drivers) have no O*NET ratings: O*NET's related jobs, said to be unmeasured,
    instead of "I couldn't find jobs"; a catch-all with no related jobs asks for the job in other words."""
    taxi = "53-3054.00"
    messages, _ = run(actions.ActionExplore(), tracker(slots={"current_job": taxi, "current_code": taxi}), domain)
    text = text_of(messages)
    assert "O*NET has not rated Taxi Drivers" in text and "Bus Drivers, Transit and Intercity" in text
    assert "covered" not in text and "O*NET 30.0" in text  # the release the list is from
    assert any(p.startswith('/inform{"target_job": ') for p in payloads(messages))
    other = "11-9199.00"
    messages, _ = run(actions.ActionExplore(), tracker(slots={"current_job": other, "current_code": other}), domain)
    assert "in other words" in text_of(messages)


def test_answer_for_a_target_only(actions, domain):
    messages, _ = run(actions.ActionAnswer(), tracker(slots={"target_job": "29-2052.00", "target_code": "29-2052.00",
                                                             "situation": "student", "state": "TX"}), domain)
    text = text_of(messages)
    assert "What it takes to get into this job (Pharmacy Technicians)" in text and "Texas" in text


def test_follow_ups_without_jobs_ask_for_them(actions, domain):
    messages, _ = run(actions.ActionGaps(), tracker(), domain)
    assert "Tell me your job" in text_of(messages)
    messages, _ = run(actions.ActionTraining(), tracker(slots={"current_code": CSR}), domain)
    assert "Which job would you like" in text_of(messages)


# -- competency level -------------------------------------------------------------------------------------

def test_level_placement_asks_statements_and_places_the_person(actions, domain):
    slots = {"current_job": CSR, "current_code": CSR}
    messages, _ = run(actions.ActionAskLevelAnswer(), tracker(slots=slots), domain)
    assert "Emerging" in text_of(messages) and payloads(messages) == ["/affirm", "/deny"]
    answers, asked = None, 0
    for said in ["yes", "yes", "yes", "yes", "yes", "no"]:  # emerging 2/2, developing 2/2, proficient 1/2
        t = tracker(text=said, intent="affirm" if said == "yes" else "deny", form="level_form",
                    slots={**slots, "level_answers": answers, "requested_slot": "level_answer"},
                    candidates={"level_answer": said})
        _, events = run(actions.ValidateLevelForm(), t, domain)
        answers = slots_of(events)["level_answers"]
        asked += 1
        if slots_of(events)["level_answer"] == "done":
            break
    assert asked == 6
    messages, events = run(actions.ActionLevelResult(), tracker(slots={**slots, "level_answers": answers}), domain)
    text = text_of(messages)
    assert "Developing level" in text and "Next up is Proficient" in text
    set_now = slots_of(events)
    recorded = set_now.pop("analyses")[-1]  # kept with the conversation for the counselor console
    assert (recorded["kind"], recorded["level"], recorded["next_level"]) == ("level", "Developing", "Proficient")
    assert set_now == {"level_answer": None, "level_answers": None}


def test_level_without_a_framework(actions, domain):
    slots = {"current_job": CASHIER, "current_code": CASHIER}
    _, events = run(actions.ValidateLevelForm(), tracker(form="level_form", slots=slots), domain)
    assert slots_of(events)["requested_slot"] is None  # nothing to ask: the form ends
    messages, _ = run(actions.ActionLevelResult(), tracker(slots=slots), domain)
    assert "Customer Service Representatives" in text_of(messages)


# -- class series ----------------------------------------------------------------------------------------

def test_do_i_qualify_for_the_next_level(actions, domain):
    t = tracker(text="18 months", form="ladder_form", slots={"requested_slot": "years_experience"},
                candidates={"years_experience": "18 months"})
    _, events = run(actions.ValidateLadderForm(), t, domain)
    assert slots_of(events)["years_experience"] == "18.0 months"
    t = tracker(text="30", form="ladder_form", slots={"requested_slot": "college_credits", "years_experience": "18.0 months"},
                candidates={"college_credits": "30"})
    _, events = run(actions.ValidateLadderForm(), t, domain)
    assert slots_of(events)["college_credits"] == "30.0"
    messages, _ = run(actions.ActionLadderResult(), tracker(slots={"years_experience": "18.0 months",
                                                                   "college_credits": "30.0"}), domain)
    text = text_of(messages)
    assert "You qualify for Customer Service Assistant (class 4807)" in text
    assert "18 months of experience + 12 months for 30 semester hours" in text
    assert "Next level: Customer Service Representative (class 4808)" in text
    assert "30 semester hours = 12 months" in text and "Source:" in text


def test_education_named_earlier_answers_the_credits_question(actions, domain):
    t = tracker(form="ladder_form", slots={"education": "associate degree", "years_experience": "1 year"})
    _, events = run(actions.ValidateLadderForm(), t, domain)
    assert slots_of(events).get("college_credits") == "60.0"


# -- steering ------------------------------------------------------------------------------------------

def test_repeated_misses_offer_buttons(actions, domain):
    miss = {"event": "user", "text": "blah", "parse_data": {"intent": {"name": "nlu_fallback"}}}
    messages, _ = run(actions.ActionSteerBack(), tracker(text="blah", intent="nlu_fallback", history=[miss]), domain)
    assert payloads(messages)  # second miss in a row: buttons
    messages, _ = run(actions.ActionSteerBack(), tracker(text="hm", intent="out_of_scope"), domain)
    assert not payloads(messages) and "didn't get that" in text_of(messages)


def test_start_over_resets_everything(actions, domain):
    messages, events = run(actions.ActionStartOver(), tracker(slots=KNOWN, form="career_form"), domain)
    assert {"event": "reset_slots", "timestamp": None} in events
    assert any(e.get("event") == "active_loop" and e.get("name") is None for e in events)
    assert "fresh start" in text_of(messages)


def test_answers_the_form_cannot_use_count_as_failed_tries(actions, domain):
    """'no' or gibberish classified as something else, while the form asks for a job: help, examples, move on."""
    base = {"requested_slot": "current_job"}
    seen = []
    for n in (0, 1, 2):
        t = tracker(text="zzkq vrrp", intent="deny", form=None, slots={**base, "failures": float(n)})
        t.active_loop = {"name": "career_form"}
        messages, events = run(actions.ActionSteerBack(), t, domain)
        seen.append((text_of(messages), payloads(messages), slots_of(events)))
    assert "couldn't match" in seen[0][0] and seen[0][2]["prompted"] is True
    assert seen[1][1]  # examples as buttons
    assert seen[2][2]["current_job"] == "skip" and "move on" in seen[2][0]


def test_a_detail_that_changes_nothing_is_not_answered_twice(actions, domain):
    _, events = run(actions.ActionAnswer(), tracker(slots=KNOWN), domain)
    key = slots_of(events)["last_answer"]
    messages, events = run(actions.ActionAnswer(), tracker(slots={**KNOWN, "last_answer": key}), domain)
    # it says what it still has, so a person can see a mix-up and how to change it
    said = text_of(messages)
    assert "I still have Customer Service Representatives → Court, Municipal, and License Clerks (Maine)" in said
    assert "To change it" in said and not slots_of(events)


def test_the_full_report_link_when_the_report_server_is_configured(actions, domain, monkeypatch):
    monkeypatch.setenv("CAREERBOT_REPORT_BASE", "http://localhost:8000")
    messages, _ = run(actions.ActionAnswer(), tracker(slots=KNOWN), domain)
    assert "http://localhost:8000/reports/43-4051.00/43-4031.00.html?state=ME" in text_of(messages)


def test_an_unsure_intent_with_a_job_title_starts_the_form(actions, domain):
    t = tracker(text="i'm a cashier", intent="nlu_fallback", entities=[{"current_job": "cashier"}])
    messages, events = run(actions.ActionSteerBack(), t, domain)
    assert messages == [] and events == [{"event": "followup", "name": "career_form", "timestamp": None}]


def test_no_condolences_when_nobody_was_laid_off(actions, domain):
    t = tracker(text="i work as a cashier", intent="laid_off", entities=[{"current_job": "cashier"}],
                candidates={"situation": "laid_off", "current_job": "cashier"}, form="career_form")
    messages, events = run(actions.ValidateCareerForm(), t, domain)
    assert "sorry" not in text_of(messages).lower() and slots_of(events)["situation"] == "working"


# -- the analyses kept with the conversation (for the counselor console) ---------------------------------

def test_every_analysis_is_recorded_from_what_the_reply_said(actions, domain):
    earlier = {"kind": "compare", "time": "2026-01-01T00:00:00Z"}
    slots = {**KNOWN, "analyses": [earlier]}

    def record(action, slot_values, text=""):
        messages, events = run(action, tracker(slots=slot_values, text=text), domain)
        kept = slots_of(events)["analyses"]
        assert kept[:-1] == slot_values.get("analyses", [])  # appended, earlier records kept
        return text_of(messages), kept[-1]

    said, r = record(actions.ActionAnswer(), slots)
    assert r["kind"] == "compare" and r["current"]["code"] == CSR and r["target"]["code"] == CLERK and r["state"] == "ME"
    assert f"about {r['score']:.0f} out of 100" in said
    # what the score rests on, as the reply said it: the clerks' skills are below the filter
    assert r["score_covers"].startswith("Abilities and knowledge only") and "Abilities and knowledge only" in said
    assert "credential" not in r  # same schooling, no license O*NET names: nothing put first
    assert 3 <= len(r["gaps"]) <= 5 and r["gaps"][0]["element"] in said  # the biggest gap, as the reply put first
    said, r = record(actions.ActionGaps(), slots)
    assert r["kind"] == "gaps" and r["gaps"][0]["element"] in said
    _, r = record(actions.ActionPay(), slots)
    assert r["kind"] == "pay" and r["pay"]["area"] == "Maine" and r["pay"]["target"] > 0
    said, r = record(actions.ActionTraining(), slots)
    assert r["kind"] == "training" and r["programs"] and r["programs"][0]["title"] in said
    assert r["programs"][0]["institutions"][0] in said  # "School (Town, credential)", as the reply lists it
    said, r = record(actions.ActionApprenticeships(), slots, "and for my current job?")
    assert r["kind"] == "apprenticeships" and any(a["rapids_code"] == "3001CB" for a in r["apprenticeships"])
    said, r = record(actions.ActionExplore(), {"current_job": CASHIER, "current_code": CASHIER})
    assert r["kind"] == "explore" and r["current"]["code"] == CASHIER
    assert [d["title"] for d in r["destinations"]] and all(d["title"] in said for d in r["destinations"])
    said, r = record(actions.ActionAnswer(), {"target_job": "29-2052.00", "target_code": "29-2052.00", "state": "TX"})
    assert r["kind"] == "target_profile" and r["target"]["title"] == "Pharmacy Technicians" and r["state"] == "TX"
    said, r = record(actions.ActionLadderResult(), {"years_experience": "18.0 months", "college_credits": "30.0"})
    assert r["kind"] == "ladder" and r["qualifies_for"] == "Customer Service Assistant (class 4807)"
    # no analysis, no record
    _, events = run(actions.ActionGaps(), tracker(), domain)
    assert "analyses" not in slots_of(events)


# -- the pair can't go wrong silently (issue "Understand people") ----------------------------------------

RN, NP = "29-1141.00", "29-1171.00"
NURSES = {"current_job": NP, "current_code": NP, "current_title": "Nurse Practitioners",
          "target_job": RN, "target_code": RN, "target_title": "Registered Nurses", "state": "TX"}


def history_of(slots: dict) -> list[dict]:
    return [{"event": "slot", "name": k, "value": v} for k, v in slots.items()]


def test_backwards_swaps_the_two_jobs(actions, domain):
    t = tracker(text="backwards", entities=[{"swap": "yes"}], form="career_form", slots=NURSES, history=history_of(NURSES))
    _, events = run(actions.ValidateCareerForm(), t, domain)
    slots = slots_of(events)
    assert slots["current_code"] == RN and slots["target_code"] == NP and slots["last_answer"] is None


def test_no_im_the_rn_swaps_instead_of_comparing_a_job_with_itself(actions, domain):
    t = tracker(text="no, I'm the RN", entities=[{"current_job": "rn"}], form="career_form", slots=NURSES,
                history=history_of(NURSES), candidates={"current_job": "rn"})
    _, events = run(actions.ValidateCareerForm(), t, domain)
    slots = slots_of(events)
    assert slots["current_code"] == RN and slots["target_code"] == NP


def test_the_same_job_twice_asks_for_the_job_wanted(actions, domain):
    t = tracker(text="I'm a cop and I want to be a police officer", form="career_form",
                entities=[{"current_job": "cop"}, {"target_job": "police officer"}],
                candidates={"current_job": "cop", "target_job": "police officer"})
    messages, events = run(actions.ValidateCareerForm(), t, domain)
    slots = slots_of(events)
    assert slots["target_code"] is None and slots["current_code"] == "33-3051.00"
    assert "nothing to compare" in text_of(messages)


def test_choices_for_one_question_cannot_fill_the_other(actions, domain):
    choices = [{"code": CASHIER, "title": "Cashiers"}, {"code": "43-3071.00", "title": "Tellers"}]
    t = tracker(text="2", candidates={"target_job": "2"}, form="career_form",
                slots={"requested_slot": "target_job", "job_candidates": choices, "candidates_for": "current",
                       "current_code": CSR, "current_job": CSR})
    _, events = run(actions.ValidateCareerForm(), t, domain)
    assert slots_of(events).get("target_code") != "43-3071.00"


@pytest.mark.parametrize("said", ["ME", "me", "Me", "mi", "MI", "Fl", "co", "SC", "oh", "ca", "GA", "il", "AZ", "tn",
                                  "i said michigan", "near savannah", "Austin"])
def test_state_answers_in_any_case(actions, domain, said):
    t = tracker(text=said, candidates={"state": said}, form="career_form", slots={"requested_slot": "state"})
    _, events = run(actions.ValidateCareerForm(), t, domain)
    assert slots_of(events)["state"] not in (None, "US"), said


def test_every_postal_code_and_name_answers_which_state(actions, domain):
    for postal, (_code, name) in actions.store.analyst().states.items():
        for said in (postal, postal.lower(), name, name.lower()):
            t = tracker(text=said, candidates={"state": said}, form="career_form", slots={"requested_slot": "state"})
            _, events = run(actions.ValidateCareerForm(), t, domain)
            assert slots_of(events)["state"] == postal, said


def test_a_title_listed_under_several_jobs_is_taken_and_the_others_offered(actions, domain):
    t = tracker(text="im a cna in texas want to be an lpn", form="career_form",
                entities=[{"current_job": "cna"}, {"state": "TX"}, {"target_job": "lpn"}],
                candidates={"current_job": "cna", "target_job": "lpn", "state": "TX"})
    _, events = run(actions.ValidateCareerForm(), t, domain)
    slots = slots_of(events)
    assert (slots["current_code"], slots["target_code"], slots["state"]) == ("31-1131.00", "29-2061.00", "TX")
    answer, _ = run(actions.ActionAnswer(), tracker(slots={**slots, "current_job": "31-1131.00"}), domain)
    said = text_of(answer)
    assert said.startswith("Nursing Assistants → Licensed Practical and Licensed Vocational Nurses (Texas)")
    assert "I took \"cna\" as Nursing Assistants" in said  # and the other jobs called CNA are one tap away


@pytest.mark.parametrize("topic, expected", [("resume", "résumé"), ("job_search", "job finder"),
                                             ("person", "1-877-872-5627"), ("complaint", "Sorry"),
                                             ("spanish", "Mi Próximo Paso"), ("record", "Federal Bonding Program"),
                                             ("visa", "uscis.gov"), ("tuition", "studentaid.gov")])
def test_what_the_bot_cannot_do_says_where_to_go(actions, domain, topic, expected):
    messages, events = run(actions.ActionSteerBack(), tracker(text="...", intent="out_of_scope",
                                                              entities=[{"topic": topic}]), domain)
    assert expected in text_of(messages)
    assert slots_of(events) == ({"asked_for_person": True} if topic == "person" else {})


def test_asking_for_a_person_twice_gets_a_different_line(actions, domain):
    first, _ = run(actions.ActionSteerBack(), tracker(text="can I talk to someone", intent="out_of_scope",
                                                      entities=[{"topic": "person"}]), domain)
    earlier = [{"event": "user", "text": "can I talk to someone",
                "parse_data": {"entities": [{"entity": "topic", "value": "person"}]}},
               {"event": "bot", "text": text_of(first)}]
    second, _ = run(actions.ActionSteerBack(), tracker(text="who can I call", intent="out_of_scope",
                                                       entities=[{"topic": "person"}], history=earlier), domain)
    assert text_of(first) != text_of(second)


def test_backwards_with_the_job_already_right_changes_nothing(actions, domain):
    right = {**NURSES, "current_job": RN, "current_code": RN, "current_title": "Registered Nurses",
             "target_job": NP, "target_code": NP, "target_title": "Nurse Practitioners"}
    t = tracker(text="backwards. I'm the RN", entities=[{"swap": "yes"}, {"current_job": "rn"}], form="career_form",
                slots=right, history=history_of(right), candidates={"current_job": "rn"})
    _, events = run(actions.ValidateCareerForm(), t, domain)
    slots = slots_of(events)
    assert slots.get("current_code", RN) == RN and slots.get("target_code", NP) == NP


def test_a_bare_title_after_an_answer_asks_which_role(actions, domain):
    t = tracker(text="waitress", entities=[{"job": "waitress"}], form="career_form",
                slots={"target_job": "35-3023.00", "target_code": "35-3023.00", "target_title": "Fast Food and Counter Workers"},
                history=history_of({"target_code": "35-3023.00"}), candidates={"current_job": "waitress"})
    messages, events = run(actions.ValidateCareerForm(), t, domain)
    assert "is that the job you have, or the one you want?" in text_of(messages)
    assert '/inform{"current_job": "35-3031.00"}' in payloads(messages)
    assert '/inform{"target_job": "35-3031.00"}' in payloads(messages)
    assert slots_of(events).get("current_code") is None  # nothing taken until they say


def test_a_correction_naming_the_job_we_have_offers_its_other_readings(actions, domain):
    """"no, the job I want is counselor" when counselor is already the target: our reading was wrong."""
    store = actions.store
    counselor = store.find_job("counselor")
    assert counselor.status == "ok"
    had = {"current_job": "29-2053.00", "current_code": "29-2053.00", "current_title": "Psychiatric Technicians",
           "target_job": counselor.code, "target_code": counselor.code, "target_title": counselor.title, "state": "KY"}
    t = tracker(text="no, the job I want is counselor", entities=[{"target_job": "counselor"}], form="career_form",
                slots=had, history=history_of(had), candidates={"target_job": "counselor"})
    messages, events = run(actions.ValidateCareerForm(), t, domain)
    offered = [p for p in payloads(messages) if "target_job" in p]
    assert "Sorry, I read \"counselor\" wrongly" in text_of(messages) and len(offered) >= 2
    assert not any(counselor.code in p for p in offered)
    assert slots_of(events)["target_code"] is None


def test_a_correction_restating_the_job_gets_its_other_readings_even_when_none_is_close(actions, domain):
    """"no, the job I have now is ER unit secretary" when that is what we read as a general secretary: no
    reading is about as likely, so the next ones are offered, not "I still have ..."."""
    had = {"current_job": "43-6014.00", "current_code": "43-6014.00", "target_job": "29-2061.00",
           "current_title": "Secretaries and Administrative Assistants, Except Legal, Medical, and Executive",
           "target_code": "29-2061.00", "target_title": "Licensed Practical and Licensed Vocational Nurses", "state": "VA"}
    t = tracker(text="no, the job I have now is ER unit secretary", entities=[{"current_job": "ER unit secretary"}],
                form="career_form", slots=had, history=history_of(had), candidates={"current_job": "ER unit secretary"})
    messages, events = run(actions.ValidateCareerForm(), t, domain)
    assert "I still have" not in text_of(messages) and '/choose_job{"current_job": "43-6013.00"}' in payloads(messages)
    # a sure reading restated ("no wait, I'm the RN" when we have the RN) stands: no apology, no other jobs
    cook = actions.store.find_job("welder")  # no other reading is close to it
    had.update(current_job=cook.code, current_code=cook.code, current_title=cook.title)
    t = tracker(text="no, the job I have now is welder", entities=[{"current_job": "welder"}], form="career_form",
                slots=had, history=history_of(had), candidates={"current_job": "welder"})
    messages, events = run(actions.ValidateCareerForm(), t, domain)
    assert "wrongly" not in text_of(messages) and not payloads(messages)
    assert slots_of(events).get("current_code", cook.code) == cook.code


def test_a_title_restated_in_so_many_words_gets_the_jobs_at_that_workplace(actions, domain):
    """"no, the job I have now is shift manager at Taco Bell" when we read it as Food Service Managers: the
    other fair readings are offered, the ones restaurants employ first, not "I still have ..."."""
    had = {"current_job": "11-9051.00", "current_code": "11-9051.00", "current_title": "Food Service Managers",
           "target_job": "29-2042.00", "target_code": "29-2042.00", "target_title": "Emergency Medical Technicians",
           "state": "WY"}
    t = tracker(text="no, the job I have now is shift manager at Taco Bell",
                entities=[{"current_job": "shift manager at Taco Bell"}], form="career_form", slots=had,
                history=history_of(had), candidates={"current_job": "shift manager at Taco Bell"})
    messages, events = run(actions.ValidateCareerForm(), t, domain)
    assert "I still have" not in text_of(messages) and "wrongly" in text_of(messages)
    assert payloads(messages)[0] == '/choose_job{"current_job": "35-1012.00"}'


def test_a_question_naming_one_of_the_two_jobs_keeps_the_pair(actions, domain):
    """"are office clerk jobs shrinking?" (read as the job asked about) when office clerk is the job they have:
    a question about it, not "the job I want is office clerk", so the comparison is not turned around."""
    had = {"current_job": "43-9061.00", "current_code": "43-9061.00", "current_title": "Office Clerks, General",
           "target_job": "43-4061.00", "target_code": "43-4061.00",
           "target_title": "Eligibility Interviewers, Government Programs", "state": "PA"}
    t = tracker(text="And are office clerk jobs shrinking?", entities=[{"target_job": "office clerk"}],
                form="career_form", slots=had, history=history_of(had), candidates={"target_job": "office clerk"})
    messages, events = run(actions.ValidateCareerForm(), t, domain)
    slots = {**had, **slots_of(events)}
    assert (slots["current_code"], slots["target_code"]) == ("43-9061.00", "43-4061.00")


def test_words_left_from_an_earlier_question_are_not_read_as_this_answer(actions, domain):
    """"do i need to be certified?" (asked outside the form) left its words in the job slots; the next message,
    "wait i dont make 62k", must not get '"do i need to be certified" could mean a few different jobs'."""
    had = {"current_code": "11-9051.00", "current_title": "Food Service Managers", "target_code": "31-9092.00",
           "target_title": "Medical Assistants", "state": "OH"}
    t = tracker(text="wait i dont make 62k lol more like 15 a hour", entities=[{"years": "15"}], form="career_form",
                slots={**had, "current_job": "do i need to be certified", "target_job": "certified"},
                history=history_of({**had, "current_job": "11-9051.00", "target_job": "31-9092.00"}),
                candidates={"current_job": "do i need to be certified", "target_job": "certified"})
    messages, events = run(actions.ValidateCareerForm(), t, domain)
    assert "could mean" not in text_of(messages) and not payloads(messages)
    slots = slots_of(events)
    assert slots["current_job"] == "11-9051.00" and slots["target_job"] == "31-9092.00"


def test_other_readings_offered_for_one_job_survive_the_other_jobs_answer(actions, domain):
    """"no, the job I have now is counselor" while the target is filled again in the same message: the choices
    offered for the job they have must still be there when they answer "none of these" to them."""
    counselor = actions.store.find_job("counselor")
    had = {"current_job": counselor.code, "current_code": counselor.code, "current_title": counselor.title,
           "target_job": "29-2042.00", "target_code": "29-2042.00", "target_title": "Emergency Medical Technicians",
           "state": "WY"}
    t = tracker(text="no, the job I have now is counselor", entities=[{"current_job": "counselor"}], form="career_form",
                slots=had, history=history_of(had), candidates={"current_job": "counselor", "target_job": "29-2042.00"})
    messages, events = run(actions.ValidateCareerForm(), t, domain)
    assert "Sorry, I read \"counselor\" wrongly" in text_of(messages)
    slots = slots_of(events)
    assert slots["job_candidates"] and slots["candidates_for"] == "current"
    assert slots.get("target_code", "29-2042.00") == "29-2042.00"


def test_military_is_asked_once_then_the_words_are_read_among_civilian_jobs(actions, domain):
    first = tracker(text="army infantry", entities=[{"current_job": "army infantry"}, {"military": "yes"}],
                    form="career_form", slots={"requested_slot": "current_job"}, candidates={"current_job": "army infantry"})
    messages, events = run(actions.ValidateCareerForm(), first, domain)
    assert "Thank you for your service" in text_of(messages) and slots_of(events)["asked_military"] is True
    # what was heard is held and said back while the question is asked: O*NET's Infantry, not yet an answer
    assert "O*NET lists Infantry as a military job" in text_of(messages)
    assert slots_of(events)["current_code"] == "55-3016.00" and slots_of(events)["current_job"] is None
    again = tracker(text="army infantry", entities=[{"current_job": "army infantry"}, {"military": "yes"}],
                    form="career_form", slots={"requested_slot": "current_job", "asked_military": True},
                    candidates={"current_job": "army infantry"})
    messages, events = run(actions.ValidateCareerForm(), again, domain)
    assert "Thank you for your service" not in text_of(messages)
    assert not any("55-" in p for p in payloads(messages))  # no military occupation to pick: nothing compares with one
    # asked once already: O*NET's own occupation for the whole title said is kept, as Infantry, not its officers
    assert slots_of(events).get("current_code") == "55-3016.00"


def test_a_bare_title_after_which_job_would_you_like_is_the_target(actions, domain):
    """"Which job would you like to get into?" asked outside the form; "nurse" answers it."""
    t = tracker(text="nurse", entities=[{"job": "nurse"}], form="career_form", slots={"asked_for": "target"},
                candidates={"current_job": "nurse"})
    _, events = run(actions.ValidateCareerForm(), t, domain)
    slots = slots_of(events)
    assert slots["target_code"] == "29-1141.00" and not slots.get("current_code") and slots["asked_for"] is None


def test_follow_ups_without_a_target_remember_they_asked_for_it(actions, domain):
    messages, events = run(actions.ActionTraining(), tracker(slots={"current_code": CASHIER, "current_job": CASHIER}), domain)
    assert "Which job would you like to get into?" in text_of(messages)
    assert slots_of(events)["asked_for"] == "target"


def test_no_job_to_start_from_is_asked_what_they_like_then_gets_jobs_that_fit(actions, domain):
    """"I don't have a job, show me options": what they like first (O*NET's interest areas), then the jobs that fit
    it within reach with the state's pay; the jobs that hire the most when they would rather see those."""
    slots = {"target_job": "explore", "situation": "no_job", "state": "SC"}
    messages, events = run(actions.ActionAnswer(), tracker(slots=slots), domain)
    assert "Which of these do you like most?" in text_of(messages) and "analyses" not in slots_of(events)
    assert '/explore{"interests": "S"}' in payloads(messages)
    messages, events = run(actions.ActionAnswer(), tracker(slots={**slots, "interests": "R"}), domain)
    text = text_of(messages)
    assert text.startswith("Jobs that fit what you like (building, fixing or working with your hands)")
    assert "(South Carolina)" in text and "openings a year" in text
    assert len([p for p in payloads(messages) if "target_job" in p]) == 5  # one tap to what a job takes
    assert slots_of(events)["target_job"] is None and slots_of(events)["analyses"][-1]["kind"] == "interest_jobs"
    messages, events = run(actions.ActionAnswer(), tracker(slots={**slots, "interests": "any"}), domain)
    text = text_of(messages)
    assert "any job you've had counts" in text and "Fast Food and Counter Workers" in text and "(South Carolina)" in text
    assert slots_of(events)["analyses"][-1]["kind"] == "starter_jobs"


def test_two_titles_read_as_one_job_offer_the_other_readings_of_the_one_they_have(actions, domain):
    t = tracker(text="data analyst, want to become a data scientist", form="career_form",
                entities=[{"current_job": "data analyst"}, {"target_job": "data scientist"}],
                candidates={"current_job": "data analyst", "target_job": "data scientist"})
    messages, events = run(actions.ValidateCareerForm(), t, domain)
    slots = slots_of(events)
    assert slots["target_title"] == "Data Scientists" and slots["current_code"] is None
    assert "I read both jobs as Data Scientists" in text_of(messages)
    assert slots["requested_slot"] == "current_job"  # the form goes on to the job they have, not to an answer
    assert '/choose_job{"current_job": "15-2051.01"}' in payloads(messages)  # Business Intelligence Analysts


def test_naming_the_employer_again_offers_jobs_to_tap(actions, domain):
    t = tracker(text="i work at walmart", entities=[{"employer": "walmart"}], form="career_form",
                slots={"requested_slot": "current_job", "failures": 1.0}, candidates={"current_job": "i work at walmart"})
    messages, events = run(actions.ValidateCareerForm(), t, domain)
    # Walmart is a general merchandise store: its commonest jobs (OEWS), stockers first, none of them most people there
    assert "not only where it is" in text_of(messages) and '/choose_job{"current_job": "53-7065.00"}' in payloads(messages)
    unknown = tracker(text="i work at acme", entities=[{"employer": "acme"}], form="career_form",
                      slots={"requested_slot": "current_job", "failures": 1.0}, candidates={"current_job": "i work at acme"})
    messages, events = run(actions.ValidateCareerForm(), unknown, domain)
    assert '/choose_job{"current_job": "41-2011.00"}' in payloads(messages)  # everyday examples for one we don't know


def test_military_words_again_go_on_without_the_job_and_say_where_it_is_translated(actions, domain):
    """Asked once for the day-to-day work, "marine infantry" again: no third question (a loop when the message
    also answers another question), no junk choices; the rest of the answer goes on, and the person learns
    where a military job is translated."""
    t = tracker(text="marine infantry", entities=[{"current_job": "marine infantry"}, {"military": "yes"}],
                form="career_form", slots={"requested_slot": "current_job", "asked_military": True},
                candidates={"current_job": "marine infantry"})
    messages, events = run(actions.ValidateCareerForm(), t, domain)
    assert "mynextmove.org/vets" in text_of(messages) and payloads(messages) == []
    # O*NET's own occupation for the words is kept, said to have no score
    assert "Infantry" in text_of(messages) and "O*NET rates no military job" in text_of(messages)
    assert slots_of(events)["current_code"] == "55-3016.00"


def test_military_words_naming_no_occupation_again_go_on_without_the_job(actions, domain):
    """"army" again: no military occupation O*NET names in full, no civilian job either:
    go on without it rather than guess Infantry Officers or ask a third time."""
    t = tracker(text="army", entities=[{"current_job": "army"}, {"military": "yes"}],
                form="career_form", slots={"requested_slot": "current_job", "asked_military": True},
                candidates={"current_job": "army"})
    messages, events = run(actions.ValidateCareerForm(), t, domain)
    assert "mynextmove.org/vets" in text_of(messages) and "Infantry" not in text_of(messages)
    assert slots_of(events).get("current_code") is None


def test_a_job_named_in_a_pay_question_is_the_one_asked_about(actions, domain):
    """"what does a plumber make in ohio": the title arrives unread (target_job "plumber"); pay answers it."""
    messages, events = run(actions.ActionPay(), tracker(text="what does a plumber make in ohio", intent="ask_pay",
                                                        slots={"target_job": "plumber", "state": "OH"}), domain)
    assert "Plumbers, Pipefitters, and Steamfitters" in text_of(messages) and "Ohio" in text_of(messages)
    assert slots_of(events)["target_code"] == "47-2152.00"


def test_the_job_they_have_said_when_asked_for_the_one_they_want_is_not_taken_for_it(actions, domain):
    had = {"target_job": "47-2152.00", "target_code": "47-2152.00", "target_title": "Plumbers, Pipefitters, and Steamfitters"}
    t = tracker(text="i work at a car wash", entities=[{"current_job": "car wash attendant"}], form="career_form",
                slots={**had, "requested_slot": "current_job"}, history=history_of(had),
                candidates={"current_job": "car wash attendant", "target_job": "i work at a car wash"})
    _, events = run(actions.ValidateCareerForm(), t, domain)
    slots = slots_of(events)
    assert slots["target_job"] == "47-2152.00" and slots["current_code"] == "53-7061.00"


def test_an_employer_where_most_people_do_one_job_is_read_as_that_job_with_the_others_to_tap(actions, domain):
    # limited-service restaurants (OEWS 7225 less full-service 722511): 54% are fast food and counter workers
    t = tracker(text="i work at mcdonalds", entities=[{"employer": "mcdonalds"}, {"current_job": "mcdonalds"}],
                form="career_form", slots={"requested_slot": "current_job"}, candidates={"current_job": "mcdonalds"})
    messages, events = run(actions.ValidateCareerForm(), t, domain)
    slots = slots_of(events)
    assert slots["current_code"] == "35-3023.00" and slots["guesses"]["current"]["at"] == "mcdonalds"
    from bot import replies

    note = replies.guess_note("current", "mcdonalds", "Fast Food and Counter Workers",
                              slots["guesses"]["current"]["alternatives"], "mcdonalds")
    assert "more than half the people at fast food restaurants" in text_of(note)
    assert '/inform{"current_job": "35-1012.00"}' in payloads(note)  # the shift supervisor, to tap
    server = tracker(text="server at olive garden", entities=[{"current_job": "server at olive garden"}],
                     form="career_form", slots={"requested_slot": "current_job"},
                     candidates={"current_job": "server at olive garden"})
    assert slots_of(run(actions.ValidateCareerForm(), server, domain)[1])["current_code"] == "35-3031.00"


def test_a_job_said_in_the_past_later_is_an_earlier_job_not_the_one_they_have(actions, domain):
    """A pharmacy technician adding "I was a shift manager at Walgreens for 3 years" had it replace her job, and
    the jobs before were lost; said as the correction it is ("no, I was a shift manager"), it still replaces."""
    tech = "29-2052.00"
    known = {"current_job": tech, "current_code": tech, "current_title": "Pharmacy Technicians", "state": "WA",
             "target_job": "29-1141.00", "target_code": "29-1141.00", "target_title": "Registered Nurses"}
    said = [{"entity": "current_job", "value": "shift supervisor at walgreens", "years": "3 years", "was": True}]
    for text, kept in (("I was a shift manager at Walgreens for 3 years", True),
                       ("no, I was a shift manager at Walgreens", False)):
        t = tracker(text=text, form="career_form", slots=known, candidates={"current_job": "shift supervisor at walgreens"})
        t.latest_message["entities"] = said
        slots = slots_of(run(actions.ValidateCareerForm(), t, domain)[1])
        assert (slots.get("current_code") == tech) == kept, slots
        if kept:
            [earlier] = slots["past_jobs"]
            assert earlier["title"] == "General and Operations Managers" and earlier["years"] == "3 years"


def test_earlier_jobs_said_with_the_current_one_add_to_the_answer(actions, domain):
    """"I was a cashier for 3 years and then a bank teller for 2, want to be a bookkeeper": the comparison of the
    teller job, then what both jobs cover together and which job covers what (knowledge/person/)."""
    said = [{"entity": "past_job", "value": "cashier", "years": "3 years"},  # as the component gives them
            {"entity": "current_job", "value": "bank teller", "years": "2 years"},
            {"entity": "target_job", "value": "bookkeeper"}, {"entity": "state", "value": "WI"}]
    t = tracker(text="I was a cashier for 3 years and then a bank teller for 2. want to be a bookkeeper. wisconsin",
                form="career_form", slots={"requested_slot": "current_job"}, candidates={"current_job": "bank teller"})
    t.latest_message["entities"] = said
    slots = slots_of(run(actions.ValidateCareerForm(), t, domain)[1])
    assert slots["current_code"] == "43-3071.00"
    assert slots["past_jobs"] == [{"code": "41-2011.00", "title": "Cashiers", "typed": "cashier", "years": "3 years"}]
    answer = tracker(slots={"current_code": "43-3071.00", "current_job": "bank teller", "current_title": "Tellers",
                            "target_code": "43-3031.00", "target_job": "bookkeeper", "state": "WI",
                            "past_jobs": slots["past_jobs"]},
                     entities=[{"current_job": "bank teller"}])
    answer.latest_message["entities"] = said[1:2]
    text = text_of(run(actions.ActionAnswer(), answer, domain)[0])
    assert "Tellers → Bookkeeping, Accounting, and Auditing Clerks (Wisconsin)" in text
    assert "With your earlier jobs too: together your jobs cover about" in text
    assert "your cashier job adds Customer and Personal Service" in text and "cashier 3, bank teller 2" in text


def test_the_pay_of_a_job_asked_about_in_a_city_is_the_citys(actions, domain):
    # "what does a dental hygienist make in columbus?": OEWS's Columbus, OH metro figure, not Ohio's
    t = tracker(slots={"target_code": "29-1292.00", "target_job": "dental hygienist", "state": "OH", "metro": "0018140"},
                intent="ask_pay")
    text = text_of(run(actions.ActionPay(), t, domain)[0])
    assert "Typical pay (Columbus, OH)" in text, text


def test_a_rank_said_alone_is_the_step_up_from_the_job_they_have(actions, domain):
    """"reach truck driver, I want to move up to supervisor": the supervisors of that work, with others to tap."""
    t = tracker(text="forklift operator at a cold storage place, want to move up to supervisor",
                entities=[{"current_job": "forklift operator"}, {"target_job": "supervisor"}], form="career_form",
                slots={"requested_slot": "current_job"},
                candidates={"current_job": "forklift operator", "target_job": "supervisor"})
    _, events = run(actions.ValidateCareerForm(), t, domain)
    slots = slots_of(events)
    assert slots["current_code"] == "53-7051.00" and slots["target_code"] == "53-1043.00"
    guess = slots["guesses"]["target"]
    from bot import replies

    note = text_of(replies.guess_note("target", guess["typed"], slots["target_title"], guess["alternatives"],
                                      guess.get("at"), guess.get("above")))
    assert "most like yours as Industrial Truck and Tractor Operators" in note


def test_do_i_qualify_about_a_job_no_class_series_covers_says_so_and_asks_nothing(actions, domain):
    """A laborer who wants to be a foreman asks "do i need some cert to be foreman": not the Customer Service Series."""
    had = {"current_job": "47-2061.00", "current_code": "47-2061.00", "target_job": "47-1011.00",
           "target_code": "47-1011.00", "state": "TX"}
    t = tracker(text="so does my 8 yrs count, do i qualify to be foreman", intent="ask_qualify", form="ladder_form", slots=had)
    _, events = run(actions.ValidateLadderForm(), t, domain)
    assert slots_of(events).get("requested_slot") is None
    messages, _ = run(actions.ActionLadderResult(), tracker(slots=had), domain)
    text = text_of(messages)
    assert "I can't say whether you qualify for First-Line Supervisors of Construction Trades" in text
    assert "Customer Service Representative (class" not in text and "/ask_training" in payloads(messages)


TELLER_TO_BOOKKEEPER = {"current_code": "43-3071.00", "current_job": "bank teller", "current_title": "Tellers",
                        "target_code": "43-3031.00", "target_job": "bookkeeper", "target_title": "Bookkeeping, Accounting, and Auditing Clerks",
                        "state": "WI", "past_jobs": [{"code": "41-2011.00", "title": "Cashiers", "typed": "cashier", "years": "3 years"}]}
SAID_STORY = [{"entity": "past_job", "value": "cashier", "years": "3 years"},
              {"entity": "current_job", "value": "bank teller", "years": "2 years"}]


def test_schooling_said_in_the_chat_is_in_the_answer_and_read_back(actions, domain):
    """"I have my GED and 30 college credits": the profile's schooling against the job's, then the read-back."""
    t = tracker(slots={**TELLER_TO_BOOKKEEPER, "education": "GED", "college_credits": "30 college credits"})
    t.latest_message["entities"] = SAID_STORY
    messages, events = run(actions.ActionAnswer(), t, domain)
    text = text_of(messages)
    assert "With your earlier jobs too: together your jobs cover about" in text
    assert "you have a high school diploma and 30 college credits" in text
    assert messages[-1]["text"] == ("Here's what I have: cashier 3 yrs, bank teller 2 yrs, Wisconsin, high school diploma "
                                    "and 30 college credits. Anything wrong?")
    assert [b["title"] for b in messages[-1]["buttons"]] == ["Looks right", "Fix something"]
    [record] = slots_of(events)["analyses"]
    assert record["kind"] == "compare" and [j["title"] for j in record["profile"]["jobs"]] == ["Cashiers", "Tellers"]
    assert record["profile"]["education"] == "a high school diploma and 30 college credits"


@pytest.mark.parametrize("denial, read_back", [
    ("I do NOT have a bachelors, just high school", "Wisconsin, high school diploma. Anything wrong?"),
    ("you keep saying I have a bachelor's degree. I don't.", "Wisconsin. Anything wrong?"),
    ("I don't have a masters", "Wisconsin, bachelor's degree. Anything wrong?")])
def test_a_level_they_say_they_lack_is_taken_back(actions, domain, denial, read_back):
    """A stranger told "you have a bachelor's degree" denied it twice and kept it: only the level denied goes."""
    history = [{"event": "slot", "name": "education", "value": "bachelors"}]
    t = tracker(slots={**TELLER_TO_BOOKKEEPER, "education": denial}, text=denial, history=history)
    t.latest_message["entities"] = SAID_STORY
    messages, _ = run(actions.ActionAnswer(), t, domain)
    assert messages[-1]["text"].endswith(read_back), messages[-1]["text"]


def test_schooling_with_one_job_says_only_what_it_adds(actions, domain):
    t = tracker(slots={**TELLER_TO_BOOKKEEPER, "past_jobs": None, "education": "associate's in business"})
    messages, _ = run(actions.ActionAnswer(), t, domain)
    text = text_of(messages)
    assert "With your earlier jobs" not in text  # one job: its comparison says the rest
    assert "you have an associate's degree in business" in text
    assert messages[-1]["text"].startswith("Here's what I have: bank teller, Wisconsin, associate's degree in business.")


def test_fix_something_offers_to_take_out_a_job_and_the_answer_comes_again(actions, domain):
    first = tracker(slots=TELLER_TO_BOOKKEEPER)
    first.latest_message["entities"] = SAID_STORY
    messages, events = run(actions.ActionAnswer(), first, domain)
    history = first.events + [{"event": "slot", "name": "last_answer", "value": slots_of(events)["last_answer"]}] + \
        [{"event": "bot", "text": m["text"]} for m in messages]
    no = tracker(slots={**TELLER_TO_BOOKKEEPER, "last_answer": slots_of(events)["last_answer"]}, intent="deny",
                 text="/deny", history=history)
    [fix] = run(actions.ActionStrayNo(), no, domain)[0]
    assert fix["text"].startswith("What should I change?")
    assert payloads([fix]) == ['/inform{"drop_job": "41-2011.00"}']
    drop = tracker(slots={**TELLER_TO_BOOKKEEPER, "last_answer": slots_of(events)["last_answer"]},
                   text='/inform{"drop_job": "41-2011.00"}', history=no.events + [{"event": "bot", "text": fix["text"]}])
    drop.latest_message["entities"] = [{"entity": "drop_job", "value": "41-2011.00"}]
    again = text_of(run(actions.ActionAnswer(), drop, domain)[0])
    assert "Tellers → Bookkeeping" in again and "earlier jobs" not in again and "cashier" not in again
    # a "no" anywhere else: what next
    elsewhere = run(actions.ActionStrayNo(), tracker(slots=TELLER_TO_BOOKKEEPER, intent="deny", text="no"), domain)[0]
    assert elsewhere == [{"response": "utter_anything_else", **{k: v for k, v in elsewhere[0].items() if k != "response"}}]


def test_unpaid_work_is_compared_when_there_is_no_paid_job(actions, domain):
    """A stay-at-home mother who keeps the PTA's books and wants to be a bookkeeper: her unpaid work measured
    against the job, said to be unpaid, not the target alone."""
    t = tracker(slots={"situation": "no_job", "target_code": "43-3031.00", "target_job": "bookkeeper", "state": "WI",
                       "target_title": "Bookkeeping, Accounting, and Auditing Clerks"},
                text="I'm a stay at home mom, I keep the books for the PTA, want to be a bookkeeper in Wisconsin")
    t.latest_message["entities"] = [{"entity": "unpaid_work", "value": "43-3031.00", "start": 0, "end": 0}]
    messages, events = run(actions.ActionAnswer(), t, domain)
    text = text_of(messages)
    assert text.startswith("unpaid bookkeeping work → Bookkeeping, Accounting, and Auditing Clerks (Wisconsin)")
    assert "Your experience covers about 100 out of 100" in text
    assert messages[-1]["text"] == "Here's what I have: unpaid bookkeeping, Wisconsin. Anything wrong?"
    [record] = slots_of(events)["analyses"]
    assert record["kind"] == "profile" and record["profile"]["jobs"][0]["unpaid"] is True


def test_a_job_they_have_read_as_the_one_they_want_gets_its_other_readings_not_a_loop(actions, domain):
    """"marketing coordinator at a credit union" when the job they want is Marketing Managers: O*NET files the title
    there first. Saying the same thing again must not collide again: its other readings are offered to tap."""
    had = {"target_job": "11-2021.00", "target_code": "11-2021.00", "target_title": "Marketing Managers"}
    t = tracker(text="marketing coordinator at a credit union", entities=[{"job": "marketing coordinator at a credit union"}],
                form="career_form", slots={**had, "requested_slot": "current_job"}, history=history_of(had),
                candidates={"current_job": "marketing coordinator at a credit union"})
    messages, events = run(actions.ValidateCareerForm(), t, domain)
    slots = slots_of(events)
    assert slots.get("target_code", "11-2021.00") == "11-2021.00" and slots["current_code"] is None
    assert "I read both jobs as Marketing Managers" in text_of(messages)
    assert '/choose_job{"current_job": "13-1161.00"}' in payloads(messages)  # market research and marketing specialists


def test_a_job_picked_by_button_is_read_back_by_its_title_not_its_code(actions, domain):
    t = tracker(slots={**TELLER_TO_BOOKKEEPER, "current_job": "43-3071.00", "education": "GED",
                       "past_jobs": [{"code": "41-2011.00", "title": "Cashiers", "typed": "41-2011.00", "years": "3 years"}]})
    t.latest_message["entities"] = [{"entity": "current_job", "value": "43-3071.00"}]
    messages, _ = run(actions.ActionAnswer(), t, domain)
    back = messages[-1]["text"]
    assert back.startswith("Here's what I have: Cashiers 3 yrs, Tellers") and "-" not in back.split(":")[1][:30]


def answered_story(actions, domain, slots: dict | None = None) -> tuple[dict, list[dict]]:
    """The two-job story answered once (teller now, cashier before, to bookkeeper in Wisconsin): the slots and the
    events after the answer and its read-back, for the follow-ups."""
    slots = {**TELLER_TO_BOOKKEEPER, **(slots or {})}
    first = tracker(slots=slots)
    first.latest_message["entities"] = SAID_STORY
    messages, events = run(actions.ActionAnswer(), first, domain)
    slots["last_answer"] = slots_of(events)["last_answer"]
    history = first.events + [{"event": "slot", "name": "last_answer", "value": slots["last_answer"]}] + \
        [{"event": "bot", "text": m["text"]} for m in messages]
    return slots, history


def test_what_am_i_missing_counts_the_earlier_jobs(actions, domain):
    """The teller job alone is short of Customer and Personal Service; the cashier job comes closer: its level is
    shown as the cashier job's, and the list speaks of their jobs, not the current one."""
    slots, history = answered_story(actions, domain)
    text = text_of(run(actions.ActionGaps(), tracker(slots=slots, intent="ask_gaps", text="what am i missing?",
                                                     history=history), domain)[0])
    assert "What the job (Bookkeeping, Accounting, and Auditing Clerks) needs that your jobs don't give you yet" in text
    assert "Customer and Personal Service (knowledge): the job needs about 63 out of 100, your cashier job about 62." in text
    assert "Administrative (knowledge): the job needs about 69 out of 100, your current job about 51." in text
    alone = text_of(run(actions.ActionGaps(), tracker(slots={**slots, "past_jobs": None}, intent="ask_gaps"), domain)[0])
    assert "your current job doesn't give you yet" in alone and "cashier" not in alone


def test_how_do_i_get_there_says_their_schooling_and_years(actions, domain):
    slots, history = answered_story(actions, domain, {"education": "GED", "college_credits": "30 college credits"})
    messages = run(actions.ActionTraining(), tracker(slots=slots, intent="ask_training", text="how do i get there?",
                                                     history=history), domain)[0]
    note = messages[1]["text"]
    assert note.startswith("For Bookkeeping, Accounting, and Auditing Clerks, from what you told me: You have a high "
                           "school diploma and 30 college credits: enough for the usual start, some college, no degree (BLS).")
    assert "You have 5 years of related work (cashier 3, bank teller 2); most of its workers had 1 to 2 years" in note
    assert "Source: O*NET" in note and "Bureau of Labor Statistics" in note


def test_how_do_i_get_there_counts_credits_toward_the_degree(actions, domain):
    """Paralegals usually start with an associate's degree (BLS): 30 credits of the usual 60."""
    slots = {**TELLER_TO_BOOKKEEPER, "target_code": "23-2011.00", "target_job": "paralegal", "target_title": "Paralegals and Legal Assistants",
             "education": "some college", "college_credits": "30 credits"}
    messages = run(actions.ActionTraining(), tracker(slots=slots, intent="ask_training"), domain)[0]
    assert "You have some college and 30 college credits; most start with an associate's degree (BLS), about 60 " \
           "credits, so about 30 to go." in messages[1]["text"]


def test_what_else_could_i_do_is_measured_from_all_their_jobs(actions, domain):
    slots, history = answered_story(actions, domain)
    messages = run(actions.ActionExplore(), tracker(slots={**slots, "target_job": "explore"}, intent="explore",
                                                    text="what else could i do?", history=history), domain)[0]
    text = text_of(messages)
    assert text.startswith("Jobs you could move into from Tellers, counting all your jobs (cashier, bank teller)")
    assert "your jobs together already give you" in text
    codes = [json.loads(p.split("inform", 1)[1])["target_job"] for p in payloads(messages)]
    assert CASHIER not in codes and "43-3071.00" not in codes  # none of their own jobs
    from knowledge.person.compare import destination_options
    from knowledge.person.profile import Job, Profile
    from knowledge.suggestions import Wishes, suggest

    from actions import store

    profile = Profile([Job(CASHIER, 3, 2), Job("43-3071.00", 2)])  # near the job they said they want, as always
    expected = suggest(store.analyst(), "43-3071.00", Wishes(toward="43-3031.00"), state="WI",
                       **destination_options(store.analyst(), profile))
    assert codes == [d["code"] for d in expected["destinations"]]


def test_a_correction_of_a_jobs_years_answers_again(actions, domain):
    """'no, cashier was 4 years' after the read-back: the jobs stay, the answer comes again with 4 years."""
    slots, history = answered_story(actions, domain)
    said = [{"entity": "job", "value": "cashier", "years": "4 years"}, {"entity": "years", "value": "4 years"}]
    fix = tracker(slots=slots, text="no, cashier was 4 years", form="career_form", candidates={"current_job": "cashier"},
                  history=history)
    fix.latest_message["entities"] = said
    messages, events = run(actions.ValidateCareerForm(), fix, domain)
    assert text_of(messages) == "Got it: cashier 4 yrs."
    slots_now = slots_of(events)
    assert slots_now["current_job"] == "bank teller" and slots_now["requested_slot"] is None
    assert slots_now["past_jobs"][0]["years"] == "4 years"
    again = tracker(slots={**slots, **slots_now}, text="no, cashier was 4 years", history=fix.events)
    again.latest_message["entities"] = said
    answer = run(actions.ActionAnswer(), again, domain)[0]
    assert "cashier 4, bank teller 2" in text_of(answer)
    assert answer[-1]["text"] == "Here's what I have: cashier 4 yrs, bank teller 2 yrs, Wisconsin. Anything wrong?"


def test_the_current_jobs_years_corrected_in_free_words(actions, domain):
    slots, history = answered_story(actions, domain)
    said = [{"entity": "job", "value": "teller", "years": "4 years"}, {"entity": "years", "value": "4 years"}]
    fix = tracker(slots=slots, text="no, teller was 4 years", form="career_form", candidates={"current_job": "teller"},
                  history=history)
    fix.latest_message["entities"] = said
    messages, events = run(actions.ValidateCareerForm(), fix, domain)
    assert text_of(messages) == "Got it: teller 4 yrs."  # in the words of the correction
    again = tracker(slots={**slots, **slots_of(events)}, text="no, teller was 4 years", history=fix.events)
    again.latest_message["entities"] = said
    answer = run(actions.ActionAnswer(), again, domain)[0]
    assert answer[-1]["text"] == "Here's what I have: cashier 3 yrs, teller 4 yrs, Wisconsin. Anything wrong?"


def test_the_current_jobs_years_corrected_as_the_understanding_reads_it(actions, domain):
    """'no the teller job was 4 years' (teller the job they have): the model reads 'no the teller job' as a job they
    avoid and the years apart from it; the answer still comes again with the teller job's 4 years."""
    slots, history = answered_story(actions, domain)
    said = [{"entity": "avoid", "value": "teller"}, {"entity": "years", "value": "4 years"}]
    fix = tracker(slots=slots, text="no the teller job was 4 years", form="career_form", candidates={"avoid": "teller"},
                  history=history)
    fix.latest_message["entities"] = said
    messages, events = run(actions.ValidateCareerForm(), fix, domain)
    assert text_of(messages) == "Got it: bank teller 4 yrs."
    again = tracker(slots={**slots, **slots_of(events)}, text="no the teller job was 4 years", history=fix.events)
    again.latest_message["entities"] = said
    answer = run(actions.ActionAnswer(), again, domain)[0]
    assert "you have 7 years in related work (cashier 3, bank teller 4)" in text_of(answer)
    assert answer[-1]["text"] == "Here's what I have: cashier 3 yrs, bank teller 4 yrs, Wisconsin. Anything wrong?"


def test_i_never_was_a_cashier_takes_it_out_and_keeps_the_job_they_have(actions, domain):
    """The understanding reads 'I never was a cashier' as the job they have: the story's correction wins."""
    slots, history = answered_story(actions, domain)
    fix = tracker(slots=slots, text="I never was a cashier", intent="laid_off", form="career_form",
                  candidates={"current_job": "cashier", "situation": "laid_off"}, history=history)
    fix.latest_message["entities"] = [{"entity": "current_job", "value": "cashier"}]
    messages, events = run(actions.ValidateCareerForm(), fix, domain)
    assert text_of(messages) == "Got it: I took out cashier."
    now = slots_of(events)
    assert now["current_job"] == "bank teller" and now["past_jobs"] is None and now["situation"] is None
    answer = text_of(run(actions.ActionAnswer(), tracker(slots={**slots, **now}, history=fix.events), domain)[0])
    assert "Tellers → Bookkeeping" in answer and "earlier jobs" not in answer


def test_a_new_job_or_a_story_told_again_is_no_correction(actions, domain):
    slots, history = answered_story(actions, domain)
    welder = tracker(slots=slots, text="no, I was a welder for 4 years", form="career_form",
                     candidates={"current_job": "welder"}, history=history)
    welder.latest_message["entities"] = [{"entity": "current_job", "value": "welder", "years": "4 years"},
                                         {"entity": "years", "value": "4 years"}]
    assert slots_of(run(actions.ValidateCareerForm(), welder, domain)[1])["current_code"] == "51-4121.00"


def test_does_my_cashier_experience_count_gets_what_that_job_covers(actions, domain):
    slots, history = answered_story(actions, domain)
    asked = tracker(slots=slots, text="Does my cashier experience count?", intent="nlu_fallback", history=history)
    asked.latest_message["entities"] = [{"entity": "current_job", "value": "Does my cashier experience count"}]
    # Rasa fills the slot from the entity after the message (action_extract_slots), before the action runs
    asked.events.append({"event": "slot", "name": "current_job", "value": "Does my cashier experience count"})
    messages, events = run(actions.ActionSteerBack(), asked, domain)
    [answer] = messages
    assert answer["text"].startswith("Yes. Your cashier job alone covers about 80 out of 100 of what Bookkeeping, "
                                     "Accounting, and Auditing Clerks asks for. Of all your jobs it is the best for "
                                     "Customer and Personal Service, so it adds that. Its years count as related work (3).")
    assert "Source: O*NET" in answer["text"]
    now = slots_of(events)
    assert now["current_job"] == "bank teller" and now["analyses"][-1]["kind"] == "profile"


def test_the_years_said_with_the_series_job_answer_the_ladders_question(actions, domain):
    """"customer service rep for 3 years ... do I qualify for the next level?": the years are not asked again."""
    t = tracker(form="ladder_form", slots={"current_job": CSR, "current_code": CSR, "college_credits": "0"},
                history=[{"event": "user", "text": "customer service rep for 3 years", "parse_data": {
                    "intent": {"name": "inform"}, "entities": [
                        {"entity": "current_job", "value": "customer service rep", "years": "3 years"}]}}])
    _, events = run(actions.ValidateLadderForm(), t, domain)
    assert slots_of(events).get("years_experience") == "36.0 months"


def test_a_place_said_when_asked_for_the_job_they_want_is_not_read_as_a_job(actions, domain):
    """"Sorry, not New York. I mean New Jersey, I live in Newark", asked which job they'd like: the state is
    corrected, and the words are not offered back as jobs ("Psychiatric Technicians, Pharmacy Aides...")."""
    text = "Sorry, not New York. I mean New Jersey, I live in Newark"
    t = tracker(text=text, entities=[{"state": "NJ"}], form="career_form",
                slots={"requested_slot": "target_job", "current_job": "hotel desk clerk", "current_code": "43-4081.00"},
                candidates={"target_job": text, "state": "NJ"})
    messages, events = run(actions.ValidateCareerForm(), t, domain)
    assert "could mean" not in text_of(messages) and not slots_of(events).get("job_candidates")
    assert slots_of(events).get("state") == "NJ" and slots_of(events).get("target_job") is None


@pytest.mark.parametrize("text, code", [("gis", "15-1299.02"), ("ultrasound", "29-2032.00")])
def test_a_reading_that_leads_clearly_is_taken_with_the_others_as_corrections(actions, text, code):
    """Not sure enough to answer alone, but well ahead of the next reading: taken, the next ones offered."""
    found = actions.store.find_job(text)
    assert found.status == "ok" and found.code == code and found.alternatives


def test_a_catch_all_is_not_guessed_even_when_it_leads(actions):
    assert actions.store.find_job("army").status == "ambiguous"


def test_the_way_there_says_which_schooling_the_jobs_workers_had(actions, domain):
    """A CNA asking "can i do a 2 year program instead of a bachelors?" was told only "Usual start: bachelor's
    degree": O*NET's survey says which levels the job's workers needed (an associate's for 19% of RNs)."""
    nurses = "29-1141.00"
    t = tracker(slots={"target_job": nurses, "target_code": nurses, "state": "OH"}, text="how do i get there")
    text = text_of(run(actions.ActionTraining(), t, domain)[0])
    assert re.search(r"• What workers in the job told O\*NET it needs: bachelor's degree \d+%, post-secondary "
                     r"certificate \d+%, associate's degree \d+%\. \(Source: O\*NET", text), text


def test_the_way_there_says_how_long_the_usual_schooling_takes(actions, domain):
    """A stranger asked "how many years would that take me" about pharmacy school and got no years."""
    pharmacists = "29-1051.00"
    messages, _ = run(actions.ActionTraining(), tracker(slots={"target_job": pharmacists, "target_code": pharmacists,
                                                                "state": "AZ"}), domain)
    assert ("doctoral or professional degree (usually at least 3 years of full-time study after a bachelor's degree)"
            in text_of(messages))


def test_a_no_that_keeps_the_job_is_no_correction(actions, domain):
    """An accountant's "No. I still want financial analyst" (the "no" answered a list of choices) got "Sorry, I read
    "financial analyst" wrongly"."""
    store = actions.store
    counselor = store.find_job("counselor")
    had = {"current_job": "29-2053.00", "current_code": "29-2053.00", "current_title": "Psychiatric Technicians",
           "target_job": counselor.code, "target_code": counselor.code, "target_title": counselor.title, "state": "KY"}
    t = tracker(text="No. I still want counselor", entities=[{"target_job": "counselor"}], form="career_form",
                slots=had, history=history_of(had), candidates={"target_job": "counselor"})
    messages, events = run(actions.ValidateCareerForm(), t, domain)
    assert "wrongly" not in text_of(messages)
    assert slots_of(events).get("target_code", counselor.code) == counselor.code


def test_a_guess_never_offers_the_other_job(actions, domain):
    """"service advisor" (wanted) was taken as Customer Service Representatives; O*NET also lists it under
    Automotive Service Technicians, the job they have: tapped, that would compare the job with itself."""
    slots = {"current_job": "49-3023.00", "current_code": "49-3023.00", "current_title": "Automotive Service Technicians and Mechanics",
             "target_job": "43-4051.00", "target_code": "43-4051.00", "target_title": "Customer Service Representatives",
             "state": "OH", "guesses": {"target": {"typed": "service advisor", "alternatives": [
                 {"code": "49-3023.00", "title": "Automotive Service Technicians and Mechanics"},
                 {"code": "13-1051.00", "title": "Cost Estimators"}]}}}
    messages, _ = run(actions.ActionAnswer(), tracker(slots=slots), domain)
    assert "O*NET also lists that title under Cost Estimators" in text_of(messages)
    assert not any('"target_job": "49-3023.00"' in p for p in payloads(messages))
