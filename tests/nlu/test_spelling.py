"""Slips of spelling and texting are read as the one known word meant; known words and unclear slips are left."""

import pytest

from bot.nlu.spelling import SpellingLemmas

KNOWN = {"cause", "weird", "dreams", "what", "which", "side", "bottle", "battle", "ldn", "take", "friend", "difference"}
KNOWN |= {"reference", "actually", "Actually", "acutely"}


@pytest.fixture(scope="module")
def spelling():
    return SpellingLemmas(None, None, KNOWN)  # type: ignore[arg-type]  # (no model storage: nothing is saved)


@pytest.mark.parametrize(
    "written, meant",
    [
        ("cuase", "cause"),
        ("wierd", "weird"),
        ("waht", "what"),
        ("wich", "which"),
        ("sied", "side"),
        ("freind", "friend"),
        ("wen", "when"),
        ("u", "you"),
        ("shud", "should"),
        # Portuguese words in an English message, and clinicians' shorthand (rounds 113, 56)
        ("durmo", "sleep"),
        ("manhã", "morning"),
        ("moa", "mechanism"),
        ("uptitrate", "increase"),
        # French and texting's own words (rounds 114, 61)
        ("enceinte", "pregnant"),
        ("ngl", "honestly"),
        # Words as said (round 52)
        ("nothin", "nothing"),
        # the nearest known word, when one is one letter off and others two (round 62)
        ("diference", "difference"),
        ("acutally", "actually"),
    ],
)
def test_a_slip_or_a_texting_spelling_is_read_as_the_word_meant(spelling, written, meant):
    assert spelling.meant(written) == meant


@pytest.mark.parametrize("written", ["ldn", "cause", "bittle", "zzzzzz", "4.5"])
def test_a_known_word_or_a_slip_of_two_words_or_none_is_left_as_written(spelling, written):
    # ("bittle" is one letter from both "bottle" and "battle": which was meant is unknown)
    assert spelling.meant(written) is None


def test_the_slips_read_in_a_message_are_kept_for_its_clauses(spelling):
    from rasa.nlu.constants import TOKENS_NAMES
    from rasa.nlu.tokenizers.tokenizer import Token
    from rasa.shared.nlu.constants import TEXT
    from rasa.shared.nlu.training_data.message import Message

    from bot.nlu.spelling import SLIPS

    message = Message(data={TEXT: "waht cuase ldn"})
    message.set(TOKENS_NAMES[TEXT], [Token("waht", 0), Token("cuase", 5), Token("ldn", 11)])
    spelling.process([message])
    assert message.get(SLIPS) == {"waht": "what", "cuase": "cause"}
