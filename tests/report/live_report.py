"""Conversations held with the running assistant for the report tests, and the report built from them (once per session)."""

import sqlite3
import uuid
from pathlib import Path
from typing import Dict

from bot import knowledge
from bot.nlg import render
from bot.report import __main__ as cli
from tests.helpers import new_sender

RUN = uuid.uuid4().hex[:8]
FIRST, SECOND = knowledge.topic_buttons()[:2]
# How each "could not answer" reply starts (the not-covered one names the subject after these words).
NOT_ANSWERED = {
    knowledge.load()[n].text.split("{")[0][:25] for n in ("out_of_scope", "rephrase", "default", "not_covered")
}
PIZZA = (
    "can you recommend a pizza place",
    "Can you recommend a good pizza place?",
    "could you recommend a pizza place",
)


def sender():
    return new_sender(f"report-{RUN}")


def not_answered(reply: str) -> bool:
    return any(start in reply for start in NOT_ANSWERED)


_BUILT: Dict[str, Path] = {}


def live_report(live, tmp_path_factory) -> Path:
    """Talks to the assistant as several patients, then builds the report from a copy of their conversations.
    Returns the folder with report.html and the CSV files."""
    client, work = live
    if str(work) in _BUILT:
        return _BUILT[str(work)]
    for choice in ("Yes", "Yes", "No"):
        s = sender()
        client.say(s, FIRST.button)
        assert client.say(s, SECOND.button)[-1]["text"] == render("ask_feedback")
        client.say(s, choice)
        if choice == "No":
            noted = client.text(s, "I wanted to know the price, my email is pat.q@example.com")
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
    _BUILT[str(work)] = folder
    return folder
