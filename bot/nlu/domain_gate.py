"""An NLU component that withholds an article answer unless the message is about the article's subjects."""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Set, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot import knowledge
from bot.nlu import patterns
from bot.nlu.components import force_intent

OUT_OF_SCOPE = "out_of_scope"
NOT_COVERED = "not_covered"
# Intents that are not about the article's subjects: their words must not count as "known".
NEGATIVE_INTENTS = {OUT_OF_SCOPE, NOT_COVERED}
# Words that tie a message to LDN itself (typos of them are caught by the fuzzy match).
ANCHORS = {"ldn", "naltrexone", "ltn"}
# An anchored message that also has words foreign to the article keeps its article answer only
# when the classifier is this sure; otherwise it gets the honest "not covered" reply.
ANCHORED_MIN_CONFIDENCE = 0.9
# This many of the most frequent English words (spacy-lookups-data's word probabilities) are
# everyday words, never evidence of another subject.
EVERYDAY_WORDS = 4000
MIN_WORD_CHARS = 3
_WORD = re.compile(r"[a-z][a-z']*")
VOCAB_FILE = "vocabulary.json"


def _edit_distance_at_most(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance <= limit, stopping as soon as a row exceeds it."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


def _typo_limit(word: str) -> int:
    return 0 if len(word) < 5 else 1 if len(word) < 8 else 2


def words(text: str) -> List[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def everyday_words(count: int = EVERYDAY_WORDS) -> Set[str]:
    """The most frequent English words, from spacy-lookups-data (installed, no download)."""
    import spacy_lookups_data
    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_prob.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        probs: Dict[str, float] = json.load(handle)
    ranked = sorted((w for w in probs if w.isalpha()), key=probs.__getitem__, reverse=True)
    return set(ranked[:count])


def article_vocabulary(training_texts: Iterable[str]) -> Set[str]:
    """Words of the article's subjects: training examples, our answers and the ruler's phrases."""
    vocab: Set[str] = set()
    for text in training_texts:
        vocab.update(words(text))
    for entry in knowledge.load().values():
        vocab.update(words(entry.text))
    for phrase in patterns.known_phrases():
        vocab.update(words(phrase))
    return vocab


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class DomainGate(GraphComponent):
    """Turns an article answer into off-topic or not-covered when the message is about something else.

    A statistical classifier always picks its nearest intent, so "how to prevent stroke" lands on an
    article answer. The gate asks for lexical evidence instead: a message whose content words are
    outside the article's vocabulary (and not everyday English) is about another subject. Without
    LDN named it is off-topic; with LDN named it is a question the article does not cover, unless
    the classifier is very sure. Goes after FallbackClassifier and before SafetyOverride.
    """

    def __init__(self, model_storage: ModelStorage, resource: Resource,
                 vocabulary: Optional[Set[str]] = None, everyday: Optional[Set[str]] = None) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self.vocabulary = vocabulary or set()
        self.everyday = everyday or set()
        self.article_intents = {e.intent for e in knowledge.answers()}
        self._by_length: Dict[int, List[str]] = {}
        for word in self.vocabulary | ANCHORS:
            self._by_length.setdefault(len(word), []).append(word)

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> DomainGate:
        return cls(model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> DomainGate:
        with model_storage.read_from(resource) as directory:
            data = json.loads((Path(directory) / VOCAB_FILE).read_text(encoding="utf-8"))
        return cls(model_storage, resource, set(data["vocabulary"]), set(data["everyday"]))

    def train(self, training_data: TrainingData) -> Resource:
        texts = [m.get(TEXT) for m in training_data.intent_examples
                 if m.get(INTENT) not in NEGATIVE_INTENTS and m.get(TEXT)]
        self.vocabulary = article_vocabulary(texts)
        with self._model_storage.write_to(self._resource) as directory:
            (Path(directory) / VOCAB_FILE).write_text(json.dumps(
                {"vocabulary": sorted(self.vocabulary), "everyday": sorted(everyday_words())}),
                encoding="utf-8")
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    # -- prediction --------------------------------------------------------------------------
    def _near(self, word: str, candidates: Set[str]) -> bool:
        limit = _typo_limit(word)
        if not limit:
            return False
        return any(_edit_distance_at_most(word, known, limit) for length in
                   range(len(word) - limit, len(word) + limit + 1)
                   for known in self._by_length.get(length, ()) if known in candidates)

    def foreign_words(self, text: str) -> List[str]:
        """Content words that belong neither to the article's subjects nor to everyday English."""
        found = []
        for word in words(text):
            base = word[:-2] if word.endswith("'s") else word.strip("'")
            if len(base) < MIN_WORD_CHARS or base in self.vocabulary or base in self.everyday:
                continue
            if base.endswith("s") and base[:-1] in self.vocabulary:
                continue
            if self._near(base, self.vocabulary | ANCHORS):
                continue
            found.append(base)
        return found

    def is_anchored(self, text: str) -> bool:
        return any(w in ANCHORS or self._near(w, ANCHORS) for w in words(text)) or \
            "low dose" in text.lower()

    def verdict(self, text: str, intent: Optional[str], confidence: float) -> Optional[str]:
        """The intent to use instead of an article answer, or None to keep the classifier's."""
        if intent not in self.article_intents:
            return None
        if not self.foreign_words(text):
            return None
        if not self.is_anchored(text):
            return OUT_OF_SCOPE
        return None if confidence >= ANCHORED_MIN_CONFIDENCE else NOT_COVERED

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            predicted = message.get(INTENT) or {}
            labels = {e.get("entity") for e in message.get(ENTITIES) or []}
            if "NOT_COVERED" in labels and (predicted.get("name") in self.article_intents or
                                            predicted.get("name") in NEGATIVE_INTENTS | {"nlu_fallback"}):
                replacement = NOT_COVERED
            else:
                replacement = self.verdict(text, predicted.get("name"), predicted.get("confidence") or 0.0)
            if replacement and replacement != predicted.get("name"):
                force_intent(message, replacement)
        return messages

