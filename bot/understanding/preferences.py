"""What a person asks of "what else could I do", in their words: "that pays more", "with a future", "without
going back to school", "not driving", "something in healthcare".

Read from the text of the message that asked (Rasa routes it to ``explore``; the wishes themselves are not
entities the model was trained on). Pure functions, no store: ``wishes_of(text)`` gives a
``knowledge.suggestions.Wishes``; the explore action adds the job they said they want.
"""
from __future__ import annotations

import re

from bot.parse import NUMBER_WORDS
from knowledge.suggestions import Wishes

MORE_PAY = re.compile(
    r"\b(pays?|paying|paid|earn|make|makes|making|get|gets) (a lot |way |much |a bit |a little )?(more|better|higher)\b"
    r"|\b(more|better|higher|bigger|mo|more of the) (money|pay|paycheck|paychecks|salary|wages?|income|cash|\$+)"
    r"|\b(want|need|looking for|something with|job with|jobs with|that has|with) (good|decent|real) (money|pay|wages?)"
    r"|\bbetter[- ]paying\b|\bhigher[- ]paying\b|\bpays? (better|well|good)\b|\bwell[- ]paid\b|\b(a|get a) raise\b"
    r"|\bmore than (i|what i) (make|get|earn)|\bmore \$|\$\$|\b(make|making) bank\b|\bsix figures?\b"
    r"|\b(pay|money|salary|wage)s? (is|are|was) (too )?(low|bad|trash|terrible|crap)\b|\bunderpaid\b"
    r"|\b(pays?|paying|makes?) the (most|best)\b|\b(highest|best|top)[- ]paying\b|\b(the )?most (money|pay)\b")
GROWING = re.compile(
    r"\b(with|has|have|got|that has) a (real |good |bright )?future\b|\bfuture[- ]proof\b|\bin[- ]demand\b"
    r"|\bgrowing\b|\bgrowth\b|\bjob security\b|\b(stable|secure|steady) (job|work|career|field)\b"
    r"|\b(not|won'?t be|isn'?t|wont|aint) (going away|disappearing|dying|shrinking)\b|\blots of (openings|jobs)\b"
    r"|\b(always|still) (hiring|needed|in need)\b|\b(hiring|needed) everywhere\b"
    r"|\b(can'?t|cant|won'?t|wont|not) be (replaced|taken over) by (ai|robots?|a robot|computers?|machines?)\b")
LESS_SCHOOL = re.compile(
    r"\b(without|w/o|w/out|no|not|never|dont|don'?t|do not|wont|won'?t|cant|can'?t|not going|without going|"
    r"not wanting to|dont wanna|don'?t want to|dont want to|wanna avoid) (go |going )?(back )?(to )?"
    r"(school|college|uni|university|a degree|degree|more school|more schooling|schooling|classes|years of school)\b"
    r"|\bno (degree|college|diploma|schooling|school|more school)\b|\b(without|w/o|w/out) (a |any |more |going back to )?"
    r"(degree|college|diploma|schooling|school)\b|\b(quick|short|fast) (training|course|program|certificate)\b"
    r"|\b(doesn'?t|does not|dont|don'?t|do not|wont|won'?t|that|without) (need|needing|require|requiring|take|taking)s? "
    r"(a |any |more |going to )?(college|degree|school|schooling|classes)\b"
    r"|\b(don'?t|dont|do not|not) (want|wanna|trying|looking) (to )?(do |go to |go back to |start |sit through )?"
    r"(more |any )?(school|college|classes|schooling)\b"
    r"|\b(without|w/o|no) (\d+|a few|two|three|four|another|more)( more)? years? of (school|college|schooling)\b"
    r"|\bafford (school|college)\b|\btoo old for (school|college)\b|\bno student loans?\b")
LESS_PHYSICAL = re.compile(
    r"\b(less|not as|not so|not too|not very|not) (physical|physically (demanding|hard|tough)|manual|heavy|hard on (my|the) body)\b"
    r"|\b(easier|easy|gentler) on (my|the) (body|back|knees|joints|feet)\b|\b(no|without|less|no more|not|stop) (heavy )?lifting\b"
    r"|\b(my|bad) (back|knees?|body|shoulders?|joints) (is|are|can'?t|cant|won'?t|hurts?|hurting|gave out|giving out)\b"
    r"|\bknees are (done|shot|bad|gone)\b|\b(sit|sitting) down (job|work)\b|\bnot (on my feet|standing) all day\b"
    r"|\b(wreck|wrecks|wrecking|destroy|destroys|ruin|ruins|kill|kills|killing) (my|your|the) (body|back|knees)\b"
    r"|\b(get|getting) off (the|my) (poles|roofs?|rigs?|tools|feet)\b")
