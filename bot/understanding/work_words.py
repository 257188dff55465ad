"""Work said without a title: as a verb ("I do hair", "drive for Uber"), as a description for the resolver
("I debone chicken at the Tyson plant"), as a correction ("the job I have now is ..."), a license ("my real
estate license"), a grade ("2nd grade teacher"), a workplace that names its job ("a car wash").
"""
from __future__ import annotations

import re

from knowledge.title_spans import TitleSpans, normal, words

# What people do, said as a verb: read as the title ("I do hair" -> "I work as a hairdresser")
PARTICIPLE = re.compile(r"^[a-z]{3,}ed$", re.I)
# Words that are someone's title in O*NET but not what people mean by them: credentials asked about ("do i need a
# license": not License Clerks)
NOT_JOB_WORDS = {"license", "licence", "licenses", "permit", "permits", "certification", "certificate", "cdl", "degree",
                 "diploma", "ged", "exam"}
# ... and words that are never what people mean as a job: "schools closer to killeen", "the electric co-op"
NEVER_JOBS = {"closer", "co op", "otr", "learning", "missing", "right", "test out", "test"}  # "15 years OTR": over the road, how they drive; "should I be learning"
# credentials people take or pass ("the CFA", "get my PMP"), not the job they have or want
CREDENTIALS = {"cfa", "cpa", "pmp", "nclex", "ccna", "cissp", "shrm", "phr"}  # not CNA: "get my CNA" is the job
CREDENTIAL_BEFORE = {"the", "my", "get", "getting", "pass", "passing", "passed", "take", "taking", "need", "study", "studying"}
VERB_WISH = re.compile(r"\b(want|wanna|would|like|love|maybe|something|rather|prefer|thinking|become|start|try|hope|dream)\b",
                       re.I)
