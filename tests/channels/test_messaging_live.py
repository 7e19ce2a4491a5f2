"""Each messaging channel on the running server: a real-shaped webhook in, the reply caught at the fake platform API."""
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
from twilio.request_validator import RequestValidator

from bot import knowledge
from bot.nlg import render
from tests.conftest import CHANNEL_ENV

pytestmark = [pytest.mark.model, pytest.mark.servers]


def _post(url, body: bytes, headers):
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def _body(name):
    return render(name).split("\nSource:")[0]


# --- Telegram ------------------------------------------------------------------------------------
def _telegram(client, update, secret=CHANNEL_ENV["TELEGRAM_SECRET_TOKEN"]):
    headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret}
    return _post(f"{client.url}/webhooks/telegram/webhook", json.dumps(update).encode(), headers)


def _tg_message(chat_id, text):
    return {"update_id": 10001, "message": {"message_id": 1, "date": int(time.time()), "text": text,
                                             "chat": {"id": chat_id, "type": "private", "first_name": "Pat"},
                                             "from": {"id": chat_id, "is_bot": False, "first_name": "Pat"}}}


def test_telegram_message_and_button(client, fake_platform):
    chat = 700000 + uuid.uuid4().int % 100000
    assert _telegram(client, _tg_message(chat, "help"))[0] == 200
    to_chat = lambda c: c["path"].endswith("/sendMessage") and c["body"]["chat_id"] == str(chat)  # noqa: E731
    sent = fake_platform.wait_for(to_chat)
    assert all(c["path"] == f"/telegram/bot{CHANNEL_ENV['TELEGRAM_BOT_TOKEN']}/sendMessage" for c in sent)
    keyboard = sent[-1]["body"]["reply_markup"]["inline_keyboard"]
    assert [row[0]["text"] for row in keyboard] == [e.button for e in knowledge.topic_buttons()]
    tap = {"update_id": 10002, "callback_query": {"id": "q1", "from": {"id": chat, "is_bot": False, "first_name": "Pat"},
                                                  "data": "Thyroid",
                                                  "message": {"message_id": 2, "date": 0, "chat": {"id": chat, "type": "private"}}}}
    status, ack = _telegram(client, tap)
    assert status == 200 and json.loads(ack) == {"method": "answerCallbackQuery", "callback_query_id": "q1"}
    replies = fake_platform.wait_for(to_chat, count=len(sent) + 1)[len(sent):]
    assert _body("thyroid") in replies[0]["body"]["text"]
    assert "Source: clinic article, 'Hypothyroidism and LDN'" in replies[0]["body"]["text"]


def test_telegram_forged_request_is_refused(client, fake_platform):
    chat = 800000 + uuid.uuid4().int % 100000
    assert _telegram(client, _tg_message(chat, "what is ldn"), secret="wrong")[0] == 403
    assert _telegram(client, _tg_message(chat, "what is ldn"), secret="")[0] == 403
    time.sleep(2)
    assert not fake_platform.matching(lambda c: c["body"].get("chat_id") == str(chat))


# --- Slack ---------------------------------------------------------------------------------------
def _slack(client, body: bytes, content_type="application/json", secret=CHANNEL_ENV["SLACK_SIGNING_SECRET"],
           timestamp=None, retry=False):
    ts = str(int(timestamp or time.time()))
    signature = "v0=" + hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
    headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}
    if retry:
        headers["X-Slack-Retry-Num"] = "1"
    return _post(f"{client.url}/webhooks/slack/webhook", body, headers)


def _slack_event(channel, text):
    return json.dumps({"token": "x", "team_id": "T1", "type": "event_callback", "event_id": "Ev1",
                       "event": {"type": "message", "channel_type": "im", "user": "U123", "text": text,
                                 "ts": "1700000000.000100", "channel": channel}}).encode()


def test_slack_url_verification(client):
    status, body = _slack(client, json.dumps({"type": "url_verification", "challenge": "abc123"}).encode())
    assert status == 200 and json.loads(body) == {"challenge": "abc123"}


