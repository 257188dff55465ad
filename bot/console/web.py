"""The counselor console's pages, a Sanic blueprint under /console on the project's web server.

    GET  /console/login                          the login form (the only page open without an account)
    POST /console/login, /console/logout
    GET  /console/conversations[?q=&channel=&occupation=&since=&until=&human=1&unresolved=1
                                 &assignee=me|none|NAME&status=open|new|in progress|done&due=1&sort=follow_up]
    GET  /console/conversations.csv[?same filters]
    GET  /console/conversations/<key>            casework and notes at the top, then the transcript and analyses
    POST /console/conversations/<key>/case       assignee, status, follow-up date
    POST /console/conversations/<key>/notes      a new note; .../notes/<id>/edit, .../notes/<id>/delete
    GET  /console/conversations/<key>/export.html | export.pdf
    GET  /console/requests[?all=1]                requests for a person, the newest first
    POST /console/conversations/<key>/contact | take | send | release   the contact given; the live chat
    GET  /console/live/<key>, /console/live/<key>/turns?after=N, /console/live.js
    GET  /console/access[?conversation=&counselor=]   who viewed, exported or changed what
    GET  /console/account; POST /console/account/password, /console/account/logout-everywhere

(the conversation pages: bot/console/conversation_pages.py; requests and the live chat: handoff_pages.py;
access log and account: account_pages.py)

Every other /console URL, and all of these but the login when nobody is logged in, answer with a
redirect to the login page. POST forms carry the session's CSRF token (the login form a cookie-bound
one). Cookies are HttpOnly and SameSite=Strict, limited to /console, and Secure when the browser uses
HTTPS (behind a trusted proxy: bot/console/proxy.py). Failed logins slow down the address that makes them
(``accounts.attempt_login``), they lock nobody out. Pages are not cached and cannot be framed.
Conversations are named by ``bot.privacy.conversation_id``, never by their sender id. The job seekers' channels are on the Rasa server, not here, and no other route of this server
reads the tracker store or the console database.
"""
from __future__ import annotations

import asyncio
import hmac
import math
import os
import secrets
import threading
from datetime import datetime, timezone
from functools import wraps
from pathlib import Path
from types import MappingProxyType
from urllib.parse import quote, urlsplit

from bot.console import accounts, proxy
from bot.console.casework import STATUSES
from bot.console.conversations import Conversations
from bot.console.db import open_console_db

