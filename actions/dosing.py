"""Gives dosing-time guidance from the form's answers, drawn from the article and never prescriptive."""

from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

DAYTIME = {"morning"}


def guidance_for(dose_time: Optional[str], sleep_trouble: Optional[bool]) -> Optional[str]:
    """The response to send, or None when the form ended without answers."""
    if dose_time is None or sleep_trouble is None:
        return None
    if not sleep_trouble:
        # Taking it at night with no problems: the article gives no reason to switch.
        return "utter_guidance_no_sleep_trouble"
    if dose_time in DAYTIME:
        return "utter_guidance_sleep_trouble_morning"
    return "utter_guidance_sleep_trouble"


class ActionDosingGuidance(Action):
    def name(self) -> str:
        return "action_dosing_guidance"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        response = guidance_for(tracker.get_slot("dose_time"), tracker.get_slot("sleep_trouble"))
        if response:
            dispatcher.utter_message(response=response)
        # Clear the answers so that asking again starts a fresh conversation.
        return [SlotSet("dose_time", None), SlotSet("sleep_trouble", None)]
