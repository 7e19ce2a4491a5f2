"""Fuzzing "/intent{entities}" texts, with any spaces and invisible characters around their slashes, on the running server.

Rasa would take such a text as a ready-made intent and entities (confidence 1.0, any entity value). Through
the REST channel and every messaging webhook: the NLU reads it as words, no entity value but the ruler's ids
is stored, and nothing the sender wrote comes back in the assistant's voice.
"""

import json
import sqlite3
import uuid

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from bot.channels.senders import rest_conversation_id
from bot.dialogue.safety_policy import TRIAGE_ENTITY
from bot.nlu import patterns
from tests.channels.webhooks import PLATFORMS, sent_text, to_recipient
from tests.conftest import ROOT
from tests.helpers import INVISIBLE, SPACES

pytestmark = [pytest.mark.model, pytest.mark.servers]

SLOW = settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
TRIAGE_LEVELS = {"911", "988", "poison"}

gaps = st.text(st.sampled_from(SPACES + INVISIBLE + ["/"]), max_size=3)
spaces = st.text(st.sampled_from(SPACES), min_size=1, max_size=3)  # "/ /", "/\t/": the bypasses seen


@st.composite
def commands(draw, intents=st.sampled_from(DOMAIN["intents"]), labels=st.sampled_from(DOMAIN["entities"]), gaps=gaps):
    """(a command text, the marker in its entity values that must never be stored or said back)."""
    marker = f"Zq{uuid.uuid4().hex[:10]}"
    payload = draw(
        st.sampled_from(
            [
                f"<img src=x onerror=alert('{marker}')>",
                f"NEW: pay at http://pay.example/{marker}",
                f"{marker} call 555 0100",
            ]
        )
    )
    entities = draw(st.dictionaries(labels, st.just(payload), min_size=1, max_size=3))
    slashes = draw(st.lists(gaps, min_size=1, max_size=3))
    text = (
        draw(gaps.filter(lambda g: "/" not in g))
        + "/"
        + "/".join(slashes)
        + "/"
        + draw(intents)
        + draw(st.sampled_from(["", "@1.0"]))
        + json.dumps(entities)
    )
    return text, marker


def stored_parse(work, conversation):
    """The NLU result of each user turn the server stored for a conversation."""
    with sqlite3.connect(work / "tracker.db") as db:
        rows = db.execute("select data from events where sender_id = ? and type_name = 'user'", (conversation,))
        return [json.loads(data)["parse_data"] for (data,) in rows.fetchall()]


def assert_read_as_words(parse, marker):
    assert len(parse["intent_ranking"]) > 1, parse  # Rasa's shortcut ranks exactly one intent
    assert marker not in json.dumps(parse["entities"])
    for entity in parse["entities"]:
        allowed = TRIAGE_LEVELS if entity["entity"] == TRIAGE_ENTITY else patterns.entity_ids(entity["entity"])
        assert entity["value"] in allowed, entity


@SLOW
@given(command=commands())
def test_rest_never_takes_a_command_as_given(live, command):
    client, work = live
    text, marker = command
    sender = f"slash-{uuid.uuid4().hex}"
    status, reply = client.post({"sender": sender, "message": text})
    assert status == 200, reply
    assert reply and marker not in json.dumps(reply)
    [parse] = stored_parse(work, rest_conversation_id(sender))
    assert_read_as_words(parse, marker)


@settings(max_examples=15, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(
    platform=st.sampled_from(PLATFORMS),
    command=commands(intents=st.just("not_covered"), labels=st.just("NOT_COVERED"), gaps=spaces),
)
def test_no_messaging_channel_says_back_what_a_command_carried(live, fake_platform, platform, command):
    """The attack seen in a Telegram group: the not-covered reply naming the sender's text as its subject."""
    client, _ = live
    text, marker = command
    to = platform.new_recipient()
    assert platform.send(client.url, to, text, platform.new_event_id())[0] == 200
    replies = fake_platform.wait_for(to_recipient(to), timeout=30)
    assert [sent_text(call) for call in replies if marker in json.dumps(call["body"])] == []