EASIER_HANDS = re.compile(
    r"\b(wreck|wrecks|wrecking|destroy|destroys|hurt|hurts|ruin|ruins|kill|kills|killing|strain|strains|tear up|tears up)"
    r" (my|your|the) (hands|wrists?|fingers)\b|\bcarpal tunnel\b|\b(my )?(hands|wrists?) (hurt|ache|are shot|are done|"
    r"are killing me|give out)\b|\b(easier|easy|gentler) on (my|the) (hands|wrists?)\b")
# "not X", "no more X", "anything but X", "sick of X": X is a kind of job to leave out
AVOID = re.compile(
    r"\b(?:(?:that'?s|thats|is|its|it'?s|but|and|just|something|anything|jobs?|work) not|not"
    r"|no more|anything but|anything except|anything other than|other than|except|besides|nothing (?:with|in|involving)"
    r"|no|done with|sick of|tired of|hate|can'?t stand|cant stand|(?:do ?n'?t|dont|don't) want to (?:do|be)"
    r"|(?:do ?n'?t|dont) wanna (?:do|be)|away from|(?:want|wanna|get|getting|need|needs?) out of|quit) (?:doing |being |in |as an? |a |an |the |more |any )?"
    r"([a-z][a-z-]+(?: (?:service|work|sales|care|driving|jobs?))?)")
# words after "not" that are no kind of job ("not sure", "not much", "no degree" is about school)
NOT_A_KIND = {"sure", "really", "much", "many", "able", "going", "getting", "good", "great", "bad", "interested",
              "certain", "too", "very", "that", "this", "what", "it", "me", "my", "anymore", "idea", "clue", "one", "way",
              "problem", "worries", "thanks", "thank", "degree", "college", "school", "schooling", "diploma", "classes",
              "more", "less", "longer", "working", "work", "job", "jobs", "at", "in", "on", "with", "for", "to", "a",
              "an", "the", "of", "and", "or", "just", "only", "so", "yet", "now", "currently", "employed", "happy",
              "qualified", "experience", "money", "pay", "paid", "enough", "big", "matter", "lol", "idk", "the same",
              "same", "shrinking", "dying", "going away", "disappearing", "student", "loans", "loan", "thing", "things",
              "stuff", "hiring", "needed", "available", "knowing", "know", "sleeping", "afford", "pressure", "rush",
              "hurry", "late", "old", "young", "worth", "bothering", "wanting", "wanna", "want", "doing", "be", "being",
              "back", "get", "go", "need", "needing", "ai", "robots", "robot", "replaced", "quite", "exactly", "necessarily",
              "picky", "fussy", "set", "option", "options", "raise", "future", "growth", "security", "demand",
              "from", "out", "up", "down", "over", "again", "here", "there", "someone", "somebody", "underpaid", "overworked",
              "appreciated", "respected", "stuck", "broke", "gone", "home", "away", "stressed", "stress", "burned",
              "burnt", "tired", "allowed", "together", "count", "state", "town", "touch", "shape", "luck", "hours",
              "hour", "years", "year", "months", "days", "nights", "weekends", "mornings", "time", "boss", "commute", "licensed",
              "certified", "registered", "lifting", "physical", "manual", "heavy", "standing",
              *NUMBER_WORDS}
# field word -> knowledge.job_kinds.FIELDS key
FIELD_WORDS = {
    "healthcare": "healthcare", "health care": "healthcare", "health": "healthcare", "medical": "healthcare",
    "medicine": "healthcare", "hospital": "healthcare", "hospitals": "healthcare", "clinic": "healthcare",
    "patients": "healthcare", "patient care": "healthcare", "the medical field": "healthcare",
    "office": "office", "desk": "office", "admin": "office", "administrative": "office", "clerical": "office",
    "tech": "tech", "it": "tech", "computers": "tech", "computer": "tech", "technology": "tech", "coding": "tech",
    "software": "tech", "programming": "tech", "cyber": "tech", "cybersecurity": "tech",
    "outdoors": "outdoors", "outside": "outdoors", "outdoor": "outdoors", "nature": "outdoors",
    "trades": "trades", "a trade": "trades", "the trades": "trades", "skilled trades": "trades", "construction": "trades",
    "teaching": "teaching", "education": "teaching", "schools": "teaching", "kids": "teaching",
    "business": "business", "finance": "business", "banking": "business", "accounting": "business",
    "food": "food", "restaurants": "food", "restaurant": "food", "food service": "food", "kitchen": "food",
    "hospitality": "food", "manufacturing": "manufacturing", "factory": "manufacturing", "factories": "manufacturing",
    "production": "manufacturing", "sales": "sales", "retail": "sales", "selling": "sales",
    "transportation": "transportation", "logistics": "transportation",
    "law enforcement": "protective", "security": "protective", "public safety": "protective",
    "social work": "social work", "social services": "social work", "human services": "social work",
    "art": "arts", "arts": "arts", "design": "arts", "media": "arts", "creative": "arts",
    "engineering": "engineering", "science": "science", "a lab": "science", "labs": "science", "legal": "legal",
    "law": "legal", "management": "management",
}
_FIELD = "|".join(sorted((re.escape(w) for w in FIELD_WORDS), key=len, reverse=True))
FIELD = re.compile(
    rf"\b(?:something|anything|stuff|smth|smthn|sth|job|jobs|career|careers|position|positions|role|roles|gig|"
    rf"opportunities|options|else|things?)\s+(?:in|with|related to|around|involving|doing|at|for)\s+(?:the\s+|a\s+|an\s+)?"
    rf"({_FIELD})\b"
    rf"|\b(?:an?|some|any|other|more|good)\s+(?:kind of\s+|sort of\s+)?({_FIELD})\s+(?:job|jobs|work|career|careers|"
    rf"position|positions|role|roles|field|gig|type)\b"
    rf"|\b(?:get|go|move|switch|transition|break|getting|going|moving|switching|pivot|pivoting)\s+(?:in ?to|over to|to)\s+"
    rf"(?:the\s+|a\s+)?({_FIELD})\b"
    rf"|\b(?:want|wanna|like|rather|prefer|looking|interested|thinking|love)\b[^.?!]{{0,25}}?\b(?:in|with|into)\s+"
    rf"(?:the\s+|a\s+)?({_FIELD})\b"
    rf"|\b({_FIELD})\s+(?:field|industry|sector|world)\b"
    rf"|\b(?:work|working|be|being|something|anything|stuff|jobs?)\s+(outdoors|outside)\b"
    rf"|^\s*(?:maybe\s+|what about\s+|how about\s+|something\s+)?({_FIELD})\s*[?!.]*\s*$")


