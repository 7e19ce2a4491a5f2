"""The REST channel used by the website widget and the terminal chat, with input checks and no silent replies."""
import logging
import re
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.nlg import render

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 2000
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
    if len(text) > MAX_MESSAGE_CHARS:
        return None, f"'message' is too long: please keep it under {MAX_MESSAGE_CHARS} characters."
    return {"sender": sender, "message": text.strip()}, None


def never_silent(messages: List[Dict[str, Any]], recipient_id: str) -> List[Dict[str, Any]]:
    """An empty reply means something failed (e.g. the action server is down): say so usefully."""
    if messages:
        return messages
    return [{"recipient_id": recipient_id, "text": render("service_problem")}]


async def replies_to(on_new_message: Callable[[UserMessage], Awaitable[Any]], text: str, sender: str,
                     channel: str) -> List[Dict[str, Any]]:
    """Hands a patient's text to Rasa and returns its replies; never an empty list."""
    collector = CollectingOutputChannel()
    try:
        await on_new_message(UserMessage(text, collector, sender, input_channel=channel))
    except Exception:
        logger.exception("%s: failed to handle a message", channel)
    return never_silent(collector.messages, sender)


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
            return response.json(await replies_to(on_new_message, parsed["message"], parsed["sender"],
                                                  self.name()))

        return webhook
