"""The question of when to take it, asked in so many words (bot/nlu/dosing_time.py)."""

import pytest

from bot.nlu.dosing_time import asks_the_time


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
    ],
)
def test_the_time_asked_in_so_many_words(text, asked):
    assert asks_the_time(text) is asked
