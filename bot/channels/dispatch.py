"""The core every channel shares: hand a patient's text to Rasa and never answer with silence."""
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.nlg import render

logger = logging.getLogger(__name__)


def never_silent(messages: List[Dict[str, Any]], recipient_id: str) -> List[Dict[str, Any]]:
    """An empty reply means something failed (e.g. the action server is down): say so usefully."""
    if messages:
        return messages
    return [{"recipient_id": recipient_id, "text": render("service_problem")}]


async def replies_to(on_new_message: Callable[[UserMessage], Awaitable[Any]], text: str, sender: str,
                     channel: str, metadata: Optional[Dict[str, Any]] = None) -> List[Dict[str, Any]]:
    """Hands a patient's text to Rasa and returns its replies; never an empty list."""
    collector = CollectingOutputChannel()
    try:
        await on_new_message(UserMessage(text, collector, sender, input_channel=channel, metadata=metadata))
    except Exception:
        logger.exception("%s: failed to handle a message", channel)
    return never_silent(collector.messages, sender)
