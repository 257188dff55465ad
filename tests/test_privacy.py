"""bot.privacy: personal data in running text is masked, what the bot talks about is not; SMS senders are
kept as a keyed hash. No server, no store: well under a second."""
from __future__ import annotations

import os
import stat

import pytest

from bot import privacy
from bot.privacy import hash_sender, mask


@pytest.mark.parametrize("text, expected", [
    # phone numbers, as people type them
    ("call me at (207) 555-0134 tomorrow", "call me at [phone] tomorrow"),
    ("my cell is 207-555-0134.", "my cell is [phone]."),
    ("text 207.555.0134 or 207 555 0134", "text [phone] or [phone]"),
    ("number: 2075550134, after 5pm", "number: [phone], after 5pm"),
    ("+1 207 555 0134 is mine", "[phone] is mine"),
    ("1-800-555-0199 is the office", "[phone] is the office"),
    ("in the UK I was on +44 20 7946 0958", "in the UK I was on [phone]"),
    # e-mail addresses
    ("email me at jane.doe+jobs@example.co.uk please", "email me at [e-mail] please"),
    ("JOHN_SMITH77@Mail.Example.com is my address", "[e-mail] is my address"),
    # US social security numbers
    ("my ssn is 123-45-6789", "my ssn is [SSN]"),
    ("SSN: 123456789 and nothing else", "SSN: [SSN] and nothing else"),
    ("social security number 123 45 6789", "social security number [SSN]"),
    # street addresses
    ("I live at 123 Main Street, Apt 4B, Portland, ME 04101 now", "I live at [address] now"),
    ("send it to 42 n elm st please", "send it to [address] please"),
    ("we moved to 7 Martin Luther King Jr Blvd last year", "we moved to [address] last year"),
    ("mail goes to PO Box 77", "mail goes to [address]"),
    ("worked 12 years at 5 Oak Ave in Bangor", "worked 12 years at [address] in Bangor"),
    # the forms issue 17 found unmasked
    ("call 207/555-0100 after 3", "call [phone] after 3"),
    ("(207)-555-0100", "[phone]"),
    ("text me 207\u2013555\u20130100", "text me [phone]"),            # en dashes
    ("or 207\u2014555\u20140100 or 207\u2212555\u22120100", "or [phone] or [phone]"),  # em dash, minus sign
    ("207 555 01 00 is the house", "[phone] is the house"),
    ("my new number is 555-0105", "my new number is [phone]"),
    ("it's 123.45.6789", "it's [SSN]"),
    ("123456789", "[SSN]"),
    ("write to maria(at)example.com", "write to [e-mail]"),
    ("I live at 456 Oak Rd., Bangor, Maine 04401.", "I live at [address]."),
    # more phone spellings
    ("(207)555-0100", "[phone]"),
    ("+1-207-555-0100 (cell)", "[phone] (cell)"),
    ("1 (207) 555-0100", "[phone]"),
    ("tel:+12075550100", "tel:[phone]"),
    ("cell 207 555 0100, home 207 555 0199", "cell [phone], home [phone]"),
    ("207 5550100", "[phone]"),
    ("+33 1 42 68 53 00 in Paris", "[phone] in Paris"),
    ("call 555\u20130105 tonight", "call [phone] tonight"),
    # more SSN spellings
    ("123\u201345\u20136789", "[SSN]"),
    ("ssn# 123-45-6789", "ssn# [SSN]"),
    ("my social is 123456789.", "my social is [SSN]."),
    # more e-mail spellings
    ("maria [at] example [dot] com", "[e-mail]"),
    ("maria(at)example(dot)com please", "[e-mail] please"),
    ("jo @ example.org", "[e-mail]"),
    ("MARIA.LOPEZ@EXAMPLE.ORG", "[e-mail]"),
    # more addresses: city, state by name or code, ZIP; a direction after the street; a PO box with its town
    ("456 Oak Rd., Bangor, ME 04401", "[address]"),
    ("456 Oak Rd, Bangor, Maine, then Portland", "[address], then Portland"),
    ("456 Oak Rd., Bangor 04401", "[address]"),
    ("1600 Pennsylvania Avenue NW, Washington, DC 20500", "[address]"),
    ("12 Elm St Apt 3, Portland, Oregon 97201 since May", "[address] since May"),
    ("P.O. Box 123, Augusta, ME 04330", "[address]"),
    ("77 Ocean Ave, Santa Fe, New Mexico 87501-1234", "[address]"),
    ("22 Main St. in Bangor", "[address] in Bangor"),
    ("12 Elm St, Bangor, me too", "[address], Bangor, me too"),
])
def test_personal_data_in_running_text_is_masked(text, expected):
    assert mask(text) == expected


