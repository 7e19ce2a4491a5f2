"""The REST channel used by the website widget and the terminal chat: checks its input, then dispatches."""
import logging
import re
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, Tuple

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import settings
from bot.channels.dispatch import replies_to

logger = logging.getLogger(__name__)

SENDER_RE = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")


def parse_request(body: Any) -> Tuple[Optional[Dict[str, str]], Optional[str]]:
    """Returns ({'sender', 'message'}, None) or (None, a patient-safe error message)."""
    if not isinstance(body, dict):
        return None, "The request body must be a JSON object with 'sender' and 'message'."
    sender, text = body.get("sender"), body.get("message")
    if not isinstance(sender, str) or not SENDER_RE.match(sender):
        return None, ("'sender' is required: 1 to 128 letters, digits or the characters _ . : -")
    if not isinstance(text, str) or not text.strip():
        return None, "'message' is required and must be non-empty text."
    max_chars = settings.service().max_message_chars
    if len(text) > max_chars:
        return None, f"'message' is too long: please keep it under {max_chars} characters."
    return {"sender": sender, "message": text.strip()}, None


class PatientRestInput(InputChannel):
    """POST /webhooks/rest/webhook with {"sender": ..., "message": ...}; replies with a JSON list."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = request.json
            except Exception:  # sanic raises on malformed JSON
                body = None
            parsed, error = parse_request(body)
            if error:
                return response.json({"error": error}, status=400)
            # Only the widget's "I show the disclaimer banner" flag is passed on (bot/nlg.py).
            banner = isinstance(body.get("metadata"), dict) and body["metadata"].get("banner") is True
            return response.json(await replies_to(on_new_message, parsed["message"], parsed["sender"],
                                                  self.name(), {"banner": True} if banner else None))

        return webhook
