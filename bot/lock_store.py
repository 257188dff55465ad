"""Rasa's Redis lock store, with every change to a conversation's lock made atomically.

Several Rasa servers share one Redis so that one conversation is handled one message at a time, whichever
server each message reaches. Rasa 3.6's ``RedisLockStore`` changes a lock by reading it, changing it in
Python and writing it back (GET, then SET). Two servers that take a message of the same conversation at
the same moment both read "no tickets", both issue ticket 1 and both write: each believes it is first,
both handle their message at once, and the second to save its tracker drops the first one's turn (the
SQL tracker store appends only the events past the count it finds stored). tests/test_lock_store.py shows
it against a real Redis, and it is what tests/test_scale_out.py once caught.

Here each read-change-write runs in a Redis transaction on the lock's key (WATCH, GET, MULTI, SET or DEL,
EXEC; redis-py retries when another server changed the key in between), so tickets are handed out one
at a time and no change overwrites another. Waiting for a ticket's turn, its expiry and the endpoints
settings are Rasa's own. Named in the endpoints file as

    lock_store:
      type: bot.lock_store.AtomicRedisLockStore
      url: <redis host>
      port: 6379
      db: 0
      key_prefix: careerbot

(bot/endpoints.py writes this from CAREERBOT_LOCK_STORE_URL; deploy/endpoints.yml has it for many machines).
"""
from __future__ import annotations

import json
from typing import Callable, Optional, Tuple, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")
Change = Callable[[Optional[TicketLock]], Tuple[Optional[TicketLock], T]]


class AtomicRedisLockStore(RedisLockStore):
    """``RedisLockStore`` whose ticket changes cannot overwrite each other across processes."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **settings) -> None:
        # Rasa builds a lock store named by module path with ``endpoint_config=`` only
        if endpoint_config is not None:
            settings = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **settings}
        super().__init__(**settings)

    def _change(self, conversation_id: str, change: Change[T]) -> T:
        """Apply ``change`` to the stored lock of ``conversation_id`` atomically. ``change`` gets the lock
        (None when there is none) and returns the lock to store (None: delete it) and a result."""
        key = self.key_prefix + conversation_id

        def transaction(pipe) -> T:
            stored = pipe.get(key)  # after WATCH, commands run at once until MULTI
            lock = TicketLock.from_dict(json.loads(stored)) if stored else None
            new_lock, result = change(lock)
            pipe.multi()
            if new_lock is None:
                pipe.delete(key)
            else:
                pipe.set(key, new_lock.dumps())
            return result

        return self.red.transaction(transaction, key, value_from_callable=True)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: Optional[TicketLock]) -> Tuple[TicketLock, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except Exception as e:  # Rasa's own contract: any failure here is a LockError
            raise LockError(f"Error while acquiring lock. Error:\n{e}") from e

    def update_lock(self, conversation_id: str) -> None:
        def drop_expired(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock is None:
                return None, None
            lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, drop_expired)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self._remove_ticket(conversation_id, ticket_number, delete_when_empty=False)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Remove the ticket, and the lock when nobody else holds a ticket, in one step: a ticket another
        server issues meanwhile is never deleted with the lock."""
        self._remove_ticket(conversation_id, ticket_number, delete_when_empty=True)

    def _remove_ticket(self, conversation_id: str, ticket_number: int, delete_when_empty: bool) -> None:
        def remove(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (None if delete_when_empty and not lock.is_someone_waiting() else lock), None

        self._change(conversation_id, remove)
