"""Words typed with a shaky hand, read as the words meant: a letter doubled ("helpp", "doess"), a space left out
("isldn", "howdoes"). Rewrites the message's text before triage and the classifier read it."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import FrozenSet, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot.nlu import language, patterns
from bot.nlu.components import TextRewriter, _Stateless
from bot.nlu.domain_gate import ranked_everyday_words
from bot.nlu.typos import dictionary_words, is_word_form

_LANGUAGE = language.load()
# Short words a space is often left out after ("isldn", "doesit", "mywife"), and the fewer it is left out before
# ("timeto", "likethe").
_GLUE = frozenset(_LANGUAGE.words("glue_words"))
_GLUE_AFTER = frozenset(_LANGUAGE.words("glue_words_after"))
# A word, with its apostrophes ("hasn't" is one word, left as written).
_LETTERS = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*")
# A word among this many of the language's most frequent, or in its dictionary, is a word of its own and never
# changed ("clammy", "droop", "dozing")...
KNOWN_WORDS = 100_000
# ... but a reading must be among the fewer most frequent: rarer "words" of the frequency list are often run-together
# pairs themselves ("inthe" ranks about 76,000th).
READING_WORDS = 50_000
# Shorter tokens, and words in capitals (ICU, IBS), are left as written: too many readings.
MIN_CHARS = 4
# A piece of a run-together pair that is no glue word has this many letters at least, or names a subject ("MS").
MIN_PIECE_CHARS = 4
# At most this many doubled letters are undone in one word.
MAX_UNDOUBLED = 2


@lru_cache(maxsize=1)
def _subject_words() -> FrozenSet[str]:
    """Every word of the article's subjects, near topics and the medicines the ruler knows, and the language's
    texting and dialect spellings: words of their own here, whatever their frequency."""
    from bot.knowledge import near_topics

    words = set(_phrase_words())
    words |= {w for name in _LANGUAGE.words("not_opioids") for w in _LETTERS.findall(str(name).lower())}
    words |= {w for e in near_topics.load().values() for w in near_topics.words_of(e)}
    words |= set(_LANGUAGE.pairs("texting_spellings")) | set(_LANGUAGE.words("spelled_contractions"))
    words |= {w for name in ("answer_yes", "answer_no") for p in _LANGUAGE.words(name) for w in _LETTERS.findall(p)}
    return frozenset(words) | frozenset(_LANGUAGE.words("anchors"))


@lru_cache(maxsize=1)
def _known() -> FrozenSet[str]:
    return frozenset(ranked_everyday_words(KNOWN_WORDS)) | _subject_words() | _GLUE


@lru_cache(maxsize=1)
def _readings() -> FrozenSet[str]:
    return frozenset(ranked_everyday_words(READING_WORDS)) | _subject_words() | _GLUE


def is_known(word: str) -> bool:
    """A word of its own: frequent, in the dictionary (as written or without an ending), or of the article's."""
    w = word.lower()
    return w in _known() or is_word_form(w)


def _undoubled(word: str, depth: int = MAX_UNDOUBLED) -> Optional[str]:
    """The frequent word left when one letter of a doubled pair (or two) is taken out: "helpp" -> "help"."""
    if depth == 0:
        return None
    # (not "aa": a long vowel as Hindi and Urdu words are written, "jaan", "haath")
    pairs = [i for i in range(len(word) - 1) if word[i].lower() == word[i + 1].lower() and word[i].lower() != "a"]
    forms = [word[:i] + word[i + 1 :] for i in pairs]
    for form in forms:
        if form.lower() in _readings():
            return form
    for form in forms:
        deeper = _undoubled(form, depth - 1)
        if deeper:
            return deeper
    return None


def _piece(word: str) -> Optional[str]:
    """A piece of a run-together pair as meant, if it is a word long enough to read as one ("hype", "ldn", "MS")."""
    found = word if word.lower() in _readings() else _undoubled(word)
    if not found:
        return None
    lower = found.lower()
    long_enough = len(found) >= MIN_PIECE_CHARS or len(found) > 1 and (lower in _subject_words() or lower in _GLUE)
    return found if long_enough else None


def _split(word: str) -> Optional[str]:
    """Two words run together, one of them a short glue word: "isldn" -> "is ldn", "doesitt" -> "does it". Of
    several readings, two glue words first ("isit" is "is it", not "i sit"), then the longest glue word."""
    readings = []
    for i in range(1, len(word)):
        left, right = word[:i], word[i:]
        if left.lower() in _GLUE:
            rest = _piece(right)
            if rest:
                readings.append((rest.lower() in _GLUE, len(left), f"{left} {rest}"))
        if right.lower() in _GLUE_AFTER:
            first = _piece(left)
            if first:
                readings.append((first.lower() in _GLUE, len(right), f"{first} {right}"))
    return max(readings)[2] if readings else None


def meant(word: str) -> str:
    """The word (or two) a shakily typed token stands for; the token itself when it is known or unclear."""
    if len(word) < MIN_CHARS or word.isupper() or not word.isalpha():
        return word
    if word.lower() in _known():
        return _g_dropped(word) or word
    if word[-1].lower() == word[-2].lower() and word[:-1].lower() in _readings():
        return word[:-1]  # a last letter doubled: "yearss" (read as a dictionary "years" + "s" below otherwise)
    if is_known(word):
        return word
    return _undoubled(word) or _split(word) or word


def _g_dropped(word: str) -> Optional[str]:
    """The word with the "g" dropped as said put back ("expectin", "shakin": Southern, Cajun, Caribbean English), when
    the word as written is no dictionary word ("robin", "satin" stay). Such forms are frequent enough to be known."""
    lower = word.lower()
    if lower.endswith("in") and lower + "g" in _readings() and lower not in dictionary_words() | _phrase_words():
        return word + "g"
    return None


@lru_cache(maxsize=1)
def _phrase_words() -> FrozenSet[str]:
    """The words of the entity ruler's phrases: a word of its own there ("matin", French for morning, round 114, is no
    "mating")."""
    return frozenset(w for phrase in patterns.known_phrases() for w in _LETTERS.findall(phrase.lower()))


def read_as_meant(text: str) -> str:
    return _LETTERS.sub(lambda m: meant(m.group(0)), text)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class ShakyTyping(TextRewriter, _Stateless):
    """Rewrites a message's shakily typed words as the words meant, before anything else reads them (the training
    data is left as written). A word already known is never changed."""

    def __init__(self) -> None:
        # (the word lists are read when the model loads, not on a patient's first message: over a second)
        _known(), _readings(), dictionary_words()

    rewrite = staticmethod(read_as_meant)