VERB_JOBS = [(re.compile(p, re.I), title) for p, title in (
    (r"\b(do|doing|did|does) hair\b", "hairdresser"), (r"\bcut(ting)? hair\b", "barber"),
    (r"\b(do|doing) nails\b", "nail technician"), (r"\b(drive|drives|driving|drove) (a )?forklifts?\b", "forklift operator"),
    (r"\b(drive|drives|driving|drove) (a )?school bus(es)?\b", "school bus driver"),
    (r"\b(drive|drives|driving|drove) (a )?(city )?bus(es)?\b", "bus driver"),
    (r"\b(drive|drives|driving|drove) (a |big )?(semi|truck|trucks|rig|18 wheeler)s?\b", "truck driver"),
    (r"\b(drive|drives|driving|drove) (for )?(uber|lyft)\b", "taxi driver"),
    # on a bike the delivery is a courier's; pizza delivery is driver/sales work in the SOC (it takes the money)
    (r"\b(deliver|delivers|delivering|delivered|do deliveries|doing deliveries)\b[\w ]{0,30}? on (a|my) (bike|bicycle|e-?bike)\b",
     "bike courier"),
    (r"\b(drive|drives|driving|drove|deliver|delivers|delivering) (for )?(an? )?(dominos|domino's|pizza hut|papa johns"
     r"|papa john's|little caesars|pizza)\b", "pizza delivery driver"),
    (r"\b(drive|drives|driving|drove|deliver|delivering) (for )?(an? )?(amazon|fedex|ups|doordash|instacart|grubhub|uber eats"
     r")( dsp| flex)?\b", "delivery driver"),  # an Amazon DSP: a delivery service partner
    (r"\b(deliver|delivering) (packages|food|pizza|for amazon)\b", "delivery driver"),
    # "I manage an apartment complex": the place's manager (the resolver reads "apartment complex manager")
    (r"\b(manage|manages|managed|managing) (a|an|the|our) (apartment complex|apartment building|apartments)\b",
     "apartment manager"),
    (r"\b(manage|manages|managed|managing) (a|an|the|our) ((?:small |local |big |busy )?(?:restaurant|store|hotel|motel|warehouse|gym|salon|spa|bar|kitchen|branch|dealership|daycare|clinic|pharmacy"
     r"|retail store|grocery store|gas station|call center))\b", "\\3 manager"),
    # "I run a feller buncher": the machine's operator, not a buncher (the machine is named like a person)
    (r"\b(run|runs|ran|running|operate|operates|operated|operating) (a |an |the )?(feller buncher|skidder|bulldozer"
     r"|motor grader|grader|scraper|excavator|backhoe|paver|crane)s?\b", "\\3 operator"),
    (r"\b(run|runs|ran|running|operate|operates|operated|operating) (a |an |the )?dozers?\b", "bulldozer operator"),
    (r"\b(sell|selling|sold) cars\b", "car salesperson"), (r"\b(sell|selling|sold) (insurance)\b", "insurance agent"),
    (r"\b(sell|selling|sold) (houses|homes|real estate)\b", "real estate agent"),
    (r"\b(clean|cleaning|cleaned) (houses|homes|offices|buildings)\b", "house cleaner"),
    # "cleaning rooms at a hospital / hotel": housekeeping (not clean-room technicians)
    (r"\b(clean|cleaning|cleaned) (patient |hotel |guest )?rooms\b", "housekeeper"),
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
    (r"\b(hang|hangs|hanging|hung) (drywall|sheetrock)\b", "drywall installer"),
    (r"\broofed\b|\broof (houses|homes|buildings)\b", "roofer"), (r"\b(lay|lays|laying|laid) pipes?\b", "pipelayer"),
    (r"\b((mig|tig|stick|pipe|flux core) )?(weld|welds|welded)\b", "welder"),  # "welding" is also a field, read as such
    (r"\b(work|works|working|worked) (at|in) (a |the )?(nail salon|nail shop)\b", "nail technician"),
    (r"\b(work|works|working|worked) (at|in) (a |the )?(barber ?shop)\b", "barber"),
    (r"\b(do|doing|did) (tattoos)\b", "tattoo artist"), (r"\b(do|doing|did) (taxes)\b", "tax preparer"),
    (r"\b(do|doing|did) (payroll)\b", "payroll clerk"), (r"\b(do|doing|did) (daycare|childcare)\b", "child care worker"),
    (r"\b(babysit|babysitting|nanny for)\b", "nanny"), (r"\b(answer|answering) phones\b", "receptionist"),
    (r"\b(teach|teaching|taught) kindergarten\b", "kindergarten teacher"),
    (r"\b(teach|teaching|taught) preschool\b", "preschool teacher"),
    (r"\b(teach|teaching|taught) (high school|middle school|elementary school|elementary)\b", "\\2 teacher"),
    (r"\b(teach|teaching|taught) nursing\b", "nursing instructor"),
    (r"\b(teach|teaching|taught) (music|piano|guitar|art|dance|swim|swimming|driving|yoga) (lessons|classes)\b", "\\2 teacher"),
    (r"\b(teach|teaching|taught) (school|kids)\b", "teacher"),
    (r"\b(translate|translating|interpret|interpreting)\b(?! (to|into) (anything|something|a job|civilian))", "interpreter"),
    # "I take customer calls all day for a cable company": the calls are the job
    (r"\b(take|taking|took|answer|answering|answered|handle|handling|handled) (customer |inbound |incoming |support |service )?"
     r"(calls|phone calls|phones)\b", "customer service representative"),
    (r"\b(on the line|line worker) at (the|a) (\w+ )?(plant|factory)\b", "assembly line worker"),
    (r"\b(on|work|working|worked) (on )?(the |an? )?(assembly|production) line\b", "assembly line worker"),
    (r"^\W*(assembly|production) line\b(?! worker)", "assembly line worker"),  # "ASSEMBLY LINE AT A CAR PLANT"
    # "worked at the plant": a factory; "plant worker" is O*NET's title for a nursery hand
    (r"\b(work|working|worked) (at|in) (the |an? )?(plant|factory|mill)\b(?! nursery)", "factory worker"),
)]


