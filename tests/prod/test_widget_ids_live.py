"""The widget's message ids on the production topology (issue 17, widget item 6): a message sent to both Rasa
processes with one id, at once and again later, is answered once, and every try gets the same reply."""

from concurrent.futures import ThreadPoolExecutor

import psycopg2
import pytest
import requests

from bot.channels.senders import rest_conversation_id
from tests.helpers import new_sender
from tests.prod.patients import MESSAGE_TIMEOUT

pytestmark = [pytest.mark.model, pytest.mark.servers]


def post(url: str, body: dict):
    reply = requests.post(f"{url}/webhooks/rest/webhook", json=body, timeout=MESSAGE_TIMEOUT)
    return reply.status_code, reply.json()


def test_one_message_id_sent_to_both_processes_is_answered_once_with_one_reply(topology):
    sender = new_sender("ids")
    body = {"sender": sender, "message": "What is LDN?", "message_id": "0123456789abcdef0123456789abcdef"}
    with ThreadPoolExecutor(max_workers=2) as pool:  # a retry reaching the other process while the first answers
        tries = list(pool.map(lambda url: post(url, body), topology.rasa_urls))
    tries += [post(url, body) for url in topology.rasa_urls]  # and retries after it was answered
    assert [status for status, _ in tries] == [200] * 4, tries
    assert all(replies == tries[0][1] for _, replies in tries), tries
    assert "naltrexone" in str(tries[0][1]).lower()
    with psycopg2.connect(topology.pg_dsn) as conn, conn.cursor() as cur:
        cur.execute(
            "SELECT count(*) FROM events WHERE type_name = 'user' AND sender_id = %s", (rest_conversation_id(sender),)
        )
        assert cur.fetchone()[0] == 1
