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
    ],
)
def test_near_topics_are_found_typos_and_all(text, expected):
    found = near_topics.find(text)
    assert (found.id if found else None) == expected
