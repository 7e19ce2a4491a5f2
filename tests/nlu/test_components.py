"""The custom NLU components on their own, with real Rasa Message objects."""
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.components import SafetyOverride, SlashCommandGuard


def _message(text, intent="ask_side_effects", entities=()):
    return Message(data={"text": text, "intent": {"name": intent, "confidence": 0.4},
                         "intent_ranking": [{"name": intent, "confidence": 0.4}],
                         "entities": list(entities)})


def test_slash_guard_strips_the_command_prefix():
    [msg] = SlashCommandGuard().process([Message(data={"text": '  //greet{"dose_time": "x"}'})])
    assert msg.get("text") == 'greet{"dose_time": "x"}'


def test_slash_guard_leaves_ordinary_text_alone():
    [msg] = SlashCommandGuard().process([Message(data={"text": "is 1/2 a dose ok?"})])
    assert msg.get("text") == "is 1/2 a dose ok?"


def test_emergency_entity_forces_the_emergency_intent():
    msg = _message("i took too much", entities=[{"entity": "EMERGENCY", "value": "took too much"}])
    [out] = SafetyOverride().process([msg])
    assert out.get("intent") == {"name": "emergency", "confidence": 1.0}
    assert out.get("intent_ranking")[0]["name"] == "emergency"


def test_opioid_entity_forces_the_opioid_intent():
    msg = _message("tramadol?", intent="nlu_fallback", entities=[{"entity": "OPIOID", "value": "tramadol"}])
    [out] = SafetyOverride().process([msg])
    assert out.get("intent")["name"] == "opioid_interaction"


def test_emergency_wins_over_opioid():
    msg = _message("overdosed on oxycodone", entities=[{"entity": "OPIOID"}, {"entity": "EMERGENCY"}])
    [out] = SafetyOverride().process([msg])
    assert out.get("intent")["name"] == "emergency"


def test_other_entities_leave_the_intent_alone():
    msg = _message("i have fibro", intent="ask_fibromyalgia", entities=[{"entity": "CONDITION"}])
    [out] = SafetyOverride().process([msg])
    assert out.get("intent")["name"] == "ask_fibromyalgia"


def test_surgery_goes_to_the_opioid_rail():
    msg = _message("stop before my operation?", intent="nlu_fallback", entities=[{"entity": "PROCEDURE"}])
    [out] = SafetyOverride().process([msg])
    assert out.get("intent")["name"] == "opioid_interaction"
