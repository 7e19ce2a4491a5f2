"""A dialogue policy that answers safety intents first, in every state, and then leaves the dosing form."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, Iterable, List, Optional

from rasa.core.policies.policy import Policy, PolicyPrediction, SupportedData
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_DEACTIVATE_LOOP_NAME, ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot import knowledge, triage
from bot.dialogue.safety_names import EMERGENCY_REPLIES, GENERAL_EMERGENCY_REPLY, emergency_responses
from bot.nlu import other_language

# Intents whose reply must never wait for, or depend on, anything else: not the dosing form, not
# the action server. Their replies are plain responses.
SAFETY_INTENTS = ("emergency", "human_handoff", "opioid_interaction", "individual_dose")

TRIAGE_ENTITY = "TRIAGE"
OTHER_LANGUAGE_REPLY = "utter_other_language"
OPIOID_ENTITY, OPIOID_INTENT, DOSE_INTENT = "OPIOID", "opioid_interaction", "individual_dose"
# How many of the patient's messages before the latest an opioid named still counts in.
OPIOID_LOOK_BACK = 3

# Above RulePolicy (4): rules and the active form never get the first word after a safety intent.
PRIORITY = 10


def triage_level(entities: Iterable[Dict[str, Any]]) -> Optional[str]:
    """The triage decision carried by a message's entities, if any."""
    return next((str(e.get("value")) for e in entities or () if e.get("entity") == TRIAGE_ENTITY), None)


def safety_reply(intent: Optional[str], entities: Iterable[Dict[str, Any]] = ()) -> Optional[str]:
    """The response for a safety intent, or None for any other intent."""
    if intent not in SAFETY_INTENTS:
        return None
    if intent == "emergency":
        return EMERGENCY_REPLIES.get(triage_level(entities) or "", GENERAL_EMERGENCY_REPLY)
    return next(e.response for e in knowledge.by_intent() if e.intent == intent)


def opioid_told_before(tracker: DialogueStateTracker) -> bool:
    """An opioid named in one of the patient's OPIOID_LOOK_BACK messages before the latest, this session."""
    earlier: List[UserUttered] = []
    for event in reversed(tracker.events):
        if isinstance(event, SessionStarted) or len(earlier) > OPIOID_LOOK_BACK:
            break
        if isinstance(event, UserUttered):
            earlier.append(event)
    return any(e.get("entity") == OPIOID_ENTITY for message in earlier[1:] for e in message.entities or [])


def said(message: Optional[UserUttered]) -> str:
    """The message's text as the NLU read it (shaky typing undone: bot/nlu/shaky_typing.py), which the entities'
    and the clauses' places are counted in; else as sent."""
    if message is None:
        return ""
    return str((message.parse_data or {}).get("text") or message.text or "")


def conversation_level(tracker: DialogueStateTracker) -> Optional[str]:
    """Triage of the patient's last two messages read together, when neither alone is an emergency.

    In a conversation a message leans on the one before: "my husband takes oxy for his back" and then
    "now he's snoring weird and won't wake up". Rules only: the learned part is for single messages.
    """
    texts = [said(e) for e in reversed(tracker.events) if isinstance(e, UserUttered) and e.text][:2]
    return _pair_level(texts[1], texts[0]) if len(texts) == 2 else None


@lru_cache(maxsize=256)
def _pair_level(earlier: str, latest: str) -> Optional[str]:
    """Kept for the turn: the policy asks again before each action of it, and triage's rules give the same
    answer for the same text (measured: 3 rule readings a turn instead of 5 to 7)."""
    if triage.assess(earlier, learned_part=False).emergency:
        return None
    return triage.assess(f"{earlier}\n{latest}", learned_part=False).level


def _beside_opioid(tracker: DialogueStateTracker) -> List[str]:
    # Imported here, as below: the understanding policy imports this module.
    from bot.dialogue.understanding_policy import beside_opioid

    return beside_opioid(tracker)


def done_since_message(tracker: DialogueStateTracker) -> List[str]:
    """The actions run since the latest message, other than listening and slot extraction, in order."""
    done: List[str] = []
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, ActionExecuted) and event.action_name not in (ACTION_LISTEN_NAME, "action_extract_slots"):
            done.append(str(event.action_name))
    return done[::-1]


def _asks_own_dose(tracker: DialogueStateTracker) -> bool:
    # Imported here: the understanding policy, which reads dose questions from the words, imports this module.
    from bot.dialogue.understanding_policy import asks_own_dose

    return asks_own_dose(tracker)


def safety_replies() -> List[str]:
    """Every response this policy can send."""
    return sorted(emergency_responses() | {str(safety_reply(i)) for i in SAFETY_INTENTS} | {OTHER_LANGUAGE_REPLY})


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT], is_trainable=False)
class SafetyPolicy(Policy):
    """Safety intent -> its plain reply -> leave any active form -> listen. Otherwise no opinion.

    Rasa lets an active form run before any rule, so a rule alone cannot put an emergency reply
    ahead of the form, and the form needs the action server. This policy outranks both.
    """

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"priority": PRIORITY}

    @staticmethod
    def supported_data() -> SupportedData:
        return SupportedData.ML_AND_RULE_DATA

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[str, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
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
        intent = message.intent.get("name")
        if intent not in SAFETY_INTENTS and _asks_own_dose(tracker):
            # A change of one's own dose asked however it is worded ("missed my ldn for a week, do i restart at the
            # same amount", read as titration): the prescriber's question, inside the dosing form too.
            intent = DOSE_INTENT
        if intent == DOSE_INTENT and opioid_told_before(tracker):
            # "I'm on oxycodone after my knee surgery" ... "so would ldn be alright for me?": the opioid warning
            # first (it says what the dose reply says, to ask the prescriber, and why LDN and opioids don't mix).
            intent = OPIOID_INTENT
        reply = safety_reply(intent, message.entities)
        if reply is None and intent not in SAFETY_INTENTS:
            level = conversation_level(tracker)
            reply = EMERGENCY_REPLIES.get(level) if level else None
        # (as the NLU read it: Hindi mixed into English is read as English first, round 122)
        if reply is None and other_language.unread_language(said(message)):
            # A message the NLU could only guess at ("mia madre ... la bocca è storta" read as full-dose naltrexone):
            # the numbers and what the assistant reads, not a guess.
            reply = OTHER_LANGUAGE_REPLY
        if reply is None:
            return None
        last = tracker.latest_action_name
        if last == ACTION_LISTEN_NAME:
            return reply
        if intent == OPIOID_INTENT and not tracker.active_loop_name:
            # The warning first, then what else the message asks of the article ("everything I found is about people
            # quitting drinking or opioids... how is the low dose version different", round 101): every part answered.
            plan = [reply] + _beside_opioid(tracker)
            done = done_since_message(tracker)
            if done == plan[: len(done)] and len(done) < len(plan):
                return plan[len(done)]
            return ACTION_LISTEN_NAME if done == plan else None
        if last == reply:
            return ACTION_DEACTIVATE_LOOP_NAME if tracker.active_loop_name else ACTION_LISTEN_NAME
        if last == ACTION_DEACTIVATE_LOOP_NAME:
            return ACTION_LISTEN_NAME
        return None
