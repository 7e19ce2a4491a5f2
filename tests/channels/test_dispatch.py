"""The dispatch core's never-silent reply."""
from bot.channels.dispatch import never_silent


def test_replies_pass_through():
    reply = [{"recipient_id": "a", "text": "hello"}]
    assert never_silent(reply, "a") == reply


def test_empty_reply_becomes_a_useful_message_with_the_clinic_phone():
    [message] = never_silent([], "a")
    assert message["recipient_id"] == "a"
    assert "(555) 010-0100" in message["text"] and "not working" in message["text"]
