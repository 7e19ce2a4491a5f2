"""The clinic's report built from conversations held with the running assistant, checked table by table and in Chromium."""
import csv
import sqlite3
import uuid

import pytest

from bot import knowledge
from bot.nlg import render
from bot.report import __main__ as cli
from tests.helpers import new_sender
from tests.widget.conftest import artifacts, chromium  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.model, pytest.mark.servers]

RUN = uuid.uuid4().hex[:8]
FIRST, SECOND = knowledge.topic_buttons()[:2]
# How each "could not answer" reply starts (the not-covered one names the subject after these words).
NOT_ANSWERED = {knowledge.load()[n].text.split("{")[0][:25] for n in ("out_of_scope", "rephrase", "default", "not_covered")}
PIZZA = ("can you recommend a pizza place", "Can you recommend a good pizza place?", "could you recommend a pizza place")


def sender():
    return new_sender(f"report-{RUN}")


def not_answered(reply: str) -> bool:
    return any(start in reply for start in NOT_ANSWERED)


@pytest.fixture(scope="module")
def report(live, tmp_path_factory):
    """Talks to the assistant as several patients, then builds the report from a copy of their conversations."""
    client, work = live
    for choice in ("Yes", "Yes", "No"):
        s = sender()
        client.say(s, FIRST.button)
        assert client.say(s, SECOND.button)[-1]["text"] == render("ask_feedback")
        client.say(s, choice)
        if choice == "No":
            noted = client.text(s, "I wanted a list of pharmacies near me, email me at pat.q@example.com")
            assert noted == render("feedback_noted")
    s = sender()
    for text in PIZZA + ("my number is 555-123-4567, can you book me a haircut",):
        reply = client.text(s, text)
        assert not_answered(reply), (text, reply)  # the setup: the assistant could not answer these
    assert "can't" in client.text(sender(), "my husband can't breathe").lower()
    gone = sender()
    assert not_answered(client.text(gone, "tell me about zebra migration in kenya"))
    client.say(gone, "forget me")
    assert client.text(gone, "yes") == render("forget_done")

    folder = tmp_path_factory.mktemp("report")
    copy = folder / "tracker.db"
    with sqlite3.connect(work / "tracker.db") as source, sqlite3.connect(copy) as target:
        source.backup(target)
        # The live servers are shared by the whole test session: keep only this module's patients.
        target.execute("DELETE FROM events WHERE sender_id NOT LIKE ?", (f"%report-{RUN}%",))
    assert cli.main(["--db", str(copy), "--out", str(folder / "report.html"), "--csv", str(folder), "--quiet"]) == 0
    return folder


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
        (SECOND.name, "1", "I wanted a list of pharmacies near me, email me at [email]")]


def test_safety_is_counted_without_the_emergency_text(report):
    weeks = rows(report, "safety_per_week")
    assert sum(int(r["emergency"]) for r in weeks) == 1
    html = (report / "report.html").read_text(encoding="utf-8")
    assert "breathe" not in html
    for secret in ("pat.q@example.com", "555-123-4567", "zebra"):
        assert secret not in html


def test_the_page_opens_offline_in_chromium_without_errors(report, chromium, artifacts):
    page = chromium.new_page(viewport={"width": 1100, "height": 900})
    problems, requests = [], []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    url = (report / "report.html").as_uri()
    page.goto(url)
    assert page.locator("h1").inner_text() == "LDN assistant: the clinic's report"
    images = page.locator("img")
    assert images.count() == 5
    assert all(images.nth(i).evaluate("img => img.complete && img.naturalWidth > 100") for i in range(images.count()))
    assert page.locator("#not_answered tbody tr").count() == 2
    page.screenshot(path=str(artifacts / "report-live.png"), full_page=True)
    page.close()
    assert problems == []
    assert requests == [url]  # the page itself: no CDN, font or anything else
