"""The REST channel's input checks."""

import pytest

from bot import settings
from bot.channels.rest import parse_request

MAX_MESSAGE_CHARS = settings.service().max_message_chars


def test_valid_request():
    assert parse_request({"sender": "abc-123", "message": "  hi  "}) == ({"sender": "abc-123", "message": "hi"}, None)


@pytest.mark.parametrize(
    "body, fragment",
    [
        (None, "JSON object"),
        ([1, 2], "JSON object"),
        ("text", "JSON object"),
        ({"message": "hi"}, "'sender' is required"),
        ({"sender": "", "message": "hi"}, "'sender'"),
        ({"sender": "a b<script>", "message": "hi"}, "'sender'"),
        ({"sender": "abc\n", "message": "hi"}, "'sender'"),
        ({"sender": "telegram:777002", "message": "hi"}, "'sender'"),
        ({"sender": "x" * 129, "message": "hi"}, "'sender'"),
        ({"sender": "abc"}, "'message' is required"),
        ({"sender": "abc", "message": "   "}, "'message'"),
        ({"sender": "abc", "message": 42}, "'message'"),
        ({"sender": "abc", "message": "x" * (MAX_MESSAGE_CHARS + 1)}, "too long"),
    ],
)
def test_bad_requests_get_a_clear_message(body, fragment):
    parsed, error = parse_request(body)
    assert parsed is None and fragment in error
