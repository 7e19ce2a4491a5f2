"""Reads a language's triage data (concepts, findings, context rules, figures of speech) and cleans text."""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from bot import strict_yaml

HERE = Path(__file__).parent
# Typos are corrected only in words this long or longer: shorter ones have too many neighbours.
TYPO_MIN_LENGTH = 5
# Two typos ("seezur", "axident", "brething") are corrected only in words this long, to a word of the
# lexicon with the same first letter, and only when exactly one is that close: patients who spell by
# ear make two slips in one word about as often as one.
TWO_TYPOS_MIN_LENGTH = 6
# ...and only in words outside this many of the most frequent English words: "fainting" (rank ~41,000)
# is a word, not "fitting" misspelt; real misspellings such as "seezur" are not in the list at all.
KNOWN_WORDS = 150000
# This many of the most frequent English words are never "corrected" (a real word is not a typo).
COMMON_WORDS = 30000
CACHE_SIZE = 20000


@dataclass(frozen=True)
class Finding:
    """A sign the rules look for: classes of words found together, and what it means."""

    id: str
    level: str
    classes: Tuple[str, ...]
    window: int
    strong: bool
    group: str
    needs_any: Tuple[str, ...] = ()
    needs_all: Tuple[str, ...] = ()
    # False: it only ever supports another finding of its group (never decides, even with SUDDEN).
    alone: bool = True


@dataclass(frozen=True)
class Lexicon:
    language: str
    concepts: Dict[str, Tuple[str, ...]]
    findings: Tuple[Finding, ...]
    context: Tuple[dict, ...]
    figurative: Tuple[str, ...]
    tokens: Dict[str, list]
    rewrites: Tuple[Tuple[str, str], ...]
    vocabulary: frozenset = field(default_factory=frozenset)


# The words whose "not" the text is read with ("is not" -> "isnt").
_NOT_AFTER = ("do", "does", "did", "is", "was", "are", "were", "has", "have", "had", "could", "would", "should")
_NOT_JOINED = re.compile(rf"\b({'|'.join(_NOT_AFTER)}) not\b")
# ... of which those of a state now: a phrase of the lists that starts with "not" is read after each as well ("he is
# not waking up"). Not the past ("I was not breathing good" three years ago, "I wasn't breathing weird") nor "do"
# ("don't talk to me about it").
_NOW_NOT = ("is", "are", "has", "have")


def _with_not_joined(terms: Tuple[str, ...]) -> Tuple[str, ...]:
    """The terms, and each that starts with "not" as read after "is", "has"... ("not waking up" -> "isnt waking up":
    "he is not waking up" is read as "he isnt waking up", triage round 66)."""
    joined = tuple(f"{word}nt {term[4:]}" for term in terms if term.startswith("not ") for word in _NOW_NOT)
    return terms + tuple(t for t in joined if t not in terms)


_ELLIPSIS = re.compile(r"\s*(?:\.{2,}|\u2026)\s*")
# One to three words said again at once, a pause between or not.
_SAID_TWICE = re.compile(r"\b(\w+(?:\s+\w+){0,2})(?:\s*,)?\s+\1\b")


def as_said_once(text: str) -> str:
    """A message's ellipses as the pauses in a thought they are, not its end ("he's not breathing right, big gaps
    between... I've got the narcan"), and words said twice in a stammer said once ("he's not he's not breathing",
    "dying... dying to know", triage round 70). For messages, not the lexicon's phrases ("oh no no" is a phrase)."""
    return _SAID_TWICE.sub(r"\1", _ELLIPSIS.sub(" , ", text))


