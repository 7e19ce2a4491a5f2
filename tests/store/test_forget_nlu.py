"""The forget-me intent on messages it was never trained on, and ordinary messages that must not trigger it."""

import pytest

pytestmark = pytest.mark.model

ASKS = [
    "please delete our chat history",
    "i want you to forget me",
    "erase everything i told you",
    "can you delete this whole chat",
    "remove my conversation please",
    "wipe evrything i wrote",
]
NOT_ASKS = [
    "I forgot to take my dose last night",
    "can I stop taking LDN",
    "stop",
    "what is LDN",
    "I want to kill myself",
    "my memory is bad since I started LDN",
    "talk to a real person",
]


@pytest.mark.parametrize("text", ASKS)
def test_asking_to_be_forgotten_is_understood(parse, text):
    assert parse(text)["intent"]["name"] == "forget_me"


@pytest.mark.parametrize("text", NOT_ASKS)
def test_other_messages_are_not_taken_as_forget_me(parse, text):
    assert parse(text)["intent"]["name"] != "forget_me"
