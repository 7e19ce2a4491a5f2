"""The domain gate: lexical evidence keeps article answers for the article's subjects only."""
from collections import Counter

import pytest

from bot import knowledge
from bot.nlu import negatives
from bot.nlu.domain_gate import NEGATIVE_INTENTS, NOT_COVERED, OUT_OF_SCOPE, DomainGate, article_vocabulary, everyday_words
from tests.conftest import ROOT, nlu_examples

TOPIC_INTENTS = {a.intent for a in knowledge.answers()}
# Wrong-article-answer rates the held-out negatives must stay under (the issue's targets).
MAX_WRONG = {"everyday": 0.01, "other_medical": 0.02, "consumer": 0.02, "ldn_not_covered": 0.02}


def _training_texts():
    texts = []
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        for intent, examples in nlu_examples(path).items():
            if intent not in NEGATIVE_INTENTS:
                texts += examples
    return texts


@pytest.fixture(scope="module")
def gate():
    return DomainGate(None, None, article_vocabulary(_training_texts()), everyday_words())


@pytest.mark.parametrize("text", [
    "How to prevent Stroke?", "What are the side effects or risks of Famotidine Injection?",
    "What are the symptoms of Amyotrophic lateral sclerosis type 6?", "whats diabete",
    "How do you catch hepatitis?", "What exactly is sleep paralysis?", "is it safe to go to serbia",
    "what is the definiton of auspicious", "how does a nuclear reactor work",
])
def test_the_issues_wrong_answers_are_off_topic(gate, text):
    assert gate.foreign_words(text), text
    assert gate.verdict(text, "ask_side_effects", 0.99) == OUT_OF_SCOPE


@pytest.mark.parametrize("text", [
    "what are the side efects of ldn", "does it help fibromyalga", "i have insomina since starting",
    "how does it work", "what is naltrexon", "can it help my lupus flares", "my thyroid numbers and ldn",
    "hey so my doc put me on this stuff last month and i'm wondering about the sleep thing",
])
def test_article_questions_pass_typos_and_all(gate, text):
    assert gate.verdict(text, "ask_insomnia", 0.7) is None, gate.foreign_words(text)


def test_ldn_named_with_foreign_subject_is_not_covered_unless_the_classifier_is_sure(gate):
    assert gate.is_anchored("does naltrexone help psoriasis") and gate.is_anchored("is low dose ok")
    assert gate.verdict("does ldn help psoriasis", "ask_autoimmunity", 0.6) == NOT_COVERED
    assert gate.verdict("does ldn help psoriasis", "ask_autoimmunity", 0.95) is None


def test_the_gate_leaves_non_article_intents_alone(gate):
    assert gate.verdict("how to prevent stroke", "emergency", 0.5) is None
    assert gate.verdict("how to prevent stroke", "greet", 0.9) is None


def test_generated_splits_never_share_a_template_or_a_name():
    train = {t for _, _, t in negatives.generate("train")}
    heldout = {t for _, _, t in negatives.generate("heldout")}
    assert not train & heldout
    raw = negatives._raw()
    for name, parts in raw["lists"].items():
        assert not set(parts["train"]) & set(parts["heldout"]), name
    for kind, parts in raw["templates"].items():
        assert not set(parts["train"]) & set(parts["heldout"]), kind
    assert len(heldout) >= 300


@pytest.mark.model
def test_heldout_negatives_never_get_an_article_answer(parse):
    """Generated from templates and names the model never saw; the issue's rates are the bound."""
    wrong, total = Counter(), Counter()
    examples = {}
    for kind, _, text in negatives.generate("heldout"):
        total[kind] += 1
        intent = parse(text)["intent"]["name"]
        if intent in TOPIC_INTENTS:
            wrong[kind] += 1
            examples.setdefault(kind, []).append((text, intent))
    rates = {kind: wrong[kind] / total[kind] for kind in total}
    assert all(rates[k] <= MAX_WRONG[k] for k in rates), (rates, examples)
