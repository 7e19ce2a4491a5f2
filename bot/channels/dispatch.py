"""The core every channel shares: hand a patient's text to Rasa and never answer with silence."""

import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot import triage
from bot.dialogue.safety_policy import TRIAGE_ENTITY, safety_reply
from bot.nlg import EMERGENCY, render
from bot.store.status import with_store_note

logger = logging.getLogger(__name__)


def clean(text: str) -> str:
    """The text with lone surrogates (which no encoder accepts) replaced, and no NUL characters."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace").replace("\x00", "")


def never_silent(messages: List[Dict[str, Any]], recipient_id: str) -> List[Dict[str, Any]]:
    """An empty reply means something failed (e.g. the action server is down): say so usefully."""
    if messages:
        return messages
    return [{"recipient_id": recipient_id, "text": render("service_problem")}]


def running_agent() -> Any:
    """This Rasa server's loaded agent (None outside a running server, or before its model is loaded)."""
    from sanic import Sanic
    from sanic.exceptions import SanicException

    try:
        agent = getattr(Sanic.get_app().ctx, "agent", None)  # `rasa run` has exactly one app
    except SanicException:
        return None
    return agent if agent is not None and agent.is_ready() else None


def emergency_reply(text: str) -> Optional[Dict[str, Any]]:
    """The emergency reply that leads with the right number, if triage finds an emergency in the text;
    with the widget's emergency mark (other channels read only the text). Needs no server at all."""
    decision = triage.assess(text)
    if not decision.emergency:
        return None
    reply = safety_reply("emergency", [{"entity": TRIAGE_ENTITY, "value": decision.level}])
    assert reply is not None  # "emergency" is a safety intent: it always has a reply
    return {"text": render(reply[len("utter_") :]), "custom": dict(EMERGENCY)}


async def safety_rail(text: str) -> Optional[Dict[str, Any]]:
    """The safety reply (emergency numbers, ...) for a message whose conversation could not be handled.

    Emergencies come from triage alone, which needs no server, and carry the widget's emergency mark
    (other channels read only the text); the opioid, dose and handoff rails come from the NLU, when
    the model is loaded. Neither needs the lock store or the tracker store. None for any other message.
    """
    emergency = emergency_reply(text)
    if emergency:
        return emergency
    agent = running_agent()
    if agent is None:
        return None
    try:
        parsed = await agent.parse_message(text)
    except Exception as exc:
        logger.error("the safety check of a failed message failed too (%s)", type(exc).__name__)
        return None
    reply = safety_reply((parsed.get("intent") or {}).get("name"), parsed.get("entities") or [])
    return {"text": render(reply[len("utter_") :])} if reply else None


async def replies_to(
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
    text: str,
    sender: str,
    channel: str,
    metadata: Optional[Dict[str, Any]] = None,
) -> List[Dict[str, Any]]:
    """Hands a patient's text to Rasa and returns its replies; never an empty list."""
    collector = CollectingOutputChannel()
    try:
        await on_new_message(UserMessage(clean(text), collector, sender, input_channel=channel, metadata=metadata))
    except Exception as exc:
        # No traceback: its frames can hold the patient's words. The type is enough to start looking.
        logger.error("%s: failed to handle a message (%s)", channel, type(exc).__name__)
        # Nothing was answered (e.g. the lock store is down): an emergency still gets its numbers.
        rail = None if collector.messages else await safety_rail(clean(text))
        if rail:
            return [{"recipient_id": sender, **rail}]
    return with_store_note(never_silent(collector.messages, sender), sender)
