"""The Redis lock store: one message of a conversation at a time across all Rasa processes, never without Redis."""

import asyncio
import json
import logging
import time
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Callable, Optional, Tuple

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LockError, RedisLockStore

from bot import settings

logger = logging.getLogger(__name__)

# Redis answers in well under a millisecond; its calls block Rasa's event loop, so an unreachable
# Redis must fail fast instead of freezing every patient's conversation for Rasa's default 10 s.
SOCKET_TIMEOUT_SECONDS = 2.0
# How often a message waiting behind another of the same conversation checks the lock (Rasa: 1 s).
WAIT_SECONDS = 0.2


class LockStoreUnavailable(LockError):
    """Redis cannot be reached: no message may be handled now, since two processes could mix one conversation."""


class ClinicRedisLockStore(RedisLockStore):
    """RedisLockStore that raises LockStoreUnavailable (never falls back to a lock of its own) when Redis
    is down, logs an outage once without conversation ids, changes a lock in one step (no two processes
    with the same ticket), and whose tickets outlive a turn but not a crash: a message lost with a killed
    process holds its conversation for LOCK_LIFETIME_SECONDS, not Rasa's 60 s."""

    def __init__(self, endpoint_config: Any = None, **kwargs: Any) -> None:
        # Rasa builds a custom lock store from the endpoints file's `lock_store:` as (endpoint_config=...).
        if endpoint_config is not None:
            kwargs = {**endpoint_config.kwargs, **kwargs}
            kwargs.setdefault("host", endpoint_config.url or "localhost")
        kwargs.setdefault("socket_timeout", SOCKET_TIMEOUT_SECONDS)
        super().__init__(**kwargs)
        self.lifetime = settings.service().lock_lifetime_seconds
        self._down: Optional[str] = None

    # --- Redis calls: every failure becomes LockStoreUnavailable ---------------------------------
    def _redis(self, call: Any, *args: Any, **kwargs: Any) -> Any:
        import redis

        try:
            result = call(*args, **kwargs)
        except (
            redis.exceptions.ConnectionError,
            redis.exceptions.TimeoutError,
            redis.exceptions.AuthenticationError,
            OSError,
        ) as exc:
            reason = type(exc).__name__
            if reason != self._down:  # once per outage, not once per message
                logger.error("Lock store (Redis) unreachable (%s): patients get the apology until it is back.", reason)
            self._down = reason
            raise LockStoreUnavailable("the lock store (Redis) cannot be reached") from None
        if self._down:
            logger.warning("Lock store (Redis) works again.")
            self._down = None
        return result

    def get_lock(self, conversation_id: str) -> Optional[TicketLock]:
        return self._redis(super().get_lock, conversation_id)

    def delete_lock(self, conversation_id: str) -> None:
        self._redis(super().delete_lock, conversation_id)

    def save_lock(self, lock: TicketLock) -> None:
        self._redis(super().save_lock, lock)

    def problem(self) -> Optional[str]:
        """Why conversations cannot be locked now (Redis asked afresh), or None when Redis answers."""
        try:
            self._redis(self.red.ping)
        except LockStoreUnavailable as exc:
            return str(exc)
        return None

    def _change(self, conversation_id: str, change: Callable[[TicketLock], Any]) -> Any:
        """Reads, changes and writes back one conversation's lock as one step (WATCH/MULTI, again if another
        process wrote in between); expired tickets go, and a lock left without tickets is deleted. `change`
        edits the lock (an empty one when there is none) and returns the result. Rasa reads then writes: two
        processes doing so at once lose a ticket, or issue the same one and both handle a message."""
        key = self.key_prefix + conversation_id

        def apply(pipe: Any) -> Any:
            raw = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(raw)) if raw else self.create_lock(conversation_id)
            result = change(lock)
            lock.remove_expired_tickets()
            pipe.multi()
            if lock.tickets:
                pipe.set(key, lock.dumps())
            else:
                pipe.delete(key)
            return result

        return self._redis(self.red.transaction, apply, key, value_from_callable=True)

    # --- Rasa's LockStore interface ------------------------------------------------------------
    def issue_ticket(self, conversation_id: str, lock_lifetime: Optional[float] = None) -> int:
        # Rasa's version also turns every error into a LockError whose text names the conversation.
        lifetime = lock_lifetime or self.lifetime
        return self._change(conversation_id, lambda lock: lock.issue_ticket(lifetime))

    def update_lock(self, conversation_id: str) -> None:
        self._change(conversation_id, lambda lock: None)  # expired tickets go

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self._change(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number))

    @asynccontextmanager
    async def lock(
        self, conversation_id: str, lock_lifetime: Optional[float] = None, wait_time_in_seconds: float = WAIT_SECONDS
    ) -> AsyncIterator[TicketLock]:
        # Agent.handle_message passes no lifetime: Rasa's default would be its module constant (60 s).
        lifetime = lock_lifetime or self.lifetime
        ticket = self.issue_ticket(conversation_id, lifetime)
        try:
            lock, ticket = await self._served(conversation_id, ticket, lifetime, wait_time_in_seconds)
            yield lock
        finally:
            self.cleanup(conversation_id, ticket)

    async def _served(self, conversation_id: str, ticket: int, lifetime: float, wait: float) -> Tuple[TicketLock, int]:
        """(the lock, the ticket) once it is this ticket's turn. Rasa's own loop waits forever when the
        waiting ticket expires too (a message queued right behind one lost with a killed process)."""
        give_up = time.monotonic() + 2 * lifetime  # every earlier ticket expires within one lifetime
        while True:
            lock = self.get_lock(conversation_id)
            if lock is None or ticket not in (t.number for t in lock.tickets):
                if time.monotonic() > give_up:
                    raise LockError("waited too long for this conversation's earlier messages")
                ticket = self.issue_ticket(conversation_id, lifetime)  # in line again, ahead of nothing expired
                continue
            if not lock.is_locked(ticket):
                return lock, ticket
            await asyncio.sleep(wait)
            self.update_lock(conversation_id)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        # The lock goes with its last ticket (_change). Redis went away after the message was handled: its
        # answer stands, and the ticket expires by itself.
        try:
            self.finish_serving(conversation_id, ticket_number)
        except LockStoreUnavailable:
            pass
