"""The career report on the web: one stable URL per analysis, as a page or a PDF.

    GET /reports/<from_code>/<to_code>.html[?state=ME]   the standalone HTML page; the person's whole story
        [&past=CODE:YEARS:AGO&unpaid=CODE:YEARS&now=YEARS&education=LEVEL&credits=N]  at its top
    GET /reports/<from_code>/<to_code>.pdf[?state=ME]    the same report as a PDF
    GET /health                                          "ok" once the server is up
    /console/...                                         the counselor console, behind a login (bot/console)
    GET /  /static/webchat.js  /charts/gaps/...  /r/...  the chat page and what the channels link to
                                                         (bot/channels/site.py)

``report_url(...)`` builds that URL (the bot links to it); ``create_app(engine)`` is the Sanic app. Codes
are O*NET-SOC or SOC codes; a code the store does not know, or another format, is a 404 with a plain
message, an unknown state a 400; a code in another form than the store's (434051, 43-4051) redirects to the
canonical URL. Reports are made in a worker thread (the charts and the PDF take seconds) and the last few
are kept in memory. Run alone:

    python -m bot.web [--host 127.0.0.1] [--port 8000] [--db URL]
"""
from __future__ import annotations

import argparse
import asyncio
import itertools
from functools import lru_cache
from urllib.parse import urlencode

from knowledge.lookup import normalise_code

DEFAULT_BASE = "http://localhost:8000"
FORMATS = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}
CACHED_REPORTS = 32
_app_numbers = itertools.count()


