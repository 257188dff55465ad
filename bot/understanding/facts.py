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

from knowledge import workplaces
from knowledge.places import Place, Places
from knowledge.title_spans import GENERIC_FIELDS, Span, TitleSpans, clause_starts, normal, words

WINDOW = 7  # words before a title searched for its cue
CURRENT, TARGET, PAST = "current", "target", "past"
PROGRAM = "program"  # the first job of a bridge program's name ("LVN to RN"): neither the job they have nor want

# cue phrases, as word tuples, matched ending at most 3 filler words before the title
_CUES = {
    TARGET: """want to be|want to become|wanna be|wanna become|want to do|want to work as|want to get into|want to go into
        |want to try|want to switch to|want to move into|wanting to be|want be|want|wanna|would like to be|like to be
        |i'd like to be|id like to be|like to become|become|becoming|get into|getting into|go into|going into|move into
        |moving into|switch to|switching to|switch into|transition to|transition into|transitioning to|change to
        |changing to|thinking about|thinking of|think about|considering|interested in|dream of|dream is|dream job
        |goal is|hoping to be|hope to be|hoping to become|plan to be|planning to be|aim to be|train to be|training to be
        |training as|study to be|studying to be|school for|what about|how about|instead|could i be|can i be
        |could i become|can i become|how do i become|how to become|how do i get into|career as|career in|pursue
        |pursuing|looking into|looking at|aspire to be|to be|to become|be|into|ser|quiero ser|llegar a ser|estudiar
        |try|trying to be|try being|apply to be|get a job as|find a job as|working toward|next step
        |job i want is|the job i want is|i want is|want is|job i want|i meant|meant|rather be|switch it to|change it to
        |over to|moving over to|move over to|branch out into|break into|get my|getting my|thinking|i'm thinking
        |im thinking|love to|love to be|would love to|like to do|i'd like to do|id like to do|be good at|learn|learn to
        |learning|want to learn|land a|land|go back for|going back for|back for|want a|want an|like to work as|love to work as
        |hope to work as|wanting to work as|perhaps work as|maybe work as|rather work as|like to work as a
        |love to work as a|hope to work as a|perhaps work as a|maybe work as a|rather work as a|perhaps work as an
        |love to work in|like to work in|want to work in|rather work in|hope to work in|wanting to work in
        |something in|something with|something like|move up to|moving up to|step up to|promoted to|want to get|to get
        |wanting|am wanting|i am wanting|maybe""",
    CURRENT: """i'm|im|i am|i'm a|i work as|i work|working as|work as a|currently|currently a|now a|now|been|been a
        |been working as|job as|employed as|my job is|i do|i'm the|im the|i am the|am|as|soy|trabajo como|trabajo de
        |i'm currently|im currently|i'm working|im working|working|work|doing|i run|i drive|i'm still|still
        |job i have is|the job i have is|job i have now is|the job i have now is|i have now is|i'm actually|im actually
        |i am actually|actually i'm|actually im|i'm really|no i'm|no im|no i am|my current job is|currently work as""",
    PAST: """used to be|used to|i was|was|was a|were|former|formerly|previously|before that|retired|ex|back when i was
        |i worked as|worked as|fui|last job|my last job was|did""",
}
CUES = {role: [tuple(p.split()) for p in re.split(r"\s*\|\s*", text.strip())] for role, text in _CUES.items()}
FILLER = {"a", "an", "the", "my", "some", "kind", "of", "sort", "like", "certified", "licensed", "full", "part", "time",
          "just", "really", "actually", "also", "still", "maybe", "probably", "eventually", "someday", "one", "day", "um"}
# words that start a new clause: a cue before one of them is not the title's
CLAUSE = {"and", "but", "then", "or", "so", "want", "wanna", "to", "be", "become", "now", "was", "were", "used", "i", "im",
          "i'm", "am", "is", "not", "no", "never", "currently", "work", "working", "into", "from", "what", "how"}
NEGATION = [tuple(p.split()) for p in (
    "not", "not a", "no", "no more", "anything but", "anything except", "except", "other than", "besides", "never",
    "don't want to be", "dont want to be", "do not want to be", "not be", "don't want", "dont want", "hate", "tired of",
    "done with", "sick of", "away from", "get out of", "getting out of", "leave", "leaving", "quit", "not another",
    "nothing in", "no longer", "stop being")]
AFTER_CURRENT = [tuple(p.split()) for p in (
    "for", "since", "now", "currently", "right now", "at the moment", "is my job", "experience", "by trade", "here",
    "at", "job", "during", "full time", "part time", "nights", "days", "and i", "but i", "the last", "last")]
AFTER_TARGET = [tuple(p.split()) for p in ("is my dream", "would be", "someday", "eventually", "one day", "next")]
FROM_TO = ("to", "into", "->", "→")

