"""Other languages' and dialects' words mixed into an English message (Hinglish: "LDN kab lena chahiye, subah ya raat
ko?"; Spanglish: "mi hija has SLE, dónde la puedo comprar?"; Taglish: "Ano po ba talaga yung LDN?"; Scots, Caribbean
English) read as the English words meant, before triage and the classifier read it."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot.nlu import language
from bot.nlu.components import TextRewriter, _Stateless

_LANGUAGE = language.load()
# A word as written, letters only ("hai", "chahiye"); "Crohn's" and "4.5" are left alone.
_WORD = re.compile(r"(?<![\w'\u2019.])[^\W\d_]+(?![\w'\u2019])")
_OPENING_MARKS = re.compile("[\u00bf\u00a1]")
# The languages read, in the order read (the language's `mixed_in`), each with its words (`<language>_words`), its
# words that are English words too (`<language>_words_also_english`) and its phrases (`<language>_phrases`).
MIXED_IN = tuple(str(name) for name in _LANGUAGE.raw["words"]["mixed_in"])
# A message with this many words (or phrases) of one of them and no English word is written in it: its words that are
# English words too ("main", "pet", "se" in Hindi; "con", "mi" in Spanish) are read as that language's as well. One
# such word alone ("cannot get neend") is read, the rest left as English.
MIN_WORDS_WRITTEN_IN_IT = 2
# "koi" (any) before a "nahi" (no) in its clause: what is denied ("Papa ko koi chest pain nahi hai", triage round 67).
_NONE_OF = _LANGUAGE.pattern("hindi_none_of")


@lru_cache(maxsize=len(MIXED_IN))
def _glossaries(mixed_in: str) -> tuple[Dict[str, str], Dict[str, str]]:
    return _LANGUAGE.pairs(f"{mixed_in}_words"), _LANGUAGE.pairs(f"{mixed_in}_words_also_english")


@lru_cache(maxsize=len(MIXED_IN))
def _phrases(mixed_in: str) -> tuple[re.Pattern[str], Dict[str, str]]:
    """Phrases whose words alone mean something else ("saans nahi aa rahi" is "can't breathe"), longest first."""
    meant = _LANGUAGE.pairs(f"{mixed_in}_phrases")
    alternatives = "|".join(re.escape(p) for p in sorted(meant, key=len, reverse=True))
    return re.compile(rf"(?<![\w'])(?:{alternatives})(?![\w'])", re.IGNORECASE), meant


def read_as_english(text: str) -> str:
    """The text with the phrases and words of each language of `MIXED_IN` as the English words meant (a word meant as
    no word goes); text with none, as it is."""
    # (Spanish opens a question or an exclamation with a mark of its own: "¿se puede tomar con la metformina?")
    text = _OPENING_MARKS.sub("", text)
    for mixed_in in MIXED_IN:
        text = _read(text, mixed_in)
    return text


def _read(text: str, mixed_in: str) -> str:
    words, also_english = _glossaries(mixed_in)
    phrases, meant = _phrases(mixed_in)
    text, phrases_read = phrases.subn(lambda m: meant[m.group(0).lower()], text)
    if mixed_in == "hindi":
        # (Hindi denies after the thing denied: "koi chest pain nahi hai" is "no chest pain", not "any chest pain")
        text = _NONE_OF.sub("no", text)
    found = [m.group(0).lower() for m in _WORD.finditer(text)]
    if not any(word in words for word in found):
        return text
    # (a phrase read counts as one of the words: "mi hijo se tomó my whole bottle")
    written_in_it = phrases_read + sum(word in words for word in found)
    glossary = {**also_english, **words} if written_in_it >= MIN_WORDS_WRITTEN_IN_IT else words
    read = _WORD.sub(lambda m: glossary.get(m.group(0).lower(), m.group(0)), text)
    # (a particle meant as no word leaves no double space, nor a space before a mark)
    return re.sub(r"\s+([,.?!;:])", r"\1", re.sub(r"[ \t]{2,}", " ", read)).strip()


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class MixedLanguage(TextRewriter, _Stateless):
    """Rewrites a message's words of other languages and dialects as English, before triage and the classifier read it
    (the training data is left)."""

    rewrite = staticmethod(read_as_english)
