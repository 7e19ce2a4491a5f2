"""Validates the dosing-time form's answers, re-asking with buttons at most twice."""

import re
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.dosing import DAYTIME
from bot.nlu import language
from bot.nlu.time_of_day import TIMES, normalise_yes_no

FORM = "dosing_form"
# The question of when to take it: it starts the form with a time only when the patient tells the time they take it now.
ASKS_TIME = "ask_dosing_time"
_LANGUAGE = language.load()
STATES_TIME_TAKEN = _LANGUAGE.pattern("states_time_taken")
TIMES_WEIGHED = _LANGUAGE.pattern("times_weighed")
SWITCHED_TO = _LANGUAGE.pattern("switched_to")
MAX_REASKS = 2
# Words that say the time named last is the one that holds now.
CORRECTION = re.compile(
    r"\b(?:actually|switched|switch|moved|move|changed|change|now|but|instead|no wait|"
    r"these days|lately|recently|started taking|rather)\b|"
    # (a "no," that sets right a time told before it: "I think nights? ... no, the morning slot is the empty one, so
    # mornings", round 112)
    r"\bno(?=\s*[,.;!])",
    re.IGNORECASE,
)
# A change denied is no correction: "I never switched", "haven't changed it".
NO_CHANGE = re.compile(
    r"\b(?:never|not|haven'?t|didn'?t|don'?t)\s+(?:\w+\s+)?(?:switched|switch|moved|move|changed|change)\b",
    re.IGNORECASE,
)
# A denial just before a time: that time is not the answer ("I never switched to evenings", "not at night", "no longer
# in the morning").
DENIED_BEFORE = re.compile(
    r"\b(?:never|not|no\s+longer|don'?t|didn'?t|doesn'?t|never\s+\w+ed)\s+(?:\w+\s+){0,3}?(?:to\s+|at\s+|in\s+the\s+|in\s+|the\s+)?$",
    re.IGNORECASE,
)
# Words that put a time as the one left behind, before the change: "I switched from nights a month ago", "before that
# it was at night", "used to take it in the evening" (rounds 87-88).
FORMER_BEFORE = re.compile(
    r"\b(?:from|instead\s+of|used\s+to|before\s+(?:that|then|this)|previously|formerly|was|were)\s+(?:\w+\s+){0,3}?$",
    re.IGNORECASE,
)
# The words that put a time as the one the dose is taken at: "I take it in the afternoon (when I wake up after my night
# shift)", "I have mine at 9pm". A time in the rest of the message tells why, or what else happens then.
TAKEN_AT = re.compile(
    r"\b(?:take|takes|taking|took|have|has|having|pop|pops|swallow|swallows)\s+(?:it|ldn|mine|them|my\s+\w+|the\s+\w+)?"
    r"\s*(?:usually\s+|always\s+|normally\s+|generally\s+)?(?:in\s+the|at|around|about|by|in|first\s+thing\s+in\s+the)?\s*$",
    re.IGNORECASE,
)


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


def _time_entities(tracker: Tracker) -> List[Dict[str, Any]]:
    """The TIME_OF_DAY entities of the patient's last message, but for one denied ("I never switched to evenings",
    "not at night")."""
    text = (tracker.latest_message or {}).get("text") or ""
    return [
        e
        for e in (tracker.latest_message or {}).get("entities") or []
        if e.get("entity") == "TIME_OF_DAY" and not DENIED_BEFORE.search(text[: e.get("start") or 0])
    ]


def times_in_latest_message(tracker: Tracker) -> set:
    """The parts of the day the NLU found in the patient's last message (already normalised), but for one denied."""
    return {e.get("value") for e in _time_entities(tracker)}


def _times_named(tracker: Tracker) -> List[Dict[str, Any]]:
    """The time entities of the patient's last message that name a part of the day, but for one denied."""
    return [e for e in _time_entities(tracker) if e.get("value") in TIMES]


def corrected_time(tracker: Tracker) -> Optional[str]:
    """The time a patient corrected to ("evenings, actually no, I moved it to mornings"): the last one
    named, when the message says it changed; None otherwise."""
    text = (tracker.latest_message or {}).get("text") or ""
    if not CORRECTION.search(NO_CHANGE.sub(" ", text)):
        return None
    times = _times_named(tracker)
    # (the time switched to, not the one switched from: "Mornings, at about 7. I switched from nights a month ago.")
    times = [e for e in times if not FORMER_BEFORE.search(text[: e.get("start") or 0])] or times
    # (the one named right after the change, over one told after it as its reason)
    times = [e for e in times if SWITCHED_TO.search(text[: e.get("start") or 0])] or times
    return max(times, key=lambda e: e.get("start") or 0).get("value") if times else None


