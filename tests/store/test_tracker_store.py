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
from tests.helpers import wait_until
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


def confirm_forget_me(tracker) -> str:
    """The turn "yes" after "forget me", as Rasa runs it: the reply is generated (bot/nlg.py), then logged."""
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered

    from bot.knowledge.build import responses
    from bot.nlg import FORGET_DONE, ClinicNLG

    tracker.update(UserUttered("yes", {"name": "affirm", "confidence": 1.0}))
    nlg = ClinicNLG(domain=Domain.from_dict({"responses": responses()}))
    message = run(nlg.generate(FORGET_DONE, tracker.copy(), "rest"))  # Rasa runs actions on a copy
    for event in (ActionExecuted(FORGET_DONE), BotUttered(message["text"]), ActionExecuted("action_listen")):
        tracker.update(event)
    return message["text"]


def on_disk(db: Path) -> bytes:
    """The database and its write-ahead log, as anyone with the disk could read them."""
    return b"".join(path.read_bytes() for path in (db, Path(f"{db}-wal")) if path.exists())


def test_confirming_forget_me_deletes_the_rows_and_leaves_no_trace_in_the_file(make_store, tmp_path):
    from tests.helpers import body_of

    store = make_store()
    run(store.save(conversation("bob", PATIENT_TEXT)))
    run(store.save(conversation("carol", "hello")))
    tracker = run(store.retrieve("bob"))
    assert body_of("forget_done") in confirm_forget_me(tracker)
    run(store.save(tracker))
    assert rows(tmp_path / "tracker.db", "bob") == 0 and run(store.retrieve("bob")) is None
    assert rows(tmp_path / "tracker.db", "carol") > 0, "someone else's conversation was deleted"
    assert b"867-5309" not in on_disk(tmp_path / "tracker.db"), "deleted text is still in the file"


def test_a_refused_forget_me_tells_the_truth_keeps_the_request_and_carries_it_out_later(make_store, tmp_path, caplog):
    """The database refuses the deletion: the patient is told so with the clinic's phone, the old conversation
    does not go on, health reports the waiting deletion, the log tells the operator without the patient's
    id or words, and the deletion happens as soon as the database takes writes again."""
    from bot import settings
    from bot.channels.redact import tag
    from bot.store import status
    from tests.helpers import body_of

    db, patient = tmp_path / "tracker.db", "telegram:5550199"
    store = make_store()
    run(store.save(conversation(patient, PATIENT_TEXT)))
    before = rows(db, patient)
    caplog.set_level(logging.INFO)
    with read_only(db):
        tracker = run(store.retrieve(patient))
        reply = confirm_forget_me(tracker)
        run(store.save(tracker))
        assert body_of("forget_done") not in reply
        assert settings.load()["clinic_phone"] in reply and "could not delete" in reply
        assert rows(db, patient) == before
        assert run(store.retrieve(patient)) is None, "the conversation the patient asked to delete went on"
        assert status.health() == ({"status": "conversation store broken", "pending_deletions": 1}, 503)
        later = conversation(patient, "a new question")
        run(store.save(later))  # kept in memory while the database is read-only
        assert run(store.retrieve(patient)).events[-3].text == "a new question"
    assert tag(patient) in caplog.text and patient not in caplog.text and "867-5309" not in caplog.text
    run(store.save(conversation("someone-else", "hello")))  # the database takes writes again
    assert status.health() == ({"status": "ok"}, 200)
    assert b"867-5309" not in on_disk(db), "the deletion asked for was not carried out"
    run(store.save(run(store.retrieve(patient))))
    assert rows(db, patient) == len(later.events), "the turns after the request were lost"


def test_a_refused_deletion_is_retried_in_the_background(make_store, tmp_path, monkeypatch):
    from bot.store import tracker_store

    monkeypatch.setattr(tracker_store, "RETRY_SECONDS", 0.05)
    db = tmp_path / "tracker.db"
    store = make_store()
    run(store.save(conversation("ivy", PATIENT_TEXT)))
    with read_only(db):
        assert run(store.forget("ivy")) is False and store.pending_deletions() == 1
    wait_until(lambda: store.pending_deletions() == 0, timeout=10)
    assert rows(db, "ivy") == 0


