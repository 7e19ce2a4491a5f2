"""Reads entity_patterns.yml into spaCy entity-ruler patterns and a phrase-to-id lookup."""

import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional

from bot import strict_yaml

PATTERNS_FILE = Path(__file__).with_name("entity_patterns.yml")


# A word's "-ing" as said and written with its g dropped ("expectin in October", "while she's carryin", round 133).
_ING = re.compile(r"\b([a-z]{3,})ing\b")


@lru_cache(maxsize=1)
def _raw() -> dict:
    """The file, each phrase joined by its form with every "-ing" said without the g."""
    raw = strict_yaml.load(PATTERNS_FILE)
    for groups in raw["phrases"].values():
        for ident, phrases in groups.items():
            said = [_ING.sub(r"\1in", str(p).lower()) for p in phrases]
            groups[ident] = list(dict.fromkeys([*phrases, *said]))
    return raw


def ruler_patterns() -> List[dict]:
    patterns = []
    for label, groups in _raw()["phrases"].items():
        for ident, phrases in groups.items():
            patterns += [{"label": label, "pattern": str(p).lower(), "id": ident} for p in phrases]
    for label, token_patterns in _raw()["tokens"].items():
        # (a token pattern may name the id it stands for, like a phrase: {id: where to get LDN, pattern: [...]})
        patterns += [
            {"label": label, "pattern": p["pattern"], "id": p["id"]}
            if isinstance(p, dict)
            else {"label": label, "pattern": p}
            for p in token_patterns
        ]
    return patterns


def phrase_ids(label: str) -> Dict[str, str]:
    """phrase -> id for one label, e.g. {'breakfast': 'morning', ...}."""
    return {str(p).lower(): ident for ident, phrases in _raw()["phrases"][label].items() for p in phrases}


def phrase_id(label: str, phrase: str):
    """The canonical id of one matched phrase, or None (token patterns and unknown labels)."""
    groups = _raw()["phrases"].get(label)
    return _phrase_index().get((label, phrase.lower())) if groups else None


@lru_cache(maxsize=1)
def _phrase_index() -> Dict[tuple, str]:
    return {
        (label, str(p).lower()): ident
        for label, groups in _raw()["phrases"].items()
        for ident, phrases in groups.items()
        for p in phrases
    }


@cache
def entity_ids(label: Optional[str] = None) -> FrozenSet[str]:
    """Every canonical id of one phrase label (or of all): the only entity values a reply may show."""
    return frozenset(ident for name, groups in _raw()["phrases"].items() if label in (None, name) for ident in groups)


def known_phrases() -> List[str]:
    """Every phrase of the article's subjects (all phrase labels but NOT_COVERED)."""
    return [
        str(p).lower()
        for label, groups in _raw()["phrases"].items()
        if label != "NOT_COVERED"
        for phrases in groups.values()
        for p in phrases
    ]


def subject_phrases() -> List[str]:
    """Phrases naming the article's own subjects: its conditions and symptoms."""
    return [
        str(p).lower()
        for label in ("CONDITION", "SYMPTOM")
        for phrases in _raw()["phrases"][label].values()
        for p in phrases
    ]
