"""The channels' guards: rate limits, replay memory, sender namespaces, text cleaning, hashed ids in logs."""

import pytest

from bot.channels.dispatch import clean
from bot.channels.ratelimit import RateLimiter
from bot.channels.redact import tag
from bot.channels.replay import SeenEvents
from bot.channels.senders import PHONE_CHANNELS, conversation_id, rest_conversation_id, stored_ids


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_rate_limit_per_key_and_window():
    clock = Clock()
    limiter = RateLimiter(limit=3, window=60, clock=clock)
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b")  # another sender is not affected
    clock.now += 61
    assert limiter.allow("a")


def test_rate_limit_zero_is_off_and_memory_is_bounded():
    assert all(RateLimiter(limit=0, window=60).allow("a") for _ in range(1000))
    limiter = RateLimiter(limit=1, window=60, max_keys=10)
    for i in range(100):
        limiter.allow(str(i))
    assert len(limiter._events) == 10


def test_an_event_id_is_first_seen_once_within_the_window():
    clock = Clock()
    seen = SeenEvents(window=300, clock=clock)
    assert seen.first_time("Ev1") and not seen.first_time("Ev1") and seen.first_time("Ev2")
    assert seen.first_time(None) and seen.first_time(None)  # no id: nothing to compare
    clock.now += 301
    assert seen.first_time("Ev1")


def test_replay_memory_is_bounded():
    seen = SeenEvents(window=300, max_ids=5)
    for i in range(50):
        seen.first_time(str(i))
    assert len(seen._seen) == 5


@pytest.mark.parametrize(
    "sender",
    ["telegram:777002", "slack:D123", "facebook:42", "twilio:+15551234567", "abc\n", "a b", "", "x" * 129, None],
)
def test_rest_ids_cannot_leave_their_namespace(sender):
    with pytest.raises(ValueError):
        rest_conversation_id(sender)


def test_rest_ids_are_prefixed_and_widget_ids_still_work():
    assert rest_conversation_id("web-3f2a_B9") == "rest:web-3f2a_B9"
    assert rest_conversation_id("telegram") != conversation_id("telegram", "")
    assert not rest_conversation_id("777002").startswith("telegram:")


def test_a_whatsapp_conversation_is_stored_under_one_channel_name():
    """Twilio's WhatsApp webhook sends From=whatsapp:+1…: stored as whatsapp:+1…, as an operator types it."""
    assert conversation_id("whatsapp", "whatsapp:+15551234567") == "whatsapp:+15551234567"
    assert conversation_id("twilio", "+15551234567") == "twilio:+15551234567"
    assert conversation_id("telegram", "777002") == "telegram:777002"


@pytest.mark.parametrize(
    "typed, ids",
    [
        ("telegram:12345", ["telegram:12345"]),
        ("  Telegram:12345 ", ["telegram:12345"]),
        ("slack:D0123ABC", ["slack:D0123ABC"]),
        ("whatsapp:+15551234567", ["whatsapp:+15551234567"]),
        ("WhatsApp:+1 (555) 123-4567", ["whatsapp:+15551234567"]),
        ("whatsapp:whatsapp:+15551234567", ["whatsapp:+15551234567"]),
        ("whatsapp:555-123-4567", ["whatsapp:+15551234567"]),
        ("sms:+1 555 123 4567", ["twilio:+15551234567"]),
        ("twilio:+15551234567", ["twilio:+15551234567"]),
        ("+1 (555) 123-4567", ["twilio:+15551234567", "whatsapp:+15551234567"]),
        ("555.123.4567", ["twilio:+15551234567", "whatsapp:+15551234567"]),
        ("+44 20 7946 0958", ["twilio:+442079460958", "whatsapp:+442079460958"]),
        ("web-3f2a_B9", ["rest:web-3f2a_B9"]),
        ("rest:web-3f2a_B9", ["rest:web-3f2a_B9"]),
    ],
)
def test_make_forget_accepts_the_ids_a_clinic_would_type(typed, ids):
    assert stored_ids(typed) == ids


def test_the_phone_channels_are_the_twilio_channels():
    from bot.channels.twilio import TwilioSmsChannel, TwilioWhatsAppChannel

    assert PHONE_CHANNELS == (TwilioSmsChannel.name(), TwilioWhatsAppChannel.name())


def test_lone_surrogates_are_replaced_and_real_pairs_kept():
    assert clean("hi \ud800 there") == "hi \ufffd there"
    assert clean("\ud83d\ude00") == "\U0001f600"
    assert clean("a\x00b") == "ab"
    clean("hi \udfff").encode("utf-8")  # encodable now: no UnicodeEncodeError


def test_log_tags_are_stable_and_do_not_show_the_id():
    assert tag("sms:+15551234567") == tag("sms:+15551234567") != tag("sms:+15551234568")
    assert "5551234567" not in tag("sms:+15551234567")
