"""What platforms really send, on the running server: retries, edits, media, captions, groups and "start".

Every test sends a correctly signed, real-shaped request and reads what reached the fake platform API:
a patient must never get silence, and a group must never get a stored conversation.
"""

import json

import pytest

from bot import knowledge, settings
from bot.channels.formatting import plain
from bot.channels.senders import conversation_id
from bot.nlg import render
from scripts.bench.triage import numbers_in_order
from tests.channels import webhooks as hooks
from tests.channels.test_abuse_live import user_turns
from tests.channels.test_messaging_live import answer_to
from tests.conftest import CHANNEL_ENV
from tests.helpers import flat, new_sender, number

pytestmark = [pytest.mark.model, pytest.mark.servers]

EMERGENCY = "I took 20 pills and I can't breathe"
TOPICS = [e.button for e in knowledge.topic_buttons()]


def received(fake_platform, recipient: str, count: int = 1) -> str:
    """Everything sent to `recipient` so far (at least `count` messages), as one flat text."""
    return flat(
        "\n".join(
            hooks.sent_text(c) for c in fake_platform.wait_for(hooks.to_recipient(recipient), count=count, settle=1.0)
        )
    )


def leads_with_911(text: str) -> bool:
    return numbers_in_order(text, settings.load())[:1] == ["911"]


def text_only_reply() -> str:
    return flat(plain(render("text_only")))


# --- words sent with media, and media with no words ----------------------------------------------
def test_a_telegram_photo_caption_is_answered_like_a_typed_question(client, fake_platform):
    chat = hooks.unique_id()
    caption = "what is ldn"
    update = hooks.tg_update(chat, caption=caption, **hooks.TG_MEDIA["photo"])
    assert hooks.telegram(client.url, update)[0] == 200
    assert answer_to(client, caption) in received(fake_platform, str(chat))


@pytest.mark.parametrize("kind", sorted(hooks.TG_MEDIA))
def test_telegram_media_without_words_gets_the_text_only_reply_with_the_topics(client, fake_platform, kind):
    chat = hooks.unique_id()
    assert hooks.telegram(client.url, hooks.tg_update(chat, **hooks.TG_MEDIA[kind]))[0] == 200
    sent = fake_platform.wait_for(hooks.to_recipient(str(chat)), settle=1.0)
    assert len(sent) == 1 and flat(sent[0]["body"]["text"]) == text_only_reply()
    assert [row[0]["text"] for row in sent[0]["body"]["reply_markup"]["inline_keyboard"]] == TOPICS
    assert number("911") in sent[0]["body"]["text"] and number("988") in sent[0]["body"]["text"]


def test_a_slack_file_shared_with_words_is_answered_and_without_words_gets_the_text_only_reply(client, fake_platform):
    channel = hooks.slack_channel()
    shared = {
        "subtype": "file_share",
        "channel_type": "im",
        "user": "U123",
        "text": "what is ldn",
        "files": [hooks.slack_file()],
        "upload": False,
    }
    assert hooks.slack(client.url, hooks.slack_raw_event(channel, shared))[0] == 200
    assert answer_to(client, "what is ldn") in received(fake_platform, channel)
    before = len(fake_platform.matching(hooks.to_recipient(channel)))
    assert hooks.slack(client.url, hooks.slack_raw_event(channel, {**shared, "text": ""}))[0] == 200
    later = fake_platform.wait_for(hooks.to_recipient(channel), count=before + 1, settle=1.0)[before:]
    assert [flat(c["body"]["text"]) for c in later] == [text_only_reply()]
    assert [b["value"] for b in later[0]["body"]["blocks"][1]["elements"]] == TOPICS


@pytest.mark.parametrize("kind", ["image", "audio", "video", "file", "location", "sticker"])
def test_facebook_attachments_without_words_get_the_text_only_reply(client, fake_platform, kind):
    psid = hooks.psid()
    assert hooks.facebook(client.url, hooks.fb_event(psid, message=hooks.fb_attachment(kind)))[0] == 200
    sent = fake_platform.wait_for(hooks.to_recipient(psid), settle=1.0)
    # More topics than Facebook's 3 buttons: they come numbered, in the text.
    assert len(sent) == 1 and flat(text_only_reply()) in flat(sent[0]["body"]["message"]["text"])


def test_an_mms_picture_without_words_gets_the_text_only_reply_and_its_numbers_work(client, fake_platform):
    sender = hooks.phone()
    assert hooks.twilio(client.url, "twilio", hooks.mms(sender))[0] == 200
    menu = fake_platform.wait_for(hooks.to_recipient(sender), settle=1.0)
    assert len(menu) == 1 and text_only_reply() in flat(menu[0]["body"]["Body"])
    assert f"3. {TOPICS[2]}" in menu[0]["body"]["Body"]
    # Rasa never saw that reply, yet typing an option's number picks it.
    assert hooks.twilio(client.url, "twilio", hooks.sms(sender, "3"))[0] == 200
    answer = fake_platform.wait_for(hooks.to_recipient(sender), count=2, settle=1.0)[1:]
    assert answer_to(client, TOPICS[2]) in flat("\n".join(c["body"]["Body"] for c in answer))


