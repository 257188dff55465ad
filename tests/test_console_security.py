"""The console as an attacker probes it, on the project's web server alone (no conversation needed): the
login's throttling, the client address behind a trusted reverse proxy, headers that belong to one
response only, headers on the server's own error pages.

This web server trusts 127.0.0.1 as its reverse proxy (CAREERBOT_TRUSTED_PROXIES), so a test speaks for
several people by sending X-Forwarded-For as a proxy would. tests/test_console.py checks the same rules
on a server that trusts no proxy. Added time: about 30 s (the web server reads the store first).
"""
from __future__ import annotations

import concurrent.futures
import sqlite3
import time

import pytest

from tests.console_client import PASSWORD, Client, add_counselor
from tests.servers import BotStack, running

pytestmark = pytest.mark.integration

ATTACKER, COUNSELOR = {"X-Forwarded-For": "10.66.0.1"}, {"X-Forwarded-For": "192.168.7.20"}


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    stack = BotStack(tmp_path_factory.mktemp("console-web"), env={"CAREERBOT_TRUSTED_PROXIES": "127.0.0.1/32"})
    with running(stack, only=("web",)):
        for name in ("counsel", "victim", "parallel", "spray"):
            made = add_counselor(stack, name, PASSWORD)
            assert made.returncode == 0, made.stderr
        yield stack


@pytest.fixture()
def web(stack) -> str:
    return stack.web_url


def test_a_redirect_location_belongs_to_its_own_response(web):
    """Sanic's redirect() writes Location into the headers dict it is given: one shared by every console
    response would carry one counselor's URL onto everybody's pages."""
    status, headers, _ = Client(web).request("/console/conversations?q=Maria+Lopez")
    assert status == 302 and "Maria" in headers["Location"]
    for path in ("/console/login", "/console/no/such/page", "/console/login"):
        status, headers, body = Client(web).request(path)
        assert "Maria" not in (headers.get("Location") or ""), (path, status, headers.get("Location"))
    status, headers, _ = Client(web).request("/console/login")
    assert status == 200 and headers.get("Location") is None


def _tries(web: str, names: list[str], password: str, headers: dict) -> list[tuple[int, dict, bytes]]:
    """One login try per name, all sent at once, each from its own browser with its own form token."""
    clients = [Client(web, headers) for _ in names]
    tokens = [c.csrf("/console/login") for c in clients]

    def one(i: int):
        return clients[i].request("/console/login", {"csrf": tokens[i], "name": names[i], "password": password,
                                                     "next": "/console/conversations"})
    with concurrent.futures.ThreadPoolExecutor(len(names)) as pool:
        return list(pool.map(one, range(len(names))))


def test_wrong_passwords_sent_at_once_are_refused_after_the_free_tries(web):
    answers = _tries(web, ["parallel"] * 15, "not the password at all", ATTACKER)
    statuses = [a[0] for a in answers]
    # five free tries are checked (one or two more if the machine is so slow that the 1 s and 2 s waits run out
    # while the others are still queued)
    assert statuses.count(401) in (5, 6, 7) and statuses.count(429) == 15 - statuses.count(401), statuses
    refused = next(a for a in answers if a[0] == 429)
    assert int(refused[1]["Retry-After"]) >= 1 and b"Too many failed logins. Try again in" in refused[2]


def test_an_attacker_slows_only_their_own_address(web, stack):
    assert [a[0] for a in _tries(web, ["victim"] * 10, "guess number one!", ATTACKER)].count(429) >= 4
    with sqlite3.connect(stack.folder / "console.sqlite") as db:  # and seven more in the last minutes
        db.executemany("INSERT INTO console_failed_logins (name, address, time) VALUES ('victim', ?, ?)",
                       [(ATTACKER["X-Forwarded-For"], time.time() - 60 + i) for i in range(7)])
    # a wait of minutes now: the right password from the attacker's address is refused unchecked ...
    status, headers, _ = Client(web, ATTACKER).login("victim")
    assert status == 429 and int(headers["Retry-After"]) > 60
    # ... while the counselor, at another address, logs in at once
    status, headers, _ = Client(web, COUNSELOR).login("victim")
    assert status == 302 and headers["Location"].endswith("/console/conversations")


def test_one_address_trying_many_names_is_slowed(web):
    sprayer = {"X-Forwarded-For": "10.66.0.2"}
    statuses = [a[0] for a in _tries(web, [f"spray-{i}" for i in range(30)], "Summer2026!!", sprayer)]
    assert statuses.count(401) in (20, 21, 22) and statuses.count(429) == 30 - statuses.count(401), statuses
    status, _, _ = Client(web, COUNSELOR).login("spray")  # that address only
    assert status == 302


def test_the_waits_double_and_have_a_ceiling():
    from bot.console.accounts import BY_NAME, BY_NAME_AND_ADDRESS, wait_after

    assert [wait_after(n, BY_NAME_AND_ADDRESS) for n in range(10)] == [0, 0, 0, 0, 0, 1, 2, 4, 8, 16]
    assert wait_after(40, BY_NAME_AND_ADDRESS) == 15 * 60 and wait_after(10 ** 6, BY_NAME) == 60


def test_behind_a_trusted_proxy_the_forwarded_client_counts(web):
    # the console answers private networks only: the forwarded client, not the proxy, is checked
    assert Client(web, {"X-Forwarded-For": "203.0.113.9"}).request("/console/login")[0] == 404
    assert Client(web, {"X-Forwarded-For": "203.0.113.9, 10.1.2.3"}).request("/console/login")[0] == 200
    # a browser on HTTPS to the proxy gets Secure cookies (which it then sends over HTTPS only); on plain
    # HTTP it does not
    for proto, secure in (("https", True), ("http", False)):
        _, headers, _ = Client(web, {**COUNSELOR, "X-Forwarded-Proto": proto}).request("/console/login")
        cookie = headers["Set-Cookie"]
        assert cookie.startswith("careerbot_console_login=") and ("; Secure" in cookie) is secure, (proto, cookie)
    client = Client(web, {**COUNSELOR, "X-Forwarded-Proto": "http"})
    assert client.login()[0] == 302
    assert not next(c for c in client.jar if c.name == "careerbot_console").secure


def test_the_servers_own_error_pages_carry_the_consoles_headers(web):
    for method, path in (("PUT", "/console/conversations"), ("DELETE", "/console/login"),
                         ("PATCH", "/console/conversations/0123/notes")):
        status, headers, _ = Client(web).request(path, method=method)
        assert status in (404, 405), (method, path, status)
        assert headers["X-Frame-Options"] == "DENY" and headers["Cache-Control"] == "no-store", (method, path)
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"] and headers["X-Content-Type-Options"]
