"""Shorthand read as the words meant ("s/e" -> "side effects", "w/" -> "with", "L.D.N." -> "LDN"), before triage and the
classifier."""

from __future__ import annotations

import re
from functools import lru_cache, partial
from typing import Pattern, Tuple

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot.nlu import language
from bot.nlu.components import TextRewriter, _Stateless

_LANGUAGE = language.load()


@lru_cache(maxsize=1)
def _forms() -> Tuple[Tuple[Pattern[str], str], ...]:
    """Each shorthand as a pattern that finds it as a whole word, longest first ("w/o" before "w/")."""
    out = []
    for written, meant in sorted(_LANGUAGE.pairs("shorthand").items(), key=lambda pair: -len(pair[0])):
        # (a form that ends in a mark runs into the next word: "w/my meds", "re:dosing")
        after = "" if not written[-1].isalnum() else r"(?![\w/])"
        out.append((re.compile(rf"(?<![\w/]){re.escape(written)}{after}(?=(\w)?)", re.IGNORECASE), meant))
    return tuple(out)


def _is_a_name(text: str, match: re.Match[str]) -> bool:
    """A form written like a name inside a sentence ("my neighbour Moa asked"): a name, not shorthand."""
    form = match.group(0)
    return (
        form.isalpha()
        and form.istitle()
        and len(form) > 1
        and text[: match.start()].rstrip()[-1:] not in ("", ".", "?", "!")
    )


# Initials written with a stop after each letter ("L.D.N.", "M.S.", "N.H.S."), and what follows them.
_DOTTED_INITIALS = re.compile(r"(?<![\w.])((?:[A-Z]\.){2,})(?=(\s+[A-Z]|\s*$)?)")


def _initials(match: re.Match[str]) -> str:
    """Dotted initials as one word ("L.D.N." -> "LDN"), with the last stop kept where it ends a sentence too: before a
    capital or at the end ("With the L.D.N. Is that permitted")."""
    return match.group(1).replace(".", "") + ("." if match.group(2) is not None else "")


def spelled_out(text: str) -> str:
    """The text with its shorthand written out; text without any, as it is."""
    # (the stops would end sentences: "Will the N.H.S. pay for L.D.N." is one question)
    text = _DOTTED_INITIALS.sub(_initials, text)
    for pattern, meant in _forms():
        text = pattern.sub(partial(_written_out, text, meant), text)
    return text


def _written_out(text: str, meant: str, match: re.Match[str]) -> str:
    """What one match of a form becomes: the words meant (a space after them if a word follows), or a name as it is."""
    return match.group(0) if _is_a_name(text, match) else meant + (" " if match.group(1) else "")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class Shorthand(TextRewriter, _Stateless):
    """Rewrites a message's shorthand as words, before triage and the classifier read it (the training data is left)."""

    rewrite = staticmethod(spelled_out)
