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
    return http(f"{url}/webhooks/telegram/webhook", body,
                {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret}, method="POST")


def tg_message(chat_id: int, text: str, update_id: Optional[int] = None) -> Dict[str, Any]:
    return {"update_id": update_id or unique_id(),
            "message": {"message_id": 1, "date": int(time.time()), "text": text,
                        "chat": {"id": chat_id, "type": "private", "first_name": "Pat"},
                        "from": {"id": chat_id, "is_bot": False, "first_name": "Pat"}}}


def tg_tap(chat_id: int, data: str, query_id: str = "q1") -> Dict[str, Any]:
    return {"update_id": unique_id(),
            "callback_query": {"id": query_id, "from": {"id": chat_id, "is_bot": False, "first_name": "Pat"},
                               "data": data,
                               "message": {"message_id": 2, "date": 0, "chat": {"id": chat_id, "type": "private"}}}}


# --- Slack ---------------------------------------------------------------------------------------
def slack(url: str, body: bytes, content_type: str = "application/json",
          secret: str = CHANNEL_ENV["SLACK_SIGNING_SECRET"], timestamp: Optional[float] = None,
          retry: bool = False) -> Tuple[int, str]:
    ts = str(int(timestamp or time.time()))
    signature = "v0=" + hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
    headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}
    if retry:
        headers["X-Slack-Retry-Num"] = "1"
    return http(f"{url}/webhooks/slack/webhook", body, headers, method="POST")


def slack_event(channel: str, text: str, event_id: Optional[str] = None) -> bytes:
    return json.dumps({"token": "x", "team_id": "T1", "type": "event_callback",
                       "event_id": event_id or f"Ev{uuid.uuid4().hex[:10]}",
                       "event": {"type": "message", "channel_type": "im", "user": "U123", "text": text,
                                 "ts": "1700000000.000100", "channel": channel}}).encode()


def slack_click(channel: str, value: str) -> bytes:
    click = {"type": "block_actions", "user": {"id": "U123"}, "channel": {"id": channel},
             "actions": [{"action_id": "option_1", "type": "button", "value": value}]}
    return urllib.parse.urlencode({"payload": json.dumps(click)}).encode()


def slack_channel() -> str:
    return f"D{uuid.uuid4().hex[:8].upper()}"


# --- Facebook Messenger ---------------------------------------------------------------------------
def facebook(url: str, body: bytes, secret: str = CHANNEL_ENV["FACEBOOK_APP_SECRET"]) -> Tuple[int, str]:
    signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return http(f"{url}/webhooks/facebook/webhook", body,
                {"Content-Type": "application/json", "X-Hub-Signature-256": signature}, method="POST")


def fb_message(psid: str, text: Optional[str] = None, postback: Optional[str] = None,
               mid: Optional[str] = None) -> bytes:
    event: Dict[str, Any] = {"sender": {"id": psid}, "recipient": {"id": "PAGE1"},
                             "timestamp": int(time.time() * 1000)}
    if postback:
        event["postback"] = {"title": postback, "payload": postback, "mid": mid or f"m_{uuid.uuid4().hex}"}
    else:
        event["message"] = {"mid": mid or f"m_{uuid.uuid4().hex}", "text": text}
    return json.dumps({"object": "page", "entry": [{"id": "PAGE1", "time": 1, "messaging": [event]}]}).encode()


def psid() -> str:
    return str(uuid.uuid4().int % 10**15)


# --- Twilio SMS and WhatsApp --------------------------------------------------------------------
def twilio(url: str, channel: str, params: Dict[str, str],
           token: str = CHANNEL_ENV["TWILIO_AUTH_TOKEN"]) -> Tuple[int, str]:
    hook = f"{url}/webhooks/{channel}/webhook"
    signature = RequestValidator(token).compute_signature(hook, params)
    return http(hook, urllib.parse.urlencode(params).encode(),
                {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature}, method="POST")


def sms(sender: str, text: str, to: str = CHANNEL_ENV["TWILIO_SMS_NUMBER"], sid: Optional[str] = None) -> Dict[str, str]:
    sid = sid or "SM" + uuid.uuid4().hex
    return {"ToCountry": "US", "SmsMessageSid": sid, "NumMedia": "0", "SmsSid": sid,
            "SmsStatus": "received", "Body": text, "To": to, "NumSegments": "1", "MessageSid": sid,
            "AccountSid": CHANNEL_ENV["TWILIO_ACCOUNT_SID"], "From": sender, "ApiVersion": "2010-04-01",
            "FromCity": "", "FromZip": ""}  # Twilio sends (and signs) blank fields too


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
    Platform("telegram", lambda: str(unique_id()),
             lambda url, to, text, event: telegram(url, tg_message(int(to), text, update_id=int(event)))),
    Platform("slack", slack_channel, lambda url, to, text, event: slack(url, slack_event(to, text, event_id=event)),
             lambda: f"Ev{uuid.uuid4().hex[:10]}"),
    Platform("facebook", psid, lambda url, to, text, event: facebook(url, fb_message(to, text, mid=event)),
             lambda: f"m_{uuid.uuid4().hex}"),
    Platform("twilio", phone, lambda url, to, text, event: twilio(url, "twilio", sms(to, text, sid=event)),
             lambda: "SM" + uuid.uuid4().hex),
    Platform("whatsapp", lambda: f"whatsapp:{phone()}",
             lambda url, to, text, event: twilio(url, "whatsapp", sms(to, text, CHANNEL_ENV["TWILIO_WHATSAPP_NUMBER"],
                                                                       sid=event)),
             lambda: "SM" + uuid.uuid4().hex),
]
