"""Write data/rules/forms.yml: what each form does when the person says something else mid-form
(asks for help, asks a follow-up, says stop ...). Run after changing the lists:
`.venv/bin/python scripts/make_rules.py`."""
from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "rules" / "forms.yml"

# intent -> what the bot does before going back to the form
ANSWER_THEN_RESUME = {
    "help": ["utter_help"], "bot_challenge": ["utter_iamabot"], "chitchat": ["utter_chitchat"],
    "out_of_scope": ["action_steer_back"], "nlu_fallback": ["action_steer_back"], "thank": ["utter_welcome"],
    "greet": ["utter_greet"], "ask_gaps": ["action_gaps"], "ask_training": ["action_training"],
    "ask_apprenticeship": ["action_apprenticeships"], "ask_pay": ["action_pay"],
    "ask_level": ["action_steer_back"], "ask_qualify": ["action_steer_back"],
}
PER_FORM = {
    "career_form": {"explore": ["action_explore"], "affirm": ["action_steer_back"], "deny": ["action_steer_back"]},
    "level_form": {"explore": ["action_explore"], "inform": ["action_steer_back"], "choose_job": ["action_steer_back"],
                   "no_job": ["action_steer_back"], "student": ["action_steer_back"], "laid_off": ["action_steer_back"]},
    "ladder_form": {"explore": ["action_explore"]},
}
LEAVE = {"stop": ["action_stop"], "goodbye": ["utter_goodbye", "action_stop"]}


def rule(title: str, form: str, intent: str, actions: list[str], resume: bool) -> list[str]:
    lines = [f"- rule: {title}", "  condition:", f"  - active_loop: {form}", "  steps:", f"  - intent: {intent}"]
    lines += [f"  - action: {a}" for a in actions]
    if resume:
        lines += [f"  - action: {form}", f"  - active_loop: {form}"]
    else:
        lines += ["  - active_loop: null"]
    return lines + [""]


def main() -> None:
    lines = ['version: "3.1"', "", "# Written by scripts/make_rules.py: edit the script, not this file.", "", "rules:", ""]
    for form, extra in PER_FORM.items():
        for intent, actions in {**ANSWER_THEN_RESUME, **extra}.items():
            lines += rule(f"{intent} during {form}", form, intent, actions, resume=True)
        for intent, actions in LEAVE.items():
            lines += rule(f"{intent} ends {form}", form, intent, actions, resume=False)
        lines += [f"- rule: start over during {form}", "  condition:", f"  - active_loop: {form}", "  steps:",
                  "  - intent: start_over", "  - action: action_start_over", "  - active_loop: null",
                  "  - action: career_form", "  - active_loop: career_form", ""]
    OUT.write_text("\n".join(lines))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
