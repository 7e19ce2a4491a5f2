"""Text dictated by voice, read as typed: its spoken punctuation as marks ("question mark" -> "?"), its spoken edits done,
a name heard in pieces written as one ("nal tracks zone", "tram a doll"), a name spelled by its letters or their names
as the letters ("el dee en", "c r p s"), a number said with its point in digits ("four point five")."""

from __future__ import annotations

import re
import string
from functools import lru_cache
from typing import FrozenSet, List, Pattern, Tuple

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot.nlu import language, patterns
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
# A mark that is a word too ("period") said this many times is said as a mark.
SAID_AGAIN = 2
# A letter written alone is its own name too ("c r p s", "m s", round 145), but "u", texting's "you" ("u c what i mean").
_LETTER_NAMES = {**{c: c for c in string.ascii_lowercase if c != "u"}, **_LANGUAGE.pairs("letter_names")}
# The most letters a name spelled out may have ("CRPS", "PTSD"), so a run of letters alone is searched in bounded time.
MAX_SPELLED_LETTERS = 6
_LETTER_NAME = re.compile(rf"\b(?:{'|'.join(map(re.escape, _LETTER_NAMES))})\b", re.IGNORECASE)
# Letters' names one after another, a space, dot or hyphen between them ("el dee en", "em-ess").
_SPELLED = re.compile(rf"{_LETTER_NAME.pattern}(?:[\s.-]+{_LETTER_NAME.pattern})+", re.IGNORECASE)
# A letter's name heard, then the letters after it written as capitals ("el DN", round 127).
_NAME_THEN_CAPITALS = re.compile(rf"(?i:{_LETTER_NAME.pattern})[\s.-]+([A-Z]{{1,4}})\b")
# A number said with its decimal point, as a voice writes a dose ("four point five", "one point five", "oh point
# five", round 140): the digits. ("point" alone stays a word: "at this point".)
_DIGITS = {
    **{w: d for w, d in _LANGUAGE.pairs("number_words").items() if len(d) == 1},
    **{w: "0" for w in _LANGUAGE.words("spoken_zero")},
}
_DIGIT = rf"(?:{'|'.join(_DIGITS)})"
_SPOKEN_DECIMAL = re.compile(rf"\b({_DIGIT})\s+point\s+({_DIGIT}(?:\s+{_DIGIT})?)\b", re.IGNORECASE)


def decimals_heard(text: str) -> str:
    """The text with each number said with its point written in digits ("four point five" -> "4.5")."""
    return _SPOKEN_DECIMAL.sub(
        lambda m: _DIGITS[m.group(1).lower()] + "." + "".join(_DIGITS[w.lower()] for w in m.group(2).split()), text
    )


@lru_cache(maxsize=1)
def _names_spelled() -> FrozenSet[str]:
    """The one-word names the NLU knows (LDN, the article's subjects, the near topics): what spelled letters may make.
    Only these: "why are you" spells no name."""
    from bot.knowledge import near_topics

    words = {p for p in patterns.known_phrases() if p.isalpha()} | set(_LANGUAGE.words("anchors"))
    words |= {name[0] for entry in near_topics.load().values() for name in entry.match if len(name) == 1}
    return frozenset(words)


def letters_heard(text: str) -> str:
    """The text with a name spelled by its letters' names written as the letters ("does el dee en help em ess" ->
    "does LDN help MS"); the longest run that spells a known name, in a run of letters' names."""
    for run in reversed(list(_SPELLED.finditer(text))):
        names: List[re.Match[str]] = list(_LETTER_NAME.finditer(run.group(0)))
        # (no name the NLU knows is longer: a long run of letters alone is searched in bounded time)
        for size in range(min(len(names), MAX_SPELLED_LETTERS), 1, -1):
            spelled = next(
                (
                    (i, letters)
                    for i in range(len(names) - size + 1)
                    if (letters := "".join(_LETTER_NAMES[n.group(0).lower()] for n in names[i : i + size]))
                    in _names_spelled()
                ),
                None,
            )
            if spelled:
                i, letters = spelled
                start, end = run.start() + names[i].start(), run.start() + names[i + size - 1].end()
                text = text[:start] + letters.upper() + text[end:]
                break
    for run in reversed(list(_NAME_THEN_CAPITALS.finditer(text))):
        # (the name as the pattern read it: "P.S. I" starts with the letter "P", not "p.s")
        name = _LETTER_NAME.match(run.group(0))
        letters = (_LETTER_NAMES[name.group(0).lower()] if name else "") + run.group(1).lower()
        if letters in _names_spelled():
            text = text[: run.start()] + letters.upper() + text[run.end() :]
    return text


def is_dictated(text: str) -> bool:
    """Spoken punctuation no typist writes ("question mark", "comma"), or a spoken edit ("scratch that"); or a mark that
    is a word too said twice or more ("... better off without me to take care of period my family would finally get
    their lives back period anyway", triage round 73)."""
    return (
        bool(_EDIT.search(text))
        or any(p.search(text) for p, _, also_word in _marks() if not also_word)
        or any(len(p.findall(text)) >= SAID_AGAIN for p, _, also_word in _marks() if also_word)
    )


def as_typed(text: str) -> str:
    """The dictated text as it would have been typed; any other text as it is ("my period is late" keeps its word), but
    for a name heard in pieces."""
    text = decimals_heard(letters_heard(names_heard(text)))
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
