"""Which words of a fixed list a word may be a typo of: a deletion index, so only a few words are compared."""

import gzip
import json
import sys
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, Set, Tuple

# The most edits any caller allows (bot/nlu/domain_gate.py `_typo_limit`: two for long words).
MAX_EDITS = 2


def deletions(word: str, most: int) -> Set[str]:
    """The word with up to `most` of its letters deleted, itself included."""
    forms = {word}
    for count in range(1, min(most, len(word)) + 1):
        for gone in combinations(range(len(word)), count):
            forms.add("".join(c for i, c in enumerate(word) if i not in gone))
    return forms


def swaps(word: str) -> Set[str]:
    """The word with two neighbouring letters swapped, at each place they differ (itself left out)."""
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)} - {word}


def one_letter_edits(word: str, letters: Iterable[str]) -> Set[str]:
    """Every form one letter off the word: a letter dropped, two neighbours swapped, a letter changed or added
    (from `letters`); itself left out."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    changed = {a + c + b[1:] for a, b in splits if b for c in letters}
    added = {a + c + b for a, b in splits for c in letters}
    return (deletions(word, 1) | swaps(word) | changed | added) - {word}


class TypoIndex:
    """The words of a list under every form with up to MAX_EDITS letters deleted.

    Two words within k edits of each other (a letter changed, added or dropped, or two neighbours
    swapped) share a form with at most k letters deleted from each: a change deletes that letter from
    both, an added letter is deleted from the longer, a swap loses the same letter on both sides. So
    `candidates` holds every listed word within `edits` of the word, and callers check only those,
    exactly as before, instead of every listed word of a similar length (about 2 ms a word).
    """

    def __init__(self, words: Iterable[str]):
        self.words: FrozenSet[str] = frozenset(words)
        self._index: Dict[str, Set[str]] = {}
        for word in self.words:
            for form in deletions(word, MAX_EDITS):
                self._index.setdefault(form, set()).add(word)

    def candidates(self, word: str, edits: int) -> Set[str]:
        """Listed words that may be within `edits` (at most MAX_EDITS) of the word; a superset, to check."""
        if edits > MAX_EDITS:
            raise ValueError(f"the index holds up to {MAX_EDITS} edits")
        found: Set[str] = set()
        for form in deletions(word, edits):
            found |= self._index.get(form, set())
        return found


@lru_cache(maxsize=1)
def _dictionary() -> Tuple[FrozenSet[str], FrozenSet[str]]:
    """The language's dictionary words (base forms), and those of them that are never nouns, from
    spacy-lookups-data (installed). Two sets, not a word's classes each: a fraction of the memory."""
    import spacy_lookups_data

    from bot.nlu import language

    path = Path(spacy_lookups_data.__file__).parent / "data" / f"{language.load().dictionary_table}.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        by_class: Dict[str, list] = json.load(handle)
    nouns = set(by_class.get("noun", ()))
    every = {sys.intern(word) for words in by_class.values() for word in words}
    return frozenset(every), frozenset(every - nouns)


def dictionary_words() -> FrozenSet[str]:
    """The language's dictionary words (base forms): a word of the dictionary is itself, never a typo of another
    ("biology" is no slip of "biologic")."""
    return _dictionary()[0]


def never_a_name(word: str) -> bool:
    """A dictionary word that is never a noun ("alluded", "mild", "realistically"), as written or without an
    ending: it names no medicine, disease or other subject. (The base is found by cutting endings: "alluded" ->
    "allude"; good enough for a word that is only ever a verb, an adjective or an adverb.)"""
    every, not_nouns = _dictionary()
    if (
        word.endswith("ed")
        and word not in every
        and any(len(b) >= 3 and b in every for b in (word[:-1], word[:-2], word[:-3]))
    ):
        return True  # a past form names nothing, whatever its base may be ("mum gets freaked out": round 82)
    for base in (word, word[:-1], word[:-2], word[:-3], word[:-3] + "e"):
        if len(base) >= 3 and base in every:
            return base in not_nouns
    return False


def in_dictionary(word: str) -> bool:
    """The word, or its singular, is a dictionary word."""
    words = dictionary_words()
    return word in words or (word.endswith("s") and word[:-1] in words)


# Endings cut to find a dictionary word's form, with what the form may end in instead ("blaming" -> "blame").
_ENDINGS = (
    ("s", ""),
    ("es", ""),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("ing", ""),
    ("ing", "e"),
    ("ies", "y"),
    ("ied", "y"),
    ("er", ""),
    ("ers", ""),
    ("ly", ""),
)


def is_word_form(word: str) -> bool:
    """The word is a dictionary word or one of its forms ("blaming", "crowns"): a word of its own, never a slip."""
    words = dictionary_words()
    bases = [word] + [word[: -len(end)] + back for end, back in _ENDINGS if word.endswith(end)]
    return any(len(base) >= 3 and base in words for base in bases)
