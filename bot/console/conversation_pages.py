"""The conversation pages of the console (routes in bot/console/web.py's list): the list and its CSV, one
conversation with its casework and notes, its exports. Every view, export and change goes into the
access log (bot/console/access.py)."""
from __future__ import annotations

from datetime import datetime, timezone

from bot.console import access, accounts, casework, export
from bot.console.filters import SORTS, Filters, select
from bot.console.handoff_pages import request_view
from bot.privacy import mask


def _shown(notes: list[dict]) -> list[dict]:
    """Notes as shown: masked again (notes written before they were stored masked), versions too."""
    return [dict(n, text=mask(n["text"]), versions=[dict(v, text=mask(v["text"])) for v in n["versions"]])
            for n in notes]


def add_routes(bp, kit) -> None:
    db, conversations, run, counselor_only = kit.db, kit.conversations, kit.run, kit.counselor_only

    def listing(args, me: str):
        every = conversations.all()
        counts, cases = casework.note_counts(db), casework.all_cases(db)
        for c in every:
            c.notes = counts.get(c.key, 0)
        filters = Filters.from_args(args, me=me)
        return every, filters, select(every, filters, cases), cases

    @bp.get("/conversations")
    @counselor_only
    async def conversation_list(request, session):
        every, filters, rows, cases = await run(listing, request.args, session.counselor)
        channels = sorted({c.channel for c in every if c.channel})
        counselors = await run(accounts.active_counselors, db)
        return kit.page("list.html", rows=rows, total=len(every), f=filters, qs=filters.query_string(),
                        channels=channels, cases=cases, no_case=casework.NO_CASE, counselors=counselors, sorts=SORTS,
                        counselor=session.counselor, csrf=session.csrf)

    @bp.get("/conversations.csv")
    @counselor_only
    async def conversation_csv(request, session):
        _every, filters, rows, cases = await run(listing, request.args, session.counselor)
        await run(access.record, db, session.counselor, "export-csv", None,
                  f"{len(rows)} conversations; filters: {filters.query_string() or 'none'}")
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M")
        return kit.response.raw(export.conversations_csv(rows, cases).encode("utf-8"),
                                content_type="text/csv; charset=utf-8",
                                headers={**kit.headers, "Content-Disposition":
                                         f'attachment; filename="conversations-{stamp}.csv"'})

    async def one(key: str):
        conv = await run(conversations.get, key[:64])
        return conv if conv and conv.user_messages else None

    @bp.get("/conversations/<key:str>")
    @counselor_only
    async def conversation_page(request, session, key: str):
        conv = await one(key)
        if conv is None:
            return kit.not_found()
        notes = _shown(await run(casework.notes_for, db, conv.key))
        case = await run(casework.case_for, db, conv.key)
        counselors = await run(accounts.active_counselors, db)
        await run(access.record, db, session.counselor, "view", conv.key,
                  "call-back number shown" if conv.callback else None)
        r = request_view(await run(conversations.handoffs.get, conv.sender_id), conv.key)
        return kit.page("conversation.html", c=conv, r=r, notes=notes, case=case, counselors=counselors,
                        error=request.args.get("error"), counselor=session.counselor, csrf=session.csrf)

    def back(conv, error: str | None = None, anchor: str = ""):
        return kit.redirect(f"/console/conversations/{conv.key}" + (f"?error={error}" if error else "") + anchor,
                            status=303)

    @bp.post("/conversations/<key:str>/case")
    @counselor_only
    async def change_case(request, session, key: str):
        conv = await one(key)
        if conv is None:
            return kit.not_found()
        form = request.form
        assignee = (form.get("assignee") or "").strip()
        if assignee == "me":
            assignee = session.counselor
        try:
            follow_up = casework.follow_up_date(form.get("follow_up"))
            kept = (await run(casework.case_for, db, conv.key)).assignee  # may be a disabled account: it stays
            if assignee and assignee != kept and assignee not in await run(accounts.active_counselors, db):
                raise ValueError("no such counselor")
            case = await run(casework.set_case, db, conv.key, session.counselor, assignee or None,
                             (form.get("status") or "new").strip(), follow_up)
        except ValueError:
            return back(conv, "case", "#case")
        await run(access.record, db, session.counselor, "case", conv.key,
                  f"assigned to {case.assignee or 'nobody'}; {case.status}; follow up {case.follow_up or 'not set'}")
        return back(conv, anchor="#case")

    @bp.post("/conversations/<key:str>/notes")
    @counselor_only
    async def add_note(request, session, key: str):
        conv = await one(key)
        if conv is None:
            return kit.not_found()
        text = (request.form.get("text") or "").strip()
        if text:
            note = await run(casework.add_note, db, conv.key, session.counselor, text)
            await run(access.record, db, session.counselor, "note-add", conv.key, f"note {note}")
        return back(conv, anchor="#notes")

    @bp.post("/conversations/<key:str>/notes/<note:int>/<change:str>")  # edit, delete
    @counselor_only
    async def change_note(request, session, key: str, note: int, change: str):
        conv = await one(key)
        if conv is None or change not in ("edit", "delete"):
            return kit.not_found()
        text = (request.form.get("text") or "").strip()
        try:
            if change == "delete":
                await run(casework.delete_note, db, note, conv.key, session.counselor)
            elif text:
                await run(casework.edit_note, db, note, conv.key, session.counselor, text)
        except casework.NotYours:
            return kit.text("Only the note's author can change it.\n", 403)
        except LookupError:
            return kit.text("No such note.\n", 404)
        await run(access.record, db, session.counselor, f"note-{change}", conv.key, f"note {note}")
        return back(conv, anchor="#notes")

    @bp.get("/conversations/<key:str>/<filename:str>")  # export.html, export.pdf
    @counselor_only
    async def conversation_export(request, session, key: str, filename: str):
        stem, _, fmt = filename.rpartition(".")
        conv = await one(key)
        if conv is None or stem != "export" or fmt not in ("html", "pdf"):
            return kit.not_found()
        notes = [n for n in _shown(await run(casework.notes_for, db, conv.key)) if not n["deleted"]]
        html = export.conversation_html(kit.jinja, conv, notes, session.counselor)
        await run(access.record, db, session.counselor, f"export-{fmt}", conv.key)
        name = f"conversation-{conv.key}.{fmt}"
        disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
        if fmt == "html":
            return kit.response.html(html, headers={**kit.headers, **disposition})
        body = await run(export.html_to_pdf, html)
        return kit.response.raw(body, content_type="application/pdf", headers={**kit.headers, **disposition})
