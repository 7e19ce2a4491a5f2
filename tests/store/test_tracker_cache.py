"""The tracker store's per-process cache: what it gives back is always what Rasa's own SQL store reads from the
database, also when another process (another store on the same file) wrote or deleted in between."""

import time

import pytest

from tests.store.test_tracker_store import conversation, domain, make_store, run  # noqa: F401 (fixtures)


def said(tracker):
    return [e.text for e in tracker.events if getattr(e, "text", None)]


def turn(tracker, text, at=None):
    """Appends one patient turn (message, reply, listen) as Rasa's processor would."""
    for event in conversation(tracker.sender_id, text, at=at).events:
        tracker.update(event)
    return tracker


@pytest.fixture
def rasa_reads(tmp_path, domain):  # noqa: F811
    """Rasa's own SQLTrackerStore on the same file: the oracle for what a retrieve must return."""
    from rasa.core.tracker_store import SQLTrackerStore

    plain = SQLTrackerStore(domain=domain, db=str(tmp_path / "tracker.db"))

    def read(sender):
        tracker = run(plain.retrieve(sender))
        return None if tracker is None else [e.as_dict() for e in tracker.events]

    return read


def test_a_turn_read_back_twice_is_not_deserialised_again(make_store):  # noqa: F811
    store = make_store()
    run(store.save(conversation("amy", "hello")))
    first = run(store.retrieve("amy"))
    run(store.save(turn(first, "what is ldn")))
    again, once_more = run(store.retrieve("amy")), run(store.retrieve("amy"))
    assert said(again) == ["hello", "what is ldn"]
    assert all(a is b for a, b in zip(again.events, once_more.events, strict=True)), "the cache was not used"


def test_a_new_conversation_is_not_read_back_on_its_second_turn(make_store, rasa_reads):  # noqa: F811
    store = make_store()
    first = conversation("abe", "hello")
    run(store.save(first))  # Rasa's own save (nothing cached yet); the database now holds exactly these events
    back = run(store.retrieve("abe"))
    assert all(a is b for a, b in zip(back.events, first.events, strict=True)), "the saved conversation was read back"
    assert [e.as_dict() for e in back.events] == rasa_reads("abe")


def test_turns_saved_by_another_process_are_seen(make_store, rasa_reads, tmp_path):  # noqa: F811
    one, other = make_store(), make_store()  # two Rasa processes on one database
    run(one.save(conversation("ben", "hello")))
    run(one.save(turn(run(one.retrieve("ben")), "first")))
    run(other.save(turn(run(other.retrieve("ben")), "second")))  # the next message lands on the other process
    tracker = run(one.retrieve("ben"))
    assert said(tracker) == ["hello", "first", "second"]
    run(one.save(turn(tracker, "third")))
    assert said(run(other.retrieve("ben"))) == ["hello", "first", "second", "third"]
    assert [e.as_dict() for e in run(one.retrieve("ben")).events] == rasa_reads("ben")
    from tests.store.db import rows

    assert rows(tmp_path / "tracker.db", "ben") == len(rasa_reads("ben")), "a turn was written twice or lost"


def test_only_the_rows_another_process_added_are_read(make_store, rasa_reads):  # noqa: F811
    one, other = make_store(), make_store()
    run(one.save(conversation("bo", "hello")))
    before = run(one.retrieve("bo"))
    run(other.save(turn(run(other.retrieve("bo")), "from the other process")))
    after = run(one.retrieve("bo"))
    assert said(after) == ["hello", "from the other process"]
    assert all(a is b for a, b in zip(before.events, after.events, strict=False)), (
        "the rows it had were deserialised again"
    )
    assert [e.as_dict() for e in after.events] == rasa_reads("bo")


