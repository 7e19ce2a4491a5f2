"""SQL on the tracker store's events table: forget one sender, purge conversations past retention."""
import time
from pathlib import Path
from typing import Optional

import sqlalchemy as sa
import yaml
from sqlalchemy.engine import Engine

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
