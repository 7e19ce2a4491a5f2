"""Simulated patients for the production topology's load and fault tests: realistic 20-turn conversations
whose replies differ from patient to patient, sending through any door, and their conversations read back
from PostgreSQL."""

import json
from typing import Dict, List, Optional, Tuple

import psycopg2
import requests
import urllib3

from bot.channels.senders import rest_conversation_id
from tests.e2e.test_rest_server import PHRASINGS
from tests.helpers import body_of

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)  # the front door's self-signed certificate

TURNS = 20
# One message may wait behind many others on a busy 2-core machine (and up to a lock's lifetime behind
# one lost with a killed process); nginx itself gives up after 40 s.
MESSAGE_TIMEOUT = 60
TOPICS = sorted(PHRASINGS)
TIMES = {
    "in the morning": "morning",
    "in the afternoon": "afternoon",
    "in the evening": "evening",
    "at bedtime": "bedtime",
}
OFF_TOPIC = ["what's the weather like today", "can you recommend a good pizza place"]
THANKS = ("thanks", "feedback_thanks")  # after "Was this answer helpful?", thanks counts as an answer to it

Turn = Tuple[str, Tuple[str, ...]]  # (what the patient says, the entries one of which the reply must hold)
Event = Tuple[int, str, float, dict]  # (id, type, timestamp, data) as stored


def guidance(time_of_day: str, trouble: bool) -> str:
    if not trouble:
        return "guidance_no_sleep_trouble"
    return "guidance_sleep_trouble_morning" if TIMES[time_of_day] == "morning" else "guidance_sleep_trouble"


def dosing(time_of_day: str, trouble: bool) -> List[Turn]:
    """The dosing form: asked, the time given, the sleep question answered."""
    return [
        ("when should I take my LDN", ("ask_dose_time",)),
        (time_of_day, ("ask_sleep_trouble",)),
        ("yes" if trouble else "no", (guidance(time_of_day, trouble),)),
    ]


def script(patient: int) -> List[Turn]:
    """A realistic conversation whose answers differ from patient to patient: topics in another order,
    another dosing time and sleep answer, so that a reply meant for someone else does not fit."""
    topics = [(PHRASINGS[t], (t,)) for t in (TOPICS[(patient + 7 * k) % len(TOPICS)] for k in range(7))]
    times = list(TIMES)
    first, second = times[patient % 4], times[(patient + 1) % 4]
    trouble = patient % 8 < 4
    turns = (
        [("hello", ("greet",)), topics[0]]
        + dosing(first, trouble)
        + [
            ("thanks", THANKS),
            topics[1],
            (OFF_TOPIC[0], ("out_of_scope",)),
            topics[2],
            ("thank you", THANKS),
            topics[3],
        ]
        + dosing(second, not trouble)
        + [
            topics[4],
            (OFF_TOPIC[1], ("out_of_scope",)),
            topics[5],
            ("thanks", THANKS),
            topics[6],
            ("bye", ("goodbye",)),
        ]
    )
    assert len(turns) == TURNS
    return turns


def say(session: requests.Session, door: str, sender: str, text: str) -> Tuple[Optional[int], str]:
    """(HTTP status or None when no answer came at all, the replies' text) for one message."""
    try:
        reply = session.post(
            f"{door}/webhooks/rest/webhook",
            json={"sender": sender, "message": text},
            verify=False,
            timeout=MESSAGE_TIMEOUT,
        )
    except requests.RequestException as exc:
        return None, type(exc).__name__
    try:
        return reply.status_code, "\n".join(m.get("text", "") for m in reply.json())
    except (ValueError, AttributeError):
        return reply.status_code, reply.text


def fits(said: str, wanted: Tuple[str, ...]) -> bool:
    return any(body_of(name) in said for name in wanted)


def stored(dsn: str, senders: List[str]) -> Dict[str, List[Event]]:
    """Each conversation's events as the database holds them, by id."""
    ids = {rest_conversation_id(s): s for s in senders}
    out: Dict[str, List[Event]] = {s: [] for s in senders}
    with psycopg2.connect(dsn) as conn, conn.cursor() as cur:
        cur.execute(
            "SELECT sender_id, id, type_name, timestamp, data FROM events WHERE sender_id = ANY(%s) ORDER BY id",
            (list(ids),),
        )
        for conversation, row_id, kind, stamp, data in cur.fetchall():
            out[ids[conversation]].append((row_id, kind, stamp, json.loads(data)))
    return out


def user_turns(events: List[Event]) -> List[str]:
    return [data.get("text") for _, kind, _, data in events if kind == "user"]


def in_order(events: List[Event], sent: List[str]) -> List[str]:
    """What is wrong with one stored conversation (empty when nothing): the patient's turns exactly as
    sent and in that order, each answered before the next, and time never going back along the ids."""
    wrong = []
    if user_turns(events) != sent:
        wrong.append(f"user turns stored {user_turns(events)} instead of {sent}")
    stamps = [stamp for _, _, stamp, _ in events]
    if stamps != sorted(stamps):
        wrong.append("timestamps go back along the ids")
    turns: List[List[str]] = []  # the event types that follow each user turn, up to the next
    for _, kind, _, _ in events:
        if kind == "user":
            turns.append([])
        elif turns:
            turns[-1].append(kind)
    if len(turns) != len(sent) or any("bot" not in following for following in turns):
        wrong.append("a turn has no saved reply before the next turn")
    return wrong
