"""Words typed with a shaky hand are read as the words meant; known words, names and other languages are left."""

import pytest

from bot.nlu.shaky_typing import read_as_meant


@pytest.mark.parametrize(
    "typed, meant",
    [
        # Round 60 (a man with MS and a tremor): letters doubled, spaces left out.
        ("doesLDN helpp with multiplee sclerosis", "does LDN help with multiple sclerosis"),
        ("isldn an immunosupressant", "is ldn an immunosupressant"),
        (
            "doesitt help ms fatigue and isit safe withmy copaxone",
            "does it help ms fatigue and is it safe with my copaxone",
        ),
        ("mywife is pregnantt and on ldn forher fibro", "my wife is pregnant and on ldn for her fibro"),
        ("bestt timeto take it?", "best time to take it?"),
        ("ive hadMS 12 yearss", "ive had MS 12 years"),
        # Round 75: a "g" dropped as said; dictionary words that end in "in" stay.
        ("Ma daughter doin her best, nothin helps", "Ma daughter doing her best, nothing helps"),
        ("a robin on satin in Berlin, insulin and aspirin", "a robin on satin in Berlin, insulin and aspirin"),
    ],
)
def test_shaky_typing_is_read_as_the_words_meant(typed, meant):
    assert read_as_meant(typed) == meant


@pytest.mark.parametrize(
    "text",
    [
        # Known words however rare, inflected forms, contractions, capitals, names and words of other languages.
        "my skin is clammy and my face droops, I was hoovering and dozing",
        "she hasn't slept, he wouldn't eat, I don't know",
        "ICU, IBS, SSRI and PPI",
        "Narcan, statins, Plaquenil, Ocrevus",
        "haan, papa ki jaan, kaam",
        "I've had swimmy spells",
    ],
)
def test_known_words_names_and_other_languages_are_left_as_written(text):
    assert read_as_meant(text) == text
