"""What people ask of "what else could I do", read from their words (bot/understanding/preferences.py).

The phrasings are the ways different job seekers type it: texting, run-ons, typos left in, a story around
the wish; and the messages that say no wish at all, which must not grow one."""
from __future__ import annotations

import pytest

from bot.understanding.preferences import wishes_of

MORE_PAY = [
    "what else could i do that pays more",
    "Need something that pays better, rent went up again",
    "i want better money honestly",
    "wat else can i do to make more",
    "anything i could make more money at??",
    "looking for higher paying work with my background",
    "how do i get a raise without staying here lol",
    "what jobs pay more than what i make now",
    "im tired of being underpaid",
    "my pay is too low, what are my options",
    "something with more $$",
    "better paying job pls",
    "I'd like to earn more. 2 kids.",
    "jobs where i could make bank",
    "a job that pays well and that I could actually get",
    "need something with decent pay and benefits",
]
GROWING = [
    "something with a future",
    "what jobs are in demand around here",
    "i want a career that's growing",
    "need job security after the layoffs",
    "a field that isn't going away",
    "what's a stable career i could switch into",
    "something that won't be replaced by AI",
    "jobs that are always hiring",
]
LESS_SCHOOL = [
    "without going back to school",
    "no degree, what can i do",
    "i dont wanna go back to school",
    "what can i do w/o a degree",
    "something that doesnt need college",
    "I can't afford school right now",
    "I'm 52, too old for college, what else is there",
    "maybe a quick training program?",
    "don't want to do more school, what else",
    "no college pls",
    "I want something that pays more in healthcare but without 4 more years of school",
]
AVOID = [
    ("what else could i do that's not driving", "driving"),
    ("anything but driving lol", "driving"),
    ("i'm not driving anymore, back hurts", "driving"),
    ("no more retail please", "retail"),
    ("sick of cooking, what else", "cooking"),
    ("anything except food service", "food service"),
    ("what else is there besides nursing", "nursing"),
    ("I want healthcare but not as a nurse", "nurse"),
    ("done with warehouse work", "warehouse"),
    ("i hate sales, what else", "sales"),
    ("something other than cashier", "cashier"),
    ("I'm a trucker, i want out of trucking", "trucking"),
    ("get out of retail, please", "retail"),
    ("no more construction, my knees are shot", "construction"),
]
FIELDS = [
    ("something in healthcare", "healthcare"),
    ("what else could i do in the medical field", "healthcare"),
    ("I'd like to work in a hospital", "healthcare"),
    ("an office job maybe", "office"),
    ("i want a desk job, my back is shot", "office"),
    ("tech?", "tech"),
    ("how do i get into tech", "tech"),
    ("something with computers", "tech"),
    ("something w/ computers that pays good", "tech"),
    ("i want to work outdoors", "outdoors"),
    ("idk, something outside", "outdoors"),
    ("what about the trades", "trades"),
    ("interested in something in education", "teaching"),
    ("i'd love to get into the medical field", "healthcare"),
]
NO_WISH = [
    "what else could i do",
    "im a cashier what else could i do",
    "not sure what else",
    "i work in an office, what else could i do",  # where they work now is not a wish
    "i'm a medical assistant, any ideas?",
    "idk, you tell me",
    "I'm not really sure, what do you suggest",
    "no idea what i want",
    "surprise me",
    "what are my options with 10 years in retail",
    "been doing this over ten years, what else",
    "what jobs pay over 25 an hour",  # a figure, not "more than I make"
    "i hate my boss lol, what else is there",
    "moving out of state, what else could i do",
    "Conductor for BNSF out of Havre, Montana, 11 years. what else",
]


@pytest.mark.parametrize("text", MORE_PAY)
def test_more_pay(text):
    w = wishes_of(text)
    assert w.more_pay and not w.avoid, w


@pytest.mark.parametrize("text", GROWING)
def test_growing(text):
    w = wishes_of(text)
    assert w.growing and not w.avoid, w


@pytest.mark.parametrize("text", LESS_SCHOOL)
def test_less_schooling(text):
    w = wishes_of(text)
    assert w.less_school and not w.avoid and not w.fields, w


@pytest.mark.parametrize("text, kind", AVOID)
def test_not_a_kind_of_job(text, kind):
    w = wishes_of(text)
    assert kind in w.avoid, w
    assert kind not in w.fields


