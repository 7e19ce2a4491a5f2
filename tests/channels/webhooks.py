"""Real-shaped, correctly signed platform webhooks for tests (Telegram, Slack, Facebook, Twilio)."""

import hashlib
import hmac
import json
import time
import urllib.parse
import uuid
from dataclasses import dataclass
from typing import Any, Callable, Dict, Optional, Tuple

from twilio.request_validator import RequestValidator

from tests.channels.fake_platform import recipient_of
from tests.conftest import CHANNEL_ENV
from tests.helpers import http


def unique_id() -> int:
    return uuid.uuid4().int % 10**9


# --- Telegram ------------------------------------------------------------------------------------
def telegram(url: str, update: Any, secret: str = CHANNEL_ENV["TELEGRAM_SECRET_TOKEN"]) -> Tuple[int, str]:
    body = update if isinstance(update, bytes) else json.dumps(update).encode()
    return http(
        f"{url}/webhooks/telegram/webhook",
        body,
        {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret},
        method="POST",
    )


def tg_message(chat_id: int, text: str, update_id: Optional[int] = None) -> Dict[str, Any]:
    return {
        "update_id": update_id or unique_id(),
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "text": text,
            "chat": {"id": chat_id, "type": "private", "first_name": "Pat"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "Pat"},
        },
    }


def tg_update(chat_id: int, key: str = "message", chat_type: str = "private", **fields: Any) -> Dict[str, Any]:
    """An update as Telegram sends it: `key` is "message" or "edited_message"; `fields` are the
    message's own (text, caption, photo, sticker, voice, location, ...)."""
    chat = {"id": chat_id, "type": chat_type}
    chat.update({"first_name": "Pat"} if chat_type == "private" else {"title": "Support group"})
    message = {
        "message_id": unique_id(),
        "date": int(time.time()),
        "chat": chat,
        "from": {"id": abs(chat_id) + 1, "is_bot": False, "first_name": "Pat"},
        **fields,
    }
    if key == "edited_message":
        message["edit_date"] = message["date"] + 30
    return {"update_id": unique_id(), key: message}


TG_PHOTO = [
    {"file_id": "AgACAgQAAxkBAAI", "file_unique_id": "AQAD", "width": 90, "height": 67, "file_size": 1234},
    {"file_id": "AgACAgQAAxkBAAJ", "file_unique_id": "AQAE", "width": 1280, "height": 960, "file_size": 91234},
]
TG_MEDIA = {
    "photo": {"photo": TG_PHOTO},
    "sticker": {
        "sticker": {
            "file_id": "CAACAgIAAxkBAAI",
            "file_unique_id": "AgADJw",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "\U0001f622",
        }
    },
    "voice": {
        "voice": {
            "file_id": "AwACAgQAAxkBAAI",
            "file_unique_id": "AgADQ",
            "duration": 7,
            "mime_type": "audio/ogg",
            "file_size": 23000,
        }
    },
    "location": {"location": {"latitude": 40.7128, "longitude": -74.006}},
    "document": {
        "document": {
            "file_id": "BQACAgQAAxkBAAI",
            "file_unique_id": "AgADR",
            "file_name": "labs.pdf",
            "mime_type": "application/pdf",
            "file_size": 52000,
        }
    },
}


def tg_tap(chat_id: int, data: str, query_id: str = "q1") -> Dict[str, Any]:
    return {
        "update_id": unique_id(),
        "callback_query": {
            "id": query_id,
            "from": {"id": chat_id, "is_bot": False, "first_name": "Pat"},
            "data": data,
            "message": {"message_id": 2, "date": 0, "chat": {"id": chat_id, "type": "private"}},
        },
    }


# --- Slack ---------------------------------------------------------------------------------------
def slack(
    url: str,
    body: bytes,
    content_type: str = "application/json",
    secret: str = CHANNEL_ENV["SLACK_SIGNING_SECRET"],
    timestamp: Optional[float] = None,
    retry: bool = False,
) -> Tuple[int, str]:
    ts = str(int(timestamp or time.time()))
    signature = "v0=" + hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
    headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}
    if retry:
        headers["X-Slack-Retry-Num"] = "1"
    return http(f"{url}/webhooks/slack/webhook", body, headers, method="POST")


