"""Turns the assistant's messages into what each messaging platform can show well."""

import re
from dataclasses import dataclass
from typing import Any, Dict, List, Optional


@dataclass(frozen=True)
class Limits:
    """What a platform can show: max characters per message, max buttons (0 = none), and max characters
    of a message that carries buttons (when the platform's button message holds less text)."""

    max_chars: int
    max_buttons: int
    max_chars_with_buttons: Optional[int] = None


LIMITS = {
    "sms": Limits(max_chars=1600, max_buttons=0),
    "whatsapp": Limits(max_chars=1600, max_buttons=0),
    # Telegram takes up to 100 inline buttons; one per row, 20 still fits a phone screen.
    "telegram": Limits(max_chars=4096, max_buttons=20),
    "slack": Limits(max_chars=3000, max_buttons=25),
    # Facebook's button template holds at most 3 buttons; Rasa silently drops the rest.
    # Its text is at most 640 characters, or Facebook refuses it.
    "facebook": Limits(max_chars=2000, max_buttons=3, max_chars_with_buttons=640),
}

_MARKDOWN = re.compile(r"(\*\*|__|\*|`|~~|^#+\s*)", re.MULTILINE)


def plain(text: str) -> str:
    """Removes markdown symbols: none of these platforms renders our texts' markdown the same way."""
    return _MARKDOWN.sub("", text or "").strip()


def split(text: str, max_chars: int) -> List[str]:
    """Splits a long text at sentence or line ends (at a space if one sentence is too long)."""
    if len(text) <= max_chars:
        return [text] if text else []
    pieces = re.findall(r".+?(?:[.!?](?=\s)|\n|$)\s*", text, re.S)
    parts: List[str] = []
    current = ""
    for piece in pieces:
        if len(current) + len(piece.rstrip()) > max_chars and current.strip():
            parts.append(current.strip())
            current = ""
        while len(piece.rstrip()) > max_chars:  # one enormous sentence: cut it at a space
            cut = piece.rfind(" ", 0, max_chars)
            cut = cut if cut > 0 else max_chars
            parts.append(piece[:cut].strip())
            piece = piece[cut:].lstrip()
        current += piece
    if current.strip():
        parts.append(current.strip())
    return parts


def numbered(buttons: List[Dict[str, str]]) -> str:
    return "\n".join(f"{i}. {b['title']}" for i, b in enumerate(buttons, 1)) + "\nReply with a number to choose."


@dataclass
class Outgoing:
    """One message to send: text, and the buttons the platform will render natively."""

    text: str
    buttons: List[Dict[str, str]]


def format_for(platform: str, message: Dict[str, Any]) -> List[Outgoing]:
    """The messages to send for one of the assistant's messages on `platform`."""
    limits = LIMITS[platform]
    text = plain(message.get("text", ""))
    buttons = [{"title": plain(b["title"]), "payload": b["payload"]} for b in message.get("buttons") or []]
    native = buttons if buttons and len(buttons) <= limits.max_buttons else []
    if buttons and not native:
        # No buttons on this platform, or too many: numbered options, and typing the number works.
        text = f"{text}\n{numbered(buttons)}" if text else numbered(buttons)
    chunks = split(text, limits.max_chars) or ([""] if native else [])
    if native and limits.max_chars_with_buttons and len(chunks[-1]) > limits.max_chars_with_buttons:
        # The buttons go with a last part short enough to carry them, not dropped.
        chunks[-1:] = split(chunks[-1], limits.max_chars_with_buttons)
    out = [Outgoing(chunk, []) for chunk in chunks]
    if out and native:
        out[-1].buttons = native
    return out


def resolve_number(text: str, last_buttons: Optional[List[Dict[str, str]]]) -> str:
    """'2' picks the second of the options last offered; anything else is passed on unchanged."""
    stripped = (text or "").strip().rstrip(".)")
    if last_buttons and stripped.isdigit() and 1 <= int(stripped) <= len(last_buttons):
        return last_buttons[int(stripped) - 1]["payload"]
    return text
