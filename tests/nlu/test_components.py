"""The custom NLU components on their own, with real Rasa Message objects."""
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.components import ClassifierSafetyCheck, EntityIds, SafetyOverride, SlashCommandGuard


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


def test_a_triage_decision_forces_the_emergency_intent():
    msg = _message("i took too much", entities=[{"entity": "TRIAGE", "value": "poison"}])
    [out] = SafetyOverride().process([msg])
    assert out.get("intent") == {"name": "emergency", "confidence": 1.0}
    assert out.get("intent_ranking")[0]["name"] == "emergency"


def test_opioid_entity_forces_the_opioid_intent():
    msg = _message("tramadol?", intent="nlu_fallback", entities=[{"entity": "OPIOID", "value": "tramadol"}])
    [out] = SafetyOverride().process([msg])
    assert out.get("intent")["name"] == "opioid_interaction"


def test_emergency_wins_over_opioid():
    msg = _message("overdosed on oxycodone", entities=[{"entity": "OPIOID"}, {"entity": "TRIAGE", "value": "911"}])
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


def _ranked(text, ranking, entities=()):
    return Message(data={"text": text, "intent": dict(ranking[0]), "intent_ranking": [dict(r) for r in ranking],
                         "entities": list(entities)})


def test_a_classifier_only_emergency_gives_way_to_the_next_guess():
    msg = _ranked("is it hard to swallow", [{"name": "emergency", "confidence": 0.97},
                                            {"name": "opioid_interaction", "confidence": 0.02},
                                            {"name": "ask_side_effects", "confidence": 0.01}])
    [out] = ClassifierSafetyCheck().process([msg])
    assert out.get("intent")["name"] == "ask_side_effects"  # never another safety intent


def test_only_triage_makes_an_emergency_however_sure_the_classifier_is():
    sure = _ranked("help", [{"name": "emergency", "confidence": 0.9995}, {"name": "greet", "confidence": 0.0005}])
    triaged = _ranked("i cant breathe", [{"name": "emergency", "confidence": 0.5}, {"name": "greet", "confidence": 0.5}],
                      [{"entity": "TRIAGE", "value": "911"}])
    assert [m.get("intent")["name"] for m in ClassifierSafetyCheck().process([sure, triaged])] == ["greet", "emergency"]


def test_the_triage_component_records_its_decision_and_nothing_for_ordinary_text():
    from bot.nlu.components import Triage

    urgent, ordinary = _message("my brother's pupils are tiny and he's barely breathing"), _message("what is ldn")
    Triage().process([urgent, ordinary])
    assert [e for e in urgent.get("entities") if e["entity"] == "TRIAGE"][0]["value"] == "911"
    assert not [e for e in ordinary.get("entities") or [] if e["entity"] == "TRIAGE"]


def test_a_past_surgery_is_not_the_opioid_rail_but_a_coming_one_is():
    past = _ranked("i had surgery last year, what is ldn", [{"name": "opioid_interaction", "confidence": 0.8},
                                                            {"name": "ask_what_is_ldn", "confidence": 0.2}],
                   [{"entity": "PROCEDURE", "value": "procedure"}])
    [out] = ClassifierSafetyCheck().process([past])
    assert out.get("intent")["name"] == "ask_what_is_ldn"
    coming = _message("i have surgery next week", entities=[{"entity": "PROCEDURE", "value": "procedure"}])
    [out] = SafetyOverride().process([coming])
    assert out.get("intent")["name"] == "opioid_interaction"
    over = _message("i had surgery years ago", entities=[{"entity": "PROCEDURE", "value": "procedure"}])
    [out] = SafetyOverride().process([over])
    assert out.get("intent")["name"] == "ask_side_effects"


def test_entity_values_become_canonical_ids():
    msg = _message("after dinner or 1am", entities=[{"entity": "TIME_OF_DAY", "value": "after dinner"},
                                                     {"entity": "TIME_OF_DAY", "value": "1am"},
                                                     {"entity": "NOT_COVERED", "value": "Pregnant"}])
    [out] = EntityIds().process([msg])
    assert [e["value"] for e in out.get("entities")] == ["evening", "bedtime", "pregnancy"]
