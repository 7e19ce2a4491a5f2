"""The tracker store shared by several Rasa processes on one PostgreSQL (two stores stand for two
processes): a database outage and restart lose no conversation and never mix one up."""

import asyncio

import pytest

from tests.helpers import free_port, private_service

pytestmark = pytest.mark.services  # a private PostgreSQL or Redis (tests/helpers.py private_service)
PASSWORD = "test-store-password"


@pytest.fixture(scope="module")
def postgres():
    from bot.prod import services

    with private_service(
        "ldn-store-pg-",
        lambda work: services.Postgres(work / "pg", free_port(), "ldn", "ldn", PASSWORD, work / "pg.log"),
    ) as server:
        yield server


@pytest.fixture
def processes(postgres):
    """Two tracker stores on the same database, as two Rasa processes have."""
    from rasa.shared.core.domain import Domain

    from bot.store.tracker_store import ClinicTrackerStore

    stores = [
        ClinicTrackerStore(
            domain=Domain.empty(),
            dialect="postgresql",
            host="127.0.0.1",
            port=postgres.port,
            db="ldn",
            username="ldn",
            password=PASSWORD,
        )
        for _ in range(2)
    ]
    yield stores
    for store in stores:
        store._stop.set()
        store.engine.dispose()


def turn(store, sender: str, text: str) -> None:
    """One patient turn handled by this process: read the conversation, add the turn, save it."""
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    async def handle():
        tracker = await store.retrieve(sender) or DialogueStateTracker(sender, [])
        for event in (UserUttered(text), BotUttered(f"reply to {text}"), ActionExecuted("action_listen")):
            tracker.update(event)
        await store.save(tracker)

    asyncio.run(handle())


def said(store, sender: str):
    from rasa.shared.core.events import UserUttered

    tracker = asyncio.run(store.retrieve(sender))
    return [e.text for e in tracker.events if isinstance(e, UserUttered)]


def test_a_restart_between_turns_loses_nothing(postgres, processes):
    a, b = processes
    turn(a, "p1", "one")
    turn(b, "p1", "two")
    postgres.stop()
    postgres.start()
    turn(a, "p1", "three")  # the first query after the restart, on a connection kept from before it
    turn(b, "p1", "four")
    assert said(a, "p1") == ["one", "two", "three", "four"] and not a.unsaved("p1") and not b.unsaved("p1")


def test_a_turn_kept_in_memory_during_an_outage_never_hides_what_another_process_saved_since(postgres, processes):
    """Process A keeps an outage turn in memory; after the outage B saves a turn; A's memory copy is
    then out of date and must give way to the database, or A would answer without B's turn and
    write its old copy over it."""
    a, b = processes
    turn(a, "p2", "one")
    postgres.stop()
    try:
        turn(a, "p2", "two, in the outage")
        assert a.unsaved("p2")
    finally:
        postgres.start()
    turn(b, "p2", "three")
    turn(a, "p2", "four")
    turn(b, "p2", "five")
    assert said(b, "p2") == ["one", "three", "four", "five"], "turns lost or mixed up"


def test_a_turn_answered_without_its_conversation_in_an_outage_is_not_forced_into_it(postgres, processes):
    """With the database down, A could not read the conversation: the outage turn began a copy of its own,
    which must not be spliced into the saved conversation afterwards (the patient was told it may be lost)."""
    a, b = processes
    turn(a, "p3", "one")
    postgres.stop()
    try:
        turn(a, "p3", "two, in the outage")
    finally:
        postgres.start()
    turn(a, "p3", "three")
    turn(b, "p3", "four")
    assert said(b, "p3") == ["one", "three", "four"]


def test_forget_me_with_postgresql_down_is_kept_and_carried_out_when_it_is_back(postgres, processes, caplog):
    """Health tells the public the store is broken and a deletion waits, never psycopg2's message (it names
    the database's host and port): that goes to the log."""
    import logging

    from bot.store import status

    a, b = processes
    turn(b, "p4", "my phone is 555-867-5309")
    turn(b, "p5", "someone else")
    caplog.set_level(logging.INFO)
    postgres.stop()
    try:
        assert asyncio.run(b.forget("p4")) is False  # b is the active store: status.health() asks it
        body, code = status.health()
        assert (body, code) == ({"status": "conversation store broken", "pending_deletions": 1}, 503)
        assert str(postgres.port) in caplog.text, "the operator's log lost the reason"
    finally:
        postgres.start()
    turn(b, "p5", "the database is back")
    assert asyncio.run(a.retrieve("p4")) is None and status.health() == ({"status": "ok"}, 200)


def test_whatsapp_conversations_under_the_old_doubled_id_are_renamed_at_start(postgres, processes):
    from rasa.shared.core.domain import Domain

    from bot.store.tracker_store import ClinicTrackerStore

    a, _ = processes
    turn(a, "whatsapp:whatsapp:+15550004321", "hello")
    started = ClinicTrackerStore(
        domain=Domain.empty(),
        dialect="postgresql",
        host="127.0.0.1",
        port=postgres.port,
        db="ldn",
        username="ldn",
        password=PASSWORD,
    )
    try:
        assert said(started, "whatsapp:+15550004321") == ["hello"]
        assert asyncio.run(started.retrieve("whatsapp:whatsapp:+15550004321")) is None
    finally:
        started._stop.set()
        started.engine.dispose()
