"""The tracker store's per-process cache of read-back conversations, checked against the database on every use."""

import json
import threading
from collections import OrderedDict
from typing import Any, Callable, List, NamedTuple, Optional, Sequence, Tuple

import sqlalchemy as sa
from rasa.shared.core.events import Event, SessionStarted, deserialise_events

# What the database holds for one sender: how many rows, the highest id and the latest timestamp.
# Any row added or deleted (by this process or another) changes it; the lock store lets only one
# process at a time answer a sender, so between its read and its save nobody else writes that sender.
Key = Tuple[int, Optional[int], Optional[float]]

KEY_QUERY = sa.text("SELECT COUNT(*), MAX(id), MAX(timestamp) FROM events WHERE sender_id = :sender")
ROWS_QUERY = sa.text("SELECT id, type_name, timestamp, data FROM events WHERE sender_id = :sender ORDER BY id")
NEWER_QUERY = sa.text(
    "SELECT id, type_name, timestamp, data FROM events WHERE sender_id = :sender AND id >= :last ORDER BY id"
)


class Entry(NamedTuple):
    """A conversation as Rasa's retrieve() would give it (the latest session's events), and the key it was read at."""

    key: Key
    events: List[Event]


def key(conn: Any, sender: str) -> Key:
    count, highest, latest = conn.execute(KEY_QUERY, {"sender": sender}).one()
    return int(count or 0), highest, latest


def latest_session(
    items: Sequence[Any], stamp: Callable[[Any], Optional[float]], starts: Callable[[Any], bool]
) -> List[Any]:
    """The items Rasa's SQL store reads back: timestamp at or after the latest session start (all when none)."""
    stamps = [stamp(i) for i in items]
    begin = max((s for i, s in zip(items, stamps, strict=True) if starts(i) and s is not None), default=None)
    return [i for i, s in zip(items, stamps, strict=True) if begin is None or (s is not None and s >= begin)]


def read(conn: Any, sender: str) -> Entry:
    """Every row of the sender in one query (its key and its latest session's events agree)."""
    rows = conn.execute(ROWS_QUERY, {"sender": sender}).all()
    kept = latest_session(rows, lambda r: r.timestamp, lambda r: r.type_name == SessionStarted.type_name)
    found: Key = (
        len(rows),
        max((r.id for r in rows), default=None),
        max((r.timestamp for r in rows if r.timestamp is not None), default=None),
    )
    return Entry(found, deserialise_events([json.loads(r.data) for r in kept]))


def extended(conn: Any, sender: str, cached: Entry, current: Key) -> Optional[Entry]:
    """The cached conversation with the rows another process added since (the latest session kept as
    read() keeps it); None when anything else changed (deleted, replaced or added meanwhile): read() it."""
    added = current[0] - cached.key[0]
    if added <= 0 or cached.key[1] is None or not cached.events:
        return None
    rows = conn.execute(NEWER_QUERY, {"sender": sender, "last": cached.key[1]}).all()
    # The first row must still be the last one this process saw (same id and time: not a new conversation
    # that reused the ids of a forgotten one), followed by exactly the rows the count grew by.
    if (
        len(rows) != added + 1
        or rows[0].id != cached.key[1]
        or rows[0].timestamp != cached.events[-1].timestamp
        or rows[-1].id != current[1]
    ):
        return None
    return Entry(
        current, _latest_events(list(cached.events) + deserialise_events([json.loads(r.data) for r in rows[1:]]))
    )


def saved(stored: Key, events: Sequence[Event]) -> Entry:
    """The entry for a tracker whose events are now exactly the database's rows for its sender."""
    return Entry(stored, _latest_events(events))


def _latest_events(events: Sequence[Event]) -> List[Event]:
    return latest_session(list(events), lambda e: e.timestamp, lambda e: isinstance(e, SessionStarted))


def continues(events: Sequence[Event], cached: Entry) -> bool:
    """True when a tracker's events are the cached ones (the same objects) followed by new ones."""
    n = len(cached.events)
    return n > 0 and len(events) >= n and events[0] is cached.events[0] and events[n - 1] is cached.events[n - 1]


class TrackerCache:
    """Least recently used conversations, at most `size` (0 keeps none). Safe to call from any thread."""

    def __init__(self, size: int):
        self.size = max(0, size)
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, sender: str) -> Optional[Entry]:
        with self._lock:
            entry = self._entries.get(sender)
            if entry is not None:
                self._entries.move_to_end(sender)
            return entry

    def put(self, sender: str, entry: Entry) -> None:
        if not self.size:
            return
        with self._lock:
            self._entries[sender] = entry
            self._entries.move_to_end(sender)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def drop(self, sender: str) -> None:
        with self._lock:
            self._entries.pop(sender, None)

    def drop_older_than(self, before: float) -> None:
        """Retention applies to the memory copy too: conversations whose last event is older go."""
        with self._lock:
            for sender in [s for s, e in self._entries.items() if e.key[2] is None or e.key[2] < before]:
                del self._entries[sender]

    def __len__(self) -> int:
        return len(self._entries)
