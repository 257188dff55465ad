"""Write data/nlu/inform.yml and data/nlu/variants.yml.

inform.yml: the job-fact messages ("I'm a cashier", "I want to become a nurse",
"3 years", "Maine", all at once, corrections), with the entity spans marked.

Templates x job titles as people type them, then SMS-style and typo variants, seeded so the file is
the same on every run.

variants.yml: a noisy variant of every hand-written example in intents.yml (a filler word before or
after, SMS spelling, a typo, no punctuation), the way the same thing arrives from a phone.

Run it after editing the lists or intents.yml: `.venv/bin/python scripts/make_nlu.py`; `--check` (in
`make test`) writes nothing and fails when the checked-in files differ from what it writes.
"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import yaml
from generated import write_or_check

NLU = Path(__file__).resolve().parent.parent / "data" / "nlu"
OUT = NLU / "inform.yml"
VARIANTS = NLU / "variants.yml"
PREFIXES = ["ok ", "ok so ", "so ", "um ", "hey ", "well ", "and ", "hmm ", "yo ", "alright ", "k "]
SUFFIXES = [" please", " pls", "?", "!", " lol", " thx", " tho", " haha", "??", " ok", " then", " now"]
SEED = 20240611
rng = random.Random(SEED)

JOBS = """cashier|customer service rep|csr|customer service representative|shift supervisor|warehouse worker|
forklift driver|pharmacy tech|pharmacy technician|nurse|rn|registered nurse|cna|nursing assistant|license clerk|
dental assistant|medical assistant|electrician|plumber|truck driver|cdl driver|cook|line cook|server|waitress|
bartender|barista|retail associate|sales associate|store manager|assistant manager|bank teller|teller|receptionist|
admin assistant|administrative assistant|office manager|bookkeeper|accountant|software developer|web developer|
it support|help desk tech|data analyst|teacher|teacher's aide|paraprofessional|daycare worker|home health aide|
caregiver|janitor|housekeeper|security guard|police officer|firefighter|emt|paramedic|mechanic|auto tech|welder|
machinist|carpenter|construction laborer|landscaper|hvac tech|delivery driver|uber driver|amazon delivery driver|
stocker|stock clerk|call center agent|hairdresser|cosmetologist|phlebotomist|x-ray tech|court clerk|paralegal|
social worker|graphic designer|marketing coordinator|hr assistant|payroll clerk|insurance agent|real estate agent|
dental hygienist|physical therapist assistant|vet tech|mail carrier|bus driver|factory worker|assembler|
machine operator|quality inspector|chef|dishwasher|fast food worker|crew member|night stocker|data entry clerk|
medical biller|claims adjuster|loan officer|substitute teacher|school bus driver|pharmacist|lpn|surgical tech|
respiratory therapist|personal trainer|massage therapist|electrician apprentice|lineman|roofer|painter|
heavy equipment operator|crane operator|dispatcher|911 dispatcher|flight attendant|hotel front desk clerk|
front desk agent|event planner|librarian|teaching assistant|store clerk|grocery clerk|deli worker|butcher|baker|
sous chef|kitchen manager|restaurant manager|dental receptionist|medical receptionist|billing clerk|
accounts payable clerk|inventory specialist|logistics coordinator|shipping clerk|package handler|
customer care specialist|tech support|network admin|sysadmin|ux designer|project manager|nanny|
direct support professional|patient care tech|ekg tech|sterile processing tech|optician|hvac technician|
solar installer|wind turbine tech|cable installer|pest control tech|locksmith|carpet installer|tile setter""".replace("\n", "").split("|")

TYPO_JOBS = ["cashr", "cashiar", "custmer service rep", "pharmacy tec", "pharmasy tech", "nurce", "elecrician",
             "plumer", "truck drivr", "recepionist", "warehose worker", "forklfit driver", "secutiry guard",
             "mechanik", "accountent", "dental asistant", "medcal assistant", "bookeeper", "welder guy",
             "teachers aid", "cook at mcdonalds", "lisence clerk", "bank teler", "call centre agent",
             "hair dresser", "janiter", "supervisr", "shft supervisor", "phlebotomyst", "paralegel"]

STATES = ["Maine", "maine", "ME", "Ohio", "ohio", "Texas", "texas", "TX", "California", "cali", "New York", "ny",
          "Florida", "florida", "Georgia", "Michigan", "michigan", "Pennsylvania", "PA", "North Carolina", "nc",
          "Illinois", "Arizona", "Washington", "Colorado", "Oregon", "Tennessee", "Virginia", "West Virginia",
          "New Jersey", "Massachusetts", "Vermont", "New Hampshire", "Kentucky", "Alabama", "Louisiana",
          "Minnesota", "Wisconsin", "Iowa", "Kansas", "Nevada", "Utah", "Idaho", "Montana", "Alaska", "Hawaii",
          "Puerto Rico", "South Carolina", "Missouri", "Indiana", "Maryland", "Oklahoma", "Arkansas", "Mississippi",
          "Nebraska", "New Mexico", "Connecticut", "Delaware", "Rhode Island", "Wyoming", "South Dakota",
          "North Dakota", "DC"]

YEARS = ["3 years", "2 years", "5 years", "10 years", "a year", "six months", "18 months", "4 yrs", "1 year",
         "two years", "15 years", "8 months", "20 years", "3yrs", "about a year", "7 years", "12 years", "6 months"]

EDUCATION = ["associate degree", "associate's degree", "bachelor's degree", "bachelors", "high school diploma", "ged",
             "some college", "a master's", "no diploma", "an associates in business", "a 2 year degree",
             "a bachelor's in psychology", "hs diploma", "a certificate"]

CREDITS = ["45 credits", "30 semester hours", "60 credits", "15 credit hours", "90 credits", "24 semester hours"]

EMPLOYERS = ["walmart", "target", "a hospital", "a call center", "amazon", "a bank", "the dmv", "mcdonalds", "a warehouse",
             "a nursing home", "home depot", "a school", "a factory", "cvs", "the post office", "a law firm", "ups"]


def e(text: str, entity: str) -> str:
    return f'[{text}]{{"entity": "{entity}"}}'


CURRENT = [
    "i'm a {cur}", "im a {cur}", "i am a {cur}", "i work as a {cur}", "i work as a {cur} at {emp}", "my job is {cur}",
    "currently working as a {cur}", "i've been a {cur} for {years}", "been a {cur} {years}", "{cur} at {emp}",
    "i'm currently a {cur}", "i do {cur} work", "i was a {cur} until last month", "former {cur}",
    "i'm a {cur} right now", "right now i'm a {cur}", "i work at {emp} as a {cur}", "im currently a {cur} at {emp}",
    "{cur} for {years}", "i'm working as {cur}", "my current job is {cur}", "i used to be a {cur}",
    "i'm a {cur} in {state}", "work as {cur} in {state}", "hi, i'm a {cur}", "hey im a {cur} lol",
    "i have been working as a {cur} for {years}", "my title is {cur}", "I'm a {cur}.", "i work {cur}",
]
TARGET = [
    "i want to become a {tgt}", "i'd like to be a {tgt}", "how do i become a {tgt}", "thinking about becoming a {tgt}",
    "i wanna be a {tgt}", "what would it take to be a {tgt}", "interested in {tgt} jobs", "my goal is to be a {tgt}",
    "could i switch to {tgt}", "what about {tgt}?", "how about becoming a {tgt}", "i'd love to work as a {tgt}",
    "i want to be a {tgt}", "want to get into {tgt}", "what about becoming a {tgt} instead", "i want to work as a {tgt}",
    "could i become a {tgt}", "how about {tgt}", "i'm interested in becoming a {tgt}", "maybe {tgt}?",
    "i'm thinking {tgt}", "what if i became a {tgt}", "i've always wanted to be a {tgt}", "compare with {tgt}",
    "i want to try {tgt}", "switch to {tgt}", "is {tgt} a good fit for me", "I want to become a {tgt}.",
]
BOTH = [
    "i'm a {cur} and i want to become a {tgt}", "i've been a {cur} for {years} in {state} and want to become a {tgt}",
    "{cur} here, looking to get into {tgt}", "currently {cur}, want to switch to {tgt}",
    "im a {cur} wanna be a {tgt}", "i work as a {cur} but i'd like to be a {tgt}",
    "from {cur} to {tgt}", "{cur} to {tgt}", "can a {cur} become a {tgt}?",
    "i'm a {cur} in {state}, how do i become a {tgt}", "i'm a {cur} at {emp} and i want to be a {tgt}",
    "how hard is it to go from {cur} to {tgt}", "i've worked as a {cur} for {years} and i want to move into {tgt}",
    "so basically i've worked as a {cur} for like {years} and honestly im tired of it, "
    "been thinking maybe {tgt} could be a good fit, i live in {state} btw",
    "hi! i'm a {cur} and i want to become a {tgt}", "hey, {cur} for {years}, thinking about {tgt}",
    "I am currently a {cur} in {state} and I would like to become a {tgt}. I have {edu}.",
    "ok so i'm a {cur}, i have {edu}, and i'd really like to become a {tgt} someday",
    "{cur} {years} {state} want {tgt}", "i want to become a {tgt}, right now i'm a {cur}",
    "i want to be a {tgt} but i'm a {cur} now", "i'm a {cur}. want to become a {tgt}. i'm in {state}",
    "long story short i've been a {cur} at {emp} for {years}, i'm in {state}, and i want to be a {tgt}",
    "what would it take for a {cur} to become a {tgt}", "i'm a {cur} with {edu} and want to be a {tgt}",
]
CORRECT_CUR = ["actually i'm a {cur}", "sorry, i meant {cur}", "no wait, i'm a {cur}", "actually im a {cur} not that",
               "correction: i'm a {cur}", "my bad, i work as a {cur}", "no, i'm actually a {cur}",
               "oops i'm a {cur}", "actually my job is {cur}", "i meant i'm a {cur}"]
CORRECT_TGT = ["actually i want to be a {tgt}", "no, i meant {tgt}", "scratch that, i want to become a {tgt}",
               "actually, what about {tgt}", "change that to {tgt}", "i changed my mind, {tgt}",
               "sorry i meant i want to be a {tgt}", "actually i'd rather be a {tgt}"]
BARE_CUR = ["{cur}", "a {cur}", "{cur} at {emp}", "i'm a {cur}", "{cur}, {years}"]
STATE_ONLY = ["i live in {state}", "{state}", "in {state}", "i'm in {state}", "from {state}", "i'm from {state}",
              "{state} please", "we live in {state}", "i'm located in {state}", "i moved to {state}",
              "im in {state} btw", "what about in {state}?", "i'm in {state} now"]
YEARS_ONLY = ["{years}", "about {years}", "for {years}", "i've been doing it for {years}", "around {years}",
              "{years} of experience", "i have {years} experience", "almost {years}"]
EDU_ONLY = ["i have an {edu}", "{edu}", "i have {edu}", "i finished {edu}", "my education is {edu}",
            "i got {edu}", "i have {credits}", "{credits}", "about {credits}", "i've got {credits} from community college"]

SMS = [(r"\byou\b", "u"), (r"\bare\b", "r"), (r"\bwant to\b", "wanna"), (r"\bi'm\b", "im"), (r"\bi've\b", "ive"),
       (r"\bplease\b", "pls"), (r"\bbecause\b", "bc"), (r"\bthanks\b", "thx"), (r"\bgoing to\b", "gonna"),
       (r"\bbecome\b", "becum"), (r"\bwhat\b", "wat")]


def typo(word: str) -> str:
    if len(word) < 5 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 2)
    kind = rng.random()
    if kind < 0.4:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]  # swap
    if kind < 0.7:
        return word[:i] + word[i + 1:]  # drop
    return word[:i] + word[i] + word[i:]  # double


def smsify(template: str) -> str:
    """SMS style on the words outside the {slots}: contractions, no apostrophes, a typo or two."""
    out = template.lower()
    for pattern, repl in SMS:
        if rng.random() < 0.6:
            out = re.sub(pattern, repl, out)
    parts = re.split(r"(\{\w+\})", out)
    for n, part in enumerate(parts):
        if not part.startswith("{"):
            words = part.split(" ")
            parts[n] = " ".join(typo(w) if rng.random() < 0.12 else w for w in words)
    out = "".join(parts).replace("'", "").rstrip(".!?")
    return out


def fill(template: str, used: set[str]) -> str:
    cur = rng.choice(JOBS if rng.random() > 0.12 else TYPO_JOBS)
    tgt = rng.choice([j for j in JOBS if j != cur] if rng.random() > 0.08 else TYPO_JOBS)
    values = {
        "cur": e(cur, "current_job"), "tgt": e(tgt, "target_job"), "state": e(rng.choice(STATES), "state"),
        "years": e(rng.choice(YEARS), "years"), "edu": e(rng.choice(EDUCATION), "education"),
        "credits": e(rng.choice(CREDITS), "credits"), "emp": rng.choice(EMPLOYERS),
    }
    text = template.format(**values)
    text = re.sub(r"\ba (\[[aeiou])", r"an \1", text)
    return text


def examples(templates: list[str], count: int, sms_share: float = 0.3) -> list[str]:
    out, used = [], set()
    attempts = 0
    while len(out) < count and attempts < count * 20:
        attempts += 1
        template = rng.choice(templates)
        if rng.random() < sms_share:
            template = smsify(template)
        text = fill(template, used)
        key = re.sub(r"\{[^}]*\}", "", text)
        if key not in used:
            used.add(key)
            out.append(text)
    return out


def noisy(example: str) -> str:
    """One phone-typed variant of a hand-written example; entity annotations are left as they are."""
    parts = re.split(r"(\[[^\]]*\]\{[^}]*\})", example)
    out = []
    for part in parts:
        if part.startswith("["):
            out.append(part)
            continue
        text = part
        if rng.random() < 0.5:
            for pattern, repl in SMS:
                if rng.random() < 0.6:
                    text = re.sub(pattern, repl, text)
        words = text.split(" ")
        text = " ".join(typo(w) if rng.random() < 0.15 else w for w in words)
        out.append(text)
    text = "".join(out)
    roll = rng.random()
    if roll < 0.4:
        text = rng.choice(PREFIXES) + text
    elif roll < 0.8:
        text = text.rstrip("?!.") + rng.choice(SUFFIXES)
    if rng.random() < 0.3:
        text = text.replace("'", "").rstrip(".!?")
    return text.strip()


def variants() -> str:
    data = yaml.safe_load((NLU / "intents.yml").read_text())
    lines = ['version: "3.1"', "", "# Written by scripts/make_nlu.py from intents.yml: edit those, not this file.", "", "nlu:"]

    def originals_of(block: dict) -> list[str]:
        return [x.strip()[2:].strip() for x in block["examples"].splitlines() if x.strip().startswith("- ")]

    seen = {x.lower() for block in data["nlu"] if "intent" in block for x in originals_of(block)}
    for block in data["nlu"]:
        if "intent" not in block:
            continue
        originals = originals_of(block)
        made = []
        for example in originals:
            for _ in range(1):
                for _attempt in range(5):
                    v = noisy(example)
                    if v and v.lower() not in seen and not v.startswith("#"):
                        seen.add(v.lower())
                        made.append(v)
                        break
        lines += [f"- intent: {block['intent']}", "  examples: |"] + [f"    - {v}" for v in made] + [""]
    return "\n".join(lines)


def inform() -> str:
    groups = [
        ("current job", examples(CURRENT, 110)),
        ("target job", examples(TARGET, 95)),
        ("both, and everything at once", examples(BOTH, 110, 0.35)),
        ("corrections", examples(CORRECT_CUR, 22) + examples(CORRECT_TGT, 18)),
        ("bare answers", examples(BARE_CUR, 30, 0.1)),
        ("state", examples(STATE_ONLY, 35, 0.1)),
        ("years", examples(YEARS_ONLY, 20, 0.1)),
        ("education", examples(EDU_ONLY, 25, 0.1)),
    ]
    lines = ['version: "3.1"', "", "# Written by scripts/make_nlu.py: edit the script, not this file.", "", "nlu:",
             "- intent: inform", "  examples: |"]
    for _name, items in groups:
        lines += [f"    - {x}" for x in items]
    lines += ["", "- lookup: state", "  examples: |"]
    states = sorted({s for s in STATES if len(s) > 2} | {
        "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
        "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine",
        "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska",
        "nevada", "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio",
        "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas",
        "utah", "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming", "puerto rico", "guam"})
    lines += [f"    - {s}" for s in states]
    lines += ["", "- regex: years", "  examples: |",
              r"    - \b\d+(\.\d+)?\s*(years?|yrs?|months?|mos?)\b", "",
              "- regex: credits", "  examples: |",
              r"    - \b\d+\s*(credits?|credit hours|semester hours)\b", ""]
    return "\n".join(lines) + "\n"


def generated() -> dict[Path, str]:
    """Both files, from the seed: the variants first, then inform.yml, in the order they draw from it."""
    rng.seed(SEED)
    written = {VARIANTS: variants()}
    written[OUT] = inform()
    return written


if __name__ == "__main__":
    sys.exit(write_or_check("make_nlu.py", generated()))
