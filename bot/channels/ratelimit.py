"""Sliding-window rate limits kept in memory, one window per key (a sender or an IP address)."""

import time
from collections import OrderedDict, deque
from typing import Callable, Deque


class RateLimiter:
    """At most `limit` events per `window` seconds for each key; limit 0 turns it off."""

    def __init__(
        self, limit: int, window: float, max_keys: int = 100_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit, self.window, self.max_keys, self.clock = limit, window, max_keys, clock
        self._events: OrderedDict[str, Deque[float]] = OrderedDict()

    def allow(self, key: str) -> bool:
        """Counts one event for `key`; False when it is over the limit (the event is not counted)."""
        if self.limit <= 0:
            return True
        now = self.clock()
        events = self._events.pop(key, None) or deque()
        while events and events[0] <= now - self.window:
            events.popleft()
        allowed = len(events) < self.limit
        if allowed:
            events.append(now)
        self._events[key] = events  # most recently seen last, so the oldest keys go first
        while len(self._events) > self.max_keys:  # bounded memory whatever a flood of new keys does
            self._events.popitem(last=False)
        return allowed
