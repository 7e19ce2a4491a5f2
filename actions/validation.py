"""Validates the dosing-time form's answers, re-asking with buttons at most twice."""
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from bot.nlu.time_of_day import normalise_time, normalise_yes_no

FORM = "dosing_form"
MAX_REASKS = 2


def reasks_so_far(tracker: Tracker, response: str) -> int:
    """How often `response` was sent since the form last started."""
    count = 0
    for event in reversed(tracker.events):
        if event.get("event") == "active_loop" and event.get("name") == FORM:
            break
        if event.get("event") == "bot" and (event.get("metadata") or {}).get("utter_action") == response:
            count += 1
    return count


def _is_activation(tracker: Tracker) -> bool:
    # While the form starts, nothing has been asked yet: values left over from an earlier,
    # unfinished run must not be taken as answers.
    return tracker.get_slot("requested_slot") is None


class ValidateDosingForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_dosing_form"

    def _invalid(self, slot: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> Dict[Text, Any]:
        reask = f"utter_reask_{slot}"
        if reasks_so_far(tracker, reask) >= MAX_REASKS:
            dispatcher.utter_message(response="utter_dosing_gave_up")
            # requested_slot None ends the form early; the guidance action then stays quiet.
            return {slot: None, "requested_slot": None}
        dispatcher.utter_message(response=reask)
        return {slot: None}

    def validate_dose_time(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                           domain: DomainDict) -> Dict[Text, Any]:
        if _is_activation(tracker):
            return {"dose_time": None}
        time = normalise_time(value if isinstance(value, str) else None)
        if time is None:
            return self._invalid("dose_time", dispatcher, tracker)
        return {"dose_time": time}

    def validate_sleep_trouble(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: DomainDict) -> Dict[Text, Any]:
        if _is_activation(tracker):
            return {"sleep_trouble": None}
        answer: Optional[bool] = value if isinstance(value, bool) else normalise_yes_no(
            value if isinstance(value, str) else None)
        if answer is None:
            return self._invalid("sleep_trouble", dispatcher, tracker)
        return {"sleep_trouble": answer}