def slack_event(channel: str, text: str, event_id: Optional[str] = None) -> bytes:
    return json.dumps(
        {
            "token": "x",
            "team_id": "T1",
            "type": "event_callback",
            "event_id": event_id or f"Ev{uuid.uuid4().hex[:10]}",
            "event": {
                "type": "message",
                "channel_type": "im",
                "user": "U123",
                "text": text,
                "ts": "1700000000.000100",
                "channel": channel,
            },
        }
    ).encode()


def slack_raw_event(channel: str, event: Dict[str, Any], event_id: Optional[str] = None) -> bytes:
    """Any Slack message event (a file share, an edit, a channel message) in its event_callback envelope."""
    return json.dumps(
        {
            "token": "x",
            "team_id": "T1",
            "api_app_id": "A1",
            "type": "event_callback",
            "event_id": event_id or f"Ev{uuid.uuid4().hex[:10]}",
            "event_time": int(time.time()),
            "event": {
                "type": "message",
                "channel": channel,
                "event_ts": "1700000001.000200",
                "ts": "1700000001.000200",
                **event,
            },
        }
    ).encode()


def slack_file(name: str = "rash.jpg") -> Dict[str, Any]:
    return {
        "id": f"F{uuid.uuid4().hex[:9].upper()}",
        "name": name,
        "mimetype": "image/jpeg",
        "filetype": "jpg",
        "url_private": "https://files.slack.com/files-pri/T1-F1/rash.jpg",
        "size": 48213,
    }


def slack_click(channel: str, value: str) -> bytes:
    click = {
        "type": "block_actions",
        "user": {"id": "U123"},
        "channel": {"id": channel},
        "actions": [{"action_id": "option_1", "type": "button", "value": value}],
    }
    return urllib.parse.urlencode({"payload": json.dumps(click)}).encode()


def slack_channel() -> str:
    return f"D{uuid.uuid4().hex[:8].upper()}"


# --- Facebook Messenger ---------------------------------------------------------------------------
def facebook(url: str, body: bytes, secret: str = CHANNEL_ENV["FACEBOOK_APP_SECRET"]) -> Tuple[int, str]:
    signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return http(
        f"{url}/webhooks/facebook/webhook",
        body,
        {"Content-Type": "application/json", "X-Hub-Signature-256": signature},
        method="POST",
    )


def fb_message(
    psid: str, text: Optional[str] = None, postback: Optional[str] = None, mid: Optional[str] = None
) -> bytes:
    event: Dict[str, Any] = {"sender": {"id": psid}, "recipient": {"id": "PAGE1"}, "timestamp": int(time.time() * 1000)}
    if postback:
        event["postback"] = {"title": postback, "payload": postback, "mid": mid or f"m_{uuid.uuid4().hex}"}
    else:
        event["message"] = {"mid": mid or f"m_{uuid.uuid4().hex}", "text": text}
    return json.dumps({"object": "page", "entry": [{"id": "PAGE1", "time": 1, "messaging": [event]}]}).encode()


def fb_event(psid: str, **fields: Any) -> bytes:
    """Any Messenger event (an attachment, a sticker, an edit, a postback) from this person, in its envelope."""
    event = {"sender": {"id": psid}, "recipient": {"id": "PAGE1"}, "timestamp": int(time.time() * 1000), **fields}
    return json.dumps({"object": "page", "entry": [{"id": "PAGE1", "time": 1, "messaging": [event]}]}).encode()


def fb_attachment(kind: str) -> Dict[str, Any]:
    """A message with one attachment and no words: image, audio, video, file or location; "sticker" is an
    image with Messenger's sticker_id."""
    mid = f"m_{uuid.uuid4().hex}"
    if kind == "location":
        return {
            "mid": mid,
            "attachments": [{"type": "location", "payload": {"coordinates": {"lat": 40.7, "long": -74.0}}}],
        }
    payload = {"url": f"https://scontent.xx.fbcdn.net/v/t1.15752-9/{uuid.uuid4().hex}.jpg"}
    if kind == "sticker":
        return {
            "mid": mid,
            "sticker_id": 369239263222822,
            "attachments": [{"type": "image", "payload": {**payload, "sticker_id": 369239263222822}}],
        }
    return {"mid": mid, "attachments": [{"type": kind, "payload": payload}]}


def psid() -> str:
    return str(uuid.uuid4().int % 10**15)