def test_slack_message_and_button_click(client, fake_platform):
    channel = f"D{uuid.uuid4().hex[:8].upper()}"
    assert _slack(client, _slack_event(channel, "when should i take my ldn"))[0] == 200
    to_channel = lambda c: c["path"] == "/slack/chat.postMessage" and c["body"]["channel"] == channel  # noqa: E731
    sent = fake_platform.wait_for(to_channel)
    assert sent[-1]["headers"]["Authorization"] == f"Bearer {CHANNEL_ENV['SLACK_BOT_TOKEN']}"
    assert sent[-1]["body"]["mrkdwn"] is False
    buttons = sent[-1]["body"]["blocks"][1]["elements"]
    assert [b["value"] for b in buttons] == ["Morning", "Afternoon", "Evening", "Bedtime"]
    click = {"type": "block_actions", "user": {"id": "U123"}, "channel": {"id": channel},
             "actions": [{"action_id": "option_4", "type": "button", "value": "Bedtime"}]}
    form = urllib.parse.urlencode({"payload": json.dumps(click)}).encode()
    assert _slack(client, form, content_type="application/x-www-form-urlencoded")[0] == 200
    replies = fake_platform.wait_for(to_channel, count=len(sent) + 1)[len(sent):]
    assert render("ask_sleep_trouble") in replies[-1]["body"]["text"]


def test_slack_retries_are_not_answered_twice(client, fake_platform):
    channel = f"D{uuid.uuid4().hex[:8].upper()}"
    assert _slack(client, _slack_event(channel, "what is ldn"), retry=True)[0] == 200
    time.sleep(2)
    assert not fake_platform.matching(lambda c: c["body"].get("channel") == channel)


def test_slack_forged_or_replayed_requests_are_refused(client, fake_platform):
    channel = f"D{uuid.uuid4().hex[:8].upper()}"
    assert _slack(client, _slack_event(channel, "what is ldn"), secret="wrong")[0] == 403
    assert _slack(client, _slack_event(channel, "what is ldn"), timestamp=time.time() - 3600)[0] == 403
    time.sleep(2)
    assert not fake_platform.matching(lambda c: c["body"].get("channel") == channel)


# --- Facebook Messenger ---------------------------------------------------------------------------
def _facebook(client, body: bytes, secret=CHANNEL_ENV["FACEBOOK_APP_SECRET"]):
    signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return _post(f"{client.url}/webhooks/facebook/webhook", body,
                 {"Content-Type": "application/json", "X-Hub-Signature-256": signature})


def _fb_message(psid, text=None, postback=None):
    event = {"sender": {"id": psid}, "recipient": {"id": "PAGE1"}, "timestamp": int(time.time() * 1000)}
    if postback:
        event["postback"] = {"title": postback, "payload": postback}
    else:
        event["message"] = {"mid": "m_1", "text": text}
    return json.dumps({"object": "page", "entry": [{"id": "PAGE1", "time": 1, "messaging": [event]}]}).encode()


