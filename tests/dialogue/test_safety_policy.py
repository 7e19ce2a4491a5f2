"""The safety policy: safety intent -> its reply -> leave the form -> listen, and no opinion otherwise."""
import pytest
from rasa.shared.core.constants import ACTION_DEACTIVATE_LOOP_NAME, ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, ActiveLoop, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.dialogue.safety_policy import SafetyPolicy, safety_replies, safety_reply


def _tracker(intent, entities=(), in_form=False, after=()):
    events = [ActionExecuted(ACTION_LISTEN_NAME)]
    if in_form:
        events += [ActionExecuted("dosing_form"), ActiveLoop("dosing_form"), ActionExecuted(ACTION_LISTEN_NAME)]
    events.append(UserUttered("text", intent={"name": intent, "confidence": 1.0},
                              entities=[{"entity": e, "value": "x"} for e in entities]))
    events += [ActionExecuted(name) for name in after]
    return DialogueStateTracker.from_events("s", events, slots=[])


@pytest.mark.parametrize("labels, reply", [
    (["EMERGENCY"], "utter_emergency"), (["SELF_HARM"], "utter_emergency_self_harm"),
    (["OVERDOSE"], "utter_emergency_overdose"), ([], "utter_emergency"),
    # A collapse outranks an overdose; self-harm outranks an overdose.
    (["OVERDOSE", "EMERGENCY"], "utter_emergency"), (["OVERDOSE", "SELF_HARM"], "utter_emergency_self_harm"),
])
def test_each_kind_of_emergency_gets_its_reply(labels, reply):
    assert safety_reply("emergency", labels) == reply


def test_other_safety_intents_get_their_knowledge_reply_and_others_none():
    assert safety_reply("opioid_interaction", []) == "utter_opioid_interaction"
    assert safety_reply("human_handoff", []) == "utter_human_handoff"
    assert safety_reply("individual_dose", []) == "utter_individual_dose"
    assert safety_reply("ask_lupus", []) is None
    assert "utter_emergency_overdose" in safety_replies()


@pytest.mark.parametrize("in_form", [False, True])
def test_the_reply_comes_first_then_the_form_ends_then_listen(in_form):
    next_action = SafetyPolicy._next_action
    assert next_action(_tracker("emergency", ["SELF_HARM"], in_form)) == "utter_emergency_self_harm"
    after_reply = _tracker("emergency", ["SELF_HARM"], in_form, after=["utter_emergency_self_harm"])
    assert next_action(after_reply) == (ACTION_DEACTIVATE_LOOP_NAME if in_form else ACTION_LISTEN_NAME)
    after_leaving = _tracker("emergency", ["SELF_HARM"], in_form,
                             after=["utter_emergency_self_harm", ACTION_DEACTIVATE_LOOP_NAME])
    assert next_action(after_leaving) == ACTION_LISTEN_NAME


def test_no_opinion_on_other_intents():
    assert SafetyPolicy._next_action(_tracker("ask_lupus", in_form=True)) is None
