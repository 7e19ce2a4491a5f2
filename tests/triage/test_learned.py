"""The learned part's own scoring gives scikit-learn's probabilities, on every scored message and on odd text."""

import json

import numpy as np
import pytest

from bot.triage import corpus, learned
from bot.triage.lexicon import normalise


def _texts():
    texts = []
    for path in sorted(corpus.ROUNDS_DIR.glob("*.jsonl")):
        for line in path.read_text().splitlines():
            item = json.loads(line)
            texts.append(item.get("text") or item["turns"][-1])
    return texts + ["", "   ", "zzzz qqqq", "é ü ß 漢字 🙂", "LDN " * 300]


@pytest.mark.slow
def test_the_scorer_gives_scikit_learns_probabilities():
    pipeline, scorer = learned.model("en"), learned.scorer("en")
    normalised = [normalise(t) for t in _texts()]
    expected = pipeline.predict_proba(normalised)
    got = np.array([scorer.probabilities(text) for text in normalised])
    assert scorer.classes == list(pipeline.classes_)
    assert np.abs(expected - got).max() < 1e-9


def test_a_binary_model_is_scored_like_scikit_learn():
    # Two classes keep one row of weights (the second class's): the scorer's other branch.
    pipeline = learned.fit([("my chest is crushing", "911")] * 3 + [("what is ldn", "none")] * 3)
    text = normalise("crushing chest, what is it")
    assert np.abs(learned.Scorer(pipeline).probabilities(text) - pipeline.predict_proba([text])[0]).max() < 1e-9