# --- Twilio SMS and WhatsApp --------------------------------------------------------------------
def twilio(
    url: str, channel: str, params: Dict[str, str], token: str = CHANNEL_ENV["TWILIO_AUTH_TOKEN"]
) -> Tuple[int, str]:
    hook = f"{url}/webhooks/{channel}/webhook"
    signature = RequestValidator(token).compute_signature(hook, params)
    return http(
        hook,
        urllib.parse.urlencode(params).encode(),
        {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature},
        method="POST",
    )


def sms(
    sender: str, text: str, to: str = CHANNEL_ENV["TWILIO_SMS_NUMBER"], sid: Optional[str] = None
) -> Dict[str, str]:
    sid = sid or "SM" + uuid.uuid4().hex
    return {
        "ToCountry": "US",
        "SmsMessageSid": sid,
        "NumMedia": "0",
        "SmsSid": sid,
        "SmsStatus": "received",
        "Body": text,
        "To": to,
        "NumSegments": "1",
        "MessageSid": sid,
        "AccountSid": CHANNEL_ENV["TWILIO_ACCOUNT_SID"],
        "From": sender,
        "ApiVersion": "2010-04-01",
        "FromCity": "",
        "FromZip": "",
    }  # Twilio sends (and signs) blank fields too


def mms(
    sender: str, to: str = CHANNEL_ENV["TWILIO_SMS_NUMBER"], body: str = "", media_type: str = "image/jpeg"
) -> Dict[str, str]:
    """A picture (MMS) or a WhatsApp voice note as Twilio posts it: one media item, words optional."""
    params = sms(sender, body, to=to)
    params.update(
        {
            "NumMedia": "1",
            "MediaContentType0": media_type,
            "MediaUrl0": f"https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME{uuid.uuid4().hex}",
        }
    )
    return params


def whatsapp_location(sender: str) -> Dict[str, str]:
    """A WhatsApp location pin: no Body words, Latitude and Longitude instead."""
    params = sms(sender, "", to=CHANNEL_ENV["TWILIO_WHATSAPP_NUMBER"])
    params.update({"Latitude": "40.7128", "Longitude": "-74.0060", "Address": "", "Label": ""})
    return params


def phone() -> str:
    return f"+1555{uuid.uuid4().int % 10**7:07d}"


# --- what reached the fake platform --------------------------------------------------------------
def sent_text(call: Dict[str, Any]) -> str:
    """The text of one message the assistant sent to a platform, whichever platform."""
    body = call["body"]
    message = body.get("message") if isinstance(body.get("message"), dict) else None
    if message is not None:
        return message.get("text") or message.get("attachment", {}).get("payload", {}).get("text", "")
    return body.get("text") or body.get("Body") or ""


def to_recipient(recipient: str):
    """Matches the fake platform's calls that carry a message to this recipient, on any platform."""
    return lambda call: recipient_of(call["body"]) == recipient


# --- every platform through one interface --------------------------------------------------------
@dataclass(frozen=True)
class Platform:
    """How to reach one messaging channel: a fresh recipient id, and a signed message with an event id."""

    name: str
    new_recipient: Callable[[], str]
    send: Callable[[str, str, str, str], Tuple[int, str]]  # (server url, recipient, text, event id)
    new_event_id: Callable[[], str] = lambda: str(unique_id())


PLATFORMS = [
    Platform(
        "telegram",
        lambda: str(unique_id()),
        lambda url, to, text, event: telegram(url, tg_message(int(to), text, update_id=int(event))),
    ),
    Platform(
        "slack",
        slack_channel,
        lambda url, to, text, event: slack(url, slack_event(to, text, event_id=event)),
        lambda: f"Ev{uuid.uuid4().hex[:10]}",
    ),
    Platform(
        "facebook",
        psid,
        lambda url, to, text, event: facebook(url, fb_message(to, text, mid=event)),
        lambda: f"m_{uuid.uuid4().hex}",
    ),
    Platform(
        "twilio",
        phone,
        lambda url, to, text, event: twilio(url, "twilio", sms(to, text, sid=event)),
        lambda: "SM" + uuid.uuid4().hex,
    ),
    Platform(
        "whatsapp",
        lambda: f"whatsapp:{phone()}",
        lambda url, to, text, event: twilio(
            url, "whatsapp", sms(to, text, CHANNEL_ENV["TWILIO_WHATSAPP_NUMBER"], sid=event)
        ),
        lambda: "SM" + uuid.uuid4().hex,
    ),
]
