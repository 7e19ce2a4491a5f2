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
         "i have relapsing remitting MS. what does the research say"),
        ("how does nal tracks zone at a low doze actually work comma like what is it doing",
         "how does naltrexone at a low doze actually work, like what is it doing"),
        # Round 104 (a man dictating for his wife with MS): medicines' names heard in pieces, by sound and spelling,
        # by a generic name's ending, or one everyday word split by the space bar.
        ("she has tram a doll for the bad days", "she has tramadol for the bad days"),
        ("gave her hydro co done after the kidney stone", "gave her hydrocodone after the kidney stone"),
        ("can she take it with her ef ex or", "can she take it with her effexor"),
        ("is it ok with pro vigil the mo dafinil she takes", "is it ok with provigil the modafinil she takes"),
        ("is it ok with her gabba pentin", "is it ok with her gabbapentin"),
        # (a piece that is one of English's commonest words is read, whatever another language's phrases hold: the
        # Jamaican English "him back" of session 30 had kept "back lo fen" apart)
        ("is it ok to take with back lo fen for her spasms", "is it ok to take with baclofen for her spasms"),
        ("what other con ditions is LDN used for", "what other conditions is LDN used for"),
        # Round 121 (a father with MS dictating): names spelled by their letters' names, LDN, MS and a near topic.
        ("my neurologist mentioned something called el dee en", "my neurologist mentioned something called LDN"),
        ("does el dee en actually help em ess", "does LDN actually help MS"),
        ("can you see el dee en on the list", "can you see LDN on the list"),
        ("is it used for are ay", "is it used for RA"),
        # Round 127 (a trucker dictating): LDN's name and the article's subjects heard in pieces (a closing "ow" heard
        # as a vowel); a letter's name before the rest written as capitals.
        ("does low dose nail tracks own help with it", "does low dose naltrexone help with it"),
        ("my sister has fiber my algae real bad", "my sister has fibromyalgia real bad"),
        ("does el DN help MS", "does LDN help MS"),
        # Triage round 73 (a blind man dictating): a mark that is a word too, said twice, is said as a mark.
        ("nobody would miss me period they would be free period how long does it last",
         "nobody would miss me. they would be free. how long does it last"),
        # Round 140 (a firefighter dictating): a dose said with its point is the number.
        ("my neurologist started me at four point five right out of the gate", "my neurologist started me at 4.5 right out of the gate"),
        ("she went from oh point five to two point two five", "she went from 0.5 to 2.25"),
        # Round 145 (a machinist with MS dictating): names spelled by their letters written alone; a pronoun after them
        # is no letter of the name.
        ("my buddy got c r p s after a crush injury does l d n work on that", "my buddy got CRPS after a crush injury does LDN work on that"),
        ("does it help with the week legs from m s i no its not a cure", "does it help with the week legs from MS i no its not a cure"),
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
        # Everyday words that sound like no subject of the article stay; a letter's name before capitals that spell
        # no name stays.
        "we sat in the in door pool all day",
        # A name and the words after it, one word among the commonest ("arm or" is no "armour", "a bit in" no
        # "biotin"), words of another language read ("quiero vivir"), and words of their own that end like a
        # medicine ("lower spine") stay as said (found in session 29, over every round's messages).
        "cant feel my right arm or leg all of a sudden",
        "my fibro flared a bit in week one, is that normal",
        "norco as needed on bad days, ok with ldn?",
        "when i was still on codeine a few years back",
        "Ya no quiero vivir, I'm just a burden",
        "my lower spine is basically fused",
        "i have hashimotos AND fibro lol",
        "I'm an ex RN from the old days",
        # "point" that is no decimal point stays a word.
        "at this point five people in my group take it",
        # Letters alone that spell no name stay, and so does texting's "u" ("u c what i mean"); an abbreviation with
        # its dots before a capital is no letter's name before capitals ("P.S. I", found with round 145's change).
        "r u ok, c u later",
        "u c what i mean about the dreams",
        "Does LDN disturb sleep? P.S. I have always been a light sleeper, ever since the war.",
        "plan b and ldn ok? e.g. LDN with it",
    ],
)
def test_typed_text_is_left_as_it_is(text):
    assert as_typed(text) == text


def test_any_run_of_letters_dots_and_capitals_is_read_without_failing():
    # Letters alone, their names, dots, hyphens and capitals in every order: the rewrite never fails on a message
    # (round 145's single letters first met "P.S. I" this way). Seeded, bounded.
    import random

    pieces = ["p", "P.S.", "e.g.", "S.", "s", "el", "DN", "em", "M", "i", "I", ".", "-", "a", "b.", "C", "u", "x-", "Y"]
    rng = random.Random(145)
    for _ in range(2000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        assert isinstance(as_typed(text), str)
