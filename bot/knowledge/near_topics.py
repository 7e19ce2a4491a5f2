"""Reads near_topics.yml and finds the near topic a message names, typos included."""

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

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
        )
        for ident, body in raw.items()
    }


def _same(word: str, known: str) -> bool:
    from bot.nlu.domain_gate import _edit_distance_at_most, _typo_limit

    return word == known or (len(known) >= 5 and _edit_distance_at_most(word, known, _typo_limit(known)))


@lru_cache(maxsize=1)
def _name_words() -> Dict[int, List[str]]:
    """Every word of every name, by length (a typo changes the length by two letters at most)."""
    by_length: Dict[int, List[str]] = {}
    for entry in load().values():
        for word in {w for name in entry.match for w in name}:
            by_length.setdefault(len(word), []).append(word)
    return by_length


@lru_cache(maxsize=16384)
def _matches(word: str) -> frozenset:
    """The name words this word is, or is a typo of."""
    index = _name_words()
    return frozenset(
        known for length in range(len(word) - 2, len(word) + 3) for known in index.get(length, ()) if _same(word, known)
    )


@lru_cache(maxsize=4096)
def find(text: str) -> Optional[NearTopic]:
    """The near topic named first in the text (the longest name where two start together), or None."""
    words = tokens(text)
    seen = {word: _matches(word) for word in set(words)}
    best: Optional[Tuple[int, int, NearTopic]] = None
    for entry in load().values():
        for name in entry.match:
            for start in range(len(words) - len(name) + 1):
                if all(part in seen[words[start + i]] for i, part in enumerate(name)):
                    key = (start, -len(name), entry)
                    if best is None or key[:2] < best[:2]:
                        best = key
                    break
    return best[2] if best else None
