"""What the channels need from the store: its health, the patient's "not saved" note, and deleting on request."""

import logging
from typing import Any, Dict, List, Tuple, Union

from rasa.core.lock_store import LockError

from bot.store import tracker_store

logger = logging.getLogger(__name__)


def health() -> Tuple[Dict[str, Union[str, int]], int]:
    """(body, HTTP status) for a health check, which anyone may ask: 503 when conversations cannot be
    saved or a patient's deletion waits, with the status only (the log says why: database errors
    name hosts and ports)."""
    store = tracker_store.active()
    broken = store.problem() if store else None
    pending = store.pending_deletions() if store else 0
    body: Dict[str, Union[str, int]] = {
        "status": "conversation store broken" if broken else "deletions pending" if pending else "ok"
    }
    if pending:
        body["pending_deletions"] = pending
    return body, 503 if broken or pending else 200


def with_store_note(messages: List[Dict[str, Any]], sender: str) -> List[Dict[str, Any]]:
    """Adds a note to the replies when this patient's turn could not be saved."""
    store = tracker_store.active()
    if store is None or not store.unsaved(sender):
        return messages
    from bot.nlg import render  # Rasa is slow to import; only the running server needs it

    return messages + [{"recipient_id": sender, "text": render("store_problem")}]


async def forget_confirmed(tracker: Any) -> bool:
    """Deletes the conversation whose patient just confirmed "forget me" (Rasa holds its lock); False
    when it could not be deleted (the store keeps the request and tries again)."""
    store = tracker_store.active()
    if store is None:
        logger.error(
            "A patient asked to delete their conversation, but another tracker store is configured: "
            "nothing was deleted."
        )
        return False
    return await store.forget_turn(tracker)


async def forget(sender: str, agent: Any = None) -> Tuple[Dict[str, Any], int]:
    """(body, HTTP status) for deleting one sender's conversation. With Rasa's agent, waits for a
    message of that sender still being answered, which would otherwise save the conversation again."""
    store = tracker_store.active()
    if store is None:
        return {"forgotten": False, "error": "no conversation store is loaded"}, 503
    if agent is not None and getattr(agent, "lock_store", None) is not None:
        try:
            async with agent.lock_store.lock(sender):
                done = await store.forget(sender)
        except LockError:  # e.g. Redis is down: never delete without the lock (an answer could save it again)
            done = False
    else:
        done = await store.forget(sender)
    if done:
        return {"forgotten": True}, 200
    return {"forgotten": False, "error": "the conversation store cannot be changed right now"}, 503
