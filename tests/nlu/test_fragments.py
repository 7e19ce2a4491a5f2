"""A message written in fragments read as one sentence (bot/nlu/fragments.py)."""

import pytest

from bot.nlu.fragments import as_one_sentence


@pytest.mark.parametrize(
    "written, meant",
    [
        # Round 127 (a woman with long COVID writing in fragments): stops between fragments made commas, or dropped
        # after a word no sentence ends on.
        ("side effects. which ones. the common ones. keep it short", "side effects, which ones, the common ones, keep it short"),
        ("hashimoto. I have that too. forgot to say. relevant?", "hashimoto, I have that too, forgot to say, relevant?"),
        ("is it better than. ssris. for mood I mean", "is it better than ssris for mood I mean"),
        ("on 4.5. want to go back down. to 3. ok? the dreams", "on 4.5, want to go back down to 3, ok? the dreams"),
        # The stops around a piece that begins "and ...", and around each of two questions, stay.
        ("two qs. fibro and. sleep. does it help fibro. does it wreck sleep. that's it",
         "two qs, fibro and sleep. does it help fibro. does it wreck sleep. that's it"),
        ("other conditions. and side effects. that's all. I think", "other conditions. and side effects. that's all, I think"),
    ],
)  # fmt: skip
def test_fragments_are_read_as_one_sentence(written, meant):
    assert as_one_sentence(written) == meant


@pytest.mark.parametrize(
    "text",
    [
        # Sentences, however short, stay sentences; a greeting or thanks, a "P.S." and "Dr." are no fragments.
        "I have MS. My doctor mentioned LDN. Does it help?",
        "Hi. I have MS. Thanks.",
        "Dr. Kim said LDN. Is it ok? P.S. Thanks",
        "My dose is 4.5 mg. I take it at night. Is that ok?",
        "On 1.5mg. Doc said go to 3 whenever. Do it now?",
    ],
)
def test_sentences_are_left_as_they_are(text):
    assert as_one_sentence(text) == text
