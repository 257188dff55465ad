"""What bot/understanding/facts.py reads from a message, on the real store's titles and places: the
failures people met (issue "Understand people") as regressions, and every state, DC and territory."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def lookups(engine):
    from knowledge.places import get_places
    from knowledge.title_spans import get_title_spans

    return get_title_spans(engine), get_places(engine)


def read(lookups, text):
    from bot.understanding.facts import read

    return read(*lookups, text)


def roles(lookups, text) -> dict:
    return {j.role: j.text for j in read(lookups, text).jobs}


@pytest.mark.parametrize("text, current, target", [
    ("im a cna in texas want to be an lpn", "cna", "lpn"),
    ("I'm an RN in the ER and I want to become a nurse practitioner", "rn", "nurse practitioner"),
    ("I want to be a paralegal, right now I'm a receptionist", "receptionist", "paralegal"),
    ("security guard nights in vegas, want to be a cop", "security guard", "cop"),
    ("Cook at Waffle House, want to be a truck driver", "cook", "truck driver"),
    ("cashier to nurse", "cashier", "nurse"),
    # a one-word title that opens the message before where they are; a field after "I do", "been doin"
    ("Oil field roughneck in North Dakota. Want a steadier gig", "roughneck", None),
    ("i been doin consturction labor 3 yrs. want to get in to heavy equpment operater", "construction laborer",
     "heavy equpment operater"),
    # whom the job works for is no second job (the online retailer had been taken for the wanted job)
    ("I do remote customer service for an online retailer", "customer service", None),
    ("receptionist for a dentist, want to be a dental hygienist", "receptionist", "dental hygienist"),
    ("what do I do to become a nurse", None, "nurse"),  # a question's "do I do" is no work of theirs
    # ... but one word after "I do" is no field: the work is read from the title said after it
    ("I do product demos at Costco on weekends (brand ambassador). I want a real sales rep job", "brand ambassador",
     "sales rep"),
    ("I do hardscapes, pavers and retaining walls for a landscaping company. I want to become a mason", "pavers", "mason"),
    # a field and its example are one job ("like an inspector" had been read as the job they have)
    ("press operator at a stamping plant. I'd like to do quality control, like an inspector", "press operator",
     "quality control inspector"),
    ("I work in sales at Best Buy. I'd like to get into cybersecurity, like a security analyst", "sales",
     "cybersecurity security analyst"),
    ("car salesman at a dealership. want to get into software sales, like account executive at a tech company",
     "car salesman", "technical sales representative account executive"),
    # ... unless it is an abbreviation typed in capitals
    ("environmental scientist for the state doing water quality, i'd like to do GIS full time", "environmental scientist",
     "gis"),
    ("high school math teacher in chicago want to be a school counselor", "high school math teacher", "school counselor"),
    ("diesel mechanic for 6 yrs in Ohio, thinking about HVAC", "diesel mechanic", "hvac"),
    ("seasonal tax preparer at H&R Block, want year round work as a bookkeeper", "tax preparer", "bookkeeper"),
    ("i do hair. looking to get into something medical", "hairdresser", None),
    # the clause after a title is its own ("cashier is what i do,"), not the cue of the next one
    ("cashier is what i do, nurse is what i want", "cashier", "nurse"),
    ("nurse is what i want, cashier is what i do", "cashier", "nurse"),
    ("forklift driver is my job now, electrician is the goal", "forklift driver", "electrician"),
])
def test_which_job_is_which(lookups, text, current, target):
    found = {role: job.lower() for role, job in roles(lookups, text).items()}
    assert found.get("current") == current and found.get("target") == target, found


@pytest.mark.parametrize("text", ["no real job yet", "what would that pay per hour?", "without going back for 4 years",
                                  "can you write my resume", "b", "I work at Amazon", "Chicago", "county"])
def test_words_that_are_not_jobs(lookups, text):
    assert read(lookups, text).jobs == []


@pytest.mark.parametrize("text", ["diesel mechanic", "aircraft mechanic", "preschool teacher", "speech language pathologist"])
def test_qualifiers_stay_with_the_title(lookups, text):
    assert [j.text for j in read(lookups, text).jobs] == [text]


def test_two_past_jobs_the_latest_is_current(lookups):
    found = roles(lookups, "I was a cashier for 3 years and then a bank teller for 2")
    assert found == {"past": "cashier", "current": "bank teller"}


def test_negation_is_a_preference_not_a_job(lookups):
    facts = read(lookups, "I'm not a nurse, I'm a CNA")
    assert [(j.text, j.role) for j in facts.jobs] == [("cna", "current")] and facts.avoid == ["nurse"]
    assert read(lookups, "what else could i do that's not driving").avoid == ["driving"]


def test_employer_and_military_and_topics(lookups):
    assert read(lookups, "I work at Amazon").employer == "Amazon"
    assert read(lookups, "11B infantry, army, 4 years").military
    assert read(lookups, "soy cajera y quiero ser enfermera").topic == "spanish"
    assert read(lookups, "can you write my resume").topic == "resume"
    assert read(lookups, "this is useless").topic == "complaint"
    assert read(lookups, "Can I talk to someone? who can I call").topic == "person"
    assert read(lookups, "find me jobs near Portland").topic == "job_search"
    assert read(lookups, "backwards. I'm the RN").swap


def test_every_state_dc_and_territory_as_the_whole_answer(lookups):
    _spans, places = lookups
    assert len(places.states) >= 52
    for postal, name in places.states.items():
        for said in (postal, postal.lower(), postal.title(), name, name.lower(), f"in {name}", f"i said {name.lower()}"):
            assert places.state_of(said) == postal, (said, postal)


@pytest.mark.parametrize("text, state, metro", [
    ("ME", "ME", None), ("near savannah", "GA", "Savannah"), ("outside Columbus", "OH", "Columbus"),
    ("Portland, Maine", "ME", "Portland"), ("Austin", "TX", "Austin"), ("the Bay Area", "CA", "San Francisco"),
    ("i said michigan", "MI", None), ("pennsylvannia", "PA", None), ("im a cna in tx", "TX", None),
    ("cashier walmart want pharm tech nc", "NC", None), ("Georgetown Ky", "KY", None),
    ("im in savanah ga", "GA", None),  # a town misspelled, then its state
    ("LPN in long term care, WV. Bridge to RN worth it?", "WV", None), ("montana. want to work from home", "MT", None),
    ("CO state prison 6 yrs NY. need out. probation officer?", "NY", None),  # a code in capitals ending a clause
])
def test_places_in_a_sentence(lookups, text, state, metro):
    place = read(lookups, text).place
    assert place and place.state == state, place
    assert metro is None or metro in (place.metro_name or "")


@pytest.mark.parametrize("text", ["I work at the VA. want to be a nurse", "I got my MS. now what"])
def test_a_thing_of_theirs_in_capitals_is_no_state(lookups, text):
    assert read(lookups, text).place is None


def test_a_city_in_several_states_asks_which(lookups):
    place = read(lookups, "Portland").place
    assert place.state is None and {c.state for c in place.choices} >= {"OR", "ME"}


@pytest.mark.parametrize("text, state", [
    ("I live in Garden Grove", "CA"), ("North Platte", "NE"), ("carman at the railyard in North Platte, fixing cars", "NE"),
    ("Substitute teacher in Newark.", "NJ"), ("nurse in Commerce, TX", "TX"), ("i work in sales", None),
    ("i work in construction", None), ("a junior in college, barista part time", None), ("I live in Mobile", "AL"),
])
def test_towns_from_the_college_directory(lookups, text, state):
    """Towns with no metro area of their own name still give the state (IPEDS lists a college there); a
    town that is also a word counts only where a place goes."""
    place = read(lookups, text).place
    assert (place.state if place else None) == state, place


def test_a_town_in_several_states_asks_which(lookups):
    place = read(lookups, "I live in Springfield").place
    assert place.state is None and {c.state for c in place.choices} >= {"IL", "MO"}


@pytest.mark.parametrize("text, title, setting", [
    ("Tired of retail. 8 yrs at Target as a team lead. Oregon.", "supervisor", "at target"),
    ("McDonald's general manager in Indianapolis, want to do HR", "general manager", "at mcdonald's"),
    ("Master tech at a Chevy dealer up in Anchorage", "tech", "at a chevy dealer"),  # not a dealer
])
def test_the_workplace_named_anywhere_is_where_the_job_they_have_is(lookups, text, title, setting):
    jobs = [j for j in read(lookups, text).jobs if j.role == "current"]
    assert [(j.text, j.setting) for j in jobs] == [(title, setting)]


@pytest.mark.parametrize("text, employer", [("part time at Chick-fil-A", "chick fil a"), ("dunkin crew", "dunkin"),
                                            ("my target is nursing", None)])
def test_an_employer_named_without_a_job(lookups, text, employer):
    assert read(lookups, text).employer == employer


def test_work_said_as_a_verb_after_a_wish_is_not_the_job_they_have(lookups):
    """Answering "What job would you like?": "maybe something part time like driving a school bus" is the wish,
    not "Got it: Bus Drivers, School now"."""
    assert roles(lookups, "maybe something part time like driving a school bus") == {"target": "school bus driver"}
    assert roles(lookups, "I drive a school bus") == {"current": "school bus driver"}


@pytest.mark.parametrize("text, jobs", [
    ("do I need a license in Maine to be a hygienist? and how long does school take", {"target": "hygienist"}),
    ("do i need a cdl for that", {}), ("any schools closer to killeen? and do i need a CDL", {}),
    ("do i need to be certified? and how long is the program", {}),
    ("i need some license or permit for sell bread in houston?", {}),
])
def test_a_question_about_a_credential_names_no_job(lookups, text, jobs):
    """Not "Court, Municipal, and License Clerks", "Loan Interviewers" (a "closer") or "certified": the question is
    about what the job requires, which the training answer takes up."""
    assert roles(lookups, text) == jobs
    assert read(lookups, text).topic == "credential"


@pytest.mark.parametrize("text", ["Honestly, am I too old to start over at 63?", "will anyone hire a 63 year old?",
                                  "am i too old for this"])
def test_a_question_about_age_is_answered_as_one_not_as_start_over(lookups, text):
    from bot.replies import scope

    assert read(lookups, text).topic == "age" and not read(lookups, text).jobs
    assert "eeoc.gov/age" in scope.topic_reply("age")[0]["text"]


def test_help_me_is_not_maine(lookups):
    assert read(lookups, "paint fumes are getting to me, can you help me").place is None


@pytest.mark.parametrize("said, months", [("about 2 and a half years", 30), ("18 months", 18), ("six years", 72),
                                          ("a year and a half", 18), ("3 years", 36)])
def test_durations_in_words(said, months):
    from bot.parse import months_of

    assert months_of(said) == months


def test_settings_and_employers_are_not_the_job(lookups):
    assert [j.text for j in read(lookups, "ER nurse for 6 years").jobs] == ["er nurse"]
    assert [j.text for j in read(lookups, "I'm a McDonald's crew member in Chicago").jobs] == ["crew member"]
    assert read(lookups, "I'm a McDonald's crew member in Chicago").place.state == "IL"
    assert read(lookups, "I work at Amazon").employer == "Amazon" and read(lookups, "I work at a call center").employer is None


def test_a_lone_title_in_a_first_message_is_inferred_not_cued(lookups):
    """Inferred roles go out as the roleless `job`, which the form gives to the question it asked."""
    (job,) = read(lookups, "Teacher. Want out. Ideas?").jobs
    assert (job.role, job.cued) == ("current", False)
    assert [(j.role, j.cued) for j in read(lookups, "registered nurse").jobs] == [(None, True)]


def resolved(lookups, text) -> dict:
    """role -> the occupation the store finds for that job, read with its setting ("at a hotel")."""
    from actions import store

    return {j.role: store.find_job(j.said).title for j in read(lookups, text).jobs}


@pytest.mark.parametrize("text, current", [
    ("janitor at the middle school, want to be an electrician", "Janitors and Cleaners, Except Maids and Housekeeping Cleaners"),
    ("realtor in Tampa, want to be a loan officer", "Real Estate Sales Agents"),
    ("server at a steakhouse and I want to be a dental hygienist", "Waiters and Waitresses"),
    ("I clean at a nursing home", "Janitors and Cleaners, Except Maids and Housekeeping Cleaners"),
    ("I work at a hotel doing housekeeping", "Maids and Housekeeping Cleaners"),
    ("I work at a call center doing customer service for a bank", "Customer Service Representatives"),
])
def test_person_words_settings_and_what_they_do(lookups, text, current):
    """Everyday words for people ("janitor", "realtor"), "server at ..." and "I work at X doing Y" name the job."""
    assert resolved(lookups, text).get("current") == current


@pytest.mark.parametrize("text, target", [
    ("thinking about getting into cost estimating", "Cost Estimators"),
    ("want to move into technical writing", "Technical Writers"),
    ("bookkeeper interested in financial analysis", "Financial and Investment Analysts"),
    ("librarian wanting to move into archives", "Archivists"),
    ("want to get my real estate license", "Real Estate Sales Agents"),
    ("tired of nights, I want something steady, maybe event planning", "Meeting, Convention, and Event Planners"),
])
def test_a_field_they_want_names_its_job(lookups, text, target):
    assert resolved(lookups, text).get("target") == target


def test_a_second_wish_after_or_is_an_alternative(lookups):
    found = resolved(lookups, "electrician, want to get into estimating or project management")
    assert found == {"current": "Electricians", "target": "Cost Estimators",
                     "alternative": "Project Management Specialists"}


@pytest.mark.parametrize("text", ["Considering a move into sales", "I want a change to something else",
                                  "I need to get my driver's license first", "want to return to school"])
def test_verbs_and_licenses_everyone_needs_are_not_fields(lookups, text):
    assert not {"move", "change", "return", "driver's license"} & {j.text.lower() for j in read(lookups, text).jobs}


def test_a_workplace_that_names_its_job(lookups):
    assert [j.text for j in read(lookups, "i work at a car wash").jobs] == ["car wash attendant"]
    assert read(lookups, "I work at Amazon").jobs == []  # an employer: the form asks what they do there


@pytest.mark.parametrize("text", ["No clue what I want to do after I get out", "want to do something with my life"])
def test_small_words_after_a_wish_are_not_fields(lookups, text):
    assert [j.text for j in read(lookups, text).jobs if j.role == "target"] == []


def test_a_correction_with_no_and_job_is_a_job_not_no_job(lookups):
    """DIET reads "no, the job I have now is ..." as no_job; the job named in it wins."""
    from rasa.shared.nlu.training_data.message import Message

    from bot.understanding.component import JobFactsExtractor

    text = "no, the job I have now is store manager at Dollar Tree"
    message = Message(data={"text": text, "intent": {"name": "no_job", "confidence": 0.93}, "intent_ranking": []})
    JobFactsExtractor._intent(message, text, read(lookups, text))
    assert message.get("intent")["name"] == "inform"


@pytest.mark.parametrize("text, heard", [("i didnt say programmer, i mean cnc programmer", "ask_training"),
                                         ("no i meant a phlebotomist", "deny")])
def test_a_correction_naming_a_job_is_a_correction_not_a_question(lookups, text, heard):
    """DIET hears the job's question words ("programmer": how do I get there?); a correction restates the job."""
    from rasa.shared.nlu.training_data.message import Message

    from bot.understanding.component import JobFactsExtractor

    message = Message(data={"text": text, "intent": {"name": heard, "confidence": 0.83}, "intent_ranking": []})
    JobFactsExtractor._intent(message, text, read(lookups, text))
    assert message.get("intent")["name"] == "inform"


