"""The fix to medspaCy's span-overlap test (bot/triage/context_scope.py): the same answers where medspaCy's are right."""

import itertools

from medspacy.util import tuple_overlaps

from bot.triage.context_scope import overlaps

SPANS = [(a, b) for a, b in itertools.product(range(8), repeat=2) if a < b]


def _share_a_token(a, b) -> bool:
    return bool(set(range(*a)) & set(range(*b)))


def test_it_answers_whether_two_spans_share_a_token() -> None:
    for a, b in itertools.product(SPANS, repeat=2):
        assert overlaps(a, b) is _share_a_token(a, b), (a, b)


def test_it_agrees_with_medspacy_except_where_the_second_span_holds_the_first_whole() -> None:
    for a, b in itertools.product(SPANS, repeat=2):
        holds = b[0] < a[0] and a[1] < b[1]
        if not holds:
            assert overlaps(a, b) == tuple_overlaps(a, b), (a, b)
    # Where it differs: the reach of "no" (1, 5) inside a "but"'s whole sentence (0, 7).
    assert not tuple_overlaps((1, 5), (0, 7)) and overlaps((1, 5), (0, 7))


def test_the_triage_rules_use_it() -> None:
    from medspacy.context import context_graph, context_modifier

    from bot.triage.decide import rules

    rules("en")
    assert context_modifier.tuple_overlaps is overlaps and context_graph.tuple_overlaps is overlaps
