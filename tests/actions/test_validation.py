"""The dosing form's validation action, with rasa_sdk trackers and a collecting dispatcher."""

import re

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.validation import MAX_REASKS, ValidateDosingForm, reasks_so_far

DOMAIN = {"forms": {"dosing_form": {"required_slots": ["dose_time", "sleep_trouble"]}}}


def _reask_events(response, n):
    events = [{"event": "active_loop", "name": "dosing_form"}]
    for _ in range(n):
        events += [
            {"event": "bot", "text": "sorry", "metadata": {"utter_action": response}},
            {"event": "user", "text": "banana"},
        ]
    return events


@pytest.fixture
def form():
    return ValidateDosingForm()


def _said(*times):
    """The latest message as the NLU leaves it: each time of day already a canonical value."""
    return {"intent": {"name": "inform_dose_time"}, "entities": [{"entity": "TIME_OF_DAY", "value": t} for t in times]}


def test_a_part_of_the_day_from_the_nlu_is_accepted_as_it_is(form, make_tracker):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"requested_slot": "dose_time"}, latest_message=_said("bedtime"))
    assert form.validate_dose_time("bedtime", dispatcher, tracker, DOMAIN) == {"dose_time": "bedtime"}
    assert dispatcher.messages == []


def test_free_text_is_not_matched_a_second_time(form, make_tracker):
    """Only the NLU normalises times: raw text that slipped through is an unclear answer."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"requested_slot": "dose_time"}, latest_message={"intent": {}})
    assert form.validate_dose_time("right before bed", dispatcher, tracker, DOMAIN) == {"dose_time": None}
    assert [m["response"] for m in dispatcher.messages] == ["utter_reask_dose_time"]


def test_two_different_times_are_unclear(form, make_tracker):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"requested_slot": "dose_time"}, latest_message=_said("morning", "bedtime"))
    assert form.validate_dose_time("bedtime", dispatcher, tracker, DOMAIN) == {"dose_time": None}


def test_a_time_that_started_the_form_is_kept(form, make_tracker):
    """'I take it at night' out of the blue: the form must not ask the same question again."""
    tracker = make_tracker(slots={"requested_slot": None, "dose_time": "bedtime"}, latest_message=_said("bedtime"))
    assert form.validate_dose_time("bedtime", CollectingDispatcher(), tracker, DOMAIN) == {"dose_time": "bedtime"}


def _asked(text, *spans):
    """The question of when to take it, with each part of the day the NLU found at its place in the text."""
    entities = [{"entity": "TIME_OF_DAY", "value": v, "start": text.index(w)} for w, v in spans]
    return {"intent": {"name": "ask_dosing_time"}, "text": text, "entities": entities}


@pytest.mark.parametrize(
    "message, expected",
    [
        (_asked("I take it in the morning, is that the best time?", ("morning", "morning")), "morning"),
        (
            _asked("Is bedtime best? Right now I take it at 10pm", ("bedtime", "bedtime"), ("10pm", "evening")),
            "evening",
        ),
        (_asked("Should I take it at night?", ("night", "bedtime")), None),
        (_asked("Is morning or night better?", ("morning", "morning"), ("night", "bedtime")), None),
        (_asked("I take it at night or in the morning", ("night", "bedtime"), ("morning", "morning")), None),
    ],
)
def test_the_question_of_the_time_starts_the_form_with_the_time_taken_now_only(form, make_tracker, message, expected):
    value = [e["value"] for e in message["entities"]]
    tracker = make_tracker(slots={"requested_slot": None}, latest_message=message)
    result = form.validate_dose_time(value[0] if len(value) == 1 else value, CollectingDispatcher(), tracker, DOMAIN)
    assert result == {"dose_time": expected}


@pytest.mark.parametrize("raw", ["13pm", "<img src=x onerror=alert(1)>"])
def test_a_time_the_nlu_could_not_name_does_not_start_the_form_answered(form, make_tracker, raw):
    tracker = make_tracker(slots={"requested_slot": None, "dose_time": raw}, latest_message=_said(raw))
    assert form.validate_dose_time(raw, CollectingDispatcher(), tracker, DOMAIN) == {"dose_time": None}


def test_invalid_time_reasks(form, make_tracker):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"requested_slot": "dose_time"}, events=_reask_events("utter_reask_dose_time", 0))
    assert form.validate_dose_time("banana", dispatcher, tracker, DOMAIN) == {"dose_time": None}
    assert [m["response"] for m in dispatcher.messages] == ["utter_reask_dose_time"]


def test_gives_up_gracefully_after_two_reasks(form, make_tracker):
    dispatcher = CollectingDispatcher()
    events = _reask_events("utter_reask_dose_time", MAX_REASKS)
    tracker = make_tracker(slots={"requested_slot": "dose_time"}, events=events)
    result = form.validate_dose_time("banana", dispatcher, tracker, DOMAIN)
    assert result == {"dose_time": None, "requested_slot": None}
    assert [m["response"] for m in dispatcher.messages] == ["utter_dosing_gave_up"]


def test_reasks_are_counted_only_since_the_form_last_started(make_tracker):
    old = _reask_events("utter_reask_dose_time", 2)
    tracker = make_tracker(events=old + _reask_events("utter_reask_dose_time", 1))
    assert reasks_so_far(tracker, "utter_reask_dose_time") == 1
    assert reasks_so_far(tracker, "utter_reask_sleep_trouble") == 0


def test_leftover_answers_are_discarded_when_the_form_starts(form, make_tracker):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"requested_slot": None, "dose_time": "morning"})
    assert form.validate_dose_time("morning", dispatcher, tracker, DOMAIN) == {"dose_time": None}
    assert form.validate_sleep_trouble(True, dispatcher, tracker, DOMAIN) == {"sleep_trouble": None}
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    "value, expected",
    [
        (True, True),
        (False, False),
        ("yeah sometimes", True),
        ("nope", False),
        ("i get vivid dreams", True),
        ("I don't sleep well", True),
    ],
)
def test_sleep_trouble_answers(form, make_tracker, value, expected):
    tracker = make_tracker(slots={"requested_slot": "sleep_trouble"})
    assert form.validate_sleep_trouble(value, CollectingDispatcher(), tracker, DOMAIN) == {"sleep_trouble": expected}


@pytest.mark.parametrize("text", ["purple", "I don't know", "not sure"])
def test_unclear_sleep_answer_reasks(form, make_tracker, text):
    """'I don't know' is not 'no': it must never lead to 'good to hear you are sleeping well'."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"requested_slot": "sleep_trouble"})
    assert form.validate_sleep_trouble(text, dispatcher, tracker, DOMAIN) == {"sleep_trouble": None}
    assert dispatcher.messages[0]["response"] == "utter_reask_sleep_trouble"


