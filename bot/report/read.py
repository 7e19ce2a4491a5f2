"""Streams the events the report needs out of the tracker store, oldest first, without expired conversations."""

import json
import sys
from dataclasses import dataclass
from typing import Any, Iterator, Optional

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from bot.store import records

# Show progress on stderr for stores bigger than this many events.
PROGRESS_ABOVE = 200_000


@dataclass
class Row:
    """One event: a patient's message, an action the assistant ran, or a feedback slot."""

    sender: str
    kind: str  # "user", "action" or "slot"
    timestamp: float
    intent: Optional[str]
    action: Optional[str]
    text: Optional[str]
    channel: Optional[str]
    value: Any


def engine_for(source: str) -> Engine:
    """An engine on a SQLite file path, or on any SQLAlchemy URL (the production store)."""
    if "://" in source:
        return sa.create_engine(source)
    return records.engine_for(source)


def describe(source: str) -> str:
    """The source as the footer shows it: never a password."""
    return make_url(source).render_as_string(hide_password=True) if "://" in source else source


def _query(sqlite: bool) -> str:
    # SQLite pulls the few fields out of each event's JSON itself: much faster than json.loads
    # on every row, and the report must read 100,000 conversations in under a minute.
    if sqlite:
        fields = (
            "CASE WHEN type_name = 'user' THEN json_extract(data, '$.text') END, "
            "CASE WHEN type_name = 'user' THEN json_extract(data, '$.input_channel') END, "
            "CASE WHEN type_name = 'slot' THEN json_extract(data, '$.value') END"
        )
        slot_filter = "json_extract(data, '$.name') = 'feedback'"
    else:
        fields = "CASE WHEN type_name IN ('user', 'slot') THEN data END, NULL, NULL"
        slot_filter = 'data LIKE \'%"name": "feedback"%\''
    return (
        f"SELECT id, sender_id, type_name, timestamp, intent_name, action_name, {fields} FROM events "
        f"WHERE timestamp >= :since AND timestamp < :until "
        f"AND (type_name IN ('user', 'action') OR (type_name = 'slot' AND {slot_filter})) "
        f"AND sender_id NOT IN (SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :expired) "
        f"ORDER BY id"
    )


def _row(raw, sqlite: bool) -> Row:
    _, sender, kind, ts, intent, action, a, b, c = raw
    if sqlite:
        text, channel, value = a, b, (json.loads(c) if c else None)
    else:
        data = json.loads(a) if a else {}
        text, channel, value = data.get("text"), data.get("input_channel"), data.get("value")
    return Row(sender, kind, ts or 0.0, intent, action, text, channel, value)


def rows(
    engine: Engine, since: float, until: float, expired: float, progress: bool = True, sqlite: Optional[bool] = None
) -> Iterator[Row]:
    """Every user message, action and feedback slot in [since, until), skipping conversations past retention.
    `sqlite` picks the query (default: by the database); the portable one parses the JSON in Python."""
    sqlite = engine.dialect.name == "sqlite" if sqlite is None else sqlite
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("events"):
            return
        low, high = conn.execute(sa.text("SELECT MIN(id), MAX(id) FROM events")).one()
        span = (high or 0) - (low or 0)
        show = progress and span > PROGRESS_ABOVE
        step, next_mark = max(span // 20, 1), (low or 0)
        result = conn.execution_options(stream_results=True).execute(
            sa.text(_query(sqlite)), {"since": since, "until": until, "expired": expired}
        )
        for raw in result:
            if show and raw[0] >= next_mark:
                print(f"\rReading the store: {100 * (raw[0] - low) // span:3d}%", end="", file=sys.stderr, flush=True)
                next_mark = raw[0] + step
            yield _row(raw, sqlite)
        if show:
            print("\rReading the store: 100%", file=sys.stderr, flush=True)
