"""What a log may say about a patient: a keyed hash of the conversation id, never the id or the text."""

import hashlib
import hmac
import re
import secrets

from bot import settings

# A fresh key per process unless LOG_HASH_KEY is set: phone numbers are few enough to guess from a plain hash.
_KEY = (settings.service().log_hash_key or secrets.token_hex(16)).encode()


def tag(sender_id: str) -> str:
    """A short stand-in for a conversation id, the same for the same id (to correlate log lines)."""
    return "p-" + hmac.new(_KEY, sender_id.encode("utf-8", "replace"), hashlib.sha256).hexdigest()[:12]


def is_tag(text: str) -> bool:
    """True for a stand-in as `tag` writes it (an operator may copy one from the log)."""
    return bool(re.fullmatch(r"p-[0-9a-f]{12}", text.strip()))
