"""Near-duplicate messages are grouped, counted and sorted by count; different questions stay apart."""

from bot.report.group import group


def test_near_duplicates_are_one_group_with_the_most_common_wording_first():
    groups = group(
        [
            ("not covered", "Does LDN help long covid?"),
            ("not covered", "can ldn help with long covid"),
            ("off-topic", "does it help long covid"),
            ("not covered", "Does LDN help long covid?"),
            ("off-topic", "what is the weather"),
            ("off-topic", "What is the weather today?"),
            ("fallback", "asdfgh"),
        ]
    )
    top = groups[0]
    assert (top.text, top.count) == ("Does LDN help long covid?", 4)
    assert set(top.variants) == {"can ldn help with long covid", "does it help long covid"}
    assert top.kinds == {"not covered": 3, "off-topic": 1}
    assert [(g.text, g.count) for g in groups[1:]] == [("what is the weather", 2), ("asdfgh", 1)]


def test_different_questions_are_not_merged_and_blank_messages_are_skipped():
    groups = group([("x", "can I drink alcohol"), ("x", "is it safe in pregnancy"), ("x", "   ")])
    assert sorted(g.text for g in groups) == ["can I drink alcohol", "is it safe in pregnancy"]
    assert all(g.count == 1 for g in groups)


def test_sorted_by_count_then_text():
    groups = group([("x", "pear jam")] * 2 + [("x", "apple pie")] * 2 + [("x", "zebra herds")] * 3)
    assert [g.text for g in groups] == ["zebra herds", "apple pie", "pear jam"]
