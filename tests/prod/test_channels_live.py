"""Messaging channels on the production topology (issue 15 item 8): one delivery sent to both Rasa
processes is answered once, and a sender's limit holds across them."""
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg2
import pytest
import requests

from bot.settings import service
from tests.channels.webhooks import PLATFORMS, sent_text, to_recipient
from tests.helpers import new_sender
from tests.prod.conftest import PER_SENDER
from tests.prod.patients import say

pytestmark = [pytest.mark.model, pytest.mark.servers]

# Long enough for a second answer to a delivery to reach the fake platform, if one was coming: a turn takes
# well under a second here, and the second process waits for the first's lock.
SETTLE = 4


def user_turns(dsn: str, recipient: str):
    """What the patient with this platform id said, as stored (the channel's prefix before the id)."""
    with psycopg2.connect(dsn) as conn, conn.cursor() as cur:
        cur.execute("SELECT data FROM events WHERE type_name = 'user' AND sender_id LIKE %s ORDER BY id",
                    ("%:" + recipient,))
        return [data for (data,) in cur.fetchall()]


@pytest.mark.parametrize("platform", PLATFORMS, ids=lambda p: p.name)
def test_one_delivery_sent_to_both_processes_at_once_is_answered_once(topology, fake_platform, platform):
    """A platform's resend reaching the other process (nginx may pick either): the replay window is shared."""
    recipient, event = platform.new_recipient(), platform.new_event_id()
    with ThreadPoolExecutor(max_workers=2) as pool:
        acks = list(pool.map(lambda url: platform.send(url, recipient, "What is LDN?", event), topology.rasa_urls))
    assert [status for status, _ in acks] == [200, 200], acks  # both acknowledge: the platform stops resending
    replies = fake_platform.wait_for(to_recipient(recipient), timeout=60, settle=SETTLE)
    texts = [text for text in map(sent_text, replies) if text]
    assert texts and "naltrexone" in " ".join(texts).lower()
    assert len(texts) == len(set(texts)), f"answered more than once: {texts}"
    assert len(user_turns(topology.pg_dsn, recipient)) == 1


def test_a_senders_limit_holds_across_the_two_processes(topology):
    sender = new_sender("limit")
    started = time.monotonic()
    with requests.Session() as session:
        statuses = [say(session, topology.rasa_urls[turn % 2], sender, "hello")[0] for turn in range(PER_SENDER + 1)]
    assert time.monotonic() - started < service().rate_limit_window_seconds, "not all in one window"
    assert statuses == [200] * PER_SENDER + [429], statuses
