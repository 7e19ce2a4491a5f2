"""The tracker store: private file, forgetting, retention, and a broken database that loses no turn."""
import asyncio
import logging
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.store.db import read_only, rows

PATIENT_TEXT = "my phone is 555-867-5309 and I feel awful"


@pytest.fixture
def domain():
    from rasa.shared.core.domain import Domain
    return Domain.load(str(ROOT / "domain.yml"))


@pytest.fixture
def make_store(tmp_path, domain, monkeypatch):
    made = []

    def make(days: int = 30, db: Path = tmp_path / "tracker.db"):
        from bot.store.tracker_store import ClinicTrackerStore
        monkeypatch.setenv("RETENTION_DAYS", str(days))
        store = ClinicTrackerStore(domain=domain, db=str(db))
        made.append(store)
        return store
    yield make
    for store in made:
        store._stop.set()


def run(coro):
    return asyncio.get_event_loop_policy().new_event_loop().run_until_complete(coro)


def conversation(sender: str, *texts: str, at: float = None):
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker
    tracker = DialogueStateTracker(sender, [])
    for text in texts:
        tracker.update(UserUttered(text, {"name": "greet", "confidence": 1.0}, timestamp=at))
        tracker.update(ActionExecuted("utter_greet", timestamp=at))
        tracker.update(ActionExecuted("action_listen", timestamp=at))
    return tracker


def test_the_database_file_is_created_private(make_store, tmp_path):
    make_store(db=tmp_path / "new" / "tracker.db")
    assert stat.S_IMODE((tmp_path / "new" / "tracker.db").stat().st_mode) == 0o600


def test_an_existing_world_readable_file_is_made_private(make_store, tmp_path):
    db = tmp_path / "tracker.db"
    db.touch(mode=0o644)
    db.chmod(0o644)
    make_store(db=db)
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_a_conversation_is_saved_and_comes_back(make_store, tmp_path):
    store = make_store()
    run(store.save(conversation("alice", "hello")))
    assert rows(tmp_path / "tracker.db", "alice") > 0
    assert [e.text for e in run(store.retrieve("alice")).events if hasattr(e, "text") and e.text] == ["hello"]
    assert store.problem() is None and not store.unsaved("alice")


def test_confirming_forget_me_deletes_the_rows_and_leaves_no_trace_in_the_file(make_store, tmp_path):
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from bot.store.tracker_store import FORGET_DONE
    store = make_store()
    run(store.save(conversation("bob", PATIENT_TEXT)))
    run(store.save(conversation("carol", "hello")))
    tracker = run(store.retrieve("bob"))
    tracker.update(UserUttered("yes", {"name": "affirm", "confidence": 1.0}))
    tracker.update(ActionExecuted(FORGET_DONE))
    run(store.save(tracker))
    assert rows(tmp_path / "tracker.db", "bob") == 0 and run(store.retrieve("bob")) is None
    assert rows(tmp_path / "tracker.db", "carol") > 0, "someone else's conversation was deleted"
    assert b"867-5309" not in (tmp_path / "tracker.db").read_bytes(), "deleted text is still in the file"


def test_forget_deletes_one_sender(make_store, tmp_path):
    store = make_store()
    run(store.save(conversation("dave", "hello")))
    assert run(store.forget("dave")) is True
    assert rows(tmp_path / "tracker.db", "dave") == 0


def test_retention_deletes_old_conversations_only(make_store, tmp_path):
    store = make_store(days=30)
    run(store.save(conversation("old", "hello", at=time.time() - 31 * 86400)))
    run(store.save(conversation("recent", "hello", at=time.time() - 29 * 86400)))
    assert store.purge_expired() == 1
    assert rows(tmp_path / "tracker.db", "old") == 0 and rows(tmp_path / "tracker.db", "recent") > 0


def test_retention_zero_keeps_only_the_session(make_store, tmp_path):
    store = make_store(days=0)
    run(store.save(conversation("ended", "hello", at=time.time() - 2 * 3600)))
    run(store.save(conversation("live", "hello")))
    assert store.purge_expired() == 1
    assert rows(tmp_path / "tracker.db", "ended") == 0 and rows(tmp_path / "tracker.db", "live") > 0