def _normal(text: str) -> str:
    text = re.sub(r"[’‘`]", "'", text.lower())
    text = re.sub(r"\bw/(?!o)", "with ", text)
    return " ".join(text.split())


def _avoided(text: str) -> list[str]:
    out: list[str] = []
    for found in AVOID.finditer(text):
        phrase = re.sub(r" (work|jobs?)$", "", found.group(1).strip("-"))
        first = phrase.split()[0]
        if first in NOT_A_KIND or phrase in NOT_A_KIND or len(first) < 3 and first not in FIELD_WORDS:
            continue
        kind = FIELD_WORDS.get(phrase) or FIELD_WORDS.get(first)
        # a field word names the field; a word of a job ("driving", "cashier") names that kind of job
        word = kind if kind and phrase not in ("retail", "sales", "construction", "food service", "security") else phrase
        if word not in out:
            out.append(word)
    return out


def wishes_in(texts: list[str]) -> Wishes:
    """The wishes said across messages (the one that asked, and the answer that completed the form)."""
    out = Wishes()
    for one in texts:
        w = wishes_of(one)
        out.more_pay, out.growing, out.less_school = out.more_pay or w.more_pay, out.growing or w.growing, \
            out.less_school or w.less_school
        out.less_physical, out.easier_hands = out.less_physical or w.less_physical, out.easier_hands or w.easier_hands
        out.avoid += [a for a in w.avoid if a not in out.avoid]
        out.fields += [f for f in w.fields if f not in out.fields]
    return out


def wishes_of(text: str | None) -> Wishes:
    """The wishes said in one message; an empty Wishes when it says none."""
    if not text:
        return Wishes()
    said = _normal(text)
    avoid = _avoided(said)
    fields = []
    for found in FIELD.finditer(said):
        word = next(g for g in found.groups() if g)
        key = FIELD_WORDS[word]
        negated = re.search(r"\b(not|no|but|except|than|besides|without)\s+(?:\w+\s+){0,3}$", said[:found.start()])
        if key not in fields and key not in avoid and word not in avoid and not negated:
            fields.append(key)
    return Wishes(more_pay=bool(MORE_PAY.search(said)), growing=bool(GROWING.search(said)),
                  less_school=bool(LESS_SCHOOL.search(said)), less_physical=bool(LESS_PHYSICAL.search(said)),
                  easier_hands=bool(EASIER_HANDS.search(said)), avoid=avoid, fields=fields)


# "what else could i do that pays more": the work-description reader takes "do that pays more" for what they do
# ("do hair and want better pay" is work: the verb's object is a noun, not "that", "to", "with" ...)
WISH_CLAUSE = re.compile(r"^(?:do|doing|be|get|make|work)(?: (?:that'?s?|thats|to|with|without|w/o|in|besides|other|"
                         r"something|anything|for|where|if|now|next|instead|else|but|except|not|no)\b|$)")


def only_a_wish(clause: str) -> bool:
    """True for a "do ..." clause that says a wish and no work ("do that pays more", "do that's not driving", a bare
    "do"); "do hair", "do nails and lashes" are work."""
    said = _normal(clause)
    if not WISH_CLAUSE.match(said):
        return False
    w = wishes_of(said)
    return said in ("do", "do that", "do this", "do next", "do now") or bool(
        w.more_pay or w.growing or w.less_school or w.less_physical or w.easier_hands or w.avoid or w.fields)
