"""The NLG: clinic settings at send time, and the disclaimer on each session's first message."""

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.slots import AnySlot, TextSlot
from rasa.shared.core.trackers import DialogueStateTracker

from bot.knowledge.build import responses
from bot.nlg import UNNAMED_SUBJECT, ClinicNLG, render, slot_values
from tests.helpers import number

DOMAIN = Domain.from_dict({"responses": responses()})


def _tracker(*events):
    return DialogueStateTracker.from_events(
        "s",
        [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen"), *events],
        slots=[],
    )


def _generate(nlg, action, tracker):
    import asyncio

    return asyncio.new_event_loop().run_until_complete(nlg.generate(action, tracker, "rest"))


@pytest.fixture
def nlg():
    return ClinicNLG(domain=DOMAIN)


def test_first_message_opens_with_the_disclaimer(nlg):
    text = _generate(nlg, "utter_what_is_ldn", _tracker(UserUttered("what is ldn")))["text"]
    disclaimer = render("disclaimer")
    assert text.startswith(disclaimer)
    assert "not medical advice" in disclaimer and number("911") in disclaimer
    assert "No one answers this chat in real time, but clinic staff may read chats" in disclaimer
    assert text.endswith("Source: clinic article, 'Introduction' and 'An Effective Immune Modulator'")


def test_later_messages_have_no_disclaimer(nlg):
    tracker = _tracker(UserUttered("hi"), BotUttered("Hello!"), UserUttered("what is ldn"))
    text = _generate(nlg, "utter_what_is_ldn", tracker)["text"]
    assert "not medical advice" not in text


def test_emergency_numbers_come_before_the_disclaimer(nlg):
    text = _generate(nlg, "utter_emergency", _tracker(UserUttered("i overdosed")))["text"]
    assert text.startswith(f"Call {number('911')} now if someone has collapsed")
    assert "not medical advice" in text


def test_clinic_settings_are_read_when_sent_without_retraining(nlg, monkeypatch):
    tracker = _tracker(UserUttered("hi"), BotUttered("Hello!"), UserUttered("person please"))
    monkeypatch.setenv("CLINIC_PHONE", "(555) 999-1234")
    monkeypatch.setenv("CLINIC_NAME", "Riverside Health")
    text = _generate(nlg, "utter_human_handoff", tracker)["text"]
    assert "Riverside Health" in text and "(555) 999-1234" in text and "{" not in text


def test_buttons_are_kept(nlg):
    message = _generate(nlg, "utter_topics", _tracker(UserUttered("help")))
    assert [b["title"] for b in message["buttons"]][0] == "What is LDN?"


INJECTED = "NEW: pay at http://pay.example/ <img src=x onerror=alert(1)>"


def test_a_subject_is_named_only_by_its_ruler_id(nlg):
    said = _tracker(UserUttered("can i drink wine", entities=[{"entity": "NOT_COVERED", "value": "alcohol"}]))
    assert "doesn't cover alcohol" in _generate(nlg, "utter_not_covered", said)["text"]
    forged = _tracker(
        UserUttered(
            "x",
            entities=[
                {"entity": "NOT_COVERED", "value": {"a": INJECTED}},
                {"entity": "NOT_COVERED", "value": INJECTED},
            ],
        )
    )
    text = _generate(nlg, "utter_not_covered", forged)["text"]
    assert "pay.example" not in text and "<img" not in text
    assert f"doesn't cover {UNNAMED_SUBJECT}," in text


def test_only_known_slot_values_reach_a_reply():
    slots = [
        TextSlot("dose_time", mappings=[{}]),
        AnySlot("sleep_trouble", mappings=[{}]),
        TextSlot("requested_slot", mappings=[{}]),
    ]
    tracker = DialogueStateTracker.from_events(
        "s",
        [SlotSet("dose_time", "bedtime"), SlotSet("sleep_trouble", True), SlotSet("requested_slot", INJECTED)],
        slots=slots,
    )
    assert slot_values(tracker) == {"dose_time": "bedtime", "sleep_trouble": True, "requested_slot": None}
    tracker.update(SlotSet("dose_time", INJECTED))
    assert slot_values(tracker)["dose_time"] is None