TOPICS = [
    ("spanish", None),  # decided by words, below
    ("resume", re.compile(r"\b(r[eé]sum[eé]s?|cv|cover letters?)\b", re.I)),
    ("person", re.compile(
        r"\b(talk|speak|chat)\w*\s+(to|with)\s+(a\s+|an\s+|some\s+)?(someone|somebody|person|human|real|live|counsel|agent|"
        r"advis|representative|rep\b|staff|people)|\b(call\s*back|callback|call me|phone number|who (can|do|should) i "
        r"call|someone (to )?call|can someone|a real person|human being|real human|live agent|(a|my|career) counselor"
        r"|a person)\b", re.I)),
    ("complaint", re.compile(
        r"\b(useless|not helpful|unhelpful|no help|stupid|dumb|waste of (my )?time|doesn'?t help|not what i (said|asked|meant)"
        r"|makes no sense|you don'?t understand|this sucks|terrible|worthless|annoying|frustrat\w*|not listening"
        r"|that'?s wrong|wrong answer)\b", re.I)),
    ("age", re.compile(r"\b(too old|at my age|age discrimination|older workers?|anyone hire (a|an|someone)\b.{0,12}"
                       r"\d\d|\d\d[- ]?(year|yr)s?[- ]old)\b", re.I)),
    ("credential", re.compile(
        r"\b(need|needs|require[sd]?|have to (have|get))\b[^.?!]{0,25}\b(licen[cs]e[ds]?|certifi\w*|permits?|cdl"
        r"|board cert\w*|exam)\b|\b(licen[cs]e|certification|permit|cdl)\s*\?", re.I)),
    ("job_search", re.compile(
        r"\b((find|show|get|give|list|search)( me)? (a )?(jobs?|openings|listings|postings|work) (near|in|around|close)"
        r"|job (listings|postings|openings|boards?)|who'?s hiring|who is hiring|(jobs?|openings) near( me)?"
        r"|apply (for|to) (jobs|a job)|help me apply)\b", re.I)),
]
SWAP = re.compile(r"\b(backwards?|swap|swapped|switch (them|it|those)|flip (them|it)|other way (a)?round|reversed?"
                  r"|right the first time|was right before|undo (that|it)|put (it|them) back"
                  r"|mixed (it|them|those) up|got (it|that|them) (mixed|backwards|reversed|wrong way)|wrong way round)\b", re.I)
SPANISH = {"soy", "quiero", "ser", "trabajo", "estoy", "tengo", "años", "anos", "hola", "ayuda", "busco", "vivo",
           "para", "pero", "como", "donde", "quisiera", "gracias", "necesito", "cómo", "qué", "trabajar", "puedo",
           "enfermera", "enfermero", "cajera", "cajero", "mi", "es", "una", "un", "en", "de", "y", "con", "los", "las"}
SPANISH_STRONG = {"soy", "quiero", "trabajo", "estoy", "tengo", "años", "hola", "busco", "vivo", "quisiera", "gracias",
                  "necesito", "trabajar", "puedo", "enfermera", "cajera", "cajero", "enfermero", "ayuda"}
MILITARY = re.compile(r"\b(army|navy|marines?|usmc|air force|coast guard|military|veteran|served in|mos\b|afsc"
                      r"|enlisted|deployed|national guard|reserves|nco|e-?[4-9]\b|active duty)\b", re.I)
MILITARY_CODE = re.compile(r"\b(\d{2}[A-Z]\d?|\d[A-Z]\d[X\d]\d|\d{4})\b")
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
    r"|not sure honestly|not sure yet|undecided|options\?|what'?s out there)", re.I)
TOPICS_EXTRA = [("veteran_benefits", re.compile(r"\b(gi bill|g\.i\. bill|va benefits|post[- ]?9/?11|vr&e|voc rehab|chapter 31)\b", re.I))]
DURATION = re.compile(
    r"\b(?:for\s+|about\s+|almost\s+|nearly\s+|over\s+|like\s+)?"
    r"((?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    r"|a couple(?: of)?|a few|few|several)(?:\s+and\s+a\s+half|\s*\+)?\s*(?:years?|yrs?|months?|mos?|weeks?)"
    r"(?:\s+and\s+a\s+half)?|since\s+(?:19|20)\d\d)\b", re.I)


@dataclass
class Job:
    text: str
    role: str | None
    start: int
    end: int
    cued: bool = True  # the words around it say the role; False: inferred (a lone title in a first message)
    setting: str = ""  # where, said after the title: "at a medical office", "in a special ed classroom"

    @property
    def said(self) -> str:
        """The title with its setting, as the resolver reads it: "secretary" alone is three occupations,
        "secretary at a medical office" one; "server at olive garden" is a waiter, not a computer."""
        return f"{self.text} {self.setting}" if self.setting else self.text


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


# What people do, said as a verb: read as the title ("I do hair" -> "I work as a hairdresser")
PARTICIPLE = re.compile(r"^[a-z]{3,}ed$", re.I)
# Words that are someone's title in O*NET but not what people mean by them: credentials asked about ("do i need a
# license": not License Clerks) and "closer" ("schools closer to killeen": not a loan closer)
NOT_JOB_WORDS = {"license", "licence", "licenses", "permit", "permits", "certification", "certificate", "cdl", "degree",
                 "diploma", "ged", "exam", "closer"}
VERB_WISH = re.compile(r"\b(want|wanna|would|like|love|maybe|something|rather|prefer|thinking|become|start|try|hope|dream)\b",
                       re.I)
