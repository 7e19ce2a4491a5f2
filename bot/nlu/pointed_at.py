"""The medicine pointed at, not named ("this medicine", "the capsules"), read as LDN for the classifier's word features."""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import language, limits
from bot.nlu.clauses import LDN_NAME
from bot.nlu.components import _Stateless
from bot.nlu.domain_gate import ANCHORS, words

# The language's medicine pointed at ("it", "this stuff", "the medicine"); only its phrases of two words and more are
# read here ("it" and "this" alone refer to too much else).
_POINTED_AT = language.load().pattern("ldn_unnamed")


def pointed_at_spans(text: str) -> List[tuple]:
    """(start, end) of each phrase that points at a medicine without naming it, when the text names no medicine:
    on this assistant the medicine meant is LDN ("What are the side efects of this medecine?"). None where LDN is
    named (then "this medicine" may be another one) or another medicine is."""
    if set(words(text)) & ANCHORS or limits.generic_medicines(text) or limits.known_medicines(text):
        return []
    return [m.span() for m in _POINTED_AT.finditer(text) if len(m.group(0).split()) > 1]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class PointedAtLdn(_Stateless):
    """Sets the lemma of the noun in "this medicine", "the stuff"... to LDN's name, as the training data names it, so
    the classifier reads "what are the side effects of this medicine" as it reads the question with LDN named, not as
    the off-topic "side effects of <another medicine>". Only the lemma: the text, the entities and the domain gate's
    reading stay as written. Goes after the spelling lemmas, before the featurizers (which read lemmas)."""

    @staticmethod
    def _read(message: Message) -> None:
        text = message.get(TEXT) or ""
        spans = pointed_at_spans(text)
        if not spans:
            return
        for token in message.get(TOKENS_NAMES[TEXT]) or []:
            # (the phrase's last word is its noun: "this" in "this medicine" keeps its own feature)
            if any(start < token.start and token.end == end for start, end in spans):
                token.lemma = LDN_NAME

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._read(message)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        # (the training data's own "bad sleep since starting this med" is read the same way)
        for example in training_data.training_examples:
            self._read(example)
        return training_data
