"""Counselor passwords (bot/console/accounts.py ``password_problem``): at least 12 characters not counting
spaces at either end, none of the 30,000 common passwords zxcvbn ships, and not easy to guess by zxcvbn's
estimate (its score of 3 or more), the counselor's name and the site's words counted as known. Every place a
password is set goes through it: ``add-counselor`` (tests/test_console.py) and the password change
(tests/test_console_casework.py). No server."""
from __future__ import annotations

import pytest

from bot.console import accounts

SHORT, COMMON, GUESSABLE = "at least 12 characters", "one of the most common passwords", "too easy to guess"

# (the new password, the counselor's name, what is wrong: a part of the reason, or None when it is fine)
CASES = [
    ("short", "jane", SHORT),
    ("eleven chrs", "jane", SHORT),
    (" " * 20, "jane", SHORT),                       # ten spaces, twenty spaces: not a password
    ("   eleven chr   ", "jane", SHORT),             # spaces at either end do not count
    ("password1234", "jane", COMMON),
    ("PASSWORD1234", "jane", COMMON),                # the list is of lower-case passwords; case does not help
    ("1qaz2wsx3edc", "jane", COMMON),                # a keyboard pattern on the list
    ("qwerty123456", "jane", COMMON),
    ("leavemealone", "jane", COMMON),
    ("  leavemealone  ", "jane", COMMON),
    ("Password123!", "jane", GUESSABLE),             # a common one dressed up
    ("iloveyou1234", "jane", GUESSABLE),
    ("welcome12345", "jane", GUESSABLE),
    ("qwertyuiopasdf", "jane", GUESSABLE),           # a row of keys
    ("aaaaaaaaaaaaaaa", "jane", GUESSABLE),          # repeats
    ("abcdefghijklmn", "jane", GUESSABLE),           # a sequence
    ("123456789012", "jane", GUESSABLE),
    ("passwordpassword", "jane", GUESSABLE),
    ("Jennifer1985!", "jane", GUESSABLE),            # a name and a year
    ("michaeljordan", "jane", GUESSABLE),
    ("careerbot2025", "jane", GUESSABLE),            # the site's own name
    ("counselor123", "jane", GUESSABLE),
    ("janejanejane12", "jane", GUESSABLE),           # the counselor's own name
    ("x" * 5000, "jane", GUESSABLE),                 # very long, judged on its first 72 characters
    ("a long test password", "jane", None),
    ("correct horse battery staple", "jane", None),
    ("Tr0ub4dor&3x", "jane", None),
    ("gravel lantern mosaic", "jane", None),
    ("7hL#q2v!Zr9p", "jane", None),
    ("  a long test password  ", "jane", None),      # spaces at either end are allowed, just not counted
    ("plum-orbit-canvas-41", "jane", None),
]


@pytest.mark.parametrize("password, name, wrong", CASES)
def test_the_password_rules(password, name, wrong):
    problem = accounts.password_problem(password, name)
    if wrong is None:
        assert problem is None, problem
        accounts.check_password_rules(password, name)
    else:
        assert problem and wrong in problem, problem
        with pytest.raises(ValueError, match=wrong):
            accounts.check_password_rules(password, name)


def test_the_reason_is_said_in_plain_words():
    assert accounts.password_problem("qwertyuiopasdf") == (
        "that password is too easy to guess (this is similar to a commonly used password); a few words that don't "
        "belong together make a strong one")
    assert accounts.password_problem("leavemealone") == (
        "that password is one of the most common passwords, which are tried first; choose another")


def test_every_common_password_long_enough_is_refused():
    long_ones = [p for p in accounts.COMMON_PASSWORDS if len(p) >= accounts.MIN_PASSWORD]
    assert len(long_ones) > 100
    assert all(accounts.password_problem(p) for p in long_ones)
