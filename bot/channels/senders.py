"""Each channel's own conversation-id namespace, so no channel can reach another channel's patients."""

import re
from typing import List

# What a REST or widget client may call its conversation: no ':' (it separates the namespace).
REST_SENDER = re.compile(r"[A-Za-z0-9_.-]{1,128}")
# The channels whose patients are phone numbers (bot/channels/twilio.py's names; a test keeps them equal),
# and what an operator may call them instead.
PHONE_CHANNELS = ("twilio", "whatsapp")
CHANNEL_ALIASES = {"sms": "twilio"}
# A phone number as a clinic would type it: '+1 (555) 123-4567', '555-123-4567', '15551234567'.
PHONE = re.compile(r"\+?[\d\s().-]{7,}")


def conversation_id(channel: str, sender: str) -> str:
    """The id the conversation is stored under: 'rest:abc', 'telegram:777002', 'twilio:+1555...'. A
    platform id that already names its channel (Twilio's WhatsApp sends 'whatsapp:+1555...') keeps its one name."""
    return sender if sender.startswith(f"{channel}:") else f"{channel}:{sender}"


def rest_conversation_id(sender: object) -> str:
    """The stored id for a REST/widget sender; ValueError for ids that could leave the namespace."""
    if not isinstance(sender, str) or not REST_SENDER.fullmatch(sender):
        raise ValueError("sender ids are 1 to 128 letters, digits or the characters _ . -")
    return conversation_id("rest", sender)


def e164(number: str) -> str:
    """A phone number in Twilio's form '+15551234567' ('' if it is not one); without a country code, a
    US number (10 digits, or 11 starting with 1), as the clinic's 911 and 988 are."""
    if not PHONE.fullmatch(number.strip()):
        return ""
    digits = re.sub(r"\D", "", number)
    if number.strip().startswith("+"):
        return f"+{digits}"
    if len(digits) == 10:
        return f"+1{digits}"
    return f"+{digits}" if len(digits) == 11 and digits.startswith("1") else ""


def stored_ids(typed: str) -> List[str]:
    """The ids a conversation an operator names may be stored under: the id as stored ('telegram:12345'),
    with the channel in any case or as 'sms:', a phone number in any format with or without its channel
    (a bare number: its SMS and its WhatsApp conversation), or a widget's own id."""
    typed = typed.strip()
    channel, colon, rest = typed.partition(":")
    channel = CHANNEL_ALIASES.get(channel.lower(), channel.lower())
    if colon and channel in PHONE_CHANNELS:
        rest = rest[len(channel) + 1 :] if rest.lower().startswith(f"{channel}:") else rest
        number = e164(rest)
        return [f"{channel}:{number}"] if number else [f"{channel}:{rest.strip()}"]
    if colon:
        return [f"{channel}:{rest.strip()}"]
    number = e164(typed)
    if number:
        return [f"{name}:{number}" for name in PHONE_CHANNELS]
    return [rest_conversation_id(typed)] if REST_SENDER.fullmatch(typed) else [typed]
