"""The conversation lock store shared by several Rasa servers (bot/lock_store.py), against a real Redis.

Each "server" below is its own lock store with its own Redis connection, as separate Rasa processes have.
"""
from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.endpoints import endpoints_yaml, lock_store
from bot.lock_store import AtomicRedisLockStore
from tests.scale_out import start_redis
from tests.servers import free_port, stop

SERVERS = 8


@pytest.fixture(scope="module")
def redis_port(tmp_path_factory):
    port = free_port()
    process = start_redis(tmp_path_factory.mktemp("redis"), port)
    try:
        yield port
    finally:
        stop(process)


def servers(port: int, n: int = SERVERS) -> list[AtomicRedisLockStore]:
    return [AtomicRedisLockStore(host="127.0.0.1", port=port, db=0, key_prefix="test") for _ in range(n)]


def at_once(n: int, work) -> list:
    """Run ``work(i)`` in ``n`` threads released at the same moment."""
    start_line = threading.Barrier(n)

    def run(i: int):
        start_line.wait()
        return work(i)

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(run, range(n)))


def test_tickets_issued_at_the_same_moment_by_many_servers_are_all_different(redis_port):
    """Rasa's own RedisLockStore reads, changes and writes the lock: servers asking at once all get the first ticket."""
    stores = servers(redis_port)
    for attempt in range(5):
        conversation = f"tickets-{attempt}"
        tickets = at_once(SERVERS, lambda i: stores[i].issue_ticket(conversation))
        assert sorted(tickets) == list(range(SERVERS)), tickets
        assert [t.number for t in stores[0].get_lock(conversation).tickets] == list(range(SERVERS))


def test_messages_of_one_conversation_reaching_many_servers_are_handled_one_at_a_time(redis_port):
    """Each server handles one message: read the conversation, think, write it back (what Rasa does with
    the tracker). Under the lock none overlaps another and no message's change is lost."""
    stores = servers(redis_port)
    conversation = {"turns": []}
    busy, most_busy = [0], [0]
    guard = threading.Lock()

    async def handle(i: int) -> None:
        async with stores[i].lock("one-at-a-time", wait_time_in_seconds=0.01):
            with guard:
                busy[0] += 1
                most_busy[0] = max(most_busy[0], busy[0])
            turns = list(conversation["turns"])
            await asyncio.sleep(0.05)
            conversation["turns"] = turns + [i]
            with guard:
                busy[0] -= 1

    at_once(SERVERS, lambda i: asyncio.run(handle(i)))
    assert most_busy[0] == 1
    assert sorted(conversation["turns"]) == list(range(SERVERS))
    assert stores[0].get_lock("one-at-a-time") is None  # the last one out removes the lock


def test_the_last_one_out_does_not_delete_a_ticket_issued_meanwhile(redis_port):
    first, second = servers(redis_port, 2)
    mine = first.issue_ticket("meanwhile")
    theirs = second.issue_ticket("meanwhile")
    first.cleanup("meanwhile", mine)
    lock = second.get_lock("meanwhile")
    assert lock is not None and not lock.is_locked(theirs)  # their turn now
    second.cleanup("meanwhile", theirs)
    assert second.get_lock("meanwhile") is None


def test_expired_tickets_stop_holding_up_the_queue(redis_port):
    """A server that died holding a ticket blocks the conversation only until the ticket expires."""
    dead, alive = servers(redis_port, 2)
    dead.issue_ticket("expiry", lock_lifetime=0.3)
    started = time.monotonic()

    async def next_message():
        async with alive.lock("expiry", wait_time_in_seconds=0.05):
            return time.monotonic() - started

    waited, = at_once(1, lambda _: asyncio.run(next_message()))  # a thread: Playwright's loop may run in this one
    assert 0.25 < waited < 5


def test_the_endpoints_file_names_the_atomic_lock_store():
    text = endpoints_yaml("http://actions:5055/webhook", "sqlite:///x.sqlite", "redis://:s3cr%40t@redis.internal:6380/2")
    assert "lock_store:\n  type: \"bot.lock_store.AtomicRedisLockStore\"\n  url: \"redis.internal\"\n  port: 6380\n" \
           "  db: 2\n" in text
    assert '  password: "s3cr@t"' in text
    assert lock_store("redis://localhost")["port"] == 6379
    with pytest.raises(ValueError, match="redis://host:6379/0"):
        lock_store("localhost:6379")


def test_rasa_builds_the_lock_store_from_the_endpoints_file(redis_port, tmp_path):
    from rasa.core.lock_store import LockStore
    from rasa.utils.endpoints import read_endpoint_config

    path = tmp_path / "endpoints.yml"
    path.write_text(endpoints_yaml("http://127.0.0.1:1/webhook", "sqlite:///x.sqlite", f"redis://127.0.0.1:{redis_port}/0"))
    store = LockStore.create(read_endpoint_config(str(path), "lock_store"))
    assert isinstance(store, AtomicRedisLockStore)
    assert store.issue_ticket("from-endpoints") == 0
    assert store.red.exists("careerbot:lock:from-endpoints")