def test_an_mms_with_words_answers_the_words(client, fake_platform):
    sender = hooks.phone()
    assert hooks.twilio(client.url, "twilio", hooks.mms(sender, body="what is ldn"))[0] == 200
    assert answer_to(client, "what is ldn") in received(fake_platform, sender)


@pytest.mark.parametrize("kind", ["voice", "location"])
def test_a_whatsapp_voice_note_or_location_gets_the_text_only_reply(client, fake_platform, kind):
    sender = f"whatsapp:{hooks.phone()}"
    to = CHANNEL_ENV["TWILIO_WHATSAPP_NUMBER"]
    params = hooks.mms(sender, to=to, media_type="audio/ogg") if kind == "voice" else hooks.whatsapp_location(sender)
    assert hooks.twilio(client.url, "whatsapp", params)[0] == 200
    assert text_only_reply() in received(fake_platform, sender)


# --- edits ---------------------------------------------------------------------------------------
def test_a_telegram_edit_to_an_emergency_gets_911_first(client, fake_platform):
    chat = hooks.unique_id()
    assert hooks.telegram(client.url, hooks.tg_update(chat, text="what is ldn"))[0] == 200
    first = len(fake_platform.wait_for(hooks.to_recipient(str(chat)), settle=1.0))
    assert hooks.telegram(client.url, hooks.tg_update(chat, key="edited_message", text=EMERGENCY))[0] == 200
    edit = fake_platform.wait_for(hooks.to_recipient(str(chat)), count=first + 1, settle=1.0)[first:]
    assert leads_with_911("\n".join(c["body"]["text"] for c in edit))


def test_a_slack_edit_is_answered_but_a_link_preview_is_not(client, fake_platform):
    channel = hooks.slack_channel()
    original = {"type": "message", "user": "U123", "text": "what is ldn", "ts": "1700000001.000200"}
    assert hooks.slack(client.url, hooks.slack_raw_event(channel, {"channel_type": "im", **original}))[0] == 200
    first = len(fake_platform.wait_for(hooks.to_recipient(channel), settle=1.0))
    unfurl = {
        "subtype": "message_changed",
        "hidden": True,
        "channel_type": "im",
        "message": {**original, "attachments": [{"title": "LDN", "from_url": "https://example.org"}]},
        "previous_message": original,
    }
    edited = {**unfurl, "message": {**original, "text": EMERGENCY, "edited": {"user": "U123", "ts": "1700000031.0"}}}
    assert hooks.slack(client.url, hooks.slack_raw_event(channel, unfurl))[0] == 200
    assert hooks.slack(client.url, hooks.slack_raw_event(channel, edited))[0] == 200
    later = fake_platform.wait_for(hooks.to_recipient(channel), count=first + 1, settle=1.5)[first:]
    assert leads_with_911(later[0]["body"]["text"])  # the edit's reply comes first: the preview got none
    assert answer_to(client, "what is ldn") not in flat("\n".join(c["body"]["text"] for c in later))


def test_a_facebook_message_edit_is_answered(client, fake_platform):
    psid = hooks.psid()
    edit = {"mid": f"m_{psid}", "text": EMERGENCY, "num_edit": 1}
    assert hooks.facebook(client.url, hooks.fb_event(psid, message_edit=edit))[0] == 200
    assert leads_with_911(received(fake_platform, psid))


# --- Slack's retries ----------------------------------------------------------------------------
def test_a_slack_retry_of_a_delivery_that_never_arrived_is_answered(client, fake_platform):
    """Slack retries (X-Slack-Retry-Num) after a restart, a 5xx or a timeout: the first delivery may never
    have been handled, so the retry is the patient's only chance to be heard."""
    channel = hooks.slack_channel()
    assert hooks.slack(client.url, hooks.slack_event(channel, EMERGENCY), retry=True)[0] == 200
    assert leads_with_911(received(fake_platform, channel))


def test_a_slack_retry_of_a_handled_event_is_not_answered_twice(client, fake_platform):
    channel, event = hooks.slack_channel(), f"Ev{new_sender('e')[-10:]}"
    assert hooks.slack(client.url, hooks.slack_event(channel, "what is ldn", event_id=event))[0] == 200
    first = len(fake_platform.wait_for(hooks.to_recipient(channel), settle=1.0))
    assert hooks.slack(client.url, hooks.slack_event(channel, "what is ldn", event_id=event), retry=True)[0] == 200
    assert hooks.slack(client.url, hooks.slack_event(channel, "thanks"))[0] == 200
    later = fake_platform.wait_for(hooks.to_recipient(channel), count=first + 1, settle=1.5)[first:]
    assert [flat(c["body"]["text"]) for c in later] == [answer_to(client, "thanks")]


