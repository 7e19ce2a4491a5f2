"""Direct scoring of a scikit-learn text pipeline (TF-IDF n-grams, then logistic regression), for one text at a time."""

from typing import Dict, List

import numpy as np
from sklearn.pipeline import Pipeline


class Scorer:
    """A trained pipeline's probabilities for one text, worked out directly from its vocabularies and weights.

    The same numbers as `predict_proba` (tests/test_linear_text.py), in a tenth of the time: scikit-learn
    checks its input and builds sparse matrices on every call (3-6 ms a text), and the assistant scores
    one message, or one clause, at a time. The pipeline's first step is a FeatureUnion of TfidfVectorizers
    (sublinear tf, l2 norm, the default for both project models) and its last a LogisticRegression.
    """

    def __init__(self, pipeline: Pipeline):
        features, classify = pipeline.steps[0][1], pipeline.steps[-1][1]
        self.classes: List[str] = [str(c) for c in classify.classes_]
        self.coef = classify.coef_
        self.intercept = classify.intercept_
        self.parts = []
        offset = 0
        for _, vectorizer in features.transformer_list:
            # Anything else would need other arithmetic below: fail at load, not with wrong numbers.
            if not (vectorizer.sublinear_tf and vectorizer.use_idf and vectorizer.norm == "l2"):
                raise ValueError("Scorer needs sublinear-tf, idf, l2-normalised TfidfVectorizers")
            self.parts.append((vectorizer.build_analyzer(), vectorizer.vocabulary_, vectorizer.idf_, offset))
            offset += len(vectorizer.vocabulary_)

    def probabilities(self, text: str) -> np.ndarray:
        columns, weights = [], []
        for analyse, vocabulary, idf, offset in self.parts:
            counts: Dict[int, int] = {}
            for term in analyse(text):
                index = vocabulary.get(term)
                if index is not None:
                    counts[index] = counts.get(index, 0) + 1
            if not counts:
                continue
            indices = np.fromiter(counts, dtype=np.int64, count=len(counts))
            tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))  # sublinear
            tfidf = tf * idf[indices]
            tfidf /= np.sqrt(np.dot(tfidf, tfidf))  # each vectorizer's rows are l2-normalised
            columns.append(indices + offset)
            weights.append(tfidf)
        logits = self.intercept.copy()
        if columns:
            logits += self.coef[:, np.concatenate(columns)] @ np.concatenate(weights)
        if len(self.classes) == 2:  # a binary model keeps one row of weights: the second class's
            positive = 1.0 / (1.0 + np.exp(-logits[0]))
            return np.array([1.0 - positive, positive])
        exp = np.exp(logits - logits.max())  # multinomial (scikit-learn's default for 3+ classes with lbfgs)
        return exp / exp.sum()