def report_url(from_code: str, to_code: str, state: str | None = None, base: str = DEFAULT_BASE, fmt: str = "html",
               profile=None) -> str:
    """The stable URL of one analysis, e.g. http://localhost:8000/reports/43-4051.00/43-4031.00.html?state=ME;
    ``profile`` (knowledge.person.profile.Profile holding the FROM job) adds the person's story to the query."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    codes = [normalise_code(c) for c in (from_code, to_code)]
    if not all(codes):
        raise ValueError(f"not occupation codes: {from_code!r}, {to_code!r}")
    pairs = [("state", state.strip().upper())] if state and state.strip() else []
    if profile is not None:
        from knowledge.person.profile import to_query

        pairs += to_query(profile, codes[0])
    query = "?" + urlencode(pairs) if pairs else ""
    return f"{base.rstrip('/')}/reports/{codes[0]}/{codes[1]}.{fmt}{query}"


def create_app(engine, name: str | None = None, warm: bool = True, console: bool = True):
    """A Sanic app serving the reports from ``engine``'s store (each app needs a unique name in a process);
    with ``warm`` the store is read before the server answers."""
    from sanic import Sanic, response
    from sanic.log import logger
    from sqlalchemy.exc import SQLAlchemyError

    from knowledge.db import StoreMissing, store_error

    from knowledge.analysis import analyst_for
    from knowledge.lookup import UnknownCode
    from knowledge.report import report_html
    from knowledge.report.pdf import html_to_pdf
    from knowledge.person.profile import Profile

    number = next(_app_numbers)
    app = Sanic(name or ("careerbot_reports" + (f"_{number}" if number else "")))
    app.config.FALLBACK_ERROR_FORMAT = "text"

    @app.exception(StoreMissing, SQLAlchemyError)
    async def store_unavailable(_request, exc):  # locked or unreachable store: a plain 503, never a traceback
        logger.error("careerbot web server: %s", store_error(exc, engine.url.render_as_string(hide_password=True)))
        return response.text("The career information can't be read right now. Please try again in a minute.\n",
                             status=503)
    if console:  # conversations from the tracker store (CAREERBOT_TRACKER_URL), for logged-in counselors only
        from bot.console.web import HEADERS as CONSOLE_HEADERS
        from bot.console.web import console_blueprint
        from bot.endpoints import tracker_url

        app.blueprint(console_blueprint(tracker_url()))

        @app.middleware("response")
        async def console_headers(request, resp):
            """The console's headers (no caching, no framing) on every /console response, Sanic's own error
            pages (404, 405) included, which the blueprint's routes never see."""
            if request.path == "/console" or request.path.startswith("/console/"):
                for name, value in CONSOLE_HEADERS.items():
                    resp.headers.setdefault(name, value)

    def profile_of(from_code: str, key: tuple):
        """``key``: the story's query pairs (to_query), hashable for the page cache."""
        from knowledge.person.profile import from_query

        args: dict[str, list[str]] = {}
        for name, value in key:
            args.setdefault(name, []).append(value)
        return from_query(args, from_code)

    @lru_cache(maxsize=CACHED_REPORTS)
    def page(from_code: str, to_code: str, state: str | None, key: tuple = ()) -> str:
        return report_html(engine, from_code, to_code, state, profile_of(from_code, key) if key else None)

    @lru_cache(maxsize=CACHED_REPORTS)
    def pdf(from_code: str, to_code: str, state: str | None, key: tuple = ()) -> bytes:
        return html_to_pdf(page(from_code, to_code, state, key))

    def render(from_code: str, to_code: str, state: str | None, fmt: str, key: tuple = ()) -> bytes:
        return page(from_code, to_code, state, key).encode("utf-8") if fmt == "html" else pdf(from_code, to_code, state, key)

    def story(args, from_code: str):
        """The person's story in the query (knowledge.person.profile.from_query) with its codes checked, as a
        Profile; None when there is none; or an error response."""
        from knowledge.errors import UserError
        from knowledge.person.profile import Job, Profile, from_query

        try:
            profile = from_query(args, from_code)
        except UserError as exc:
            return response.text(f"{exc}\n", status=400)
        if profile is None:
            return None
        analyst, jobs = analyst_for(engine), []
        for job in profile.jobs:
            try:
                code = analyst.occupation(job.code).code if normalise_code(job.code) else None
            except UnknownCode:
                code = None
            if code is None:
                return response.text(f"No occupation has the code {job.code[:40]!r}.\n", status=400)
            jobs.append(Job(code, job.years, job.years_ago, job.unpaid))
        return Profile(jobs, profile.education)

    def check(source: str, target: str, state: str | None):
        """(canonical from, canonical to, state) or a plain-text error response."""
        analyst = analyst_for(engine)
        codes = []
        for text in (source, target):
            try:
                codes.append(analyst.occupation(text).code if normalise_code(text) else None)
            except UnknownCode:
                codes.append(None)
            if codes[-1] is None:
                return response.text(f"No occupation has the code {text[:40]!r}.\n", status=404)
        try:
            postal = analyst.area(state)[2] if state else None
        except UnknownCode as exc:
            return response.text(f"{exc}\n", status=400)
        return codes[0], codes[1], postal

    if warm:
        @app.listener("before_server_start")
        async def read_the_store(_app, loop):  # the first report then takes seconds, not tens of seconds
            await loop.run_in_executor(None, analyst_for, engine)

    @app.get("/health")
    async def health(_request):
        return response.text("ok\n")

    @app.get("/reports/<source:str>/<target_file:str>")
    async def report(request, source: str, target_file: str):
        target, _, fmt = target_file.rpartition(".")
        if fmt not in FORMATS or not target:
            return response.text("Reports are /reports/FROM_CODE/TO_CODE.html or .pdf, optionally ?state=XX.\n", status=404)
        loop = asyncio.get_running_loop()
        checked = await loop.run_in_executor(None, check, source, target, request.args.get("state"))
        if not isinstance(checked, tuple):
            return checked
        from_code, to_code, state = checked
        profile = await loop.run_in_executor(None, story, {k: request.args.getlist(k) for k in request.args}, from_code)
        if profile is not None and not isinstance(profile, Profile):
            return profile
        if (from_code, to_code) != (source, target) or state != request.args.get("state"):
            return response.redirect(report_url(from_code, to_code, state, base="", fmt=fmt, profile=profile), status=301)
        from knowledge.person.profile import to_query

        key = tuple(to_query(profile, from_code)) if profile is not None else ()
        body = await loop.run_in_executor(None, render, from_code, to_code, state, fmt, key)
        filename = f"careerbot-{from_code}-to-{to_code}{'-' + state if state else ''}.{fmt}"
        return response.raw(body, content_type=FORMATS[fmt], headers={
            "Content-Disposition": f'inline; filename="{filename}"', "Cache-Control": "public, max-age=3600"})

    from bot.channels.site import add_routes as add_chat_routes

    add_chat_routes(app, engine)  # the chat page at /, its widget, chart images, short report links
    return app


def main(argv: list[str] | None = None) -> None:
    from sqlalchemy.exc import SQLAlchemyError

    from knowledge import config
    from knowledge.analysis import analyst_for
    from knowledge.db import StoreMissing, open_store, store_error

    parser = argparse.ArgumentParser(prog="python -m bot.web", description="serve the career reports over HTTP")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--db", help="SQLAlchemy URL of the store (default: CAREERBOT_DB_URL, else var/careerbot.sqlite)")
    args = parser.parse_args(argv)
    url = config.db_url(args.db)
    try:  # read the store now: one clear line when it is missing or locked, not a traceback from the server
        engine = open_store(url)
        analyst_for(engine)
    except (StoreMissing, SQLAlchemyError) as exc:
        raise SystemExit(f"careerbot web server: {store_error(exc, url)}") from None
    app = create_app(engine)
    app.run(host=args.host, port=args.port, access_log=False, motd=False)


if __name__ == "__main__":
    main()
