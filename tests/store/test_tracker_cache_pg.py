"""The tracker store's cache on PostgreSQL shared by two processes (two stores), and its commits that do not
wait for the disk."""

import asyncio

import pytest

from tests.store.test_tracker_store_shared import PASSWORD, postgres, processes  # noqa: F401 (fixtures)

pytestmark = pytest.mark.services  # a private PostgreSQL or Redis (tests/helpers.py private_service)


def run(coro):
    return asyncio.get_event_loop_policy().new_event_loop().run_until_complete(coro)


def said(tracker):
    return [e.text for e in tracker.events if getattr(e, "text", None)]


def turn(store, sender, text):
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker = run(store.retrieve(sender)) or DialogueStateTracker(sender, [])
    tracker.update(UserUttered(text, {"name": "greet", "confidence": 1.0}))
    tracker.update(ActionExecuted("utter_greet"))
    tracker.update(ActionExecuted("action_listen"))
    run(store.save(tracker))


def test_turns_alternating_between_processes_are_all_kept_in_order(processes):  # noqa: F811
    one, other = processes
    texts = [f"turn {i}" for i in range(8)]
    for i, text in enumerate(texts):
        turn((one, other)[i % 2], "pg-alternating", text)
    assert said(run(one.retrieve("pg-alternating"))) == texts == said(run(other.retrieve("pg-alternating")))
    import sqlalchemy as sa

    with one.engine.connect() as conn:
        stored = [
            r[0]
            for r in conn.execute(sa.text("SELECT data FROM events WHERE sender_id = 'pg-alternating' ORDER BY id"))
        ]
    assert len(stored) == len(run(one.retrieve("pg-alternating")).events), "a turn was written twice or lost"


def test_a_conversation_forgotten_by_another_process_is_gone(processes):  # noqa: F811
    one, other = processes
    turn(one, "pg-forget", "hello")
    turn(one, "pg-forget", "my phone is 555-0100")
    assert run(other.forget("pg-forget")) is True
    assert run(one.retrieve("pg-forget")) is None


def test_commits_do_not_wait_for_the_disk(processes):  # noqa: F811
    import sqlalchemy as sa

    for _ in range(2):  # also on a connection kept in the pool after a rollback
        with processes[0].engine.connect() as conn:
            assert conn.execute(sa.text("SHOW synchronous_commit")).scalar() == "off"
