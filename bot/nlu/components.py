"""Custom Rasa NLU components: the slash-command guard and the safety-entity override."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

EMERGENCY_INTENT = "emergency"
OPIOID_INTENT = "opioid_interaction"
# Entity label -> the intent it forces, checked in this order (emergencies win). Surgery and
# dental work go to the opioid rail, which tells patients to inform their prescriber first.
SAFETY_ENTITIES = (("EMERGENCY", EMERGENCY_INTENT), ("OPIOID", OPIOID_INTENT),
                   ("PROCEDURE", OPIOID_INTENT))


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


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafetyOverride(_Stateless):
    """Forces the emergency or opioid intent when the entity ruler found such a term.

    These rails must not depend on a statistical classifier's confidence. Goes after
    FallbackClassifier so a low-confidence guess cannot turn an emergency into a fallback.
    """

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            labels = {e.get("entity") for e in message.get(ENTITIES) or []}
            for label, intent in SAFETY_ENTITIES:
                if label in labels:
                    self._force(message, intent)
                    break
        return messages

    @staticmethod
    def _force(message: Message, intent: str) -> None:
        forced = {"name": intent, "confidence": 1.0}
        ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent]
        message.set(INTENT, forced, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [forced] + ranking, add_to_output=True)
