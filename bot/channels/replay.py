"""Remembers platform event ids for the replay window, so a replayed or resent event is answered once."""

import time
from collections import OrderedDict
from typing import Callable, Optional


class SeenEvents:
    """Event ids seen in the last `window` seconds (at most `max_ids`, the oldest forgotten first)."""

    def __init__(self, window: float, max_ids: int = 100_000, clock: Callable[[], float] = time.monotonic) -> None:
        self.window, self.max_ids, self.clock = window, max_ids, clock
        self._seen: OrderedDict[str, float] = OrderedDict()

    def first_time(self, event_id: Optional[str]) -> bool:
        """True the first time an id comes within the window; an event without an id always passes."""
        if not event_id:
            return True
        now = self.clock()
        while self._seen and next(iter(self._seen.values())) <= now - self.window:
            self._seen.popitem(last=False)
        if event_id in self._seen:
            return False
        self._seen[event_id] = now
        while len(self._seen) > self.max_ids:
            self._seen.popitem(last=False)
        return True
