"""The clinic's report built from conversations held with the running assistant, checked table by table."""

import csv

import pytest

from tests.report.live_report import FIRST, PIZZA, SECOND, live_report

pytestmark = [pytest.mark.model, pytest.mark.servers]


@pytest.fixture(scope="module")
def report(live, tmp_path_factory):
    return live_report(live, tmp_path_factory)


def rows(folder, name):
    with open(folder / f"{name}.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_counts_per_topic_and_channel(report):
    topics = {r["answer"]: int(r["answers given"]) for r in rows(report, "topics")}
    assert topics == {FIRST.name: 3, SECOND.name: 3}
    # Three feedback patients, one off-topic patient, one emergency; the forgotten one is gone.
    assert [(r["channel"], r["conversations"]) for r in rows(report, "channels")] == [("rest", "5")]
    assert sum(int(r["messages"]) for r in rows(report, "per_day")) == 3 * 3 + 1 + 4 + 1


def test_the_not_answered_list_groups_near_duplicates_and_scrubs(report):
    listed = rows(report, "not_answered")
    assert int(listed[0]["count"]) == 3 and listed[0]["message"] in PIZZA
    assert set(listed[0]["other wordings"].split(" | ")) | {listed[0]["message"]} == set(PIZZA)
    assert [r["message"] for r in listed[1:]] == ["my number is [phone], can you book me a haircut"]
    share = rows(report, "not_answered_share")
    assert sum(sum(int(r[k]) for k in ("off-topic", "not covered", "fallback")) for r in share) == 4


def test_helpfulness_counts_and_the_scrubbed_follow_up(report):
    helpful = {r["answer"]: (int(r["yes"]), int(r["no"]), int(r["comments"])) for r in rows(report, "helpfulness")}
    assert helpful == {SECOND.name: (2, 1, 1)}
    comments = rows(report, "feedback_comments")
    assert [(c["answer"], c["count"], c["comment"]) for c in comments] == [
        (SECOND.name, "1", "I wanted to know the price, my email is [email]")
    ]


def test_safety_is_counted_without_the_emergency_text(report):
    weeks = rows(report, "safety_per_week")
    assert sum(int(r["emergency"]) for r in weeks) == 1
    html = (report / "report.html").read_text(encoding="utf-8")
    assert "breathe" not in html
    for secret in ("pat.q@example.com", "555-123-4567", "zebra"):
        assert secret not in html
