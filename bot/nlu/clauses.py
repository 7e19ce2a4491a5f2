"""An NLU component that reads each clause of a message on its own, so a message with two questions has two parts."""

from __future__ import annotations

import pickle
import re
import string
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot import knowledge
from bot.linear_text import Scorer
from bot.nlu import language
from bot.nlu.components import force_intent
from bot.nlu.domain_gate import ANCHORS, FALLBACK, LDN_IMPLIED, LDN_LIMIT, words
from bot.nlu.spelling import SLIPS

# Parse-data key the dialogue policy reads (bot/dialogue/understanding_policy.py): one intent per part.
PARTS = "ldn_parts"
# Parse-data key of the message's reading with its pronouns for LDN read as LDN (when it does not name LDN).
IT_AS_LDN = "ldn_it_reading"
MODEL_FILE = "clauses.pkl"
# Intents a clause may have besides the article's topics.
OTHER_PART_INTENTS = ("not_covered", "out_of_scope", "individual_dose", "opioid_interaction", "ask_dosing_time")
# How sure the clause classifier must be of a clause's topic (its probabilities spread over ~25 intents).
MIN_CLAUSE_CONFIDENCE = 0.35
MIN_CLAUSE_WORDS = 2
# Where a lead-in ends ("Two questions: ..."; not the colon of "9:30").
LEAD_IN_END = ": "
# A message the main classifier could not place ("Just picked up my first bottle of LDN. What time am I meant to
# take it?") takes the intent of its one clause the clause model is this sure of (told context around a question).
SURE_CLAUSE = 0.8
# ... or of its one clause that asks, read this surely, when the others only tell ("How much should I be taking? The GP
# said start at one, then went off on his holidays to Tenerife.", round 132).
SURE_ASKED = 0.6
# Where a message breaks into clauses (bot/nlu/lang/<language>.yml, `clause_breaks`).
_BREAKS = language.load().pattern("clause_breaks")
_LDN_PRONOUNS = language.load().words("ldn_pronouns")
# Where a message's opening question ends and what it goes on to tell begins (the dialogue policy reads it too).
OPENING_QUESTION = re.compile(r"(?<=\?)\s+")
# A question's first words: a clause that opens with one and goes on after a comma may end in a telling tail ("what are
# the main side effects, she's already asking", round 127).
_QUESTION_STARTS = language.load().words("question_starts")
# ... whose question alone is read as an article topic this surely, and more surely than the whole clause.
SURE_HEAD = 0.6
# The name a clause is read with in place of a pronoun for LDN (the training data's usual name for it).
LDN_NAME = "ldn"


def with_ldn_named(clause: str) -> str:
    """The clause, lower-cased, with its pronouns for LDN read as LDN ("how is it meant to work")."""
    tokens = []
    for token in clause.lower().split():
        core = token.strip(string.punctuation)
        tokens.append(token.replace(core, LDN_NAME, 1) if core in _LDN_PRONOUNS else token)
    return " ".join(tokens)


def with_slips_read(clause: str, slips: Dict[str, str]) -> str:
    """The clause with each slip of spelling read as the word meant, as the main classifier reads it ("What is the
    side efects of this low dose naltrexone?", round 131)."""
    if not slips:
        return clause
    return re.sub(r"[^\W\d_]+", lambda m: slips.get(m.group(0).lower(), m.group(0)), clause)