def taken_time(tracker: Tracker) -> Optional[str]:
    """The one part of the day the patient says the dose is taken at, among several named; None if not just one."""
    text = (tracker.latest_message or {}).get("text") or ""
    taken = {e.get("value") for e in _times_named(tracker) if TAKEN_AT.search(text[: e.get("start") or 0])}
    return taken.pop() if len(taken) == 1 else None


def stated_time(tracker: Tracker) -> Optional[str]:
    """The one part of the day the patient tells as the time they take it now ("I take it in the morning, is that the
    best time?"), not one asked about ("Should I take it at night?"); None if not just one."""
    text = (tracker.latest_message or {}).get("text") or ""
    named = _times_named(tracker)
    starts = sorted(e.get("start") or 0 for e in named)
    if len(starts) > 1 and TIMES_WEIGHED.search(text[starts[0] : starts[-1]]):
        return None
    told = set()
    for e in named:
        start = e.get("start") or 0
        said = STATES_TIME_TAKEN.search(text[:start])
        # (the first time after the words of taking, not a later one weighed: "I've been taking it at bedtime but
        # wondering if morning is better")
        if said and not any(said.start() <= (other.get("start") or 0) < start for other in named):
            told.add(e.get("value"))
    return told.pop() if len(told) == 1 else None


def first_time(tracker: Tracker) -> Optional[str]:
    """The part of the day named first in the patient's last message."""
    times = _times_named(tracker)
    return min(times, key=lambda e: e.get("start") or 0).get("value") if times else None


class ValidateDosingForm(FormValidationAction):
    def name(self) -> str:
        return "validate_dosing_form"

    def _invalid(self, slot: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> Dict[str, Any]:
        reask = f"utter_reask_{slot}"
        if reasks_so_far(tracker, reask) >= MAX_REASKS:
            dispatcher.utter_message(response="utter_dosing_gave_up")
            # requested_slot None ends the form early; the guidance action then stays quiet.
            return {slot: None, "requested_slot": None}
        dispatcher.utter_message(response=reask)
        return {slot: None}

    def validate_dose_time(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        said_now = times_in_latest_message(tracker)
        if _is_activation(tracker):
            # "I take it at night" started the form: that answer counts; older values do not, nor a
            # time the NLU could not name ("13pm" stays as typed).
            if ((tracker.latest_message or {}).get("intent") or {}).get("name") == ASKS_TIME:
                # Asked when to take it, with the time taken now told beside the question.
                return {"dose_time": stated_time(tracker) if value is not None else None}
            # (the one time said, whichever entity filled the slot: "Mornings... I never switched to evenings")
            if len(said_now) > 1:
                # ("I've been taking it at bedtime but wondering if morning is better": the one taken now)
                return {"dose_time": stated_time(tracker)}
            only = said_now.pop() if len(said_now) == 1 else None
            return {"dose_time": only if only in TIMES and value in TIMES else None}
        # The NLU already turned the words into a part of the day; two different ones is unclear,
        # unless the patient says which one is now (a correction wins).
        if len(said_now) > 1 and (corrected := corrected_time(tracker)):
            return {"dose_time": corrected}
        if len(said_now) > 1 and (taken := taken_time(tracker)):
            return {"dose_time": taken}
        if len(said_now) > 1 and said_now <= set(TIMES) and len({t in DAYTIME for t in said_now}) == 1:
            # "at night time, after dinner": times that lead to the same guidance are one answer (the first named).
            return {"dose_time": first_time(tracker)}
        if value not in TIMES or len(said_now) > 1:
            return self._invalid("dose_time", dispatcher, tracker)
        return {"dose_time": value}

    def validate_sleep_trouble(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        if _is_activation(tracker):
            return {"sleep_trouble": None}
        # The patient's words first: "sleeping like a rock" may read as a sleep question to the NLU
        # (its intent sets True), but it is a no.
        said = normalise_yes_no((tracker.latest_message or {}).get("text"))
        answer: Optional[bool] = (
            said
            if said is not None
            else value
            if isinstance(value, bool)
            else normalise_yes_no(value if isinstance(value, str) else None)
        )
        if answer is None:
            return self._invalid("sleep_trouble", dispatcher, tracker)
        return {"sleep_trouble": answer}
