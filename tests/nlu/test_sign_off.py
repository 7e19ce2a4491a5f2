"""The writer's name signed at a message's end, and a postscript that only tells, set aside (bot/nlu/sign_off.py)."""

import pytest

from bot.nlu.sign_off import set_aside, unsigned


@pytest.mark.parametrize(
    "signed, meant",
    [
        # Round 124 (a man of 80 on a tablet): a first name, or an initial and a surname, after the last sentence.
        ("One small Whisky at Night. With the LDN. Is that permitted. Walter",
         "One small Whisky at Night. With the LDN. Is that permitted."),
        ("Does it Suppress the Immune System. W. Pritchard", "Does it Suppress the Immune System."),
        # Rounds 101 and 114: after a dash or a closing word.
        ("Thank you. — Margaret", "Thank you."),
        ("What about MS? -- S.K.", "What about MS?"),
        ("Should I go up to four and a half? Respectfully, Stavros", "Should I go up to four and a half?"),
    ],
)  # fmt: skip
def test_a_name_signed_at_the_end_is_set_aside(signed, meant):
    assert unsigned(signed) == meant


@pytest.mark.parametrize(
    "text",
    [
        # A medicine or a subject alone at the end is asked about, not signed; nor is a name with a question mark.
        "Is it ok with my meds. Lyrica",
        "Does LDN help lupus. Fibromyalgia",
        "Is it ok with my meds? Lyrica?",
        "Does LDN help - Fibromyalgia",
        # A name inside the message stays.
        "My friend Walter takes it at night, is that best?",
    ],
)
def test_a_subject_or_a_name_inside_is_kept(text):
    assert unsigned(text) == text


@pytest.mark.parametrize(
    "written, meant",
    [
        # Round 127 (a retired teacher who adds a P.S.): a postscript that only tells is no part of the question.
        ("Does it cause bad nights? P.S. I should not like to trade one trouble for another.", "Does it cause bad nights?"),
        ("And would the side effects be the same for her? PS: She is rather frail.", "And would the side effects be the same for her?"),
        ("Is it safe? P.P.S. Thanks so much, Walter", "Is it safe?"),
    ],
)  # fmt: skip
def test_a_postscript_that_only_tells_is_set_aside(written, meant):
    assert set_aside(written) == meant


@pytest.mark.parametrize(
    "text",
    [
        # A postscript that asks, or adds an age, a subject the article leaves out, a medicine or a name, stays.
        "Does it help MS? P.S. can she take it with her other pills?",
        "Does it help MS? P.S. she is 12.",
        "Does it help MS? P.S. she is pregnant.",
        "Does it help MS? P.S. she takes tramadol for her back.",
        "Does it help MS? PS she is on Eliquis too.",
        # "ps" that opens the message is no postscript.
        "ps what is LDN",
    ],
)
def test_a_postscript_that_adds_to_the_question_is_kept(text):
    assert set_aside(text) == text
