"""The project's own spaCy pipeline: blank, lookup lemmas, entity ruler, rebuilt when its inputs change."""

import json

import pytest
import spacy

from bot.nlu import language, patterns, spacy_pipeline
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def nlp():
    return spacy_pipeline.create(language.configured())


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
        # Times of day spelled the short way (understanding round 13: "nite" at the time question).
        ("nite", "TIME_OF_DAY", "bedtime"),
        ("in the arvo", "TIME_OF_DAY", "afternoon"),
        # Round 108: the g dropped, "the am"; token patterns that name their id (where LDN is got, with words
        # between; a belly and a night told by their everyday complaint).
        ("Mornins with my coffee", "TIME_OF_DAY", "morning"),
        ("i take it w my levo in the am, like 7ish", "TIME_OF_DAY", "morning"),
        ("Where do people usually get LDN?", "NOT_COVERED", "where to get LDN"),
        ("Can I pick it up at Walmart", "NOT_COVERED", "where to get LDN"),
        ("the pharmacy's gotta mix it up special", "NOT_COVERED", "how LDN is made"),
        ("Stomach's been sour lately", "SYMPTOM", "abdominal_pain"),
        ("I'm up half the night", "SYMPTOM", "insomnia"),
    ],
)
def test_entities(nlp, text, label, ident):
    assert (label, ident) in [(e.label_, e.ent_id_) for e in nlp(text).ents]


def test_carrying_something_is_no_baby_carried(nlp):
    # (round 133: "while she carryin?" is a pregnancy with "to be" left out; carrying a thing is not)
    for text in (
        "is it safe while she carryin?",
        "Is LDN alright while she's carrying?",
        "while im carrying my second",
    ):
        assert ("NOT_COVERED", "pregnancy") in [(e.label_, e.ent_id_) for e in nlp(text).ents], text
    for text in ("I hurt my back while I was carrying groceries.", "while im carrying the laundry up"):
        assert "pregnancy" not in [e.ent_id_ for e in nlp(text).ents], text


def test_model_path_comes_from_config():
    assert spacy_pipeline.model_path() == ROOT / "build" / "spacy" / "ldn_en"


@pytest.mark.slow
def test_build_saves_a_loadable_pipeline_and_rebuilds_it_in_place_when_the_patterns_change(tmp_path, monkeypatch):
    path = tmp_path / "ldn_en"
    assert spacy_pipeline.build(path, "en") is True
    assert spacy_pipeline.build(path, "en") is False  # up to date
    assert [e.label_ for e in spacy.load(path)("tramadol").ents] == ["OPIOID"]
    first = json.loads((path / "meta.json").read_text())[spacy_pipeline.INPUTS_KEY]

    extra = {"label": "CONDITION", "pattern": "brand new illness", "id": "brand_new_illness"}
    monkeypatch.setattr(patterns, "ruler_patterns", lambda real=patterns.ruler_patterns: real() + [extra])
    assert spacy_pipeline.build(path, "en") is True
    assert [e.ent_id_ for e in spacy.load(path)("i have brand new illness").ents] == ["brand_new_illness"]
    assert json.loads((path / "meta.json").read_text())[spacy_pipeline.INPUTS_KEY] != first
    assert not path.with_name("ldn_en.tmp").exists() and not path.with_name("ldn_en.old").exists()
