"""Messaging channels on the production topology (issue 15 items 8 and 10): one delivery sent to both Rasa
processes is answered once, a sender's limit holds across them, and Twilio's and WhatsApp's signatures
hold behind nginx's HTTPS without PUBLIC_BASE_URL."""

import time
from concurrent.futures import ThreadPoolExecutor

import psycopg2
import pytest
import requests
from twilio.request_validator import RequestValidator

from bot.channels.senders import conversation_id
from bot.settings import service
from tests.channels.webhooks import PLATFORMS, phone, sent_text, sms, to_recipient
from tests.conftest import CHANNEL_ENV
from tests.helpers import new_sender
from tests.prod.conftest import PER_SENDER
from tests.prod.patients import say

pytestmark = [pytest.mark.model, pytest.mark.servers]

# Long enough for a second answer to a delivery to reach the fake platform, if one was coming: a turn takes
# well under a second here, and the second process waits for the first's lock.
SETTLE = 4


def user_turns(dsn: str, channel: str, recipient: str):
    """What the patient with this platform id said, as stored under the channel's conversation id."""
    with psycopg2.connect(dsn) as conn, conn.cursor() as cur:
        cur.execute(
            "SELECT data FROM events WHERE type_name = 'user' AND sender_id = %s ORDER BY id",
            (conversation_id(channel, recipient),),
        )
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
    assert len(user_turns(topology.pg_dsn, platform.name, recipient)) == 1


def test_a_senders_limit_holds_across_the_two_processes(topology):
    sender = new_sender("limit")
    started = time.monotonic()
    with requests.Session() as session:
        statuses = [say(session, topology.rasa_urls[turn % 2], sender, "hello")[0] for turn in range(PER_SENDER + 1)]
    assert time.monotonic() - started < service().rate_limit_window_seconds, "not all in one window"
    assert statuses == [200] * PER_SENDER + [429], statuses


@pytest.mark.parametrize("channel, number", [("twilio", "TWILIO_SMS_NUMBER"), ("whatsapp", "TWILIO_WHATSAPP_NUMBER")])
def test_a_signed_twilio_message_through_nginxs_https_is_answered(topology, fake_platform, channel, number):
    """Twilio signs the HTTPS URL it called; Rasa, behind nginx, sees plain HTTP and must rebuild that URL."""
    sender = phone() if channel == "twilio" else f"whatsapp:{phone()}"
    params = sms(sender, "What is LDN?", CHANNEL_ENV[number])
    hook = f"{topology.url}/webhooks/{channel}/webhook"
    signed = {"X-Twilio-Signature": RequestValidator(CHANNEL_ENV["TWILIO_AUTH_TOKEN"]).compute_signature(hook, params)}
    # The same signature on another URL (nginx's plain HTTP door) is not what Twilio signed: refused.
    elsewhere = f"{topology.http_url}/webhooks/{channel}/webhook"
    assert requests.post(elsewhere, data=params, headers=signed, timeout=60).status_code == 403
    reply = requests.post(hook, data=params, headers=signed, verify=False, timeout=60)
    assert reply.status_code == 200 and "<Response>" in reply.text, reply.text
    answered = fake_platform.wait_for(to_recipient(sender), timeout=60)
    assert "naltrexone" in " ".join(sent_text(call) for call in answered).lower()