def test_a_question_about_what_a_job_pays_or_takes_is_about_the_job_wanted(lookups):
    assert roles(lookups, "what does a plumber make in ohio") == {"target": "plumber"}
    assert read(lookups, "what does a plumber make in ohio").place.state == "OH"


@pytest.mark.parametrize("text, state", [("i work at a car wash", None), ("im 19, work at dunkin in mass", "MA"),
                                         ("Tired of retail in Mass", "MA"), ("critical mass", None)])
def test_short_forms_of_states_only_where_a_place_goes(lookups, text, state):
    place = read(lookups, text).place
    assert (place.state if place else None) == state


@pytest.mark.parametrize("text, target", [
    ("bartender 12 years, want something with benefits. maybe real estate?", "Real Estate Sales Agents"),
    ("reporter at a small paper, I'm thinking public relations", "Public Relations Specialists"),
    ("front desk at a clinic, would like to go into medical coding", "Medical Records Specialists"),
    ("paralegal, thinking about law school to become an attorney", "Lawyers"),
    ("I'd love to work in public relations", "Public Relations Specialists"),
])
def test_fields_after_wishes_and_the_job_after_the_school(lookups, text, target):
    assert resolved(lookups, text).get("target") == target


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "script", "show"])
def test_a_short_answer_is_not_a_one_word_field_without_a_cue(lookups, text):
    """Was: "<script>alert(1)</script>" read as the field "script" ("could mean a few different jobs")."""
    assert read(lookups, text).jobs == []


