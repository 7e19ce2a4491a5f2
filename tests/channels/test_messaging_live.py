"""Each messaging channel on the running server: a real-shaped webhook in, the reply caught at the fake platform API."""

import json
import urllib.parse
import urllib.request

import pytest
from twilio.request_validator import RequestValidator

from bot import knowledge, settings
from bot.channels.formatting import plain
from bot.nlg import render
from scripts.bench.triage import numbers_in_order
from tests.channels import webhooks as hooks
from tests.conftest import CHANNEL_ENV
from tests.helpers import flat, http, new_sender

pytestmark = [pytest.mark.model, pytest.mark.servers]

REFUSED_TEXT = "what are the side effects"  # what every refused request asks: its answer must never arrive


def answer_to(client, text: str) -> str:
    """What the running server answers to `text` later in a conversation (no disclaimer), as platforms show it.
    Asked over REST, so the tests hold whatever the answers' wording is."""
    sender = new_sender("expected")
    client.say(sender, "hello")
    return flat(plain(client.text(sender, text)))


def assert_only_the_follow_up_arrived(client, fake_platform, recipient: str, follow_up) -> None:
    """Sends a valid 'what is ldn' after refused requests; its answer, and only it, must reach the patient."""
    status, _ = follow_up("what is ldn")
    assert status == 200
    texts = flat(
        "\n".join(hooks.sent_text(c) for c in fake_platform.wait_for(hooks.to_recipient(recipient), settle=1.0))
    )
    assert answer_to(client, "what is ldn") in texts
    # The disclaimer opens a conversation: seeing it here proves no refused request was answered first.
    assert flat(render("disclaimer")) in texts
    assert answer_to(client, REFUSED_TEXT) not in texts


# --- Telegram ------------------------------------------------------------------------------------
def test_telegram_message_and_button(client, fake_platform):
    chat = hooks.unique_id()
    assert hooks.telegram(client.url, hooks.tg_message(chat, "help"))[0] == 200
    to_chat = hooks.to_recipient(str(chat))
    sent = fake_platform.wait_for(to_chat)
    assert all(c["path"] == f"/telegram/bot{CHANNEL_ENV['TELEGRAM_BOT_TOKEN']}/sendMessage" for c in sent)
    keyboard = sent[-1]["body"]["reply_markup"]["inline_keyboard"]
    assert [row[0]["text"] for row in keyboard] == [e.button for e in knowledge.topic_buttons()]
    status, ack = hooks.telegram(client.url, hooks.tg_tap(chat, "Thyroid"))
    assert status == 200 and json.loads(ack) == {"method": "answerCallbackQuery", "callback_query_id": "q1"}
    replies = fake_platform.wait_for(to_chat, count=len(sent) + 1)[len(sent) :]
    assert answer_to(client, "Thyroid") in flat(replies[0]["body"]["text"])
    assert "Source: clinic article, 'Hypothyroidism and LDN'" in replies[0]["body"]["text"]


def test_telegram_forged_request_is_refused(client, fake_platform):
    chat = hooks.unique_id()
    assert hooks.telegram(client.url, hooks.tg_message(chat, REFUSED_TEXT), secret="wrong")[0] == 403
    assert hooks.telegram(client.url, hooks.tg_message(chat, REFUSED_TEXT), secret="")[0] == 403
    assert_only_the_follow_up_arrived(
        client, fake_platform, str(chat), lambda text: hooks.telegram(client.url, hooks.tg_message(chat, text))
    )


# --- Slack ---------------------------------------------------------------------------------------
def test_slack_url_verification(client):
    status, body = hooks.slack(client.url, json.dumps({"type": "url_verification", "challenge": "abc123"}).encode())
    assert status == 200 and json.loads(body) == {"challenge": "abc123"}


