"""The writer's name signed at a message's end ("... Is that permitted. Walter", "Thank you. — Margaret") set aside
before the classifier and the policy read the message: a name there is no subject and no part of the question."""

from __future__ import annotations

from functools import lru_cache
from typing import FrozenSet

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot.nlu import language, limits, patterns
from bot.nlu.components import TextRewriter, _Stateless

_LANGUAGE = language.load()
# After a dash or a closing word ("-- S.K.", "Thanks, Stavros"), or initials after the last sentence ("W. Pritchard").
_SIGN_OFF = _LANGUAGE.pattern("sign_off")
# A first name alone after the last sentence ("Is that among the things people report? Margaret", round 114).
_LONE_NAME_AT_END = _LANGUAGE.pattern("lone_name_at_end")


@lru_cache(maxsize=1)
def _subject_words() -> FrozenSet[str]:
    """Words of the article's subjects and of the subjects it leaves out: a lone one at the end is asked, not signed
    ("Does LDN help lupus. Fibromyalgia")."""
    return frozenset(w for phrase in patterns.known_phrases() for w in phrase.split())


def _names_a_subject(words: str) -> bool:
    return any(
        limits.known_medicines(w) or limits.generic_medicines(w) or w.lower() in _subject_words() for w in words.split()
    )


def unsigned(text: str) -> str:
    """The text without the writer's name or initials signed at its end (a medicine's or a subject's name is kept)."""
    signed = _SIGN_OFF.search(text)
    if signed and not _names_a_subject(signed.group(0)):
        text = text[: signed.start()].rstrip()
    lone = _LONE_NAME_AT_END.search(text)
    # (a name asked after is no signature: "Is it ok with my meds? Lyrica?")
    if lone and "?" not in text[lone.end(1) :] and not _names_a_subject(lone.group(1)):
        text = text[: lone.start()].rstrip()
    return text


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SignOff(TextRewriter, _Stateless):
    """Sets aside the name a message is signed with, before the classifier reads it (the training data is left)."""

    rewrite = staticmethod(unsigned)