@pytest.mark.parametrize("text, current, target", [
    ("forklift driver 6 yrs, my shoulder is done. maybe payroll clerk?", "forklift driver", "payroll clerk"),
    ("bus driver. no more early mornings. thinking dental assistant", "bus driver", "dental assistant"),
    ("line cook, back hurts, want something easier on the body, medical billing maybe", "line cook", "medical billing"),
    ("I want a full time welding job, right now I stock shelves at Kroger", "stocker", "welder"),
    ("bank teller thinking about going to nursing school", "bank teller", "nurse"),
    ("Retired mail carrier. Looking for part-time work, maybe bookkeeping", "mail carrier", "bookkeeper"),
])
def test_a_wish_in_its_own_short_clause(lookups, text, current, target):
    found = {role: job.lower() for role, job in roles(lookups, text).items() if role in ("current", "target")}
    assert found == {"current": current, "target": target}


def test_a_title_does_not_run_across_a_comma(lookups):
    jobs = [j.text.lower() for j in read(lookups, "I'd like to become a CNA, home health aide or something").jobs]
    assert "home health aide" in jobs and not any("," in j or j.startswith("cna ") for j in jobs)


@pytest.mark.parametrize("text, title", [
    ("PT aide at a rehab place", "physical therapist aide"),  # a short form before more of the title
    ("I work as an SLP assistant in a school", "speech language pathologist assistant"),
    ("I am driver of truck 10 years", "truck driver"),  # "X of Y" as "Y X"
    ("3rd grade teacher in Tulsa", "elementary school teacher"),
    ("8th grade teacher", "middle school teacher"),
    ("pre k teacher", "preschool teacher"),
])
def test_titles_said_in_other_words(lookups, text, title):
    assert [j.text for j in read(lookups, text).jobs][:1] == [title]


@pytest.mark.parametrize("text, current, target", [
    ("i work as a cashier at walmart rn, want to be a pharmacy tech", "cashier", "pharmacy tech"),  # rn: right now
    ("Hurt my back, the doctor says no more lifting. Warehouse worker 9 years", "warehouse worker", None),
    ("my supervisor says I should be a dispatcher. I drive a forklift", "forklift operator", "dispatcher"),
    ("CNA 4 yrs, want to go back to school for my RN", "cna", "rn"),
])
def test_people_in_the_story_and_slang_are_not_jobs(lookups, text, current, target):
    found = {role: job.lower() for role, job in roles(lookups, text).items() if role in ("current", "target")}
    assert found.get("current") == current and found.get("target") == target, found


@pytest.mark.parametrize("text, state", [
    ("which schools near me have a program? I'm in north carolina", "NC"),  # "me" is not Maine
    ("teller at Wells Fargo in Tucson", "AZ"),  # Wells Fargo is not Fargo, North Dakota
    ("security guard at a mall, chicago. want to be a cop", "IL"),  # a city alone in its clause
])
def test_words_that_look_like_places(lookups, text, state):
    place = read(lookups, text).place
    assert place is not None and place.state == state


def test_wait_is_not_a_waiter(lookups):
    assert [j.text for j in read(lookups, "wait what?? im not a nurse lol i said barista").jobs] == ["barista"]


@pytest.mark.parametrize("text, roles_read", [
    ("do I need a license to work as a plumber?", {"target": "plumber"}),  # "to work as": on the way, not now
    ("maybe I should start as a bank teller first", {"target": "bank teller"}),
    ("i heard about LPN to RN programs", {"program": "lpn", "target": "rn"}),  # a bridge program's name
])
def test_jobs_on_the_way_are_not_the_job_they_have(lookups, text, roles_read):
    assert {role: job.lower() for role, job in roles(lookups, text).items()} == roles_read


@pytest.mark.parametrize("text, current", [
    ("I'm a CNA at a nursing home. I do everything for my residents", "cna"),  # the people they serve
    ("worked at the plant 20 years until it closed", "factory worker"),  # not O*NET's "plant worker" (nursery)
    ("Assembly line at a truck plant in Ohio", "assembly line worker"),
])
def test_the_people_served_and_factory_work(lookups, text, current):
    found = {role: job.lower() for role, job in roles(lookups, text).items()}
    assert found.get("current") == current, found


def test_a_word_asked_alone_names_a_job_only_through_its_person(lookups):
    assert roles(lookups, "Cashier, Ohio, nursing?").get("target") == "nurse"
    assert read(lookups, "where do i sign up near denver. union? can i talk to a real person").jobs == []


@pytest.mark.parametrize("text, current, target", [
    ("Paramedic/firefighter 12 yrs, want to be an arson investigator", "paramedic", "arson investigator"),
    ("night shift RN at a rehab, thinking nurse educator", "rn", "nurse educator"),
    ("im a cook rn, wanna be an RN", "cook", "RN"),
])
def test_a_job_named_twice_with_a_slash_and_rn_as_typed(lookups, text, current, target):
    found = roles(lookups, text)
    assert found.get("current") == current and found.get("target") == target, found


@pytest.mark.parametrize("text, current", [
    ("we tig weld stainless tanks at a dairy equipment shop", "welder"),
    ("roofed houses since high school", "roofer"),
    ("I hang sheetrock for a contractor", "drywall installer"),
    ("laid pipe for the city, sewer and storm drains", "pipelayer"),
    ("I'm a helper to a plumber", "plumber helper"),
    ("shift manager at a Wendy's", "shift supervisor"),
    ("I'm working the parts counter at NAPA", "parts counterperson"),
    ("worked at a nail salon downtown", "nail technician"),
    ("delivering for an Amazon flex route", "delivery driver"),
    ("dispatcher 911 for the county, 5 years", "911 dispatcher"),
    ("I clean patient rooms at the hospital", "housekeeper"),
])
def test_work_said_as_a_verb_or_everyday_phrase(lookups, text, current):
    assert roles(lookups, text).get("current") == current


@pytest.mark.parametrize("text, target", [
    ("stocker at a warehouse, I want my electrical license", "electrician"),
    ("cable puller now, hoping to get into electrical", "electrician"),
    ("I want to be an electrical engineer", "electrical engineer"),
    ("bus driver, bad back, maybe dispatch", "dispatcher"),
    ("custodian at a church, want to get into maintenance", "maintenance and repair worker"),
    ("pharmacy tech, thinking about pharma sales", "technical sales representative"),
    ("i want to get into commercial hvac sales", "technical sales representative"),
    ("welder, I'd like to teach welding at the community college", "vocational instructor"),
    ("barista, I want to teach piano lessons", "self enrichment teacher"),
])
def test_the_trade_they_want_said_in_other_words(lookups, text, target):
    assert roles(lookups, text).get("target") == target


