"""Normalising free-text answers in the dosing form."""
import pytest

from bot.nlu.time_of_day import normalise_time, normalise_yes_no


@pytest.mark.parametrize("text, expected", [
    ("morning", "morning"), ("with breakfast", "morning"), ("first thing when I wake up", "morning"),
    ("around lunch", "afternoon"), ("Afternoon", "afternoon"),
    ("after dinner", "evening"), ("in the evenings", "evening"),
    ("right before bed", "bedtime"), ("At Night", "bedtime"), ("bedtime", "bedtime"),
    ("about 7 am", "morning"), ("9pm", "bedtime"), ("6 p.m.", "evening"), ("2:30pm", "afternoon"),
])
def test_times(text, expected):
    assert normalise_time(text) == expected


@pytest.mark.parametrize("text", ["banana", "", None, "morning or night", "i don't know"])
def test_unclear_times_are_none(text):
    assert normalise_time(text) is None


@pytest.mark.parametrize("text, expected", [
    ("yes", True), ("yeah sometimes", True), ("I have vivid dreams", True), ("i cant sleep", True),
    ("no", False), ("nope, not really", False), ("no, I don't have trouble sleeping", False),
])
def test_yes_no(text, expected):
    assert normalise_yes_no(text) is expected


@pytest.mark.parametrize("text", ["maybe", "banana", "", None])
def test_unclear_yes_no_is_none(text):
    assert normalise_yes_no(text) is None
