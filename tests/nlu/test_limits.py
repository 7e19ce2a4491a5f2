"""Questions only the prescriber can answer however worded: a child, a named medicine with or instead of LDN."""

import pytest

from bot.nlu.limits import CHILDREN, OTHER_MEDICINES, honest_limit, is_about_a_child


@pytest.mark.parametrize(
    "text, child",
    [
        ("can my 7 year old take it", True),
        ("my kid is 12, can she take it", True),
        ("could my teenage son use it for his crohns", True),
        ("is ldn ok for kids", True),
        ("My daughter (she's 31) has lupus", False),
        ("My daughter is 29 and has MS", False),
        ("I'm on 3 mg for 8 weeks", False),
        ("my mother is 82", False),
        # An age written "12 yo" (found on a walk through the assistant): an age, not a duration.
        ("could my 12 yo daughter use it for her crohns", True),
        ("my 9 y/o has fibro, can she take ldn", True),
        ("been on ldn for 3 years, is that ok", False),
        ("im 45 yo, can i take it", False),
        # An age a diagnosis came at (round 27): "at 22" is an adult son.
        ("my son was diagnosed with colitis at 22, is ldn used for that", False),
        ("our daughter was diagnosed with lupus at 14, could ldn help her", True),
    ],
)
def test_a_child_is_a_young_person_or_an_age_under_18(text, child):
    assert is_about_a_child(text) is child


@pytest.mark.parametrize(
    "text, foreign, expected",
    [
        ("Can I take LDN with my sertraline?", ["sertraline"], OTHER_MEDICINES),
        ("Lyrica and LDN together, is that fine?", ["lyrica"], OTHER_MEDICINES),
        ("could I swap my Plaquenil for ldn", ["plaquenil"], OTHER_MEDICINES),
        # A medicine named without taking it with LDN, or a word that is not a medicine: no limit.
        ("I tried sertraline years ago, what is ldn", ["sertraline"], None),
        ("week two on ldn with the wildest dreams", ["wildest"], None),
        ("can my 10 year old take ldn", [], CHILDREN),
        # Ways of asking about taking two together (understanding round 3).
        ("Trazodone at night for sleep, does that clash with low dose naltrexone?", ["trazodone"], OTHER_MEDICINES),
        ("metformin twice a day, any problem adding LDN?", ["metformin"], OTHER_MEDICINES),
    ],
)
def test_honest_limits(text, foreign, expected):
    assert honest_limit(text, foreign) == expected


@pytest.mark.parametrize(
    "text, child",
    [
        # A young person is the one who would take it when named near a word of taking, treating or being ill.
        ("could my teenage son use it for his Crohn's", True),
        ("is ldn safe for kids?", True),
        ("my daughter's doctor suggested ldn", True),
        # ... not when only part of the writer's day (understanding round 19).
        ("between the school run and the kids' homework I never sleep. can ldn cause insomnia?", False),
        ("my kids bring every virus home. is ldn an immune suppressant?", False),
        # An age said of someone, or after a young person named (understanding round 23).
        ("he's 14, could he try it?", True),
        ("my nephew, 9, has crohns. any use?", True),
        ("she is 12 weeks pregnant, is it safe for her?", False),
    ],
)
def test_a_young_person_named_is_the_one_taking_it_only_near_a_word_of_taking(text, child):
    assert is_about_a_child(text) is child
