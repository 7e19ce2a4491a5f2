"""The medicine pointed at, not named ("this medicine", "the capsules"), read as LDN for the classifier's word features."""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu import language, limits
from bot.nlu.clauses import LDN_NAME
from bot.nlu.components import LemmaReader, _Stateless
from bot.nlu.domain_gate import ANCHORS, words

# The language's medicine pointed at ("it", "this stuff", "the medicine"); only its phrases of two words and more are
# read here ("it" and "this" alone refer to too much else).
_POINTED_AT = language.load().pattern("ldn_unnamed")


def names_nothing_else(text: str) -> bool:
    """Neither LDN (then "this medicine" may be another one) nor another medicine is named."""
    return not (set(words(text)) & ANCHORS or limits.generic_medicines(text) or limits.known_medicines(text))


def pointed_at_spans(text: str) -> List[tuple]:
    """(start, end) of each phrase that points at a medicine without naming it, when the text names no medicine:
    on this assistant the medicine meant is LDN ("What are the side effects of this medicine?")."""
    if not names_nothing_else(text):
        return []
    return [m.span() for m in _POINTED_AT.finditer(text) if len(m.group(0).split()) > 1]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class PointedAtLdn(LemmaReader, _Stateless):
    """Sets the lemma of the noun in "this medicine", "the stuff"... to LDN's name, as the training data names it, so
    the classifier reads "what are the side effects of this medicine" as it reads the question with LDN named, not as
    the off-topic "side effects of <another medicine>". Only the lemma: the text, the entities and the domain gate's
    reading stay as written. Goes after the spelling lemmas, before the featurizers (which read lemmas)."""

    def _read(self, message: Message) -> None:
        tokens = message.get(TOKENS_NAMES[TEXT]) or []
        # (the words as meant, after the spelling lemmas: "this medecine" points at it too)
        meant, ends = "", []
        for token in tokens:
            meant += (" " if meant else "") + (token.lemma or token.text).lower()
            ends.append(len(meant))
        if not names_nothing_else(message.get(TEXT) or ""):
            return
        # (the phrase's last word is its noun: "this" in "this medicine" keeps its own feature)
        nouns_end = {end for _, end in pointed_at_spans(meant)}
        for token, token_end in zip(tokens, ends, strict=True):
            if token_end in nouns_end:
                token.lemma = LDN_NAME