def clauses(text: str) -> List[Tuple[int, int]]:
    """(start, end) of each clause of at least MIN_CLAUSE_WORDS words, in order."""
    spans, start = [], 0
    for match in _BREAKS.finditer(text):
        # (a bullet is no word: "- LDN + MS: data?")
        if match.group(0).strip() == "+" and len(words(text[start : match.start()])) < MIN_CLAUSE_WORDS:
            continue  # one word joined by "+" to what follows is one subject: "lupus + LDN? and can I ..."
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if len(text[a:b].split()) >= MIN_CLAUSE_WORDS]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class ClauseParts(GraphComponent):
    """Classifies each clause with a small word and character n-gram model of its own.

    The main classifier reads the whole message and picks one intent; this one gives the dialogue
    policy what each clause asks, which it uses only when the clauses ask different things.
    """

    def __init__(self, model_storage: ModelStorage, resource: Resource, model: Any = None) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self.model = model
        # Scored directly, not with predict_proba: a message has several clauses and each call cost ~6 ms.
        self._scorer = Scorer(model) if model is not None else None

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ClauseParts:
        return cls(model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> ClauseParts:
        try:
            with model_storage.read_from(resource) as directory:
                model = pickle.loads((Path(directory) / MODEL_FILE).read_bytes())
        except (ValueError, FileNotFoundError):
            model = None
        return cls(model_storage, resource, model)

    @staticmethod
    def part_intents() -> set:
        return {e.intent for e in knowledge.answers()} | set(OTHER_PART_INTENTS)

    def train(self, training_data: TrainingData) -> Resource:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline, make_union

        wanted = self.part_intents()
        pairs = [
            (m.get(TEXT), m.get(INTENT))
            for m in training_data.intent_examples
            if m.get(INTENT) in wanted and m.get(TEXT)
        ]
        model = make_pipeline(
            make_union(
                TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True),
            ),
            LogisticRegression(max_iter=2000, C=10.0),
        )
        model.fit([t.lower() for t, _ in pairs], [i for _, i in pairs])
        self.model = model
        self._scorer = Scorer(model)
        with self._model_storage.write_to(self._resource) as directory:
            (Path(directory) / MODEL_FILE).write_bytes(pickle.dumps(model))
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def classify(self, text: str) -> Optional[Tuple[str, float]]:
        if self._scorer is None:
            return None
        # (words as texted, in a dialect or in shorthand, read as the words meant, as the main classifier reads them:
        # "1) Efficacy in lupus?" asks whether it helps)
        meant = language.load().as_meant(text.lower())
        probabilities = self._scorer.probabilities(meant)
        best = int(probabilities.argmax())
        return self._scorer.classes[best], float(probabilities[best])

    def parts(
        self, text: str, entities: List[Dict[str, Any]], slips: Optional[Dict[str, str]] = None
    ) -> List[Dict[str, Any]]:
        """Each clause's guess and the ruler's entities inside it (the policy decides what to answer)."""
        found = []
        # (in a message that names LDN, "it" in a clause that does not is LDN: a clause alone has less to go on)
        named = set(words(text)) & ANCHORS
        for start, end in clauses(text):
            clause = text[start:end]
            # (what follows a lead-in and a colon is what the clause asks: "Two questions: what are the side effects")
            after = clause.split(LEAD_IN_END, 1)[-1]
            clause = after if len(after.split()) >= MIN_CLAUSE_WORDS else clause
            guess = self._guess(with_slips_read(clause, slips or {}), named)
            inside = [
                {"entity": e.get("entity"), "value": e.get("value")}
                for e in entities
                if e.get("start") is not None and start <= e["start"] < end
            ]
            found.append(
                {
                    "intent": guess[0] if guess and guess[1] >= MIN_CLAUSE_CONFIDENCE else None,
                    "confidence": round(guess[1], 3) if guess else 0.0,
                    "entities": inside,
                    "start": start,
                    "end": end,
                }
            )
        return found

    def _classify_in(self, clause: str, named: set) -> Optional[Tuple[str, float]]:
        """The clause's reading, with "it" read as LDN when the message names LDN and the clause does not."""
        return self.classify(with_ldn_named(clause) if named and not set(words(clause)) & ANCHORS else clause)

    def _guess(self, clause: str, named: set) -> Optional[Tuple[str, float]]:
        """The clause's reading, or its question's alone when the clause reads as no topic and the question opens it,
        before a comma and a telling tail ("also what are the main side effects, she's already asking")."""
        guess = self._classify_in(clause, named)
        head = clause.split(",", 1)[0]
        if (guess and guess[0] != "out_of_scope" and guess[1] >= MIN_CLAUSE_CONFIDENCE) or head == clause:
            return guess
        head_words = words(head)
        if len(head_words) < MIN_CLAUSE_WORDS or head_words[0] not in _QUESTION_STARTS:
            return guess
        asked = self._classify_in(head, named)
        if asked and asked[0] not in OTHER_PART_INTENTS and asked[1] >= max(SURE_HEAD, guess[1] if guess else 0.0):
            return asked
        return guess

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not set(words(text)) & ANCHORS and set(words(text)) & _LDN_PRONOUNS:
                # The reading with "it" as LDN, for the dialogue policy once LDN goes without saying ("then how can
                # it help autoimmune diseases?" after an LDN answer); this model reads a message as well as a clause.
                guess = self.classify(with_ldn_named(text))
                # (or of its opening question alone, when that reads more surely: "Does it give you a bad stomach? I've
                # a delicate stomach and the grandkids are visiting next week", round 136, the telling read as off-topic)
                first = OPENING_QUESTION.split(text.strip(), maxsplit=1)
                if len(first) > 1 and set(words(first[0])) & _LDN_PRONOUNS:
                    asked = self.classify(with_ldn_named(first[0]))
                    if asked and asked[0] != "out_of_scope" and (not guess or asked[1] > guess[1]):
                        guess = asked
                if guess:
                    message.set(IT_AS_LDN, {"name": guess[0], "confidence": round(guess[1], 3)}, add_to_output=True)
            found = self.parts(text, message.get(ENTITIES) or [], message.get(SLIPS))
            if len(found) > 1:
                message.set(PARTS, found, add_to_output=True)
                placed = self.sure_part(message, found)
                if placed:
                    force_intent(message, placed)
        return messages

    @staticmethod
    def sure_part(message: Message, found: List[Dict[str, Any]]) -> Optional[str]:
        """The intent of the one clause this model is sure of, for a message the main classifier left unplaced
        that names no subject left to the prescriber; else None."""
        if (message.get(INTENT) or {}).get("name") != FALLBACK or message.get(LDN_LIMIT):
            return None
        if any(e.get("entity") == "NOT_COVERED" for e in message.get(ENTITIES) or []):
            return None
        if (message.get(LDN_IMPLIED) or {}).get("foreign_asked") and not set(words(message.get(TEXT) or "")) & ANCHORS:
            # Another subject asked of a condition, LDN unnamed: "is tai chi considered helpful for fibromyalgia?"
            # (round 135, placed as the fibromyalgia answer) asks about tai chi.
            return None
        # (a clause surely of nothing the assistant covers is told context: "I work as an aide in a nursing home")
        sure = [
            p["intent"] for p in found if p["intent"] not in (None, "out_of_scope") and p["confidence"] >= SURE_CLAUSE
        ]
        if not sure:
            from bot.dialogue.understanding_policy import asks

            text = message.get(TEXT) or ""
            asking = [p for p in found if asks(text[p["start"] : p["end"]])]
            if len(asking) == 1 and asking[0]["intent"] and asking[0]["confidence"] >= SURE_ASKED:
                sure = [asking[0]["intent"]]
        return sure[0] if len(sure) == 1 and sure[0] != "out_of_scope" else None
