"""Names of the article's conditions spelled by ear are found; words of their own, and near names, are not."""

import pytest

from bot.nlu.sounds import (
    _by_slip,
    _found,
    _known,
    condition_by_sound,
    opioid_by_spelling,
    sound_key,
    subject_word_meant,
)


def test_one_sound_spelled_several_ways_has_one_key():
    assert sound_key("crohns") == sound_key("crones") == sound_key("krones")
    assert sound_key("fibromyalgia") == sound_key("fibromialgia")


@pytest.mark.parametrize(
    "written, condition",
    [
        ("crones", "crohns"),
        ("krones", "crohns"),
        ("lupas", "lupus"),
        ("lupis", "lupus"),
        ("Lou pus", "lupus"),
        ("fibromialga", "fibromyalgia"),
        ("thyroyd", "hypothyroidism"),
        ("deppression", "depression"),
    ],
)
def test_a_name_spelled_by_ear_is_the_condition(written, condition):
    assert condition_by_sound(written, _known()) == condition


@pytest.mark.parametrize("written", ["cranes", "maids", "lapis", "lipase", "lips", "meds", "moods", "cronies", "lopez"])
def test_a_word_of_its_own_or_another_ending_is_no_condition(written):
    assert condition_by_sound(written, _known()) is None


def test_entities_are_placed_where_the_names_are_and_never_over_the_rulers():
    text = "does ldn help with lou pus or crones"
    found = _found(text, [])
    assert [(text[f["start"] : f["end"]], f["value"]) for f in found] == [("lou pus", "lupus"), ("crones", "crohns")]
    assert _found(text, [(19, 36)]) == []
    # (two words of the commonest are no name written in two: "down the road" is no "thyroid", round 57)
    assert _found("is it ok for years down the road", []) == []


@pytest.mark.parametrize("written", ["codiene", "oxycodon", "tramadoll", "fentanil", "buprenorfine"])
def test_an_opioids_name_with_a_slip_is_an_opioid(written):
    assert opioid_by_spelling(written, _known())


@pytest.mark.parametrize("written", ["morning", "station", "codeine", "mirtazapine"])
def test_a_word_of_its_own_is_no_misspelled_opioid(written):
    # ("codeine" is the ruler's, as written)
    assert not opioid_by_spelling(written, _known())


@pytest.mark.parametrize(
    "text, found",
    [
        # Round 101: a slip in a word of a side effect's or a condition's name of two words.
        ("is abdomnal pain normal on it", [("abdomnal pain", "abdominal_pain")]),
        ("my stomache cramps at night", [("stomache cramps", "abdominal_pain")]),
        ("multiple sclerosys and ldn", [("multiple sclerosys", "multiple_sclerosis")]),
        # Round 132: two letters off in a shorter word, beside a word of the name written as it is.
        ("is ldn any good for multipul sclerosis", [("multipul sclerosis", "multiple_sclerosis")]),
    ],
)
def test_a_subjects_name_with_a_slip_is_that_subject(text, found):
    assert [(text[f["start"] : f["end"]], f["value"]) for f in _by_slip(text, [])] == found


def test_a_word_two_letters_off_is_no_name_without_a_word_of_the_name_as_written():
    assert _by_slip("is ldn any good for multipul scleroses", []) == []


def test_a_name_with_a_slip_is_never_placed_over_the_rulers():
    assert _by_slip("is abdomnal pain normal on it", [(3, 16)]) == []


@pytest.mark.parametrize("written", ["crowns", "blaming", "stomach", "cramps", "pain"])
def test_a_dictionary_word_or_its_form_is_no_slip(written):
    assert subject_word_meant(written) is None
