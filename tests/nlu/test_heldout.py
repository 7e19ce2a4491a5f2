"""The trained NLU on the held-out set, the safety rails' recall, slash commands and button payloads."""

import pytest

from bot import knowledge
from tests.conftest import ROOT, load_yaml, nlu_examples

pytestmark = pytest.mark.model

HELDOUT = nlu_examples(ROOT / "tests" / "nlu" / "heldout.yml")
SAFETY_INTENTS = ("emergency", "opioid_interaction")


def _training_examples():
    examples = {}
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        for intent, texts in nlu_examples(path).items():
            examples.setdefault(intent, []).extend(texts)
    return examples


def test_heldout_set_does_not_overlap_training():
    training = {t.lower() for texts in _training_examples().values() for t in texts}
    overlap = {t for texts in HELDOUT.values() for t in texts if t.lower() in training}
    assert not overlap


def test_training_data_has_at_least_20_examples_per_intent_and_a_large_out_of_scope_set():
    counts = {intent: len(texts) for intent, texts in _training_examples().items()}
    assert min(counts.values()) >= 20, {i: c for i, c in counts.items() if c < 20}
    assert counts["out_of_scope"] >= 60


@pytest.fixture(scope="module")
def predictions(parse):
    return [(intent, text, parse(text)["intent"]["name"]) for intent, texts in HELDOUT.items() for text in texts]


def test_heldout_set_is_large_and_covers_every_intent():
    assert sum(len(t) for t in HELDOUT.values()) >= 300
    domain_intents = set(load_yaml(ROOT / "domain.yml")["intents"]) | set(knowledge.intents())
    assert domain_intents - {"forget_me"} <= set(HELDOUT)


# The target. The logistic-regression classifier trains deterministically: 0.969 measured on the 392 examples (December 3).
MIN_ACCURACY = 0.95


def test_heldout_intent_accuracy(predictions):
    wrong = [(text, expected, got) for expected, text, got in predictions if got != expected]
    accuracy = 1 - len(wrong) / len(predictions)
    assert accuracy >= MIN_ACCURACY, f"accuracy {accuracy:.3f}; misses: {wrong}"


@pytest.mark.parametrize("intent", SAFETY_INTENTS)
def test_safety_recall_is_total(predictions, intent):
    missed = [(text, got) for expected, text, got in predictions if expected == intent and got != intent]
    assert not missed


def test_slash_commands_do_not_bypass_the_nlu(parse):
    result = parse('/inform_dose_time{"dose_time": "morning"}')
    assert not result["text"].startswith("/")
    assert not [e for e in result["entities"] if e.get("entity") == "dose_time"]
    # Rasa's shortcut would give exactly one ranked intent at confidence 1.0.
    assert len(result["intent_ranking"]) > 1


def test_slash_command_cannot_fake_a_safety_intent_away(parse):
    assert parse("/greet i took too much")["intent"]["name"] == "emergency"


@pytest.mark.parametrize("entry", knowledge.topic_buttons(), ids=lambda e: e.name)
def test_each_topic_button_reaches_its_answer(parse, entry):
    assert parse(entry.button)["intent"]["name"] == entry.intent


def test_ruler_entities_reach_rasa(parse):
    entities = {(e["entity"], e["value"]) for e in parse("can i take codeine at night")["entities"]}
    assert ("OPIOID", "opioid") in entities
    # Normalised once, in the NLU: the form and the replies read the canonical value.
    assert ("TIME_OF_DAY", "bedtime") in entities
    assert {(e["entity"], e["value"]) for e in parse("i take it at 1am")["entities"]} == {("TIME_OF_DAY", "bedtime")}


def test_off_topic_messages_never_get_a_topic_answer(parse):
    """Off-topic text may fall back (rephrase, then topics) but must never get an article answer."""
    topic_intents = {a.intent for a in knowledge.answers()}
    texts = HELDOUT["out_of_scope"] + [
        "zxcv qwer",
        "the weather in paris",
        "best pizza near me",
        "how do i knit a scarf",
    ]
    wrong = {t: parse(t)["intent"]["name"] for t in texts}
    assert not {t: i for t, i in wrong.items() if i in topic_intents}
