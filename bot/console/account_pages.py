"""The access log and the counselor's own account (routes in bot/console/web.py's list): change one's
password, log out everywhere. Disabling an account is the administrator's (python -m bot.console)."""
from __future__ import annotations

from bot.console import access, accounts

ACCOUNT_MESSAGES = {"changed": "Your password is changed. Your other sessions have ended."}


def add_routes(bp, kit) -> None:
    db, run, counselor_only = kit.db, kit.run, kit.counselor_only

    @bp.get("/access")
    @counselor_only
    async def access_page(request, session):
        conversation = (request.args.get("conversation") or "").strip()[:64]
        who = (request.args.get("counselor") or "").strip()[:80]
        rows = await run(access.entries, db, conversation or None, who or None)
        return kit.page("access.html", rows=rows, conversation=conversation, who=who, shown=access.SHOWN,
                        counselor=session.counselor, csrf=session.csrf)

    def account_page(session, status: int = 200, error: str | None = None, done: str | None = None):
        return kit.page("account.html", status=status, error=error, message=ACCOUNT_MESSAGES.get(done or ""),
                        minimum=accounts.MIN_PASSWORD, counselor=session.counselor, csrf=session.csrf)

    @bp.get("/account")
    @counselor_only
    async def account(request, session):
        return account_page(session, done=request.args.get("done"))

    @bp.post("/account/password")
    @counselor_only
    async def change_password(request, session):
        form = request.form
        new = form.get("new") or ""
        if new != (form.get("again") or ""):
            return account_page(session, 400, "The two new passwords differ; nothing changed.")
        try:
            await run(accounts.change_password, db, session.counselor, form.get("current") or "", new,
                      kit.session_token(request))
        except ValueError as exc:
            return account_page(session, 400, f"{str(exc)[0].upper()}{str(exc)[1:]}; nothing changed.")
        return kit.redirect("/console/account?done=changed", status=303)

    @bp.post("/account/logout-everywhere")
    @counselor_only
    async def logout_everywhere(request, session):
        """Every session of the counselor ends, this one too (a lost laptop, a shared computer)."""
        await run(accounts.end_sessions, db, session.counselor)
        return kit.redirect("/console/login", status=303)
