"""The dosing-time question asked in other words than the classifier knows, when it could not place the message."""

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.dialogue.safety_policy import SAFETY_INTENTS
from bot.nlu import language
from bot.nlu.components import DOSING_TIME_INTENTS, _Stateless, force_intent

ASK = DOSING_TIME_INTENTS[0]
UNPLACED = ("out_of_scope", "nlu_fallback")
# Unsure: below this the classifier's reading of the message gives way.
SURE = 0.7
# The dosing-time question must be among the classifier's first guesses.
AMONG_FIRST = 3
_TIME_QUESTIONS = language.load().words("time_questions")
_WEIGHS = language.load().words("weighs_times")


def weighs_times(text: str, times: List[str]) -> bool:
    """Two times weighed against each other in a question ("pharmacist said bedtime, the group says morning.
    which is it?", "morning vs night for ldn, what's the deal")."""
    from bot.nlu.domain_gate import words  # (the gate imports this module's package)

    return len(set(times)) > 1 and ("?" in text or bool(set(words(text)) & _WEIGHS))


def asks_the_time(text: str) -> bool:
    """A phrase that asks the time ("what time should she have her LDN")."""
    lowered = " ".join(text.lower().split())
    return any(phrase in lowered for phrase in _TIME_QUESTIONS)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class DosingTimeAsked(_Stateless):
    """Starts the dosing-time talk for a message the classifier was unsure of that asks when to take it.
    Goes after FallbackClassifier, before the domain gate."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            name, sure = intent.get("name"), (intent.get("confidence") or 0.0) >= SURE
            if sure or name in SAFETY_INTENTS or name in DOSING_TIME_INTENTS:
                continue
            text = message.get(TEXT) or ""
            ranking = [r.get("name") for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != UNPLACED[1]]
            times = [str(e.get("value")) for e in message.get(ENTITIES) or [] if e.get("entity") == "TIME_OF_DAY"]
            # (the time asked in so many words, or two times weighed with the question among the classifier's first
            # guesses, whatever its unsure guess)
            weighed = ASK in ranking[:AMONG_FIRST] and weighs_times(text, times)
            if asks_the_time(text) or weighed:
                force_intent(message, ASK)
        return messages
