"""The spaCy model loader: Rasa's cache key follows the pipeline's inputs, and Rasa wires it like its own SpacyNLP."""

import spacy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.utils import spacy_utils
from rasa.shared.importers.importer import TrainingDataImporter

from bot.nlu import patterns, spacy_nlp, spacy_pipeline
from tests.conftest import ROOT


def _fingerprints(path, loader):
    return loader.load_model(str(path)).fingerprint()


def test_the_cache_key_changes_with_the_patterns_at_the_same_path(tmp_path, monkeypatch):
    path = tmp_path / "ldn_en"
    spacy_pipeline.build(path, "en")
    before = _fingerprints(path, spacy_nlp.SpacyNLP), _fingerprints(path, spacy_utils.SpacyNLP)
    extra = {"label": "CONDITION", "pattern": "brand new illness", "id": "brand_new_illness"}
    monkeypatch.setattr(patterns, "ruler_patterns", lambda real=patterns.ruler_patterns: real() + [extra])
    spacy_pipeline.build(path, "en")
    after = _fingerprints(path, spacy_nlp.SpacyNLP), _fingerprints(path, spacy_utils.SpacyNLP)
    # Rasa's own loader keys on the path alone: it would reuse features made with the old patterns.
    assert before[1] == after[1]
    assert before[0] != after[0]
    assert spacy.load(path).meta[spacy_pipeline.INPUTS_KEY] in after[0]


def test_rasa_gives_the_spacy_components_this_loader_as_their_model():
    importer = TrainingDataImporter.load_from_config(str(ROOT / "config.yml"))
    config = DefaultV1Recipe().graph_config_for_recipe(importer.get_config(), {})
    train, predict = config.train_schema.nodes, config.predict_schema.nodes
    assert any(n.startswith("provide_") and node.uses is spacy_nlp.SpacyNLP for n, node in train.items())
    provider = next(n for n, node in predict.items() if n.startswith("provide_") and node.uses is spacy_nlp.SpacyNLP)
    extractor = next(node for n, node in predict.items() if n.startswith("run_SpacyEntityExtractor"))
    assert extractor.needs["model"] == provider
