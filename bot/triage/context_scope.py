"""A fix to medspaCy's span-overlap test, so a cue's reach ends where ConText says it ends ("no fever, but can't breathe")."""

from typing import Tuple


def overlaps(a: Tuple[int, int], b: Tuple[int, int]) -> bool:
    """Whether two (start, end) token spans share a token.

    medspaCy's own `tuple_overlaps` only asks whether b's start or end falls inside a, so it misses b when b holds a
    whole: a "but", a "now" or a "can't" (whose reach is the whole sentence) was never seen to overlap the short reach
    of "no" (four words), and so never ended it. "no fever, but can't breathe" read as no trouble breathing."""
    return a[0] < b[1] and b[0] < a[1]


def apply() -> None:
    """Uses `overlaps` in medspaCy's ConText (its modifier and graph modules import the test by name)."""
    from medspacy.context import context_graph, context_modifier

    context_modifier.tuple_overlaps = overlaps
    context_graph.tuple_overlaps = overlaps