# "I debone chicken at the Tyson plant", "I process claims": no title, but the resolver reads what people do
DOING = re.compile(
    r"(?:^|(?<=[.!?] )|\b(?:i|i've|ive|i have|i've been|ive been|been)\s+)(?:(?:just|mostly|currently|still|usually|now|also|only)\s+)?"
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


def said(pattern: re.Pattern, text: str) -> str | None:
    found = next((f for f in pattern.finditer(text)
                  if not re.search(r"\b(don'?t|do not|never|not|no longer)\s*$", text[:f.start()], re.I)), None)
    return DOING_END.sub("", found.group(1)).strip() or None if found else None  # not "i dont wanna be a coach"


# "work at a call center doing customer service": what they do is after "doing", where is before it
WORK_DOING = re.compile(r"^work(?:s|ing|ed)?\s+(?:\w+\s+)?((?:at|for|in)\s+.+?)\s+doing\s+(.+)$", re.I)
DRIVERS_LICENSE = re.compile(r"\W*(?:my |a |the )?driver'?s'? licen[cs]e", re.I)
# "want to get my real estate license": the license names the job
LICENSE = re.compile(r"\b(?:get|getting|got|earn|earning|take|taking)\s+(?:my|a|the|an)\s+((?:\w+\s+){0,2}\w+?)\s+licen[cs]e",
                     re.I)


# what follows a work verb that is no work of theirs, matched on the words from the verb on
NOT_WORK = [re.compile(p, re.I) for p in (
    r"^(do|does|did|make|run|work)\s+(i|you|we|they|he|she|u)\b",  # "do i need to be certified?"
    r"^(do|does|did)\s+(have|has|my|your|not|this|that)\b|^doing\s+(this|that|it)\b",  # "does it pay well"
    r"^(did|done|do|doing)\s+(\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|twenty)\s+(years?|yrs?|months?|tours?)\b",
    r"^(make|makes|making|made)\s+((way|a lot|much|a little|about|around|like|over|under|only|just)\s+)*"
    r"(now|currently|right now|today|at|per|an? (hour|year|week|month)|\$|\d|more|less|money|good|decent|bank)",  # their pay
    r"^test(s|ed|ing)? out\b",  # "til i test out": the exam at the end
    r"^(work|works|working|worked)$",  # "I just work in DC": where, said of no job
    r"^(work|works|working|worked)\s+((full|part)[\s-]?time|nights|days|weekends|overtime|two jobs|a lot|long hours"
    r"|doubles)\b",  # "i work full time": when, not what
)]
# ... or said after these: "than what i make now" (their pay), "should i do lpn first?" (what they might do)
# ... nor after a question's opening: "what do I do to become a nurse", "how do i get into HR"
NOT_WORK_BEFORE = re.compile(r"\b((should|could|can|would|might|will)\s+i|what\s+(i|you|we|they)"
                             r"|(what|how|where|when|why|which)\s+(do|does|did|can|could|should|would|will|must)\s+(i|you|we))\s+$",
                             re.I)
# a message opening with the verb, no "I" doing it: "do warehouses hire people with felonies"
NOT_WORK_OPENING = re.compile(r"^(do|does|did)\s+(they|you|u|we|employers|companies|people|most|any|places|\w+(es|s))\b",
                              re.I)


def doing(spans: TitleSpans, text: str) -> str | None:
    found = DOING.search(text)
    if not found:
        return None
    clause = DOING_END.sub("", found.group(1)).strip()
    if any(p.match(clause) for p in NOT_WORK) or NOT_WORK_BEFORE.search(text[:found.start(1)]) \
            or re.match(r"^(do|does|did)\s+(it|that|this)\b", clause) and "?" in text \
            or found.start(1) == 0 and (_asks(text) or NOT_WORK_OPENING.match(clause)):
        return None
    work_doing = WORK_DOING.match(clause)
    if work_doing:  # "housekeeping" is what a housekeeper does, not a housekeeping supervisor
        what = work_doing.group(2)
        person = spans.person_form(tuple(words(what))) if len(words(what)) <= 3 else None
        return f"{' '.join(person) if person else what} {work_doing.group(1)}"
    clause = re.sub(r"^(work(s|ing|ed)?)\s+(remote(ly)?|from home|online|virtually)\s+(?=(at|for|with)\b)", r"\1 ", clause,
                    flags=re.I)  # "I just work remote for the Portland agency": where they work, not remote sensing
    if re.match(r"^work(s|ing|ed)?\s+((at|for|with|from|as|like)\b|in\s+\S+$)(\s+\S+){0,3}$", clause, re.I):
        return _workplace_job(spans, clause)  # "I work at Amazon": where, not what; the form asks what they do there
    return clause


def _asks(text: str) -> bool:
    first = re.split(r"(?<=[.!?])\s", text.strip())[0]
    return first.rstrip().endswith("?")


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


def verbs_as_titles(text: str) -> str:
    def job(m: re.Match, title: str) -> str:
        # "I drive a school bus": the job they have; "maybe something like driving a school bus": a wish,
        # so only the title, for the words before it (or the question asked) to give its role
        before = re.split(r"[.!?;]|\b(?:now|currently|at the moment)\b", text[:m.start()], flags=re.I)[-1]  # "want X, now I drive"
        if re.search(r"\b(?:don'?t|do not|never|not|hate|tired of|sick of)\b[^,]*$", before, re.I):
            return m.group(0)  # "i dont really like fixing cars": no job they have or want
        if re.search(r"\bi\s+also\s+$", before, re.I) and not re.search(r"\b(too|as well|sometimes|when needed|if needed)\b",
                                                                        text[m.end():], re.I):
            return "also work as a " + m.expand(title) + " on the side"  # "I also drive for Uber on weekends": a side job
        if re.match(r"\s*(?:too|also|as well|sometimes|on the side)\b", text[m.end():], re.I) \
                or re.search(r"\balso\s+$", before, re.I):
            return m.group(0)  # "cashier mostly, stock shelves too": a duty of the job they named, not another job
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


# Titles said in everyday words, as O*NET names them
PHRASES = [(re.compile(p, re.I), title) for p, title in (
    (r"\bshift (manager|mgr)\b", "shift supervisor"),  # a shift manager runs a shift: a first-line supervisor
    (r"\bhelper (for|to) (an?|the|my) (electrician|plumber|carpenter|roofer|mason|painter|pipefitter)s?\b", "\\3 helper"),
    (r"\blunch ?lady\b", "cafeteria worker"),
    (r"\be-?learning (developer|designer|specialist)\b", "instructional designer"),  # not a software developer
    # an agent of an insurer named for farms ("State Farm agent") sells insurance
    (r"\b(?:state farm|allstate|farmers|farm bureau|nationwide|liberty mutual|geico|progressive)( insurance)? agent\b",
     "insurance sales agent"),
    # "thinking about vet school", "go to PA school": the job the school is for ("dropped out of law school",
    # "definitely not doing med school": not)
    *((rf"(?<!of )(?<!from )(?<!not )(?<!not doing )(?<!not going to )(?<!never )(?<!no )\b{school} school\b", f"school to become a {job}") for school, job in (
        ("(?:vet|veterinary)", "veterinarian"), ("(?:med|medical)", "physician"), ("law", "lawyer"),
        ("pa", "physician assistant"), ("dental", "dentist"), ("pharmacy", "pharmacist"))),
    (r"\bparts counter\b(?! ?(person|man|woman|rep|representative|clerk|associate|sales))", "parts counterperson"),
    # "get my electrical license", "get into electrical work": the trade, not electrical engineering
    (r"\belectrical(?= (work|license|licence|trade|apprenticeship|field|side)\b)"
     r"|(?:(?<=into )|(?<=do )|(?<=doing ))electrical\b(?! (engineer|engineering|tech|technician|design|draft|inspect|repair))",
     "electrician"),
    (r"(?:(?<=into )|(?<=maybe )|(?<=do )|(?<=in ))dispatch\b(?!er|ing)", "dispatcher"),  # "maybe dispatch?"
    (r"\bdispatcher (for )?911\b|\b911 dispatch\b(?!er)", "911 dispatcher"),  # public safety, not trucking
    (r"(?<=into )maintenance\b(?= *($|[.,!?;]| and | or | but | in | at | for | someday))", "maintenance and repair worker"),
    # selling a technical product is technical sales: "software sales", "commercial HVAC sales", "med device sales"
    (r"\b(?:commercial |enterprise |b2b )?(software|saas|tech|technology|medical device|med device|device|pharmaceutical"
     r"|pharma|hvac|industrial equipment|equipment|lab equipment|it|cybersecurity|chemical|engineering) sales\b"
     r"(?! ?(rep|reps|representative|engineer|manager|associate|clerk|agent|person|job))", "technical sales representative"),
    # teaching a trade at a trade or technical school: a career/technical education teacher, postsecondary
    (r"\bteach(?:ing)? (?:[\w-]+ ){0,2}(?:at|in) (?:a |an |the |our )?(?:local )?(?:cosmetology|beauty|barber|trade|technical"
     r"|vocational|tech|community) (?:school|college|institute|program)\b", "vocational instructor"),
    # "teach music lessons", "give piano lessons": a self-enrichment teacher
    (r"\b(?:teach|teaching|give|giving) (?:private )?(?:music|piano|guitar|violin|voice|singing|drum|dance|art|swim|swimming"
     r"|yoga|cooking|driving) lessons\b", "self-enrichment teacher"),
    # O*NET lists "Team Leader" only under Managers, All Other: a team lead leads a team of the work they do
    (r"\bteam lead(er)?\b", "supervisor"),
)]


def rewrite(text: str) -> str:
    """The message with work said in other words put as titles: grades as school levels, verbs as titles,
    everyday phrases as O*NET's ("shift manager" is a shift supervisor), and ranks dropped ("tier 1 help desk")."""
    for phrase, title in PHRASES:
        text = phrase.sub(title, text)
    for grade, title in GRADES:
        text = grade.sub(lambda m, title=title: "preschool teacher" if m.group(1).lower().startswith("pre")
                         else "kindergarten teacher" if m.group(1).lower().startswith("k") else title, text)
    return RANK.sub(" ", verbs_as_titles(text))

