"""Telegram: webhook checked with the secret-token header; replies with inline-keyboard buttons."""

import hmac
import re
from typing import Any, Dict, List

import aiohttp
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.formatting import Outgoing
from bot.channels.platform import GROUP, NO_TEXT, START, Incoming, PlatformInput

CALLBACK_DATA_MAX_BYTES = 64  # Telegram's limit, in bytes of UTF-8 (not characters)
# A message's parts that are something sent without words (it may carry a caption).
NOT_WORDS = (
    "photo",
    "sticker",
    "voice",
    "audio",
    "video",
    "video_note",
    "document",
    "animation",
    "location",
    "venue",
    "contact",
    "poll",
    "dice",
)
# "/start", "/start@clinic_bot" in a group, "/start from-website" from a deep link.
START_COMMAND = re.compile(r"/start(@\w+)?(\s.*)?", re.IGNORECASE | re.DOTALL)


def keyboard(buttons: List[Dict[str, str]]) -> Dict[str, Any]:
    """An inline keyboard, one button per row. A payload too long for callback data sends the
    option's number instead, which the channel resolves to the payload (formatting.resolve_number)."""
    return {
        "inline_keyboard": [
            [
                {
                    "text": b["title"],
                    "callback_data": b["payload"]
                    if len(b["payload"].encode("utf-8")) <= CALLBACK_DATA_MAX_BYTES
                    else str(i),
                }
            ]
            for i, b in enumerate(buttons, 1)
        ]
    }


class TelegramChannel(PlatformInput):
    """POST /webhooks/telegram/webhook. Env: TELEGRAM_BOT_TOKEN, TELEGRAM_SECRET_TOKEN."""

    platform = "telegram"
    required = ("telegram_bot_token", "telegram_secret_token")

    @classmethod
    def name(cls) -> str:
        return "telegram"

    def verify(self, request: Request) -> bool:
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        return hmac.compare_digest(given.encode("utf-8", "replace"), self.config.telegram_secret_token.encode())

    def parse(self, request: Request) -> List[Incoming]:
        update = request.json
        if not isinstance(update, dict):
            raise TypeError("a Telegram update is a JSON object")
        if not self.first_time(update.get("update_id")):
            return []  # Telegram resent an update we already answered
        if "callback_query" in update:  # a button was tapped
            query = update["callback_query"]
            return [Incoming(str(query["message"]["chat"]["id"]), str(query["data"]))]
        # An edited message is answered like a new one: the edit may be the one that says what is wrong.
        message = update.get("message") or update.get("edited_message")
        if not isinstance(message, dict):
            return []  # a channel post, a change of membership: no patient wrote anything
        chat = str(message["chat"]["id"])
        words = str(message.get("text") or message.get("caption") or "")  # a photo's caption is a question
        if message["chat"].get("type") != "private":
            return [Incoming(chat, words, GROUP)] if words.strip() else []
        if START_COMMAND.fullmatch(words.strip()):
            return [Incoming(chat, kind=START)]
        if words.strip():
            return [Incoming(chat, words)]
        if any(part in message for part in NOT_WORDS):
            return [Incoming(chat, kind=NO_TEXT)]
        return []  # a pinned message, a new chat photo: nobody wrote anything

    def acknowledge(self, request: Request) -> HTTPResponse:
        query = request.json.get("callback_query")
        if query:  # stops the tapped button's spinner; Telegram runs a method given in the webhook reply
            return response.json({"method": "answerCallbackQuery", "callback_query_id": query["id"]})
        return super().acknowledge(request)

    async def send(self, session: aiohttp.ClientSession, recipient: str, message: Outgoing) -> None:
        api = self.config.telegram_api_url
        body: Dict[str, Any] = {"chat_id": recipient, "text": message.text}
        if message.buttons:
            body["reply_markup"] = keyboard(message.buttons)
        async with session.post(f"{api}/bot{self.config.telegram_bot_token}/sendMessage", json=body) as reply:
            reply.raise_for_status()
