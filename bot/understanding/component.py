"""The Rasa NLU component that reads people's job facts (config.yml, after DIETClassifier).

DIET classifies the intent; its job-title entities are where people got lost (it took "b", "ER",
"real", "per", "back", "Chicago" for jobs and mixed up which job was which). This component replaces
them with what ``bot.understanding.facts`` finds from the store's own names:

* ``current_job`` / ``target_job``: a title whose role the words around it say; ``job``: a title
  with no cue ("registered nurse" as a bare answer), which the form gives to the question it asked
  (domain.yml); ``past_job``, ``avoid`` ("anything but driving").
* ``state`` (postal code) and ``metro`` (OEWS area code); ``city`` when the city is in several states.
* ``years`` when DIET missed the duration; ``employer`` ("I work at Amazon"), ``military``, ``topic``
  (resume, job_search, person, complaint, spanish) and ``swap`` ("you got it backwards").

A message that states facts but that DIET found no intent for (or took for chitchat, a greeting, a
"start over") is ``inform``: "i said michigan" is a correction, not a fresh start. The store is read
at the first message, not at training time, so ``rasa train`` needs no store.
"""
from __future__ import annotations

import logging
import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.understanding import asked, facts as reading, pay_terms
from bot.understanding import likes, preferences, schooling, unpaid
from bot.understanding.cues import is_question
from bot.understanding.settings import WISH
from knowledge.title_spans import words
from knowledge.step_up import rank_of

log = logging.getLogger(__name__)

JOB_ENTITIES = ("current_job", "target_job", "job", "past_job")
OURS = JOB_ENTITIES + ("state", "metro", "city", "avoid", "employer", "military", "topic", "swap", "unpaid_work")
CREDIT_WORDS = re.compile(r"\bcredits?\b|\b(semester|quarter) hours\b|\bhours of college\b", re.I)
SCHOOLING_ENTITIES = ("education", "credits")  # DIET's, unless schooling.py reads the message's schooling
# intents a message with job facts is not, whatever DIET says
NOT_WITH_FACTS = {"nlu_fallback", "ask_method", "chitchat", "greet", "start_over", "out_of_scope", "bot_challenge", "thank", "goodbye",
                  "affirm", "deny", "help", "stop"}
# a yes or a no in so many words: without one, "affirm" or "deny" is DIET's guess
YES_OR_NO = re.compile(r"\b(yes|yeah|yea|yep|yup|ya|sure|ok|okay|k|correct|right|exactly|definitely|absolutely|of course"
                       r"|perfect|good|great|fine|that'?s it|that one|no|nope|nah|not|never|wrong|neither|none|other)\b",
                       re.I)
START_OVER_WORDS = re.compile(r"\b(start(ing)? over|restart|reset|from scratch|new conversation|begin again)\b", re.I)
NONE_OF_THESE = re.compile(r"\b(none of (these|those|them|the above)|neither|not (any|one) of (these|those)|"
                           r"nothing like (that|those)|not (it|those|these|that one)|something else|other)\W*$", re.I)
# "hi", "ok", "oh" alone are a greeting or a yes, not Hawaii, Oklahoma or Ohio; as the answer to "Which
# state?" the form still reads them as states (actions.ActionSteerBack.in_form)
GREETING = re.compile(r"^\W*(hi|hey|ok|okay|oh|in|or)\W*$", re.I)
# "no real job yet", "never worked", "stay at home mom": no job to start from (the form then asks only the target)
NO_JOB = re.compile(r"\b(no (real |actual )?job|don'?t (have|got) a job|never (had a (real )?job|worked)|unemployed"
                    r"|not working( right now)?|out of work|between jobs|stay[- ]at[- ]home (mom|dad|parent|mother|father)"
                    r"|no work experience|haven'?t worked)\b", re.I)
# questions about a job: a title in one with no cue is the job asked about, not the one they have
# a question about what a job pays, not a wish: "what does a plumber make", "how much do welders earn in ohio"
# a message that corrects what the bot took ("no, I meant ...", "i didnt say X"): DIET hears the job's question words
CORRECTING = re.compile(r"^\W*(no|nope|nah|not|wrong|actually)\b|\b(i said|i meant|i mean|didn'?t say|did not say"
                        r"|never said|didn'?t mean|did not mean)\b", re.I)
PAY_QUESTION = re.compile(r"(?:^|[.!?,]\s*|\b(?:so|ok|okay|and|but|well|wow|hmm)\s+)\W*(what|how much)\s+(does|do|would|can|could)\s+(an?\s+|the\s+)?[\w' -]{2,40}?\s+"
                          r"(make|makes|earn|earns|get paid|pay|bring in)\b", re.I)
