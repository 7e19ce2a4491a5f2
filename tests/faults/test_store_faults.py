"""Faults of the conversation store (Rasa restarted mid-form, database read-only, database deleted):
a useful reply within seconds, emergency numbers, a note that the chat may not be remembered, health
that says so, one log line without patient text, and nothing lost that was saved."""

import json
import stat
import time
import uuid
from contextlib import contextmanager

import pytest

from bot import settings
from bot.serve import servers
from tests.conftest import CHANNEL_ENV, Client, free_port
from tests.helpers import body_of, http, new_sender, number
from tests.store.db import read_only, rows

pytestmark = [pytest.mark.model, pytest.mark.servers]

REPLY_WITHIN = settings.service().action_timeout_seconds + 5
PRIVATE = "my number is 555 867 5309 and I want to kill myself"


@contextmanager
def started(model_path, work):
    with servers(
        model_path, port=free_port(), action_port=free_port(), tracker_db=work / "tracker.db", log_dir=work
    ) as running:
        yield Client(running.url)


@pytest.fixture(scope="module")
def system(model_path, tmp_path_factory):
    """Rasa is stopped in the middle of a dosing conversation and started again on the same database."""
    work = tmp_path_factory.mktemp("store-faults")
    mid_form = new_sender("restart")
    with pytest.MonkeyPatch.context() as patch:
        for name in CHANNEL_ENV:
            patch.delenv(name, raising=False)
        with started(model_path, work) as client:
            client.text(mid_form, "when should I take my LDN")
            assert body_of("ask_sleep_trouble") in client.text(mid_form, "in the morning")
        with started(model_path, work) as client:
            yield client, work, mid_form


def health(client: Client):
    status, text = http(f"{client.url}/webhooks/rest/")
    return status, json.loads(text)


def timed(client: Client, sender: str, text: str) -> str:
    start = time.monotonic()
    reply = client.text(sender, text)
    assert time.monotonic() - start < REPLY_WITHIN
    return reply


def still_serves_and_says_so(client: Client) -> None:
    """Answers, emergency numbers and a whole dosing conversation work, each with the note."""
    note = body_of("store_problem")
    sender = new_sender("broken")
    answer = timed(client, sender, "what is LDN")
    assert "low dose naltrexone" in answer and note in answer
    emergency = timed(client, new_sender("broken-rail"), PRIVATE)
    assert number("988") in emergency and note in emergency
    timed(client, sender, "when should I take my LDN")
    assert body_of("ask_sleep_trouble") in timed(client, sender, "in the evening")
    assert body_of("guidance_no_sleep_trouble") in timed(client, sender, "no"), "the form could not finish"


def test_rasa_restarted_mid_form_resumes_where_the_patient_was(system):
    client, work, mid_form = system
    assert health(client) == (200, {"status": "ok"})
    assert body_of("guidance_sleep_trouble_morning") in timed(client, mid_form, "yes")
    assert stat.S_IMODE((work / "tracker.db").stat().st_mode) == 0o600, "other accounts could read the chats"


def test_a_read_only_database_still_answers_says_so_and_loses_nothing(system):
    client, work, _ = system
    db = work / "tracker.db"
    saved = new_sender("saved")
    client.text(saved, "what are the side effects")
    before = rows(db, saved)
    with read_only(db):
        assert health(client) == (503, {"status": "conversation store broken"})  # the reason: in the log only
        still_serves_and_says_so(client)
        assert rows(db, saved) == before
    client.text(new_sender("after"), "hello")  # the next save works again, and health says so
    assert health(client)[0] == 200
    assert rows(db, saved) == before
    log = (work / "rasa.log").read_text(errors="replace")
    assert log.count("Conversation store failed (the conversation database is read-only)") == 1
    assert "867 5309" not in log and "kill myself" not in log


def test_forget_me_on_a_read_only_database_tells_the_truth_and_deletes_once_it_can(system):
    """The patient is not told "deleted" while nothing was; they get the clinic's phone, health reports the
    waiting deletion, and the conversation goes as soon as the database takes writes again."""
    client, work, _ = system
    db, sender, marker = work / "tracker.db", new_sender("forget-refused"), f"Quimby{uuid.uuid4().hex[:8]}"
    client.text(sender, f"my name is {marker}, what is ldn")
    assert body_of("forget_me") in client.text(sender, "forget me")
    with read_only(db):
        reply = timed(client, sender, "yes")
        assert body_of("forget_done") not in reply and body_of("forget_failed") in reply
        assert settings.load()["clinic_phone"] in reply
        assert health(client) == (503, {"status": "conversation store broken", "pending_deletions": 1})
        assert rows(db, sender) > 0
    client.text(new_sender("after"), "hello")  # the database takes writes again: the deletion is carried out
    assert rows(db, sender) == 0 and health(client) == (200, {"status": "ok"})
    assert marker.encode() not in db.read_bytes() + (work / "tracker.db-wal").read_bytes()
    log = (work / "rasa.log").read_text(errors="replace")
    assert "could not be carried out" in log and marker not in log and sender not in log


def test_a_deleted_database_is_reported_and_the_conversation_goes_on(system):
    client, work, _ = system
    (work / "tracker.db").unlink()
    assert health(client) == (503, {"status": "conversation store broken"})
    still_serves_and_says_so(client)
    assert not (work / "tracker.db").exists(), "an empty database was made in its place, hiding the loss"
    log = (work / "rasa.log").read_text(errors="replace")
    assert log.count("Conversation store failed (the conversation database file is missing)") == 1
