"""A counselor's (or an attacker's) browser without JavaScript, for the console tests: cookies kept,
redirects seen, not followed; and making a counselor account the way an administrator does."""
from __future__ import annotations

import hashlib
import hmac
import http.cookiejar
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

from tests.servers import CONVERSATION_KEY, ROOT, environment

PASSWORD = "a long test password"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """One browser: its own cookie jar; ``headers`` go with every request (e.g. a proxy's X-Forwarded-For)."""

    def __init__(self, base: str, headers: dict | None = None):
        self.base, self.headers = base, headers or {}
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def request(self, path: str, form: dict | None = None, method: str | None = None) -> tuple[int, dict, bytes]:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        try:
            with self.opener.open(urllib.request.Request(self.base + path, data=data, headers=self.headers,
                                                         method=method), timeout=120) as r:
                return r.status, r.headers, r.read()  # headers: any case
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def page(self, path: str) -> str:
        status, _, body = self.request(path)
        assert status == 200, (path, status, body[:300])
        return body.decode()

    def csrf(self, path: str) -> str:
        return re.search(r'name="csrf" value="([^"]+)"', self.page(path)).group(1)

    def login(self, name: str = "counsel", password: str = PASSWORD) -> tuple[int, dict, bytes]:
        token = self.csrf("/console/login")
        return self.request("/console/login", {"csrf": token, "name": name, "password": password,
                                               "next": "/console/conversations"})


def shown_id(sender: str) -> str:
    """The id the console shows for a sender's conversation: HMAC-SHA256 under the test stack's secret (which
    only someone with the secret can compute)."""
    return hmac.new(CONVERSATION_KEY.encode(), sender.encode(), hashlib.sha256).hexdigest()[:24]


def add_counselor(stack, name: str, password: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot.console", "add-counselor", name, "--password-stdin"],
                          input=password + "\n", capture_output=True, text=True, cwd=ROOT,
                          env=environment(stack.env))
