"""The channel rendering (bot/channels/render.py) on the bot's real replies: SMS segments and numbered
choices, the widget's markdown, Slack's Block Kit. No servers; about 5 s (reading the store)."""
from __future__ import annotations

import json

import pytest

from bot import replies
from bot.channels import render

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


def test_widget_markdown_keeps_lines_lists_and_links(compare_answer):
    markdown = render.widget_markdown(compare_answer[0]["text"])
    assert "Clerks (Maine)  \nYour experience covers" in markdown  # a line stays a line (hard break)
    assert "\n\n1. Law and Government" in markdown and "\n2. Administrative" in markdown  # a markdown list
    assert "O\\*NET 29.3" in markdown  # not the start of italics
    link = render.widget_markdown(compare_answer[-1]["text"])
    assert link.endswith(f"[your full report]({REPORT})")
    assert render.widget_markdown("Pay:\n• A: $1\n• B: $2\nSource: BLS") == "Pay:\n\n- A: $1\n- B: $2\n\nSource: BLS"


def test_slack_blocks(compare_answer):
    first = render.slack_message(compare_answer[0])
    assert [b["type"] for b in first["blocks"]] == ["section", "image"]
    assert first["blocks"][0]["text"]["type"] == "mrkdwn"
    assert first["blocks"][1]["image_url"] == CHART and first["blocks"][1]["alt_text"]
    assert first["text"].startswith("Customer Service Representatives → Court")
    last = render.slack_message(compare_answer[-1])
    assert last["blocks"][0]["text"]["text"].endswith(f"<{REPORT}|your full report>")
    actions = last["blocks"][-1]
    assert actions["type"] == "actions"
    assert [(e["type"], e["text"]["text"], e["value"]) for e in actions["elements"]][:2] == [
        ("button", "What am I missing?", "/ask_gaps"), ("button", "How do I get there?", "/ask_training")]
    assert len({e["action_id"] for e in actions["elements"]}) == len(actions["elements"])
    json.dumps(last)  # what goes to chat.postMessage


def test_slack_splits_long_text_and_escapes():
    message = render.slack_message({"text": "a < b & c\n" + "x" * 4000})
    sections = [b["text"]["text"] for b in message["blocks"]]
    assert sections[0] == "a &lt; b &amp; c" and all(len(s) <= 3000 for s in sections)
    assert "".join(sections[1:]) == "x" * 4000
