"""Faults of the action server (killed, hanging, slow): a useful reply within seconds, emergency
numbers for emergencies, and nothing lost that was saved. Real Rasa and action servers; between them
a loopback stand-in that can slow down, hang or drop the calls (tests/faults/fake_actions.py)."""

import threading
import time
import urllib.request

import pytest

from bot import settings
from bot.serve import servers
from scripts.bench.triage import numbers_in_order
from tests.conftest import CHANNEL_ENV, Client, free_port
from tests.faults.fake_actions import ActionServerFault
from tests.helpers import body_of, new_sender, number
from tests.store.db import active_loop, forget, rows

pytestmark = [pytest.mark.model, pytest.mark.servers]

TIMEOUT = settings.service().action_timeout_seconds
# "A few seconds": the action timeout plus room for a busy 2-core machine; far below the widget's 30 s.
REPLY_WITHIN = TIMEOUT + 5
# Emergencies as patients describe them -> the number that must come first.
EMERGENCIES = {
    "I took too much LDN and I can't breathe": "911",
    "I want to kill myself": "988",
    "she's jerking all over on the floor and won't answer me": "911",
    "he took extra oxy and now he's snoring weird and his lips look blue": "911",
    "my toddler got into my pill organiser and chewed some capsules, he seems fine": "poison",
    "i took all my sleeping pills on purpose": "911",
}


@pytest.fixture(scope="module")
def system(model_path, tmp_path_factory):
    work = tmp_path_factory.mktemp("action-faults")
    action_port = free_port()
    fault = ActionServerFault(free_port(), f"http://127.0.0.1:{action_port}")
    with pytest.MonkeyPatch.context() as patch:
        for name in CHANNEL_ENV:
            patch.delenv(name, raising=False)
        with servers(
            model_path,
            port=free_port(),
            action_port=action_port,
            action_url=f"{fault.url}/webhook",
            tracker_db=work / "tracker.db",
            log_dir=work,
        ) as running:
            yield Client(running.url), fault, running, work
    fault.close()


@pytest.fixture
def patient(system):
    fault = system[1]
    fault.set("pass")
    yield system[0]
    fault.set("pass")


def timed(client: Client, sender: str, text: str):
    start = time.monotonic()
    reply = client.text(sender, text)
    return reply, time.monotonic() - start


def in_the_form(client: Client, sender: str) -> None:
    assert body_of("ask_dose_time") in client.text(sender, "when should I take my LDN")
    assert body_of("ask_sleep_trouble") in client.text(sender, "in the morning")


def test_the_action_timeout_is_well_below_the_channels():
    assert 1 <= TIMEOUT <= 10, "the widget gives up at 30 s; the apology must come long before"


def test_a_hanging_action_server_gets_the_apology_and_clinic_phone_within_the_timeout(patient, system):
    sender = new_sender("hang")
    in_the_form(patient, sender)
    system[1].set("hang")
    reply, took = timed(patient, sender, "yes")
    assert took < REPLY_WITHIN, f"the patient waited {took:.0f} s"
    assert body_of("service_problem") in reply and settings.load()["clinic_phone"] in reply


def test_the_same_patients_emergency_does_not_wait_behind_a_hanging_call(patient, system):
    sender = new_sender("hang-lock")
    in_the_form(patient, sender)
    system[1].set("hang")
    first = threading.Thread(target=patient.say, args=(sender, "yes"))
    first.start()
    time.sleep(0.5)  # the first message now holds this conversation's lock, waiting on the action server
    reply, took = timed(patient, sender, "I want to kill myself")
    first.join(timeout=60)
    assert number("988") in reply
    assert took < REPLY_WITHIN, f"the emergency waited {took:.0f} s behind the hung call"


def test_start_over_during_a_hanging_answer_still_deletes_everything(patient, system):
    """The answer being worked on is saved when it ends: forgetting waits for it, then deletes."""
    client, fault, _, work = system
    sender = new_sender("forget-hang")
    in_the_form(client, sender)
    fault.set("hang")
    pending = threading.Thread(target=client.say, args=(sender, "yes"))
    pending.start()
    time.sleep(0.5)
    assert forget(client, {"sender": sender}) == (200, {"forgotten": True})
    pending.join(timeout=60)
    assert rows(work / "tracker.db", sender) == 0


def test_a_slow_action_server_still_finishes_the_conversation(patient, system):
    sender = new_sender("slow")
    in_the_form(patient, sender)
    system[1].set("slow", delay=TIMEOUT / 2)
    reply, took = timed(patient, sender, "yes")
    assert body_of("guidance_sleep_trouble_morning") in reply
    assert took < REPLY_WITHIN


def test_an_action_server_slower_than_the_timeout_gets_the_apology_in_time(patient, system):
    sender = new_sender("too-slow")
    in_the_form(patient, sender)
    system[1].set("slow", delay=TIMEOUT + 3)
    reply, took = timed(patient, sender, "yes")
    assert body_of("service_problem") in reply and took < REPLY_WITHIN


@pytest.mark.parametrize("mode", ["down", "hang", "slow"])
@pytest.mark.parametrize("emergency", sorted(EMERGENCIES))
def test_emergencies_in_the_dosing_form_get_the_numbers_and_leave_the_form(patient, system, mode, emergency):
    """Issue 7 item 1: the safety rail never depends on the action server."""
    client, fault, _, work = system
    sender = new_sender(f"rail-{mode}")
    in_the_form(client, sender)
    fault.set(mode, delay=TIMEOUT + 3)
    reply, took = timed(client, sender, emergency)
    assert numbers_in_order(reply, settings.load())[:1] == [EMERGENCIES[emergency]], reply
    assert body_of("service_problem") not in reply
    assert took < REPLY_WITHIN
    assert active_loop(work / "tracker.db", sender) is None, "the form would resume after the emergency"


def test_a_killed_action_server_is_restarted_and_nothing_saved_is_lost(patient, system):
    """Issue 7 item 2: the runner restarts it (logged) and Rasa answers meanwhile."""
    client, _, running, _ = system
    sender = new_sender("killed")
    in_the_form(client, sender)  # the dosing time is saved
    old = running.actions.proc
    old.kill()
    old.wait(timeout=10)
    answer, took = timed(client, new_sender("killed-answer"), "what are the side effects")
    assert "Potential Side Effects" in answer and took < REPLY_WITHIN
    assert number("911") in client.text(new_sender("killed-rail"), "I overdosed on my pills")
    reply, took = timed(client, sender, "yes")  # the form needs the action server: the apology, at once
    assert body_of("service_problem") in reply and took < REPLY_WITHIN
    deadline = time.monotonic() + 120
    while running.actions.proc is old or not _healthy(running):
        assert time.monotonic() < deadline, "the action server was not restarted"
        time.sleep(1)
    assert running.actions.restarts >= 1 and not running.dead()
    # The dosing time given before the crash is still there: the guidance is the one for mornings.
    assert body_of("guidance_sleep_trouble_morning") in client.text(sender, "yes")


def _healthy(running) -> bool:
    port = running.actions.proc.args[-1]
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2):
            return True
    except OSError:
        return False
