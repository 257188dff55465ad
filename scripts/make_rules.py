"""Write data/rules/forms.yml: what each form does when the person says something else mid-form
(asks for help, asks a follow-up, says stop ...), and the ``not_intent`` lists of domain.yml's free-text
slot mappings, which follow from the same rules.

Run after changing the lists: `.venv/bin/python scripts/make_rules.py`; `--check` (in `make test`) writes
nothing and fails when forms.yml or a not_intent list differs from what it writes.
"""
from __future__ import annotations

import re
import sys

from generated import ROOT, write_or_check

OUT = ROOT / "data" / "rules" / "forms.yml"
DOMAIN = ROOT / "domain.yml"

# intent -> what the bot does before going back to the form
ANSWER_THEN_RESUME = {
    "help": ["utter_help"], "bot_challenge": ["utter_iamabot"], "chitchat": ["utter_chitchat"],
    "out_of_scope": ["action_steer_back"], "nlu_fallback": ["action_steer_back"], "thank": ["utter_welcome"],
    "greet": ["utter_greet"], "ask_gaps": ["action_gaps"], "ask_training": ["action_training"],
    "ask_apprenticeship": ["action_apprenticeships"], "ask_pay": ["action_pay"], "ask_method": ["action_method"],
    "ask_level": ["action_steer_back"], "ask_qualify": ["action_steer_back"],
}
PER_FORM = {
    "career_form": {"explore": ["action_explore"], "affirm": ["action_steer_back"], "deny": ["action_steer_back"]},
    "level_form": {"explore": ["action_explore"], "inform": ["action_steer_back"], "choose_job": ["action_steer_back"],
                   "no_job": ["action_steer_back"], "student": ["action_steer_back"], "laid_off": ["action_steer_back"]},
    "ladder_form": {"explore": ["action_explore"]},
}
LEAVE = {"stop": ["action_stop"], "goodbye": ["utter_goodbye", "action_stop"]}

# A form's free-text answer (``from_text``) is any message but those a rule above answers instead, so each
# such mapping's not_intent list is its form's rule intents, except nlu_fallback (a message the NLU is
# unsure of is still tried as the answer: the validator decides), and with what another mapping reads.
FREE_TEXT_SLOTS = {  # slot -> (form, intents read by another mapping, intents that answer this question)
    # "I don't have a job" / "I'm a student" set the situation; a tapped choice is read from its entity
    "current_job": ("career_form", ["no_job", "student", "choose_job"], []),
    "target_job": ("career_form", ["no_job", "student", "choose_job"], []),
    "state": ("career_form", [], ["deny"]),  # the "Skip" button sends deny: national figures
    "years_experience": ("ladder_form", [], []),
    "college_credits": ("ladder_form", [], []),
}


def rule(title: str, form: str, intent: str, actions: list[str], resume: bool) -> list[str]:
    lines = [f"- rule: {title}", "  condition:", f"  - active_loop: {form}", "  steps:", f"  - intent: {intent}"]
    lines += [f"  - action: {a}" for a in actions]
    if resume:
        lines += [f"  - action: {form}", f"  - active_loop: {form}"]
    else:
        lines += ["  - active_loop: null"]
    return lines + [""]


def forms_yml() -> str:
    lines = ['version: "3.1"', "", "# Written by scripts/make_rules.py: edit the script, not this file.", "", "rules:", ""]
    for form, extra in PER_FORM.items():
        for intent, actions in {**ANSWER_THEN_RESUME, **extra}.items():
            lines += rule(f"{intent} during {form}", form, intent, actions, resume=True)
        for intent, actions in LEAVE.items():
            lines += rule(f"{intent} ends {form}", form, intent, actions, resume=False)
        lines += [f"- rule: start over during {form}", "  condition:", f"  - active_loop: {form}", "  steps:",
                  "  - intent: start_over", "  - action: action_start_over", "  - active_loop: null",
                  "  - action: career_form", "  - active_loop: career_form", ""]
    return "\n".join(lines)


def not_intent(slot: str) -> list[str]:
    form, read_elsewhere, answers = FREE_TEXT_SLOTS[slot]
    ruled = [*ANSWER_THEN_RESUME, *PER_FORM[form], *LEAVE, "start_over"]
    return [i for i in dict.fromkeys(ruled + read_elsewhere) if i != "nlu_fallback" and i not in answers]


def flow_list(items: list[str], indent: int, width: int = 120) -> str:
    """``[a, b, ...]`` wrapped under its opening bracket, as domain.yml writes lists."""
    lines, line = [], "["
    for n, item in enumerate(items):
        word = item + ("]" if n == len(items) - 1 else ",")
        if indent + len(line) + 1 + len(word) > width and line != "[":
            lines.append(line)
            line = word
        else:
            line += ("" if line == "[" else " ") + word
    lines.append(line)
    return ("\n" + " " * indent).join(lines)


def domain_yml() -> str:
    """domain.yml with each free-text mapping's not_intent list as the rules make it; nothing else changes."""
    text = DOMAIN.read_text()
    for slot in FREE_TEXT_SLOTS:
        block = re.search(rf"^  {slot}:\n(?:(?:    .*)?\n)+", text, re.M)
        lists = list(re.finditer(r"(^ +not_intent: )\[[^\]]*\]", block.group(0), re.M)) if block else []
        if len(lists) != 1:
            raise SystemExit(f"domain.yml: slot {slot} should have one from_text mapping with a not_intent list")
        head = lists[0].group(1)
        start, end = block.start() + lists[0].start(), block.start() + lists[0].end()
        text = text[:start] + head + flow_list(not_intent(slot), len(head) + 1) + text[end:]
    return text


if __name__ == "__main__":
    sys.exit(write_or_check("make_rules.py", {OUT: forms_yml(), DOMAIN: domain_yml()}))
