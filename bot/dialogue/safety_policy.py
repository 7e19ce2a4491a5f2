"""A dialogue policy that answers safety intents first, in every state, and then leaves the dosing form."""
from __future__ import annotations

from typing import Any, Dict, FrozenSet, List, Optional, Text

from rasa.core.policies.policy import Policy, PolicyPrediction, SupportedData
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_DEACTIVATE_LOOP_NAME, ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot import knowledge

# Intents whose reply must never wait for, or depend on, anything else: not the dosing form, not
# the action server. Their replies are plain responses.
SAFETY_INTENTS = ("emergency", "human_handoff", "opioid_interaction", "individual_dose")

# Which emergency reply leads with which number. The entity ruler tells the kind of emergency;
# the first label found in this order wins, so a collapse outranks an overdose. Without any such
# entity (the classifier alone was sure) the general reply gives every number in a clear order.
EMERGENCY_REPLIES = (("EMERGENCY", "utter_emergency"), ("SELF_HARM", "utter_emergency_self_harm"),
                     ("OVERDOSE", "utter_emergency_overdose"))
GENERAL_EMERGENCY_REPLY = "utter_emergency"

# Above RulePolicy (4): rules and the active form never get the first word after a safety intent.
PRIORITY = 10


def safety_reply(intent: Optional[str], entity_labels: List[str]) -> Optional[str]:
    """The response for a safety intent, or None for any other intent."""
    if intent not in SAFETY_INTENTS:
        return None
    if intent == "emergency":
        return next((reply for label, reply in EMERGENCY_REPLIES if label in entity_labels),
                    GENERAL_EMERGENCY_REPLY)
    return next(e.response for e in knowledge.by_intent() if e.intent == intent)


def emergency_responses() -> FrozenSet[str]:
    """The names of the emergency replies: the ones that lead with a number to call now."""
    return frozenset(reply for _, reply in EMERGENCY_REPLIES)


def safety_replies() -> List[str]:
    """Every response this policy can send."""
    return sorted({reply for _, reply in EMERGENCY_REPLIES} |
                  {safety_reply(i, []) for i in SAFETY_INTENTS})


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT],
                          is_trainable=False)
class SafetyPolicy(Policy):
    """Safety intent -> its plain reply -> leave any active form -> listen. Otherwise no opinion.

    Rasa lets an active form run before any rule, so a rule alone cannot put an emergency reply
    ahead of the form, and the form needs the action server. This policy outranks both.
    """

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"priority": PRIORITY}

    @staticmethod
    def supported_data() -> SupportedData:
        return SupportedData.ML_AND_RULE_DATA

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain,
              **kwargs: Any) -> Resource:
        return self._resource

    def predict_action_probabilities(self, tracker: DialogueStateTracker, domain: Domain,
                                     rule_only_data: Optional[Dict[Text, Any]] = None,
                                     **kwargs: Any) -> PolicyPrediction:
        action = self._next_action(tracker)
        probabilities = self._default_predictions(domain)
        if action:
            probabilities[domain.index_for_action(action)] = 1.0
        # RulePolicy marks "run the active form" as a no-user prediction, which beats any priority:
        # only another no-user prediction can go first, and then the higher priority (ours) wins.
        return self._prediction(probabilities, is_no_user_prediction=action is not None)

    @staticmethod
    def _next_action(tracker: DialogueStateTracker) -> Optional[str]:
        message = tracker.latest_message
        if message is None:
            return None
        reply = safety_reply(message.intent.get("name"),
                             [e.get("entity") for e in message.entities or []])
        if reply is None:
            return None
        last = tracker.latest_action_name
        if last == ACTION_LISTEN_NAME:
            return reply
        if last == reply:
            return ACTION_DEACTIVATE_LOOP_NAME if tracker.active_loop_name else ACTION_LISTEN_NAME
        if last == ACTION_DEACTIVATE_LOOP_NAME:
            return ACTION_LISTEN_NAME
        return None