def test_a_team_lead_is_read_as_a_supervisor_where_they_work(lookups):
    assert roles(lookups, "team lead at a call center for 3 years").get("current") == "supervisor"


def test_words_never_meant_as_jobs(lookups):
    assert read(lookups, "the water and sewer department").jobs == []
    assert [j.text for j in read(lookups, "lineman with the rural electric co-op").jobs] == ["lineman"]


@pytest.mark.parametrize("text", [
    "been a mail carrier 20 years, looking for ideas", "what else is there for a guy like me", "whats next for me",
    "what kind of work could I do with a bad knee", "need a job that doesn't involve lifting", "which jobs pay ok without a degree",
    "looking for part time work near home", "ready for a new career", "bartender. want a real career. help",
    "cna, I want something that pays more in healthcare", "forklift driver, looking for something easier on my back",
    "anything that doesnt wreck my knees??", "transcriptionist, the job is dying. What can I move into?",
    "Retired mail carrier. Want part time work, nothing heavy", "what can a bank teller do besides tellering",
])
def test_asking_for_ideas_is_explore(lookups, text):
    facts = read(lookups, text)
    assert facts.explore and not facts.job("target")


@pytest.mark.parametrize("text", ["looking for a job as a welder", "which job is that", "i want to be a nurse, any ideas how"])
def test_a_named_wish_is_not_explore(lookups, text):
    assert not read(lookups, text).explore


def test_how_long_each_job_was_held(lookups):
    jobs = read(lookups, "I was a waitress for 4 years and then a receptionist for 2").jobs
    assert [(j.text, j.role, j.years) for j in jobs] == [("waitress", "past", "4 years"), ("receptionist", "current", "2 years")]
    jobs = read(lookups, "after 6 years as a cook I became a kitchen manager").jobs
    assert [(j.text, j.role, j.years) for j in jobs] == [("cook", "past", "6 years"), ("kitchen manager", "current", None)]
    assert read(lookups, "welder 8 yrs, want to be an inspector").job("current").years == "8 yrs"


def test_a_dealer_after_at_is_the_workplace(lookups):
    jobs = read(lookups, "truck mechanic at a Kenworth dealer going on 6 years").jobs
    assert [(j.text, j.role) for j in jobs] == [("truck mechanic", "current")] and "going" not in jobs[0].setting


@pytest.mark.parametrize("text, person", [
    ("can i talk to a real person", True), ("speak to a live agent", True), ("can someone call me?", True),
    ("human please", True), ("I want to become a counselor", False), ("I need a counselor job in Ohio", False),
    ("can someone like me become a nurse?", False), ("I call customers back all day", False),
    ("Is there a person I could speak with on the phone?", True), ("is there a human counselor I could talk to?", True),
    ("is there a counselor job I could do", False),
])
def test_a_request_for_a_person_is_read_as_the_console_reads_it(lookups, text, person):
    assert (read(lookups, text).topic == "person") is person


def test_a_phone_number_is_no_duration(lookups):
    """DIET tags the digits of a phone number as years; the component keeps only durations it reads itself."""
    from rasa.shared.nlu.training_data.message import Message

    from bot.understanding.component import JobFactsExtractor

    text = "can someone call me back? 207-555-0188"
    assert read(lookups, text).years is None
    extractor = JobFactsExtractor()
    extractor._lookups = lookups
    diet = {"entity": "years", "value": "207-555-0188", "start": 26, "end": 38, "extractor": "DIETClassifier"}
    message = Message(data={"text": text, "intent": {"name": "inform", "confidence": 0.7}, "intent_ranking": [],
                            "entities": [diet]})
    extractor.process([message])
    assert "years" not in {e["entity"] for e in message.get("entities")}
    message = Message(data={"text": "cashier for 3 years", "intent": {"name": "inform", "confidence": 0.9},
                            "intent_ranking": [], "entities": [{**diet, "value": "3"}]})
    extractor.process([message])
    assert [e["value"] for e in message.get("entities") if e["entity"] == "years"] == ["3 years"]


def test_each_job_entity_carries_how_long_it_was_held(lookups):
    from rasa.shared.nlu.training_data.message import Message

    from bot.understanding.component import JobFactsExtractor

    extractor = JobFactsExtractor()
    extractor._lookups = lookups
    message = Message(data={"text": "I was a cashier for 3 years and then a bank teller for 2",
                            "intent": {"name": "inform", "confidence": 0.9}, "intent_ranking": []})
    extractor.process([message])
    jobs = {e["entity"]: (e["value"], e.get("years")) for e in message.get("entities") if e["entity"].endswith("_job")}
    assert jobs == {"past_job": ("cashier", "3 years"), "current_job": ("bank teller", "2 years")}


def test_an_employer_after_a_wish_in_another_sentence_is_where_they_work(lookups):
    assert read(lookups, "HOW DO I BECOME A PHLEBOTOMIST. I WORK AT MCDONALDS IN DETROIT").employer == "MCDONALDS"
    from bot.understanding.component import JobFactsExtractor
    from rasa.shared.nlu.training_data.message import Message

    extractor = JobFactsExtractor()
    extractor._lookups = lookups
    for text, current in [("HOW DO I BECOME A PHLEBOTOMIST. I WORK AT MCDONALDS IN DETROIT", "MCDONALDS"),
                          ("i want to work at starbucks someday", None)]:
        message = Message(data={"text": text, "intent": {"name": "inform", "confidence": 0.9}, "intent_ranking": []})
        extractor.process([message])
        assert next((e["value"] for e in message.get("entities") if e["entity"] == "current_job"), None) == current


@pytest.mark.parametrize("text, current, target", [
    ("I'm a shift manager at Taco Bell, tired of the late nights and the fryer. I want an office job",
     "shift supervisor", None),
    ("i dont really like fixing cars lol", None, None),
    ("im a truck driver 15 years OTR. my back is shot, doc says i need to get out of the seat", "truck driver", None),
])
def test_what_they_turn_away_from_and_other_people_are_no_wish(lookups, text, current, target):
    found = roles(lookups, text)
    assert found.get("current") == current and found.get("target") == target, found


@pytest.mark.parametrize("text", ["I want a human to call me. My phone is 404-555-0187",
                                  "can i talk to someone about this? like an actual advisor"])
def test_a_request_for_a_person_with_person_words_in_it(lookups, text):
    assert read(lookups, text).topic == "person"


@pytest.mark.parametrize("text, kept", [
    ("i didnt say programmer, i mean cnc programmer", "cnc programmer"),
    ("I didn't say nurse, I said CNA", "cna"),
    ("never said welder. pipefitter", "pipefitter"),
])
def test_a_reading_taken_back_is_neither_a_job_nor_one_to_avoid(lookups, text, kept):
    found = read(lookups, text)
    assert [j.text for j in found.jobs] == [kept] and found.avoid == []


def test_said_with_conviction_is_no_role(lookups):
    # to "What job would you like to have?": "RN for sure" answers that question, it is not the job they have
    # (a lone title with no cue: the component leaves it to the question asked)
    assert [(j.text, j.cued) for j in read(lookups, "RN for sure").jobs] == [("RN", False)]
    assert roles(lookups, "cashier for 3 years") == {"current": "cashier"}


@pytest.mark.parametrize("text, found", [
    # from a stranger tester's conversations: a change of mind, someone else's advice, the wanted job said after it
    ("ok actually forget phlebotomy, i'd rather go straight for surgical tech", {"target": "surgical tech"}),
    ("my brother says I should go for a welding inspector job", {"target": "welding inspector"}),
    ("No, I am the cook. The pastry chef job is the one I want.", {"current": "cook", "target": "pastry chef"}),
    ("scratch that, i want to be a paralegal", {"target": "paralegal"}),
    ("no i dont wanna be a welder, welding is just a hobby", {}),
])
def test_changes_of_mind_and_the_wanted_job_said_after_it(lookups, text, found):
    assert roles(lookups, text) == found


