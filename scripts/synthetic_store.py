"""Fills a tracker store with synthetic conversations shaped like Rasa's own rows, and times `make report` on it."""

import argparse
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot import knowledge  # noqa: E402
from bot.dialogue.feedback_names import ASK, ASK_DETAIL, NOTED, SLOT, THANKS  # noqa: E402

# Rasa 3.6's events table (rasa/core/tracker_store.py, SQLTrackerStore.SQLEvent).
SCHEMA = """CREATE TABLE IF NOT EXISTS events (id INTEGER NOT NULL PRIMARY KEY, sender_id VARCHAR(255) NOT NULL,
type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255), action_name VARCHAR(255), data TEXT);
CREATE INDEX IF NOT EXISTS ix_events_sender_id ON events (sender_id);"""
CHANNELS = (("rest", 55), ("twilio", 15), ("whatsapp", 12), ("telegram", 8), ("facebook", 6), ("slack", 4))
OFF_TOPIC = (
    "what's the weather tomorrow",
    "can you recommend a pizza place",
    "how do I reset my password",
    "write me a poem",
    "who won the game last night",
    "what is the weather like today",
)
NOT_COVERED = (
    "does ldn help long covid",
    "can ldn help with long covid",
    "is ldn safe in pregnancy",
    "can I drink alcohol on ldn",
    "does ldn interact with my birth control",
    "does insurance cover ldn",
)
FALLBACK = ("asdfgh", "hmm", "the thing from before", "what about the other one", "ok so", "lol")
PERSONAL = (
    "email me at pat.{n}@example.com about long covid",
    "call me on 555-01{n:02d}-2233 about pregnancy",
    "I live at {n} Main Street, can ldn help long covid",
)
EMERGENCY = ("I took too many pills", "I can't breathe", "my face is swelling")


def _event(kind, ts, **data):
    return {"event": kind, "timestamp": ts, **data}


def _user(ts, text, intent, channel):
    ranking = [{"name": intent, "confidence": 0.91}] + [
        {"name": f"ask_other_{i}", "confidence": 0.01} for i in range(9)
    ]
    return _event(
        "user",
        ts,
        text=text,
        parse_data={
            "intent": {"name": intent, "confidence": 0.91},
            "entities": [],
            "text": text,
            "message_id": uuid.uuid4().hex,
            "metadata": {},
            "intent_ranking": ranking,
        },
        input_channel=channel,
        message_id=uuid.uuid4().hex,
        metadata={},
    )


def conversation(rng, answers, start, sender, channel):
    """The events of one conversation: 1-6 turns, mostly topic questions, some feedback."""
    ts = start
    events = [
        _event("action", ts, name="action_session_start", policy=None, confidence=1.0),
        _event("session_started", ts),
        _event("action", ts, name="action_listen", policy=None, confidence=None),
    ]

    def turn(text, intent, reply, reply_text):
        nonlocal ts
        ts += rng.uniform(5, 90)
        events.append(_user(ts, text, intent, channel))
        events.append(_event("action", ts + 0.2, name=reply, policy="policy_2_RulePolicy", confidence=1.0))
        events.append(_event("bot", ts + 0.2, text=reply_text, data={}, metadata={"utter_action": reply}))
        events.append(_event("action", ts + 0.3, name="action_listen", policy="policy_2_RulePolicy", confidence=1.0))

    given = 0
    for _ in range(rng.choice((1, 1, 2, 2, 3, 3, 4, 5, 6))):
        roll = rng.random()
        if roll < 0.78:
            entry = rng.choice(answers)
            turn(
                entry.button or f"tell me about {entry.name.replace('_', ' ')}",
                entry.intent,
                entry.response,
                entry.text,
            )
            given += 1
            if given == 2 and rng.random() < 0.6:
                events.append(_event("action", ts + 0.3, name=ASK, policy="policy_1_FeedbackPolicy", confidence=1.0))
                if rng.random() < 0.7:
                    helpful = rng.random() < 0.75
                    ts += 20
                    events.append(_user(ts, "Yes" if helpful else "No", "affirm" if helpful else "deny", channel))
                    events.append(_event("slot", ts, name=SLOT, value={"answer": entry.name, "helpful": helpful}))
                    events.append(
                        _event("action", ts, name=THANKS if helpful else ASK_DETAIL, policy="p", confidence=1.0)
                    )
                    if not helpful and rng.random() < 0.5:
                        ts += 30
                        events.append(_user(ts, "how long until it works", "nlu_fallback", channel))
                        events.append(_event("slot", ts, name=SLOT, value={"answer": entry.name, "comment": True}))
                        events.append(_event("action", ts, name=NOTED, policy="p", confidence=1.0))
        elif roll < 0.86:
            turn(rng.choice(OFF_TOPIC), "out_of_scope", "utter_out_of_scope", "Sorry, I can only help with LDN.")
        elif roll < 0.92:
            text = rng.choice(NOT_COVERED) if rng.random() < 0.9 else rng.choice(PERSONAL).format(n=rng.randrange(100))
            turn(text, "not_covered", "utter_not_covered", "The article doesn't cover that.")
        elif roll < 0.97:
            turn(rng.choice(FALLBACK), "nlu_fallback", "utter_rephrase", "Sorry, I didn't quite get that.")
        elif roll < 0.985:
            turn("can I take it with tramadol", "opioid_interaction", "utter_opioid_interaction", "LDN blocks...")
        else:
            turn(rng.choice(EMERGENCY), "emergency", "utter_emergency", "Call 911 now...")
    return events


