"""The conversation list's search, filters and order, from the query string (every value optional)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from bot.console.casework import NO_CASE, STATUSES, Case
from bot.console.conversations import Conversation

YES = {"1", "on", "yes"}
SORTS = {"last": "last message, latest first", "follow_up": "follow-up date, soonest first"}


def _day(text: str) -> str | None:
    try:
        return datetime.strptime(text, "%Y-%m-%d").strftime("%Y-%m-%d")
    except ValueError:
        return None


@dataclass
class Filters:
    q: str = ""            # words in what was said, the occupations or the conversation id
    channel: str = ""
    occupation: str = ""   # in any occupation discussed (Conversation.occupations), any analysis
    since: str = ""        # YYYY-MM-DD, by the last message
    until: str = ""
    human: bool = False
    unresolved: bool = False
    assignee: str = ""     # "" anyone, "me", "none" (nobody yet), or a counselor's name
    status: str = ""       # "" any, "open" (not done), or one of casework.STATUSES
    due: bool = False      # a follow-up date that has come, on a case not done
    sort: str = "last"
    me: str = ""           # the counselor asking ("assignee=me"); not part of the query string

    @classmethod
    def from_args(cls, args, me: str = "") -> Filters:
        def get(name: str) -> str:
            return (args.get(name) or "").strip()[:200]

        status = get("status")
        return cls(q=get("q"), channel=get("channel"), occupation=get("occupation"), since=get("since"),
                   until=get("until"), human=get("human") in YES, unresolved=get("unresolved") in YES,
                   assignee=get("assignee")[:80], status=status if status in ("open", *STATUSES) else "",
                   due=get("due") in YES, sort=get("sort") if get("sort") in SORTS else "last", me=me)

    @property
    def caseload(self) -> bool:
        """The counselor's own open cases ("My caseload")."""
        return self.assignee == "me" and self.status == "open"

    def query_string(self) -> str:
        pairs = {k: v for k, v in (("q", self.q), ("channel", self.channel), ("occupation", self.occupation),
                                   ("since", self.since), ("until", self.until), ("assignee", self.assignee),
                                   ("status", self.status)) if v}
        pairs.update({k: "1" for k in ("human", "unresolved", "due") if getattr(self, k)})
        if self.sort != "last":
            pairs["sort"] = self.sort
        return urlencode(pairs)

    def keep(self, c: Conversation, case: Case) -> bool:
        if self.channel and (c.channel or "") != self.channel:
            return False
        if self.human and not c.asked_for_human:
            return False
        if self.unresolved and not c.unresolved:
            return False
        assignee = {"me": self.me, "none": None}.get(self.assignee, self.assignee)
        if self.assignee and case.assignee != assignee:
            return False
        if self.status == "open" and case.status == "done" or self.status not in ("", "open") and case.status != self.status:
            return False
        if self.due and not case.overdue():
            return False
        if self.occupation:
            word = self.occupation.lower()
            if not any(word in title.lower() for title in c.occupations):
                return False
        day = c.last_at.strftime("%Y-%m-%d")
        if _day(self.since) and day < _day(self.since):
            return False
        if _day(self.until) and day > _day(self.until):
            return False
        if self.q:
            word = self.q.lower()
            haystack = [c.key, *c.occupations] + [t.text for t in c.turns]
            if not any(word in h.lower() for h in haystack):
                return False
        return True


def select(conversations: list[Conversation], filters: Filters, cases: dict[str, Case]) -> list[Conversation]:
    """The conversations the filters keep, in their order (the input's order is the latest message first)."""
    rows = [c for c in conversations if filters.keep(c, cases.get(c.key, NO_CASE))]
    if filters.sort == "follow_up":  # dated first, soonest first; then the rest as they were
        rows.sort(key=lambda c: cases.get(c.key, NO_CASE).follow_up or "9999-99-99")
    return rows