VERB_JOBS = [(re.compile(p, re.I), title) for p, title in (
    (r"\b(do|doing|did|does) hair\b", "hairdresser"), (r"\bcut(ting)? hair\b", "barber"),
    (r"\b(do|doing) nails\b", "nail technician"), (r"\b(drive|drives|driving|drove) (a )?forklifts?\b", "forklift operator"),
    (r"\b(drive|drives|driving|drove) (a )?school bus(es)?\b", "school bus driver"),
    (r"\b(drive|drives|driving|drove) (a )?(city )?bus(es)?\b", "bus driver"),
    (r"\b(drive|drives|driving|drove) (a |big )?(semi|truck|trucks|rig|18 wheeler)s?\b", "truck driver"),
    (r"\b(drive|drives|driving|drove) (for )?(uber|lyft)\b", "taxi driver"),
    (r"\b(drive|drives|driving|drove|deliver|delivering) (for )?(an? )?(amazon|fedex|ups|doordash|instacart|grubhub|uber eats"
     r"|dominos|domino's|pizza hut)\b", "delivery driver"),
    (r"\b(deliver|delivering) (packages|food|pizza|for amazon)\b", "delivery driver"),
    (r"\b(sell|selling|sold) cars\b", "car salesperson"), (r"\b(sell|selling|sold) (insurance)\b", "insurance agent"),
    (r"\b(sell|selling|sold) (houses|homes|real estate)\b", "real estate agent"),
    (r"\b(clean|cleaning|cleaned) (houses|homes|offices|buildings)\b", "house cleaner"),
    (r"\b(wait|waiting|waited) tables\b", "waiter"), (r"\b(tend|tending) bar\b", "bartender"),
    (r"\b(fix|fixing|fixed|repair|repairing) (cars|engines|trucks)\b", "auto mechanic"),
    (r"\b(fix|fixing|fixed) (computers|phones)\b", "computer repair technician"),
    (r"\b(work|working|worked|on) (the |a )?(drive[- ]?thru|drive[- ]?through|fry station|grill)\b", "fast food worker"),
    (r"\b(work|working|worked|run|running|on) (the |a )?(register|cash register|checkout)\b", "cashier"),
    (r"\b(stock|stocking|stocked) shelves\b", "stocker"), (r"\b(pick|picking|picked|pack|packing) orders\b", "order picker"),
    (r"\b(work|working|worked|do|doing) (in )?(construction)\b", "construction laborer"),
    (r"\b(work|working|worked|do|doing) (in )?(a )?warehouse\b", "warehouse worker"),
    (r"\b(work|working|worked|do|doing) retail\b", "retail sales associate"),
    (r"\b(work|working|worked|do|doing) (overnight |night |nights |armed |hospital |mall )?security\b(?! guard| officer)", "security guard"),
    (r"\b(do|doing|did) makeup\b", "makeup artist"),
    (r"\b(clean|cleaning|cleaned) (at|in|for) (a|an|the)\b", "cleaner \\2 \\3"),
    (r"\b(work|working|worked) (at|in) (a |the )?(daycare|day care|childcare center|preschool)\b", "child care worker"),
    (r"\b(drive|drives|driving|drove|run|running|ran) (otr|over the road|long haul)\b", "truck driver"),
    (r"\b(ups|fedex|usps|amazon|dhl) (delivery )?driver\b", "delivery driver"),
    (r"\b(do|doing|did) (landscaping|lawn care)\b", "landscaper"), (r"\b(mow|mowing) (lawns|grass)\b", "landscaper"),
    (r"\b(do|doing|did) (drywall)\b", "drywall installer"), (r"\b(do|doing|did) roofing\b", "roofer"),
    (r"\b(do|doing|did) (tattoos)\b", "tattoo artist"), (r"\b(do|doing|did) (taxes)\b", "tax preparer"),
    (r"\b(do|doing|did) (payroll)\b", "payroll clerk"), (r"\b(do|doing|did) (daycare|childcare)\b", "child care worker"),
    (r"\b(babysit|babysitting|nanny for)\b", "nanny"), (r"\b(answer|answering) phones\b", "receptionist"),
    (r"\b(teach|teaching|taught) kindergarten\b", "kindergarten teacher"),
    (r"\b(teach|teaching|taught) preschool\b", "preschool teacher"),
    (r"\b(teach|teaching|taught) (high school|middle school|elementary school|elementary)\b", "\\2 teacher"),
    (r"\b(teach|teaching|taught) nursing\b", "nursing instructor"),
    (r"\b(teach|teaching|taught) (music|piano|guitar|art|dance|swim|swimming|driving|yoga) (lessons|classes)\b", "\\2 teacher"),
    (r"\b(teach|teaching|taught) (school|kids)\b", "teacher"),
    (r"\b(translate|translating|interpret|interpreting)\b", "interpreter"),
    (r"\b(on the line|line worker) at (the|a) (\w+ )?(plant|factory)\b", "assembly line worker"),
    (r"\b(on|work|working|worked) (on )?(the |an? )?(assembly|production) line\b", "assembly line worker"),
    (r"^\W*(assembly|production) line\b(?! worker)", "assembly line worker"),  # "ASSEMBLY LINE AT A CAR PLANT"
    # "worked at the plant": a factory; "plant worker" is O*NET's title for a nursery hand
    (r"\b(work|working|worked) (at|in) (the |an? )?(plant|factory|mill)\b(?! nursery)", "factory worker"),
)]


# "I debone chicken at the Tyson plant", "I process claims": no title, but the resolver reads what people do
DOING = re.compile(
    r"(?:^|\b(?:i|i've|ive|i have|i've been|ive been|been)\s+)(?:(?:just|mostly|currently|still|usually|now|also)\s+)?"
    r"((?:work|do|make|sell|run|process|deliver|drive|debone|cut|clean|cook|fix|build|hang|install|repair|answer|take care of"
    r"|care for|watch|stock|pack|load|unload|operate|manage|supervise|teach|tutor|wash|serve|bake|paint|weld|mow|plow|milk"
    r"|pick|sort|ship|handle|assist|lead|coordinate|schedule|file|enter|code|design|write|edit|test|support|sew|solder"
    r"|assemble|inspect|butcher|prep|bartend|babysit|nanny|volunteer|mop|haul|frame|pour|lay|patch|led|ran|drove"
    r"|built|taught|sold|fought|kept|held|trained|guarded|served|patrolled|maintained|managed|repaired|worked"
    r"|change|roof|play|hang|mix|groom|trim|feed)"
    r"(?:s|es|ed|d|ing|ning|ping)?\b[^.,;!?]{2,60})",
    re.I)