def fill(db: Path, conversations: int, days: int = 28, seed: int = 1) -> int:
    """Writes `conversations` conversations spread over the last `days` days; returns the number of rows."""
    rng = random.Random(seed)
    answers = [e for e in knowledge.answers()]
    names, weights = zip(*CHANNELS, strict=True)
    now = time.time()
    con = sqlite3.connect(db)
    con.executescript(SCHEMA)
    rows = 0
    batch = []
    for n in range(conversations):
        channel = rng.choices(names, weights)[0]
        sender = f"{channel}:synthetic-{n}"
        start = now - rng.uniform(0, days * 86400) - 3600
        for e in conversation(rng, answers, start, sender, channel):
            intent = e["parse_data"]["intent"]["name"] if e["event"] == "user" else None
            batch.append(
                (
                    sender,
                    e["event"],
                    e["timestamp"],
                    intent,
                    e.get("name") if e["event"] == "action" else None,
                    json.dumps(e),
                )
            )
        if len(batch) > 50_000:
            con.executemany(
                "INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                batch,
            )
            rows += len(batch)
            batch = []
    con.executemany(
        "INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        batch,
    )
    rows += len(batch)
    con.commit()
    con.close()
    return rows


def report_timing_table(conversations: int = 100_000, db: Path = ROOT / "build" / "synthetic-tracker.db") -> float:
    """Makes the synthetic store, times the report on it (a fresh process, as `make report` runs), prints a table."""
    if db.exists():
        db.unlink()
    db.parent.mkdir(parents=True, exist_ok=True)
    rows = fill(db, conversations)
    with tempfile.TemporaryDirectory() as out:
        started = time.monotonic()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "bot.report",
                "--db",
                str(db),
                "--out",
                f"{out}/report.html",
                "--csv",
                out,
                "--quiet",
            ],
            cwd=ROOT,
            check=True,
        )
        seconds = time.monotonic() - started
    print(f"\n{'report on':>14s} {'events':>10s} {'seconds':>8s}")
    print(f"{conversations:>8,d} conv {rows:>10,d} {seconds:8.1f}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "synthetic-tracker.db")
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--time-report", action="store_true", help="then time the report on it and print a table")
    args = parser.parse_args()
    if args.time_report:
        report_timing_table(args.conversations, args.out)
        return 0
    if args.out.exists():
        args.out.unlink()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    rows = fill(args.out, args.conversations)
    print(
        f"Wrote {args.conversations:,} synthetic conversations ({rows:,} events) to {args.out} "
        f"in {time.monotonic() - started:.0f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
