"""Reads near_topics.yml and finds the near topic a message names or describes by its signs, typos included."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List, Optional, Tuple

from bot import strict_yaml
from bot.nlu.typos import MAX_EDITS, TypoIndex, deletions, in_dictionary, is_word_form, swaps

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
    # Its signs as patients tell them (near_topics.yml `signs`): groups of signs, each sign the word slots that
    # must all be filled in one sentence, each slot a word's forms; `needs` groups must be told.
    signs: Tuple[Tuple[Tuple[FrozenSet[str], ...], ...], ...] = ()
    needs: int = 2
    # A common complaint the article could only name as a side effect (near_topics.yml `side_effect`): asked as
    # something LDN might treat ("does ldn help with headaches"), the article doesn't cover it.
    side_effect: bool = False


def tokens(text: str) -> List[str]:
    """Lower-case ASCII words, possessives cut off ("Sjögren's" -> "sjogren")."""
    from bot.nlu.domain_gate import words  # one tokeniser for the gate and the near topics

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return [w.strip("'") for w in words(ascii_text) if w.strip("'")]


def _sign(spec: str) -> Tuple[FrozenSet[str], ...]:
    """ "rash cheeks/cheek/nose" -> ({rash}, {cheeks, cheek, nose}): words told together, in any order."""
    return tuple(frozenset(tokens(" ".join(slot.split("/")))) for slot in spec.split())


@lru_cache(maxsize=1)
def load() -> Dict[str, NearTopic]:
    raw = strict_yaml.load(NEAR_TOPICS_FILE)["entries"]
    return {
        ident: NearTopic(
            ident,
            body["name"],
            body["topic"],
            body["bridge"],
            tuple(tuple(tokens(str(m))) for m in body.get("match") or ()),
            bool(body.get("comparison_only")),
            tuple(body.get("own_signs") or ()),
            tuple(tuple(_sign(str(spec)) for spec in group) for group in (body.get("signs") or {}).values()),
            int(body.get("needs", 2)),
            bool(body.get("side_effect")),
        )
        for ident, body in raw.items()
    }


def words_of(entry: NearTopic) -> FrozenSet[str]:
    """Every word of the entry's names and signs: the subject's own words, never foreign to the assistant."""
    signs = {w for group in entry.signs for sign in group for slot in sign for w in slot}
    return frozenset({w for name in entry.match for w in name} | signs)


def _same(word: str, known: str) -> bool:
    from bot.nlu.domain_gate import _edit_distance_at_most, _typo_limit

    return word == known or (
        len(known) >= 5
        and _edit_distance_at_most(word, known, _typo_limit(known))
        # (nor a form of one: "blaming" is no "bloating", round 101)
        and not is_word_form(word)
        # (two letters off the name, and one slip from a dictionary word, is that word: "the receptor blokcing
        # thing" is "blocking", not "bloating", round 88)
        and (_edit_distance_at_most(word, known, 1) or not _slip_of_a_word(word))
    )


def _slip_of_a_word(word: str) -> bool:
    """Two neighbouring letters swapped, or one letter added, in a dictionary word."""
    return any(in_dictionary(form) for form in swaps(word) | (deletions(word, 1) - {word}))


@lru_cache(maxsize=1)
def condition_words() -> FrozenSet[str]:
    """Every word of the entries that name a condition (not a medicine compared with LDN)."""
    return frozenset(w for e in load().values() if not e.comparison_only for w in words_of(e))


@lru_cache(maxsize=1)
def _name_words() -> TypoIndex:
    """Every word of every name, indexed for typos (bot/nlu/typos.py)."""
    return TypoIndex(w for entry in load().values() for w in words_of(entry))


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
    """The near topic named first in the text, or else the first (in the file) whose signs it tells, or None."""
    return find_named(text) or described(text)


def _tells(sentences: Iterable[FrozenSet[str]], sign: Tuple[FrozenSet[str], ...]) -> bool:
    """Some sentence fills every slot of the sign (its words, or typos of them)."""
    return any(all(slot & sentence for slot in sign) for sentence in sentences)


def described(text: str) -> Optional[NearTopic]:
    """The first entry (in the file) whose signs the text tells, as many groups of them as it needs, or None."""
    # Each sentence as the set of name and sign words its words are, or are typos of.
    sentences = [
        frozenset(known for word in tokens(part) for known in _matches(word))
        for part in re.split(r"[.!?;\n]+", text)
        if part.strip()
    ]
    for entry in load().values():
        if entry.signs and sum(any(_tells(sentences, sign) for sign in group) for group in entry.signs) >= entry.needs:
            return entry
    return None


def find_named(text: str) -> Optional[NearTopic]:
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