DOING_END = re.compile(r"\s+(?:and|but|so|then|n)\s+(?:i\s+)?(?:want|wanna|would|like|hope|am|i'm|need|really|honestly)\b.*$"
                       r"|\s+(?:want|wanna|looking|thinking|hoping|trying|honestly|idk|lol|in|since|for \d)\b.*$", re.I)


# A correction that names a job the store has no title for: "no, the job I have now is housekeeping / EVS at
# a hospital" hands the words after the cue to the resolver, for the role the cue says
SAID_CURRENT = re.compile(r"\b(?:the job i have(?: now)? is|my (?:current |real )?job is|i(?:'m| am) actually an?"
                          r"|no,? i(?:'m| am) an?|i work as an?|currently an?)\s+([^.,;!?]{3,60})", re.I)
SAID_TARGET = re.compile(r"\b(?:the job i want(?: to do)? is|the job i'd like is|i(?:'d| would) rather be an?"
                         r"|i want to (?:be|become) an?|wanna (?:be|become) an?)\s+([^.,;!?]{3,60})", re.I)


def _said(pattern: re.Pattern, text: str) -> str | None:
    found = pattern.search(text)
    return DOING_END.sub("", found.group(1)).strip() or None if found else None


# "work at a call center doing customer service": what they do is after "doing", where is before it
WORK_DOING = re.compile(r"^work(?:s|ing|ed)?\s+(?:\w+\s+)?((?:at|for|in)\s+.+?)\s+doing\s+(.+)$", re.I)
DRIVERS_LICENSE = re.compile(r"\W*(?:my |a |the )?driver'?s'? licen[cs]e", re.I)
# "want to get my real estate license": the license names the job
LICENSE = re.compile(r"\b(?:get|getting|got|earn|earning|take|taking)\s+(?:my|a|the|an)\s+((?:\w+\s+){0,2}\w+?)\s+licen[cs]e",
                     re.I)


def _doing(spans: TitleSpans, text: str) -> str | None:
    found = DOING.search(text)
    if not found:
        return None
    clause = DOING_END.sub("", found.group(1)).strip()
    if re.match(r"^(do|does|did|make|run|work)\s+(i|you|we|they|he|she|u)\b", clause, re.I) \
            or re.match(r"^(do|does|did)\s+(it|that|this)\b", clause) and "?" in text:
        return None  # a question ("do i need to be certified?", "does it pay well"), not what they do
    work_doing = WORK_DOING.match(clause)
    if work_doing:  # "housekeeping" is what a housekeeper does, not a housekeeping supervisor
        what = work_doing.group(2)
        person = spans.person_form(tuple(words(what))) if len(words(what)) <= 3 else None
        return f"{' '.join(person) if person else what} {work_doing.group(1)}"
    if re.match(r"^work(s|ing|ed)?\s+((at|for|with|from|as|like)\b|in\s+\S+$)(\s+\S+){0,3}$", clause, re.I):
        return _workplace_job(spans, clause)  # "I work at Amazon": where, not what; the form asks what they do there
    return clause


WORKPLACE_HEADS = ("worker", "attendant", "associate", "aide", "representative")


def _workplace_job(spans: TitleSpans, clause: str) -> str | None:
    """"I work at a car wash", "work in a daycare": a place that names its own job (car wash attendant,
    daycare worker); None for an employer ("Amazon"), which the form asks about."""
    place = [w for w in words(clause)[2:] if w not in ("a", "an", "the", "my")]
    key = tuple(normal(w) for w in place)
    for head in WORKPLACE_HEADS:
        if key and key + (head,) in spans.names:
            return " ".join(place + [head])
    return None


def _verb_jobs(text: str) -> str:
    def job(m: re.Match, title: str) -> str:
        # "I drive a school bus": the job they have; "maybe something like driving a school bus": a wish,
        # so only the title, for the words before it (or the question asked) to give its role
        before = re.split(r"[.!?;]|\b(?:now|currently|at the moment)\b", text[:m.start()], flags=re.I)[-1]  # "want X, now I drive"
        return ("become a " if VERB_WISH.search(before) else "work as a ") + m.expand(title)

    for pattern, title in VERB_JOBS:
        text = pattern.sub(lambda m, title=title: job(m, title), text)
    return text


# "2nd grade teacher", "teach 7th grade": the school level O*NET's teacher titles name
GRADES = [(re.compile(r"\b(k|kinder|kindergarten|pre ?k|1st|first|2nd|second|3rd|third|4th|fourth|5th|fifth)"
                      r"([- ]grade)?[- ]teacher\b", re.I), "elementary school teacher"),
          (re.compile(r"\b(6th|sixth|7th|seventh|8th|eighth)[- ]grade[- ]teacher\b", re.I), "middle school teacher"),
          (re.compile(r"\b(9th|ninth|10th|tenth|11th|eleventh|12th|twelfth)[- ]grade[- ]teacher\b", re.I),
           "high school teacher")]


RANK = re.compile(r"\b(tier|level)[- ]?(1|2|3|one|two|three|i{1,3})\b", re.I)


