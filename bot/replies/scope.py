"""What the bot says when a message asks for something it can't do: a résumé, job listings, another language,
whether they are too old, or tells it that it is not helping (a person: bot/replies/handoff.py). Plain about the
limit, one concrete next step, and where to go instead. Each topic has a few wordings, used in turn, so nobody
gets the same line twice in a row (``topic_reply(topic, times_before)``).

The places named are the U.S. Department of Labor's own, free, and for everyone: CareerOneStop
(careeronestop.org, toll-free 1-877-872-5627) and its American Job Center finder
(careeronestop.org/LocalHelp), and for Spanish, Mi Próximo Paso (miproximopaso.org), O*NET's
career site in Spanish.
"""
from __future__ import annotations

from bot.replies.pieces import Message, button, follow_ups, msg

JOB_CENTER = "your nearest American Job Center (free; find it at careeronestop.org/LocalHelp or call 1-877-872-5627)"
CAN_DO = ("I can compare your job with one you'd like: what carries over, what's missing, what it pays and how "
          "to get there.")

_REPLIES: dict[str, list[str]] = {
    "resume": [
        f"I can't write or check résumés. {JOB_CENTER[0].upper() + JOB_CENTER[1:]} helps with résumés for free, and "
        "CareerOneStop has a résumé guide (careeronestop.org, \"Job Search\"). " + CAN_DO
        + " That helps you say which of your skills fit the job you want.",
        "Résumés are outside what I can do, sorry. For help with one, try " + JOB_CENTER + ". I can show which of your "
        "skills carry over to the job you want, to put on it.",
    ],
    "job_search": [
        "I can't search job openings. For listings near you, try CareerOneStop's job finder (careeronestop.org, "
        "\"Find Jobs\") or your state's job bank; " + JOB_CENTER + " can help you apply. " + CAN_DO,
        "Job listings are outside what I can do. CareerOneStop's job finder (careeronestop.org) lists openings by "
        "place. I can tell you what a job pays where you live and what it takes to get there.",
    ],
    "complaint": [
        "Sorry, that wasn't helpful. Let's try one thing: tell me in one line the job you have and the job you want, "
        "like \"cashier, want to be a medical assistant, Ohio\", and I'll compare them.",
        "Sorry about that. If I got something wrong, say what it should be (\"I'm the RN\", \"I said Michigan\") and "
        "I'll redo it. For a person, call 1-877-872-5627 (CareerOneStop).",
        "I hear you. I can only compare jobs from public data; for anything else, " + JOB_CENTER + " can help.",
    ],
    "age": [  # "am I too old to start over at 63?": not a request to start the conversation over
        "You're not too old to change jobs, and it's illegal for employers to turn someone down for being 40 or "
        "older (the Age Discrimination in Employment Act; the EEOC takes complaints: eeoc.gov/age). People 55 and "
        "over with a low income can get paid job training through the Senior Community Service Employment Program; "
        + JOB_CENTER + " signs people up. " + CAN_DO,
        "Age doesn't stop a change of job: many training programs are short, and employers can't lawfully reject "
        "someone for being 40 or older (eeoc.gov/age). For training for workers 55 and over (SCSEP), ask "
        + JOB_CENTER + ". Tell me the job you'd like, and I'll show what it takes.",
    ],
    "record": [  # "which companies will hire me with a record?": no list of employers, but where help is
        "I can't tell which employers hire people with a record. " + JOB_CENTER[0].upper() + JOB_CENTER[1:]
        + " helps people with a record find work and training for free, and can tell employers about the Federal "
        "Bonding Program and the Work Opportunity Tax Credit, which make hiring you less of a risk for them. "
        "Some licensed jobs look at records; CareerOneStop's License Finder (careeronestop.org) shows each state's "
        "rules. " + CAN_DO,
        "Whether a record matters depends on the employer and, for licensed jobs, the state. For help finding "
        "employers that hire people with a record, ask " + JOB_CENTER + ". I can show which of your skills carry "
        "over to a job you'd like and what it pays.",
    ],
    "visa": [
        "I can't advise on visas or work permits: USCIS (uscis.gov) says what your status allows, and an immigration "
        "attorney or a nonprofit legal aid office can check your case. " + CAN_DO,
        "Visa and work-permit questions are outside what I can do; ask USCIS (uscis.gov) or an immigration attorney. "
        "I can show what a job takes and pays where you live.",
    ],
    "tuition": [  # "can i get help paying for the program?", "will my job pay for LPN school?"
        "I can't see what your employer offers; ask HR about tuition help. Other ways to pay: federal student aid "
        "(studentaid.gov, the FAFSA) for college and many certificate programs, and job-training funds under the "
        "Workforce Innovation and Opportunity Act (WIOA) for people who qualify, through " + JOB_CENTER + ". A "
        "registered apprenticeship pays you while you learn. Ask me \"how do I get there?\" for the programs.",
        "For help paying for training: the FAFSA (studentaid.gov) for school, WIOA training funds through "
        + JOB_CENTER + ", and apprenticeships, which pay you while you learn. Your employer's HR can say whether "
        "they pay tuition.",
    ],
    "veteran_benefits": [
        "I can't advise on GI Bill or other VA benefits. The VA answers those at va.gov/education or 1-888-442-4551, "
        "and every American Job Center has staff for veterans (careeronestop.org/LocalHelp). I can tell you which "
        "training programs and apprenticeships lead to the job you want.",
        "For the GI Bill, ask the VA (va.gov/education, 1-888-442-4551). I can show the programs and apprenticeships "
        "for the job you want; ask \"how do I get there?\".",
    ],
    "spanish": [
        "Lo siento, todavía solo hablo inglés. Si puede escribir en inglés el trabajo que tiene y el que quiere "
        "(por ejemplo: \"cashier, want to be a nurse, Texas\"), puedo compararlos. Información sobre carreras en "
        "español: Mi Próximo Paso (miproximopaso.org). Ayuda gratis en persona: un American Job Center cercano "
        "(careeronestop.org/LocalHelp, 1-877-872-5627).",
        "Todavía no puedo responder en español. Si me escribe los dos trabajos en inglés (\"cashier\", \"nurse\") y su "
        "estado, le muestro la comparación en inglés. Mi Próximo Paso (miproximopaso.org) tiene información de "
        "carreras en español; un American Job Center (careeronestop.org/LocalHelp) ofrece ayuda gratis en persona.",
    ],
}
TOPICS = (*_REPLIES, "person")  # a person: bot/replies/handoff.py asks how a counselor may reach them


def topic_reply(topic: str, times_before: int = 0, has_jobs: bool = False) -> list[Message]:
    options = _REPLIES[topic]
    text = options[times_before % len(options)]
    buttons = follow_ups() if has_jobs and topic != "spanish" else (
        [] if topic == "spanish" else [button("What can you do?", "help")])
    return [msg(text, buttons)]


def none_of_these(which: str) -> list[Message]:
    job = "the job you have" if which == "current" else "the job you want"
    return [msg(f"OK, none of those. Tell me {job} in other words, or what the work is day to day "
                "(\"I fix cars\", \"I answer phones at a clinic\"), and I'll look again.")]