@pytest.mark.parametrize("text", ["do i need a masters for that or can i do a certificate",
                                  "would I need a bachelors or is an associates enough"])
def test_which_schooling_a_job_takes_is_a_question_about_getting_there(lookups, text):
    assert read(lookups, text).topic == "credential"


@pytest.mark.parametrize("text", ["welding instructor at a technical college", "cook at waffle house", "cna nights"])
def test_where_and_when_alone_leave_the_role_to_the_question_asked(lookups, text):
    # to "Which job would you like to move into?", "welding instructor at a technical college" is that job
    [job] = read(lookups, text).jobs
    assert not job.cued


def test_a_veterans_duties_said_with_the_code_are_read_as_the_work(lookups):
    # no military crosswalk in ../shared/data: the work day to day, said right away, is what can be matched
    found = read(lookups, "was a 88N in the army, ran the motor pool dispatch and tracked convoys. out next month")
    assert found.military and [(j.text, j.role) for j in found.jobs] == [
        ("ran the motor pool dispatch and tracked convoys", "current")]


@pytest.mark.parametrize("text, state", [
    ("actually I live in Maryland, I just work in DC", "MD"), ("I'm in Maryland (I work in DC)", "MD"),
    ("I commute to work in Boston but I live in New Hampshire", "NH"), ("nurse in ohio", "OH"),
])
def test_where_they_live_beats_where_they_work(lookups, text, state):
    assert read(lookups, text).place.state == state


@pytest.mark.parametrize("text, jobs", [
    ("I just work in DC", []),  # where, not what
    ("want to fix tractors, like at a John Deere dealer", []),  # a workplace, not a card dealer
    ("would the SHRM-CP count instead of a degree", []),  # a certification's name
    ("software developer, I want to do anything outdoors. Boulder CO", ["software developer"]),  # Colorado
    ("where i can learn english", []), ("I need to improve my English first", []),  # a language they learn
    ("ex-cop, want to be a paralegal", ["cop", "paralegal"]),
])
def test_words_in_names_and_places_are_not_jobs(lookups, text, jobs):
    assert [j.text for j in read(lookups, text).jobs] == jobs


def test_military_service_is_no_no_job(lookups):
    from rasa.shared.nlu.training_data.message import Message

    from bot.understanding.component import JobFactsExtractor

    text = "I'm getting out of the Army soon, I was 11B"  # DIET: no_job 0.62
    message = Message(data={"text": text, "intent": {"name": "no_job", "confidence": 0.62}, "intent_ranking": []})
    JobFactsExtractor._intent(message, text, read(lookups, text))
    assert message.get("intent")["name"] == "inform"


@pytest.mark.parametrize("text", ["Served 6 yrs Army as a 92A. want something in logistics", "I served in the navy for 4 years"])
def test_the_branch_and_code_are_not_the_work(lookups, text):
    found = read(lookups, text)
    assert found.military and not any(j.role == "current" for j in found.jobs)


def test_the_same_job_said_twice_is_one_job(lookups):
    """"barber school and cut hair for a living": both name the job they want; the second, with no role of its
    own, was taken for the job they have, and the bot compared Barbers with Barbers."""
    jobs = read(lookups, "want to go to barber school and cut hair for a living. im in fresno").jobs
    assert [(j.text, j.role) for j in jobs] == [("barber", "target")]


@pytest.mark.parametrize("text, past, current", [
    ("I was accountant in my home country for 10 years, but here I only do bookkeeping for small company. "
     "I want to be accountant again.", "accountant", "bookkeeping"),
    ("back home I was a teacher, now I only clean offices at night", "teacher", "cleaner"),
])
def test_a_job_held_in_their_home_country_is_one_held_before(lookups, text, past, current):
    """The job they held before they came is a past job; what they do here is the job they have."""
    jobs = {j.role: j.text for j in read(lookups, text).jobs}
    assert jobs["past"] == past and current in jobs["current"]


@pytest.mark.parametrize("text, current, target", [
    ("executive assistant to the CEO at a nonprofit in DC. I want to move into an operations manager role",
     "executive assistant", "operations manager"),  # whom they assist is not the job they want
    ("assistant store manager at Old Navy in Cincinnati. been there since 2018", "assistant store manager", None),
    ("Front desk at a hotel on the strip in Las Vegas. I want to move up to hotel manager someday",
     "front desk", "hotel manager"),
])
def test_titles_from_stranger_messages(lookups, text, current, target):
    found = {role: job.lower() for role, job in roles(lookups, text).items()}
    assert found.get("current") == current and found.get("target") == target, found


def test_the_kind_of_workplace_is_not_a_job(lookups):
    """"at a GM supplier": General Motors, not a general manager wanted; "looking for whats out there" is explore."""
    facts = read(lookups, "tool and die maker 25 years at a GM supplier. they're moving the shop to mexico next month. "
                          "looking for whats out there for someone my age. Flint MI")
    assert [j.text for j in facts.jobs] == ["tool and die maker"] and facts.explore
    assert facts.place.state == "MI"  # Mexico is the country, not Mexico, New York


@pytest.mark.parametrize("text, state", [
    ("Just got laid off from my job as a machinist at a plant in Rockford IL. They moved the line to Mexico.", "IL"),
    ("i was a loan processor at a mortgage company that went under. henderson nv. want ideas", "NV"),
    ("i live in henderson nv. want ideas", "NV"),  # "in" before the town is not Indiana
    ("I live in Lebanon, PA", "PA"),
])
def test_places_in_stranger_messages(lookups, text, state):
    assert read(lookups, text).place.state == state


def test_an_employer_is_cut_at_the_end_of_its_sentence(lookups):
    facts = read(lookups, "I'm still working part time at Starbucks. I want to be a financial analyst.")
    assert facts.employer == "Starbucks"


def test_old_navy_is_a_store_not_the_navy(lookups):
    assert not read(lookups, "assistant store manager at Old Navy in Cincinnati").military
    assert read(lookups, "I was in the navy for 4 years").military


@pytest.mark.parametrize("text, military", [
    ("0311 for 4 years with 2/6, got out last fall. Thinking about becoming a firefighter", True),
    ("Just got out after 4 yrs as an 11B. no idea what to do with myself now", True),
    ("68W combat medic, 6 yrs active. I want to be a physician assistant", True),
    ("I make 45K a year as a cashier and got out of retail once before", False),  # a salary, not a code
    ("I got out of retail in 2019 and have been a bookkeeper since", False),  # a year, not a code
])
def test_a_service_code_beside_leaving_the_service_is_military(lookups, text, military):
    assert read(lookups, text).military == military


def test_a_title_of_a_workplace_is_read_there(lookups):
    """"GM of a restaurant": where the GM works, as "at a restaurant"; "of a Holiday Inn Express": the employer."""
    jobs = read(lookups, "GM of a restaurant in Memphis for 6 years.").jobs
    assert jobs[0].setting == "of a restaurant"
    assert read(lookups, "Im the GM of a Holiday Inn Express, 11 yrs").jobs[0].setting == "at holiday inn"


@pytest.mark.parametrize("text, current, target", [
    ("vet tech thinking about vet school. worth it?", "vet tech", "veterinarian"),  # the job the school is for
    ("logger, I run a feller buncher up in the Idaho panhandle. maybe heavy equipment operator in construction",
     "feller buncher operator", "heavy equipment operator"),  # the machine's operator, not a "buncher"
    ("restaurant general manager in Louisville, 9 years. want to move into corporate HR",
     "restaurant general manager", "hr"),
    ("State Farm agent here, 5 years selling policies. I'd rather be an underwriter", "insurance sales agent",
     "underwriter"),
])
def test_work_in_other_words_from_stranger_messages(lookups, text, current, target):
    found = {role: job.lower() for role, job in roles(lookups, text).items()}
    assert found.get("current") == current and found.get("target") == target, found


