"""The channel rendering (bot/channels/render.py) on the bot's real replies: SMS segments and numbered
choices, the widget's markdown, Slack's Block Kit. No servers; about 5 s (reading the store)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot import replies
from bot.channels import render, render_slack

ROOT = Path(__file__).resolve().parent.parent
REPORT = "http://localhost:8000/reports/43-4051.00/43-4031.00.html?state=ME"
CHART = "http://localhost:8000/charts/gaps/43-4051.00/43-4031.00.png?state=ME"


@pytest.fixture(scope="module")
def compare_answer(engine) -> list[dict]:
    from knowledge.analysis import analyst_for

    comparison = analyst_for(engine).compare("43-4051.00", "43-4031.00", state="ME")
    return replies.compare_summary(comparison, REPORT, CHART)


@pytest.mark.parametrize("first, char, count, segments", [
    ("", "a", 160, 1), ("", "a", 161, 2), ("", "a", 306, 2), ("", "a", 307, 3), ("", "a", 459, 3), ("", "a", 460, 4),
    ("", "€", 80, 1), ("", "[", 81, 2),  # GSM-7's extended characters take two septets
    ("", "é", 160, 1),  # é is in GSM-7
    ("", "ê", 70, 1), ("", "ê", 71, 2), ("", "ê", 134, 2), ("", "ê", 135, 3),  # ê is not: UCS-2, 70 / 67 a segment
    ("→", "a", 69, 1), ("→", "a", 70, 2),  # one such character makes the whole SMS UCS-2
])
def test_sms_segments(first, char, count, segments):
    assert render.sms_segments(first + char * count) == segments


def test_sms_plain_keeps_the_sms_in_gsm7():
    plain = render.sms_plain("Customer Service → Clerks • “quoted” – dash… crème brûlée")
    assert plain == 'Customer Service -> Clerks - "quoted" - dash... crème brulée'
    assert render.sms_units(plain)[1] == 160


def test_the_compare_answer_fits_three_segments_with_numbered_choices(compare_answer):
    body = render.sms_body(compare_answer)
    assert render.sms_segments(body) <= 3, body
    assert render.sms_units(body)[1] == 160, "not GSM-7: " + body  # 153 characters a segment, not 67
    assert body.startswith("Customer Service Representatives -> Court, Municipal, and License Clerks\n")
    assert "about 84 out of 100" in body and "1. Law and Government" in body
    assert "Full report: http://localhost:8000/r/43405100-43403100-ME" in body
    assert "Reply with a number:\n1 What am I missing?\n2 How do I get there?\n3 What does it pay?" in body
    assert "http://localhost:8000/reports/" not in body and "<" not in body and "*" not in body.replace("O*NET", "")


def test_a_short_answer_is_left_whole():
    body = render.sms_body([{"text": "Which state do you live in?", "buttons": []}])
    assert body == "Which state do you live in?"
    with_buttons = render.sms_body([{"text": "Did you mean:", "buttons": [
        {"title": "Court Clerks", "payload": '/choose_job{"job_code": "43-4031.01"}'},
        {"title": "License Clerks", "payload": '/choose_job{"job_code": "43-4031.03"}'}]}])
    assert with_buttons == "Did you mean:\n\nReply with a number:\n1 Court Clerks\n2 License Clerks"


def test_every_long_reply_fits(engine):
    from knowledge.analysis import analyst_for

    analyst = analyst_for(engine)
    for source, target, state in [("43-4051.00", "29-2052.00", "OH"), ("41-2011.00", "29-1141.00", None),
                                  ("53-7051.00", "47-2111.00", "TX")]:
        comparison = analyst.compare(source, target, state=state)
        for answer in (replies.compare_summary(comparison, REPORT), replies.gaps_detail(comparison), replies.pay(comparison)):
            body = render.sms_body(answer)
            assert render.sms_segments(body) <= 3, body
            buttons = render.sms_buttons(answer)
            for n, button in enumerate(buttons, 1):
                assert f"\n{n} {render.sms_plain(button['title'])}" in body


def test_a_digit_answers_the_numbered_choice():
    buttons = [{"title": "A", "payload": "/ask_gaps"}, {"title": "B", "payload": "/ask_pay"}]
    assert render.chosen_payload("2", buttons) == "/ask_pay"
    assert render.chosen_payload(" 1. ", buttons) == "/ask_gaps"
    assert render.chosen_payload("3", buttons) is None  # no such choice: the text goes to the bot as it is
    assert render.chosen_payload("2 years", buttons) is None
    assert render.chosen_payload("2", []) is None


def test_short_report_links():
    assert render.short_report_url(REPORT) == "http://localhost:8000/r/43405100-43403100-ME"
    assert render.short_report_url("https://bot.example.org/reports/43-4051.00/29-2052.00.html") == \
        "https://bot.example.org/r/43405100-29205200"
    assert render.short_report_url("https://www.bls.gov/oes/") == "https://www.bls.gov/oes/"


def test_short_report_links_keep_the_story():
    """Issue 18: the SMS link opens the report with "Your story", as the widget's does."""
    from bot.channels.short_links import SHORT_LINK, story_query
    from bot.web import report_url
    from knowledge.person.profile import Education, Job, Profile, from_query

    profile = Profile([Job("41-2011.00", 3, 2), Job("43-3031.00", 1.5, 0, unpaid=True), Job("43-3071.00", 2, 0)],
                      Education("associate", 30, "small business", "no college degree"))
    url = report_url("43-3071.00", "43-3031.00", "WI", profile=profile)
    short = render.short_report_url(url)
    assert short == ("http://localhost:8000/r/43307100-43303100-WI_p41201100-3-2_u43303100-1.5_n2_e5_c30"
                     "_fsmall%20business_sno%20college%20degree")
    key = SHORT_LINK.match(short.rsplit("/r/", 1)[1])
    assert key and key[3] == "WI"
    args: dict[str, list[str]] = {}
    for name, value in story_query(key[4]):
        args.setdefault(name, []).append(value)
    assert from_query(args, "43-3071.00") == profile  # the same story back
    assert render.short_report_url(report_url("43-3071.00", "43-3031.00", profile=Profile(
        [Job("41-2011.00", None, 0), Job("43-3071.00", None, 0)]))) == "http://localhost:8000/r/43307100-43303100_p41201100--0"


