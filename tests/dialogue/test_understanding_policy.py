"""The understanding policy's readings of a message's words, without a model: what asks, what asks a dose change."""

import pytest

from bot.dialogue.understanding_policy import asks_dose_change, is_question, points_at_ldn
from bot.nlu.limits import LONG_TERM_USE, OTHER_MEDICINES


@pytest.mark.parametrize(
    "text, asks",
    [
        # Round 31: "anything"/"any" open a question.
        ("anything I should watch out for side effect wise", True),
        ("any tips for the dreams", True),
        # Round 24-26: what follows a colon after a long lead-in.
        ("pharmacy line is long so here goes: does ldn help thyroid problems", True),
        ("I know it blocks receptors, but why does it help fibro", True),
        ("my husband started it last week", False),
    ],
)
def test_a_clause_that_asks(text, asks):
    assert is_question(text, 0, len(text)) is asks


@pytest.mark.parametrize(
    "text, asks",
    [
        # Round 24: someone else's dose, "lower it" after an amount that ends a sentence, going on or staying put.
        ("My wife is at 3mg and still sore. Can she go higher?", True),
        ("Two years on LDN at 4.5. Should I lower it now?", True),
        ("at 2.5 now, do I keep climbing or sit here for a while?", True),
        # ... not the article's general point, nor a change told alone.
        ("should I start low and go up?", False),
        ("went up to 4.5. cant sleep", False),
        # Rounds 59-62: a pill halved, whether an amount is the right one, a change someone else wants.
        ("could I split the capsule in half on bad nights?", True),
        ("Is 3 mg a normal dose for someone my size?", True),
        ("is 1.75 mg an odd dose for him", True),
        ("My dad wants to jump up to 6mg. Is that wise?", True),
        ("I split the capsule in half last week and the dreams stopped", False),
        # Rounds 65-66: an amount asked straight out, or a step in two words after an amount; not a time to take it.
        ("my rheumy says 3 is plenty. can I go 4.5?", True),
        ("At 2 mg for a month now. Raise it?", True),
        ("can I take 4.5 in the evening instead", False),
        ("can i take 1.5 with breakfast", False),
        # Round 71-72: "ok if i" asked within; a plan told, then "good call?".
        ("on 3 now, ok if i jump to 4.5 next week", True),
        ("thinking bout going down to 1.5 since the dreams are awful. good call?", True),
        ("what is the usual dose of ldn", False),
        # Round 96: two doses at once for one missed; not LDN and another medicine both, nor a dose a day asked.
        ("Forgot last night's. Take two tonight?", True),
        ("skipped yesterday, can i take an extra one today?", True),
        ("should I double up since I missed my dose", True),
        ("is it fine to take both?", False),
        ("do people take two a day?", False),
        ("Please, I have two questions. First, is LDN good for MS? Second, is the stomach pain normal?", False),
    ],
)
def test_a_change_of_ones_own_dose_asked(text, asks):
    assert asks_dose_change(text) is asks


@pytest.mark.parametrize(
    "text, limit, points",
    [
        # Rounds 62-64: "this" is the medicine the assistant is about; "it" too, beside the one taken with it.
        ("why not just drop the lyrica and take this instead?", OTHER_MEDICINES, True),
        ("is it fine to use it alongside my glipizide?", OTHER_MEDICINES, True),
        ("what happens to people who take it for decades?", LONG_TERM_USE, True),
        ("if he stays on this for 30 years is it going to hurt his kidneys", LONG_TERM_USE, True),
        # ... not "it" beside two other medicines, nor a message that asks nothing.
        ("is it ok to take tylenol with advil", OTHER_MEDICINES, False),
        ("I take it with my glipizide every night", OTHER_MEDICINES, False),
    ],
)
def test_a_question_pointing_at_the_medicine_points_at_ldn(text, limit, points):
    assert points_at_ldn(text, limit) is points


@pytest.mark.parametrize(
    "text, asked",
    [
        # Round 145-146: less asked in a statement's order, a dose brought down, kept, or gone up "gotta".
        ("i wonder if i can take less of the LDN. i can drop it down little bit?", True),
        ("if i feel good on the low one, i can just stay there and not go up?", True),
        ("Doc wants me at 4.5. I'm at 3 and doing fine. Do I gotta go up?", True),
        # ... not more walks, a size up, a board stepped down from, a thing brought down to a desk (the review).
        ("Since LDN I can take more walks, is that the endorphins?", False),
        ("Do I need to go up a size in compression socks", False),
        ("do I have to step down from the board while on LDN?", False),
        ("Can I bring it down to the front desk?", False),
    ],
)
def test_ones_own_dose_changed_said_in_everyday_words(text, asked):
    assert asks_dose_change(text) is asked
