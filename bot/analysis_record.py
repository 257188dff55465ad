"""What the bot told a job seeker, as compact JSON records kept with the conversation.

Every action that gives an analysis appends one record to the ``analyses`` slot (``recorded(tracker,
record)``); Rasa's SQL tracker store keeps the slot events, so the counselor console shows each analysis
beside the transcript without re-running anything. A record is built from the very data the reply was
built from, and only holds what a counselor needs to follow up: which jobs, which state, the score, the
biggest gaps, the programs, apprenticeships and jobs that were offered.

    {"kind": "compare", "time": "2026-11-23T01:30:00Z", "current": {"code", "title"}, "target": {...},
     "state": "ME", "score": 71.0, "score_covers": "Abilities and knowledge only: 84 out of 100. ...",
     "credential": "A license first: ..." (when the reply put one first),
     "gaps": [{"element", "domain", "target_level", "source_level"}], ...}
"""
from __future__ import annotations

from datetime import datetime, timezone

from knowledge.schools import label

SLOT = "analyses"
KEEP = 40  # records kept in the slot; the console also reads the older slot events, so nothing is lost
TOP_GAPS = 5
TOP_ITEMS = 8


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _job(occ) -> dict | None:
    """{"code", "title"} of an Occ, an Occ.as_dict() or None."""
    if not occ:
        return None
    if isinstance(occ, dict):
        return {"code": occ.get("code"), "title": occ.get("title")}
    return {"code": occ.code, "title": occ.title}


def record(kind: str, **fields) -> dict:
    """One record: kind, time, then the fields that have a value."""
    return {"kind": kind, "time": _now(), **{k: v for k, v in fields.items() if v not in (None, [], {})}}


def _median(wages: dict | None):
    return (wages or {}).get("annual_median")


def comparison(kind: str, c: dict) -> dict:
    """A comparison (``store.compare``) as given by the summary, the gaps or the pay answer."""
    from knowledge.analysis import ranked_gaps

    gaps = ranked_gaps(c)
    market = c.get("labor_market") or {}
    return record(kind, current=_job(c.get("from")), target=_job(c.get("to")),
                  state=(market.get("area") or {}).get("state"),
                  score=(c.get("score") or {}).get("grand"),
                  # what the score rests on and the credential the reply put first, as the person read them
                  score_covers=((c.get("score") or {}).get("basis") or {}).get("headline"),
                  credential=(c.get("credential") or {}).get("text"),
                  gaps=[{"element": g["element"], "domain": g["domain"], "target_level": g["target_level"],
                         "source_level": g["source_level"]} for g in gaps[:TOP_GAPS]],
                  pay={"current": _median((market.get("from") or {}).get("wages")),
                       "target": _median((market.get("to") or {}).get("wages")),
                       "area": (market.get("area") or {}).get("name")} if market else None)


def _profile(r: dict) -> dict:
    """The person's story as the profile answer measured it (knowledge.person.compare.compare_profile)."""
    return {"jobs": [{"code": j["code"], "title": j["title"], "years": j["years"], "years_ago": j["years_ago"],
                      **({"unpaid": True} if j.get("unpaid") else {})} for j in r["profile"]["jobs"]],
            "education": (r["profile"]["education"] or {}).get("words"), "score": r["score"]["grand"],
            "each_job": [{"code": j["code"], "score_alone": (j.get("score_alone") or {}).get("grand"), "adds": j["adds"][:TOP_GAPS]}
                         for j in r["each_job"]]}


def with_profile(rec: dict, r: dict | None) -> dict:
    """A comparison record with the profile of the person's whole story beside it, when they told one."""
    return {**rec, "profile": _profile(r)} if r else rec


def profile(r: dict) -> dict:
    """The comparison of their whole story (no paid job: unpaid work, schooling) with the job they want."""
    return record("profile", target=_job(r["to"]), state=((r.get("labor_market") or {}).get("area") or {}).get("state"),
                  score=r["score"]["grand"], profile=_profile(r),
                  gaps=[{"element": g["element"], "domain": g["domain"], "target_level": g["target_level"],
                         "source_level": g["best_level"]} for g in r["gaps"][:TOP_GAPS]])


def exploration(source, destinations: list[dict]) -> dict:
    return record("explore", current=_job(source),
                  destinations=[{"code": d.get("code"), "title": d.get("title"), "covered": d.get("covered"),
                                 "median_wage": d.get("median_wage")} for d in destinations[:TOP_ITEMS]])


def starters(data: dict) -> dict:
    """The jobs suggested to someone with no job to start from (knowledge.analysis.Analyst.starter_jobs)."""
    return record("starter_jobs", state=data.get("state"),
                  destinations=[{"code": j["code"], "title": j["title"], "median_wage": j.get("median_wage")}
                                for j in data["jobs"][:TOP_ITEMS]])


def interest_jobs(data: dict) -> dict:
    """The jobs suggested from what someone with no job to start from likes (knowledge.interests.suggest)."""
    return record("interest_jobs", state=data.get("state"), interests=data.get("letters"),
                  destinations=[{"code": j["code"], "title": j["title"], "median_wage": j.get("median_wage")}
                                for j in data["jobs"][:TOP_ITEMS]])


def target_profile(target, state: str | None, wages: dict | None, area_name: str | None) -> dict:
    return record("target_profile", target=_job(target), state=state,
                  pay={"target": _median(wages), "area": area_name} if _median(wages) is not None else None)


def training(routes: dict, state: str | None) -> dict:
    return record("training", target={"code": routes.get("code"), "title": routes.get("title")}, state=state,
                  basis=routes.get("basis"),
                  programs=[{"title": p.get("title"), "for": p.get("for"),
                             "institutions": [label(s) for s in (p.get("institutions") or [])]}
                            for p in (routes.get("programs") or [])[:TOP_ITEMS]])


def apprenticeships(groups: list[tuple[str, list[dict]]]) -> dict:
    """``groups``: (job title, apprenticeships) as the reply got them; the reply shows the first three of each."""
    return record("apprenticeships", apprenticeships=[
        {"for": title, "title": a.get("title"), "rapids_code": a.get("rapids_code"), "type": a.get("training_type")}
        for title, items in groups for a in items[:3]] or None, searched=[title for title, _ in groups])


def level(placed: dict, framework: dict) -> dict:
    nxt = placed.get("next") or {}
    return record("level", framework=framework.get("title"), level=placed.get("label"), next_level=nxt.get("label"))


def ladder(result: dict) -> dict:
    highest, nxt = result.get("highest") or {}, result.get("next") or {}
    return record("ladder", series=result.get("series"),
                  qualifies_for=f"{highest['title']} (class {highest['class_code']})" if highest else "no level yet",
                  next_level=f"{nxt['title']} (class {nxt['class_code']})" if nxt else None)


def recorded(tracker, new: dict | None) -> list:
    """The event that adds ``new`` to the conversation's analyses ([] when there is nothing to add)."""
    from rasa_sdk.events import SlotSet

    if not new:
        return []
    previous = tracker.get_slot(SLOT) or []
    return [SlotSet(SLOT, list(previous)[-(KEEP - 1):] + [new])]
