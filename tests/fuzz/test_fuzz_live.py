"""Fuzzing the running server's REST channel and every messaging webhook (Hypothesis), with secrets set.

Never a 500, never a traceback in the log, never a reply to an unsigned request, every valid request
answered. Bounded: a fixed number of examples per test, each request with a timeout (about a minute in all).
"""

import json
import time
import urllib.parse
import uuid

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from bot.nlg import render
from tests.channels import webhooks as hooks
from tests.channels.webhooks import PLATFORMS, to_recipient
from tests.helpers import http, read_logs

pytestmark = [pytest.mark.model, pytest.mark.servers]

FAST = settings(max_examples=800, deadline=None, database=None, suppress_health_check=list(HealthCheck))
SLOW = settings(max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck))

# Header values travel as latin-1: any printable character of it, including non-ASCII ones.
header_text = st.text(st.characters(min_codepoint=32, max_codepoint=255, blacklist_characters="\x7f"), max_size=40)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
bodies = st.one_of(
    st.binary(max_size=300),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.fixed_dictionaries(
        {},
        optional={
            "sender": json_values | st.text(max_size=140),
            "message": json_values | st.text(),
            "metadata": json_values,
        },
    ).map(lambda v: json.dumps(v).encode()),
)
content_types = (
    st.sampled_from(
        [
            "application/json",
            "application/json; charset=utf-8",
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "",
        ]
    )
    | header_text
)
# Any text a patient could type, including lone surrogates (JSON escapes let them through).
# No control characters, and no lone surrogates ("Cs"): platforms send UTF-8, which cannot carry one,
# so a message with one never reaches us (and the test's own Twilio signing could not encode it).
patient_text = st.text(st.characters(blacklist_categories=["Cc", "Cs"]), min_size=1, max_size=300).filter(str.strip)


@pytest.fixture(scope="module")
def log_mark(live):
    """Where the server logs stood before the fuzzing: afterwards, nothing new may be a traceback."""
    client, work = live
    start = len(read_logs(work))
    yield
    new = read_logs(work)[start:]
    assert "Traceback" not in new, new[new.find("Traceback") :][:2000]


def _ok(status: int) -> None:
    assert status < 500 or status == 503, f"server error {status}"


@FAST
@given(body=bodies, content_type=content_types, origin=st.none() | header_text)
def test_rest_never_fails_on_any_body_or_header(client, log_mark, body, content_type, origin):
    headers = {"Content-Type": content_type, **({"Origin": origin} if origin is not None else {})}
    status, _ = http(f"{client.url}/webhooks/rest/webhook", body, headers, method="POST", timeout=30)
    _ok(status)
    assert status != 503


@SLOW
@given(text=patient_text)
def test_rest_answers_every_valid_message(client, log_mark, text):
    status, reply = client.post({"sender": f"fuzz-{uuid.uuid4().hex}", "message": text[:2000]})
    assert status == 200, reply
    assert reply and all(isinstance(m, dict) for m in reply)
    assert render("service_problem") not in "\n".join(m.get("text") or "" for m in reply)


WEBHOOKS = ["telegram", "slack", "facebook", "twilio", "whatsapp"]
SIGNATURE_HEADERS = [
    "X-Telegram-Bot-Api-Secret-Token",
    "X-Slack-Signature",
    "X-Slack-Request-Timestamp",
    "X-Hub-Signature-256",
    "X-Twilio-Signature",
    "X-Slack-Retry-Num",
]


@pytest.fixture(scope="module")
def forged_recipient(live, fake_platform):
    """The one recipient every forged request names: nothing may ever be sent to it."""
    recipient = str(hooks.unique_id())
    yield recipient
    # Anything processed would have been answered within seconds of its request.
    time.sleep(2)
    assert fake_platform.matching(to_recipient(recipient)) == []


def _real_shaped(channel: str, recipient: str, text: str) -> bytes:
    return {
        "telegram": lambda: json.dumps(hooks.tg_message(int(recipient), text)).encode(),
        "slack": lambda: hooks.slack_event(recipient, text),
        "facebook": lambda: hooks.fb_message(recipient, text),
        "twilio": lambda: urllib.parse.urlencode(hooks.sms(recipient, text)).encode(),
        "whatsapp": lambda: urllib.parse.urlencode(hooks.sms(recipient, text)).encode(),
    }[channel]()


