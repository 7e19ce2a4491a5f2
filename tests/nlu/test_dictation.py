"""Dictated text read as typed (bot/nlu/dictation.py), and LDN's name as heard."""

import pytest

from bot.nlu.dictation import as_typed


@pytest.mark.parametrize(
    "dictated, typed",
    [
        # Round 77 (a man with MS dictating): spoken marks, an edit said aloud, the name as heard.
        ("what is elder n exactly period is it a pill or a shot or what question mark",
         "what is elder n exactly. is it a pill or a shot or what?"),
        ("i have relapsing remitting Emma's scratch that M S period what does the research say",
         "i have relapsing remitting M S. what does the research say"),
        ("how does nal tracks zone at a low doze actually work comma like what is it doing",
         "how does naltrexone at a low doze actually work, like what is it doing"),
    ],
)  # fmt: skip
def test_dictation_is_read_as_typed(dictated, typed):
    assert as_typed(dictated) == typed


@pytest.mark.parametrize(
    "text",
    [
        # Words that are marks only in dictation stay words in typed text; nothing else sounds like the name.
        "my period is late, is ldn safe in pregnancy",
        "a dash of milk in my tea with the capsule, ok?",
        "no tracks zone here",
    ],
)
def test_typed_text_is_left_as_it_is(text):
    assert as_typed(text) == text
