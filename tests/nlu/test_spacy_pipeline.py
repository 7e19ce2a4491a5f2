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


@pytest.mark.parametrize("text, label, ident", [
    ("can i take tramadol with it", "OPIOID", "opioid"),
    ("i take it before bed", "TIME_OF_DAY", "bedtime"),
    ("with breakfast", "TIME_OF_DAY", "morning"),
    ("i have fibro", "CONDITION", "fibromyalgia"),
    ("i get vivid dreams", "SYMPTOM", "insomnia"),
    ("i overdosed", "OVERDOSE", ""),
    ("the baby swallowed some of grandma's pills", "OVERDOSE", ""),
    ("he drank the whole bottle", "OVERDOSE", ""),
    ("i took a handful of tablets", "OVERDOSE", ""),
    ("are narcotics safe with this", "OPIOID", "opioid"),
    ("i feel hopeless", "SELF_HARM", ""),
    ("they would be better off if i was dead", "SELF_HARM", ""),
    ("before my knee operation", "PROCEDURE", "procedure"),
    ("i need a root canal", "PROCEDURE", "procedure"),
    ("my throat is swelling", "EMERGENCY", ""),
    ("swelling in my throat", "EMERGENCY", ""),
    ("i can't breathe", "EMERGENCY", ""),
    ("he took way too many pills", "OVERDOSE", ""),
    ("Um...i took 25 iron pills...what do i do", "OVERDOSE", ""),
    ("I took ten times my dose by accident", "OVERDOSE", ""),
    ("I took the whole week's pills", "OVERDOSE", ""),
    ("my child swallowed some", "OVERDOSE", ""),
    ("took a whole strip of them", "OVERDOSE", ""),
    ("I think I'm having an allergic reaction", "EMERGENCY", ""),
    ("I am having a seizure", "EMERGENCY", ""),
    ("i dont want to be here anymore", "SELF_HARM", ""),
    ("i just want to end it all", "SELF_HARM", ""),
    ("been thinking of just ending things", "SELF_HARM", ""),
    ("idk why im even here anymore", "SELF_HARM", ""),
    ("i took way too many pills on purpose", "SELF_HARM", ""),
    ("i deliberately overdosed", "SELF_HARM", ""),
    ("i took it at 9pm", "TIME_OF_DAY", ""),
    ("is it safe while pregnant", "NOT_COVERED", "pregnancy"),
    ("does LDN make your hair fall out", "NOT_COVERED", "hair loss"),
])
def test_entities(nlp, text, label, ident):
    assert (label, ident) in [(e.label_, e.ent_id_) for e in nlp(text).ents]


@pytest.mark.parametrize("text", ["i can breathe fine", "what is ldn", "my chest of drawers",
                                  "i take all my pills at night", "what is full dose naltrexone for",
                                  "i can go on with treatment", "in the end it helped my pain",
                                  "can i end my ldn course early", "this medicine is worthless",
                                  "my od prescribed it", "can I take 2 capsules tonight",
                                  "this pain is killing me", "i'm dying to know", "i took a week off work",
                                  "my daughter took ldn for lupus", "i'm overdue for my refill",
                                  "I hurt myself at the gym", "why is naltrexone given for alcohol problems",
                                  "i take it on an empty stomach on purpose", "i wish i had never started ldn",
                                  "i took it on time every night"])
def test_no_false_emergencies(nlp, text):
    labels = [e.label_ for e in nlp(text).ents]
    assert not {"EMERGENCY", "SELF_HARM", "OVERDOSE"} & set(labels), labels


def test_model_path_comes_from_config_and_is_versioned():
    path = spacy_pipeline.model_path()
    assert path.parent == ROOT / "build" / "spacy"
    assert path.name.rsplit("_", 1)[1].startswith("v")


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