@FAST
@given(
    channel=st.sampled_from(WEBHOOKS),
    text=patient_text,
    junk=st.none() | bodies,
    headers=st.dictionaries(st.sampled_from(SIGNATURE_HEADERS), header_text, max_size=4),
    content_type=content_types,
    method=st.sampled_from(["POST", "GET", "PUT"]),
)
def test_unsigned_or_forged_webhooks_are_refused_and_never_answered(
    client, log_mark, forged_recipient, channel, text, junk, headers, content_type, method
):
    body = junk if junk is not None else _real_shaped(channel, forged_recipient, text)
    status, _ = http(
        f"{client.url}/webhooks/{channel}/webhook",
        body if method != "GET" else None,
        {"Content-Type": content_type, **headers},
        method=method,
        timeout=30,
    )
    _ok(status)
    if method == "POST":
        assert status in (403, 400, 413), status  # 400/413: refused by the server before any check


SIGNED = {"telegram": hooks.telegram, "slack": hooks.slack, "facebook": hooks.facebook}
TWILIO_FIELDS = ["Body", "From", "To", "MessageSid", "AccountSid", "NumMedia"]


@FAST
@given(channel=st.sampled_from(sorted(SIGNED)), body=bodies)
def test_signed_requests_with_any_body_never_fail(client, log_mark, channel, body):
    status, _ = SIGNED[channel](client.url, body)
    _ok(status)
    assert status in (200, 400, 413), status


@FAST
@given(
    channel=st.sampled_from(["twilio", "whatsapp"]),
    params=st.dictionaries(st.sampled_from(TWILIO_FIELDS) | st.text(max_size=10), st.text(max_size=200), max_size=6),
)
def test_signed_twilio_forms_with_any_fields_never_fail(client, log_mark, channel, params):
    status, _ = hooks.twilio(client.url, channel, params)
    _ok(status)
    assert status == 200, status


@SLOW
@given(platform=st.sampled_from(PLATFORMS), text=patient_text)
def test_every_valid_webhook_message_is_answered(client, fake_platform, log_mark, platform, text):
    to = platform.new_recipient()
    assert platform.send(client.url, to, text[:1500], platform.new_event_id())[0] == 200
    fake_platform.wait_for(to_recipient(to), timeout=30, settle=0)


def _non_text(channel: str, recipient: str, kind: str, words: str) -> bytes:
    """A signed-later request from a patient that is not a plain text message: media with or without words,
    or an edit, in the shape each platform really sends."""
    if channel == "telegram":
        fields = (
            {**hooks.TG_MEDIA[kind], **({"caption": words} if words else {})}
            if kind != "edit"
            else {"text": words or "."}
        )
        update = hooks.tg_update(int(recipient), key="edited_message" if kind == "edit" else "message", **fields)
        return json.dumps(update).encode()
    if channel == "slack":
        event = (
            {
                "subtype": "message_changed",
                "channel_type": "im",
                "message": {"type": "message", "user": "U1", "text": words or ".", "ts": "1.0"},
                "previous_message": {"type": "message", "user": "U1", "text": "x", "ts": "1.0"},
            }
            if kind == "edit"
            else {
                "subtype": "file_share",
                "channel_type": "im",
                "user": "U1",
                "text": words,
                "files": [hooks.slack_file()],
            }
        )
        return hooks.slack_raw_event(recipient, event)
    if kind == "edit":
        return hooks.fb_event(
            recipient, message_edit={"mid": f"m_{uuid.uuid4().hex}", "text": words or ".", "num_edit": 1}
        )
    message = hooks.fb_attachment({"photo": "image", "voice": "audio", "document": "file"}.get(kind, kind))
    return hooks.fb_event(recipient, message={**message, **({"text": words} if words else {})})


@SLOW
@given(
    channel=st.sampled_from(["telegram", "slack", "facebook", "twilio", "whatsapp"]),
    kind=st.sampled_from(sorted(hooks.TG_MEDIA) + ["edit"]),
    words=st.just("") | patient_text,
)
def test_every_non_text_or_edited_message_is_answered(client, fake_platform, log_mark, channel, kind, words):
    """Media with or without words, and edits: the patient always hears back (no silence on any channel)."""
    platform = {p.name: p for p in PLATFORMS}[channel]
    to, words = platform.new_recipient(), words[:1000]
    if channel in ("twilio", "whatsapp"):
        number = hooks.CHANNEL_ENV["TWILIO_WHATSAPP_NUMBER" if channel == "whatsapp" else "TWILIO_SMS_NUMBER"]
        status, _ = hooks.twilio(client.url, channel, hooks.mms(to, to=number, body=words))
    else:
        status, _ = SIGNED[channel](client.url, _non_text(channel, to, kind, words))
    assert status == 200
    fake_platform.wait_for(to_recipient(to), timeout=30, settle=0)
