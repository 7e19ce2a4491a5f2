"""The safety policy: safety intent -> its reply -> leave the form -> listen, and no opinion otherwise."""

import pytest
from rasa.shared.core.constants import ACTION_DEACTIVATE_LOOP_NAME, ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, ActiveLoop, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.dialogue.safety_policy import SafetyPolicy, safety_replies, safety_reply


def _tracker(intent, level=None, in_form=False, after=(), text="text"):
    events = [ActionExecuted(ACTION_LISTEN_NAME)]
    if in_form:
        events += [ActionExecuted("dosing_form"), ActiveLoop("dosing_form"), ActionExecuted(ACTION_LISTEN_NAME)]
    events.append(
        UserUttered(
            text,
            intent={"name": intent, "confidence": 1.0},
            entities=[{"entity": "TRIAGE", "value": level}] if level else [],
        )
    )
    events += [ActionExecuted(name) for name in after]
    return DialogueStateTracker.from_events("s", events, slots=[])


@pytest.mark.parametrize(
    "level, reply",
    [
        ("911", "utter_emergency"),
        ("988", "utter_emergency_self_harm"),
        ("988_swallowed", "utter_emergency_self_poisoning"),
        ("poison", "utter_emergency_overdose"),
        ("withdrawal", "utter_emergency_withdrawal"),
        (None, "utter_emergency"),
    ],
)
def test_each_triage_decision_gets_its_reply(level, reply):
    entities = [{"entity": "TRIAGE", "value": level}] if level else [{"entity": "OPIOID", "value": "opioid"}]
    assert safety_reply("emergency", entities) == reply


def test_other_safety_intents_get_their_knowledge_reply_and_others_none():
    assert safety_reply("opioid_interaction", []) == "utter_opioid_interaction"
    assert safety_reply("human_handoff", []) == "utter_human_handoff"
    assert safety_reply("individual_dose", []) == "utter_individual_dose"
    assert safety_reply("ask_lupus", []) is None
    assert "utter_emergency_overdose" in safety_replies()


@pytest.mark.parametrize("in_form", [False, True])
def test_the_reply_comes_first_then_the_form_ends_then_listen(in_form):
    next_action = SafetyPolicy._next_action
    assert next_action(_tracker("emergency", "988", in_form)) == "utter_emergency_self_harm"
    after_reply = _tracker("emergency", "988", in_form, after=["utter_emergency_self_harm"])
    assert next_action(after_reply) == (ACTION_DEACTIVATE_LOOP_NAME if in_form else ACTION_LISTEN_NAME)
    after_leaving = _tracker(
        "emergency", "988", in_form, after=["utter_emergency_self_harm", ACTION_DEACTIVATE_LOOP_NAME]
    )
    assert next_action(after_leaving) == ACTION_LISTEN_NAME


def test_no_opinion_on_other_intents():
    assert SafetyPolicy._next_action(_tracker("ask_lupus", in_form=True)) is None


@pytest.mark.parametrize("in_form", [False, True])
@pytest.mark.parametrize(
    "intent, text",
    [
        ("titration", "missed my ldn for like a week, do i restart at the same amount"),
        ("inform_dose_time", "nights, but can I go up to 3 mg now?"),
        ("ask_side_effects", "the dreams are wild on 4.5, should i drop back down to 3?"),
    ],
)
def test_a_change_of_ones_own_dose_read_as_another_intent_gets_the_dose_reply_in_every_state(intent, text, in_form):
    tracker = _tracker(intent, in_form=in_form, text=text)
    assert SafetyPolicy._next_action(tracker) == "utter_individual_dose"
    after_reply = _tracker(intent, in_form=in_form, text=text, after=["utter_individual_dose"])
    assert SafetyPolicy._next_action(after_reply) == (ACTION_DEACTIVATE_LOOP_NAME if in_form else ACTION_LISTEN_NAME)


@pytest.mark.parametrize(
    "intent, text",
    [
        ("inform_dose_time", "evenings, actually no, I moved it to mornings last week"),
        ("inform_dose_time", "I take 4.5 mg at bedtime"),
        ("titration", "how do people usually go up in dose?"),
    ],
)
def test_a_dose_told_or_the_steps_asked_in_general_get_no_dose_reply_in_the_form(intent, text):
    assert SafetyPolicy._next_action(_tracker(intent, in_form=True, text=text)) is None


def _conversation(*texts):
    events = [ActionExecuted(ACTION_LISTEN_NAME)]
    for text in texts:
        events += [
            UserUttered(text, intent={"name": "nlu_fallback", "confidence": 0.3}),
            ActionExecuted("utter_rephrase"),
            ActionExecuted(ACTION_LISTEN_NAME),
        ]
    return DialogueStateTracker.from_events("s", events[:-2], slots=[])


def test_a_message_that_leans_on_the_one_before_gets_the_emergency_reply():
    tracker = _conversation(
        "my husband is on methadone and took his first ldn tonight",
        "now he is sweating, throwing up and shaking all over",
    )
    assert SafetyPolicy._next_action(tracker) == "utter_emergency_withdrawal"


def test_two_ordinary_messages_together_are_no_emergency_and_an_answered_one_is_not_repeated():
    assert SafetyPolicy._next_action(_conversation("what is ldn", "does it help with sleep")) is None
    assert SafetyPolicy._next_action(_conversation("i cant breathe", "thanks")) is None