@pytest.mark.parametrize("text", [
    "The typical pay is $52,310 a year, up $4,120 (+8%).",
    "Customer Service Representatives (43-4051.00) and 43-4051 and 15-1252.00",
    "Jobs +5% by 2034; I started in 2019 and left in 2025.",
    "I've been a cashier for 3 years and 6 months, 40 hours a week.",
    "I have 30 college credits and 120 hours of training",
    "wages went from 31,200 to 45,000 between 2019-2023",
    "3 years at the Main St store",
    "I drove 300 miles on Route 1 every day",
    "RAPIDS code 0867 for 2000 hours; level 3 of 5",
    "1,234,567.89 people work in it",
    "I earned $45,000.50 last year and 18.50 an hour before",
    "I worked 9-5 for 10 years, 2015-2025",
    "the CIP code is 51.0805 and the SOC 15-1252",
    "between 2015 and 2020 I drove 40,000 miles",
    "zone 3 of 5, score 72.5 out of 100",
    "O*NET 29.3 and OEWS May 2025",
    "openings 123,456 and 2,345,678 employed, up 1.2% from 2024-2034",
    "I live in Maine, near Bangor, and work at the Main St diner",
    "email me back at work",
    "3001CB takes 2000 hours",
])
def test_what_the_bot_talks_about_is_not_masked(text):
    assert mask(text) == text


def test_mask_keeps_empty_text():
    assert mask("") == "" and mask(None) == ""


def test_several_kinds_in_one_message():
    out = mask("I'm Jo, 207-555-0134, jo@example.com, 12 Elm St, SSN 123-45-6789; I want to be a nurse")
    assert out == "I'm Jo, [phone], [e-mail], [address], SSN [SSN]; I want to be a nurse"


@pytest.mark.parametrize("text, numbers", [
    ("call me at (207) 555-0100 or 207.555.0101", ["(207) 555-0100", "207.555.0101"]),
    ("my SSN is 123-45-6789, cell 555-0105", ["555-0105"]),  # an SSN is not a phone number
    ("456 Oak Rd., Bangor, Maine 04401 and jo@example.com", []),
    ("I made $52,310 in 2025 as 43-4051.00", []),
])
def test_phone_numbers_are_found_as_typed(text, numbers):
    """What the console shows of a call-back request: the numbers ``mask`` hides, exactly as typed."""
    from bot.privacy import phone_numbers

    assert phone_numbers(text) == numbers
    assert all(n in text and n not in mask(text) for n in numbers)


@pytest.fixture()
def key_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(privacy, "VAR_DIR", tmp_path)
    monkeypatch.delenv(privacy.SENDER_KEY_ENV, raising=False)
    monkeypatch.delenv(privacy.KEEP_NUMBERS_ENV, raising=False)
    return tmp_path


def test_sender_hash_is_keyed_stable_and_hides_the_number(key_dir):
    hashed = hash_sender("+1 (207) 555-0134")
    assert hashed.startswith("sms-") and len(hashed) == 4 + 64
    assert "2075550134" not in hashed
    assert hash_sender("+12075550134") == hashed  # one person, however the number is spelled
    assert hash_sender("+12075550135") != hashed
    key_file = key_dir / privacy.SENDER_KEY_FILE
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600  # made once, readable by its owner only
    key = key_file.read_bytes()
    assert hash_sender("+12075550134") == hashed and key_file.read_bytes() == key
    import hashlib
    assert hashed != "sms-" + hashlib.sha256(b"+12075550134").hexdigest()  # not an unkeyed hash


def test_sender_hash_depends_on_the_key(key_dir, monkeypatch):
    from_file = hash_sender("+12075550134")
    monkeypatch.setenv(privacy.SENDER_KEY_ENV, "a deployment's own secret")
    from_env = hash_sender("+12075550134")
    assert from_env != from_file and from_env == hash_sender("+1 207 555 0134")


def test_deployment_can_keep_the_numbers(key_dir, monkeypatch):
    monkeypatch.setenv(privacy.KEEP_NUMBERS_ENV, "1")
    assert hash_sender("+12075550134") == "+12075550134"
    assert not (key_dir / privacy.SENDER_KEY_FILE).exists()


def test_conversation_ids_are_keyed_and_the_key_is_kept_private(key_dir, monkeypatch):
    import hashlib

    monkeypatch.delenv(privacy.CONVERSATION_KEY_ENV, raising=False)
    shown = privacy.conversation_id("Zx8kq2-socketio-session")
    assert len(shown) == 24 and shown == privacy.conversation_id("Zx8kq2-socketio-session")
    assert shown not in hashlib.sha256(b"Zx8kq2-socketio-session").hexdigest()  # not an unsalted hash
    key_file = key_dir / privacy.CONVERSATION_KEY_FILE
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600 and len(key_file.read_bytes().strip()) == 64
    assert privacy.sender_key() != key_file.read_bytes().strip()  # its own key, not the SMS senders'
    monkeypatch.setenv(privacy.CONVERSATION_KEY_ENV, "a deployment's own secret")
    assert privacy.conversation_id("Zx8kq2-socketio-session") != shown
