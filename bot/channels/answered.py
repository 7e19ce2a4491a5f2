"""Replies given to the widget's message ids, so a message sent again (a retry after a timeout) is answered
once, and the repeat gets the same reply."""

import asyncio
import json
import re
import time
from collections import OrderedDict
from typing import Any, Awaitable, Callable, Dict, List, Optional, Protocol, Tuple, Union

Replies = List[Dict[str, Any]]
PENDING = "pending"  # what claim() says while the first request with that id is still being answered
POLL_SECONDS = 0.1
# The widget's ids are 32 hex digits; other clients may send any short token of these characters.
MESSAGE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def message_id_of(body: Any) -> Tuple[Optional[str], Optional[str]]:
    """(the body's 'message_id' or None when it has none, None) or (None, a client-safe error message)."""
    raw = body.get("message_id") if isinstance(body, dict) else None
    if raw is None:
        return None, None
    if not isinstance(raw, str) or not MESSAGE_ID.fullmatch(raw):
        return None, "'message_id' is optional: 1 to 64 letters, digits or the characters _ -"
    return raw, None


class Answers(Protocol):
    def claim(self, key: str) -> Union[None, str, Replies]: ...

    def keep(self, key: str, replies: Replies) -> None: ...

    def drop(self, key: str) -> None: ...


class AnsweredMessages:
    """This process's replies by message key for `window` seconds (at most `max_ids`, the oldest forgotten
    first). Stored as JSON, so a repeat gets a copy, never the first request's objects."""

    def __init__(self, window: float, max_ids: int = 10_000, clock: Callable[[], float] = time.monotonic) -> None:
        self.window, self.max_ids, self.clock = window, max_ids, clock
        self._entries: OrderedDict[str, Tuple[float, Optional[str]]] = OrderedDict()  # key -> (since, JSON)

    def claim(self, key: str) -> Union[None, str, Replies]:
        """None the first time a key comes (the caller answers it), PENDING while that answer is being
        made, then the replies it got."""
        now = self.clock()
        while self._entries and next(iter(self._entries.values()))[0] <= now - self.window:
            self._entries.popitem(last=False)
        if key in self._entries:
            stored = self._entries[key][1]
            return PENDING if stored is None else json.loads(stored)
        self._entries[key] = (now, None)
        while len(self._entries) > self.max_ids:
            self._entries.popitem(last=False)
        return None

    def keep(self, key: str, replies: Replies) -> None:
        if key in self._entries:
            self._entries[key] = (self._entries[key][0], json.dumps(replies))

    def drop(self, key: str) -> None:
        """Forget a claim whose answer failed, so the next try is answered."""
        self._entries.pop(key, None)


async def answer_once(
    answers: Answers, key: Optional[str], answer: Callable[[], Awaitable[Replies]], wait: float
) -> Optional[Replies]:
    """answer()'s replies the first time a key comes; for a repeat, the replies the first one got (waiting
    up to `wait` seconds for them); None if they are still being made then. No key: always answer()."""
    if key is None:
        return await answer()
    deadline = time.monotonic() + wait
    while True:
        found = answers.claim(key)
        if found is None:
            # Shielded: a client that gives up (its connection closes) must not stop the answer being
            # made and kept, since its retry will ask for it.
            return await asyncio.shield(asyncio.ensure_future(_answer_and_keep(answers, key, answer)))
        if found != PENDING:
            return found  # type: ignore[return-value]
        if time.monotonic() >= deadline:
            return None
        await asyncio.sleep(POLL_SECONDS)


async def _answer_and_keep(answers: Answers, key: str, answer: Callable[[], Awaitable[Replies]]) -> Replies:
    try:
        replies = await answer()
    except BaseException:
        answers.drop(key)
        raise
    answers.keep(key, replies)
    return replies