def read(spans: TitleSpans, places: Places, text: str) -> Facts:
    for grade, title in GRADES:
        text = grade.sub(lambda m, title=title: "preschool teacher" if m.group(1).lower().startswith("pre")
                         else "kindergarten teacher" if m.group(1).lower().startswith("k") else title, text)
    text = RANK.sub(" ", _verb_jobs(text))  # "tier 1 help desk" is help desk
    tokens = words(text)
    facts = Facts()
    found = places.find_all(text, tokens)
    employer = workplaces.find(tokens)
    if employer and workplaces.is_employer(tokens[employer[0]:employer[1]]) and employer[1] - employer[0] > 1:
        found = [p for p in found if not employer[0] <= p.start < employer[1]]  # "Wells Fargo" is not North Dakota
    taken = {i for p in found for i in range(p.start, p.end)}
    # "i said georgia not alabama": the place after "not" is the one they don't mean
    meant = [p for p in found if tokens[max(0, p.start - 1):p.start] not in (["not"], ["no"], ["nor"], ["never"])]
    if meant:
        facts.place = meant[-1]
    sentences, clauses, asked = clause_starts(text), clause_starts(text, ",.!?;"), clause_starts(text, ",.!?;", "?")
    cues = _cue_ends(tokens, clauses, sentences)
    people_only = asked - cues  # a word asked alone names a job only through its person: "nursing?", not "union?"
    title_spans = spans.find(text, skip=taken, after_cue=cues | _asked_alone(tokens, clauses, asked),
                             people_only=people_only)
    facts.jobs, facts.avoid = _roles(tokens, title_spans, _is_question(text, tokens), bool(re.search(r"\bRN\b", text)),
                                     sentences, clauses, asked)
    _settings(tokens, facts.jobs, taken, spans.english, clauses)
    facts.jobs = _workplace(text, tokens, facts)
    if EXPLORE_WORDS.search(text) and not any(j.role == TARGET for j in facts.jobs):
        facts.explore = True
    facts.jobs = [j for j in facts.jobs if not DRIVERS_LICENSE.match(j.text)  # what everyone needs, not a job
                  and not PARTICIPLE.match(j.text)  # "to be certified", "get hired": a state, not a job
                  and not (j.text.lower() in NOT_JOB_WORDS and (j.text.lower() == "closer" or topic(text) == "credential"))]
    licence = LICENSE.search(text)
    if licence and not any(j.role == TARGET for j in facts.jobs) and not DRIVERS_LICENSE.match(licence.group(0)[4:]):
        field = tuple(words(licence.group(1)))  # "cosmetology license": a cosmetologist's
        person = spans.person_form(field)
        facts.jobs.append(Job(" ".join(person) if person else licence.group(1), TARGET, -1, -1))
    if not any(j.role == TARGET for j in facts.jobs) and _said(SAID_TARGET, text):
        facts.jobs.append(Job(_said(SAID_TARGET, text), TARGET, -1, -1))
    if not any(j.role in (CURRENT, PAST) for j in facts.jobs) and _said(SAID_CURRENT, text):
        facts.jobs.insert(0, Job(_said(SAID_CURRENT, text), CURRENT, -1, -1))
    if not any(j.role in (CURRENT, PAST) for j in facts.jobs):
        doing = _doing(spans, text)
        if doing:  # what they do, for the resolver to read as a job ("debone chicken at the Tyson plant")
            facts.jobs.insert(0, Job(doing, CURRENT, -1, -1))
    for word in AVOID.findall(text):
        if word.lower() not in AVOID_NOT and word.lower() not in facts.avoid:
            facts.avoid.append(word.lower())
    facts.years = _duration(text)
    facts.swap = bool(SWAP.search(text))
    facts.military = bool(MILITARY.search(text) or MILITARY_CODE.search(text) and re.search(r"\bmos\b", text, re.I))
    facts.topic = topic(text, tokens)
    employer = EMPLOYER.search(text)
    if employer:
        name = employer.group(1).strip(" .")
        name_words = set(words(name))
        known_word = name.split()[0].lower() in spans.english and not name[:1].isupper()
        if not any(set(j.text.split()) & name_words for j in facts.jobs) and not places.state_of(name) \
                and name.split()[0].lower() not in NOT_EMPLOYER and not known_word:
            facts.employer = name
    return facts


def topic(text: str, tokens: list[str] | None = None) -> str | None:
    tokens = tokens or words(text)
    if tokens and _spanish(tokens):
        return "spanish"
    for name, pattern in TOPICS[1:] + TOPICS_EXTRA:
        if pattern.search(text):
            return name
    return None


def _spanish(tokens: list[str]) -> bool:
    strong = sum(t in SPANISH_STRONG for t in tokens)
    share = sum(t in SPANISH for t in tokens) / len(tokens)
    return strong >= 1 and share >= 0.4 or strong >= 2


def _ends_with(window: list[str], phrase: tuple[str, ...]) -> int | None:
    """Where ``phrase`` ends in ``window`` with at most 3 words between it and the title ("I'm a
    McDonald's crew member", "I'm a night shift cashier"), none of them a word that starts another
    clause: the count of those words."""
    for gap in range(0, 4):
        end = len(window) - gap
        if end - len(phrase) < 0:
            break
        if tuple(window[end - len(phrase):end]) == phrase and not any(w in CLAUSE for w in window[end:]):
            return gap
    return None


def _cue_before(window: list[str]) -> tuple[str | None, int]:
    """(role, length of the cue) of the longest cue that only filler words separate from the title:
    "want to work as a" is a target's cue even though "work as a" (a current job's) ends closer."""
    best: tuple[int, int, str] | None = None  # (-length, gap, role)
    for role, phrases in CUES.items():
        for phrase in phrases:
            gap = _ends_with(window, phrase)
            if gap is not None:
                key = (-len(phrase), gap, role)
                if best is None or key < best:
                    best = key
    return (best[2], -best[0]) if best else (None, 0)


# "I work in logistics", "trabajo de housekeeping": a field after these is the job they have
FIELD_CUES = [tuple(p.split()) for p in ("work in", "working in", "worked in", "trabajo de", "trabajo en", "i work",
                                         "job in", "career in", "experience in", "background in")]
