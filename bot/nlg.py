"""Rasa NLG that fills in clinic settings at send time, opens each session with the disclaimer, marks
emergency replies for the website widget, and confirms a deletion only once it is done."""

from typing import Any, Dict, Optional

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.events import BotUttered, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

from bot import knowledge, settings
from bot.dialogue.safety_policy import emergency_responses
from bot.knowledge import near_topics
from bot.nlu import limits, patterns

# For these the emergency numbers must come first, so the disclaimer goes after them.
DISCLAIMER_LAST = emergency_responses()
# How the not-covered reply names a subject the ruler did not find.
UNNAMED_SUBJECT = "that"
# Emergency replies to messages from these channels carry Rasa's `custom` payload EMERGENCY: the REST
# channel, which the website widget uses to show them as an alert. Every other channel is left alone
# (Rasa's stock channels would send a `custom` payload as JSON text).
MARKED_CHANNELS = ("rest",)
EMERGENCY = {"emergency": True}
# The reply to a confirmed "forget me": the conversation is deleted first, and the patient told the truth.
FORGET_DONE, FORGET_FAILED = "utter_forget_done", "forget_failed"
# The ruler's subject for stopping LDN (bot/nlu/entity_patterns.yml), which "stop taking" names whatever is stopped.
STOPPING = "stopping LDN"


def known_value(value: Any) -> bool:
    """Whether a value may be put into a reply: an entity id of the ruler (bot/nlu/entity_patterns.yml),
    a yes/no, or nothing. Never text a patient (or anyone) typed: the bot would say it in its own voice."""
    return value is None or isinstance(value, bool) or (isinstance(value, str) and value in patterns.entity_ids())


def subject(tracker: DialogueStateTracker) -> str:
    """The subject of the patient's last message that the article does not cover, if the ruler named it."""
    entities = getattr(tracker.latest_message, "entities", None) or []
    named = [e.get("value") for e in entities if e.get("entity") == "NOT_COVERED"]
    # A child, or a medicine taken with LDN or instead of it, found by bot/nlu/limits.py.
    named.append((getattr(tracker.latest_message, "parse_data", None) or {}).get("ldn_limit"))
    # (a near topic, which has its bridge, is named last: "does ldn help hashimotos AND is it safe to take w my birth
    # control pill" leaves out the other medicine, round 131)
    named.sort(key=lambda value: isinstance(value, str) and near_topics.find(value) is not None)
    # (another medicine stopped is that medicine, not LDN stopped: "How many days before a colonoscopy should I stop
    # taking iron supplements?", round 145)
    if limits.OTHER_MEDICINES in named:
        named = [value for value in named if value != STOPPING]
    return next((v for v in named if isinstance(v, str) and v in patterns.entity_ids("NOT_COVERED")), UNNAMED_SUBJECT)


def slot_values(tracker: DialogueStateTracker) -> Dict[str, Any]:
    """The conversation's slots as a reply may show them: a value that is not known_value() shows as None."""
    return {name: value if known_value(value) else None for name, value in tracker.current_slot_values().items()}


def near_subject(tracker: DialogueStateTracker) -> str:
    """How a bridge names the near topic of the patient's last message: its name in near_topics.yml."""
    from bot.dialogue.understanding_policy import near_topic_of

    found = near_topic_of(tracker)
    return found.name if found else UNNAMED_SUBJECT


def render(name: str, values: Optional[Dict[str, Any]] = None) -> str:
    """The full text of a knowledge entry with the clinic's settings filled in."""
    return knowledge.load()[name].full_text.format(
        **{"subject": UNNAMED_SUBJECT, "near_subject": UNNAMED_SUBJECT, **(values or settings.load())}
    )


def message(name: str) -> Dict[str, Any]:
    """A knowledge entry as a message a channel sends itself, without Rasa: its text and its buttons."""
    buttons = knowledge.buttons(knowledge.load()[name])
    return {"text": render(name), **({"buttons": buttons} if buttons else {})}


def shows_banner(tracker: DialogueStateTracker) -> bool:
    """The website widget shows the disclaimer in a fixed banner and says so in the message metadata."""
    metadata = getattr(tracker.latest_message, "metadata", None) or {}
    return isinstance(metadata, dict) and metadata.get("banner") is True


def collected_parts(message: Dict[str, Any]) -> int:
    """How many messages Rasa's CollectingOutputChannel makes of this message's text: one with buttons,
    otherwise one per paragraph (it splits at blank lines; RasaHQ/rasa#4895). Its `custom` payload
    comes after them as a message of its own (RasaHQ/rasa#4778)."""
    if message.get("buttons") or message.get("quick_replies"):
        return 1
    return len(str(message.get("text") or "").strip().split("\n\n"))


def mark_emergency(message: Dict[str, Any], utter_action: str, tracker: DialogueStateTracker) -> None:
    """Gives an emergency reply to a marked channel the EMERGENCY payload, with the number of messages
    before it that it belongs to (`parts`; bot/channels/rest.py moves the mark onto them)."""
    if utter_action in emergency_responses() and tracker.get_latest_input_channel() in MARKED_CHANNELS:
        message["custom"] = {**(message.get("custom") or {}), **EMERGENCY, "parts": collected_parts(message)}


def is_first_bot_message(tracker: DialogueStateTracker) -> bool:
    for event in reversed(tracker.events):
        if isinstance(event, BotUttered):
            return False
        if isinstance(event, SessionStarted):
            return True
    return True


class ClinicNLG(TemplatedNaturalLanguageGenerator):
    """Templated responses from the domain, plus the clinic's settings and the disclaimer."""

    def __init__(self, endpoint_config: Any = None, domain: Any = None) -> None:
        super().__init__(domain.responses if domain is not None else {})

    async def generate(
        self, utter_action: str, tracker: DialogueStateTracker, output_channel: str, **kwargs: Any
    ) -> Optional[Dict[str, Any]]:
        clinic = settings.load()
        values = {**slot_values(tracker), **clinic, "subject": subject(tracker), "near_subject": near_subject(tracker)}
        message = self.generate_from_slots(utter_action, values, output_channel, **kwargs)
        if utter_action == FORGET_DONE:
            from bot.store.status import forget_confirmed  # loads Rasa's SQL stores: only a server needs them

            if not await forget_confirmed(tracker):
                message = {"text": render(FORGET_FAILED, values)}
        if message and message.get("text") and is_first_bot_message(tracker) and not shows_banner(tracker):
            disclaimer = render("disclaimer", clinic)
            message["text"] = (
                f"{message['text']}\n\n{disclaimer}"
                if utter_action in DISCLAIMER_LAST
                else f"{disclaimer}\n\n{message['text']}"
            )
        if message:
            mark_emergency(message, utter_action, tracker)
        return message
