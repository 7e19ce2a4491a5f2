"""The emergency replies by triage decision: the one place that says which replies are emergencies (no Rasa import)."""

from typing import FrozenSet

# The triage step's decision (bot/triage/, carried as a TRIAGE entity) -> the emergency reply that
# leads with its number. An emergency intent with no decision gives every number in a clear order.
EMERGENCY_REPLIES = {
    "911": "utter_emergency",
    "988": "utter_emergency_self_harm",
    "988_swallowed": "utter_emergency_self_poisoning",
    "poison": "utter_emergency_overdose",
    "withdrawal": "utter_emergency_withdrawal",
}
GENERAL_EMERGENCY_REPLY = "utter_emergency"


def emergency_responses() -> FrozenSet[str]:
    """The names of the emergency replies: the ones that lead with a number to call now."""
    return frozenset(EMERGENCY_REPLIES.values()) | {GENERAL_EMERGENCY_REPLY}
