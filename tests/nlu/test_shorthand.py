"""Shorthand read as the words meant (bot/nlu/shorthand.py)."""

import pytest

from bot.nlu.shorthand import spelled_out


@pytest.mark.parametrize(
    "written, meant",
    [
        # Round 97 (a nurse with long COVID): side effects, the mechanism, "with", a follow-up, liver tests.
        ("Common s/e of LDN? Want to know what to expect.", "Common side effects of LDN? Want to know what to expect."),
        ("What's the MOA and what S/E should I anticipate?",
         "What's the mechanism of action and what side effects should I anticipate?"),
        ("before my f/u w/ PCP", "before my follow-up with PCP"),
        ("Hepatotoxicity w/ chronic LDN use? Want LFTs monitored?",
         "Hepatotoxicity with chronic LDN use? Want liver tests monitored?"),
        # "w/o" is not "w/" and an "o"; a form that ends in a mark runs into the next word.
        ("ldn w/o food ok?", "ldn without food ok?"),
        ("ok w/my meds?", "ok with my meds?"),
        # Round 101: "se" after a word that asks for effects; a clinician's "AEs".
        ("is it safe? and any se to watch for", "is it safe? and any side effects to watch for"),
        ("AEs reported for LDN?", "side effects reported for LDN?"),
        # Round 124 (a man of 80 on a tablet): initials with their stops are one word, and one question stays one; the
        # last stop stays where a sentence ends too.
        ("Will the N.H.S. pay for L.D.N.", "Will the NHS pay for LDN."),
        ("like M.S. but Different. Is L.D.N. used for that", "like MS but Different. Is LDN used for that"),
        ("With the L.D.N. Is that permitted.", "With the LDN. Is that permitted."),
    ],
)  # fmt: skip
def test_shorthand_is_read_as_the_words_meant(written, meant):
    assert spelled_out(written) == meant


@pytest.mark.parametrize(
    "text",
    [
        # A form inside a longer word or a fraction is no shorthand; text without any is left exactly as it is.
        "the sxs and moat, and/or 1/2 a pill",
        "two  spaces , kept",
        "my neighbour Moa asked about it",
        # ("se" alone is Spanish, or a compass point)
        "se me olvida tomarla, ok?",
        "we moved SE of town",
    ],
)
def test_text_without_shorthand_is_left_as_it_is(text):
    assert spelled_out(text) == text
