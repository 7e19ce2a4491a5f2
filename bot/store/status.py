"""What the channels need from the store: its health, the patient's "not saved" note, and deleting on request."""
from typing import Any, Dict, List, Tuple

from rasa.core.lock_store import LockError

from bot.store import tracker_store


def health() -> Tuple[Dict[str, str], int]:
    """(body, HTTP status) for a health check: 503 with the reason when conversations cannot be saved."""
    store = tracker_store.active()
    problem = store.problem() if store else None
    if problem:
        return {"status": "conversation store broken", "problem": problem}, 503
    return {"status": "ok"}, 200


def with_store_note(messages: List[Dict[str, Any]], sender: str) -> List[Dict[str, Any]]:
    """Adds a note to the replies when this patient's turn could not be saved."""
    store = tracker_store.active()
    if store is None or not store.unsaved(sender):
        return messages
    from bot.nlg import render  # Rasa is slow to import; only the running server needs it
    return messages + [{"recipient_id": sender, "text": render("store_problem")}]


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
