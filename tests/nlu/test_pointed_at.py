"""The medicine pointed at, not named, read as LDN for the classifier's word features (bot/nlu/pointed_at.py)."""

import pytest
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.pointed_at import PointedAtLdn, pointed_at_spans


def _lemmas(text: str) -> list:
    tokens, start = [], 0
    for word in text.split():
        start = text.index(word, start)
        tokens.append(Token(word, start, lemma=word.lower()))
        start += len(word)
    message = Message({TEXT: text, TOKENS_NAMES[TEXT]: tokens})
    PointedAtLdn().process([message])
    return [t.lemma for t in message.get(TOKENS_NAMES[TEXT])]


def test_the_noun_of_a_medicine_pointed_at_reads_as_ldn() -> None:
    assert _lemmas("what are the side effects of this medicine") == [
        "what", "are", "the", "side", "effects", "of", "this", "ldn",
    ]  # fmt: skip
    assert _lemmas("so how does the stuff work")[-2:] == ["ldn", "work"]


@pytest.mark.parametrize(
    "text",
    [
        "is this medicine ok with ldn",  # LDN named: "this medicine" may be another one
        "i take metformin, what are the side effects of this medicine",  # another medicine named
        "what does melatonin do, is this stuff safe",
        "does it help",  # "it" alone refers to too much else
        "what is this",
    ],
)
def test_nothing_is_read_as_ldn_where_a_medicine_is_named_or_nothing_pointed_at(text: str) -> None:
    assert pointed_at_spans(text) == []
    assert "ldn" not in _lemmas(text) or "ldn" in text.split()