# "want something steady, maybe [wind turbine tech]": after a wish, these introduce what they would like
SOFT_CUES = {"maybe", "perhaps", "like", "possibly", "probably", "or"}
# ... and these open or close a short clause that names one ("body giving out. Maybe [log scaler]?",
# "want a sit down job, [medical coding] maybe")
OPENING_SOFT_CUES = {"maybe", "perhaps", "possibly", "thinking", "considering"}
CLOSING_SOFT_CUES = {"maybe", "perhaps", "possibly", "probably", "someday", "eventually"}
SHORT_CLAUSE = 6  # words: a clause that short, closed by "maybe", is a title and the cue
SCHOOL_CUES = {"to", "for", "into", "start", "starting", "attend", "attending", "apply", "applying"}
WISH_REACH = 15  # words back from a soft cue searched for the wish


def _wished(tokens: list[str], i: int) -> bool:
    """Whether the word before index ``i`` is a soft cue that follows a wish."""
    return i > 0 and tokens[i - 1] in SOFT_CUES and _wants(tokens[max(0, i - 1 - WISH_REACH):i - 1])


def _cue_ends(tokens: list[str], clauses: set[int] = frozenset(), sentences: set[int] = frozenset()) -> set[int]:
    """Word indexes right after a role cue (up to three filler words between allowed): "get into [hvac]",
    "want a full time [bookkeeping] job", "going to [pharmacy] school"; and the start of a short clause
    that a soft cue opens or closes: "Maybe [log scaler]?", "[medical coding] maybe"."""
    out = {i for i in range(1, len(tokens)) if _wished(tokens, i)}
    for i in range(1, len(tokens)):
        window = tokens[max(0, i - WINDOW):i]
        for phrases in (CUES[TARGET], FIELD_CUES):
            for phrase in phrases:
                for gap in range(0, 4):
                    end = len(window) - gap
                    if end >= len(phrase) and tuple(window[end - len(phrase):end]) == phrase and \
                            all(w in {"a", "an", "the", "some", "my"} or w in FILLER for w in window[end:]):
                        out.add(i)
        if tokens[i + 1:i + 2] == ["school"] and tokens[i - 1] in SCHOOL_CUES:
            out.add(i)  # "thinking about going to [pharmacy] school": the pharmacist
        if i - 1 in clauses and tokens[i - 1] in OPENING_SOFT_CUES:
            out.add(i)
    previous = None
    for start, end in _clause_spans(clauses, len(tokens)):
        if end - start <= SHORT_CLAUSE and tokens[end - 1] in CLOSING_SOFT_CUES:
            out.add(start)  # "[medical coding] maybe"
        if end - start <= 3 and previous and start not in sentences and _wants(tokens[previous[0]:previous[1]]) \
                and tokens[previous[1] - 1] in GENERIC_FIELDS | {"something", "computers"}:
            out.add(start)  # "I want to do something with computers, [cybersecurity]"
        previous = (start, end)
    return out


def _asked_alone(tokens: list[str], clauses: set[int], asked: set[int]) -> set[int]:
    """Where a clause of at most three words that ends in "?" starts: "Waitress, Kentucky, [nursing]?"."""
    return {start for start, end in _clause_spans(clauses, len(tokens)) if end - start <= 3 and start in asked}


def _clause_spans(starts: set[int], length: int) -> list[tuple[int, int]]:
    """(start, end) word indexes of each clause, from the indexes where clauses start."""
    bounds = sorted({0, length} | {s for s in starts if 0 < s < length})
    return list(zip(bounds, bounds[1:]))


QUESTION_START = {"what", "how", "where", "which", "who", "when", "why", "does", "do", "is", "are", "can", "could",
                  "should", "would", "will"}


def _is_question(text: str, tokens: list[str]) -> bool:
    return "?" in text or bool(tokens) and tokens[0] in QUESTION_START


DESIRE = {"want", "wanna", "wanting", "hope", "hoping", "thinking", "considering", "interested", "dream", "goal", "looking",
          "become", "becoming", "plan", "planning", "aspire", "switch", "switching", "quiero", "rather"}
STRONG_CURRENT = {"i'm", "im", "am", "currently", "been", "soy", "now"}  # "want X, right now I Y"


def _wants(window: list[str]) -> bool:
    """A wish in the words before a title, and no "I'm" after it."""
    last_wish = max((k for k, w in enumerate(window) if w in DESIRE
                     or w == "like" and k and window[k - 1] in ("would", "i'd", "id", "we'd")), default=None)
    return last_wish is not None and not any(w in STRONG_CURRENT for w in window[last_wish + 1:])


def _negated(window: list[str]) -> bool:
    return any(_ends_with(window, phrase) is not None for phrase in NEGATION)


YEARS_AFTER = re.compile(r"^(\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
                         r"|couple|few|several)\+? ?(years?|yrs?|months?|mos?)$")


def _cue_after(tokens: list[str], end: int) -> str | None:
    after = tokens[end:end + 3]
    if YEARS_AFTER.match(" ".join(after[:2])) or YEARS_AFTER.match(" ".join(after[:1])):
        return CURRENT  # "welder 8 yrs", "bartender 12 years"
    for phrase in AFTER_TARGET:
        if tuple(after[:len(phrase)]) == phrase:
            return TARGET
    for phrase in AFTER_CURRENT:
        if tuple(after[:len(phrase)]) == phrase:
            return CURRENT
    return None


# a question about what a job pays or takes is about a job they might want
ASKED_ABOUT = re.compile(r"\b(make|makes|pay|pays|paid|earn|earns|salary|wage|wages|become|becoming|how long|school"
                         r"|training|certified|certification|license|degree|requirements?|take to)\b")


