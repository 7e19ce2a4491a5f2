"""The entity phrases as written and as said (bot/nlu/patterns.py)."""

from bot.nlu import patterns


def test_a_phrase_with_ing_is_also_found_with_its_g_dropped():
    # (round 133: "expectin in October", "nursin")
    assert patterns.phrase_id("NOT_COVERED", "expectin her first") == "pregnancy"
    assert patterns.phrase_id("NOT_COVERED", "nursin") == "breastfeeding"


def test_a_phrase_without_ing_has_no_other_form():
    phrases = patterns.phrase_ids("NOT_COVERED")
    assert "pregnant" in phrases and "pregnan" not in phrases
