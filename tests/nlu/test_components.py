"""The custom NLU components on their own, with real Rasa Message objects."""

import pytest
from hypothesis import given, settings, strategies as st
from rasa.nlu.classifiers.regex_message_handler import RegexMessageHandler
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.components import ClassifierSafetyCheck, EntityIds, SafetyOverride, SlashCommandGuard, _stops_another_only
from tests.helpers import INVISIBLE, SPACES


def _message(text, intent="ask_side_effects", entities=()):
    return Message(
        data={
            "text": text,
            "intent": {"name": intent, "confidence": 0.4},
            "intent_ranking": [{"name": intent, "confidence": 0.4}],
            "entities": list(entities),
        }
    )


def test_slash_guard_strips_the_command_prefix():
    [msg] = SlashCommandGuard().process([Message(data={"text": '  //greet{"dose_time": "x"}'})])
    assert msg.get("text") == 'greet{"dose_time": "x"}'


def test_slash_guard_leaves_ordinary_text_alone():
    [msg] = SlashCommandGuard().process([Message(data={"text": "is 1/2 a dose ok?"})])
    assert msg.get("text") == "is 1/2 a dose ok?"


@pytest.mark.parametrize("text", ["/", "//", "/ /", "/\u200b"])
def test_slash_guard_leaves_a_mark_where_nothing_but_slashes_was_sent(text):
    # (the fuzz test found "/": with nothing left, the classifier had no feature to read and raised)
    [msg] = SlashCommandGuard().process([Message(data={"text": text})])
    assert msg.get("text") == "?"


def _read_by_rasa(text):
    """What Rasa's own command reader (it runs after the pipeline) makes of the guarded text."""
    [guarded] = SlashCommandGuard().process([Message(data={"text": text})])
    [out] = RegexMessageHandler().process([guarded], domain=None)  # no domain: any intent name is taken
    return out


BYPASSES = [
    "/ /bot_challenge",
    "/\t/bot_challenge",
    "/\n/bot_challenge",
    "/\u3000/bot_challenge",
    "/\u200b/bot_challenge",
    "\u200b/bot_challenge",
    "/ / /bot_challenge",
    " \n/ //\t/bot_challenge",
    '/ /inform_dose_time{"TIME_OF_DAY": "<img src=x onerror=alert(1)>"}',
    '/\xa0/not_covered{"NOT_COVERED": "NEW: pay at http://example.com"}',
]


@pytest.mark.parametrize("text", BYPASSES)
def test_no_slash_variant_reaches_rasa_as_a_command(text):
    out = _read_by_rasa(text)
    assert out.get("intent") is None and not out.get("entities")
    assert not out.get("text").strip().startswith("/")


def test_a_guarded_command_keeps_its_words_for_the_nlu():
    assert _read_by_rasa("/ /bot_challenge").get("text") == "bot_challenge"
    assert _read_by_rasa("\u3000/\t/ what is ldn").get("text") == "what is ldn"


commands = st.builds(
    lambda before, gaps, intent, entities: before + "".join("/" + gap for gap in gaps) + intent + entities,
    st.text(st.sampled_from(SPACES + INVISIBLE), max_size=3),
    st.lists(st.text(st.sampled_from(SPACES + INVISIBLE + ["/"]), max_size=3), min_size=1, max_size=4),
    st.sampled_from(["bot_challenge", "inform_dose_time", "not_covered", "greet", "restart", "emergency"]),
    st.sampled_from(["", '{"TIME_OF_DAY": "<b>x</b>"}', '{"NOT_COVERED": "pay at http://x"}', "@1.0"]),
)


@settings(max_examples=500, deadline=None, database=None)
@given(text=commands | st.text(max_size=40))
@pytest.mark.slow
def test_no_text_at_all_reaches_rasa_as_a_command(text):
    """Whatever the spaces, slashes and invisible characters, Rasa's reader never sees a command."""
    out = _read_by_rasa(text)
    assert out.get("intent") is None and not out.get("entities")


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
    return Message(
        data={
            "text": text,
            "intent": dict(ranking[0]),
            "intent_ranking": [dict(r) for r in ranking],
            "entities": list(entities),
        }
    )


def test_a_classifier_only_emergency_gives_way_to_the_next_guess():
    msg = _ranked(
        "is it hard to swallow",
        [
            {"name": "emergency", "confidence": 0.97},
            {"name": "opioid_interaction", "confidence": 0.02},
            {"name": "ask_side_effects", "confidence": 0.01},
        ],
    )
    [out] = ClassifierSafetyCheck().process([msg])
    assert out.get("intent")["name"] == "ask_side_effects"  # never another safety intent


