"""Groups near-duplicate messages ("does ldn help long covid?" ~ "can LDN help with long covid") and counts them."""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Dict, Iterable, List, Set, Tuple

# Words that change little about what was asked.
STOPWORDS = frozenset(
    """a an the and or but if of to in on at for with about from by as is are was were be been
being do does did can could would should will shall may might must i me my we our you your it its this that these
those there here what which who whom whose how why when where any some please just really so very too also ok okay
hi hello hey thanks thank tell know want need like get got have has had am not no yes ldn naltrexone low dose""".split()
)
_WORD = re.compile(r"[a-z0-9]+")
# Two messages are one question when this share of their words (Jaccard) is the same.
SIMILAR = 0.6


@dataclass
class Group:
    """Near-duplicate messages: the most common wording, how many, and other wordings seen."""

    text: str
    count: int
    variants: List[str]
    kinds: Counter


def _stem(word: str) -> str:
    # Enough to match "effects"/"effect" and "helps"/"helping": no dictionary needed.
    for suffix in ("ing", "es", "s", "ed"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def key_words(text: str) -> frozenset:
    """The message's content words, stemmed; empty when it had none."""
    return frozenset(_stem(w) for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in STOPWORDS)


def _similar(a: frozenset, b: frozenset) -> bool:
    if not a or not b:
        return False
    small, big = sorted((a, b), key=len)
    # "weather" and "weather today": one extra word on a short question is still the same question.
    return len(a & b) / len(a | b) >= SIMILAR or (small < big and len(big) - len(small) == 1)


def group(items: Iterable[Tuple[str, str]]) -> List[Group]:
    """(kind, text) pairs -> groups, largest first. Same words = same group; then close word sets merge."""
    by_key: Dict[frozenset, Counter] = defaultdict(Counter)
    kinds: Dict[frozenset, Counter] = defaultdict(Counter)
    for kind, text in items:
        shown = " ".join(text.split())
        if not shown:
            continue
        key = key_words(shown) or frozenset([shown.lower()])
        by_key[key][shown] += 1
        kinds[key][kind] += 1
    # Merge each key into the biggest similar group seen so far (an index by word finds candidates).
    order = sorted(by_key, key=lambda k: -sum(by_key[k].values()))
    heads: Dict[frozenset, frozenset] = {}
    members: Dict[frozenset, List[frozenset]] = {}
    index: Dict[str, Set[frozenset]] = defaultdict(set)
    for key in order:
        candidates = set().union(*(index[w] for w in key)) if key else set()
        head = next((h for h in sorted(candidates, key=lambda h: -len(members[h])) if _similar(key, h)), None)
        if head is None:
            head, members[key] = key, []
            for word in key:
                index[word].add(key)
        members[head].append(key)
        heads[key] = head
    groups = []
    for keys in members.values():
        wordings, kind_count = Counter[str](), Counter[str]()
        for key in keys:
            wordings.update(by_key[key])
            kind_count.update(kinds[key])
        ranked = [w for w, _ in wordings.most_common()]
        groups.append(Group(ranked[0], sum(wordings.values()), ranked[1:4], kind_count))
    return sorted(groups, key=lambda g: (-g.count, g.text.lower()))
