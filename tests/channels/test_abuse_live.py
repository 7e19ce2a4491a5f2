"""Strangers get nothing, on the running server: namespaces, malformed requests, replays, secrets and ids in logs."""

import json
import sqlite3
import time

import pytest

from bot.channels.senders import conversation_id, rest_conversation_id
from bot.nlg import render
from tests.channels.webhooks import PLATFORMS, sent_text, to_recipient
from tests.conftest import CHANNEL_ENV
from tests.helpers import flat, http, new_sender, read_logs, wait_until

pytestmark = [pytest.mark.model, pytest.mark.servers]

TELEGRAM, SLACK, FACEBOOK, TWILIO, WHATSAPP = PLATFORMS
SECRETS = [v for k, v in CHANNEL_ENV.items() if not k.endswith("_NUMBER")]


def user_turns(work, sender_id):
    with sqlite3.connect(work / "tracker.db") as db:
        rows = db.execute("select data from events where sender_id = ? and type_name = 'user'", (sender_id,))
        return [json.loads(data)["text"] for (data,) in rows.fetchall()]


def test_rest_can_never_reach_a_messaging_patients_conversation(live, fake_platform):
    client, work = live
    chat = TELEGRAM.new_recipient()
    assert TELEGRAM.send(client.url, chat, "when should i take my ldn", TELEGRAM.new_event_id())[0] == 200
    fake_platform.wait_for(to_recipient(chat))
    for channel in ("telegram", "slack", "facebook", "twilio", "whatsapp", "rest"):
        status, reply = client.post({"sender": conversation_id(channel, chat), "message": "at night"})
        assert status == 400 and "'sender'" in reply["error"]
    # The bare id is REST's own conversation, not the Telegram patient's.
    client.text(chat, "at night")
    assert user_turns(work, conversation_id("telegram", chat)) == ["when should i take my ldn"]
    assert user_turns(work, rest_conversation_id(chat)) == ["at night"]
    # The Telegram patient's form is where they left it: their own answer moves it on.
    asked = len(fake_platform.matching(to_recipient(chat)))
    assert TELEGRAM.send(client.url, chat, "Bedtime", TELEGRAM.new_event_id())[0] == 200
    replies = fake_platform.wait_for(to_recipient(chat), count=asked + 1)[asked:]
    assert render("ask_sleep_trouble") in "\n".join(sent_text(c) for c in replies)


def _count(work, phrase):
    return read_logs(work).count(phrase)


