"""The feedback policy: when "Was this helpful?" is asked, what Yes/No/other replies do, and what it records."""

import pytest
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.dialogue.feedback_names import ASK, ASK_DETAIL, NOTED, SLOT, THANKS
from bot.dialogue.feedback_policy import next_step


def tracker(*steps, in_form=False):
    """Steps: an intent name (a patient message) or an action name (utter_..., action_...)."""
    events = [ActionExecuted(ACTION_LISTEN_NAME)]
    if in_form:
        events += [ActionExecuted("dosing_form"), ActiveLoop("dosing_form")]
    for step in steps:
        if step == "new session":
            events += [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted(ACTION_LISTEN_NAME)]
        elif step.startswith(("utter_", "action_")):
            events.append(ActionExecuted(step))
            if step != ACTION_LISTEN_NAME and step.startswith("utter_"):
                events.append(ActionExecuted(ACTION_LISTEN_NAME))
        else:
            events.append(UserUttered("text", intent={"name": step, "confidence": 1.0}))
    return DialogueStateTracker.from_events("s", events, slots=[])


def after(*steps, in_form=False):
    """next_step right after the last action ran (before its listen)."""
    t = tracker(*steps, in_form=in_form)
    t.events.pop()  # the trailing action_listen the helper added
    return next_step(DialogueStateTracker.from_events("s", list(t.events), slots=[]))


def answers(n):
    topics = [
        "ask_lupus",
        "utter_lupus",
        "ask_thyroid",
        "utter_thyroid",
        "ask_crohns",
        "utter_crohns",
        "ask_insomnia",
        "utter_insomnia",
        "ask_crps",
        "utter_crps",
        "ask_depression",
        "utter_depression",
    ]
    return topics[: 2 * n]


def test_asked_after_the_second_answer_then_not_until_three_more():
    assert after(*answers(1)) == (None, [])
    assert after(*answers(2)) == (ASK, [])
    asked = answers(2) + [ASK]
    assert after(*asked, "ask_crohns", "utter_crohns") == (None, [])
    assert after(*asked, "ask_crohns", "utter_crohns", "ask_insomnia", "utter_insomnia") == (None, [])
    assert after(*asked, "ask_crohns", "utter_crohns", "ask_insomnia", "utter_insomnia", "ask_crps", "utter_crps") == (
        ASK,
        [],
    )


def test_a_patient_with_four_answers_was_asked_at_least_once():
    steps = []
    asked = 0
    for intent, reply in zip(answers(4)[::2], answers(4)[1::2], strict=True):
        steps += [intent, reply]
        if after(*steps)[0] == ASK:
            asked += 1
            steps.append(ASK)
    assert asked == 1


@pytest.mark.parametrize(
    "safety",
    [
        "utter_emergency",
        "utter_emergency_overdose",
        "utter_opioid_interaction",
        "utter_individual_dose",
        "utter_human_handoff",
        "utter_out_of_scope",
    ],
)
def test_never_after_a_safety_or_other_reply(safety):
    assert after(*answers(2), "emergency", safety) == (None, [])


def test_never_again_in_a_session_after_an_emergency_but_again_in_a_new_session():
    steps = ["emergency", "utter_emergency"] + answers(4)
    assert all(after(*steps[: i + 1])[0] != ASK for i in range(len(steps)))
    assert after(*steps, "new session", *answers(2)) == (ASK, [])


def test_never_inside_the_dosing_form():
    assert after(*answers(3), in_form=True) == (None, [])


def test_yes_thanks_and_records_helpful():
    action, events = next_step(tracker(*answers(2), ASK, "affirm"))
    assert action == THANKS and events == [SlotSet(SLOT, {"answer": "thyroid", "helpful": True})]


def test_no_asks_what_they_were_looking_for_and_records_not_helpful():
    action, events = next_step(tracker(*answers(2), ASK, "deny"))
    assert action == ASK_DETAIL and events == [SlotSet(SLOT, {"answer": "thyroid", "helpful": False})]


@pytest.mark.parametrize("intent", ["nlu_fallback", "out_of_scope", "not_covered"])
def test_the_follow_up_in_their_own_words_is_noted(intent):
    action, events = next_step(tracker(*answers(2), ASK, "deny", ASK_DETAIL, intent))
    assert action == NOTED and events == [SlotSet(SLOT, {"answer": "thyroid", "comment": True})]


def test_a_question_as_the_follow_up_is_answered_by_the_rules_and_still_noted():
    assert next_step(tracker(*answers(2), ASK, "deny", ASK_DETAIL, "ask_insomnia")) == (
        None,
        [SlotSet(SLOT, {"answer": "thyroid", "comment": True})],
    )


@pytest.mark.parametrize(
    "intent",
    [
        "emergency",
        "opioid_interaction",
        "individual_dose",
        "human_handoff",
        "ask_insomnia",
        "greet",
        "forget_me",
        "ask_dosing_time",
    ],
)
def test_anything_else_after_the_question_gets_no_opinion(intent):
    # No opinion: the safety policy or the rules answer it as if no question had been asked.
    assert next_step(tracker(*answers(2), ASK, intent)) == (None, [])


def test_safety_wins_over_a_follow_up():
    assert next_step(tracker(*answers(2), ASK, "deny", ASK_DETAIL, "emergency")) == (None, [])


@pytest.mark.parametrize("reply", [ASK, THANKS, ASK_DETAIL, NOTED])
def test_listens_after_its_own_replies(reply):
    assert after(*answers(2), ASK, "deny", reply)[0] == ACTION_LISTEN_NAME
