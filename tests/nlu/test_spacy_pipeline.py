"""The project's own spaCy pipeline: blank English, lookup lemmas, entity ruler, versioned path."""

import json

import pytest
import spacy

from bot.nlu import patterns, spacy_pipeline
from bot.nlu.spacy_pipeline import StalePipelineError
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def nlp():
    return spacy_pipeline.create()


def test_pipeline_components(nlp):
    assert nlp.pipe_names == ["lemmatizer", "entity_ruler"]
    assert nlp.lang == "en"


def test_lookup_lemmas(nlp):
    assert [t.lemma_ for t in nlp("i took two pills")] == ["i", "take", "two", "pill"]


@pytest.mark.parametrize(
    "text, label, ident",
    [
        ("can i take tramadol with it", "OPIOID", "opioid"),
        ("i take it before bed", "TIME_OF_DAY", "bedtime"),
        ("with breakfast", "TIME_OF_DAY", "morning"),
        ("i have fibro", "CONDITION", "fibromyalgia"),
        ("i get vivid dreams", "SYMPTOM", "insomnia"),
        ("are narcotics safe with this", "OPIOID", "opioid"),
        ("before my knee operation", "PROCEDURE", "procedure"),
        ("i need a root canal", "PROCEDURE", "procedure"),
        ("i took it at 9pm", "TIME_OF_DAY", ""),
        ("is it safe while pregnant", "NOT_COVERED", "pregnancy"),
        ("does LDN make your hair fall out", "NOT_COVERED", "hair loss"),
    ],
)
def test_entities(nlp, text, label, ident):
    assert (label, ident) in [(e.label_, e.ent_id_) for e in nlp(text).ents]


def test_model_path_comes_from_config_and_is_versioned():
    path = spacy_pipeline.model_path()
    assert path.parent == ROOT / "build" / "spacy"
    assert path.name.rsplit("_", 1)[1].startswith("v")


@pytest.mark.slow
def test_build_saves_a_loadable_pipeline_and_refuses_stale_rebuilds(tmp_path, monkeypatch):
    path = tmp_path / "ldn_en_v11"
    assert spacy_pipeline.build(path) is True
    assert spacy_pipeline.build(path) is False  # up to date
    loaded = spacy.load(path)
    assert [e.label_ for e in loaded("tramadol").ents] == ["OPIOID"]
    assert json.loads((path / "meta.json").read_text())["ldn_patterns"] == patterns.fingerprint()

    monkeypatch.setattr(patterns, "fingerprint", lambda: "changed")
    with pytest.raises(StalePipelineError, match="bump the version"):
        spacy_pipeline.build(path)
