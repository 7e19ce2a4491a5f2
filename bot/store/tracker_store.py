"""The tracker store: a private SQLite file that keeps answering when it breaks, forgets on request (and keeps
asking while the database refuses), and expires; conversations read back are cached per process and checked
against the database with one small query."""

import datetime as dt
import json
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional

import sqlalchemy as sa
import sqlalchemy.orm  # noqa: F401  (sa.orm.sessionmaker)
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from bot import settings
from bot.channels.redact import tag
from bot.store import records, tracker_cache

logger = logging.getLogger(__name__)

# How often a deletion the database refused is tried again (also at once when a save works again, and
# before the patient's conversation is read or saved).
RETRY_SECONDS = 60

_active: Optional["ClinicTrackerStore"] = None


def active() -> Optional["ClinicTrackerStore"]:
    """The store of this Rasa process (None before Rasa loaded it, or with another store configured)."""
    return _active


class StoreUnavailable(Exception):
    """The database cannot be used now; the message says why, without any patient data."""


def private_file(path: Path) -> None:
    """Creates the database file readable by its owner only (and tightens an existing one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass
    try:
        os.chmod(path, 0o600)
    except OSError as exc:
        logger.warning("Could not make the conversation database private (mode 0600): %s", exc.strerror)


def _reason(exc: Exception) -> str:
    # SQLAlchemy's message carries the SQL parameters (patient text): log only the database's own error, its
    # first line (PostgreSQL's DETAIL and CONTEXT lines can quote a row's values).
    orig = getattr(exc, "orig", None)
    if orig is not None:
        return str(orig).strip().split("\n")[0] or type(orig).__name__
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__


def _commit_without_waiting(dbapi_connection, _record) -> None:
    """PostgreSQL: a commit returns before its log is synced to disk (the WAL writer does it within a second).
    Rasa's SQL calls block the event loop, so every turn's commit waiting for the disk stalled every other
    patient of the process; a crash of PostgreSQL itself can lose the last fraction of a second of turns,
    and never corrupts the database."""
    cursor = dbapi_connection.cursor()
    cursor.execute("SET synchronous_commit = off")
    cursor.close()
    dbapi_connection.commit()  # a SET in a transaction that is rolled back would be undone


def _inode(path: Optional[Path]) -> Optional[int]:
    try:
        return path.stat().st_ino if path else None
    except OSError:
        return None


def _row(sender_id: str, event: Any) -> Dict[str, Any]:
    """An events-table row for one event, with the same columns as Rasa's SQLTrackerStore.save writes."""
    data = event.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }


class ClinicTrackerStore(SQLTrackerStore):
    """SQLTrackerStore that never fails a patient's turn: when the database cannot be used, the
    conversation goes on in memory, the patient is told it may not be remembered, and health says so."""

    engine: Any  # SQLAlchemy's, set by Rasa's SQLTrackerStore (SQLAlchemy 1.4 has no type information)

    def __init__(
        self,
        domain: Any = None,
        host: Optional[str] = None,
        dialect: str = "sqlite",
        db: str = "rasa.db",
        event_broker: Any = None,
        **kwargs: Any,
    ) -> None:
        global _active
        self.db_path = Path(db) if dialect == "sqlite" and not host else None
        if self.db_path:
            private_file(self.db_path)
        super().__init__(domain=domain, host=host, dialect=dialect, db=db, event_broker=event_broker, **kwargs)
        if self.engine.dialect.name != "sqlite":
            self._pinged_pool()
        if self.engine.dialect.name == "postgresql":
            sa.event.listen(self.engine, "connect", _commit_without_waiting)
        if self.engine.dialect.name == "sqlite":  # a SQLite pragma: PostgreSQL would refuse every connection
            self._pooled_sqlite()
            sa.event.listen(self.engine, "connect", records.secure_delete)
            self._write_ahead_log()
        self._cache = tracker_cache.TrackerCache(settings.service().tracker_cache_size)
        self._memory: Dict[str, List[Dict[str, Any]]] = {}  # conversations the database could not take
        self._unsaved_now: set = set()  # senders whose latest turn could not be saved
        self._problem: Optional[str] = None
        self._logged: Optional[str] = None  # the failure the log last told of
        self._pending: Dict[str, float] = {}  # deletions the database refused: sender -> when asked
        self._forgetting: Dict[str, Any] = {}  # sender -> the patient's message of a turn that deleted it
        self.retention_days = settings.service().retention_days
        self._undouble_ids()
        self.purge_expired()
        self._stop = threading.Event()
        threading.Thread(target=self._purge_daily, name="retention", daemon=True).start()
        _active = self

    # --- health ------------------------------------------------------------------------------
    def _check(self, write: bool = True) -> None:
        """Raises StoreUnavailable when the SQLite file is gone (or, to write, cannot be written)."""
        if not self.db_path:
            return
        if not self.db_path.exists():
            raise StoreUnavailable("the conversation database file is missing")
        if write and not (os.access(self.db_path, os.W_OK) and os.access(self.db_path.parent, os.W_OK)):
            raise StoreUnavailable("the conversation database is read-only")

    def problem(self) -> Optional[str]:
        """Why conversations cannot be saved now, or None when the store works (health asks: the log says why)."""
        try:
            self._check()
        except StoreUnavailable as exc:
            self._log_failure(str(exc))
            return str(exc)
        return self._problem

    def pending_deletions(self) -> int:
        """How many patients' requests to delete their conversation the database has refused so far."""
        return len(self._pending)

    def _log_failure(self, reason: str) -> None:
        if reason != self._logged:  # once per distinct failure, not once per message
            logger.error(
                "Conversation store failed (%s): conversations are kept in memory only, "
                "and are lost on restart, until it is fixed.",
                reason,
            )
        self._logged = reason

    def _failed(self, exc: Exception) -> None:
        self._problem = str(exc) if isinstance(exc, StoreUnavailable) else _reason(exc)
        self._log_failure(self._problem)

    def _worked(self) -> None:
        if self._problem or self._logged:
            logger.warning("Conversation store works again.")
        self._problem = self._logged = None

    # --- SQLite: kept connections and the write-ahead log ------------------------------------
    def _pooled_sqlite(self) -> None:
        """Keeps connections open between turns (Rasa's engine opens and closes one per query, and the last
        close of a write-ahead-logged database checkpoints it to disk each time); a kept connection to a file
        that was since deleted or replaced is opened again, so it never writes where nobody looks."""
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(
            url, poolclass=sa.pool.QueuePool, pool_size=4, max_overflow=8, connect_args={"check_same_thread": False}
        )
        self.sessionmaker = sa.orm.sessionmaker(bind=self.engine)
        path = self.db_path

        def opened(dbapi_connection, record) -> None:
            record.info["inode"] = _inode(path)
            cursor = dbapi_connection.cursor()
            # With the write-ahead log, NORMAL commits without waiting for the disk (about 8 ms each here,
            # which stalled every other patient): an assistant crash loses nothing, a power cut the last turns.
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.close()

        def checked_out(_dbapi_connection, record, _proxy) -> None:
            if record.info.get("inode") != _inode(path):
                raise sa.exc.DisconnectionError("the database file was deleted or replaced")

        sa.event.listen(self.engine, "connect", opened)
        sa.event.listen(self.engine, "checkout", checked_out)

    def _write_ahead_log(self) -> None:
        """Commits append to a log file next to the database (mode 0600 like it) instead of syncing it."""
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA journal_mode = WAL")
        except Exception as exc:  # e.g. read-only at start: the default journal still works
            logger.warning("The conversation database keeps its default journal (%s).", _reason(exc))

    def _undouble_ids(self) -> None:
        """Moves WhatsApp conversations stored under the old doubled id to the id they are now looked up by."""
        try:
            self._check()
            moved = records.undouble_ids(self.engine)
        except Exception as exc:  # e.g. read-only at start: the next start moves them
            logger.warning(
                "WhatsApp conversations under the old id were not renamed (%s).",
                str(exc) if isinstance(exc, StoreUnavailable) else _reason(exc),
            )
            return
        if moved:
            logger.info("Renamed %d stored WhatsApp event(s) from the old doubled id.", moved)

    def _pinged_pool(self) -> None:
        """A kept connection dies when the database server restarts: each one is tested (one round trip)
        before use and opened again if dead, so the first turn after PostgreSQL is back is saved, not failed."""
        url = self.engine.url
        self.engine.dispose()
        self.engine = records.sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = records.sa.orm.sessionmaker(bind=self.engine)

    def unsaved(self, sender_id: str) -> bool:
        """True when this sender's latest turn could not be saved."""
        return sender_id in self._unsaved_now

    # --- Rasa's tracker store interface ------------------------------------------------------
    async def save(self, tracker: DialogueStateTracker) -> None:
        if self._deleted_in(tracker):
            return
        sender = tracker.sender_id
        try:
            self._check()
            self._carry_out(sender)  # never new turns next to a conversation the patient asked to delete
            if not await self._append(tracker):
                # Writes what the database lacks of this session, so turns kept in memory get saved too.
                await super().save(tracker)
                self._remember(tracker)
        except Exception as exc:  # any database failure: the patient's turn must still count
            self._cache.drop(sender)
            self._failed(exc)
            self._memory[sender] = [event.as_dict() for event in tracker.events]
            self._unsaved_now.add(sender)
            return
        self._memory.pop(sender, None)
        self._unsaved_now.discard(sender)
        self._worked()
        self.retry_deletions()  # the database is back: other patients' refused deletions too

    async def _append(self, tracker: DialogueStateTracker) -> bool:
        """Inserts only the turn's new events when the tracker continues the cached conversation and the
        database still holds what was read; False (nothing done) otherwise, for Rasa's own save."""
        sender = tracker.sender_id
        cached = self._cache.get(sender)
        if cached is None or sender in self._memory or not tracker_cache.continues(tracker.events, cached):
            self._cache.drop(sender)
            return False
        if self.event_broker is not None:
            await self.stream_events(tracker)  # as Rasa's save does first: its old tracker comes from the cache
        events = list(tracker.events)
        new = events[len(cached.events) :]
        with self.engine.begin() as conn:
            if tracker_cache.key(conn, sender) != cached.key:
                self._cache.drop(sender)
                return False
            if new:
                conn.execute(self.SQLEvent.__table__.insert(), [_row(sender, e) for e in new])
            stored = tracker_cache.key(conn, sender)
        self._cache.put(sender, tracker_cache.saved(stored, events))
        return True

    def _remember(self, tracker: DialogueStateTracker) -> None:
        """After Rasa's own save: caches the tracker when the database holds exactly its events (a new
        conversation), so that its next turn is not read back either."""
        with self.engine.connect() as conn:
            stored = tracker_cache.key(conn, tracker.sender_id)
        if stored[0] == len(tracker.events):
            self._cache.put(tracker.sender_id, tracker_cache.saved(stored, tracker.events))

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        return await self._retrieve_safely(sender_id, all_sessions=False)

    async def retrieve_full_tracker(self, conversation_id: str) -> Optional[DialogueStateTracker]:
        return await self._retrieve_safely(conversation_id, all_sessions=True)

    async def _retrieve_safely(self, sender_id: str, all_sessions: bool) -> Optional[DialogueStateTracker]:
        try:
            self._carry_out(sender_id)
        except Exception as exc:  # never the conversation the patient asked to delete: only what came after
            self._failed(exc)
            return self._kept(sender_id)
        if sender_id in self._memory and not await self._overtaken(sender_id):
            return self._kept(sender_id)
        try:
            self._check(write=False)
            if all_sessions:
                return await self._retrieve(sender_id, fetch_events_from_all_sessions=True)
            return self._retrieve_cached(sender_id)
        except Exception as exc:
            self._cache.drop(sender_id)
            self._failed(exc)
            return None

    def _kept(self, sender_id: str) -> Optional[DialogueStateTracker]:
        """The conversation kept in memory while the database could not take it, if any."""
        events = self._memory.get(sender_id)
        return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots) if events else None

    def _retrieve_cached(self, sender_id: str) -> Optional[DialogueStateTracker]:
        """The latest session, deserialised again only when the database changed since this process last saw it
        (and then only the rows another process added, when that is all that changed)."""
        with self.engine.connect() as conn:
            cached = self._cache.get(sender_id)
            current = tracker_cache.key(conn, sender_id) if cached is not None else None
            if cached is None or current != cached.key:
                cached = (
                    cached and current and tracker_cache.extended(conn, sender_id, cached, current)
                ) or tracker_cache.read(conn, sender_id)
                self._cache.put(sender_id, cached)
        if not cached.events or self.domain is None:
            self._cache.drop(sender_id)
            return None
        # A new tracker replays the events (the same objects: Rasa never changes an event it has applied).
        return DialogueStateTracker.from_events(sender_id, cached.events, self.domain.slots)

    async def _overtaken(self, sender_id: str) -> bool:
        """True when the database, readable again, holds what the memory copy does not continue (several
        Rasa processes share it: another one saved turns since). The database wins, and the turns this
        process could not save are dropped (the patient was told they might be); without this, the old
        copy would answer without the newer turns and be written over them. False while it cannot be read."""
        try:
            self._check(write=False)
            stored = await self._retrieve(sender_id, fetch_events_from_all_sessions=False)
        except Exception:
            return False
        saved = [(event.type_name, event.timestamp) for event in (stored.events if stored else [])]
        kept = [(event.get("event"), event.get("timestamp")) for event in self._memory[sender_id]]
        if kept[: len(saved)] == saved:
            return False
        self._memory.pop(sender_id, None)
        self._unsaved_now.discard(sender_id)
        logger.warning(
            "A conversation kept in memory during a database failure was continued elsewhere since; "
            "the database's copy is used."
        )
        return True

    async def keys(self) -> Iterable[str]:
        try:
            self._check(write=False)
            stored = list(await super().keys())
        except Exception as exc:
            self._failed(exc)
            stored = []
        return sorted(set(stored) | set(self._memory))

    # --- privacy -----------------------------------------------------------------------------
    async def forget_turn(self, tracker: DialogueStateTracker) -> bool:
        """Deletes the conversation of a turn whose patient confirmed "forget me" (bot/nlg.py does, before
        the reply saying so is written); that turn's tracker, which still holds it, is then never saved.
        The turn is known by its message (Rasa runs actions on a copy of the tracker, with the same events)."""
        self._forgetting[tracker.sender_id] = tracker.latest_message
        return await self.forget(tracker.sender_id)

    def _deleted_in(self, tracker: DialogueStateTracker) -> bool:
        """True for the tracker of a turn that deleted its conversation (forget_turn)."""
        message = self._forgetting.pop(tracker.sender_id, None)
        return message is not None and message is tracker.latest_message

    async def forget(self, sender_id: str) -> bool:
        """Deletes one sender's conversation everywhere; False if the database could not be changed: the
        request is then kept and carried out when it can be (and the log tells the operator)."""
        self._memory.pop(sender_id, None)
        self._cache.drop(sender_id)
        self._unsaved_now.discard(sender_id)
        try:
            self._check()
            records.forget(self.engine, sender_id)
        except Exception as exc:
            self._failed(exc)
            self._keep_request(sender_id)
            return False
        self._pending.pop(sender_id, None)
        logger.info("Deleted a conversation at the patient's request (%s).", tag(sender_id))
        return True

    def _keep_request(self, sender_id: str) -> None:
        """Keeps a refused deletion to carry it out later, and tells the operator (a tag and a time, not the id)."""
        asked = self._pending[sender_id] = time.time()  # what is stored by now goes, not the turns after it
        unmatched = (
            ""
            if settings.service().log_hash_key
            else " (LOG_HASH_KEY is unset, so no tag matches after a restart: set it to keep tags stable)"
        )
        logger.error(
            "A patient's request to delete their conversation (%s, %s UTC) could not be carried out: it "
            "is tried again while the assistant runs; if it restarts first, run `make forget SENDER=%s`%s.",
            tag(sender_id),
            f"{dt.datetime.fromtimestamp(asked, dt.timezone.utc):%Y-%m-%d %H:%M:%S}",
            tag(sender_id),
            unmatched,
        )

    def _carry_out(self, sender_id: str) -> None:
        """Deletes what the sender's pending request covers, if there is one; raises if the database refuses."""
        asked = self._pending.get(sender_id)
        if asked is None:
            return
        self._check()
        records.forget(self.engine, sender_id, up_to=asked)
        self._cache.drop(sender_id)
        if self._pending.get(sender_id) == asked:  # not a newer request made meanwhile (the thread runs this too)
            self._pending.pop(sender_id, None)
        logger.info("Deleted a conversation at the patient's request (%s).", tag(sender_id))

    def retry_deletions(self) -> None:
        """Carries out the deletions the database refused before, as far as it lets."""
        if not self._pending:
            return
        for sender in list(self._pending):  # a copy: the retention thread runs this too
            try:
                self._carry_out(sender)
            except Exception as exc:
                self._failed(exc)
                return
        self._worked()

    def purge_expired(self, now: Optional[float] = None) -> int:
        """Deletes conversations past the retention period; returns how many."""
        before = records.cutoff(self.retention_days, now)
        # list() copies in one step: the purge thread must not iterate while Rasa's loop adds senders.
        for sender, events in list(self._memory.items()):
            if events and events[-1].get("timestamp", 0) < before:
                self._memory.pop(sender, None)
        self._cache.drop_older_than(before)
        try:
            self._check()
            count = records.purge(self.engine, before)
        except Exception as exc:
            self._failed(exc)
            return 0
        if count:
            logger.info("Retention: deleted %d conversation(s) older than the retention period.", count)
        return count

    def _purge_daily(self) -> None:
        """Purges daily, and tries refused deletions again every RETRY_SECONDS while any wait."""
        # With 0 days, "the session" is the limit, so check as often as a session can end.
        interval = 86400 if self.retention_days > 0 else records.session_seconds()
        due = time.monotonic() + interval
        while not self._stop.wait(min(RETRY_SECONDS, interval)):
            try:
                self.retry_deletions()
                if time.monotonic() >= due:
                    due += interval
                    self.purge_expired()
            except Exception:  # a failed run must not end the daily job
                logger.error("Retention: the purge failed; it runs again in %d s.", interval)
