"""Shared machinery for messaging channels: verify, acknowledge fast, answer in the background, send formatted."""

import asyncio
import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, List, Optional, Tuple

import aiohttp
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.shared.core.events import BotUttered, UserUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import settings
from bot.channels.dispatch import emergency_reply, never_silent, replies_to
from bot.channels.formatting import Outgoing, format_for, resolve_number
from bot.channels.redact import tag
from bot.channels.senders import conversation_id
from bot.channels.shared import rate_limiter, seen_events
from bot.nlg import message, render
from bot.settings import ServiceSettings

logger = logging.getLogger(__name__)

# What kind of thing a patient sent (Incoming.kind).
TEXT = "text"  # words: a message, a caption, an edited message, a tapped button
START = "start"  # the platform's "Start" / "Get started": a greeting
NO_TEXT = "no_text"  # no words at all: a photo, a sticker, a voice note, a location
GROUP = "group"  # words in a group chat or a shared channel
# What a START hands to the assistant: it greets, and opens the conversation with the disclaimer.
START_TEXT = "hello"


@dataclass(frozen=True)
class Incoming:
    """One message from a patient, as a channel's `parse` found it in the platform's request."""

    sender: str  # the chat to answer, as the platform names it
    text: str = ""
    kind: str = TEXT


def missing(config: ServiceSettings, required: Tuple[str, ...]) -> List[str]:
    """The environment variables of the required settings that are not set."""
    return [ServiceSettings.env_name(name) for name in required if not getattr(config, name)]


async def last_buttons(request: Request, sender: str) -> Optional[List[Dict[str, str]]]:
    """The options last offered to this sender, read from the tracker store (survives restarts)."""
    agent = getattr(request.app.ctx, "agent", None)
    if agent is None or agent.tracker_store is None:
        return None
    tracker = await agent.tracker_store.retrieve(sender)
    for event in reversed(tracker.events if tracker else []):
        if isinstance(event, BotUttered):
            buttons = (event.data or {}).get("buttons")
            if buttons:
                return buttons
        elif isinstance(event, UserUttered):
            return None  # the patient has spoken since: the options are stale
    return None


class Offered:
    """The options of the last reply sent to each sender without Rasa (which the tracker does not hold),
    so that typing an option's number works after it too; at most `max_senders`, the oldest dropped."""

    def __init__(self, max_senders: int = 10_000) -> None:
        self.max_senders = max_senders
        self._buttons: OrderedDict[str, List[Dict[str, str]]] = OrderedDict()

    def put(self, sender: str, buttons: List[Dict[str, str]]) -> None:
        self._buttons.pop(sender, None)
        self._buttons[sender] = buttons
        while len(self._buttons) > self.max_senders:
            self._buttons.popitem(last=False)

    def pop(self, sender: str) -> Optional[List[Dict[str, str]]]:
        """The options offered, once: the sender's next message makes them stale."""
        return self._buttons.pop(sender, None)


