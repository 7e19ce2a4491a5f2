"""The direct scorer gives scikit-learn's probabilities for both project models, on real messages and on odd text."""

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline, make_union

from bot.linear_text import Scorer
from bot.nlu.clauses import ClauseParts, clauses
from bot.triage import corpus, learned
from bot.triage.lexicon import normalise

ODD = ["", "   ", "zzzz qqqq", "é ü ß 漢字 🙂", "LDN " * 300]


def _texts(directory: Path):
    texts = []
    for path in sorted(directory.glob("*.jsonl")):
        for line in path.read_text().splitlines():
            item = json.loads(line)
            texts += [item["text"]] if "text" in item else item["turns"]
    return texts + ODD


def _same(pipeline, scorer: Scorer, texts) -> float:
    assert scorer.classes == [str(c) for c in pipeline.classes_]
    expected = pipeline.predict_proba(texts)
    return float(np.abs(expected - np.array([scorer.probabilities(t) for t in texts])).max())


@pytest.mark.slow
def test_the_triage_models_scores_are_scikit_learns():
    texts = [normalise(t) for t in _texts(corpus.ROUNDS_DIR)]
    assert _same(learned.model("en"), learned.scorer("en"), texts) < 1e-9


@pytest.mark.model
def test_the_clause_models_scores_are_scikit_learns(agent):
    nodes = agent.processor.graph_runner._instantiated_nodes.values()
    (component,) = [n._component for n in nodes if isinstance(n._component, ClauseParts)]
    messages = _texts(corpus.ROOT / "data" / "understanding")
    texts = [m[a:b].lower() for m in messages for a, b in clauses(m)] + ODD
    assert len(texts) > 500
    assert _same(component.model, component._scorer, texts) < 1e-9


def test_a_binary_model_is_scored_like_scikit_learn():
    # Two classes keep one row of weights (the second class's): the scorer's other branch.
    pipeline = learned.fit([("my chest is crushing", "911")] * 3 + [("what is ldn", "none")] * 3)
    text = normalise("crushing chest, what is it")
    assert _same(pipeline, Scorer(pipeline), [text]) < 1e-9


def test_a_pipeline_it_cannot_score_exactly_is_refused():
    pipeline = make_pipeline(make_union(TfidfVectorizer()), LogisticRegression())  # plain tf, not sublinear
    pipeline.fit(["what is ldn", "my chest hurts", "how do i sleep"], ["a", "b", "c"])
    with pytest.raises(ValueError):
        Scorer(pipeline)
