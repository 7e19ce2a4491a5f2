"""The near-topic map: every entry points at an article topic and a bridge text, and names are found with typos."""

import pytest

from bot import knowledge
from bot.knowledge import near_topics


def test_every_entry_bridges_to_a_topic_answer_with_a_reviewed_relation():
    raw = __import__("yaml").safe_load(near_topics.NEAR_TOPICS_FILE.read_text())["entries"]
    answers = {e.name for e in knowledge.answers()}
    entries = knowledge.load()
    for ident, entry in near_topics.load().items():
        assert entry.topic in answers, ident
        assert entry.bridge in entries and not entries[entry.bridge].is_answer, ident
        assert raw[ident].get("relation") and raw[ident].get("must_not_imply"), ident


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I have Hashimoto's, would LDN help?", "hashimotos"),
        ("hashimotos here, wil LDN help my thryoid", "hashimotos"),
        ("rhuematoid arthritis for 6 yrs", "rheumatoid_arthritis"),
        ("i have ulcerativ colitis", "ulcerative_colitis"),
        ("Sjögren's syndrome", "sjogrens"),
        ("chronic lyme, does ldn help", "lyme"),
        ("what is ldn", None),
        ("does ldn help lupus", None),
        ("I take it at night", None),
        # A dictionary word is itself, never a slip of a name (round 38: "biology" had been "biologic").
        ("Secondary school biology teacher here. What does your source say about stress?", None),
        ("i take biologics, is ldn like them", "immunosuppressants"),
        # Side effects the article does not name (rounds 36-38).
        ("been getting headaches since i started, could that be the LDN?", "headache"),
        ("Bloating and indigestion after starting LDN, is that linked?", "stomach_upset"),
        # A slip of a dictionary word two letters off a name is that word (round 88: "blokcing" is "blocking").
        ("how dose it work exactly, the receptor blokcing thing", None),
        ("so much bloatting since ldn", "stomach_upset"),
        # ... and a form of a dictionary word is that word (round 101: "blaming" is no "bloating").
        ("or am I just blaming it for my normal gut stuff", None),
        # Round 101: what an opioid antagonist is.
        ("the nurse called it an opiate antagonist, what does that mean", "opioid_antagonist"),
        # Described by signs (rounds 87-88): enough groups of an entry's signs, each in one sentence.
        ("butterfly rash on my face + achy joints, waiting on bloodwork", "lupus_signs"),
        ("numbness in one leg, blurred vision in one eye, and an MRI showing lesions", "ms_signs"),
        ("the burning after i broke my ankle, skin gone shiny and a weird colour", "crps_signs"),
        ("I feel very sad and no energy since months", "low_mood_signs"),
        ("the doctor say it is the immune attacking them", "immune_attack"),
        # (one group of signs alone describes nothing)
        ("I broke my arm last year", None),
        ("numbness in my toes", None),
        ("I feel sad sometimes", None),
    ],
)
def test_near_topics_are_found_typos_and_all(text, expected):
    found = near_topics.find(text)
    assert (found.id if found else None) == expected


def _find_by_every_name(text):
    """The plain reading: every name tried at every place, the first place, then the longest, then the first entry."""
    words = near_topics.tokens(text)
    seen = {word: near_topics._matches(word) for word in set(words)}
    best = None
    for order, entry in enumerate(near_topics.load().values()):
        for name in entry.match:
            for start in range(len(words) - len(name) + 1):
                if all(part in seen[words[start + i]] for i, part in enumerate(name)):
                    key = (start, -len(name), order)
                    best = min(best, (key, entry), key=lambda b: b[0]) if best else (key, entry)
                    break
    return best[1] if best else None


def test_the_indexed_search_finds_what_trying_every_name_finds():
    import json
    from pathlib import Path

    rounds = Path(__file__).resolve().parents[2] / "data" / "understanding"
    texts = [
        t
        for p in sorted(rounds.glob("*.jsonl"))
        for line in p.read_text().splitlines()
        for t in json.loads(line)["turns"]
    ]
    names = [" ".join(name) for e in near_topics.load().values() for name in e.match]
    texts += (
        names
        + [f"{a} or {b}?" for a, b in zip(names, reversed(names), strict=True)]
        + ["", "   ", "sjögren's and hashimotos"]
    )
    found = [near_topics.find_named(t) for t in texts]
    assert sum(f is not None for f in found) > 100
    assert found == [_find_by_every_name(t) for t in texts]
