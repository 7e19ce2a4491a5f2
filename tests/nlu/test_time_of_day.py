"""Clock times as parts of the day, and free-text yes/no answers in the dosing form."""

import pytest

from bot.nlu.time_of_day import clock_part_of_day, normalise_yes_no


@pytest.mark.parametrize(
    "text, expected",
    [
        ("7 am", "morning"),
        ("9pm", "bedtime"),
        ("6 p.m.", "evening"),
        ("2:30pm", "afternoon"),
        ("12pm", "afternoon"),
        ("11:59 am", "morning"),
        ("8:45 PM", "evening"),
        # Midnight to 4 am is the night, not the afternoon.
        ("12am", "bedtime"),
        ("12:30 am", "bedtime"),
        ("1am", "bedtime"),
        ("3 a.m.", "bedtime"),
        ("4am", "morning"),
        # The 24-hour clock (round 58: "0600 with coffee", "2200 nightly").
        ("0600", "morning"),
        ("2200", "bedtime"),
        ("1400 hrs", "afternoon"),
        ("0200", "bedtime"),
    ],
)
def test_clock_times(text, expected):
    assert clock_part_of_day(text) == expected


# (a year is no time: "post surgery 2019")
@pytest.mark.parametrize("text", ["banana", "", None, "13pm", "morning", "9", "2019", "1999", "2500"])
def test_not_clock_times(text):
    assert clock_part_of_day(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("yes", True),
        ("yeah sometimes", True),
        ("I have vivid dreams", True),
        ("i cant sleep", True),
        ("I don't sleep well since I started", True),
        ("not sleeping great tbh", True),
        ("i keep waking up at 3", True),
        ("no", False),
        ("nope, not really", False),
        # Round 143: a "no" said mildly.
        ("Not particularly. I sleep about as well as I ever have, which is to say adequately.", False),
        ("no, I don't have trouble sleeping", False),
        ("I sleep fine, no", False),
        # In patients' words: some trouble counts as trouble, sleeping well as a no.
        ("only now and then", True),
        ("he tosses and turns half the night", True),
        ("still a bit, the dreams are intense", True),
        ("sleeping like a rock honestly", False),
        # Waking in the night told without "up" (understanding round 18).
        ("still waking around 4am most nights", True),
        ("nope, sleeping fine", False),
        # A single letter is an answer only on its own: the "n" of "toss n turn" is no "no" (round 37).
        ("honestly yes, even on mornings i still toss n turn", True),
        # Yes and sleep said in Scots (round 52).
        ("Aye, Ah'm up hauf the night", True),
        # Up in the night as coming and going (round 108).
        ("up and down all night like a coon dog", True),
        # Some trouble said as Irish English says it (round 131).
        ("A small bit, still. Not as bad as it was.", True),
        ("aye", True),
        ("n", False),
        ("y", True),
        # A sentence's full stop, a "no" that holds a "yes", and yes and no in other words (rounds 57-58).
        ("Only now and then.", True),
        ("Not a bit, I'm out soon as my head hits the pillow.", False),
        ("hell yes. been staring at the ceiling for two weeks", True),
        ("Negative. Sleeping fine.", False),
        ("haan, little bit, he says he wakes up 2-3 times", True),
        # A sleep problem denied is none; "sleep's" is "sleep is" (round 97).
        ("No, sleep's fine, no vivid dreams either", False),
        ("no vivid dreams", False),
        ("yes, no nightmares but i wake up a lot", True),
    ],
)
def test_yes_no(text, expected):
    assert normalise_yes_no(text) is expected


@pytest.mark.parametrize(
    "text", ["maybe", "banana", "", None, "I don't know", "idk", "not sure", "i can't remember honestly"]
)
def test_unsure_or_unclear_is_none_never_no(text):
    assert normalise_yes_no(text) is None
