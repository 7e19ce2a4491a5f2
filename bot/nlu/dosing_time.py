"""The dosing-time question asked in other words than the classifier knows, when it could not place the message."""

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu import language
from bot.nlu.components import DOSING_TIME_INTENTS, _Stateless, force_intent

ASK = DOSING_TIME_INTENTS[0]
UNPLACED = ("out_of_scope", "nlu_fallback")
# Unsure: below this the classifier's reading of the message gives way.
SURE = 0.6
# The dosing-time question must be among the classifier's first guesses.
AMONG_FIRST = 3
_TIME_QUESTIONS = language.load().words("time_questions")


def asks_the_time(text: str, times: List[str]) -> bool:
    """A question of when: two times weighed against each other ("pharmacist said bedtime, the group says
    morning. which is it?") or a phrase that asks the time ("what time should she have her LDN")."""
    lowered = " ".join(text.lower().split())
    return (len(set(times)) > 1 and "?" in text) or any(phrase in lowered for phrase in _TIME_QUESTIONS)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class DosingTimeAsked(_Stateless):
    """Starts the dosing-time talk for a message the classifier could not place that asks when to take it, when
    the classifier's first guesses include that question. Goes after FallbackClassifier, before the domain gate."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            if intent.get("name") not in UNPLACED or (intent.get("confidence") or 0.0) >= SURE:
                continue
            ranking = [r.get("name") for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != UNPLACED[1]]
            first = ranking[:AMONG_FIRST]
            times = [str(e.get("value")) for e in message.get(ENTITIES) or [] if e.get("entity") == "TIME_OF_DAY"]
            if ASK in first and asks_the_time(message.get(TEXT) or "", times):
                force_intent(message, ASK)
        return messages