def _someone_else(tokens: list[str], span: Span) -> bool:
    """Whether a title names another person in their story: "my residents" (the people they serve), "my boss
    says", "the doctor says no more climbing"; not "school for my RN" or "getting my CDL" (what they earn)."""
    before = tokens[span.start - 1] if span.start else ""
    if before == "the":
        return tokens[span.end:span.end + 1] != [] and tokens[span.end] in SAYS
    if before not in POSSESSIVE:
        return False
    plural_word = span.end - span.start == 1 and normal(tokens[span.start]) != tokens[span.start]
    return plural_word or span.start == 1 or tokens[span.start - 2] not in EARN


def _roles(tokens: list[str], spans: list[Span], question: bool = False, upper_rn: bool = False,
           sentences: set[int] = frozenset(), clauses: set[int] = frozenset(),
           asked: set[int] = frozenset()) -> tuple[list[Job], list[str]]:
    jobs: list[Job] = []
    avoid: list[str] = []
    previous_end = 0
    for k, span in enumerate(spans):
        if span.text == "rn" and span.start and not upper_rn and tokens[span.start - 1] not in BEFORE_RN:
            continue  # "im a server rn", "barista at starbucks rn": right now
        if _someone_else(tokens, span):
            continue  # "my manager", "the doctor says no more climbing": someone else in their story
        # a cue is in the title's own sentence ("no more nights. thinking HVAC tech": the HVAC tech is wanted)
        sentence = max([0] + [b for b in sentences if b <= span.start])
        start = max(previous_end, span.start - WINDOW, sentence)
        window = tokens[start:span.start]
        wish_window = tokens[max(previous_end, span.start - WISH_REACH, sentence):span.start]
        previous_end = span.end
        if _negated(tokens[max([start] + [b for b in clauses if b <= span.start]):span.start]):
            avoid.append(span.text)
            continue
        role, _length = _cue_before(window)
        if role == CURRENT and PURPOSE.search(" ".join(window)):
            role = TARGET  # "a CPA to work as an accountant", "start as an HR assistant first"
        if jobs and jobs[-1].role == TARGET and window in (["or"], ["and"], ["or", "a"], ["or", "an"], ["maybe"],
                                                            ["or", "maybe"]):
            role = TARGET  # "estimating or project management": another job they would like
        if role in (None, CURRENT) and (_wants(wish_window) or _wished(tokens, span.start)):
            role = TARGET  # "want year-round work as a bookkeeper", "thinking about corrections or probation officer"
        to_before = window[-1:] and window[-1] in FROM_TO or window[-2:-1] == ["to"] and window[-1] in FILLER
        bridge = tokens[max(0, jobs[-1].start - 1):jobs[-1].start] == ["about"] if jobs else False
        if jobs and to_before and bridge:
            jobs[-1].role, role = PROGRAM, TARGET  # "heard about LVN to RN": a bridge program toward the RN
        if jobs and role in (None, CURRENT, PAST) and to_before and not bridge:
            role = TARGET  # "cashier to nurse", "from cashier to a nurse"
        if role is None:
            role = _cue_after(tokens, span.end)
        if role is None and (jobs or _wants(tokens[:span.start])) and (
                window and window[0] in OPENING_SOFT_CUES and len(window) <= 2
                or tokens[span.end:span.end + 1] and tokens[span.end] in CLOSING_SOFT_CUES
                and (span.end + 1 in clauses or span.end + 1 == len(tokens))
                or span.start in asked and span.start in clauses):
            role = TARGET  # "... body giving out. Maybe construction inspector?", "..., medical coding maybe"
        if any(w in ("maybe", "perhaps", "possibly") for w in window[-3:]) and not _negated(window):
            role = TARGET  # "looking for part-time work, maybe tutoring": "work" is not the cue of a job they have
        jobs.append(Job(span.text, role, span.start, span.end))
    # one cued title and one not: the other is the other role
    roles = [j.role for j in jobs]
    target = next((j for j in jobs if j.role == TARGET), None)
    if target and not any(j.role in (CURRENT, PAST) for j in jobs):
        before = [j for j in jobs if j.role is None and j.start < target.start]
        if before:  # "OTR driver 11 years ... want to be a dispatcher": what comes first is the job they have
            before[-1].role, before[-1].cued = CURRENT, False
        roles = [j.role for j in jobs]
    if len(jobs) == 1 and jobs[0].role is None:
        span = jobs[0]
        rest = [w for k, w in enumerate(tokens) if not span.start <= k < span.end and w not in FILLER]
        # a title opening a longer message ("Teacher. Want out. Ideas?", "Court reporter, NYC, 20 years") or in a
        # statement is the job they have; in a question ("what does a nurse make?") it is the one asked about
        if len(rest) >= 2 and (span.start <= 1 or not question):
            span.role, span.cued = CURRENT, False  # outside a form the current job; inside, the question asked decides
        elif question and ASKED_ABOUT.search(" ".join(tokens)):
            span.role, span.cued = TARGET, False  # "what does a plumber make in Ohio?", "how long to become a welder?"
    if len(jobs) == 2 and roles.count(None) == 1 and all(j.cued for j in jobs if j.role):
        known = next(r for r in roles if r)
        other = TARGET if known in (CURRENT, PAST) else CURRENT
        for j in jobs:
            if j.role is None:
                j.role = other
    elif len(jobs) >= 2 and all(r is None for r in roles):
        jobs[0].role, jobs[1].role = CURRENT, TARGET
    # the latest job is the current one: "cashier for 3 years, then a bank teller for 2"
    if not any(j.role == CURRENT for j in jobs):
        past = [j for j in jobs if j.role == PAST]
        if past:
            past[-1].role = CURRENT
    currents = [j for j in jobs if j.role == CURRENT]
    for j in currents[:-1]:
        j.role = PAST
    targets = [j for j in jobs if j.role == TARGET]
    # "learn to code and become a software developer": the job they name, not the skill on the way to it
    targets.sort(key=lambda j: tokens[max(0, j.start - 2):j.start] in (["learn", "to"], ["want", "learn"])
                 or tokens[j.start - 1:j.start] in (["learn"], ["learning"])
                 or j.text.split()[-1] in ("school", "program", "degree", "class", "classes", "academy", "bootcamp"))
    for j in targets[1:]:
        j.role = None if j.text == targets[0].text else "alternative"
    return jobs, avoid


