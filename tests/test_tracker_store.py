"""bot/tracker_store.py against the pinned Rasa: conversations stored and read back as Rasa's own SQL tracker
store does, with the database work in worker threads while the event loop goes on with other turns."""
from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.tracker_store import ThreadedSQLTrackerStore
from tests.servers import ROOT


def conversation(domain: Domain, sender: str) -> DialogueStateTracker:
    tracker = DialogueStateTracker(sender, domain.slots)
    for event in (ActionExecuted("action_listen"), UserUttered("I'm a cashier in Maine", {"name": "inform", "confidence": 1.0}),
                  SlotSet("current_job", "cashier"), SlotSet("state", "ME"), BotUttered("What job do you want?"),
                  ActionExecuted("action_listen")):
        tracker.update(event)
    return tracker


def test_conversations_are_stored_and_read_back_while_the_loop_goes_on(tmp_path):
    domain = Domain.load(str(ROOT / "domain.yml"))
    store = ThreadedSQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "tracker.sqlite"))
    trackers = [conversation(domain, f"person-{i}") for i in range(8)]

    async def talk():
        ticks = 0
        done = asyncio.Event()

        async def loop_is_free():  # counts while the saves and reads run
            nonlocal ticks
            while not done.is_set():
                ticks += 1
                await asyncio.sleep(0)

        ticking = asyncio.create_task(loop_is_free())
        await asyncio.sleep(0)
        await asyncio.gather(*(store.save(t) for t in trackers))
        back = await asyncio.gather(*(store.retrieve(t.sender_id) for t in trackers))
        trackers[0].update(BotUttered("Here is how they compare."))
        before = ticks
        await store.save(trackers[0])  # only the new event is appended
        during = ticks - before  # Rasa's own store runs the save on the loop: no tick in between
        again = await store.retrieve(trackers[0].sender_id)
        nobody = await store.retrieve("nobody")
        done.set()
        await ticking
        return back, again, nobody, during

    started = time.monotonic()
    with ThreadPoolExecutor(1) as pool:  # not inside another test's running loop (Playwright's)
        back, again, nobody, during = pool.submit(asyncio.run, talk()).result()
    assert time.monotonic() - started < 30
    assert [b.current_state()["events"] for b in back] == [t.current_state()["events"] for t in trackers]
    assert [b.get_slot("state") for b in back] == ["ME"] * 8
    assert len(again.events) == len(trackers[0].events) and again.latest_bot_utterance.text == "Here is how they compare."
    assert nobody is None
    assert during > 0  # the event loop went on with other work while the database saved