def test_retention_runs_at_start_up(make_store, tmp_path):
    run(make_store().save(conversation("old", "hello", at=time.time() - 40 * 86400)))
    make_store()
    assert rows(tmp_path / "tracker.db", "old") == 0


def test_a_read_only_database_loses_no_turn_and_is_reported_once_without_patient_text(make_store, tmp_path,
                                                                                        caplog):
    db = tmp_path / "tracker.db"
    store = make_store()
    run(store.save(conversation("erin", "hello")))
    with read_only(db):
        caplog.set_level(logging.INFO)
        tracker = run(store.retrieve("erin"))
        for text in (PATIENT_TEXT, "second"):
            tracker.update(conversation("erin", text).events[0])
            run(store.save(tracker))
            tracker = run(store.retrieve("erin"))
        texts = [e.text for e in tracker.events if getattr(e, "text", None)]
        assert texts == ["hello", PATIENT_TEXT, "second"], "a turn was lost"
        assert store.problem() == "the conversation database is read-only" and store.unsaved("erin")
        errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert len(errors) == 1 and "read-only" in errors[0].getMessage()
        assert "867-5309" not in caplog.text and "awful" not in caplog.text
    tracker.update(conversation("erin", "third").events[0])
    run(store.save(tracker))  # writable again: the turns kept in memory reach the database
    assert store.problem() is None and not store.unsaved("erin")
    assert rows(tmp_path / "tracker.db", "erin") == len(tracker.events)


def test_a_deleted_database_is_reported_and_not_silently_recreated(make_store, tmp_path):
    db = tmp_path / "tracker.db"
    store = make_store()
    run(store.save(conversation("frank", "hello")))
    db.unlink()
    tracker = conversation("frank", "hello", "again")
    run(store.save(tracker))
    assert store.problem() == "the conversation database file is missing"
    assert not db.exists()
    assert len(run(store.retrieve("frank")).events) == len(tracker.events) and store.unsaved("frank")


def test_make_forget_and_make_purge(make_store, tmp_path):
    db = tmp_path / "tracker.db"
    store = make_store()
    run(store.save(conversation("telegram:42", "hello")))
    run(store.save(conversation("old", "hello", at=time.time() - 40 * 86400)))
    env = {**os.environ, "TRACKER_DB": str(db), "RETENTION_DAYS": "30", "PYTHONPATH": str(ROOT)}
    forget = subprocess.run(["make", "-s", "forget", "SENDER=telegram:42"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert forget.returncode == 0, forget.stderr
    assert rows(db, "telegram:42") == 0 and "telegram:42" not in forget.stdout
    purge = subprocess.run(["make", "-s", "purge"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert purge.returncode == 0 and "Deleted 1 conversation" in purge.stdout, purge.stdout + purge.stderr
    assert rows(db, "old") == 0


def test_make_forget_without_a_sender_is_a_clear_error():
    proc = subprocess.run([sys.executable, "-m", "bot.store", "forget", ""], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "SENDER=" in proc.stderr


def test_health_and_the_patients_note_follow_the_store(make_store, tmp_path):
    from bot.store import status
    store = make_store()
    run(store.save(conversation("gina", "hello")))
    assert status.health() == ({"status": "ok"}, 200)
    reply = [{"recipient_id": "gina", "text": "an answer"}]
    assert status.with_store_note(reply, "gina") == reply
    (tmp_path / "tracker.db").unlink()
    run(store.save(conversation("gina", "hello", "again")))
    body, code = status.health()
    assert code == 503 and body["problem"] == "the conversation database file is missing"
    noted = status.with_store_note(reply, "gina")
    assert noted[:1] == reply and "may not remember" in noted[-1]["text"]
    assert run(status.forget("gina")) == ({"forgotten": False,
                                          "error": "the conversation store cannot be changed right now"}, 503)


def test_a_database_error_is_logged_without_the_sql_parameters(make_store, tmp_path, caplog):
    import sqlite3
    store = make_store()
    with sqlite3.connect(tmp_path / "tracker.db") as conn:
        conn.execute("DROP TABLE events")
    caplog.set_level(logging.INFO)
    run(store.save(conversation("hank", PATIENT_TEXT)))
    assert store.unsaved("hank") and "no such table" in store.problem()
    assert "no such table" in caplog.text and "867-5309" not in caplog.text
