"""Each channel's own conversation-id namespace, so no channel can reach another channel's patients."""
import re

# What a REST or widget client may call its conversation: no ':' (it separates the namespace).
REST_SENDER = re.compile(r"[A-Za-z0-9_.-]{1,128}")


def conversation_id(channel: str, sender: str) -> str:
    """The id the conversation is stored under: 'rest:abc', 'telegram:777002', 'sms:+1555...'."""
    return f"{channel}:{sender}"


def rest_conversation_id(sender: str) -> str:
    """The stored id for a REST/widget sender; ValueError for ids that could leave the namespace."""
    if not isinstance(sender, str) or not REST_SENDER.fullmatch(sender):
        raise ValueError("sender ids are 1 to 128 letters, digits or the characters _ . -")
    return conversation_id("rest", sender)
