"""Facebook Messenger: X-Hub-Signature-256 checked; at most 3 buttons per message (a button template)."""

import hashlib
import hmac
from typing import Any, Dict, List, Optional

import aiohttp
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.formatting import Outgoing
from bot.channels.platform import NO_TEXT, START, Incoming, PlatformInput

BUTTON_TITLE_MAX = 20
# The payload of the Page's "Get started" button (README: set it in the Messenger profile).
GET_STARTED = "GET_STARTED"


class FacebookChannel(PlatformInput):
    """GET/POST /webhooks/facebook/webhook. Env: FACEBOOK_PAGE_ACCESS_TOKEN, FACEBOOK_APP_SECRET, FACEBOOK_VERIFY_TOKEN."""

    platform = "facebook"
    required = ("facebook_page_access_token", "facebook_app_secret", "facebook_verify_token")

    @classmethod
    def name(cls) -> str:
        return "facebook"

    def verify(self, request: Request) -> bool:
        if request.method == "GET":  # the subscription handshake
            return request.args.get("hub.mode") == "subscribe" and hmac.compare_digest(
                request.args.get("hub.verify_token", "").encode("utf-8", "replace"),
                self.config.facebook_verify_token.encode(),
            )
        expected = (
            "sha256=" + hmac.new(self.config.facebook_app_secret.encode(), request.body, hashlib.sha256).hexdigest()
        )
        given = request.headers.get("X-Hub-Signature-256", "")
        return hmac.compare_digest(expected.encode(), given.encode("utf-8", "replace"))

    async def handshake(self, request: Request) -> Optional[HTTPResponse]:
        if request.method == "GET":
            return response.text(request.args.get("hub.challenge", ""))
        return None

    def parse(self, request: Request) -> List[Incoming]:
        incoming = []
        for entry in request.json["entry"]:
            for event in entry.get("messaging", []):
                sender = str(event["sender"]["id"])
                message, postback = event.get("message") or {}, event.get("postback") or {}
                edit = event.get("message_edit") or {}  # an edit keeps its message's mid: count the edits
                if message.get("is_echo"):
                    continue
                if not self.first_time(
                    message.get("mid")
                    or postback.get("mid")
                    or (f"{edit['mid']}#{edit.get('num_edit')}" if edit.get("mid") else None)
                ):
                    continue  # a redelivery of a message already answered
                if message.get("quick_reply"):
                    incoming.append(Incoming(sender, str(message["quick_reply"]["payload"])))
                elif str(message.get("text") or "").strip():
                    incoming.append(Incoming(sender, str(message["text"])))
                elif message:  # a photo, a sticker, a voice clip, a location: no words
                    incoming.append(Incoming(sender, kind=NO_TEXT))
                elif str(edit.get("text") or "").strip():  # answered like a new message
                    incoming.append(Incoming(sender, str(edit["text"])))
                elif postback.get("payload") == GET_STARTED:
                    incoming.append(Incoming(sender, kind=START))
                elif postback.get("payload"):
                    incoming.append(Incoming(sender, str(postback["payload"])))
        return incoming  # read receipts, deliveries, reactions: nobody wrote anything

    async def send(self, session: aiohttp.ClientSession, recipient: str, message: Outgoing) -> None:
        api = self.config.facebook_api_url
        if message.buttons:  # formatting.LIMITS keeps the text of a message with buttons short enough
            content: Dict[str, Any] = {
                "attachment": {
                    "type": "template",
                    "payload": {
                        "template_type": "button",
                        "text": message.text,
                        "buttons": [
                            {"type": "postback", "title": b["title"][:BUTTON_TITLE_MAX], "payload": b["payload"]}
                            for b in message.buttons
                        ],
                    },
                }
            }
        else:
            content = {"text": message.text}
        body = {"recipient": {"id": recipient}, "messaging_type": "RESPONSE", "message": content}
        async with session.post(
            f"{api}/me/messages", json=body, params={"access_token": self.config.facebook_page_access_token}
        ) as reply:
            reply.raise_for_status()