@pytest.mark.parametrize(
    "text, entities, kept",
    [
        # A medicine known not to be an opioid: a named interaction, not the opioid warning.
        ("Can I take LDN with sertraline?", [], False),
        ("cymbalta and ldn together, any issue", [], False),
        # Named on the language's list of non-opioids, or a disease (understanding rounds 5 and 6).
        ("St John's wort and LDN together - safe or not?", [], False),
        ("Any issue using CBD oil while on LDN?", [], False),
        ("Neuro has me on Copaxone. Could I switch to LDN only?", [], False),
        ("ulcerative colitis and ldn, anyone know", [], False),
        # Painkillers said in general words keep the warning.
        ("can i take ldn with my pain pills", [], True),
        # An opioid, or a name the assistant does not know, keeps the warning.
        ("can I take ldn with sertraline and tramadol", [{"entity": "OPIOID", "value": "tramadol"}], True),
        ("Can I take LDN with Xtampza?", [], True),
    ],
)
def test_the_opioid_guess_gives_way_for_a_medicine_known_not_to_be_an_opioid(text, entities, kept):
    msg = _ranked(
        text,
        [{"name": "opioid_interaction", "confidence": 0.9}, {"name": "not_covered", "confidence": 0.1}],
        entities,
    )
    [out] = ClassifierSafetyCheck().process([msg])
    assert (out.get("intent")["name"] == "opioid_interaction") == kept


def test_only_triage_makes_an_emergency_however_sure_the_classifier_is():
    sure = _ranked("help", [{"name": "emergency", "confidence": 0.9995}, {"name": "greet", "confidence": 0.0005}])
    triaged = _ranked(
        "i cant breathe",
        [{"name": "emergency", "confidence": 0.5}, {"name": "greet", "confidence": 0.5}],
        [{"entity": "TRIAGE", "value": "911"}],
    )
    assert [m.get("intent")["name"] for m in ClassifierSafetyCheck().process([sure, triaged])] == ["greet", "emergency"]


def test_the_triage_component_records_its_decision_and_nothing_for_ordinary_text():
    from bot.nlu.components import Triage

    urgent, ordinary = _message("my brother's pupils are tiny and he's barely breathing"), _message("what is ldn")
    Triage().process([urgent, ordinary])
    assert [e for e in urgent.get("entities") if e["entity"] == "TRIAGE"][0]["value"] == "911"
    assert not [e for e in ordinary.get("entities") or [] if e["entity"] == "TRIAGE"]


def test_a_past_surgery_is_not_the_opioid_rail_but_a_coming_one_is():
    past = _ranked(
        "i had surgery last year, what is ldn",
        [{"name": "opioid_interaction", "confidence": 0.8}, {"name": "ask_what_is_ldn", "confidence": 0.2}],
        [{"entity": "PROCEDURE", "value": "procedure"}],
    )
    [out] = ClassifierSafetyCheck().process([past])
    assert out.get("intent")["name"] == "ask_what_is_ldn"
    coming = _message("i have surgery next week", entities=[{"entity": "PROCEDURE", "value": "procedure"}])
    [out] = SafetyOverride().process([coming])
    assert out.get("intent")["name"] == "opioid_interaction"
    over = _message("i had surgery years ago", entities=[{"entity": "PROCEDURE", "value": "procedure"}])
    [out] = SafetyOverride().process([over])
    assert out.get("intent")["name"] == "ask_side_effects"


def test_entity_values_become_canonical_ids():
    msg = _message(
        "after dinner or 1am",
        entities=[
            {"entity": "TIME_OF_DAY", "value": "after dinner"},
            {"entity": "TIME_OF_DAY", "value": "1am"},
            {"entity": "NOT_COVERED", "value": "Pregnant"},
        ],
    )
    [out] = EntityIds().process([msg])
    assert [e["value"] for e in out.get("entities")] == ["evening", "bedtime", "pregnancy"]


@pytest.mark.parametrize(
    "text, another_only",
    [
        # Round 145: another medicine stopped before a procedure, LDN not pointed at.
        ("How many days before a colonoscopy should I stop taking iron supplements?", True),
        # ... but LDN named in any of its names, "the pill", or no medicine stopped keeps the opioid rail (the review).
        ("Having surgery Monday, should I stop the pill?", False),
        ("should I stop my low dose too? surgery friday", False),
        ("Do I stop my naltrexon and metformin before surgery?", False),
        ("Having my wisdom teeth out tomorrow. Will the painkillers work? I take zoloft.", False),
    ],
)
def test_only_another_medicine_stopped_before_a_procedure_leaves_the_opioid_rail(text, another_only):
    assert _stops_another_only(text) is another_only
