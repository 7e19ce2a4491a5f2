"""The typo index finds exactly the words a letter-by-letter comparison with every listed word finds; dictionary
words by their word class."""

import random
import re
from pathlib import Path

import pytest

from bot.nlu.domain_gate import _edit_distance_at_most, _typo_limit
from bot.nlu.typos import TypoIndex, deletions, is_word_form, never_a_name

ROOT = Path(__file__).resolve().parents[2]


def _vocabulary():
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "nlu").glob("*.yml")))
    return sorted(set(re.findall(r"[a-z]{3,}", text.lower())))


def _typos(word: str, rng: random.Random):
    """The word with one or two edits of every kind: changed, added, dropped, swapped letters."""
    out = []
    for _ in range(2):
        i = rng.randrange(len(word))
        letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
        out += [word[:i] + letter + word[i + 1 :], word[:i] + letter + word[i:], word[:i] + word[i + 1 :]]
        if i + 1 < len(word):
            out.append(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    twice = out[rng.randrange(len(out))]
    j = rng.randrange(len(twice)) if twice else 0
    return out + [twice[:j] + twice[j + 1 :]]


def test_the_index_finds_what_comparing_with_every_word_finds():
    listed = _vocabulary()
    assert len(listed) > 1000
    index = TypoIndex(listed)
    rng = random.Random(7)
    queries = [q for w in rng.sample(listed, 20) for q in _typos(w, rng)] + ["chrons", "fibromyalga", "ldn", ""]
    for query in queries:
        limit = _typo_limit(query)
        brute = {k for k in listed if _edit_distance_at_most(query, k, limit)} if limit else set()
        fast = (
            {k for k in index.candidates(query, limit) if _edit_distance_at_most(query, k, limit)} if limit else set()
        )
        assert fast == brute, query


def test_deletions_keep_the_word_and_drop_up_to_the_number_asked():
    assert deletions("abc", 1) == {"abc", "bc", "ac", "ab"}
    assert "a" in deletions("abc", 2) and "" not in deletions("abc", 2)


def test_more_edits_than_the_index_holds_are_refused():
    with pytest.raises(ValueError):
        TypoIndex(["crohns"]).candidates("crohns", 3)


@pytest.mark.parametrize(
    "word, expected",
    [
        # Words that are only ever a verb, an adjective or an adverb (round 40: "the rebound you alluded to").
        ("alluded", True),
        ("mild", True),
        ("realistically", True),
        # Names of medicines and diseases, and words that may be nouns, may name a subject.
        ("gabapentin", False),
        ("keto", False),
        ("migraine", False),
        ("rebounding", False),
    ],
)
def test_a_word_that_is_never_a_noun_names_no_subject(word, expected):
    assert never_a_name(word) is expected


@pytest.mark.parametrize(
    "word, expected", [("blaming", True), ("crowns", True), ("studies", True), ("abdomnal", False)]
)
def test_a_dictionary_word_and_its_forms_are_words(word, expected):
    assert is_word_form(word) is expected