PAY_OF_IT = re.compile(r"\b(what'?s|what does|what do|what would|how much (?:does|do|would|will))\s+(it|that|this|they|the job)"
                       r"\s+(pay|make|earn)\b|\bhow much (?:is|does) (?:the|that|it) pay\b", re.I)
# "how many years would that take me", "how long does it take": the way there, of the job they are talking about
TIME_OF_IT = re.compile(r"\bhow (?:many years|many months|long|much time)\b[^?.!]{0,30}\btakes?\b", re.I)
SCORE_QUESTION = re.compile(r"\b\d{1,3} out of 100\b|\b(the|that|this|my) score\b|\b(median|average)\b|\btips\b"
                            r"|\bcommissions?\b", re.I)
SURE_ASKED = 0.8  # DIET's confidence in a question intent for a title in a message that is no question
ASKING = {"ask_pay", "ask_training", "ask_apprenticeship", "ask_qualify"}
# what DIET takes "what can i do without a degree", "what jobs are in demand" for: asked with explore's words, explore
WISHES_TAKEN_FOR = {"ask_pay", "ask_training", "inform", "nlu_fallback"}
LAID_OFF = re.compile(r"\b(laid off|let go|fired|lost (my|the) job|discharged|separated|chaptered)\b", re.I)
STOP_WORDS = re.compile(r"^\W*(stop|quit|cancel|end|unsubscribe|stopall)\W*$", re.I)
ASKED_TOPICS = {"record", "visa", "tuition"}  # asked about with a job in the question: the question first
TOPIC_INTENT = {"resume": "out_of_scope", "job_search": "out_of_scope", "person": "out_of_scope",
                "complaint": "out_of_scope", "spanish": "out_of_scope", "veteran_benefits": "out_of_scope",
                "record": "out_of_scope", "visa": "out_of_scope", "tuition": "out_of_scope",
                "credential": "ask_training", "experience": "ask_training", "age": "out_of_scope"}  # "do i need a license?": the training answer says where licenses are


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class JobFactsExtractor(GraphComponent):
    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "JobFactsExtractor":
        return cls()

    def __init__(self) -> None:
        self._lookups = None

    def lookups(self):
        if self._lookups is None:
            from actions import store  # the same store the actions read (CAREERBOT_DB_URL)
            from knowledge.places import get_places
            from knowledge.title_spans import get_title_spans

            self._lookups = (get_title_spans(store.engine()), get_places(store.engine()))
        return self._lookups

    @staticmethod
    def job_at(employer: str):
        from actions import store  # as in lookups()

        return store.job_at(employer)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text.strip() or text.startswith("/"):
                continue  # buttons carry their own entities
            try:
                self._process(message, text)
            except Exception:  # never lose the message: DIET's reading stands
                log.exception("job facts: could not read %r", text[:200])
        return messages

    def _process(self, message: Message, text: str) -> None:
        spans, places = self.lookups()
        found = reading.read(spans, places, text)
        found.jobs = [j for j in found.jobs if not preferences.only_a_wish(j.text)]  # "do that pays more": a wish
        school, unpaid_work = schooling.schooling_in(text), unpaid.unpaid_in(text)
        told = [t.lower() for t in ([school.typed, school.credits] if school else []) + [u.typed for u in unpaid_work] if t]
        found.jobs = [j for j in found.jobs if not any(j.text.lower() in t for t in told)]  # "my GED", "books for the PTA"
        if GREETING.match(text):
            found.place = None
        # durations are ours whether or not one was found: DIET tags numbers ("207-555-0188") as years
        ours = OURS + ("years",) + (SCHOOLING_ENTITIES if school else ())
        kept = [e for e in message.get(ENTITIES, []) if e.get("entity") not in ours
                and not (e.get("entity") == "credits" and not CREDIT_WORDS.search(text))  # "20 hours a week": no credits
                # "do I need a bachelors degree to work as an accountant?": DIET tags it, but it is no schooling of theirs
                and not (e.get("entity") in SCHOOLING_ENTITIES and not schooling.theirs(text, e.get("start") or 0))
                # "Master tech at a Chevy dealer", "small business websites": DIET's guess, words that say no schooling
                and not (e.get("entity") == "education" and not schooling.level_of(str(e.get("value") or "")))]
        new = []
        low = text.lower()

        def add(entity: str, value: Any, typed: str | None = None, years: str | None = None, was: bool = False) -> None:
            """``typed``: the words as the person typed them, for the entity's place in the text; ``years``: how
            long they held that job ("cashier for 3 years"), kept with the entity for the profile of their jobs."""
            start = low.find(str(typed or value).lower())
            start, end = (start, start + len(str(typed or value))) if start >= 0 else (0, 0)
            new.append({"entity": entity, "value": value, "start": start, "end": end, "confidence_entity": 1.0,
                        "extractor": type(self).__name__, **({"years": years} if years else {}), **({"was": True} if was else {})})

        inferred_alone = sum(1 for j in found.jobs if j.role in ("current", "target")) == 1
        intent = message.get(INTENT) or {}
        # ... asked, not a bare title DIET is unsure of ("B2B sales rep" heard as a pay question at 0.3)
        asked_about = intent.get("name") in ASKING and (intent.get("confidence", 0) >= SURE_ASKED
                                                        or is_question(text, words(text)))
        for job in found.jobs:
            if job.role is None and asked_about and not found.job("target"):
                job.role = "target"  # "what does a plumber make in Ohio?": the job asked about
            if job.role == "alternative":  # "chef or food service manager": the first is compared, the other
                add("weighed_job", job.said, job.text)  # weighed beside it (actions/answers.py, weighed_note)
                continue
            if job.role == "program":
                continue  # "LVN to RN": a program
            entity = {"current": "current_job", "target": "target_job", "past": "past_job", "side": "past_job"}.get(job.role, "job")
            if not job.cued and inferred_alone and entity == "current_job":
                entity = "job"  # a lone title with no cue: the form's question decides (domain.yml), else current
            add(entity, job.said, job.text, job.years, job.was and entity == "current_job")
        if found.employer and not found.military and not any(j.role in ("current", "past") for j in found.jobs) \
                and not WISH.search(re.split(r"[.!?]", low[:max(0, low.find(found.employer.lower()))])[-1]) \
                and self.job_at(found.employer):
            add("current_job", found.employer)  # "I work at McDonald's": the job most people there do, as a guess
        if school and school.typed:
            add("education", school.typed)  # the words as said: the actions read the level (schooling.level_of)
        if school and school.credits:
            add("credits", school.credits)
        for work in unpaid_work:
            add("unpaid_work", work.code, work.typed, work.years)  # counted like a job held (knowledge/person/)
        liked = likes.letters_of(text)
        if liked:
            add("interests", liked)  # "I like helping people and science": Social, Investigative
        if found.explore and not any(j.role == "target" for j in found.jobs):
            add("target_job", "explore")  # the form's target question is answered: suggestions
        for avoid in found.avoid:
            add("avoid", avoid)
        if found.place:
            typed = " ".join(words(text)[found.place.start:found.place.end]) or None
            if found.place.state:
                add("state", found.place.state, typed)
                if found.place.metro_code:
                    add("metro", found.place.metro_code, typed)
            elif found.place.choices:
                add("city", ",".join(f"{c.state}:{c.metro_code or ''}" for c in found.place.choices), typed)
        if found.years:
            add("years", found.years)
        if found.employer:
            add("employer", found.employer)
        if found.military:
            add("military", "yes")
        if found.topic:
            add("topic", found.topic)
        if found.swap:
            add("swap", "yes")
        message.set(ENTITIES, kept + new, add_to_output=True)
        self._intent(message, text, found, bool(told), names_work=self._lookups[0].has_job_word(text))
        if found.topic in ASKED_TOPICS and (message.get(INTENT) or {}).get("name") == "out_of_scope":
            # "which companies in louisville will hire me with a record?": the question is answered; its place and
            # jobs would answer the form's question instead (a form that fills a slot is not interrupted)
            message.set(ENTITIES, [e for e in kept + new if e["entity"] not in OURS or e["entity"] == "topic"],
                        add_to_output=True)

    @staticmethod
    def _intent(message: Message, text: str, found: reading.Facts, told: bool = False, names_work: bool = False) -> None:
        """``told``: the message tells of their schooling or unpaid work ("I have my GED"), facts like a job's;
        ``names_work``: a word of some job title is in it ("patrols and security")."""
        intent = (message.get(INTENT) or {}).get("name")
        confidence = (message.get(INTENT) or {}).get("confidence") or 0.0
        has_facts = bool(found.jobs or found.place and (found.place.state or found.place.choices) or found.swap
                         or found.employer or found.military or found.explore and intent != "explore")
        new_intent = None
        if NO_JOB.search(text) and not any(j.role in ("current", "past") for j in found.jobs) \
                and intent in NOT_WITH_FACTS | {"inform"}:
            new_intent = "no_job"
        elif intent in ("no_job", "laid_off") and found.military and not LAID_OFF.search(text):
            new_intent = "inform"  # "getting out of the Army soon, I was 11B": service is work they did, not no job
        elif intent == "no_job" and any(j.role in ("current", "past") for j in found.jobs):
            new_intent = "inform"  # "no, the job I have now is store manager": a job, whatever "no ... job" suggests
        elif intent in NOT_WITH_FACTS | ASKING and asked.ABOUT_A_JOB.search(text) and not found.topic:
            new_intent = "inform"  # "does my cashier experience count?": the career form answers it from their story
        elif NONE_OF_THESE.search(text) and not found.jobs and len(text) < 60:
            new_intent = "deny"  # to a list of choices: not "stop"
        elif intent in ("affirm", "deny") and names_work and not YES_OR_NO.search(text) and not found.topic:
            new_intent = "inform"  # "patrols and security mostly" (DIET: affirm): the work they did, no yes in it
        elif intent in NOT_WITH_FACTS | {"inform"} and PAY_OF_IT.search(text) and not found.jobs:
            new_intent = "ask_pay"  # "whats it pay in atlanta specifically": the pay of the job they are talking about
        elif intent == "ask_method" and pay_terms.asked(text) and not found.jobs:
            new_intent = "ask_pay"  # "is that starting pay or average?": the pay at the start, not how figures are made
        elif intent in NOT_WITH_FACTS | {"inform"} and SCORE_QUESTION.search(text) and "?" in text and not found.jobs:
            new_intent = "ask_method"  # "is it really 100 out of 100? that seems too high": how the score is made
        elif intent in ASKING and confidence < 0.9 and found.job("current") and found.job("target"):
            new_intent = "inform"  # "on the line at Ford ..., thinking about an electrician apprenticeship": both jobs first
        elif intent in NOT_WITH_FACTS | {"inform"} and TIME_OF_IT.search(text) and not found.jobs:
            new_intent = "ask_training"  # "how many years would that take me": the training answer
        elif intent == "inform" and PAY_QUESTION.search(text) and found.job("target") and not found.job("current") \
                and not any(j.role == "past" for j in found.jobs):
            new_intent = "ask_pay"  # "what does a dental hygienist make in columbus?": its pay, then their job
        elif intent in ASKING | {"deny"} and found.jobs and CORRECTING.search(text) and "?" not in text:
            new_intent = "inform"  # "i didnt say programmer, i mean cnc programmer": a correction, not a question
        elif found.topic in TOPIC_INTENT and (not found.jobs or found.topic == "person" or found.topic == "experience"
                                              and all(rank_of(j.text) for j in found.jobs)
                                              or found.topic in ASKED_TOPICS and is_question(text, words(text))) \
                and not STOP_WORDS.match(text):
            # ("can i get help paying for the dental assistant program?": the paying asked, the job known)
            # ("what experience do supervisors need?": the rank asked about is the job they want, already known)
            new_intent = TOPIC_INTENT[found.topic]
        elif found.explore and intent in WISHES_TAKEN_FOR and not found.job("target") and preferences.wishes_of(text).said():
            new_intent = "explore"  # "no degree, what can i do", "what jobs are in demand": DIET hears training, pay
        elif not (found.jobs or found.topic or found.explore) and confidence < SURE_ASKED and asked.asked_for(text):
            # "whats it pay per hour and how long is school": DIET unsure between the two, the words say both
            new_intent = asked.asked_for(text)
        elif told and not found.jobs and intent != "explore" and confidence < 0.9:
            new_intent = "inform"  # "I have my GED" (DIET: ask_gaps 0.8): a fact about them
        elif has_facts and (intent in NOT_WITH_FACTS or intent == "inform" and confidence < 0.9) \
                and not START_OVER_WORDS.search(text) and not STOP_WORDS.match(text):
            new_intent = "inform"  # also an unsure "inform": facts found are facts, not a fallback
        if new_intent and (new_intent != intent or confidence < 0.9):
            message.set(INTENT, {"name": new_intent, "confidence": 1.0}, add_to_output=True)
            # DIET's own reading stays in the ranking, far enough below for the FallbackClassifier's ambiguity check
            ranking = [{**r, "confidence": r.get("confidence", 0.0) * 0.5}
                       for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != new_intent]
            message.set(INTENT_RANKING_KEY, [{"name": new_intent, "confidence": 1.0}] + ranking, add_to_output=True)
