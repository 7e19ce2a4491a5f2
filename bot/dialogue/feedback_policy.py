"""A dialogue policy that asks "Was this helpful?" after some topic answers and records the reply as a slot event."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from rasa.core.policies.policy import PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import knowledge, settings
from bot.dialogue.feedback_names import ASK, ASK_DETAIL, NOTED, SILENT_ACTIONS, SLOT, THANKS
from bot.dialogue.safety_names import emergency_responses
from bot.dialogue.safety_policy import SAFETY_INTENTS, SafetyPolicy

# Below the safety policy (10), above RulePolicy (4): safety replies win; the question beats "listen".
PRIORITY = 7


def topic_answers() -> Dict[str, str]:
    """Response name -> answer name, for the article's topic answers only."""
    return {e.response: e.name for e in knowledge.answers()}


def answer_intents() -> set:
    return {e.intent for e in knowledge.answers()}


def _session(tracker: DialogueStateTracker) -> List[Event]:
    """This session's events (Rasa may load earlier sessions too)."""
    events = list(tracker.events)
    for i in range(len(events) - 1, -1, -1):
        if isinstance(events[i], SessionStarted):
            return events[i + 1 :]
    return events


def _bot_action_before_user(events: List[Event]) -> Optional[str]:
    """The last action the patient saw before their latest message (None if that message opened the session)."""
    seen_user = False
    for event in reversed(events):
        if isinstance(event, UserUttered):
            if seen_user:
                return None
            seen_user = True
        elif seen_user and isinstance(event, ActionExecuted) and event.action_name not in SILENT_ACTIONS:
            return event.action_name
    return None


def should_ask(events: List[Event], first_after: int, every: int) -> bool:
    """After a topic answer: the first time at `first_after` answers, then once `every` answers since the last ask."""
    answers = topic_answers()
    count, since_ask, asked = 0, 0, False
    for event in events:
        if not isinstance(event, ActionExecuted):
            continue
        name = event.action_name or ""
        # After an emergency reply the session is no place for a satisfaction question.
        if name in emergency_responses():
            return False
        if name in answers:
            count += 1
            since_ask += 1
        elif name == ASK:
            since_ask, asked = 0, True
    return since_ask >= (every if asked else first_after) and count > 0


def next_step(tracker: DialogueStateTracker) -> Tuple[Optional[str], List[Event]]:
    """(action to predict or None for no opinion, events to record) for this tracker."""
    if tracker.active_loop_name:
        return None, []
    events = _session(tracker)
    last = tracker.latest_action_name
    if last in (ASK, THANKS, ASK_DETAIL, NOTED):
        return ACTION_LISTEN_NAME, []
    answers = topic_answers()
    if last in answers:
        service = settings.service()
        if should_ask(events, max(1, service.feedback_first_after), max(1, service.feedback_every)):
            return ASK, []
        return None, []
    if last != ACTION_LISTEN_NAME or tracker.latest_message is None:
        return None, []
    intent = (tracker.latest_message.intent or {}).get("name")
    asked_with = _bot_action_before_user(events)
    if intent in SAFETY_INTENTS or asked_with not in (ASK, ASK_DETAIL):
        return None, []
    rated = _rated_answer(events)
    if rated is None:
        return None, []
    if asked_with == ASK:
        if intent == "affirm":
            return THANKS, [SlotSet(SLOT, {"answer": rated, "helpful": True})]
        if intent == "deny":
            return ASK_DETAIL, [SlotSet(SLOT, {"answer": rated, "helpful": False})]
        return None, []  # anything else: the conversation just goes on
    # After "what were you looking for?": their words are the comment. A topic question is also answered.
    if intent in answer_intents():
        return None, [SlotSet(SLOT, {"answer": rated, "comment": True})]
    if intent in ("nlu_fallback", "out_of_scope", "not_covered", "affirm"):
        return NOTED, [SlotSet(SLOT, {"answer": rated, "comment": True})]
    return None, []  # "no thanks", "bye", forget me, the dosing questions: handled as usual


def _rated_answer(events: List[Event]) -> Optional[str]:
    """The topic answer the latest feedback question was about."""
    answers = topic_answers()
    asked = False
    for event in reversed(events):
        if isinstance(event, ActionExecuted):
            if event.action_name == ASK:
                asked = True
            elif asked and event.action_name in answers:
                return answers[event.action_name]
    return None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT], is_trainable=False)
class FeedbackPolicy(SafetyPolicy):
    """Topic answer -> sometimes "Was this helpful?"; Yes -> thanks; No -> "what were you looking for?".

    Any other reply gets no opinion, so the rules answer it as usual: the question never traps the
    patient, and the safety policy (higher priority) always wins. No action server is needed.
    It shares the safety policy's untrained plumbing (nothing to learn), not its decisions.
    """

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"priority": PRIORITY}

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[str, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        action, events = next_step(tracker)
        probabilities = self._default_predictions(domain)
        if action:
            probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities, events=events)
