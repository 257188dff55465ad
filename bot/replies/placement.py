"""Placement: the competency level quiz and its result, and the class series' ladder with its two
questions (years of experience, college credits).
"""
from __future__ import annotations

from bot.replies.pieces import Message, button, msg, source_line


# -- competency level ------------------------------------------------------------------------------

def level_intro(title: str) -> list[Message]:
    return [msg(f"Let's find your level in the job ({title}). I'll read out a few things people at each level can do; "
                "answer yes if you can do it on your own today.")]


def level_question(statement: str, number: int, level_label: str) -> list[Message]:
    return [msg(f"{number}. ({level_label} level) Can you do this today?\n\"{statement}\"",
                [button("Yes", "affirm"), button("Not yet", "deny")])]


def no_framework(title: str | None, available: list[str]) -> list[Message]:
    have = ", ".join(available) if available else "no job yet"
    who = f"for {title} " if title else ""
    return [msg(f"I don't have a level guide {who}yet; I have one for: {have}. "
                "Tell me if that's your job, e.g. \"I'm a customer service rep\".")]


def level_result(placed: dict, framework: dict) -> list[Message]:
    title = framework["title"]
    if placed["level"] is None:
        first = framework["levels"][0]
        text = (f"You're just starting out in the job ({title}): not yet at the {first['label']} level. "
                f"That level looks like:\n" + "\n".join(f"• {s}" for s in first["statements"][:3]))
    else:
        text = f"From your answers you're at the {placed['label']} level in the job ({title})."
        nxt = placed.get("next")
        if nxt:
            todo = nxt["not_yet"] or nxt["statements"][:3]
            text += f"\nNext up is {nxt['label']}. To get there, work on:\n" + "\n".join(f"• {s}" for s in todo[:3])
        else:
            text += " That's the top level in this guide."
    text += f"\nSource: {framework.get('source') or framework.get('attribution') or 'competency framework'}"
    return [msg(text, [button("Do I qualify for the next level?", "ask_qualify"), button("Apprenticeships?", "ask_apprenticeship")])]


# -- class series (career ladder) -----------------------------------------------------------------

def ladder(result: dict, citation: str | None) -> list[Message]:
    lines = [f"The {result['series']} (a civil-service job series with levels):"]
    highest = result["highest"]
    if highest:
        level = next(lv for lv in result["levels"] if lv["level"] == highest["level"])
        lines.append(f"You qualify for {highest['title']} (class {highest['class_code']}). "
                     f"How I counted: {level['counted']['how']}.")
    else:
        first = result["levels"][0]
        lines.append(f"You don't qualify for the first level, {first['title']} (class {first['class_code']}), yet. "
                     f"How I counted: {first['counted']['how']}.")
    nxt = result["next"]
    if nxt:
        lines.append(f"Next level: {nxt['title']} (class {nxt['class_code']}). You'd need {nxt['summary']}.")
    else:
        lines.append("That's the top level of this series.")
    rule = result["levels"][0]["credit_rule"]
    lines.append(f"Rule: college credit counts as experience, {rule}.")
    lines.append(source_line(citation))
    return [msg("\n".join(lines), [button("What level am I at?", "ask_level"), button("What else could I do?", "explore")])]


def no_ladder(title: str | None, series: list[str]) -> list[Message]:
    """"do I qualify?" about a job no class series in the store covers: say so, and what can be answered."""
    which = f" for {title}" if title else ""
    return [msg(f"I can't say whether you qualify{which}: qualification rules are set by each employer, and the only "
                f"rules I have are one civil-service job series ({', '.join(series) or 'none'}). What I can show is "
                "what the job usually takes (schooling, experience, licenses) and where to train.",
                [button("How do I get there?", "ask_training"), button("What am I missing?", "ask_gaps")])]


def ask_years() -> list[Message]:
    return [msg("How long have you done customer service or similar work (office, public relations, healthcare "
                "administration)? For example \"2 years\" or \"18 months\".")]


def ask_credits() -> list[Message]:
    return [msg("How many college credits (semester hours) do you have? An associate degree is about 60, a bachelor's "
                "about 120. Say 0 if none.",
                [{"title": "None", "payload": "0"}, {"title": "About 30", "payload": "30"},
                 {"title": "Associate (60)", "payload": "60"}, {"title": "Bachelor's (120)", "payload": "120"}])]


def retry_years() -> list[Message]:
    return [msg("Roughly how long? A number is enough, like \"2 years\" or \"6 months\".")]


def retry_credits() -> list[Message]:
    return [msg("How many credits, roughly? Say 0 if none, or the degree you have, like \"associate\".")]