MALFORMED_HEADERS = [
    ("telegram", {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "s\u00e9cret\u00b2"}),
    ("slack", {"Content-Type": "application/json", "X-Slack-Request-Timestamp": "\u00b2", "X-Slack-Signature": "v0=1"}),
    (
        "slack",
        {
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": str(int(time.time())),
            "X-Slack-Signature": "v0=\u00e9\u00b2",
        },
    ),
    ("facebook", {"Content-Type": "application/json", "X-Hub-Signature-256": "sha256=\u00e9\u00b2"}),
    ("twilio", {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": "\u00e9\u00b2"}),
    ("whatsapp", {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": "\u00e9\u00b2"}),
]


@pytest.mark.parametrize("channel, headers", MALFORMED_HEADERS)
def test_malformed_signature_headers_get_403_and_one_log_line(live, channel, headers):
    client, work = live
    phrase = f"{channel}: rejected a request that failed verification"
    before, logs_before = _count(work, phrase), len(read_logs(work))
    body = b'{"update_id": 1}' if "json" in headers["Content-Type"] else b"Body=hi&From=%2B15550000000"
    assert http(f"{client.url}/webhooks/{channel}/webhook", body, headers, method="POST")[0] == 403
    assert _count(work, phrase) == before + 1
    assert "Traceback" not in read_logs(work)[logs_before:]


SIGNED_BUT_MALFORMED = [
    (SLACK, b'{"type": "url_verification"}'),
    (SLACK, b"[1, 2]"),
    (SLACK, b'{"event": "x", "event_id": 5}'),
    (SLACK, b"{not json"),
    (TELEGRAM, b"[1, 2]"),
    (TELEGRAM, b'{"message": {"text": "hi"}}'),
    (FACEBOOK, b"[]"),
    (FACEBOOK, b'{"entry": "x"}'),
    (FACEBOOK, b"{not json"),
]


@pytest.mark.parametrize("platform, body", SIGNED_BUT_MALFORMED, ids=lambda v: getattr(v, "name", None))
def test_signed_but_malformed_bodies_get_400_and_one_log_line(live, platform, body):
    from tests.channels import webhooks

    client, work = live
    phrase = f"{platform.name}: refused a signed request with an unexpected body"
    before, logs_before = _count(work, phrase), len(read_logs(work))
    send = {"slack": webhooks.slack, "facebook": webhooks.facebook, "telegram": webhooks.telegram}[platform.name]
    assert send(client.url, body)[0] == 400
    assert _count(work, phrase) == before + 1
    assert "Traceback" not in read_logs(work)[logs_before:]


@pytest.mark.parametrize("platform", PLATFORMS, ids=lambda p: p.name)
def test_a_replayed_event_is_answered_once(client, fake_platform, platform):
    to, event = platform.new_recipient(), platform.new_event_id()
    assert platform.send(client.url, to, "what is ldn", event)[0] == 200
    first = fake_platform.wait_for(to_recipient(to), settle=1.0)
    answered = "\n".join(sent_text(c) for c in first)
    for _ in range(2):  # replays of the same event, each correctly signed
        assert platform.send(client.url, to, "what is ldn", event)[0] == 200
    assert platform.send(client.url, to, "what are the side effects", platform.new_event_id())[0] == 200
    later = fake_platform.wait_for(to_recipient(to), count=len(first) + 1, settle=1.0)[len(first) :]
    # Only the follow-up was answered: a replay answered again would repeat the first answer.
    assert later and not [c for c in later if flat(sent_text(c)) in flat(answered)]


@pytest.mark.parametrize("status", [401, 403, 429])
def test_platform_errors_never_put_a_secret_or_an_id_in_the_logs(live, fake_platform, status):
    client, work = live
    phrase = f", HTTP {status})"
    before = _count(work, phrase)
    # Facebook's handshake carries its verify token in the URL: an access log would write it down.
    handshake = f"hub.mode=subscribe&hub.verify_token={CHANNEL_ENV['FACEBOOK_VERIFY_TOKEN']}&hub.challenge=7"
    assert http(f"{client.url}/webhooks/facebook/webhook?{handshake}") == (200, "7")
    recipients = []
    for platform in PLATFORMS:
        to = platform.new_recipient()
        fake_platform.failures[to] = status
        recipients.append(to)
        assert platform.send(client.url, to, "what is ldn", platform.new_event_id())[0] == 200
    wait_until(lambda: _count(work, phrase) >= before + len(PLATFORMS))
    logs = read_logs(work)
    assert not [s for s in SECRETS if s in logs]
    assert not [r for r in recipients if r.lstrip("+") in logs or r.split(":")[-1].lstrip("+") in logs]


def test_rest_refuses_blind_cross_site_posts_and_stores_nothing(live):
    client, work = live
    sender = new_sender("xsite")
    status, _ = http(
        f"{client.url}/webhooks/rest/webhook",
        json.dumps({"sender": sender, "message": "hi"}).encode(),
        {"Content-Type": "text/plain"},
        method="POST",
    )
    assert status == 415
    assert client.post({"sender": sender, "message": "hi"}, headers={"Origin": "https://evil.example"})[0] == 403
    assert user_turns(work, rest_conversation_id(sender)) == []


def test_the_root_page_does_not_name_the_rasa_version(client):
    import rasa

    status, text = http(f"{client.url}/")
    assert status == 200 and rasa.__version__ not in text and "Rasa" not in text


def test_a_lone_surrogate_gets_a_normal_answer(client):
    status, reply = client.post(b'{"sender": "%s", "message": "what is ldn \\udc00"}' % new_sender().encode(), raw=True)
    assert status == 200
    text = "\n".join(m.get("text", "") for m in reply)
    assert render("service_problem") not in text and "Source: clinic article" in text


def test_rate_limit_per_sender_with_a_friendly_reply(live):
    client, work = live
    from bot import settings

    limit = settings.service().rate_limit_per_sender
    sender = new_sender("fast")
    statuses = [client.post({"sender": sender, "message": "hi"})[0] for _ in range(limit)]
    assert statuses == [200] * limit
    status, reply = client.post({"sender": sender, "message": "what is ldn"})
    assert status == 429 and reply[0]["text"] == render("rate_limited")
    assert len(user_turns(work, rest_conversation_id(sender))) == limit


def test_the_terminal_chat_shows_a_refusal_instead_of_crashing(client):
    from bot.chat import send

    [message] = send(client.url, "telegram:1", "hi")
    assert "refused" in message["text"] and "'sender'" in message["text"]
