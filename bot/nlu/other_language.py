"""Tells a message written in a language the assistant does not read, so that it gets the emergency numbers, not a guess."""

import re
from functools import lru_cache
from typing import FrozenSet, Optional

import spacy.util

from bot.nlu import language

# langid's guess is sure only on a message of some length: short English with medical words reads as Dutch or Danish
# ("does ldn help wiht fibromyalga").
MIN_WORDS = 8
# How sure langid must be that the message is in another language (its normalised probability).
SURE = 0.99
# A message whose words are this share or more the language's own small words (the, is, my...) is in the language,
# whatever langid says ("my dentist gave me hydrocodone after wisdom teeth, do i stop ldn?" reads as Danish).
OWN_SMALL_WORDS = 0.15
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@lru_cache(maxsize=1)
def _identifier():
    from langid.langid import LanguageIdentifier, model

    return LanguageIdentifier.from_modelstring(model, norm_probs=True)


@lru_cache(maxsize=4)
def _small_words(code: str) -> FrozenSet[str]:
    return frozenset(spacy.util.get_lang_class(code).Defaults.stop_words)


# (the safety policy asks after each action it predicts for one message: the same text, read once)
@lru_cache(maxsize=64)
def unread_language(text: Optional[str], code: Optional[str] = None) -> Optional[str]:
    """The language (ISO 639-1) a message is written in when it is neither the configured one nor one its data partly
    reads, and long enough to tell; else None."""
    lang = language.load(code)
    words = [w.lower() for w in _WORD.findall(text or "")]
    if len(words) < MIN_WORDS:
        return None
    if sum(w in _small_words(lang.code) for w in words) / len(words) >= OWN_SMALL_WORDS:
        return None
    guess, sure = _identifier().classify(text)
    if guess == lang.code or sure < SURE or guess in lang.words("partly_read_languages"):
        return None
    return str(guess)


def warm() -> None:
    """Loads langid's model now (about half a second), so no patient's message waits for it."""
    _identifier()