def test_a_school_left_behind_is_no_wish(lookups):
    assert roles(lookups, "I dropped out of law school, now a paralegal") == {"current": "paralegal"}


def test_a_school_not_wanted_is_no_wish(lookups):
    assert "target" not in roles(lookups, "college senior, biology major, definitely not doing med school.")


def test_the_kind_of_employer_before_a_field_leaves_the_title_after_it(lookups):
    text = "CPA, 10 years in public accounting in NYC. I'd like to move into corporate finance, financial analyst maybe"
    assert roles(lookups, text).get("target", "").lower() == "financial analyst"


@pytest.mark.parametrize("text, rejected", [("crossing guard?? no lol. what about school counselor", "crossing guard"),
                                            ("tree trimmer?? are you kidding me", "tree trimmer")])
def test_a_suggestion_thrown_back_is_not_their_job(lookups, text, rejected):
    facts = read(lookups, text)
    assert rejected not in [j.text.lower() for j in facts.jobs] and rejected in facts.avoid


@pytest.mark.parametrize("text, state", [
    ("Infantry rifleman. Patrols, leading a fire team of 4 Marines, some training of junior Marines.", None),
    ("Marine vet, 0311, living in San Antonio", "TX"),  # "in" before the city is not Indiana
    ("i live in conneticut", "CT"),
    ("office manager in Honolulu. I have an associate's degree from Kapiolani Community College.", "HI"),
])
def test_names_that_look_like_places_in_stranger_messages(lookups, text, state):
    place = read(lookups, text).place
    assert (place.state if place else None) == state


@pytest.mark.parametrize("text", ["i dont care. just tell me what pays the most", "highest paying job i can get",
                                  "what pays the most that i can get without 4 yrs of school"])
def test_what_pays_the_most_asks_for_ideas(lookups, text):
    """A stranger's "just tell me what pays the most" was read as a job: [Patient Representatives | Payroll ...]."""
    from bot.understanding import preferences

    facts = read(lookups, text)
    assert facts.explore and not facts.jobs and preferences.wishes_of(text).more_pay


def test_when_they_work_is_not_what_they_do(lookups):
    facts = read(lookups, "is there any lpn to rn bridge in w va thats online or part time? i work full time")
    assert [j.text for j in facts.jobs] == ["lpn"] and facts.place.state == "WV"
    assert read(lookups, "I live in W. Va.").place.state == "WV"


@pytest.mark.parametrize("text", ["cashier mostly, stock shelves too", "mostly cashier but i stock shelves too",
                                  "cashier, and i also drive a forklift sometimes"])
def test_a_side_duty_is_not_another_job(lookups, text):
    """A stranger's "cashier mostly, stock shelves too" became Stockers → Cashiers, a pay cut they never asked about."""
    assert roles(lookups, text) == {"current": "cashier"}


def test_a_job_done_now_after_one_done_before_is_still_read(lookups):
    assert roles(lookups, "I was a cook and I drive a truck now").get("current") == "truck driver"


@pytest.mark.parametrize("text, current", [
    ("NYC. i deliver for uber eats on my bike. want to be a dental assistant", "courier"),
    ("deliver dominos in wichita. want an office job, not driving", "pizza delivery driver"),  # SOC: driver/sales work
    ("I manage an apartment complex, 5 years now", "apartment manager"),
    ("I manage a restaurant in tulsa", "restaurant manager"),
])
def test_work_said_as_a_verb_from_stranger_messages(lookups, text, current):
    assert roles(lookups, text).get("current") == current


def test_the_work_closest_to_theirs_is_their_job(lookups):
    """A veteran's "What I did was closer to security guard" was offered as another job to want."""
    text = "Police officer is the job I want. What I did was closer to security guard I guess, but armed"
    assert roles(lookups, text) == {"target": "police officer", "current": "security guard"}


@pytest.mark.parametrize("text", ["I do have a high school diploma, I should have said. Do you know if any of these jobs are usually part-time?",
                                  "does my 4.5 yrs on job sites count for anything or do i start from 0",
                                  "been doing this like 4 and a half yrs"])
def test_a_question_or_a_remark_is_not_work_they_describe(lookups, text):
    """Strangers' remarks read as their job, with choices like Captains of Water Vessels and Shoe Machine Operators."""
    assert read(lookups, text).jobs == []


def test_spanish_para_is_no_paraprofessional(lookups):
    assert [j.text for j in read(lookups, "cuanto tiempo es la escuela para dental hygienist").jobs] == ["dental hygienist"]
    assert roles(lookups, "I'm a para at an elementary school") == {"current": "para"}
    assert roles(lookups, "para in a special ed classroom in michigan") == {"current": "para"}


@pytest.mark.parametrize("text, state", [("DO I NEED COLLEGE OR JUST HIGHSCHOOL", None),
                                         ("IM A SECURITY GUARD AT A MALL IN VEGAS", "NV"), ("I LIVE IN MOBILE AL", "AL")])
def test_all_caps_say_nothing_of_names(lookups, text, state):
    """A stranger typing in capitals was moved to Alaska by "COLLEGE" (Fairbanks-College, AK)."""
    place = read(lookups, text).place
    assert (place.state if place else None) == state


@pytest.mark.parametrize("text, first, second", [
    ("so chef or food service manager, which one pays better", "chef", "food service manager"),
    ("welder vs electrician which pays more", "welder", "electrician")])
def test_two_jobs_weighed_in_a_question_are_both_wanted(lookups, text, first, second):
    """A line cook asking "so chef or food service manager, which one pays better" became a chef comparing."""
    assert roles(lookups, text) == {"target": first, "alternative": second}


def test_two_jobs_weighed_after_the_job_they_have_are_both_wanted(lookups):
    """A stranger's "im a line cook in chicago. chef or food service manager, which pays better?" kept the line
    cook and then asked "What job would you like to have?": both jobs they named were dropped."""
    assert roles(lookups, "im a line cook in chicago. chef or food service manager, which pays better?") == {
        "current": "line cook", "target": "chef", "alternative": "food service manager"}


def test_a_job_joined_by_or_maybe_to_a_wanted_one_is_wanted(lookups):
    """A medic (EMT known) answering "paramedic or maybe PA" got Paramedics → Physician Assistants."""
    found = roles(lookups, "paramedic or maybe PA. physician assistant")
    assert found.get("target") == "paramedic" and "current" not in found


def test_years_served_are_not_the_work(lookups):
    assert read(lookups, "army combat medic, 68W. did 6 years, got out last year").jobs == []


def test_a_suggestion_talked_about_is_not_their_job(lookups):
    """A teacher's "instructional coordinator sounds like it's still in a school district though. What about corporate
    training?" turned Instructional Coordinators into the job they have."""
    text = "Hmm, instructional coordinator sounds like it's still in a school district though. What about corporate training?"
    assert roles(lookups, text) == {"target": "corporate trainer"}


@pytest.mark.parametrize("text", ["what do i need to learn? Should I be learning Excel modeling, valuation, the CFA? Anything?",
                                  "do i need the CFA"])
def test_a_credential_or_learning_is_not_a_job(lookups, text):
    """An accountant asking about "the CFA" became a securities sales agent; "learning" got kindergarten teachers."""
    assert read(lookups, text).jobs == []
    assert roles(lookups, "I'm a CPA in Boston") == {"current": "cpa"}


def test_the_job_after_than_is_not_wanted(lookups):
    """"im more of a carpenters helper than a laborer" replaced a wanted electrician with Laborers."""
    assert roles(lookups, "actually im more of a carpenters helper than a laborer") == {"current": "carpenters helper"}


