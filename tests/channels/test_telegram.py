"""Telegram's inline keyboard: callback data within 64 bytes of UTF-8, and a long payload still works."""

from bot.channels.formatting import resolve_number
from bot.channels.telegram import CALLBACK_DATA_MAX_BYTES, keyboard


def test_short_payloads_are_sent_as_they_are():
    rows = keyboard([{"title": "Yes", "payload": "Yes"}, {"title": "No", "payload": "No"}])["inline_keyboard"]
    assert [row[0]["callback_data"] for row in rows] == ["Yes", "No"]


def test_callback_data_is_limited_in_bytes_and_a_long_payload_is_resolved_by_its_number():
    accented = "é" * 40  # 40 characters but 80 bytes: a cut by characters would break Telegram's limit
    buttons = [{"title": "Short", "payload": "Short"}, {"title": "Long", "payload": accented}]
    rows = keyboard(buttons)["inline_keyboard"]
    data = [row[0]["callback_data"] for row in rows]
    assert all(len(d.encode("utf-8")) <= CALLBACK_DATA_MAX_BYTES for d in data)
    assert data == ["Short", "2"]
    assert resolve_number(data[1], buttons) == accented  # the tap still sends the whole payload