@pytest.mark.slow
def test_make_forget_and_make_purge_leave_no_deleted_text_in_the_write_ahead_log(make_store, tmp_path):
    """The running assistant keeps its connections open, so the log is not emptied when the command's closes."""
    db = tmp_path / "tracker.db"
    store = make_store()  # holds its connections, as the running assistant does
    run(store.save(conversation("telegram:42", PATIENT_TEXT)))
    run(store.save(conversation("old", "my ssn is 078-05-1120", at=time.time() - 40 * 86400)))
    # Not read here before the commands: closing a file SQLite has open drops its locks in this process.
    assert Path(f"{db}-wal").stat().st_size > 0
    env = {**os.environ, "TRACKER_DB": str(db), "RETENTION_DAYS": "30", "PYTHONPATH": str(ROOT)}
    for command in (["forget", "telegram:42"], ["purge"]):
        done = subprocess.run(
            [sys.executable, "-m", "bot.store", *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0 and "Deleted " in done.stdout and "Deleted 0" not in done.stdout, (
            done.stdout + done.stderr
        )
    assert rows(db, "telegram:42") == 0 and rows(db, "old") == 0
    assert b"867-5309" not in on_disk(db) and b"078-05-1120" not in on_disk(db), "deleted text is still readable"


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


def test_a_read_only_database_loses_no_turn_and_is_reported_once_without_patient_text(make_store, tmp_path, caplog):
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


@pytest.mark.slow
def test_make_forget_and_make_purge(make_store, tmp_path):
    db = tmp_path / "tracker.db"
    store = make_store()
    run(store.save(conversation("telegram:42", "hello")))
    run(store.save(conversation("old", "hello", at=time.time() - 40 * 86400)))
    env = {**os.environ, "TRACKER_DB": str(db), "RETENTION_DAYS": "30", "PYTHONPATH": str(ROOT)}
    forget = subprocess.run(
        ["make", "-s", "forget", "SENDER=telegram:42"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert forget.returncode == 0, forget.stderr
    assert rows(db, "telegram:42") == 0 and "telegram:42" not in forget.stdout
    purge = subprocess.run(["make", "-s", "purge"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert purge.returncode == 0 and "Deleted 1 conversation" in purge.stdout, purge.stdout + purge.stderr
    assert rows(db, "old") == 0


def test_make_forget_without_a_sender_is_a_clear_error():
    proc = subprocess.run(
        [sys.executable, "-m", "bot.store", "forget", ""], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
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
    assert status.health() == ({"status": "conversation store broken"}, 503)
    noted = status.with_store_note(reply, "gina")
    assert noted[:1] == reply and "may not remember" in noted[-1]["text"]
    assert run(status.forget("gina")) == (
        {"forgotten": False, "error": "the conversation store cannot be changed right now"},
        503,
    )


def test_a_database_error_is_logged_without_the_sql_parameters(make_store, tmp_path, caplog):
    import sqlite3

    store = make_store()
    with sqlite3.connect(tmp_path / "tracker.db") as conn:
        conn.execute("DROP TABLE events")
    caplog.set_level(logging.INFO)
    run(store.save(conversation("hank", PATIENT_TEXT)))
    assert store.unsaved("hank") and "no such table" in store.problem()
    assert "no such table" in caplog.text and "867-5309" not in caplog.text


def test_health_gives_the_public_a_status_and_the_log_the_reason(make_store, tmp_path, caplog):
    from bot.store import status

    make_store()
    caplog.set_level(logging.INFO)
    with read_only(tmp_path / "tracker.db"):
        for _ in range(2):
            assert status.health() == ({"status": "conversation store broken"}, 503)
    assert caplog.text.count("Conversation store failed (the conversation database is read-only)") == 1


def test_whatsapp_conversations_under_the_old_doubled_id_are_renamed_once_at_start(make_store, tmp_path):
    db, number = tmp_path / "tracker.db", "+15550001234"
    before = make_store()  # stored as the assistant did before the fix
    run(before.save(conversation(f"whatsapp:whatsapp:{number}", "hello")))
    run(before.save(conversation("telegram:7", "hello")))
    saved = rows(db, f"whatsapp:whatsapp:{number}")
    store = make_store()  # the assistant starts again
    assert rows(db, f"whatsapp:{number}") == saved and rows(db, f"whatsapp:whatsapp:{number}") == 0
    assert [e.text for e in run(store.retrieve(f"whatsapp:{number}")).events if getattr(e, "text", None)] == ["hello"]
    make_store()  # and again: nothing more changes
    assert rows(db, f"whatsapp:{number}") == saved and rows(db, "telegram:7") > 0


@pytest.mark.parametrize(
    "typed, gone, kept",
    [
        ("whatsapp:+1 (555) 000-1234", ["whatsapp:+15550001234"], ["twilio:+15550001234", "telegram:555"]),
        ("555-000-1234", ["whatsapp:+15550001234", "twilio:+15550001234"], ["telegram:555"]),
        ("sms:+15550001234", ["twilio:+15550001234"], ["whatsapp:+15550001234"]),
        ("TAG", ["telegram:555"], ["whatsapp:+15550001234", "twilio:+15550001234"]),
    ],
)
def test_make_forget_finds_the_conversation_by_what_a_clinic_types(
    make_store, tmp_path, monkeypatch, capsys, typed, gone, kept
):
    """Any format of the phone number, with or without its channel, or the p-… tag from a log line."""
    from bot.channels.redact import tag
    from bot.store.__main__ import main

    db = tmp_path / "tracker.db"
    store = make_store()
    for sender in gone + kept:
        run(store.save(conversation(sender, "hello")))
    monkeypatch.setenv("TRACKER_DB", str(db))
    assert main(["forget", tag(gone[0]) if typed == "TAG" else typed]) == 0
    assert "Deleted" in capsys.readouterr().out
    assert [rows(db, s) for s in gone] == [0] * len(gone) and all(rows(db, s) > 0 for s in kept)


def test_make_forget_with_an_unknown_id_says_so(make_store, tmp_path, monkeypatch, capsys):
    from bot.store.__main__ import main

    run(make_store().save(conversation("telegram:555", "hello")))
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "tracker.db"))
    assert main(["forget", "p-0123456789ab"]) == 0 and "Nothing stored" in capsys.readouterr().out
    assert rows(tmp_path / "tracker.db", "telegram:555") > 0
