"""The question of when to take it, asked in so many words (bot/nlu/dosing_time.py)."""

import pytest

from bot.nlu.dosing_time import asks_the_time, when_tells_a_circumstance


@pytest.mark.parametrize(
    "text, asked",
    [
        ("what time should I take ldn", True),
        # Round 76: its timing, asked as a noun.
        ("Could you advise on timing for LDN?", True),
        ("LDN timing pls, i forget what doctor say", True),
        # Timing of something else is no question of when to take it.
        ("what's the timing of the side effects, like when do they start", False),
        ("does ldn help lupus", False),
        # Round 101: when one ought to take it, with its subject and a word of duty.
        ("my daughter wants to know when she ought to be taking her ldn", True),
        ("when is my dad supposed to have it", True),
        ("when should we be dosing him", True),
        ("when I take it I feel a bit sick", False),
    ],
)
def test_the_time_asked_in_so_many_words(text, asked):
    assert asks_the_time(text) is asked


@pytest.mark.parametrize(
    "text, times, circumstance",
    [
        # Rounds 81-82: "when" opening what is going on, with no time of day named, asks no time.
        ("is ldn ok when you're breastfeeding", [], True),
        ("does it help when my joints flare", [], True),
        # ... but the time asked, or a time of day named, or "when" with a verb of asking, does.
        ("when should I take it", [], False),
        ("can I take it when I wake up", [], False),
        ("when am I supposed to take it", [], False),
        ("could you tell me when I am supposed to take the LDN?", [], False),
        ("can i take it when i go to bed", [], False),
        ("is it fine when she has it at night", ["night"], False),
    ],
)
def test_when_that_tells_a_circumstance_asks_no_time(text, times, circumstance):
    assert when_tells_a_circumstance(text, times) is circumstance


@pytest.mark.parametrize(
    "text, asks",
    [
        # Round 145: a phrase asking the time is read as whole words ("timeframe" holds "time"), a plural too.
        ("over what timeframe does the upregulation happen?", False),
        ("what times are best for ldn", True),
        ("Doc's orders were 'once a day.' Any particular time?", True),
    ],
)
def test_the_time_asked_in_whole_words(text, asks):
    assert asks_the_time(text) is asks
