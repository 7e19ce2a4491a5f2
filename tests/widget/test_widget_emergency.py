"""The widget in an emergency (issue 14): the server marks emergency replies over REST."""
import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
from rasa.core.actions.action import create_bot_utterance
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.channels.rest import with_emergency_marks
from bot.dialogue.safety_policy import emergency_responses
from bot.knowledge.build import responses
from bot.nlg import ClinicNLG, render

EMERGENCIES = sorted(emergency_responses())


# ---- the server marks emergency replies, on the REST channel only ----
def _rest_replies(action, channel="rest", banner=True, first=True):
    """The NLG's message for `action`, through Rasa's collector as Rasa sends it, then the REST channel's marks."""
    nlg = ClinicNLG(domain=Domain.from_dict({"responses": responses()}))
    events = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]
    if not first:
        events += [UserUttered("hi", input_channel=channel), BotUttered("Hello!"), ActionExecuted("action_listen")]
    events.append(UserUttered("help", input_channel=channel, metadata={"banner": True} if banner else None))
    tracker = DialogueStateTracker.from_events("s", events, slots=[])

    async def run():
        message = await nlg.generate(action, tracker, CollectingOutputChannel.name())
        collector = CollectingOutputChannel()
        await collector.send_response("s", create_bot_utterance(dict(message)).message())
        return message, collector.messages

    # In a thread of its own: Playwright's sync API keeps an event loop running in this one.
    with ThreadPoolExecutor(1) as pool:
        message, collected = pool.submit(asyncio.run, run()).result()
    return message, collected, with_emergency_marks(collected)


@pytest.mark.parametrize("banner", [True, False], ids=["widget", "no-banner"])
@pytest.mark.parametrize("name", EMERGENCIES)
def test_each_message_of_an_emergency_reply_carries_the_mark_over_rest(name, banner):
    message, collected, replies = _rest_replies(name, banner=banner)
    assert collected[-1].keys() == {"recipient_id", "custom"}  # Rasa sends `custom` as a message of its own
    assert replies and all(r.get("custom") == {"emergency": True} and r.get("text") for r in replies), replies
    assert "\n\n".join(r["text"] for r in replies) == message["text"].strip()
    if not banner:  # the first reply with the disclaimer after the numbers: two messages, both marked
        assert len(replies) >= 2 and replies[-1]["text"] == render("disclaimer")


@pytest.mark.parametrize("channel", ["telegram", "slack", "facebook", "twilio", "whatsapp", None])
def test_other_channels_get_no_mark(channel):
    for name in EMERGENCIES:
        message, collected, _ = _rest_replies(name, channel=channel, first=False)
        assert "custom" not in message and not any("custom" in m for m in collected), (channel, name)


@pytest.mark.parametrize("action", ["utter_what_is_ldn", "utter_human_handoff", "utter_service_problem",
                                    "utter_opioid_interaction", "utter_topics"])
def test_other_replies_get_no_mark(action):
    _, collected, replies = _rest_replies(action, first=False)
    assert collected == replies and not any("custom" in r for r in replies)


def test_the_mark_goes_only_onto_the_messages_of_its_own_reply():
    replies = [{"text": "before"}, {"text": "part one"}, {"text": "part two"},
               {"recipient_id": "s", "custom": {"emergency": True, "parts": 2}}, {"text": "after"}]
    marked = with_emergency_marks(replies)
    assert [(r["text"], "custom" in r) for r in marked] == [
        ("before", False), ("part one", True), ("part two", True), ("after", False)]
