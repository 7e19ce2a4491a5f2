"""No patient text, phone number or platform id in any server log after full conversations on every channel."""

import re
import uuid

import pytest

from tests.channels.webhooks import PLATFORMS, to_recipient
from tests.helpers import new_sender, read_logs

pytestmark = [pytest.mark.model, pytest.mark.servers]


def conversation(marker: str):
    """A whole dosing conversation, plus a message with a word only this patient ever wrote."""
    return [
        "hello",
        "when should i take my ldn",
        "Bedtime",
        "yes",
        f"my name is {marker}, what is ldn",
        "i took too many pills",
    ]


def test_no_patient_text_or_id_in_the_logs_after_a_conversation_on_every_channel(live, fake_platform):
    client, work = live
    secrets_of_patients = []
    rest_sender = new_sender("privacy")
    rest_marker = f"Quimby{uuid.uuid4().hex[:8]}"
    for text in conversation(rest_marker):
        client.say(rest_sender, text)
    secrets_of_patients += [rest_sender, rest_marker]
    for platform in PLATFORMS:
        to, marker = platform.new_recipient(), f"Quimby{uuid.uuid4().hex[:8]}"
        for turn, text in enumerate(conversation(marker), 1):
            assert platform.send(client.url, to, text, platform.new_event_id())[0] == 200
            fake_platform.wait_for(to_recipient(to), count=turn)  # one reply at least per turn, in order
        secrets_of_patients += [to, to.split(":")[-1].lstrip("+"), marker]
    logs = read_logs(work)
    assert logs, "the servers wrote no log at all"
    assert [s for s in secrets_of_patients if s in logs] == []
    assert not re.search(r"\+?1555\d{7}", logs), "a phone number is in the logs"
    assert "i took too many pills" not in logs and "when should i take my ldn" not in logs


def slashed(n: int):
    """Messages that start with "/ /": Rasa's command reader quoted them in its warnings
    ("message.parsing.failed" for "/{..." and "/@...", "Failed to parse arguments in line ..." for the others)."""
    return [
        f"/ /{{my number is 555-867-{n}}}",
        f"/ /@I want to end my life {n}",
        f"/\t/{{123-45-{n}}}",
        f"/ /555-867-{n}",
        f"/\n/I want to end my life {n}",
        f'/ /{{"ssn": "123-45-{n}"}}',
    ]


def test_no_patient_text_in_the_logs_from_messages_that_look_like_commands(live, fake_platform):
    client, work = live
    n = uuid.uuid4().int % 9000 + 1000
    texts = slashed(n)
    sender = new_sender("slashed")
    for text in texts:
        assert client.text(sender, text)
    telegram = PLATFORMS[0]
    chat = telegram.new_recipient()
    for turn, text in enumerate(texts, 1):
        assert telegram.send(client.url, chat, text, telegram.new_event_id())[0] == 200
        fake_platform.wait_for(to_recipient(chat), count=turn)
    logs = read_logs(work)
    assert [w for w in (f"867-{n}", f"45-{n}", f"end my life {n}") if w in logs] == [], logs[-3000:]
