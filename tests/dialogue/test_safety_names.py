"""Which replies are emergencies and which actions are bookkeeping: worked out once, read alike by every part."""

from rasa.shared.core.constants import ACTION_EXTRACT_SLOTS, ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.events import ActionExecuted

from bot import knowledge
from bot.dialogue import feedback_policy
from bot.dialogue.feedback_names import SILENT_ACTIONS
from bot.dialogue.safety_names import emergency_responses
from bot.dialogue.safety_policy import safety_reply
from bot.report import tally
from bot.triage.decide import LEVELS


def test_every_triage_decision_has_its_own_emergency_reply_in_answers_yml():
    replies = {level: safety_reply("emergency", [{"entity": "TRIAGE", "value": level}]) for level in LEVELS}
    assert len(set(replies.values())) == len(LEVELS)
    assert set(replies.values()) | {safety_reply("emergency")} == emergency_responses()
    assert emergency_responses() <= {e.response for e in knowledge.load().values()}


def test_the_report_counts_exactly_those_replies_as_emergencies():
    counted = {name for name, kind in tally.safety_replies().items() if kind == "emergency"}
    assert counted == emergency_responses()


def test_no_feedback_question_after_any_emergency_reply():
    answers = list(feedback_policy.topic_answers())[:4]
    for reply in emergency_responses():
        events = [ActionExecuted(a) for a in answers[:2]] + [ActionExecuted(reply)] + [ActionExecuted(answers[2])]
        assert not feedback_policy.should_ask(events, first_after=2, every=1), reply


def test_the_bookkeeping_actions_are_rasas_own():
    assert SILENT_ACTIONS == {ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME, ACTION_EXTRACT_SLOTS}
