"""The writer's name signed at a message's end ("... Is that permitted. Walter", "Thank you. — Margaret"), a letter's
greeting ("Dear Madam,") and a postscript that only tells ("P.S. She is rather frail."), set aside before the classifier
and the policy read the message: none is a subject or a part of the question."""

from __future__ import annotations

from functools import lru_cache
from typing import FrozenSet, Tuple

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot.nlu import language, limits, patterns
from bot.nlu.components import TextRewriter, _Stateless

_LANGUAGE = language.load()
# After a dash or a closing word ("-- S.K.", "Thanks, Stavros"), or initials after the last sentence ("W. Pritchard").
_SIGN_OFF = _LANGUAGE.pattern("sign_off")
# A first name alone after the last sentence ("Is that among the things people report? Margaret", round 114).
_LONE_NAME_AT_END = _LANGUAGE.pattern("lone_name_at_end")
_POSTSCRIPT = _LANGUAGE.pattern("postscript")
_SALUTATION = _LANGUAGE.pattern("salutation")
_NAME = _LANGUAGE.pattern("name")
_WORD = _LANGUAGE.pattern("word")


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


@lru_cache(maxsize=1)
def _every_phrase() -> Tuple[str, ...]:
    """Every phrase the ruler knows: the article's subjects, times of day and the subjects it leaves out."""
    return tuple(sorted(set(patterns.known_phrases()) | set(patterns.phrase_ids("NOT_COVERED"))))


def _names_anything(text: str) -> bool:
    """A question, a number, a phrase the ruler knows, a medicine, a child or a name ("Eliquis"): what a postscript
    may add to the question ("P.S. she is 12", "P.S. she is pregnant", "P.S. she takes tramadol")."""
    from bot.nlu.typos import in_dictionary

    said = " " + " ".join(_WORD.findall(text.lower())) + " "
    return (
        "?" in text
        or any(c.isdigit() for c in text)
        or any(f" {phrase} " in said for phrase in _every_phrase())
        or bool(limits.known_medicines(text) or limits.generic_medicines(text))
        or limits.is_about_a_child(text)
        or any(not in_dictionary(m.group(0).lower()) for m in _NAME.finditer(text))
    )


def without_postscript(text: str) -> str:
    """The text without a postscript after its sentences that only tells and names nothing the NLU reads ("...
    disturbed nights? P.S. I should not like to trade the one for the other.", round 127)."""
    found = list(_POSTSCRIPT.finditer(text))
    if found and found[-1].start() > 0 and not _names_anything(text[found[-1].end() :]):
        return text[: found[-1].start()].rstrip()
    return text


def set_aside(text: str) -> str:
    """The text without its greeting, its signature and its postscript that only tells."""
    return without_postscript(unsigned(_SALUTATION.sub("", text, count=1)))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SignOff(TextRewriter, _Stateless):
    """Sets aside the name a message is signed with, and a postscript that only tells, before the classifier reads it
    (the training data is left)."""

    rewrite = staticmethod(set_aside)