SETTING_START = {"at", "in", "for", "with", "on"}
# "to work as", "should start as", "could work like": a job on the way, not the one they have
PURPOSE = re.compile(r"\b(to|should|could|would|might|maybe|first)( start| starting| work| working| begin)?( out)? (as|like)"
                     r"( an?| the)?$")
BEFORE_RN = {"a", "an", "as", "the", "be", "become", "becoming", "im", "i'm", "am", "travel", "er", "icu", "or"}
POSSESSIVE = {"my", "his", "her", "their", "our", "your"}
EARN = {"for", "get", "getting", "got", "earn", "earning", "finish", "finishing", "finished", "have", "had", "use", "using",
        "keep", "renew", "start", "starting", "do", "doing", "did", "as", "was", "is", "quit", "left", "lost", "love", "hate"}
SAYS = {"says", "said", "told", "tells", "thinks", "wants", "recommended", "suggested"}
SETTING_STOP = CLAUSE | {"years", "yrs", "year", "months", "since", "because", "cause", "who", "where", "that", "which",
                         "like", "doing", "making", "lol", "here", "now", "ago", "last", "this", "about", "over",
                         "thinking", "looking", "hoping", "trying", "rn"}
SETTING_WORDS = 6


def _settings(tokens: list[str], jobs: list[Job], taken: set[int], english: frozenset[str],
              clauses: set[int] = frozenset()) -> None:
    """Give each title the words that say where it is done ("at a medical office", "in the ER", "for the school
    district"); they stop at a new clause, a number, a place or another title."""
    starts = {j.start for j in jobs}
    for job in jobs:
        i = job.end
        if job.start < 0 or i + 1 >= len(tokens) or tokens[i] not in SETTING_START:
            continue
        if tokens[i] in ("for", "with") and tokens[i + 1] not in ("a", "an", "the", "my", "our") \
                and tokens[i + 1] in english:
            continue  # "for the school district", "for UPS"; not "for real income", "with kids"
        said = [tokens[i]]
        for k in range(i + 1, min(len(tokens), i + 1 + SETTING_WORDS)):
            w = tokens[k]
            if w in SETTING_STOP or k in taken or k in starts or k in clauses or any(ch.isdigit() for ch in w):
                break
            said.append(w)
        while said and (said[-1] in FILLER or said[-1] in SETTING_START):
            said.pop()
        if len(said) >= 2:
            job.setting = " ".join(said)


# Employers whose names are also everyday words: an employer only after "at"/"for" or typed with a capital
EVERYDAY_EMPLOYERS = {"target", "subway", "sonic", "ross", "chase", "outback", "ford", "dodge", "honda", "checkers",
                      "giant", "napa", "midas", "canes", "panda", "marshalls", "heb", "ups", "kia", "amtrak"}
DEALER = {"dealer", "dealership", "dealers"}
WISH = re.compile(r"\b(want|wanna|like to|love to|become|apply|hoping|hope to|dream)\b")


def _workplace(text: str, tokens: list[str], facts: Facts) -> list[Job]:
    """A workplace or employer named away from the title ("8 yrs at Target as a team lead", "McDonald's general
    manager", "tech at a Chevy dealer"): the job they have is read there (knowledge/workplaces.py). An employer
    named with no job ("part time at Chick-fil-A") is the employer the form asks about."""
    found = workplaces.find(tokens)
    if not found:
        return facts.jobs
    start, end, _industry = found
    before = tokens[start - 1] if start else ""
    typed = re.search(r"\b" + re.escape(tokens[start]), text, re.I)
    if tokens[start] in EVERYDAY_EMPLOYERS and before not in ("at", "for", "with") \
            and not (typed and typed.group(0)[:1].isupper()):
        return facts.jobs
    if not workplaces.is_employer(tokens[start:end]):
        return facts.jobs  # a kind of place counts only right after its title ("cook in a nursing home kitchen")
    jobs = facts.jobs
    if end < len(tokens) and tokens[end] in DEALER:
        end += 1  # "a Chevy dealer" is where they work, not a dealer
        jobs = [j for j in jobs if (j.start, j.end) != (end - 1, end)]
    phrase = " ".join(tokens[start:end])
    if any(j.start < end and start < j.end for j in jobs if j.start >= 0):
        return jobs  # part of a title ("Amazon warehouse picker")
    if WISH.search(" ".join(tokens[:start])) or any(phrase in j.setting for j in jobs):
        return jobs
    have = [j for j in jobs if j.role in (CURRENT, PAST)] or [j for j in jobs if j.role is None and len(jobs) == 1]
    if have:
        job, said = have[0], have[0].setting.split()
        if tokens[start] in said:  # "at a chevy" + "chevy dealer": "at a chevy dealer"
            job.setting = " ".join(said[:said.index(tokens[start])] + tokens[start:end])
        else:
            job.setting = f"{job.setting} at {phrase}".strip()
    elif workplaces.is_employer(tokens[start:found[1]]) and not facts.employer:
        facts.employer = (typed.group(0) if typed else tokens[start]) if end - start == 1 else phrase
    return jobs


def _duration(text: str) -> str | None:
    found = DURATION.search(text)
    return found.group(1) if found else None