def test_form_run_validates_through_the_sdk(form, make_tracker, event_loop_session):
    """The whole FormValidationAction.run path, as the action server calls it."""
    tracker = make_tracker(
        slots={"requested_slot": "dose_time", "dose_time": "evening"},
        events=[
            {"event": "active_loop", "name": "dosing_form"},
            {"event": "slot", "name": "dose_time", "value": "evening"},
        ],
        latest_message=_said("evening"),
    )
    dispatcher = CollectingDispatcher()
    events = event_loop_session.run_until_complete(form.run(dispatcher, tracker, DOMAIN))
    assert {"event": "slot", "timestamp": None, "name": "dose_time", "value": "evening"} in events


@pytest.mark.parametrize(
    "text, first, last, expected",
    [
        ("evenings, actually no, I moved it to mornings last week", "evening", "morning", "morning"),
        # Round 112: a time guessed, then set right with a "no,".
        (
            "I think nights? let me check the pill box. no, the morning slot is the empty one, so mornings",
            "bedtime",
            "morning",
            "morning",
        ),
        ("I used to take it at bedtime but switched to breakfast", "bedtime", "morning", "morning"),
        # Evening and bedtime lead to the same guidance: naming both is one answer (morning beside either is not).
        ("I take it at the night time, after dinner", "bedtime", "evening", "bedtime"),
        ("evening, right before bed", "evening", "bedtime", "evening"),
    ],
)
def test_a_correction_or_a_time_with_the_same_guidance_is_one_answer(form, make_tracker, text, first, last, expected):
    message = {
        "text": text,
        "intent": {"name": "inform_dose_time"},
        "entities": [
            {"entity": "TIME_OF_DAY", "value": first, "start": 0},
            {"entity": "TIME_OF_DAY", "value": last, "start": len(text) - 10},
        ],
    }
    tracker = make_tracker(slots={"requested_slot": "dose_time"}, latest_message=message)
    assert form.validate_dose_time(first, CollectingDispatcher(), tracker, DOMAIN) == {"dose_time": expected}


@pytest.mark.parametrize(
    "text, times, expected",
    [
        # Rounds 87-88 (after their first contact): the time switched from, named after the one switched to.
        ("Mornings, at about 7 with coffee. I switched from nights a month ago.", ["Mornings", "nights"], "morning"),
        (
            "I switched to taking it in the morning a fortnight ago; before that it was at night.",
            ["morning", "night"],
            "morning",
        ),
    ],
)
def test_a_correction_is_the_time_switched_to_not_the_one_left_behind(form, make_tracker, text, times, expected):
    values = {"Mornings": "morning", "morning": "morning", "nights": "bedtime", "night": "bedtime"}
    message = {
        "text": text,
        "intent": {"name": "inform_dose_time"},
        # (each where it stands as a word: not the "night" of "fortnight")
        "entities": [
            {"entity": "TIME_OF_DAY", "value": values[t], "start": re.search(rf"\b{t}\b", text).start()} for t in times
        ],
    }
    tracker = make_tracker(slots={"requested_slot": "dose_time"}, latest_message=message)
    assert form.validate_dose_time(values[times[0]], CollectingDispatcher(), tracker, DOMAIN) == {"dose_time": expected}