# --- "Start" -------------------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["/start", "/start@ldn_clinic_bot", "/start from-website"])
def test_telegram_start_gets_the_greeting_and_the_disclaimer(client, fake_platform, command):
    chat = hooks.unique_id()
    assert hooks.telegram(client.url, hooks.tg_message(chat, command))[0] == 200
    text = received(fake_platform, str(chat))
    assert flat(plain(render("greet"))) in text and flat(plain(render("disclaimer"))) in text


def test_facebook_get_started_gets_the_greeting(client, fake_platform):
    psid = hooks.psid()
    postback = {"title": "Get Started", "payload": "GET_STARTED", "mid": f"m_{psid}gs"}
    assert hooks.facebook(client.url, hooks.fb_event(psid, postback=postback))[0] == 200
    assert flat(plain(render("greet"))) in received(fake_platform, psid)


# --- groups and shared channels -----------------------------------------------------------------
def test_a_telegram_group_gets_one_private_chat_notice_and_nothing_is_stored(live, fake_platform):
    client, work = live
    group = -1000000000000 - hooks.unique_id()
    for text in ["what is ldn", "does it help lupus", "/start@ldn_clinic_bot"]:
        assert hooks.telegram(client.url, hooks.tg_update(group, chat_type="supergroup", text=text))[0] == 200
    sent = fake_platform.wait_for(hooks.to_recipient(str(group)), settle=1.5)
    assert [flat(c["body"]["text"]) for c in sent] == [flat(render("private_chat_only"))]
    assert user_turns(work, conversation_id("telegram", str(group))) == []


@pytest.mark.parametrize("platform", ["telegram", "slack"])
def test_an_emergency_in_a_group_still_gets_its_numbers(live, fake_platform, platform):
    client, work = live
    if platform == "telegram":
        chat = str(-1000000000000 - hooks.unique_id())
        hooks.telegram(client.url, hooks.tg_update(int(chat), chat_type="group", text=EMERGENCY))
    else:
        chat = f"C{new_sender('c')[-8:].upper()}"
        event = {"channel_type": "channel", "user": "U999", "text": EMERGENCY}
        assert hooks.slack(client.url, hooks.slack_raw_event(chat, event))[0] == 200
    assert leads_with_911(received(fake_platform, chat))
    assert user_turns(work, conversation_id(platform, chat)) == []


# --- rate limits never silence an emergency ------------------------------------------------------
def test_a_rate_limited_messaging_patient_still_gets_an_emergency_answered(client, fake_platform):
    chat = hooks.unique_id()
    limit = settings.service().rate_limit_per_sender
    for _ in range(limit):
        assert hooks.telegram(client.url, hooks.tg_message(chat, "hi"))[0] == 200
    answered = len(fake_platform.wait_for(hooks.to_recipient(str(chat)), count=limit, settle=1.0))
    assert hooks.telegram(client.url, hooks.tg_message(chat, "what is ldn"))[0] == 200
    notice = fake_platform.wait_for(hooks.to_recipient(str(chat)), count=answered + 1, settle=1.0)[answered:]
    assert [flat(c["body"]["text"]) for c in notice] == [flat(render("rate_limited"))]
    assert number("911") in notice[0]["body"]["text"] and number("988") in notice[0]["body"]["text"]
    assert hooks.telegram(client.url, hooks.tg_message(chat, EMERGENCY))[0] == 200
    emergency = fake_platform.wait_for(hooks.to_recipient(str(chat)), count=answered + 2, settle=1.0)[answered + 1 :]
    assert leads_with_911("\n".join(c["body"]["text"] for c in emergency))


def test_a_rate_limited_widget_patient_still_gets_an_emergency_answered(client):
    sender = new_sender("limited")
    limit = settings.service().rate_limit_per_sender
    assert [client.post({"sender": sender, "message": "hi"})[0] for _ in range(limit)] == [200] * limit
    status, reply = client.post({"sender": sender, "message": "what is ldn"})
    assert status == 429 and number("911") in reply[0]["text"] and number("988") in reply[0]["text"]
    status, reply = client.post({"sender": sender, "message": EMERGENCY})
    assert status == 200 and leads_with_911(reply[0]["text"])
    assert all(m.get("custom") == {"emergency": True} for m in reply)  # the widget shows it as an alert
    assert json.dumps(reply).count(sender) == len(reply)  # addressed to the widget's own id
