"""Text dictated by voice, read as typed: its spoken punctuation as marks ("question mark" -> "?"), its spoken edits done,
a name heard in pieces written as one ("nal tracks zone", "tram a doll")."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Pattern, Tuple

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot.nlu import language
from bot.nlu.components import TextRewriter, _Stateless
from bot.nlu.sounds import names_heard

_LANGUAGE = language.load()


@lru_cache(maxsize=1)
def _marks() -> Tuple[Tuple[Pattern[str], str, bool], ...]:
    """Each spoken mark as a pattern, its mark, and whether the words are a mark only in dictated text ("period")."""
    only_dictated = _LANGUAGE.words("spoken_marks_also_words")
    spoken = sorted(_LANGUAGE.pairs("spoken_punctuation").items(), key=lambda pair: -len(pair[0]))
    return tuple(
        (re.compile(rf"\s*\b{re.escape(words)}\b(?!-)[.,]?", re.IGNORECASE), mark, words in only_dictated)
        for words, mark in spoken
    )


_EDIT = _LANGUAGE.pattern("spoken_edit")


def is_dictated(text: str) -> bool:
    """Spoken punctuation no typist writes ("question mark", "comma"), or a spoken edit ("scratch that")."""
    return bool(_EDIT.search(text)) or any(p.search(text) for p, _, also_word in _marks() if not also_word)


def as_typed(text: str) -> str:
    """The dictated text as it would have been typed; any other text as it is ("my period is late" keeps its word), but
    for a name heard in pieces."""
    text = names_heard(text)
    if not is_dictated(text):
        return text
    # (a spoken edit takes back the word before it: "relapsing remitting Emma's scratch that M S")
    text = _EDIT.sub(" ", text)
    for pattern, mark, _ in _marks():
        text = pattern.sub(mark, text)
    return re.sub(r"\s{2,}", " ", text).strip()


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class Dictation(TextRewriter, _Stateless):
    """Rewrites a dictated message as typed, before triage and the classifier read it (the training data is left)."""

    rewrite = staticmethod(as_typed)