def test_facebook_subscription_handshake(client):
    query = urllib.parse.urlencode({"hub.mode": "subscribe", "hub.verify_token": "fb-verify", "hub.challenge": "42"})
    with urllib.request.urlopen(f"{client.url}/webhooks/facebook/webhook?{query}") as reply:
        assert reply.read() == b"42"
    bad = urllib.parse.urlencode({"hub.mode": "subscribe", "hub.verify_token": "nope", "hub.challenge": "42"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(f"{client.url}/webhooks/facebook/webhook?{bad}")
    assert err.value.code == 403


def test_facebook_more_than_three_options_are_numbered_and_typing_a_number_works(client, fake_platform):
    psid = str(uuid.uuid4().int % 10**15)
    assert _facebook(client, _fb_message(psid, "when should i take my ldn"))[0] == 200
    to_user = lambda c: c["path"].startswith("/facebook/me/messages") and c["body"]["recipient"]["id"] == psid  # noqa: E731
    sent = fake_platform.wait_for(to_user)
    last = sent[-1]["body"]["message"]
    assert "attachment" not in last  # 4 options: more than Facebook's 3 buttons
    assert "1. Morning" in last["text"] and "4. Bedtime" in last["text"]
    assert _facebook(client, _fb_message(psid, "4"))[0] == 200
    replies = fake_platform.wait_for(to_user, count=len(sent) + 1)[len(sent):]
    template = replies[-1]["body"]["message"]["attachment"]["payload"]
    assert template["text"] == render("ask_sleep_trouble")
    assert [b["title"] for b in template["buttons"]] == ["Yes", "No"]
    assert _facebook(client, _fb_message(psid, postback="Yes"))[0] == 200
    done = fake_platform.wait_for(to_user, count=len(sent) + len(replies) + 1)
    assert _body("guidance_sleep_trouble") in done[-1]["body"]["message"]["text"]


def test_facebook_forged_request_is_refused(client, fake_platform):
    psid = str(uuid.uuid4().int % 10**15)
    assert _facebook(client, _fb_message(psid, "what is ldn"), secret="wrong")[0] == 403
    unsigned = _post(f"{client.url}/webhooks/facebook/webhook", _fb_message(psid, "hi"), {"Content-Type": "application/json"})
    assert unsigned[0] == 403
    time.sleep(2)
    assert not fake_platform.matching(lambda c: c["body"].get("recipient", {}).get("id") == psid)


# --- Twilio SMS and WhatsApp --------------------------------------------------------------------
def _twilio(client, channel, params, token=CHANNEL_ENV["TWILIO_AUTH_TOKEN"]):
    url = f"{client.url}/webhooks/{channel}/webhook"
    signature = RequestValidator(token).compute_signature(url, params)
    return _post(url, urllib.parse.urlencode(params).encode(),
                 {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature})


def _sms(sender, text, to="+15550001111"):
    return {"ToCountry": "US", "SmsMessageSid": "SM" + uuid.uuid4().hex, "NumMedia": "0", "SmsSid": "SM1",
            "SmsStatus": "received", "Body": text, "To": to, "NumSegments": "1", "MessageSid": "SM" + uuid.uuid4().hex,
            "AccountSid": CHANNEL_ENV["TWILIO_ACCOUNT_SID"], "From": sender, "ApiVersion": "2010-04-01"}


def test_sms_numbered_topics_and_typing_a_number(client, fake_platform):
    sender = f"+1555{uuid.uuid4().int % 10**7:07d}"
    status, body = _twilio(client, "twilio", _sms(sender, "help"))
    assert status == 200 and "<Response>" in body
    to_sender = lambda c: c["path"].startswith("/twilio/") and c["body"].get("To") == sender  # noqa: E731
    sent = fake_platform.wait_for(to_sender)
    assert sent[0]["path"] == f"/twilio/2010-04-01/Accounts/{CHANNEL_ENV['TWILIO_ACCOUNT_SID']}/Messages.json"
    assert sent[0]["headers"]["Authorization"].startswith("Basic ")
    assert all(c["body"]["From"] == CHANNEL_ENV["TWILIO_SMS_NUMBER"] for c in sent)
    menu = sent[-1]["body"]["Body"]
    assert "7. Side effects" in menu and "Reply with a number" in menu
    assert all(len(c["body"]["Body"]) <= 1600 and "*" not in c["body"]["Body"] for c in sent)
    _twilio(client, "twilio", _sms(sender, "7"))
    replies = fake_platform.wait_for(to_sender, count=len(sent) + 1)[len(sent):]
    assert _body("side_effects") in replies[0]["body"]["Body"]


def test_whatsapp_message(client, fake_platform):
    sender = f"whatsapp:+1555{uuid.uuid4().int % 10**7:07d}"
    assert _twilio(client, "whatsapp", _sms(sender, "can i take codeine with ldn", to="whatsapp:+15550002222"))[0] == 200
    to_sender = lambda c: c["path"].startswith("/twilio/") and c["body"].get("To") == sender  # noqa: E731
    sent = fake_platform.wait_for(to_sender)
    assert all(c["body"]["From"] == CHANNEL_ENV["TWILIO_WHATSAPP_NUMBER"] for c in sent)
    assert _body("opioid_interaction") in "\n".join(c["body"]["Body"] for c in sent)


@pytest.mark.parametrize("channel", ["twilio", "whatsapp"])
def test_twilio_forged_requests_are_refused(client, fake_platform, channel):
    sender = f"+1555{uuid.uuid4().int % 10**7:07d}"
    assert _twilio(client, channel, _sms(sender, "what is ldn"), token="wrong")[0] == 403
    unsigned = _post(f"{client.url}/webhooks/{channel}/webhook", urllib.parse.urlencode(_sms(sender, "hi")).encode(),
                     {"Content-Type": "application/x-www-form-urlencoded"})
    assert unsigned[0] == 403
    tampered = _sms(sender, "what is ldn")
    url = f"{client.url}/webhooks/{channel}/webhook"
    signature = RequestValidator(CHANNEL_ENV["TWILIO_AUTH_TOKEN"]).compute_signature(url, tampered)
    tampered["Body"] = "something else"
    assert _post(url, urllib.parse.urlencode(tampered).encode(),
                 {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature})[0] == 403
    time.sleep(2)
    assert not fake_platform.matching(lambda c: c["body"].get("To") == sender)
