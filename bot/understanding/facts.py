"""What a message says about the person: the jobs it names and in which role, the place, a duration,
what they want to avoid, an employer, military service, and what kind of request it is when it is not
about jobs at all. Pure functions on the text and the store's lookups; the Rasa component
(``bot.understanding.component``) turns the result into entities.

    >>> facts = read(spans, places, "im a cna in texas want to be an lpn")
    >>> [(j.text, j.role) for j in facts.jobs], facts.place.state
    ([('cna', 'current'), ('lpn', 'target')], 'TX')

Roles come from the words just before a title ("I'm a", "I was", "used to", "currently" / "want to
be", "become", "get into", "switch to", "what about") and just after it ("for 3 years", "now"); a
title after "not", "anything but", "no more" is something to avoid, not a job. With no cue at all,
the first of two titles is the current job and the second the target ("cashier to nurse"); a single
uncued title has no role, and the form gives it to the question it asked.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.understanding import cues as cue, roles, settings, work_words as work
from bot.understanding.cues import CURRENT, PAST, TARGET
from bot.understanding.person_requests import asks_for_person
from bot.understanding.roles import Job
from knowledge import workplaces
from knowledge.places import Place, Places
from knowledge.title_spans import TitleSpans, clause_starts, typed_words, words

__all__ = ["CURRENT", "PAST", "TARGET", "Facts", "Job", "read", "topic"]

TOPICS = [
    ("spanish", None),  # decided by words, below
    ("resume", re.compile(r"\b(r[eé]sum[eé]s?|cv|cover letters?)\b", re.I)),
    ("person", None),  # a request for a person or a call back: bot/understanding/person_requests.py
    ("complaint", re.compile(
        r"\b(useless|not helpful|unhelpful|no help|stupid|dumb|waste of (my )?time|doesn'?t help|not what i (said|asked|meant)"
        r"|makes no sense|you don'?t understand|this sucks|terrible|worthless|annoying|frustrat\w*|not listening"
        r"|that'?s wrong|wrong answer)\b", re.I)),
    ("record", re.compile(r"\b(felon(y|ies|s)?|(criminal|police|arrest) record|with (a|my) record|background checks?"
                          r"|(just )?(got )?out of (prison|jail)|released from (prison|jail)|ex[- ]?(con|offenders?)"
                          r"|conviction|convicted|on parole|on probation|incarcerat\w*|reentry|re-entry)\b", re.I)),
    ("visa", re.compile(r"\b(visa|h-?1b|h-?4|green card|work permit|ead|daca|immigration status|uscis|citizenship)\b",
                        re.I)),
    ("tuition", re.compile(r"\b(pay(s|ing)? for (my |the |a |me to go to )?([\w-]+ ){0,2}(class|classes|school|training|program"
                           r"|course|college|tuition)|tuition"
                           r"|financial aid|fafsa|pell grant|scholarships?|afford (the )?(school|training|program|classes)"
                           r"|help (paying|to pay|with the cost)|free training|training for free)\b", re.I)),
    ("age", re.compile(r"\b(too old|at my age|age discrimination|older workers?|anyone hire (a|an|someone)\b.{0,12}"
                       r"\d\d|\d\d[- ]?(year|yr)s?[- ]old)\b", re.I)),
    ("credential", re.compile(
        r"\b(need|needs|require[sd]?|have to (have|get))\b[^.?!]{0,25}\b(licen[cs]e[ds]?|certifi\w*|permits?|cdl"
        r"|board cert\w*|exam)\b|\b(licen[cs]e|certification|permit|cdl)\s*\?"
        # "do i need a masters for that or can i do a certificate": which schooling the job takes
        r"|\b(do|would|will|does) (i|you|one|someone) (need|have to have|have to get|require)\b[^.?!]{0,30}"
        r"\b(masters?|master'?s|bachelors?|bachelor'?s|degree|associates?|associate'?s|diploma|ged|certificates?"
        r"|schooling|college)\b", re.I)),
    # "is 2 years enough to get promoted?", "how much experience do supervisors need": the training answer
    # puts the years they said beside the years most of the job's workers had (O*NET)
    ("experience", re.compile(
        r"^(?=.*\?|\W*(how|what|which|is|are|do|does|would|will|can)\b)(?:.*\b(how much|how many years( of)?|what kind of"
        r"|what sort of|what|which) (related |work |prior |previous )?experience\b|.*\b(is|are|would|will|r) (\w+ ){0,3}"
        r"(years?|yrs?|months?)\b( of \w+)?( \w+)? (enough|sufficient)\b|.*\b(have|got) enough (experience|years)\b"
        r"|.*\bexperience (do|does|would|will) (i|you|they|one|someone|\w+s) (usually |typically |normally )?(need|have|want)\b"
        r"|.*\bhow long (until|before|till) (i|you) (can|could) (get promoted|move up)\b)", re.I)),
    ("job_search", re.compile(
        r"\b((find|show|get|give|list|search)( me)? (a )?(jobs?|openings|listings|postings|work) (near|in|around|close)"
        r"|job (listings|postings|openings|boards?)|who'?s hiring|who is hiring|(jobs?|openings) near( me)?"
        r"|apply (for|to) (jobs|a job)|help me apply"
        r"|(which|what) (banks|companies|employers|hospitals|places|stores|shops|firms|businesses) .{0,30}\b(are |is )?hiring"
        r"|(find|show|get|give) me (an? |some )?(actual |real )?[\w ]{0,30}\b(openings?|job postings?|listings?)"
        r"|(is |are )?(anyone|anybody|anywhere|any \w+) hiring)\b", re.I)),
]
SWAP = re.compile(r"\b(backwards?|swap|swapped|switch (them|it|those)|flip (them|it)|other way (a)?round|reversed?"
                  r"|right the first time|was right before|undo (that|it)|put (it|them) back"
                  r"|mixed (it|them|those) up|got (it|that|them) (mixed|backwards|reversed|wrong way)|wrong way round)\b", re.I)
SWAP_TAKEN_BACK = re.compile(r"\b(no wait|never ?mind|nvm|that'?s right|thats right|it'?s right|my bad|scratch that)\b", re.I)
SPANISH = {"soy", "quiero", "ser", "trabajo", "estoy", "tengo", "años", "anos", "hola", "ayuda", "busco", "vivo",
           "para", "pero", "como", "donde", "quisiera", "gracias", "necesito", "cómo", "qué", "trabajar", "puedo",
           "enfermera", "enfermero", "cajera", "cajero", "mi", "es", "una", "un", "en", "de", "y", "con", "los", "las"}
SPANISH_STRONG = {"soy", "quiero", "trabajo", "estoy", "tengo", "años", "hola", "busco", "vivo", "quisiera", "gracias",
                  "necesito", "trabajar", "puedo", "enfermera", "cajera", "cajero", "enfermero", "ayuda"}
MILITARY = re.compile(r"\b(army|(?<!old\s)navy|marines?|usmc|air force|coast guard|military|veteran|served in|mos\b|afsc"
                      r"|enlisted|deployed|national guard|reserves|nco|e-?[4-9]\b|active duty"
                      # a service member's own words for the work: "infantry, patrols and stuff", "I was infantry"
                      r"|infantry|infantryman|rifleman|paratrooper|corpsman|combat medic|seabees?|stationed at|ets'?d|combat arms)\b", re.I)
# the words for an O*NET military occupation (Infantry, Artillery and Missile Crew Members), said as the job
MILITARY_TITLE = re.compile(r"\b(infantry(man|men)?|rifleman|cannon crew ?member)\b", re.I)
# what a veteran did day to day, said after the branch and code ("0311, 8 years. ran dozers, graders and scrapers")
DUTIES = re.compile(r"(?:^|[,.;:(]\s*|\band\s+|\bi\s+)((?:ran|fixed|drove|treated|maintained|repaired|operated|managed"
                    r"|guarded|patrolled|worked on|worked the|working on|working the|turned wrenches on|handled"
                    # "did 6 years, got out last year": how long they served, not what they did
                    r"|did(?!\s+(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|twenty)\s+(?:years?|yrs?|months?|tours?)))\b"
                    r"[^.;!?()]{6,90})", re.I)
# where a job was held before they came: "in my home country", "back home" ("in Ukraine" is not read: no list
# of countries is kept here)
ABROAD = re.compile(r"\b(?:in|from|back in) my (?:home |own )?country\b|\bback home\b|\bbefore i came\b", re.I)
LANGUAGES = {"english", "spanish", "french", "chinese", "mandarin", "cantonese", "arabic", "vietnamese", "korean", "russian",
             "portuguese", "german", "japanese", "tagalog", "haitian creole", "creole", "somali", "asl", "sign language"}
LIVE_WORDS = {"live", "living", "lives", "moved", "home", "reside", "from", "based"}
WORK_WORDS = {"work", "works", "working", "commute", "job", "office"}
# an Army MOS ("11B", "68W"), an Air Force AFSC ("3P0X1") or a Marine MOS ("0311"; a year like 2019 is none): a code
# counts as service only beside "MOS" or leaving the service, since "45K" is a salary and "10K" a race
MILITARY_CODE = re.compile(r"\b(\d{2}[A-Z]\d?|\d[A-Z]\d[X\d]\d|(?!19|20)\d{4})\b(?!\s*(?:a\s+year|/\s*y|per\b|salary))")
SERVICE_EXIT = re.compile(r"\b(mos|got out|getting out|separated|separating|discharged|dd-?214|ets(?:'?d)?)\b", re.I)
EMPLOYER = re.compile(r"\b(?:work|works|working|worked|job|employed|hired)\s+(?:(?:part|full)[ -]time\s+|nights\s+)?"
                      r"(?:at|for)\s+(?:the\s+|an?\s+)?"
                      r"([A-Za-z][\w'&.]*(?:\s+[A-Z][\w'&.]*){0,2})")
NOT_EMPLOYER = {"home", "night", "nights", "myself", "years", "year", "months", "call", "local", "big", "small", "school",
                "hospital", "restaurant", "store", "company", "plant", "factory", "warehouse", "clinic", "office", "bank",
                "hotel", "farm", "salon", "daycare", "shop", "place", "center", "dealership", "nursing", "day", "living"}
AVOID = re.compile(r"\b(?:not|anything but|anything except|other than|no more|nothing (?:with|in)|without|except|besides"
                   r"|don'?t want to do|tired of|done with|sick of|away from)\s+(?:a\s+|an\s+|any\s+|more\s+)?"
                   r"([a-z]{4,}(?:ing|er|ers|ion|ail|ales|ight|ights)?)\b", re.I)
AVOID_NOT = {"sure", "really", "that", "this", "what", "working", "much", "many", "able", "going", "getting", "good",
             "having", "looking", "want", "wanting", "knowing", "being", "doing", "quite", "only", "just", "even",
             "happy", "anymore", "interested", "certain", "qualified", "enough", "college", "school", "degree", "experience",
             # "I'm not ready", "I don't understand": feelings and words, not kinds of work to leave out
             "ready", "understand", "worth", "afraid", "scared", "allowed", "there", "here", "something", "anything",
             "everything", "nothing", "someone", "easy", "hard", "fair", "great", "right", "wrong", "counting",
             "including", "making", "paying", "hiring", "helping", "trying", "telling", "saying", "asking", "sure"}
EXPLORE_WORDS = re.compile(
    r"\b(idk what|not sure what|no idea what|don'?t know what|dont know what|do not know what|no clue what|unsure what"
    r"|what else (could|can|should) i|what (other )?(jobs|careers|options)|what are my options|any ideas|ideas\?|suggest"
    r"|what (could|can|should) i (do|be|get)|show me (some )?(options|jobs)|open to (anything|ideas|suggestions)"
    r"|not sure honestly|not sure yet|undecided|options\?|what'?s out there"
    r"|what (jobs? |work |careers? )?(pays?|makes?) the (most|best)|(highest|best|top)[- ]paying (jobs?|work|careers?)"
    # asking for ideas in other words: "looking for ideas", "what else is there for me", "whats next for me", "what
    # kinda work can an old welder do", "a job that doesnt require standing", "looking for part time work"
    r"|(looking for|need|want|any|some|give me|got any|have any) (\w+ ){0,2}ideas|ideas (for|on|about)\b"
    r"|what else (is|are) (there|out there)|what'?s next( for me)?\W*$|what'?s next (for me|that)"
    r"|what (kind|kinds|sort|type|types) of (work|jobs?|careers?)|what kinda (work|jobs?)|which jobs?\b(?! (is|was) (that|it))"
    r"|what (can|could|would) (i|a|an|someone) \w+ ?\w* (move into|switch to)|what (would|could|might) (fit|suit) me"
    r"|what (can|could) (an?|someone) [\w ]{1,30} do\b|is (possible|realistic) for me"
    r"|\ba job that (doesn'?t|does not|isn'?t|won'?t)|(want|need|looking for) (to do )?(literally )?anything (that|but|outdoors|indoors)"
    r"|\blooking for (a |some )?(part[- ]?time |full[- ]?time |new |different |other |steady )?(work|job|jobs|career)\b(?! as)"
    r"|\b(want|need|like|looking at) (a |some |one )?(part[- ]?time|full[- ]?time|seasonal|steady|easier|lighter|remote|stable)"
    r" (work|job|jobs|gig)\b(?! as)"
    r"|\b(don'?t|dont|do not) (really |much )?care (much |really )?what\b|\bsomething (steady|stable) with benefits\b"
    # "I want something that pays more in healthcare", "looking for something easier", "anything that doesnt wreck my
    # hands", "what can I move into?": no job named, a kind of job described
    r"|\b(want|need|looking for|find|get|like|trying to find) (something|anything|a job|work)\b(?: \w+){0,2}? (that|in|with"
    r"|where|without|less|easier|else|different|more|but|steady|stable|better|closer|sitting|indoors|outdoors|remote)\b"
    r"|\banything that (doesn'?t|does not|won'?t|wont|isn'?t)|\bwhat (can|could|should) i (move|switch|transition) (into|to)\b"
    r"|\bnew career\b|\bnew line of work\b|\b(want|need|looking for|find) (a |an )?(real|better|actual|good|stable|steady"
    r"|proper) (career|job)\b(?! (as|in|like))\W*($|[.!,;]))", re.I)
TOPICS_EXTRA = [("veteran_benefits", re.compile(r"\b(gi bill|g\.i\. bill|va benefits|post[- ]?9/?11|vr&e|voc rehab|chapter 31)\b", re.I))]
DURATION = re.compile(
    r"\b(?:for\s+|about\s+|almost\s+|nearly\s+|over\s+|like\s+)?"
    r"((?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    r"|a couple(?: of)?|a few|few|several)(?:\s+and\s+a\s+half|\s*\+)?\s*(?:years?|yrs?|months?|mos?|weeks?)"
    r"(?:\s+and\s+a\s+half)?|since\s+(?:19|20)\d\d)\b", re.I)



@dataclass
class Facts:
    jobs: list[Job] = field(default_factory=list)
    avoid: list[str] = field(default_factory=list)
    place: Place | None = None
    years: str | None = None
    employer: str | None = None
    military: bool = False
    topic: str | None = None
    swap: bool = False
    explore: bool = False  # "idk what I want", "what else could I do": suggestions, not one job

    def job(self, role: str) -> Job | None:
        return next((j for j in self.jobs if j.role == role), None)


def read(spans: TitleSpans, places: Places, text: str) -> Facts:
    text = work.rewrite(text)  # "I do hair" -> "I work as a hairdresser", "2nd grade teacher" -> elementary
    tokens = words(text)
    facts = Facts()
    found = places.find_all(text, tokens)
    employer = workplaces.find(tokens)
    if employer and workplaces.is_employer(tokens[employer[0]:employer[1]]) and employer[1] - employer[0] > 1:
        found = [p for p in found if not employer[0] <= p.start < employer[1]]  # "Wells Fargo" is not North Dakota
    taken = {i for p in found for i in range(p.start, p.end)}
    # "i said georgia not alabama": the place after "not" is the one they don't mean
    meant = [p for p in found if tokens[max(0, p.start - 1):p.start] not in (["not"], ["no"], ["nor"], ["never"])
             and not NOT_LIVING.search(" ".join(tokens[max(0, p.start - 5):p.start]))]  # "i dont live in texas"
    if meant:
        # "I live in Maryland, I just work in DC": where they live is where the answer's pay and schools are
        lived = [p for p in meant if LIVE_WORDS & set(tokens[max(0, p.start - 3):p.start])]
        not_work = [p for p in meant if not WORK_WORDS & set(tokens[max(0, p.start - 3):p.start])]
        facts.place = (lived or not_work or meant)[-1]
    sentences, clauses, asked = clause_starts(text), clause_starts(text, ",.!?;"), clause_starts(text, ",.!?;", "?")
    cues = cue.cue_ends(tokens, clauses, sentences)
    people_only = asked - cues  # a word asked alone names a job only through its person: "nursing?", not "union?"
    title_spans = spans.find(text, skip=taken, after_cue=cues | cue.asked_alone(tokens, clauses, asked),
                             people_only=people_only)
    # "where i can learn english", "improve my spanish": a language they learn, not a teaching job
    title_spans = [s for s in title_spans if not (s.text.lower() in LANGUAGES and tokens[s.start - 1:s.start] in (
        ["learn"], ["learning"], ["improve"], ["practice"], ["study"], ["my"], ["speak"], ["better"]))]
    # "Boulder CO": the state's code after its city, not a correctional officer
    title_spans = [s for s in title_spans if not any(p.state and s.text.upper() == p.state and s.start == p.end
                                                     for p in found)]
    title_spans = [s for s in title_spans if s.text.lower() not in work.NEVER_JOBS
                   and not (s.text.lower() == "hired" and tokens[s.end:s.end + 2] in (["on"], ["as"], ["on", "as"]))  # "get hired on as a"
                   and not (s.text == "sewer" and tokens[s.start - 1:s.start] not in (["a"], ["an"]))]  # "water and sewer"
    title_spans = [s for s in title_spans if not _not_theirs(tokens, s, spans.english)]
    # "customer service for an online retailer", "receptionist for a dentist": whom the job said before works for
    title_spans = [s for k, s in enumerate(title_spans)
                   if not (k and tokens[title_spans[k - 1].end:s.start] in EMPLOYED_BY
                           and not any(title_spans[k - 1].end < c <= s.start for c in clauses))]
    typed = typed_words(text)
    if len(typed) != len(tokens):  # a letter whose lower case is longer ("İ"): no case or slash to read
        typed = [(w, "") for w in tokens]
    # the end of a hyphened name ("SHRM-CP", "CompTIA A+"-style certifications): part of a word, not a job
    title_spans = [s for s in title_spans if not (s.start and typed[s.start][1] == "-" and s.end - s.start == 1
                                                  and tokens[s.start - 1] not in ("ex", "former"))]  # "ex-cop" is one
    facts.jobs, facts.avoid = roles.assign(tokens, title_spans, cue.is_question(text, tokens), sentences, clauses, asked,
                                           slashed={k for k, (_, before) in enumerate(typed) if before == "/"},
                                           capital_rn={k for k, (w, _) in enumerate(typed) if w == "RN"})
    for j in [j for j in facts.jobs if _rejected(text, j.text)]:  # "crossing guard?? no lol": not theirs, not wanted
        facts.jobs.remove(j)
        facts.avoid.append(j.text.lower())
    settings.attach(tokens, facts.jobs, taken, spans.english, clauses)
    facts.jobs, facts.employer = settings.at_workplace(text, tokens, facts.jobs, facts.employer, sentences)
    if EXPLORE_WORDS.search(text) and not any(j.role == TARGET for j in facts.jobs):
        facts.explore = True
    facts.jobs = [j for j in facts.jobs if not work.DRIVERS_LICENSE.match(j.text)  # what everyone needs, not a job
                  and not work.PARTICIPLE.match(j.text)  # "to be certified", "get hired": a state, not a job
                  and not (j.text.lower() in work.NOT_JOB_WORDS and topic(text) == "credential")]
    # "go to barber school and cut hair for a living": the same job said twice, once with its role; also in its short
    # form ("what about PA. what would i be missing for physician assistant")
    roled = {j.text.lower() for j in facts.jobs if j.role and j.role != "alternative"}
    roled |= {" ".join(long) for r in list(roled) for long in spans.expansions.get(r, ())}
    facts.jobs = [j for j in facts.jobs if j.role and j.role != "alternative" or j.text.lower() not in roled]
    abroad = []
    for j in facts.jobs:  # "I was accountant in my home country, but here I do bookkeeping": a job held before
        if j.role == CURRENT and j.start >= 0 and ABROAD.search(" ".join(tokens[max(0, j.start - 4):j.end + 5])):
            j.role = PAST
            abroad.append(j)
    licence = work.LICENSE.search(text)
    if licence and not any(j.role == TARGET for j in facts.jobs) and not work.DRIVERS_LICENSE.match(licence.group(0)[4:]):
        field = tuple(words(licence.group(1)))  # "cosmetology license": a cosmetologist's
        person = spans.person_form(field)
        facts.jobs.append(Job(" ".join(person) if person else licence.group(1), TARGET, -1, -1))
    wanted, have = work.said(work.SAID_TARGET, text), work.said(work.SAID_CURRENT, text)
    if not any(j.role == TARGET for j in facts.jobs) and wanted:
        facts.jobs.append(Job(wanted, TARGET, -1, -1))
    if not any(j.role in (CURRENT, PAST) for j in facts.jobs) and have:
        facts.jobs.insert(0, Job(have, CURRENT, -1, -1))
    if not any(j.role == CURRENT or j.role == PAST and j not in abroad for j in facts.jobs):
        doing = work.doing(spans, text)
        if doing and (MILITARY.search(doing) or MILITARY.search(text) and len(doing.split()) == 1):
            doing = None  # "served 6 yrs Army as a 92A": the branch and code, not the work (DUTIES, below)
        if doing:  # what they do, for the resolver to read as a job ("debone chicken at the Tyson plant")
            facts.jobs.insert(0, Job(doing, CURRENT, -1, -1))
    for word in AVOID.findall(text):
        if word.lower() not in AVOID_NOT and word.lower() not in facts.avoid:
            facts.avoid.append(word.lower())
    facts.years = _duration(text)
    _years_of_each(tokens, facts.jobs, clauses)
    swap = SWAP.search(text)  # ... unless taken back after it: "backwards? no wait thats right"
    facts.swap = bool(swap) and not SWAP_TAKEN_BACK.search(text[swap.end():])
    facts.military = bool(MILITARY.search(text) or MILITARY_CODE.search(text) and SERVICE_EXIT.search(text))
    duties = DUTIES.search(text) if facts.military and not any(j.role in (CURRENT, PAST) for j in facts.jobs) else None
    if duties:  # "92A in the army, ran the warehouse and supply": the work day to day, read among civilian jobs
        facts.jobs.insert(0, Job(duties.group(1).strip(" ,"), CURRENT, -1, -1))
    elif facts.military and not any(j.role in (CURRENT, PAST) for j in facts.jobs) \
            and (named := MILITARY_TITLE.search(text)):
        # "army infantry vet": O*NET's own military occupation, which the form holds while it asks the work
        facts.jobs.insert(0, Job(named.group(0), CURRENT, -1, -1))
    facts.topic = topic(text, tokens)
    employer = EMPLOYER.search(text)
    if employer:
        name = re.split(r"[.!?]\s", employer.group(1))[0].strip(" .")  # "at Starbucks. I want ...": Starbucks
        name_words = set(words(name))
        known_word = name.split()[0].lower() in spans.english and not name[:1].isupper()
        if not any(set(j.text.split()) & name_words for j in facts.jobs) and not places.state_of(name) \
                and name.split()[0].lower() not in NOT_EMPLOYER and not known_word:
            facts.employer = name
    return facts


REJECTION = (r"\s*\?+\s*(?:no+|nope|nah|hell no|no way|no thanks|are you (?:kidding|serious|joking)|seriously|lol|lmao|ew+"
             r"|come on|cmon|really|for real|what|huh|wtf|why)\b")


def _rejected(text: str, title: str) -> bool:
    """A suggestion thrown back ("crossing guard?? no lol", "tree trimmer?? are you kidding me")."""
    return bool(re.search(r"\b" + re.escape(title) + REJECTION, text, re.I))


NOT_LIVING = re.compile(r"\b(don'?t|dont|do not|never|no longer|not) (live|living|lived|stay|staying|located|based)"
                        r"( in| at| near| around)?$|\bnot in$|\bnot from$|\bmoved (away )?from$|\bleft$")
HIRING = {"hiring", "hire", "hires", "hired", "recruiting", "recruit", "recruits"}
SERVED = {"assistant", "secretary", "aide", "helper", "report", "reports", "reporting", "answer", "answering"}
WORKPLACE_NOUNS = {"supplier", "suppliers", "plant", "factory", "dealer", "dealership", "store", "shop", "mill", "office",
                   "company", "firm", "clinic", "practice", "warehouse", "center", "centre", "lab", "agency", "contractor"}


EMPLOYED_BY = [[at, article] for at in ("for", "at", "with") for article in ("a", "an", "the")]


def _not_theirs(tokens: list[str], span, english: frozenset[str]) -> bool:
    """A title in the message that names no job of theirs, by the words around it."""
    start, end, said = span.start, span.end, span.text.lower()
    before, two_before = tokens[max(0, start - 1):start], tokens[max(0, start - 2):start]
    if start >= 3 and two_before in (["to", "the"], ["to", "our"], ["to", "my"]) and tokens[start - 3] in SERVED:
        return True  # whom they work for: "executive assistant to the CEO"
    at = before in (["at"], ["for"]) or start >= 2 and tokens[start - 2] in ("at", "for") and before[0] in ("a", "an", "the")
    if at and end < len(tokens) and tokens[end] in WORKPLACE_NOUNS:
        return True  # the kind of workplace: "at a GM supplier", "at a vet clinic", "for a law firm"
    if before == ["than"] or two_before in (["than", "a"], ["than", "an"]):
        return True  # the one they are less: "more of a carpenters helper than a laborer"
    if before and before[0] in HIRING:
        return True  # whom employers look for: "which banks are hiring loan officers"
    if said in work.CREDENTIALS and before and before[0] in work.CREDENTIAL_BEFORE:
        return True  # a credential taken or passed: "the CFA", "get my PMP"
    # Spanish "for" ("la escuela para dental hygienist"), not a paraprofessional ("I'm a para at the school")
    return said == "para" and bool(before) and (before[0] not in english or before[0] in SPANISH)


def topic(text: str, tokens: list[str] | None = None) -> str | None:
    tokens = tokens or words(text)
    if tokens and _spanish(tokens):
        return "spanish"
    for name, pattern in TOPICS[1:] + TOPICS_EXTRA:
        if asks_for_person(text) if name == "person" else pattern.search(text):
            return name
    return None


def _spanish(tokens: list[str]) -> bool:
    strong = sum(t in SPANISH_STRONG for t in tokens)
    share = sum(t in SPANISH for t in tokens) / len(tokens)
    return strong >= 1 and share >= 0.4 or strong >= 2


YEARS_BEFORE = re.compile(r"(?:^| )((?:\d+(?:\.\d+)?|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
                          r"|fifteen|twenty|thirty|a couple of|a few|several) (?:years?|yrs?|months?|mos?)) (?:as|of) (?:an? )?$")
BARE_FOR = re.compile(r"^(?:for|about|another) (\d+|one|two|three|four|five|six|seven|eight|nine|ten)\b")


def _years_of_each(tokens: list[str], jobs: list[Job], clauses: set[int]) -> None:
    """How long each job was held, from the words beside its title up to the next title or clause: "cashier for 3
    years", "5 yrs as a welder"; "then a bank teller for 2" takes the unit of the job before it."""
    starts = sorted({j.start for j in jobs if j.start >= 0} | set(clauses) | {len(tokens)})
    unit = None
    for job in sorted((j for j in jobs if j.start >= 0), key=lambda j: j.start):
        stop = next((s for s in starts if s >= job.end and s > job.start), len(tokens))
        after = " ".join(tokens[job.end:stop])
        begin = max([0] + [s for s in clauses if s <= job.start])
        before = YEARS_BEFORE.search(" ".join(tokens[begin:job.start]) + " ")
        found = DURATION.search(after)
        if found:
            job.years = found.group(1)
        elif before:
            job.years = before.group(1)
        elif unit and BARE_FOR.match(after):
            job.years = f"{BARE_FOR.match(after).group(1)} {unit}"
        if job.years:
            unit = "months" if re.search(r"\bmo", job.years) else "years"


# the length of a program, not of their work: "a 2 year program", "4 years of college", "a 6 month course"
NOT_THEIR_YEARS = re.compile(r"^[\s-]*(?:of\s+)?(?:program|degree|course|school|college|university|apprenticeship|"
                             r"training|bootcamp|certificate|cert|rn|lpn|nursing|study|classes|plan)\b", re.I)

# time they would spend, not time they worked: "i cant afford 4 years", "takes 2 years", "in 6 months"
NOT_THEIR_YEARS_BEFORE = re.compile(r"\b(?:afford|spend|take|takes|taking|took|go back for|another|in|within|wait"
                                    r"|hrs|hours|days|shifts|times|nights|\d+)\s+$", re.I)  # "25 hrs a week": how often


def _duration(text: str) -> str | None:
    found = next((f for f in DURATION.finditer(text) if not NOT_THEIR_YEARS.match(text[f.end():])
                  and not NOT_THEIR_YEARS_BEFORE.search(text[:f.start()])), None)
    return found.group(1) if found else None
