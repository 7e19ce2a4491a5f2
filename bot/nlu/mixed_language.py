"""Hindi words mixed into an English message (Hinglish: "LDN kab lena chahiye, subah ya raat ko?") read as the English
words meant, before triage and the classifier read the message."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot.nlu import language
from bot.nlu.components import TextRewriter, _Stateless

_LANGUAGE = language.load()
# A word as written, letters only ("hai", "chahiye"); "Crohn's" and "4.5" are left alone.
_WORD = re.compile(r"(?<![\w'\u2019.])[A-Za-z]+(?![\w'\u2019])")
# A message with this many words that are Hindi and no English word is written in Hindi: its words that are English
# words too ("main", "pet", "se") are read as Hindi as well. One such word alone ("cannot get neend") is read, the
# rest left as English.
MIN_HINDI_WORDS = 2
# "koi" (any) before a "nahi" (no) in its clause: what is denied ("Papa ko koi chest pain nahi hai", triage round 67).
_NONE_OF = _LANGUAGE.pattern("hindi_none_of")


@lru_cache(maxsize=1)
def _glossaries() -> tuple[Dict[str, str], Dict[str, str]]:
    return _LANGUAGE.pairs("hindi_words"), _LANGUAGE.pairs("hindi_words_also_english")


@lru_cache(maxsize=1)
def _phrases() -> tuple[re.Pattern[str], Dict[str, str]]:
    """Hindi phrases whose words alone mean something else ("saans nahi aa rahi" is "can't breathe"), longest first."""
    meant = _LANGUAGE.pairs("hindi_phrases")
    alternatives = "|".join(re.escape(p) for p in sorted(meant, key=len, reverse=True))
    return re.compile(rf"(?<![\w'])(?:{alternatives})(?![\w'])", re.IGNORECASE), meant


def read_as_english(text: str) -> str:
    """The text with its Hindi phrases and words as the English words meant (a word meant as no word goes); text with
    none, as it is."""
    hindi, also_english = _glossaries()
    phrases, meant = _phrases()
    text = phrases.sub(lambda m: meant[m.group(0).lower()], text)
    # (Hindi denies after the thing denied: "koi chest pain nahi hai" is "no chest pain", not "any chest pain")
    text = _NONE_OF.sub("no", text)
    found = [m.group(0).lower() for m in _WORD.finditer(text)]
    if not any(word in hindi for word in found):
        return text
    glossary = {**also_english, **hindi} if sum(word in hindi for word in found) >= MIN_HINDI_WORDS else hindi
    read = _WORD.sub(lambda m: glossary.get(m.group(0).lower(), m.group(0)), text)
    # (a particle meant as no word leaves no double space, nor a space before a mark)
    return re.sub(r"\s+([,.?!;:])", r"\1", re.sub(r"[ \t]{2,}", " ", read)).strip()


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class MixedLanguage(TextRewriter, _Stateless):
    """Rewrites a message's Hindi words as English, before triage and the classifier read it (the training data is
    left)."""

    rewrite = staticmethod(read_as_english)