@pytest.mark.parametrize("text, field", FIELDS)
def test_a_field(text, field):
    w = wishes_of(text)
    assert w.fields == [field], w
    assert not w.avoid


@pytest.mark.parametrize("text", NO_WISH)
def test_no_wish_said(text):
    w = wishes_of(text)
    assert not (w.more_pay or w.growing or w.less_school or w.less_physical or w.easier_hands or w.avoid or w.fields), w


@pytest.mark.parametrize("text", [
    "Structural ironworker, 20 years. Knees are done. what else is there",
    "something less physical, my back cant take it",
    "need a job thats easier on my body",
    "no more heavy lifting please",
    "ready to get off the poles",
    "a sit down job would be nice",
    "UPS driver 15 years. Good pay but my shoulders are wrecked",
])
def test_less_physical(text):
    w = wishes_of(text)
    assert w.less_physical and not w.avoid and not w.more_pay, w  # "lifting" is no kind of job; "good pay" no wish


@pytest.mark.parametrize("text", [
    "anything that doesnt wreck my hands??",
    "I have carpal tunnel from the line, what else could I do",
    "my hands hurt all the time",
    "something easier on my wrists",
])
def test_easier_on_the_hands(text):
    assert wishes_of(text).easier_hands


def test_several_wishes_in_one_message():
    w = wishes_of("need a job that pays more than what i make now and has a future, no degree, nothing with driving")
    assert w.more_pay and w.growing and w.less_school and w.avoid == ["driving"]
    w = wishes_of("I want to get into healthcare but not as a nurse, and it has to pay better")
    assert w.fields == ["healthcare"] and w.avoid == ["nurse"] and w.more_pay
    assert wishes_of("no more office work, something outdoors").fields == ["outdoors"]
    assert wishes_of("no more office work, something outdoors").avoid == ["office"]
    assert wishes_of(None).said() == [] and wishes_of("").said() == []


def test_wishes_across_the_messages_of_one_request():
    from bot.understanding.preferences import wishes_in

    w = wishes_in(["what else could i do that pays more", "maine"])
    assert w.more_pay and not w.avoid and not w.fields
    w = wishes_in(["anything but driving", "something in healthcare", "anything but driving"])
    assert w.avoid == ["driving"] and w.fields == ["healthcare"]


@pytest.fixture(scope="module")
def extractor(engine):
    """The NLU component that reads job facts (bot/understanding/component.py), on the real store's names."""
    from bot.understanding.component import JobFactsExtractor
    from knowledge.places import get_places
    from knowledge.title_spans import get_title_spans

    component = JobFactsExtractor()
    component._lookups = (get_title_spans(engine), get_places(engine))
    return component


def understood(extractor, text: str, intent: str) -> tuple[str, dict]:
    """(intent, entities) after the component, given DIET's intent for the message (as the trained model gives it)."""
    from rasa.shared.nlu.training_data.message import Message

    message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.7}, "intent_ranking": []})
    extractor.process([message])
    return message.get("intent")["name"], {e["entity"]: e["value"] for e in message.get("entities") or []}


@pytest.mark.parametrize("text", ["what else could i do that pays more", "what else could i do that's not driving",
                                  "wat else can i do to make more", "what else could i do in the medical field",
                                  "what else could i do with a future"])
def test_a_wish_is_not_read_as_the_work_they_do(extractor, text):
    """These gave current_job "do that pays more" (resolved as Tellers), "do that's not driving" (Pile Driver Operators)."""
    intent, entities = understood(extractor, text, "explore")
    assert intent == "explore" and not entities.keys() & {"current_job", "job", "past_job"}, entities


@pytest.mark.parametrize("text", ["i do hair, what else could i do", "i do hair and want better pay"])
def test_work_said_as_a_verb_still_is(extractor, text):
    from bot.understanding.preferences import only_a_wish

    _, entities = understood(extractor, text, "explore")
    assert entities.get("current_job") or entities.get("job")
    assert not only_a_wish("do hair and want better pay") and only_a_wish("do that pays more")


@pytest.mark.parametrize("text, diet", [("what can i do without going back to school", "ask_training"),
                                        ("no degree, what can i do", "ask_training"),
                                        ("what jobs are in demand", "ask_pay"),
                                        ("show me jobs that don't need a degree", "ask_training")])
