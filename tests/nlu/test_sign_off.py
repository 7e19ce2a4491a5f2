"""The writer's name signed at a message's end set aside (bot/nlu/sign_off.py)."""

import pytest

from bot.nlu.sign_off import unsigned


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
