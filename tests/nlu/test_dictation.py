"""Dictated text read as typed (bot/nlu/dictation.py), and names heard in pieces read as one."""

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
        # Round 104 (a man dictating for his wife with MS): medicines' names heard in pieces, by sound and spelling,
        # by a generic name's ending, or one everyday word split by the space bar.
        ("she has tram a doll for the bad days", "she has tramadol for the bad days"),
        ("gave her hydro co done after the kidney stone", "gave her hydrocodone after the kidney stone"),
        ("can she take it with her ef ex or", "can she take it with her effexor"),
        ("is it ok with pro vigil the mo dafinil she takes", "is it ok with provigil the modafinil she takes"),
        ("is it ok with her gabba pentin", "is it ok with her gabbapentin"),
        ("what other con ditions is LDN used for", "what other conditions is LDN used for"),
        # Round 121 (a father with MS dictating): names spelled by their letters' names, LDN, MS and a near topic.
        ("my neurologist mentioned something called el dee en", "my neurologist mentioned something called LDN"),
        ("does el dee en actually help em ess", "does LDN actually help MS"),
        ("can you see el dee en on the list", "can you see LDN on the list"),
        ("is it used for are ay", "is it used for RA"),
    ],
)  # fmt: skip
def test_dictation_is_read_as_typed(dictated, typed):
    assert as_typed(dictated) == typed


@pytest.mark.parametrize(
    "text",
    [
        # Words that are marks only in dictation stay words in typed text; nothing else sounds like a name.
        "my period is late, is ldn safe in pregnancy",
        "a dash of milk in my tea with the capsule, ok?",
        "no tracks zone here",
        # Two words of their own stay two ("to day"); words that sound like a medicine's name but are spelled far from
        # it stay ("di ladies" is no "dilaudids", round 64's Jamaican English).
        "Mi want to tell di ladies at Bible study Wednesday.",
        "to day i feel fine, the sun rise was nice",
        "we could go no tracks zone hiking",
        # Letters' names that spell no name the NLU knows are words ("why are you", Spanish "el").
        "why are you asking if I see you at the clinic",
        "el doctor dice que si, oh kay",
    ],
)
def test_typed_text_is_left_as_it_is(text):
    assert as_typed(text) == text