class PlatformInput(InputChannel):
    """A messaging platform's webhook. Subclasses set `platform` and implement the hooks below.

    Secrets come only from the service settings (the environment). When one is missing the channel
    is listed but off: its webhook answers 503 and processes nothing.
    """

    platform = ""
    required: Tuple[str, ...] = ()  # names of ServiceSettings fields this channel cannot work without

    def __init__(self) -> None:
        service = settings.service()
        unset = missing(service, self.required)
        self.config = service
        self.enabled = not unset  # the hooks below run only when it is: the webhook checks first
        if unset:
            logger.info("%s channel is off: set %s to enable it", self.name(), ", ".join(unset))
        self.seen = seen_events(self.name(), service.replay_window_seconds)
        self.per_sender = rate_limiter(
            f"{self.name()}-sender", service.rate_limit_per_sender, service.rate_limit_window_seconds
        )
        # One "please slow down" per window: a flood must not turn into a flood of replies.
        self.notices = rate_limiter(f"{self.name()}-notice", 1, service.rate_limit_window_seconds)
        self.offered = Offered()

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        return cls()

    # --- hooks -------------------------------------------------------------------------------
    def verify(self, request: Request) -> bool:
        """True only for a request the platform really sent (signature or secret checked)."""
        raise NotImplementedError

    def parse(self, request: Request) -> List[Incoming]:
        """The patients' messages in a verified request (skip events that `self.first_time` says were seen).

        Everything a patient sends gets an Incoming, words or not; only events that are not a patient
        writing (the assistant's own messages, joins, read receipts, deletions) are skipped."""
        raise NotImplementedError

    def first_time(self, event_id: Any) -> bool:
        """False for a platform event id already handled within the replay window (a replay or a resend)."""
        return self.seen.first_time(str(event_id) if event_id not in (None, "") else None)

    async def send(self, session: aiohttp.ClientSession, recipient: str, message: Outgoing) -> None:
        raise NotImplementedError

    def acknowledge(self, request: Request) -> HTTPResponse:
        return response.json({"ok": True})

    async def handshake(self, request: Request) -> Optional[HTTPResponse]:
        """A platform's set-up request (already verified), answered directly; None if not one."""
        return None

    # --- shared flow -------------------------------------------------------------------------
    async def _answer(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]], incoming: Incoming
    ) -> None:
        recipient, text = incoming.sender, incoming.text
        sender = conversation_id(self.name(), recipient)  # one platform's ids cannot collide with another's
        if incoming.kind == GROUP or not self.per_sender.allow(sender):
            # Not handed to Rasa, so nothing is stored: a group's members share one chat id, and a
            # flood is not answered. An emergency is still answered, every time.
            emergency = emergency_reply(text)
            notice = "private_chat_only" if incoming.kind == GROUP else "rate_limited"
            if emergency:
                await self._send_all(recipient, [emergency])
            elif self.notices.allow(f"{notice}:{sender}"):  # one notice per window, not a flood of them
                await self._send_all(recipient, [{"text": render(notice)}])
            return
        if incoming.kind == NO_TEXT:
            reply = message("text_only")
            self.offered.put(sender, reply["buttons"])  # Rasa never sees this reply, so remember its options
            await self._send_all(recipient, [reply])
            return
        if incoming.kind == START:
            text = START_TEXT
        try:
            text = resolve_number(text, self.offered.pop(sender) or await last_buttons(request, sender))
        except Exception as exc:
            logger.error(
                "%s: could not read the options last offered to %s (%s)", self.name(), tag(sender), type(exc).__name__
            )
            replies = never_silent([], sender)
        else:
            replies = await replies_to(on_new_message, text, sender, self.name())
        await self._send_all(recipient, replies)

    async def _send_all(self, recipient: str, replies: List[Dict[str, Any]]) -> None:
        outgoing = [o for m in replies for o in format_for(self.platform, m)]
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session:
            for message in outgoing:
                try:
                    await self.send(session, recipient, message)
                except Exception as exc:
                    # Never the exception itself: its text holds the URL, with a token in it on some platforms.
                    status = getattr(exc, "status", None)
                    logger.error(
                        "%s: could not send a reply to %s (%s%s)",
                        self.name(),
                        tag(conversation_id(self.name(), recipient)),
                        type(exc).__name__,
                        f", HTTP {status}" if status else "",
                    )
                    return

    def _verified(self, request: Request) -> bool:
        try:
            return bool(self.verify(request))
        except Exception:  # a malformed header or body is simply not verified
            return False

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @hook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.enabled else "not configured"})

        @hook.route("/webhook", methods=["GET", "POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.enabled:
                return response.json({"error": f"the {self.name()} channel is not configured"}, status=503)
            if not self._verified(request):
                logger.warning("%s: rejected a request that failed verification", self.name())
                return response.json({"error": "request could not be verified"}, status=403)
            try:
                handshake = await self.handshake(request)
                if handshake is not None:
                    return handshake
                incoming = self.parse(request)
                acknowledgement = self.acknowledge(request)
            except Exception as exc:  # signed, but not a body this channel understands
                logger.warning(
                    "%s: refused a signed request with an unexpected body (%s)", self.name(), type(exc).__name__
                )
                return response.json({"error": "unexpected request body"}, status=400)
            for one in incoming:
                # Platforms retry slow webhooks, so acknowledge now and answer in the background.
                asyncio.get_running_loop().create_task(self._answer(request, on_new_message, one))
            return acknowledgement

        return hook