def test_a_verb_after_be_is_no_person(lookups):
    """"jobs where I would be walking or moving" offered Walkers as the job wanted."""
    text = "Are there part-time jobs where I would be walking or moving, like a crossing guard or delivering things?"
    assert [j.text for j in read(lookups, text).jobs] == ["crossing guard"]
    assert roles(lookups, "i want to get into nursing") == {"target": "nurse"}


def test_a_job_said_twice_in_its_short_and_long_form_is_one(lookups):
    """A medic's "ok what about PA. what would i be missing for physician assistant" asked "have or want?"."""
    assert roles(lookups, "ok what about PA. what would i be missing for physician assistant") == {"target": "PA"}


def test_the_job_asked_about_is_the_one_wanted(lookups):
    assert roles(lookups, "no i asked about PARAMEDIC pay not PA") == {"target": "paramedic"}


@pytest.mark.parametrize("text, state", [("paramedic or maybe PA", None), ("want to go to PA school", None),
                                         ("army medic in killeen tx, want to be a PA", "TX"), ("LPN in Scranton, PA", "PA"),
                                         ("i live in PA", "PA"), ("cna in MA", "MA"), ("Baltimore, MD", "MD"),
                                         ("welder in Wilkes-Barre PA", "PA")])  # a town of two words before the code
def test_a_job_s_short_form_that_is_also_a_postal_code(lookups, text, state):
    """A medic's "paramedic or maybe PA" moved him from Texas to Pennsylvania."""
    place = read(lookups, text).place
    assert (place.state if place else None) == state


def test_a_swap_taken_back_is_no_swap(lookups):
    """"backwards? no wait thats right" swapped a teller and the bookkeeper they want."""
    assert not read(lookups, "backwards? no wait thats right").swap
    assert read(lookups, "backwards. im the teller").swap


@pytest.mark.parametrize("text, found", [
    # from stranger testers: each of these replaced the job they have
    ("does the 74 account for my client's 5 years of experience?", {}),  # had become Accountants and Auditors
    ("does that military experience translate to anything civilian?", {}),  # had become Interpreters and Translators
    ("I also drive for Uber on weekends", {"side": "taxi driver"}),  # had become Pile Driver Operators
    ("im a warehouse picker and i also drive for uber", {"current": "warehouse picker", "side": "taxi driver"}),
    ("which is faster lvn or rn", {"target": "lvn", "alternative": "or rn"}),  # the CNA had become an LVN
    ("no. i still clean hotel. i ask about CNA", {"current": "clean hotel", "target": "CNA"}),  # swapped
    ("I'm not a receptionist, I take customer calls all day for a cable company",
     {"current": "customer service representative"}),
    ("I translate documents for a law firm", {"current": "interpreter"}),
])
def test_words_in_a_follow_up_are_not_a_new_job(lookups, text, found):
    assert roles(lookups, text) == found


def test_a_suggestion_scoffed_at_is_one_to_avoid(lookups):
    """"Travel agent? Come on, I fix cars" had made the mechanic a travel agent."""
    facts = read(lookups, "Travel agent? Come on, I fix cars")
    assert {j.role: j.text for j in facts.jobs} == {"current": "auto mechanic"} and facts.avoid == ["travel agent"]


def test_a_bare_title_diet_is_unsure_of_is_not_a_question_about_it(lookups):
    """A stranger answering "What job do you do now?" with "B2B sales rep" (DIET: a pay question, at 0.35) had it
    taken as the job they want, and was asked for the job they have again, four times."""
    from rasa.shared.nlu.training_data.message import Message

    from bot.understanding.component import JobFactsExtractor

    extractor = JobFactsExtractor()
    extractor._lookups = lookups
    for text, confidence, entity in (("B2B sales rep", 0.35, "job"), ("what does a plumber make", 0.35, "target_job"),
                                     ("plumber pay", 0.95, "target_job")):
        message = Message(data={"text": text, "intent": {"name": "ask_pay", "confidence": confidence},
                                "intent_ranking": [], "entities": []})
        extractor.process([message])
        assert [e["entity"] for e in message.get("entities")] == [entity], text


@pytest.mark.parametrize("text", ["flight attendant 12 yrs based out of Denver, want to become a pilot", "data scientist"])
def test_a_message_with_job_facts_is_no_question_about_the_figures(lookups, text):
    """DIET heard "based out of" and "data" as asking how the figures are made; the jobs in them were lost and
    the same explanation came six times."""
    from rasa.shared.nlu.training_data.message import Message

    from bot.understanding.component import JobFactsExtractor

    message = Message(data={"text": text, "intent": {"name": "ask_method", "confidence": 0.9}, "intent_ranking": []})
    JobFactsExtractor._intent(message, text, read(lookups, text))
    assert message.get("intent")["name"] == "inform"


@pytest.mark.parametrize("text, years", [
    ("do i have to do a bachelors or can i do a 2 year program? bc i cant afford 4 years", None),
    ("is it 4 years of college?", None),
    ("getting out in 6 months, 11B for 4 years", "4 years"),
    ("cashier for 3 years", "3 years")])
def test_the_length_of_a_program_or_a_wait_is_not_their_years(lookups, text, years):
    """The CNA above was recorded with "2 year" of experience, from the program she asked about."""
    assert read(lookups, text).years == years


@pytest.mark.parametrize("text, found", [
    # a CNA (wanting RN) asking this was made an LPN wanting RN
    ("actually maybe i should do LPN first and then RN? whats LPN pay in dayton", {"target": "lpn", "alternative": "rn"}),
    ("should i do lpn first", {"target": "lpn"}),
    ("I was a cashier first, then a bank teller for 2 years", {"past": "cashier", "current": "bank teller"})])
def test_a_step_first_and_the_goal_after_it_are_both_wanted(lookups, text, found):
    assert roles(lookups, text) == found


def test_paying_for_school_is_asked_about_paying_for_school(lookups):
    """"will my nursing home pay for me to go to LPN school? they said something about tuition help" got the
    LPN's pay table; it gets where help paying for training is (the "tuition" topic)."""
    from rasa.shared.nlu.training_data.message import Message

    from bot.understanding.component import JobFactsExtractor

    text = "will my nursing home pay for me to go to LPN school? they said something about tuition help"
    message = Message(data={"text": text, "intent": {"name": "ask_pay", "confidence": 0.53}, "intent_ranking": []})
    JobFactsExtractor._intent(message, text, read(lookups, text))
    assert message.get("intent")["name"] == "out_of_scope" and topic_of(text) == "tuition"


@pytest.mark.parametrize("text, found, years", [
    # from stranger testers: a pay comparison, an employer's hiring, "not just", hours a week
    ("i want to become a nursing assistant. how long is the training and does it pay more around allentown than what i "
     "make now?", {"target": "nursing assistant"}, None),  # "make now" had been their job
    ("which banks in charlotte are hiring loan officers right now?", {}, None),  # the teller had become a loan officer
    ("wait its not just home health aide, i also do cashier at the grocery store, like 25 hrs a week",
     {"current": "cashier"}, None),  # home health aide had become a job to avoid, "a week" their years
])
def test_words_about_pay_hiring_and_hours_are_not_jobs_or_years(lookups, text, found, years):
    facts = read(lookups, text)
    assert {j.role: j.text for j in facts.jobs if j.role} == found
    assert facts.years == years and "home health aide" not in facts.avoid
    assert topic_of(text) == ("job_search" if "hiring" in text else None)


def topic_of(text):
    from bot.understanding.facts import topic

    return topic(text)


@pytest.mark.parametrize("text, found", [
    # from stranger testers' conversations
    ("Im an EMT-B in Phoenix AZ, 2 years on a private ambulance. want to get hired on as a firefighter",
     {"current": "emt b", "target": "firefighter"}),  # had become a firefighter
    ("u said it pays less, that cant be right", {}),  # "right" had been a job
    ("how many yrs is the apprenticeship til i test out", {}),  # had offered Penetration Testers
    ("do warehouses hire people with felonies and do i need a drivers license", {"target": "drivers"}),
])
def test_words_in_questions_are_not_their_job(lookups, text, found):
    assert roles(lookups, text) == found


