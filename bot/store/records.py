"""SQL on the tracker store's events table: forget one sender, purge conversations past retention, and the
one-time renaming of WhatsApp conversations stored under a doubled id."""

import logging
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

import sqlalchemy as sa
import yaml
from sqlalchemy.engine import Engine

logger = logging.getLogger(__name__)

# The channel whose conversations were once stored under a doubled id (undouble_ids).
DOUBLED = "whatsapp"
DOMAIN_FILE = Path(__file__).resolve().parents[2] / "domain.yml"


def session_seconds() -> int:
    """How long a session lasts without a message (domain.yml, session_config): retention 0 keeps that long."""
    minutes = yaml.safe_load(DOMAIN_FILE.read_text(encoding="utf-8"))["session_config"]["session_expiration_time"]
    return int(float(minutes) * 60) or 3600  # 0 means sessions never expire: keep at most an hour


def engine_for(db_path: str) -> Engine:
    """An engine on the SQLite file whose deletes overwrite the freed pages (nothing left to recover)."""
    engine = sa.create_engine(f"sqlite:///{db_path}")
    sa.event.listen(engine, "connect", secure_delete)
    return engine


def secure_delete(dbapi_connection, _record) -> None:
    """SQLite otherwise leaves deleted rows readable in free pages of the file."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA secure_delete = ON")
    cursor.close()


def cutoff(retention_days: int, now: Optional[float] = None) -> float:
    """The time before which a conversation's last message makes it expire."""
    now = time.time() if now is None else now
    return now - (retention_days * 86400 if retention_days > 0 else session_seconds())


def clear_log(engine: Engine) -> None:
    """After a deletion, deleted rows must not stay readable in SQLite's write-ahead log (`-wal`), which a
    running assistant keeps open: copy it into the database (whose freed pages secure_delete overwrote)
    and empty it. Every deletion calls it, from the assistant or from `make forget` and `make purge`."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as conn:  # SQLite waits for readers to finish, up to its busy timeout
        busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    if busy:
        logger.warning(
            "The conversation database's write-ahead log could not be emptied after a deletion "
            "(a reader held it); SQLite empties it at its next checkpoint."
        )


def forget(engine: Engine, sender_id: str, up_to: Optional[float] = None) -> int:
    """Deletes every event of one sender (only those up to a time, if given); returns how many rows went."""
    sql = "DELETE FROM events WHERE sender_id = :sender"
    values: Dict[str, Any] = {"sender": sender_id}
    if up_to is not None:
        sql, values = sql + " AND timestamp <= :up_to", {**values, "up_to": up_to}
    with engine.begin() as conn:
        count = conn.execute(sa.text(sql), values).rowcount
    clear_log(engine)
    return count


def purge(engine: Engine, before: float) -> int:
    """Deletes every conversation whose last event is older than `before`; returns how many conversations went."""
    with engine.begin() as conn:
        old = [
            row[0]
            for row in conn.execute(
                sa.text("SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :before"),
                {"before": before},
            )
        ]
        for sender in old:
            conn.execute(sa.text("DELETE FROM events WHERE sender_id = :sender"), {"sender": sender})
    if old:
        clear_log(engine)
    return len(old)


def senders(engine: Engine) -> List[str]:
    """Every conversation id stored."""
    with engine.connect() as conn:
        return [row[0] for row in conn.execute(sa.text("SELECT DISTINCT sender_id FROM events"))]


def undouble_ids(engine: Engine) -> int:
    """Renames WhatsApp conversations stored as 'whatsapp:whatsapp:+1…' (Twilio's 'whatsapp:+1…' ids were
    prefixed again until issue 15) to 'whatsapp:+1…'; returns how many rows changed. Safe to run again."""
    doubled = f"{DOUBLED}:{DOUBLED}:"
    with engine.begin() as conn:
        return conn.execute(
            sa.text(
                "UPDATE events SET sender_id = SUBSTR(sender_id, :keep) WHERE SUBSTR(sender_id, 1, :length) = :doubled"
            ),
            {"keep": len(DOUBLED) + 2, "length": len(doubled), "doubled": doubled},
        ).rowcount
