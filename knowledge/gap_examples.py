"""What the target job itself does with a skill, ability or knowledge area it needs: the example beside a gap.

O*NET's level anchors ("row a boat", "use a band-aid") describe a level in a setting of their own, often one
that has nothing to do with the job a person wants. An example from the target job's own work says more:

- skills and abilities: O*NET links each to the work activities that draw on it (Skills to Work Activities,
  Abilities to Work Activities); the target's task statements are linked to detailed work activities (Tasks
  to DWAs), each under one of those work activities (DWA Reference). The example is the target's task under
  the linked activity that matters most to the target (its work activity importance), core tasks and the
  tasks most workers said they do first.
- knowledge: O*NET links knowledge to nothing, so the example is the target's task that names the subject
  ("computer" for Computers and Electronics; two of the three words of Customer and Personal Service), if one
  does.

The level anchor is kept only when no task of the target fits and every one of the anchor's own words
appears in what the target does (its tasks and their detailed work activities): not "investigate the effects
of pollution on marine plants" for Nurse Practitioners, nor "be responsible for 10 children at daycare" for
Registered Nurses. An anchor from an unrelated setting is no example, so then there is none.
"""
from __future__ import annotations

import threading

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from knowledge import models as m
from knowledge.described_work import content_words

MIN_STEM = 6  # two words share a subject when they share this many first letters ("computer", "computing"; not "custody")


# Words that share the first letters of a subject but not its meaning: "personnel" is not personal service,
# "administer medications" is not administration
FALSE_FRIENDS = {"personnel", "administer", "administered", "administering"}


def _stems(text: str) -> set[str]:
    return {w[:MIN_STEM] if len(w) >= MIN_STEM else w for w in content_words(text)
            if len(w) >= 4 and w not in FALSE_FRIENDS}


class GapExamples:
    """Loaded once per store (the Analyst holds one); each occupation's tasks are read on first use."""

    def __init__(self, engine: Engine):
        self.engine = engine
        with Session(engine) as conn:
            self.links: dict[str, set[str]] = {}
            for element_id, activity_id in conn.execute(select(m.ActivityLink.element_id, m.ActivityLink.activity_id)):
                self.links.setdefault(element_id, set()).add(activity_id)
            self.dwa_activity = dict(conn.execute(select(m.Dwa.dwa_id, m.Dwa.activity_id)).all())
            self.dwa_title = dict(conn.execute(select(m.Dwa.dwa_id, m.Dwa.title)).all())
            self.activity_names = dict(conn.execute(select(m.Element.id, m.Element.name)
                                                    .where(m.Element.id.like("4.A.%"))).all())
        self._jobs: dict[str, dict] = {}
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        """False on a store built without O*NET's linkage files: then no task example is given."""
        return bool(self.links) and bool(self.dwa_activity)

    def _job(self, code: str) -> dict:
        if code not in self._jobs:
            with self._lock, Session(self.engine) as conn:
                tasks = conn.execute(select(m.Task.task_id, m.Task.task, m.Task.task_type, m.Task.incumbents_responding)
                                     .where(m.Task.occupation_code == code)).all()
                dwas: dict[int, set[str]] = {}
                for task_id, dwa_id in conn.execute(select(m.TaskDwa.task_id, m.TaskDwa.dwa_id)
                                                    .where(m.TaskDwa.occupation_code == code)):
                    dwas.setdefault(task_id, set()).add(dwa_id)
                importance = dict(conn.execute(select(m.Rating.element_id, m.Rating.value).where(
                    m.Rating.occupation_code == code, m.Rating.domain == "work_activities", m.Rating.scale_id == "IM")).all())
            rows = []
            for task_id, text, kind, incumbents in tasks:
                activities = {self.dwa_activity[d] for d in dwas.get(task_id, ()) if d in self.dwa_activity}
                # core tasks first, then the ones most workers said they do (O*NET publishes no task ratings here)
                order = (kind != "Core", -(incumbents or 0), task_id)
                rows.append({"task_id": task_id, "task": text, "activities": activities, "order": order,
                             "stems": _stems(text)})
            vocabulary = set().union(*(r["stems"] for r in rows), *(_stems(self.dwa_title[d]) for ds in dwas.values()
                                                                   for d in ds if d in self.dwa_title)) if rows else set()
            self._jobs[code] = {"tasks": sorted(rows, key=lambda r: r["order"]), "importance": importance,
                                "vocabulary": vocabulary}
        return self._jobs[code]

    def example(self, code: str, element_id: str, element: str, domain: str, anchor: str | None,
                used: set[int] | None = None) -> dict | None:
        """The example for one gap: {"text", "kind": "task" | "level_anchor", "activity"}, or None when
        nothing of the target fits. ``used``: task ids already shown for bigger gaps, tried last."""
        job = self._job(code)
        used = used if used is not None else set()
        if domain == "knowledge":
            subject = _stems(element)
            needed = (len(subject) + 1) // 2  # "Customer and Personal Service": two of its words, not "personal" alone
            fits = [(-len(subject & r["stems"]), r) for r in job["tasks"] if len(subject & r["stems"]) >= max(1, needed)]
            fits.sort(key=lambda x: (x[1]["task_id"] in used, x[0], x[1]["order"]))
            if fits:
                task = fits[0][1]
                used.add(task["task_id"])
                return {"text": task["task"], "kind": "task", "activity": None}
        else:
            linked = self.links.get(element_id, set())
            best = None
            for r in job["tasks"]:
                shared = r["activities"] & linked
                if not shared:
                    continue
                activity = max(shared, key=lambda a: job["importance"].get(a, 0))
                key = (r["task_id"] in used, -job["importance"].get(activity, 0), r["order"])
                if best is None or key < best[0]:
                    best = (key, r, activity)
            if best:
                _, task, activity = best
                used.add(task["task_id"])
                return {"text": task["task"], "kind": "task", "activity": self.activity_names.get(activity)}
        words = _stems(anchor or "")
        if words and words <= job["vocabulary"]:
            return {"text": anchor, "kind": "level_anchor", "activity": None}
        return None
