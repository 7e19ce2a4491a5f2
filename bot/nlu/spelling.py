"""Slips of spelling and texting, read as the words meant for the classifier's word features ("cuase" -> "cause")."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Set

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.components import LemmaReader
from bot.nlu.domain_gate import (
    SHORT_TYPO_CHARS,
    TEXTING,
    _edit_distance_at_most,
    _short_typo_forms,
    _typo_limit,
    everyday_words,
)
from bot.nlu.stored import JsonStored
from bot.nlu.typos import TypoIndex

# How many slips a running server keeps the reading of.
MAX_REMEMBERED = 10_000
# Message key of the slips read in it, written word to word meant (bot/nlu/clauses.py reads each clause with them).
SLIPS = "spelling_slips"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class SpellingLemmas(LemmaReader, JsonStored):
    """Sets the lemma of a token that is no word the training data or everyday English knows to the known word it
    is a slip of (a swap, a missing or extra letter, two for long words) or the word a texting spelling stands
    for. Only the lemma: the text, the entities and the domain gate's reading stay as written. Goes after the
    tokenizer, before the featurizers (which read lemmas)."""

    FILE = "spelling.json"

    def __init__(self, model_storage: ModelStorage, resource: Resource, known: Optional[Set[str]] = None) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self.known: Set[str] = known or set()
        self._trained = bool(known)
        self._index = TypoIndex(self.known)
        self._letters = sorted({c for word in self.known for c in word if c.isalpha()})
        self._meant: Dict[str, Optional[str]] = {}

    @classmethod
    def from_stored(cls, model_storage: ModelStorage, resource: Resource, data: Any) -> SpellingLemmas:
        return cls(model_storage, resource, set(data))

    def train(self, training_data: TrainingData) -> Resource:
        known = set(everyday_words())
        for example in training_data.training_examples:
            known.update(t.text.lower() for t in example.get(TOKENS_NAMES[TEXT]) or [])
        return self.store(self._model_storage, self._resource, self.FILE, sorted(known))

    def meant(self, word: str) -> Optional[str]:
        """The known word a token is a slip of, or None (known already, or no one known word near enough)."""
        if word in TEXTING or word in self.known or not word.isalpha():
            return TEXTING.get(word)
        if word not in self._meant:
            if len(self._meant) >= MAX_REMEMBERED:
                self._meant.clear()  # (a bound on what a long-running server keeps)
            if len(word) <= SHORT_TYPO_CHARS:
                near = sorted(_short_typo_forms(word, self._letters) & self.known)
            else:
                limit = _typo_limit(word)
                near = sorted(
                    {k.lower() for k in self._index.candidates(word, limit) if _edit_distance_at_most(word, k, limit)}
                )
                # (the nearest: a slip is likelier one letter off than two, "diference" is "difference", not
                # "reference"; "acutally" is "actually", not "acutely")
                if limit > 1 and any(_edit_distance_at_most(word, k, 1) for k in near):
                    near = [k for k in near if _edit_distance_at_most(word, k, 1)]
            # (one known word only: "bittle" is one letter from "bottle" and "battle"; which was meant is unknown)
            self._meant[word] = near[0] if len(near) == 1 else None
        return self._meant[word]

    def _read(self, message: Message) -> None:
        # (the training data's texting spellings too: "u" is read as "you" in both)
        slips = {}
        for token in message.get(TOKENS_NAMES[TEXT]) or []:
            meant = self.meant(token.text.lower())
            if meant:
                token.lemma = meant
                slips[token.text.lower()] = meant
        if slips:
            message.set(SLIPS, slips)

    def process(self, messages: List[Message]) -> List[Message]:
        return super().process(messages) if self._trained else messages