def test_widget_markdown_keeps_lines_lists_and_links(compare_answer):
    markdown = render.widget_markdown(compare_answer[0]["text"])
    assert "Clerks (Maine)  \nAbilities and knowledge only: you cover" in markdown  # a line stays a line (hard break)
    assert "\n\n1. Law and Government" in markdown and "\n2. Administrative" in markdown  # a markdown list
    assert "O\\*NET 29.3" in markdown  # not the start of italics
    link = render.widget_markdown(compare_answer[-1]["text"])
    assert link.endswith(f"[your full report]({REPORT})")
    assert render.widget_markdown("Pay:\n• A: $1\n• B: $2\nSource: BLS") == "Pay:\n\n- A: $1\n- B: $2\n\nSource: BLS"


def test_slack_blocks(compare_answer):
    first = render_slack.slack_message(compare_answer[0])
    assert [b["type"] for b in first["blocks"]] == ["section", "image"]
    assert first["blocks"][0]["text"]["type"] == "mrkdwn"
    assert first["blocks"][1]["image_url"] == CHART and first["blocks"][1]["alt_text"]
    assert first["text"].startswith("Customer Service Representatives → Court")
    last = render_slack.slack_message(compare_answer[-1])
    assert last["blocks"][0]["text"]["text"].endswith(f"<{REPORT}|your full report>")
    actions = last["blocks"][-1]
    assert actions["type"] == "actions"
    assert [(e["type"], e["text"]["text"], e["value"]) for e in actions["elements"]][:2] == [
        ("button", "What am I missing?", "/ask_gaps"), ("button", "How do I get there?", "/ask_training")]
    assert len({e["action_id"] for e in actions["elements"]}) == len(actions["elements"])
    json.dumps(last)  # what goes to chat.postMessage


def test_slack_splits_long_text_and_escapes():
    message = render_slack.slack_message({"text": "a < b & c\n" + "x" * 4000})
    sections = [b["text"]["text"] for b in message["blocks"]]
    assert sections[0] == "a &lt; b &amp; c" and all(len(s) <= 3000 for s in sections)
    assert "".join(sections[1:]) == "x" * 4000


# -- SMS: what the phone shows -------------------------------------------------------------------------

def test_inverted_marks_are_plain_marks():
    assert render.sms_plain("¡Hola! ¿Qué tal?") == "!Hola! ?Qué tal?"  # not "@Hola" nor "§": what every phone shows
    assert render.sms_input("¡Hola! ¿Qué tal?") == "!Hola! ?Qué tal?"
    assert render.sms_input("write to jane¡example.org") == "write to jane@example.org"  # a carrier's "@"


CARRIER_WORD = re.compile(r'"(stop|stopall|unsubscribe|cancel|end|quit|revoke|optout)"', re.I)


def test_no_sms_asks_people_to_type_a_carrier_keyword():
    """Texting STOP (CANCEL, QUIT, ...) opts the number out of every message: no SMS may suggest it for
    anything else. Every reply text in bot/replies/ and domain.yml that quotes one is reworded for SMS."""
    assert render.sms_body(replies.steer_in_form()) == \
        "Sorry, I didn't catch that. Let's finish this question first, or say \"never mind\"."
    quoting = [line for path in (*sorted((ROOT / "bot" / "replies").glob("*.py")), ROOT / "domain.yml")
               for line in path.read_text().replace('\\"', '"').splitlines() if CARRIER_WORD.search(line)]
    assert quoting  # replies.steer_in_form says 'or say "stop"' (fine in the widget and Slack)
    for line in quoting:
        assert not CARRIER_WORD.search(render.sms_wording(line)), line