def test_wishes_asked_with_explore_words_are_explore(extractor, text, diet):
    """The trained model sends these to training or pay (checked 2026-12-02); their words ask what else they could do."""
    assert understood(extractor, text, diet)[0] == "explore"


@pytest.mark.parametrize("text, diet", [("how much does a welder make", "ask_pay"),
                                        ("do i need a degree to be a nurse", "ask_training"),
                                        ("what does it pay", "ask_pay")])
def test_questions_about_a_job_stay_what_they_are(extractor, text, diet):
    assert understood(extractor, text, diet)[0] == diet


@pytest.mark.parametrize("text", ["what does a dental hygienist make in columbus?", "how much do welders earn in ohio",
                                  "What would an electrician make in Tampa"])
def test_a_question_about_what_a_job_pays_asks_its_pay(extractor, text):
    intent, entities = understood(extractor, text, "inform")
    assert intent == "ask_pay" and "target_job" in entities and "current_job" not in entities


def test_a_wish_or_the_job_they_have_is_no_pay_question(extractor):
    assert understood(extractor, "how much would i make if i became a welder? im a cashier", "inform")[0] == "inform"


@pytest.mark.parametrize("text, intent", [("I want a human to call me. My phone is 404-555-0187", "out_of_scope"),
                                          ("can i talk to someone about this? like an actual advisor", "out_of_scope"),
                                          ("whats it pay in atlanta specifically", "ask_pay")])
def test_a_person_asked_for_or_the_pay_of_the_job_at_hand(extractor, text, intent):
    assert understood(extractor, text, "nlu_fallback")[0] == intent


@pytest.mark.parametrize("text, diet", [("infantry, patrols and stuff", "help"), ("I was infantry", "laid_off"),
                                        ("Army infantry (11B)", "out_of_scope")])
def test_a_service_members_own_words_answer_the_job_question(extractor, text, diet):
    """Asked what they did day to day, a veteran's "infantry, patrols and stuff" (DIET: help) got the help text and
    the first question again; "I was infantry" (DIET: laid_off) was read as a lay-off."""
    intent, entities = understood(extractor, text, diet)
    assert intent == "inform" and entities.get("military") == "yes"
    assert understood(extractor, "I was laid off from the army depot", "laid_off")[0] == "laid_off"


def test_a_pay_question_after_a_few_words_asks_its_pay(extractor):
    """A stranger's "wow ok. so what does a pharmacist actually make here?" got "I still have ... To change it"."""
    text = "wow ok. so what does a pharmacist actually make here? is that starting pay or like after 10 years"
    intent, entities = understood(extractor, text, "inform")
    assert intent == "ask_pay" and entities.get("target_job") == "pharmacist"


@pytest.mark.parametrize("text", ["how many years would that take me", "ok but how long does that take?"])
def test_how_long_it_takes_asks_the_way_there(extractor, text):
    assert understood(extractor, text, "nlu_fallback")[0] == "ask_training"


def test_a_question_that_names_both_jobs_is_answered_with_the_pair_first(extractor):
    """"... on the line at the Ford plant ..., thinking about an electrician apprenticeship" (DIET: ask_apprenticeship
    0.54) got "Tell me your job and the job you'd like": both were in the message."""
    text = ("been on the line at the Ford plant here in Louisville 7 years. want out of the plant, thinking about an "
            "electrician apprenticeship")
    intent, entities = understood(extractor, text, "ask_apprenticeship")  # DIET unsure (0.7 here)
    assert intent == "inform" and entities.get("current_job") and entities.get("target_job") == "electrician"


def test_hours_a_week_are_no_college_credits(extractor):
    """"I only want to work maybe 20 hours a week" came back as "20 college credits" (DIET's credits entity)."""
    from rasa.shared.nlu.training_data.message import Message

    text = "I only want to work maybe 20 hours a week. Are there part-time jobs?"
    message = Message(data={"text": text, "intent": {"name": "inform", "confidence": 0.7}, "intent_ranking": [],
                            "entities": [{"entity": "credits", "value": "20", "start": 26, "end": 28}]})
    extractor.process([message])
    assert not [e for e in message.get("entities") if e["entity"] == "credits"]
