"""Custom Rasa NLU components: the slash-command guard, canonical entity values and the safety override."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import patterns
from bot.nlu.time_of_day import clock_part_of_day

EMERGENCY_INTENT = "emergency"
OPIOID_INTENT = "opioid_interaction"
EMERGENCY_LABELS = ("EMERGENCY", "SELF_HARM", "OVERDOSE")
# Entity label -> the intent it forces, checked in this order (emergencies win). Surgery and
# dental work go to the opioid rail, which tells patients to inform their prescriber first.
SAFETY_ENTITIES = tuple((label, EMERGENCY_INTENT) for label in EMERGENCY_LABELS) + (
    ("OPIOID", OPIOID_INTENT), ("PROCEDURE", OPIOID_INTENT))
# An emergency guessed by the classifier alone, with no emergency words found by the ruler, must
# be this sure; below it the next intent is used. The ruler is the rail. Measured: on ordinary
# messages with risky words ("hard to swallow", "too much", "does it cause seizures") the classifier
# alone reached 0.994, so anything below near-certainty would raise false alarms.
CLASSIFIER_EMERGENCY_MIN_CONFIDENCE = 0.999
# A procedure that is over ("I had surgery last year") needs no warning about opioids.
PAST_MARKERS = {"had", "ago", "last", "previous", "previously", "past", "was", "did", "after",
                "since", "years", "recovered"}
FUTURE_MARKERS = {"next", "upcoming", "scheduled", "will", "going", "gonna", "planned", "tomorrow",
                  "soon", "having", "getting", "need", "needs", "booked", "before", "week", "today"}


def force_intent(message: Message, intent: str) -> None:
    """Sets `intent` with full confidence, first in the ranking."""
    forced = {"name": intent, "confidence": 1.0}
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent]
    message.set(INTENT, forced, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [forced] + ranking, add_to_output=True)


class _Stateless(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> GraphComponent:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SlashCommandGuard(_Stateless):
    """Strips leading '/' so that '/intent{...}' text goes through the NLU like any other text.

    Rasa otherwise treats such text as a ready-made intent with entities, which would let anyone
    skip the NLU, the safety override and slot validation. Must be the first pipeline component:
    Rasa's RegexMessageHandler reads the text after the last one.
    """

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if text and text.lstrip().startswith("/"):
                message.set(TEXT, text.lstrip().lstrip("/").lstrip(), add_to_output=True)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class EntityIds(_Stateless):
    """Replaces each ruler entity's matched text by its canonical id ("after dinner" -> "evening").

    The one place phrases are normalised: the form's slots, the safety policy and the replies all
    read these values. Clock times ("9pm") become a part of the day.
    """

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            for entity in message.get(ENTITIES) or []:
                value = str(entity.get("value", "")).lower()
                clock = clock_part_of_day(value) if entity.get("entity") == "TIME_OF_DAY" else None
                entity["value"] = clock or patterns.phrase_id(entity.get("entity"), value) or entity.get("value")
        return messages


def _procedure_is_over(text: str) -> bool:
    words = set(text.lower().replace("'", " ").split())
    return bool(words & PAST_MARKERS) and not words & FUTURE_MARKERS


def _ruler_labels(message: Message) -> set:
    return {e.get("entity") for e in message.get(ENTITIES) or []}


def _past_procedure(message: Message, labels: set) -> bool:
    return "PROCEDURE" in labels and _procedure_is_over(message.get(TEXT) or "")


def _safety_labels(message: Message) -> set:
    """The ruler's labels that call for a safety rail (a surgery that is over does not)."""
    labels = _ruler_labels(message)
    return labels - {"PROCEDURE"} if _past_procedure(message, labels) else labels


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class ClassifierSafetyCheck(_Stateless):
    """Drops a safety intent that only the classifier guessed, where the guess is not to be trusted.

    An emergency with no emergency words found by the ruler, below near-certainty, and the opioid
    rail for a surgery that is over. The classifier's next guess takes its place. Goes before
    FallbackClassifier, so that a weak next guess still becomes "please rephrase", and before the
    domain gate, so that an article answer guessed next is still checked.
    """

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            labels = _ruler_labels(message)
            intent = message.get(INTENT) or {}
            name = intent.get("name")
            if name == EMERGENCY_INTENT and not labels & set(EMERGENCY_LABELS) and \
                    (intent.get("confidence") or 0) < CLASSIFIER_EMERGENCY_MIN_CONFIDENCE:
                _drop_intent(message, EMERGENCY_INTENT)
            elif name == OPIOID_INTENT and "OPIOID" not in labels and _past_procedure(message, labels):
                # The classifier learned "surgery -> opioid rail"; a surgery that is over is not that.
                _drop_intent(message, OPIOID_INTENT)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafetyOverride(_Stateless):
    """Forces the emergency or opioid intent when the entity ruler found such a term.

    These rails must not depend on a statistical classifier's confidence. Goes last, after
    FallbackClassifier and DomainGate, so that neither can turn an emergency into something else.
    """

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            labels = _safety_labels(message)
            forced = next((intent for label, intent in SAFETY_ENTITIES if label in labels), None)
            if forced:
                force_intent(message, forced)
        return messages


def _drop_intent(message: Message, intent: str) -> None:
    """Falls back to the classifier's next guess (never another safety intent)."""
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or []
               if r.get("name") not in (intent, EMERGENCY_INTENT, OPIOID_INTENT)]
    if ranking:
        message.set(INTENT, ranking[0], add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
