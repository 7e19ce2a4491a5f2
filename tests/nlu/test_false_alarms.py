"""Risky words in ordinary messages never raise the emergency rail; past surgery never the opioid one."""

import pytest

from tests.conftest import ROOT, load_yaml

pytestmark = pytest.mark.model

SET = load_yaml(ROOT / "tests" / "nlu" / "false_alarms.yml")


def test_the_set_is_large_enough():
    assert len(SET["risky_words"]) >= 150 and len(SET["past_procedure"]) >= 20


def test_no_false_emergencies(parse):
    alarms = {t: parse(t)["intent"]["name"] for t in SET["risky_words"] + SET["past_procedure"]}
    alarms = {t: i for t, i in alarms.items() if i == "emergency"}
    assert not alarms, f"false-alarm rate {len(alarms) / len(SET['risky_words']):.3f}: {alarms}"


def test_a_past_procedure_is_not_an_opioid_question(parse):
    wrong = {t: parse(t)["intent"]["name"] for t in SET["past_procedure"]}
    assert not {t: i for t, i in wrong.items() if i == "opioid_interaction"}


@pytest.mark.parametrize(
    "text",
    [
        "i'm having surgery next week, do i stop ldn",
        "my root canal is scheduled for tomorrow",
        "I had surgery last year and need another one next month",
    ],
)
def test_an_upcoming_procedure_still_gets_the_opioid_rail(parse, text):
    assert parse(text)["intent"]["name"] == "opioid_interaction"