def test_two_times_without_a_correction_are_still_unclear(form, make_tracker):
    message = {
        "text": "morning or evening",
        "intent": {"name": "inform_dose_time"},
        "entities": [
            {"entity": "TIME_OF_DAY", "value": "morning", "start": 0},
            {"entity": "TIME_OF_DAY", "value": "evening", "start": 11},
        ],
    }
    tracker = make_tracker(slots={"requested_slot": "dose_time"}, latest_message=message)
    assert form.validate_dose_time("morning", CollectingDispatcher(), tracker, DOMAIN) == {"dose_time": None}


def test_the_patients_words_beat_an_intent_that_read_them_as_a_sleep_question(form, make_tracker):
    """ "Sleeping like a rock" can look like a question about sleep to the NLU (its intent sets True)."""
    message = {"text": "sleeping like a rock honestly", "intent": {"name": "ask_insomnia"}, "entities": []}
    tracker = make_tracker(slots={"requested_slot": "sleep_trouble", "dose_time": "bedtime"}, latest_message=message)
    assert form.validate_sleep_trouble(True, CollectingDispatcher(), tracker, DOMAIN) == {"sleep_trouble": False}


def _said_in(text, *times):
    """The latest message with a time of day at each (value, words) pair, where the words stand in the text."""
    entities = [{"entity": "TIME_OF_DAY", "value": value, "start": text.index(words)} for value, words in times]
    return {"text": text, "intent": {"name": "inform_dose_time"}, "entities": entities}


@pytest.mark.parametrize(
    "text, times, expected",
    [
        # Round 73: the time the dose is taken at, and others that tell why.
        (
            "I take it in the afternoon when I wake up after my night shift.",
            [("afternoon", "afternoon"), ("morning", "wake up"), ("bedtime", "night")],
            "afternoon",
        ),
        ("i have mine at 9pm, i'm up early for work", [("bedtime", "9pm"), ("morning", "early")], "bedtime"),
        # No time said to be when it is taken: still unclear.
        ("when I wake up or after my night shift", [("morning", "wake up"), ("bedtime", "night")], None),
    ],
)
def test_the_time_it_is_taken_at_wins_over_times_that_tell_why(form, make_tracker, text, times, expected):
    tracker = make_tracker(slots={"requested_slot": "dose_time"}, latest_message=_said_in(text, *times))
    assert form.validate_dose_time(times[0][0], CollectingDispatcher(), tracker, DOMAIN) == {"dose_time": expected}


def test_a_time_denied_is_not_the_answer(form, make_tracker):
    """Round 76: "I never switched to evenings" is no correction, and evenings no answer."""
    text = "Mornings since I started -- 7 am with breakfast. I never switched to evenings."
    message = _said_in(
        text, ("morning", "Mornings"), ("morning", "7 am"), ("morning", "breakfast"), ("evening", "evenings")
    )
    tracker = make_tracker(slots={"requested_slot": "dose_time"}, latest_message=message)
    assert form.validate_dose_time("morning", CollectingDispatcher(), tracker, DOMAIN) == {"dose_time": "morning"}


@pytest.mark.parametrize("text", ["little bit, some nights", "on and off", "once in a while"])
def test_some_trouble_said_by_how_often_is_a_yes(form, make_tracker, text):
    message = {"text": text, "intent": {"name": "inform"}, "entities": []}
    tracker = make_tracker(slots={"requested_slot": "sleep_trouble", "dose_time": "morning"}, latest_message=message)
    assert form.validate_sleep_trouble(text, CollectingDispatcher(), tracker, DOMAIN) == {"sleep_trouble": True}


def test_the_one_time_said_starts_the_form_answered_whichever_entity_filled_the_slot(form, make_tracker):
    """Round 76: "Mornings ... I never switched to evenings." filled the slot with the denied time."""
    text = "Mornings since I started. I never switched to evenings."
    message = _said_in(text, ("morning", "Mornings"), ("evening", "evenings"))
    tracker = make_tracker(slots={"requested_slot": None, "dose_time": "evening"}, latest_message=message)
    assert form.validate_dose_time("evening", CollectingDispatcher(), tracker, DOMAIN) == {"dose_time": "morning"}


def test_a_time_told_after_the_change_as_its_reason_is_not_the_one_switched_to(form, make_tracker):
    # Round 113: "... I switched to first thing in the morning ... because I kept forgetting at night".
    text = "I was doing it at night, but I switched to first thing in the morning because I kept forgetting at night"
    spans = [("night", "bedtime", text.index("night")), ("morning", "morning", text.index("morning"))]
    spans.append(("night", "bedtime", text.rindex("night")))
    message = {
        "text": text,
        "intent": {"name": "inform_dose_time"},
        "entities": [{"entity": "TIME_OF_DAY", "value": value, "start": start} for _, value, start in spans],
    }
    tracker = make_tracker(slots={"requested_slot": "dose_time"}, latest_message=message)
    assert form.validate_dose_time("bedtime", CollectingDispatcher(), tracker, DOMAIN) == {"dose_time": "morning"}
