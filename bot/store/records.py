"""SQL on the tracker store's events table: forget one sender, purge conversations past retention."""
import time
from typing import Optional

import sqlalchemy as sa
from sqlalchemy.engine import Engine

# One hour: the session length in domain.yml (session_config), used when retention is 0 days.
SESSION_SECONDS = 60 * 60


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


def cutoff(retention_days: int, now: Optional[float] = None, session_seconds: int = SESSION_SECONDS) -> float:
    """The time before which a conversation's last message makes it expire."""
    now = time.time() if now is None else now
    return now - (retention_days * 86400 if retention_days > 0 else session_seconds)


def forget(engine: Engine, sender_id: str) -> int:
    """Deletes every event of one sender; returns how many rows went."""
    with engine.begin() as conn:
        return conn.execute(sa.text("DELETE FROM events WHERE sender_id = :sender"), {"sender": sender_id}).rowcount


def purge(engine: Engine, before: float) -> int:
    """Deletes every conversation whose last event is older than `before`; returns how many conversations went."""
    with engine.begin() as conn:
        old = [row[0] for row in conn.execute(sa.text(
            "SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :before"), {"before": before})]
        for sender in old:
            conn.execute(sa.text("DELETE FROM events WHERE sender_id = :sender"), {"sender": sender})
        return len(old)