def normalise(text: str) -> str:
    """Lower case, curly quotes straightened, apostrophes dropped ("can't" -> "cant"), line breaks as full stops,
    spaces folded."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = re.sub(r"(\w)'(\w)", r"\1\2", text).replace("'", " ")
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)  # "post-stroke", "self-harm"
    text = re.sub(r"\bcannot\b", "cant", text)
    # "do not want to live" reads as "dont want to live": one spelling for the phrase lists.
    text = _NOT_JOINED.sub(r"\1nt", text)
    text = re.sub(r"\bwill not\b", "wont", text)
    # A line break ends a sentence (and joins two messages read together, bot/dialogue/safety_policy.py):
    # kept as a full stop, so no denial or time reaches across it.
    text = re.sub(r"[ \t]*[\r\n]+\s*", " . ", text.strip())
    return " ".join(text.split())


@lru_cache(maxsize=4)
def load(language: str = "en") -> Lexicon:
    raw = strict_yaml.load(HERE / f"{language}.yml")
    concepts = {
        name: _with_not_joined(tuple(normalise(str(t)) for t in terms)) for name, terms in raw["concepts"].items()
    }
    for name in raw.get("tokens") or {}:
        if name != "FIGURATIVE":
            concepts.setdefault(name, ())
    findings = []
    for f in raw["findings"]:
        classes = tuple(f.get("all") or ())
        if f.get("any"):
            inline = f"_{f['id'].upper()}"
            concepts[inline] = _with_not_joined(tuple(normalise(str(t)) for t in f["any"]))
            classes = (inline,)
        unknown = [
            c for c in classes + tuple(f.get("needs_any", ())) + tuple(f.get("needs_all", ())) if c not in concepts
        ]
        if unknown:
            raise ValueError(f"triage finding {f['id']}: unknown classes {unknown}")
        findings.append(
            Finding(
                id=f["id"],
                level=str(f["level"]),
                classes=classes,
                window=int(f.get("window", 8)),
                strong=f.get("strength") == "strong",
                group=f["group"],
                needs_any=tuple(f.get("needs_any", ())),
                needs_all=tuple(f.get("needs_all", ())),
                alone=f.get("alone", True),
            )
        )
    vocabulary = frozenset(
        w
        for terms in concepts.values()
        for term in terms
        for w in term.split()
        if len(w) >= TYPO_MIN_LENGTH and w.isalpha()
    )
    return Lexicon(
        language=language,
        concepts=concepts,
        findings=tuple(findings),
        context=tuple(raw["context"]),
        tokens=raw.get("tokens") or {},
        rewrites=tuple((normalise(k), normalise(v)) for k, v in (raw.get("rewrites") or {}).items()),
        figurative=tuple(normalise(p) for p in raw["figurative"]),
        vocabulary=vocabulary,
    )


@lru_cache(maxsize=1)
def _ranked_words() -> Tuple[str, ...]:
    """The most frequent English words, most frequent first: read once for every size below."""
    from bot.nlu.domain_gate import ranked_everyday_words

    return tuple(ranked_everyday_words(max(COMMON_WORDS, KNOWN_WORDS)))


@lru_cache(maxsize=2)
def common_words(count: int = COMMON_WORDS) -> frozenset:
    """The most frequent English words (spacy-lookups-data, installed with the project): never typos."""
    if count > max(COMMON_WORDS, KNOWN_WORDS):
        raise ValueError(f"common_words: at most {max(COMMON_WORDS, KNOWN_WORDS)} words are read")
    return frozenset(_ranked_words()[:count])


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion, substitution or swap of neighbours."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _edits(a: str, b: str, limit: int = 2) -> int:
    """The optimal-string-alignment distance between a and b, or limit + 1 when it is above limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: List[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], previous2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        previous2, previous = previous, row
    return previous[-1]


class Speller:
    """Corrects a word one typo away from exactly one word of the lexicon ("brething" -> "breathing")."""

    def __init__(self, lexicon: Lexicon, common: frozenset, known: frozenset = frozenset()):
        self.vocabulary = lexicon.vocabulary
        self.common = common
        self.known = known
        self.by_length: Dict[int, List[str]] = {}
        for word in self.vocabulary:
            self.by_length.setdefault(len(word), []).append(word)
        self.cache: Dict[str, Optional[str]] = {}

    def correct(self, word: str) -> str:
        if word.endswith("in") and word + "g" in self.vocabulary:
            # The "g" dropped as it is said, common or not: "friend not breathin after pills" (triage round 59).
            return word + "g"
        if len(word) < TYPO_MIN_LENGTH or not word.isalpha() or word in self.vocabulary or word in self.common:
            return word
        if word not in self.cache:
            if len(self.cache) > CACHE_SIZE:  # strangers' random words must not grow it for ever
                self.cache.clear()
            near = [
                w
                for n in (len(word) - 1, len(word), len(word) + 1)
                for w in self.by_length.get(n, ())
                if _one_edit(word, w)
            ]
            if not near and len(word) >= TWO_TYPOS_MIN_LENGTH and word not in self.known:
                near = [
                    w
                    for n in range(len(word) - 2, len(word) + 3)
                    for w in self.by_length.get(n, ())
                    if w[0] == word[0] and _edits(word, w) <= 2
                ]
            self.cache[word] = near[0] if len(near) == 1 else None
        return self.cache[word] or word
