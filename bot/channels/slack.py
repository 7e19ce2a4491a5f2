"""Slack: Events API and interactive buttons, checked with the signing secret."""

import hashlib
import hmac
import json
import time
from typing import List, Optional

import aiohttp
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.formatting import Outgoing
from bot.channels.platform import GROUP, NO_TEXT, Incoming, PlatformInput

MAX_CLOCK_SKEW = 300  # seconds; Slack's own advice against replayed requests
# Message subtypes a person wrote (with words, files or both); the others are joins, deletions, bots.
WRITTEN = (None, "file_share", "thread_broadcast", "me_message")
EDITED = "message_changed"
DIRECT = "im"  # a direct message; "channel", "group" and "mpim" are shared with other people


class SlackChannel(PlatformInput):
    """POST /webhooks/slack/webhook (events and interactivity). Env: SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET."""

    platform = "slack"
    required = ("slack_bot_token", "slack_signing_secret")

    @classmethod
    def name(cls) -> str:
        return "slack"

    def verify(self, request: Request) -> bool:
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
        signature = request.headers.get("X-Slack-Signature", "")
        # isdigit() alone lets "²" through, which int() refuses.
        if not (timestamp.isascii() and timestamp.isdigit()) or abs(time.time() - int(timestamp)) > MAX_CLOCK_SKEW:
            return False
        base = b"v0:" + timestamp.encode() + b":" + request.body
        expected = "v0=" + hmac.new(self.config.slack_signing_secret.encode(), base, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace"))

    async def handshake(self, request: Request) -> Optional[HTTPResponse]:
        body = request.json if request.content_type.startswith("application/json") else None
        if isinstance(body, dict) and body.get("type") == "url_verification":
            challenge = body.get("challenge")
            if not isinstance(challenge, str):
                raise ValueError("url_verification without a challenge")
            return response.json({"challenge": challenge})
        return None

    def parse(self, request: Request) -> List[Incoming]:
        if not request.content_type.startswith("application/json"):  # a button was clicked
            action = json.loads(request.form.get("payload"))
            if not self.first_time(action.get("trigger_id")):
                return []
            return [Incoming(str(action["channel"]["id"]), str(action["actions"][0]["value"]))]
        body = request.json
        if not isinstance(body, dict):
            raise TypeError("a Slack event is a JSON object")
        event = body.get("event") or {}
        if event.get("type") != "message":
            return []
        # Slack retries (X-Slack-Retry-Num) when a delivery failed or was slow: the same event_id, so
        # one that was already handled is skipped, and one that never got through is answered now.
        if not self.first_time(body.get("event_id")):
            return []
        channel = str(event["channel"])
        if event.get("subtype") == EDITED:
            edited, before = event.get("message") or {}, event.get("previous_message") or {}
            if edited.get("text") == before.get("text"):
                return []  # Slack added a link preview: the words did not change
            event = {**edited, "channel_type": event.get("channel_type")}
        if event.get("bot_id") or event.get("subtype") not in WRITTEN:
            return []
        words = str(event.get("text") or "")  # a file shared with words is a question
        if (event.get("channel_type") or (DIRECT if channel.startswith("D") else "channel")) != DIRECT:
            return [Incoming(channel, words, GROUP)] if words.strip() else []
        if words.strip():
            return [Incoming(channel, words)]
        return [Incoming(channel, kind=NO_TEXT)] if event.get("files") or event.get("subtype") == "file_share" else []

    async def send(self, session: aiohttp.ClientSession, recipient: str, message: Outgoing) -> None:
        api = self.config.slack_api_url
        body = {"channel": recipient, "text": message.text, "mrkdwn": False}
        if message.buttons:
            body["blocks"] = [
                {"type": "section", "text": {"type": "plain_text", "text": message.text or " "}},
                {
                    "type": "actions",
                    "elements": [
                        {
                            "type": "button",
                            "text": {"type": "plain_text", "text": b["title"]},
                            "value": b["payload"],
                            "action_id": f"option_{i}",
                        }
                        for i, b in enumerate(message.buttons, 1)
                    ],
                },
            ]
        headers = {"Authorization": f"Bearer {self.config.slack_bot_token}"}
        async with session.post(f"{api}/chat.postMessage", json=body, headers=headers) as reply:
            reply.raise_for_status()
            result = await reply.json()
            if not result.get("ok"):
                raise RuntimeError(f"Slack refused the message: {result.get('error')}")
