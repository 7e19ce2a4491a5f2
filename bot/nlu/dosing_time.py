"""The dosing-time question asked in other words than the classifier knows, when it could not place the message."""

import re
from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.dialogue.safety_policy import SAFETY_INTENTS
from bot.nlu import language, limits
from bot.nlu.components import DOSING_TIME_INTENTS, _Stateless, force_intent

ASK = DOSING_TIME_INTENTS[0]
UNPLACED = ("out_of_scope", "nlu_fallback")
# Unsure: below this the classifier's reading of the message gives way.
SURE = 0.7
# The dosing-time question must be among the classifier's first guesses.
AMONG_FIRST = 3
# (whole words only, a plural too: "over what timeframe" asks no time of day, round 145; "best times to take it?")
_TIME_QUESTION = re.compile(
    rf"(?<!\w)(?:{'|'.join(map(re.escape, sorted(language.load().words('time_questions'), key=len, reverse=True)))})s?(?!\w)"
)
_WEIGHS = language.load().words("weighs_times")
_WHEN_CIRCUMSTANCE = language.load().pattern("when_circumstance")
_WHEN = language.load().pattern("when_word")
_ASKS_WHEN_TO_TAKE = language.load().pattern("asks_when_to_take")
# Words of taking a medicine: two times weighed beside one are when to take it, however sure the classifier was
# that the message was off-topic ("Morning with my coffee, or with my evening pills?", round 81).
TAKING = frozenset(language.load().words("taking_a_medicine"))
# Guesses that a time asked in so many words overrides, however sure ("AM or PM for LDN?" read as not covered).
NOT_COVERED = "not_covered"
OVERRIDDEN = ("out_of_scope", NOT_COVERED)


def words_of(text: str) -> List[str]:
    from bot.nlu.domain_gate import words  # (the gate imports this module's package)

    return words(text)


def weighs_times(text: str, times: List[str]) -> bool:
    """Two times weighed against each other in a question ("pharmacist said bedtime, the group says morning.
    which is it?", "morning vs night for ldn, what's the deal")."""
    return len(set(times)) > 1 and ("?" in text or bool(set(words_of(text)) & _WEIGHS))


def when_tells_a_circumstance(text: str, times: List[str]) -> bool:
    """Every "when" opens what is going on ("Can I take LDN when we are trying for a baby?"), and no time of day is
    named: no question of the time."""
    whens = len(_WHEN.findall(text))
    return bool(whens) and not times and len(_WHEN_CIRCUMSTANCE.findall(text)) == whens and not asks_the_time(text)


def asks_the_time(text: str) -> bool:
    """A phrase that asks the time ("what time should she have her LDN", "when I ought to be taking my LDN")."""
    lowered = " ".join(text.lower().split())
    return bool(_TIME_QUESTION.search(lowered) or _ASKS_WHEN_TO_TAKE.search(lowered))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class DosingTimeAsked(_Stateless):
    """Starts the dosing-time talk for a message the classifier was unsure of that asks when to take it.
    Goes after FallbackClassifier, before the domain gate."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            name, sure = intent.get("name"), (intent.get("confidence") or 0.0) >= SURE
            text = message.get(TEXT) or ""
            entities = message.get(ENTITIES) or []
            times = [str(e.get("value")) for e in entities if e.get("entity") == "TIME_OF_DAY"]
            ranking = [r.get("name") for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != UNPLACED[1]]
            uncovered = any(e.get("entity") == "NOT_COVERED" for e in entities)
            if name == ASK and when_tells_a_circumstance(text, times):
                # The classifier's next guess ("does ldn help when ur depresed" asks about depression), or the subject
                # the article leaves out that the circumstance names ("when we are trying to make a baby").
                others = [r for r in ranking if r not in DOSING_TIME_INTENTS]
                if uncovered or others:
                    force_intent(message, NOT_COVERED if uncovered else others[0])
                continue
            if name in SAFETY_INTENTS or name in DOSING_TIME_INTENTS:
                continue
            if sure and (name not in OVERRIDDEN or uncovered):
                continue
            # (the time asked in so many words, or two times weighed with the question among the classifier's first
            # guesses, whatever its unsure guess, or beside a word of taking a medicine)
            # (not another medicine's time: "my metoprolol morning or night?")
            taking = bool(set(words_of(text)) & TAKING) and not limits.generic_medicines(text)
            weighed = weighs_times(text, times) and (taking or (ASK in ranking[:AMONG_FIRST] and not sure))
            if asks_the_time(text) or weighed:
                force_intent(message, ASK)
        return messages