def test_slack_message_and_button_click(client, fake_platform):
    channel = hooks.slack_channel()
    assert hooks.slack(client.url, hooks.slack_event(channel, "when should i take my ldn"))[0] == 200
    to_channel = hooks.to_recipient(channel)
    sent = fake_platform.wait_for(to_channel)
    assert sent[-1]["path"] == "/slack/chat.postMessage"
    assert sent[-1]["headers"]["Authorization"] == f"Bearer {CHANNEL_ENV['SLACK_BOT_TOKEN']}"
    assert sent[-1]["body"]["mrkdwn"] is False
    buttons = sent[-1]["body"]["blocks"][1]["elements"]
    assert [b["value"] for b in buttons] == ["Morning", "Afternoon", "Evening", "Bedtime"]
    click = hooks.slack_click(channel, "Bedtime")
    assert hooks.slack(client.url, click, content_type="application/x-www-form-urlencoded")[0] == 200
    replies = fake_platform.wait_for(to_channel, count=len(sent) + 1)[len(sent) :]
    assert render("ask_sleep_trouble") in replies[-1]["body"]["text"]


def test_slack_forged_or_stale_requests_are_refused(client, fake_platform):
    channel = hooks.slack_channel()
    assert hooks.slack(client.url, hooks.slack_event(channel, REFUSED_TEXT), secret="wrong")[0] == 403
    stale = hooks.slack(client.url, hooks.slack_event(channel, REFUSED_TEXT), timestamp=1_700_000_000)
    assert stale[0] == 403
    assert_only_the_follow_up_arrived(
        client, fake_platform, channel, lambda text: hooks.slack(client.url, hooks.slack_event(channel, text))
    )


# --- Facebook Messenger ---------------------------------------------------------------------------
def test_facebook_subscription_handshake(client):
    query = urllib.parse.urlencode({"hub.mode": "subscribe", "hub.verify_token": "fb-verify", "hub.challenge": "42"})
    assert http(f"{client.url}/webhooks/facebook/webhook?{query}") == (200, "42")
    bad = urllib.parse.urlencode({"hub.mode": "subscribe", "hub.verify_token": "nope", "hub.challenge": "42"})
    assert http(f"{client.url}/webhooks/facebook/webhook?{bad}")[0] == 403


def test_facebook_more_than_three_options_are_numbered_and_typing_a_number_works(client, fake_platform):
    psid = hooks.psid()
    assert hooks.facebook(client.url, hooks.fb_message(psid, "when should i take my ldn"))[0] == 200
    to_user = hooks.to_recipient(psid)
    sent = fake_platform.wait_for(to_user)
    last = sent[-1]["body"]["message"]
    assert "attachment" not in last  # 4 options: more than Facebook's 3 buttons
    assert "1. Morning" in last["text"] and "4. Bedtime" in last["text"]
    assert hooks.facebook(client.url, hooks.fb_message(psid, "4"))[0] == 200
    replies = fake_platform.wait_for(to_user, count=len(sent) + 1)[len(sent) :]
    template = replies[-1]["body"]["message"]["attachment"]["payload"]
    assert template["text"] == render("ask_sleep_trouble")
    assert [b["title"] for b in template["buttons"]] == ["Yes", "No"]
    assert hooks.facebook(client.url, hooks.fb_message(psid, postback="Yes"))[0] == 200
    done = fake_platform.wait_for(to_user, count=len(sent) + len(replies) + 1)
    assert "Source: clinic article" in done[-1]["body"]["message"]["text"]  # the guidance, with its source


def test_facebook_forged_request_is_refused(client, fake_platform):
    psid = hooks.psid()
    assert hooks.facebook(client.url, hooks.fb_message(psid, REFUSED_TEXT), secret="wrong")[0] == 403
    unsigned = http(
        f"{client.url}/webhooks/facebook/webhook",
        hooks.fb_message(psid, REFUSED_TEXT),
        {"Content-Type": "application/json"},
        method="POST",
    )
    assert unsigned[0] == 403
    assert_only_the_follow_up_arrived(
        client, fake_platform, psid, lambda text: hooks.facebook(client.url, hooks.fb_message(psid, text))
    )


