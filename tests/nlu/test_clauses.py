"""Where a message breaks into clauses (bot/nlu/clauses.py), for the numberings patients use."""

import pytest

from bot.nlu.clauses import clauses, with_slips_read


def _parts(text):
    return [text[a:b].strip() for a, b in clauses(text)]


@pytest.mark.parametrize(
    "text, parts",
    [
        # Round 112: a list numbered by bare figures, texted with no marks.
        (
            "1 does ldn help lupus 2 can she take it while breastfeeding my baby brother",
            ["1 does ldn help lupus", "2 can she take it while breastfeeding my baby brother"],
        ),
        (
            "1) is it an immunosuppressant 2) can I take it with my adderall",
            ["1) is it an immunosuppressant", "2) can I take it with my adderall"],
        ),
    ],
)
def test_a_numbered_list_breaks_at_each_number(text, parts):
    assert _parts(text) == parts


@pytest.mark.parametrize("text", ["I went down to 3 can I go back up to 4.5", "she is at 2 can she go up"])
def test_an_amount_before_a_question_word_is_no_number_of_a_list(text):
    assert len(_parts(text)) == 1, _parts(text)


def test_a_clause_is_read_with_its_slips_of_spelling_as_the_words_meant():
    # (round 131: "What is the side efects of this low dose naltrexone?" was read as what LDN is)
    assert with_slips_read("What is the side efects of it?", {"efects": "effects"}) == "What is the side effects of it?"
    assert with_slips_read("side efects", {}) == "side efects"
