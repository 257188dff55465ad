"""The console as an attacker probes it, on the project's web server alone (no conversation needed): the
login's throttling, the client address behind a trusted reverse proxy, headers that belong to one
response only, headers on the server's own error pages.

This web server trusts 127.0.0.1 as its reverse proxy (CAREERBOT_TRUSTED_PROXIES), so a test speaks for
several people by sending X-Forwarded-For as a proxy would. tests/test_console.py checks the same rules
on a server that trusts no proxy. Added time: about 30 s (the web server reads the store first).
"""
from __future__ import annotations

import concurrent.futures

import pytest

from tests.console_client import PASSWORD, Client, add_counselor
from tests.servers import BotStack, running

pytestmark = pytest.mark.integration

ATTACKER, COUNSELOR = {"X-Forwarded-For": "10.66.0.1"}, {"X-Forwarded-For": "192.168.7.20"}


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    stack = BotStack(tmp_path_factory.mktemp("console-web"), env={"CAREERBOT_TRUSTED_PROXIES": "127.0.0.1/32"})
    with running(stack, only=("web",)):
        for name in ("counsel", "victim", "parallel", "spray"):
            made = add_counselor(stack, name, PASSWORD)
            assert made.returncode == 0, made.stderr
        yield stack.web_url


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