# --- Twilio SMS and WhatsApp --------------------------------------------------------------------
def test_sms_numbered_topics_and_typing_a_number(client, fake_platform):
    sender = hooks.phone()
    status, body = hooks.twilio(client.url, "twilio", hooks.sms(sender, "help"))
    assert status == 200 and "<Response>" in body
    to_sender = hooks.to_recipient(sender)
    sent = fake_platform.wait_for(to_sender)
    assert sent[0]["path"] == f"/twilio/2010-04-01/Accounts/{CHANNEL_ENV['TWILIO_ACCOUNT_SID']}/Messages.json"
    assert sent[0]["headers"]["Authorization"].startswith("Basic ")
    assert all(c["body"]["From"] == CHANNEL_ENV["TWILIO_SMS_NUMBER"] for c in sent)
    menu = sent[-1]["body"]["Body"]
    assert "7. Side effects" in menu and "Reply with a number" in menu
    assert all(len(c["body"]["Body"]) <= 1600 and "*" not in c["body"]["Body"] for c in sent)
    hooks.twilio(client.url, "twilio", hooks.sms(sender, "7"))
    replies = fake_platform.wait_for(to_sender, count=len(sent) + 1)[len(sent) :]
    assert answer_to(client, "Side effects") in flat(replies[0]["body"]["Body"])


def test_whatsapp_message(client, fake_platform):
    sender = f"whatsapp:{hooks.phone()}"
    to = CHANNEL_ENV["TWILIO_WHATSAPP_NUMBER"]
    assert hooks.twilio(client.url, "whatsapp", hooks.sms(sender, "can i take codeine with ldn", to=to))[0] == 200
    sent = fake_platform.wait_for(hooks.to_recipient(sender))
    assert all(c["body"]["From"] == to for c in sent)
    assert answer_to(client, "can i take codeine with ldn") in flat("\n".join(c["body"]["Body"] for c in sent))


@pytest.mark.parametrize("channel", ["twilio", "whatsapp"])
def test_twilio_forged_requests_are_refused(client, fake_platform, channel):
    sender = hooks.phone()
    assert hooks.twilio(client.url, channel, hooks.sms(sender, REFUSED_TEXT), token="wrong")[0] == 403
    url = f"{client.url}/webhooks/{channel}/webhook"
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    assert http(url, urllib.parse.urlencode(hooks.sms(sender, REFUSED_TEXT)).encode(), form, method="POST")[0] == 403
    tampered = hooks.sms(sender, "what is ldn")
    signature = RequestValidator(CHANNEL_ENV["TWILIO_AUTH_TOKEN"]).compute_signature(url, tampered)
    tampered["Body"] = REFUSED_TEXT
    assert (
        http(url, urllib.parse.urlencode(tampered).encode(), {**form, "X-Twilio-Signature": signature}, method="POST")[
            0
        ]
        == 403
    )
    to = CHANNEL_ENV["TWILIO_WHATSAPP_NUMBER"] if channel == "whatsapp" else CHANNEL_ENV["TWILIO_SMS_NUMBER"]
    assert_only_the_follow_up_arrived(
        client, fake_platform, sender, lambda text: hooks.twilio(client.url, channel, hooks.sms(sender, text, to=to))
    )


def test_an_emergency_described_by_its_signs_on_telegram_leads_with_the_emergency_number(client, fake_platform):
    """Triage on a messaging channel: what the patient receives names 911 before any other number."""
    chat = hooks.unique_id()
    text = "he took his pain pills and now hes making snoring sounds and his lips are greyish"
    assert hooks.telegram(client.url, hooks.tg_message(chat, text))[0] == 200
    received = "\n".join(hooks.sent_text(c) for c in fake_platform.wait_for(hooks.to_recipient(str(chat))))
    assert numbers_in_order(received, settings.load())[:1] == ["911"], received
