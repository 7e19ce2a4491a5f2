"""The dispatch core's never-silent reply, and the safety rail when a message cannot be handled."""

from types import SimpleNamespace

import pytest
from sanic import Sanic

from bot.channels.dispatch import never_silent, replies_to
from bot.store.lock_store import LockStoreUnavailable
from tests.helpers import clinic, number


def test_replies_pass_through():
    reply = [{"recipient_id": "a", "text": "hello"}]
    assert never_silent(reply, "a") == reply


def test_empty_reply_becomes_a_useful_message_with_the_clinic_phone():
    [message] = never_silent([], "a")
    assert message["recipient_id"] == "a"
    assert clinic("clinic_phone") in message["text"] and "not working" in message["text"]


class _App:
    """Stands for the running Rasa server's Sanic app, which holds the loaded agent."""

    def __init__(self, agent):
        self.ctx = SimpleNamespace(agent=agent)


async def _locked_out(message):
    raise LockStoreUnavailable("the lock store (Redis) cannot be reached")


@pytest.mark.model
@pytest.mark.parametrize(
    "text, wanted",
    [
        ("I want to kill myself", "988"),
        ("I took too much LDN and I can't breathe", "911"),
        ("what is LDN", "clinic"),
    ],
)
def test_a_message_that_cannot_be_handled_still_gets_the_emergency_numbers(
    agent, event_loop_session, monkeypatch, text, wanted
):
    """Redis down: the conversation cannot be locked, but the NLU alone still tells an emergency."""
    monkeypatch.setattr(Sanic, "_app_registry", {"rasa_core_no_api": _App(agent)})
    [reply] = event_loop_session.run_until_complete(replies_to(_locked_out, text, "a", "rest"))
    expected = clinic("clinic_phone") if wanted == "clinic" else number(wanted)
    assert expected in reply["text"] and reply["recipient_id"] == "a"
    assert ("not working" in reply["text"]) == (wanted == "clinic"), "an emergency gets no apology first"


@pytest.mark.slow  # about 10 s (measured with 2 workers on a busy machine)
def test_outside_a_running_server_a_failed_message_gets_the_apology(event_loop_session, monkeypatch):
    monkeypatch.setattr(Sanic, "_app_registry", {})
    [reply] = event_loop_session.run_until_complete(replies_to(_locked_out, "what is LDN", "a", "rest"))
    assert "not working" in reply["text"] and clinic("clinic_phone") in reply["text"]
    assert "custom" not in reply


@pytest.mark.parametrize(
    "text, first", [("I want to kill myself", "988"), ("my husband is grey and barely breathing after his oxy", "911")]
)
def test_without_any_server_an_emergency_still_gets_its_numbers_marked_as_one(
    event_loop_session, monkeypatch, text, first
):
    """Triage needs no model or server: even with nothing loaded the emergency gets its reply, not the apology."""
    monkeypatch.setattr(Sanic, "_app_registry", {})
    [reply] = event_loop_session.run_until_complete(replies_to(_locked_out, text, "a", "rest"))
    assert reply["text"].lstrip().startswith(("Please call or text", "Call")) and number(first) in reply["text"]
    assert "not working" not in reply["text"] and reply["custom"] == {"emergency": True}
