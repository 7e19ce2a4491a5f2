"""The REST channel used by the website widget and the terminal chat: checks its input, then dispatches."""

import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Tuple
from urllib.parse import urlsplit

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import settings
from bot.channels.answered import answer_once, message_id_of
from bot.channels.dispatch import emergency_reply, replies_to
from bot.channels.hardening import harden
from bot.channels.proxy import client_ip, scheme
from bot.channels.senders import REST_SENDER, rest_conversation_id
from bot.channels.shared import answered_messages, rate_limiter
from bot.nlg import EMERGENCY, render
from bot.store import status as store

logger = logging.getLogger(__name__)


def parse_request(body: Any) -> Tuple[Optional[Dict[str, str]], Optional[str]]:
    """Returns ({'sender', 'message'}, None) or (None, a patient-safe error message)."""
    if not isinstance(body, dict):
        return None, "The request body must be a JSON object with 'sender' and 'message'."
    sender, text = body.get("sender"), body.get("message")
    if not isinstance(sender, str) or not REST_SENDER.fullmatch(sender):
        return None, "'sender' is required: 1 to 128 letters, digits or the characters _ . -"
    if not isinstance(text, str) or not text.strip():
        return None, "'message' is required and must be non-empty text."
    max_chars = settings.service().max_message_chars
    if len(text) > max_chars:
        return None, f"'message' is too long: please keep it under {max_chars} characters."
    return {"sender": sender, "message": text.strip()}, None


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else ""


def allowed_origin(request: Request, config: settings.ServiceSettings) -> bool:
    """A browser's Origin must be this server, its public address or a site allowed to embed the widget."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True  # not a browser (terminal chat, curl): nothing cross-site to stop
    own = {f"{scheme(request, config.trusted_proxies)}://{request.host}".lower(), origin_of(config.public_base_url)}
    return origin.lower() in own | {origin_of(o) for o in config.widget_allowed_origins}


def error(message: str, status: int) -> HTTPResponse:
    return response.json({"error": message}, status=status)


class PatientRestInput(InputChannel):
    """POST /webhooks/rest/webhook with {"sender": ..., "message": ..., optional "message_id"}; replies with a JSON
    list (a repeated message_id gets the reply its first try got: bot/channels/answered.py)."""

    def __init__(self) -> None:
        self.config = settings.service()
        window = self.config.rate_limit_window_seconds
        self.per_sender = rate_limiter("rest-sender", self.config.rate_limit_per_sender, window)
        self.per_ip = rate_limiter("rest-ip", self.config.rate_limit_per_ip, window)
        # The widget's retries of a message (same id) are answered once, as the platforms' replays are.
        self.answered = answered_messages(
            "rest", self.config.replay_window_seconds, pending=2 * self.config.widget_timeout_seconds
        )

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        return cls()

    @classmethod
    def name(cls) -> str:
        return "rest"

    def refuse(self, request: Request) -> Optional[HTTPResponse]:
        """Why a POST is refused before its body is read (a response), or None to go on."""
        if not allowed_origin(request, self.config):
            logger.warning(
                "rest: refused a request from a site not allowed to embed the widget "
                "(behind a proxy, set PUBLIC_BASE_URL; other sites: WIDGET_ALLOWED_ORIGINS)"
            )
            return error("This site may not use the assistant.", 403)
        if not (request.content_type or "").lower().startswith("application/json"):
            return error("Send the request as JSON, with Content-Type: application/json.", 415)
        return None

    def checked_body(self, request: Request) -> Tuple[Any, Optional[HTTPResponse]]:
        """(the JSON body or None if malformed, None) for an accepted POST; (None, response) if refused."""
        refused = self.refuse(request)
        if refused:
            return None, refused
        try:
            body = request.json
        except Exception:  # sanic raises on malformed JSON
            body = None
        if not self.per_ip.allow(client_ip(request, self.config.trusted_proxies)):
            return None, self.too_fast(body)
        return body, None

    def too_fast(self, body: Any) -> HTTPResponse:
        """A sender or an address over its limit gets 429 with a short reply that names the numbers; a
        message that is an emergency gets its emergency reply instead, as for any other message."""
        parsed, _ = parse_request(body)
        sender = parsed["sender"] if parsed else None
        emergency = emergency_reply(parsed["message"]) if parsed else None
        if emergency:
            return response.json(as_sent_to([emergency], sender))
        retry = {"Retry-After": str(self.config.rate_limit_window_seconds)}
        return response.json([{"recipient_id": sender, "text": render("rate_limited")}], status=429, headers=retry)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.listener("before_server_start")
        async def limits(app: Any, _: Any) -> None:
            harden(app)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            body, code = store.health()  # 503 when conversations cannot be saved
            return response.json(body, status=code)

        @webhook.route("/forget", methods=["POST"])
        async def forget(request: Request) -> HTTPResponse:
            """The widget's "Start over": {"sender": id} deletes that conversation (bot/store)."""
            body, refused = self.checked_body(request)
            if refused:
                return refused
            try:
                conversation = rest_conversation_id(body.get("sender") if isinstance(body, dict) else None)
            except ValueError as problem:
                return error(f"'sender' is required: {problem}", 400)
            result, code = await store.forget(conversation, getattr(request.app.ctx, "agent", None))
            return response.json(result, status=code)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            body, refused = self.checked_body(request)
            if refused:
                return refused
            parsed, problem = parse_request(body)
            message_id, id_problem = message_id_of(body)
            if parsed is None or id_problem:  # then one of them says why
                return error(str(problem or id_problem), 400)
            sender = parsed["sender"]
            conversation = rest_conversation_id(sender)  # its own namespace: never another channel's patient
            if not self.per_sender.allow(conversation):
                return self.too_fast(body)
            # Only the widget's "I show the disclaimer banner" flag is passed on (bot/nlg.py).
            banner = isinstance(body.get("metadata"), dict) and body["metadata"].get("banner") is True

            async def answer() -> List[Dict[str, Any]]:
                replies = await replies_to(
                    on_new_message, parsed["message"], conversation, self.name(), {"banner": True} if banner else None
                )
                return with_emergency_marks(replies)

            key = f"{conversation}\0{message_id}" if message_id else None
            replies = await answer_once(self.answered, key, answer, self.config.widget_timeout_seconds)
            if replies is None:  # a repeat whose first request is still being answered
                return error("This message is still being answered: please try again soon.", 409)
            return response.json(as_sent_to(replies, sender))

        return webhook


def as_sent_to(replies: List[Dict[str, Any]], sender: Optional[str]) -> List[Dict[str, Any]]:
    """The replies addressed with the client's own sender id (the stored, namespaced one stays inside)."""
    return [{**reply, "recipient_id": sender} for reply in replies]


def with_emergency_marks(replies: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Rasa collects an emergency reply's mark (bot/nlg.py) as a message of its own after the reply's
    text messages: here it goes onto those messages instead, as `"custom": {"emergency": true}`, so a
    client (the widget) knows each message it shows as an emergency without counting."""
    out: List[Dict[str, Any]] = []
    for reply in replies:
        mark = reply.get("custom") if set(reply) <= {"recipient_id", "custom"} else None
        if not (isinstance(mark, dict) and mark.get("emergency") is True):
            out.append(reply)
            continue
        parts = mark["parts"] if isinstance(mark.get("parts"), int) else 1
        for index in range(max(0, len(out) - parts), len(out)):
            out[index] = {**out[index], "custom": {**(out[index].get("custom") or {}), **EMERGENCY}}
    return out