def test_a_longer_conversation_on_reused_ids_is_not_taken_for_more_turns(make_store, tmp_path):  # noqa: F811
    one, other = make_store(), make_store()
    run(one.save(conversation("cy", "old words", at=time.time() - 60)))  # the table's highest ids
    run(one.retrieve("cy"))
    run(other.forget("cy"))
    run(other.save(conversation("cy", "new", "and more")))  # SQLite gives the freed ids out again
    assert said(run(one.retrieve("cy"))) == ["new", "and more"]


def test_a_conversation_forgotten_by_another_process_is_gone(make_store):  # noqa: F811
    one, other = make_store(), make_store()
    run(one.save(conversation("cleo", "hello")))
    run(one.save(turn(run(one.retrieve("cleo")), "my phone is 555-0100")))
    assert said(run(one.retrieve("cleo")))
    assert run(other.forget("cleo")) is True
    assert run(one.retrieve("cleo")) is None


def test_a_forgotten_and_restarted_conversation_is_not_the_old_one(make_store):  # noqa: F811
    one, other = make_store(), make_store()
    run(one.save(conversation("dina", "old words")))
    run(one.retrieve("dina"))
    run(other.forget("dina"))
    run(other.save(conversation("dina", "new words")))  # as many rows as before, maybe the same ids
    assert said(run(one.retrieve("dina"))) == ["new words"]


def test_a_new_session_is_read_back_as_rasa_does(make_store, rasa_reads):  # noqa: F811
    from rasa.shared.core.events import ActionExecuted, SessionStarted

    store = make_store()
    run(store.save(conversation("eve", "yesterday", at=time.time() - 7200)))
    tracker = run(store.retrieve("eve"))
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    run(store.save(turn(tracker, "today")))
    back = run(store.retrieve("eve"))
    assert said(back) == ["today"]
    assert [e.as_dict() for e in back.events] == rasa_reads("eve")


def test_a_tracker_not_read_from_the_cache_is_saved_as_rasa_does(make_store, rasa_reads):  # noqa: F811
    store = make_store()
    run(store.save(conversation("finn", "hello")))
    run(store.retrieve("finn"))
    run(store.save(conversation("finn", "hello", "built elsewhere")))  # e.g. a tracker rebuilt by Rasa
    assert (
        said(run(store.retrieve("finn")))
        == ["hello", "built elsewhere"]
        == [e["text"] for e in rasa_reads("finn") if e.get("text")]
    )


def test_without_a_cache_the_store_still_works(make_store, monkeypatch):  # noqa: F811
    monkeypatch.setenv("TRACKER_CACHE_SIZE", "0")
    store = make_store()
    run(store.save(conversation("gus", "hello")))
    run(store.save(turn(run(store.retrieve("gus")), "again")))
    assert said(run(store.retrieve("gus"))) == ["hello", "again"] and len(store._cache) == 0


def test_retention_empties_the_memory_copy_too(make_store):  # noqa: F811
    store = make_store(days=30)
    run(store.save(conversation("old", "hello", at=time.time() - 31 * 86400)))
    run(store.save(conversation("new", "hello")))
    run(store.retrieve("old")), run(store.retrieve("new"))
    assert store.purge_expired() == 1
    assert store._cache.get("old") is None and store._cache.get("new") is not None


def test_forgotten_words_stay_in_neither_the_database_nor_its_write_ahead_log(make_store, tmp_path):  # noqa: F811
    store = make_store()
    run(store.save(conversation("hal", "hello")))
    run(store.save(turn(run(store.retrieve("hal")), "my phone is 555-867-5309")))
    assert run(store.forget("hal")) is True
    for part in ("tracker.db", "tracker.db-wal"):
        path = tmp_path / part
        assert not path.exists() or b"867-5309" not in path.read_bytes(), f"deleted text is still in {part}"


def test_the_write_ahead_log_is_private(make_store, tmp_path):  # noqa: F811
    import stat

    store = make_store()
    run(store.save(conversation("ivy", "hello")))
    for part in ("tracker.db-wal", "tracker.db-shm"):
        path = tmp_path / part
        assert path.exists(), "the database is not in write-ahead-log mode"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, f"other accounts could read {part}"
