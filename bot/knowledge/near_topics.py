"""Reads near_topics.yml and finds the near topic a message names, typos included."""

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

from bot.nlu.typos import MAX_EDITS, TypoIndex, in_dictionary

NEAR_TOPICS_FILE = Path(__file__).with_name("near_topics.yml")


@dataclass(frozen=True)
class NearTopic:
    """A subject the article does not name, and the article topic it relates to."""

    id: str
    name: str
    topic: str
    bridge: str
    match: Tuple[Tuple[str, ...], ...]
    comparison_only: bool = False
    # NOT_COVERED subjects that are this subject's own sign (near_topics.yml `own_signs`).
    own_signs: Tuple[str, ...] = ()


def tokens(text: str) -> List[str]:
    """Lower-case ASCII words, possessives cut off ("Sjögren's" -> "sjogren")."""
    from bot.nlu.domain_gate import words  # one tokeniser for the gate and the near topics

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return [w.strip("'") for w in words(ascii_text) if w.strip("'")]


@lru_cache(maxsize=1)
def load() -> Dict[str, NearTopic]:
    raw = yaml.safe_load(NEAR_TOPICS_FILE.read_text(encoding="utf-8"))["entries"]
    return {
        ident: NearTopic(
            ident,
            body["name"],
            body["topic"],
            body["bridge"],
            tuple(tuple(tokens(str(m))) for m in body["match"]),
            bool(body.get("comparison_only")),
            tuple(body.get("own_signs") or ()),
        )
        for ident, body in raw.items()
    }


def _same(word: str, known: str) -> bool:
    from bot.nlu.domain_gate import _edit_distance_at_most, _typo_limit

    return word == known or (
        len(known) >= 5 and _edit_distance_at_most(word, known, _typo_limit(known)) and not in_dictionary(word)
    )


@lru_cache(maxsize=1)
def _name_words() -> TypoIndex:
    """Every word of every name, indexed for typos (bot/nlu/typos.py)."""
    return TypoIndex(w for entry in load().values() for name in entry.match for w in name)


@lru_cache(maxsize=16384)
def _matches(word: str) -> frozenset:
    """The name words this word is, or is a typo of."""
    return frozenset(known for known in _name_words().candidates(word, MAX_EDITS) if _same(word, known))


@lru_cache(maxsize=1)
def _names_by_first_word() -> Dict[str, List[Tuple[int, Tuple[str, ...], NearTopic]]]:
    """Each name under its first word, with its entry's place in the file (the earlier entry wins a tie)."""
    index: Dict[str, List[Tuple[int, Tuple[str, ...], NearTopic]]] = {}
    for order, entry in enumerate(load().values()):
        for name in entry.match:
            index.setdefault(name[0], []).append((order, name, entry))
    return index


@lru_cache(maxsize=4096)
def find(text: str) -> Optional[NearTopic]:
    """The near topic named first in the text (the longest name where two start together), or None."""
    words = tokens(text)
    seen = {word: _matches(word) for word in set(words)}
    by_first = _names_by_first_word()
    for start, word in enumerate(words):
        # Only names whose first word this word is (or is a typo of) can start here.
        found = [
            (-len(name), order, entry)
            for first in seen[word]
            for order, name, entry in by_first.get(first, ())
            if start + len(name) <= len(words) and all(part in seen[words[start + i]] for i, part in enumerate(name))
        ]
        if found:
            return min(found, key=lambda f: f[:2])[2]
    return None
