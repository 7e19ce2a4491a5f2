"""A message written in fragments, a full stop after every few words ("side effects. which ones. the common ones."), read
as one sentence: its stops made commas, so that what it asks is read with what it names ("hashimoto. I have that too.
forgot to say. relevant?", round 127)."""

from __future__ import annotations

import re
from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot.nlu import language
from bot.nlu.components import TextRewriter, _Stateless

_LANGUAGE = language.load()
_WORD = _LANGUAGE.pattern("word")
_OPEN_ENDS = _LANGUAGE.words("open_ends")
_CONTINUING_STARTS = _LANGUAGE.words("continuing_starts")
_ABBREVIATIONS = _LANGUAGE.words("abbreviations")
_OWN_QUESTION_STARTS = _LANGUAGE.words("own_question_starts")
_QUESTION_STARTS = _LANGUAGE.words("question_starts")
_PLEASANTRY = _LANGUAGE.pattern("pleasantry")
# A piece's end: a full stop, question or exclamation mark (not a decimal point, nor one of an ellipsis) before a space.
_PIECE_END = re.compile(r"(?<!\.)[.?!](?=\s+\S)")
# A piece of at most this many words is a fragment ("which ones", "in genral"); sentences are longer.
FRAGMENT_WORDS = 2
# So many fragments make a message written in fragments; one short sentence ("I have MS.") does not.
MIN_FRAGMENTS = 2
MIN_PIECES = 3


def _is_fragment(piece: str) -> bool:
    words = _WORD.findall(piece.lower())
    # (letters alone are an abbreviation's, "P.S.")
    if all(len(w) == 1 for w in words) or _PLEASANTRY.match(piece.strip()):
        return False
    return len(words) <= FRAGMENT_WORDS or words[-1] in _OPEN_ENDS


def as_one_sentence(text: str) -> str:
    """The text with the full stops between its fragments made commas (or dropped where the words go on: "than. ssris",
    "down. to 3"), when it is written in fragments; any other text as it is. The stops around a piece that begins
    "and ..." stay, and around each of two questions or more: the piece is a question of its own."""
    ends = [m.start() for m in _PIECE_END.finditer(text)]
    bounds = [0] + [e + 1 for e in ends] + [len(text)]
    pieces = [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    if len(pieces) < MIN_PIECES or sum(_is_fragment(p.rstrip(".?! ")) for p in pieces) < MIN_FRAGMENTS:
        return text
    firsts = [(_WORD.findall(p.lower()) or [""])[0] for p in pieces]
    # (two questions or more, each its own: "does it help fibro. does it wreck sleep.")
    own = _OWN_QUESTION_STARTS | (_QUESTION_STARTS if sum(w in _QUESTION_STARTS for w in firsts) > 1 else frozenset())
    joined: List[str] = list(text)
    for end, first_before, first in zip(ends, firsts[:-1], firsts[1:], strict=True):
        before = _WORD.findall(text[:end].lower())
        # (the stops on both sides of a question of its own stay: "and what even is it. sorry.")
        if text[end] == "." and not (before and before[-1] in _ABBREVIATIONS) and not {first_before, first} & own:
            # (after a word no sentence ends on, or before one that goes on, no mark at all: "is it better than. ssris."
            # -> "than ssris", "go back down. to 3." -> "down to 3")
            goes_on = (before and before[-1] in _OPEN_ENDS) or first in _CONTINUING_STARTS
            joined[end] = "" if goes_on else ","
    return "".join(joined)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class Fragments(TextRewriter, _Stateless):
    """Reads a message written in fragments as one sentence, before the classifier reads it (the training data is
    left)."""

    rewrite = staticmethod(as_one_sentence)
