"""The dosing-time guidance action: drawn from the article, never telling a good sleeper to switch."""

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.dosing import ActionDosingGuidance, guidance_for
from bot import knowledge


@pytest.mark.parametrize(
    "time, trouble, response",
    [
        ("bedtime", True, "utter_guidance_sleep_trouble"),
        ("evening", True, "utter_guidance_sleep_trouble"),
        ("afternoon", True, "utter_guidance_sleep_trouble"),
        ("morning", True, "utter_guidance_sleep_trouble_morning"),
        ("bedtime", False, "utter_guidance_no_sleep_trouble"),
        ("morning", False, "utter_guidance_no_sleep_trouble"),
        (None, True, None),
        ("bedtime", None, None),
    ],
)
def test_guidance_choice(time, trouble, response):
    assert guidance_for(time, trouble) == response


def test_guidance_responses_exist_and_cite_the_side_effects_section():
    for name in ("guidance_sleep_trouble", "guidance_sleep_trouble_morning", "guidance_no_sleep_trouble"):
        assert knowledge.load()[name].section == "Potential Side Effects"


def test_sleep_trouble_guidance_suggests_morning_and_starting_low():
    text = knowledge.load()["guidance_sleep_trouble"].text.lower()
    assert "morning" in text and "start" in text and "prescriber" in text


def test_night_taker_without_problems_is_not_told_to_switch():
    text = knowledge.load()["guidance_no_sleep_trouble"].text.lower()
    assert "morning" not in text and "switch" not in text


def test_action_utters_guidance_and_clears_the_answers(make_tracker, event_loop_session):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"dose_time": "bedtime", "sleep_trouble": True}, active_loop=None)
    events = event_loop_session.run_until_complete(ActionDosingGuidance().run(dispatcher, tracker, {}))
    assert [m["response"] for m in dispatcher.messages] == ["utter_guidance_sleep_trouble"]
    assert events == [SlotSet("dose_time", None), SlotSet("sleep_trouble", None)]


def test_action_is_quiet_after_a_graceful_exit(make_tracker, event_loop_session):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"dose_time": None, "sleep_trouble": None}, active_loop=None)
    event_loop_session.run_until_complete(ActionDosingGuidance().run(dispatcher, tracker, {}))
    assert dispatcher.messages == []