def test_a_number_not_among_the_choices_gets_them_again():
    buttons = [{"title": "What am I missing?", "payload": "/ask_gaps"}, {"title": "What does it pay?", "payload": "/ask_pay"}]
    assert render.sms_reshow(" 9. ", buttons) == \
        "There is no choice 9.\n\nReply with a number:\n1 What am I missing?\n2 What does it pay?"


def test_a_shortened_answer_leaves_no_empty_heading():
    """The pay answer's shape, of a length where keeping the first lines that fit would end in "Outlook:"
    with nothing under it."""
    pay = {"text": "Pay:\n" + "\n".join(f"• Job {n}: Maine $4{n},000; whole U.S. $5{n},000; Portland-South Portland "
                                         f"area $46,500" for n in range(4))}
    outlook = {"text": "Outlook:\n" + "\n".join(f"• Job {n}: jobs expected to grow by 2034, with about {n},500 openings "
                                                  "a year across the U.S." for n in range(3)),
               "buttons": [{"title": "What am I missing?", "payload": "/ask_gaps"}]}
    for link in (None, REPORT):
        body = render.sms_body([pay, outlook], report_link=link)
        assert render.sms_segments(body) <= 3
        assert "- Job 3: Maine $43,000" in body and "Outlook:" not in body, body
        assert body.endswith(f"\n\n{'Full report: ' + render.short_report_url(REPORT) if link else render.MORE_LINE}"
                             "\n\nReply with a number:\n1 What am I missing?"), body
    assert render.sms_pages([pay, outlook])[1].startswith("Outlook:\n- Job 0: jobs expected")  # MORE: the rest


@pytest.fixture(scope="module")
def training_answer(engine) -> list[dict]:
    from actions import store
    from knowledge import lookup
    from knowledge.training import training_routes

    analyst, target, state = store.analyst(), "47-2111.00", "TX"
    occupation = store.occupation(target)
    return replies.training(training_routes(store.engine(), target, state), store.state_name(state),
                            analyst.zones.get(occupation.job_zone), lookup.projection_for(analyst.projections, occupation.soc),
                            analyst.cite("job_zone_reference"), analyst.cite("projection"))


def test_a_shortened_answer_ends_with_the_link_to_the_rest(training_answer):
    """The training answer is far too long for one SMS: with the conversation's report it ends with the
    report's short link; without one, with "Text MORE for the rest." and MORE's pages hold every program."""
    report = "http://localhost:8000/reports/53-7051.00/47-2111.00.html?state=TX"
    body = render.sms_body(training_answer, report_link=report)
    assert render.sms_segments(body) <= 3
    assert "\n\nFull report: http://localhost:8000/r/53705100-47211100-TX\n\nReply with a number:\n1 " in body, body
    assert "schools in Texas:\n\n" not in body and not body.split("\n\n")[-3].endswith(":"), body
    pages = render.sms_pages(training_answer)
    assert f"\n\n{render.MORE_LINE}\n\nReply with a number:\n1 " in pages[0]
    assert all(render.sms_segments(p) <= 3 for p in pages)
    assert len(pages) > 2 and all(p.endswith(render.MORE_LINE) for p in pages[1:-1])
    assert not pages[-1].endswith(render.MORE_LINE)
    programs = [line.split(":")[0].lstrip("• ") for line in training_answer[-1]["text"].splitlines() if line.startswith("• ")]
    assert programs and all(any(render.sms_plain(p) in page for page in pages[1:]) for p in programs)
    for page in pages[1:]:
        assert not page.split(f"\n\n{render.MORE_LINE}")[0].rstrip().endswith(":"), page  # a heading goes with its lines


def test_slack_fallbacks_drop_the_picture_then_the_blocks(compare_answer):
    first, without_image, text_only = render_slack.slack_fallbacks(compare_answer[0])
    assert first == render_slack.slack_message(compare_answer[0])
    assert "image" not in [b["type"] for b in without_image["blocks"]]
    assert without_image["blocks"][-1]["text"]["text"] == f"<{CHART}|the gap chart>"
    assert "blocks" not in text_only and text_only["text"].endswith(f"<{CHART}|the gap chart>")
    last = render_slack.slack_fallbacks(compare_answer[-1])
    assert len(last) == 2  # no picture: the message, then plain text with the choices written out
    assert "You can ask: What am I missing?; How do I get there?" in last[1]["text"]