@pytest.mark.parametrize("text, topic", [
    ("which companies in louisville will hire me with a record?", "record"),
    ("Can you check if my H4 visa allows me to work as engineer?", "visa"),
    ("can i get help paying for the dental assistant program?", "tuition")])
def test_a_record_a_visa_and_paying_for_school_are_topics_the_bot_answers_plainly(lookups, text, topic):
    from rasa.shared.nlu.training_data.message import Message

    from bot.understanding.component import JobFactsExtractor

    assert topic_of(text) == topic
    message = Message(data={"text": text, "intent": {"name": "inform", "confidence": 0.7}, "intent_ranking": []})
    facts = read(lookups, text)
    facts.topic = topic
    JobFactsExtractor._intent(message, text, facts)
    assert message.get("intent")["name"] == "out_of_scope"


@pytest.mark.parametrize("text, heard, meant", [
    ("is that starting pay or average?", "ask_method", "ask_pay"),  # had got how the figures are made
    ("is the pay the median or the average", "ask_method", "ask_method"),
    ("will my job pay for lpn school?", "ask_pay", "out_of_scope")])  # had got the LPN's pay table
def test_pay_at_the_start_and_paying_for_school(lookups, text, heard, meant):
    from rasa.shared.nlu.training_data.message import Message

    from bot.understanding.component import JobFactsExtractor

    message = Message(data={"text": text, "intent": {"name": heard, "confidence": 0.8}, "intent_ranking": []})
    JobFactsExtractor._intent(message, text, read(lookups, text))
    assert message.get("intent")["name"] == meant


def test_work_described_after_a_full_stop_and_a_topic_question_that_names_a_place(lookups):
    """A man just released: "just got out, did 5 years. cooked in the kitchen inside ..." was asked what job he
    does; "which companies in louisville will hire me with a record?" then filled the form's state, and got the
    form's question again instead of an answer."""
    from rasa.shared.nlu.training_data.message import Message

    from bot.understanding.component import JobFactsExtractor

    assert roles(lookups, "just got out, did 5 years. cooked in the kitchen inside and got my forklift cert") == {
        "current": "cooked"}
    extractor = JobFactsExtractor()
    extractor._lookups = lookups
    text = "which companies in louisville will hire me with a record?"
    message = Message(data={"text": text, "intent": {"name": "inform", "confidence": 0.7}, "intent_ranking": [],
                            "entities": []})
    extractor.process([message])
    assert message.get("intent")["name"] == "out_of_scope"
    assert [(e["entity"], e["value"]) for e in message.get("entities")] == [("topic", "record")]


@pytest.mark.parametrize("text, found", [
    # from a stranger tester's conversations (a teacher, a paralegal, a retail manager, a designer)
    ("I want to be an e-learning developer", {"target": "instructional designer"}),  # had made the teacher a developer
    ("ugh no. what about compliance? or like claims adjuster, i deal with insurance companies all day",
     {"target": "compliance", "alternative": "claims adjuster"}),  # the paralegal had become a claims adjuster
    ("could I go straight to HR manager instead?", {"target": "hr manager"}),
    ("I just work remote for the Portland agency", {}),  # had offered Remote Sensing jobs
])
def test_wishes_said_loosely_and_where_they_work(lookups, text, found):
    assert roles(lookups, text) == found


@pytest.mark.parametrize("text, found, state", [
    # from stranger testers' conversations
    ("1 year driver. before that civil engineer 6 years", {"current": "driver", "past": "civil engineer"}, None),
    # ... but the years after a title are that title's (a first try at the rule above made these the job)
    ("Carpenter 20 years framing houses. Thinking building inspector", {"current": "carpenter",
                                                                      "target": "building inspector"}, None),
    ("Dental assistant 3 yrs -> dental hygienist", {"current": "dental assistant", "target": "dental hygienist"}, None),
    ("Actually, scratch the tour guide idea. park ranger at Saguaro National Park", {"target": "park ranger"}, None),
    ("i dont live in texas man, im in lake charles LA", {}, "LA"),  # had kept Texas
    ("I moved from Ohio to Florida", {}, "FL"),
])
def test_corrections_of_the_story_and_the_place(lookups, text, found, state):
    facts = read(lookups, text)
    assert {j.role: j.text for j in facts.jobs} == found
    assert (facts.place.state if facts.place else None) == state


@pytest.mark.parametrize("text", ["is that pay the average? bc i make way more than 26k with tips lol",
                                  "is it really 100 out of 100? that seems too high", "is the pay mostly commission?"])
def test_questions_about_the_score_and_the_pay_figure_ask_how_they_are_made(lookups, text):
    """A server's "is that pay the average? bc i make way more than 26k with tips" had "make way more" read as a job
    (Hoist and Winch Operators); "is it really 100 out of 100?" got "Sorry, I didn't get that"."""
    from rasa.shared.nlu.training_data.message import Message

    from bot.understanding.component import JobFactsExtractor

    assert read(lookups, text).jobs == []
    message = Message(data={"text": text, "intent": {"name": "nlu_fallback", "confidence": 0.3}, "intent_ranking": []})
    JobFactsExtractor._intent(message, text, read(lookups, text))
    assert message.get("intent")["name"] == "ask_method"


def test_two_jobs_weighed_with_vs_after_a_correction_are_both_wanted(lookups):
    """A warehouse worker's "no i meant forklift vs truck driver in fort wayne" made him a truck driver."""
    assert roles(lookups, "no i meant forklift vs truck driver in fort wayne") == {"target": "forklift",
                                                                                     "alternative": "truck driver"}


@pytest.mark.parametrize("heard", ["help", "ask_method", "ask_pay"])
def test_a_question_about_one_job_of_their_story_goes_to_the_career_form(lookups, heard):
    """"does my cashier experience count?" is answered from their story by the career form; DIET, retrained with
    the questions about the figures, heard it as a request for help, and the e2e test of issue 18 caught it."""
    from rasa.shared.nlu.training_data.message import Message

    from bot.understanding.component import JobFactsExtractor

    text = "does my cashier experience count?"
    message = Message(data={"text": text, "intent": {"name": heard, "confidence": 0.7}, "intent_ranking": []})
    JobFactsExtractor._intent(message, text, read(lookups, text))
    assert message.get("intent")["name"] == "inform"


def test_a_follow_up_diet_is_unsure_of_is_read_from_its_words(lookups):
    """In the browser, "whats it pay per hour and how long is school" (DIET at 0.4, then the fallback) got "Sorry,
    I didn't get that"; its words ask for the way there and the pay (the second part follows: actions/answers.py)."""
    from rasa.shared.nlu.training_data.message import Message

    from bot.understanding.component import JobFactsExtractor

    text = "whats it pay per hour and how long is school"
    message = Message(data={"text": text, "intent": {"name": "ask_training", "confidence": 0.4}, "intent_ranking": []})
    JobFactsExtractor._intent(message, text, read(lookups, text))
    assert message.get("intent") == {"name": "ask_training", "confidence": 1.0}


def test_two_jobs_joined_by_or_are_two_of_one_kind(lookups):
    """"service advisor or parts manager", the answer to "What job would you like to have?", had made the first
    the job they have (Customer Service Representatives → First-Line Supervisors of Retail Sales Workers)."""
    found = read(lookups, "service advisor or parts manager")
    assert [(j.text, j.role) for j in found.jobs] == [("service advisor", None), ("parts manager", "alternative")]


def test_an_infantry_veteran_names_the_military_occupation(lookups):
    """O*NET's Infantry is held while the bot asks what the work was day to day (no military crosswalk here)."""
    found = read(lookups, "army infantry vet in texas, want to be a cop")
    assert found.military and [(j.text, j.role) for j in found.jobs] == [("infantry", "current"), ("cop", "target")]