COOKIE = "careerbot_console"
LOGIN_COOKIE = "careerbot_console_login"
FAILED_LOGIN_DELAY = 1.0  # seconds added to every failed login
# Read-only: Sanic's redirect() writes Location into the dict it is given, and a shared dict would carry one
# counselor's URL onto every later response. Responses get a copy (``redirect`` below).
HEADERS = MappingProxyType({"Cache-Control": "no-store", "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff",
           "Referrer-Policy": "no-referrer",
           "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                                      "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"})
# Who may reach the console at all: loopback and private networks unless the deployment says otherwise
# (CAREERBOT_CONSOLE_NETWORKS, comma-separated CIDRs; "any" for everyone). The web server also serves the
# job seekers' website; from other addresses /console does not exist (404). The address is the socket's
# peer, or behind a reverse proxy named in CAREERBOT_TRUSTED_PROXIES the client it forwards for (proxy.py).
NETWORKS_ENV = "CAREERBOT_CONSOLE_NETWORKS"
DEFAULT_NETWORKS = "127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7"
KIND_NAMES = {"compare": "Comparison", "gaps": "Gaps in detail", "pay": "Pay and outlook", "explore": "Jobs to move into",
              "target_profile": "What the target job takes", "training": "Study programs",
              "apprenticeships": "Apprenticeships", "level": "Competency level", "ladder": "Career ladder",
              "profile": "Their whole story against a job"}


def templates():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(str(Path(__file__).parent / "templates")),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals.update(KIND_NAMES=KIND_NAMES, STATUSES=STATUSES, when=lambda t: datetime.fromtimestamp(
        t or 0, timezone.utc).strftime("%Y-%m-%d %H:%M:%S"))
    return env


def allowed_networks(spec: str | None = None) -> list | None:
    """The networks the console answers; None for every address."""
    spec = (spec if spec is not None else os.environ.get(NETWORKS_ENV, DEFAULT_NETWORKS)).strip()
    return None if spec.lower() in ("any", "*", "all") else proxy.parse_networks(spec)


def _duration(seconds: float) -> str:
    seconds = math.ceil(seconds)
    if seconds < 90:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    return f"{math.ceil(seconds / 60)} minutes"


def _safe_next(target: str | None) -> str:
    """Only a path inside the console: no open redirect after login."""
    if target and target.startswith("/console/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return "/console/conversations"


class _Lazy:
    """An object made on first use (an app made in a test that never serves the console touches no database)."""

    def __init__(self, make):
        self._make, self._value, self._lock = make, None, threading.Lock()

    def __getattr__(self, name):
        with self._lock:
            if self._value is None:
                self._value = self._make()
        return getattr(self._value, name)


class Kit:
    """What every console page needs: the databases, the templates, responses with the console's headers,
    the login check, and a worker thread for blocking work."""

    headers = HEADERS

    def __init__(self, tracker_url: str, console_url: str | None):
        from sanic import response

        self.response = response
        self.db = _Lazy(lambda: open_console_db(console_url))  # opened on first use, not when the app is made
        self.conversations = _Lazy(lambda: Conversations(tracker_url))
        self.jinja = templates()

    def page(self, template: str, status: int = 200, **context):
        body = self.jinja.get_template(template).render(**context)
        return self.response.html(body, status=status, headers=HEADERS)

    def text(self, message: str, status: int):
        return self.response.text(message, status=status, headers=HEADERS)

    def not_found(self):
        return self.text("No such conversation.\n", 404)

    def redirect(self, to: str, status: int = 302):
        return self.response.redirect(to, status=status, headers=dict(HEADERS))  # a copy: see HEADERS

    @staticmethod
    async def run(fn, *args):
        return await asyncio.get_running_loop().run_in_executor(None, fn, *args)

    @staticmethod
    def session_token(request) -> str | None:
        return request.cookies.get(COOKIE)

    def to_login(self, request):
        target = request.path + (f"?{request.query_string}" if request.query_string else "")
        return self.redirect("/console/login?next=" + quote(target, safe=""))

    def counselor_only(self, handler):
        """The handler gets the session; without a live one, the login page; a POST without the session's
        CSRF token is refused."""
        @wraps(handler)
        async def wrapped(request, *args, **kwargs):
            session = await self.run(accounts.session_for, self.db, self.session_token(request))
            if session is None:
                return self.to_login(request)
            if request.method == "POST":
                sent = request.form.get("csrf") if request.form else None
                if not sent or not hmac.compare_digest(sent, session.csrf):
                    return self.text("This form has expired. Go back, reload the page and try again.\n", 403)
            return await handler(request, session, *args, **kwargs)
        return wrapped


def console_blueprint(tracker_url: str, console_url: str | None = None):
    from sanic import Blueprint, response

    from bot.console import account_pages, conversation_pages, handoff_pages

    bp = Blueprint("counselor_console", url_prefix="/console")
    kit = Kit(tracker_url, console_url)
    db, page, redirect, run, counselor_only = kit.db, kit.page, kit.redirect, kit.run, kit.counselor_only
    networks = allowed_networks()
    proxies = proxy.trusted_proxies()

    @bp.middleware("request")
    async def only_from_allowed_networks(request):
        if not proxy.within(proxy.client_address(request, proxies), networks):
            return response.text("Not found.\n", status=404)

    def set_cookie(resp, name: str, value: str, request, max_age: int | None = None):
        resp.cookies[name] = value
        cookie = resp.cookies[name]
        cookie["path"] = "/console"
        cookie["httponly"] = True
        cookie["samesite"] = "Strict"
        if proxy.is_https(request, proxies):
            cookie["secure"] = True
        if max_age is not None:
            cookie["max-age"] = max_age

    @bp.get("/")
    async def home(request):
        session = await run(accounts.session_for, db, request.cookies.get(COOKIE))
        return redirect("/console/conversations" if session else "/console/login")

    @bp.get("/login")
    async def login_form(request):
        token = secrets.token_urlsafe(32)
        resp = page("login.html", csrf=token, next=_safe_next(request.args.get("next")), name="", error=None,
                    counselor=None)
        set_cookie(resp, LOGIN_COOKIE, token, request, max_age=3600)
        return resp

    @bp.post("/login")
    async def login(request):
        form = request.form or {}
        name, password = (form.get("name") or "").strip()[:80], form.get("password") or ""
        next_url = _safe_next(form.get("next"))
        cookie_token, sent = request.cookies.get(LOGIN_COOKIE) or "", form.get("csrf") or ""
        token = secrets.token_urlsafe(32)

        def again(error: str, status: int):
            resp = page("login.html", status=status, csrf=token, next=next_url, name=name, error=error, counselor=None)
            set_cookie(resp, LOGIN_COOKIE, token, request, max_age=3600)
            return resp

        if not cookie_token or not hmac.compare_digest(cookie_token, sent):
            return again("The form expired. Please log in again.", 403)
        attempt = await run(accounts.attempt_login, db, name, password, proxy.client_address(request, proxies) or "?")
        if attempt.wait:
            resp = again(f"Too many failed logins. Try again in {_duration(attempt.wait)}.", 429)
            resp.headers["Retry-After"] = str(math.ceil(attempt.wait))
            return resp
        if attempt.disabled:
            return again("This account is disabled. Ask your administrator.", 403)
        if not attempt.ok:
            await asyncio.sleep(FAILED_LOGIN_DELAY)
            return again("Wrong name or password.", 401)
        resp = redirect(next_url)
        set_cookie(resp, COOKIE, await run(accounts.start_session, db, name), request)
        set_cookie(resp, LOGIN_COOKIE, "", request, max_age=0)  # used up
        return resp

    @bp.post("/logout")
    @counselor_only
    async def logout(request, session):
        await run(accounts.end_session, db, request.cookies.get(COOKIE))
        resp = redirect("/console/login")
        set_cookie(resp, COOKIE, "", request, max_age=0)
        return resp

    conversation_pages.add_routes(bp, kit)
    handoff_pages.add_routes(bp, kit)
    account_pages.add_routes(bp, kit)

    @bp.route("/<rest:path>", methods=["GET", "POST", "HEAD"])
    @counselor_only
    async def anything_else(request, session, rest: str):
        if not rest.strip("/"):  # /console/
            return redirect("/console/conversations")
        return kit.text("No such page in the console.\n", 404)

    return bp
