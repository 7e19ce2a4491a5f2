"""The REST channel's guards over real HTTP, on an in-process server whose Rasa is a recording stand-in."""

import asyncio
import json
import threading

import pytest
from sanic import Sanic

from bot.channels.rest import PatientRestInput
from bot.nlg import render
from tests.helpers import free_port, http

LIMIT_PER_IP = 5


@pytest.fixture(scope="module")
def server():
    """The REST channel's real blueprint in a real Sanic server; Rasa (the outside world) only records."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RATE_LIMIT_PER_IP", str(LIMIT_PER_IP))
        patch.setenv("WIDGET_ALLOWED_ORIGINS", "https://clinic.example")
        patch.setenv("PUBLIC_BASE_URL", "https://assistant.clinic.example/")  # as seen through a proxy
        channel = PatientRestInput()
    received = []

    async def rasa(message):
        received.append((message.sender_id, message.text))
        await message.output_channel.send_text_message(message.sender_id, "an answer")

    app = Sanic(f"rest_guards_{free_port()}")
    app.blueprint(channel.blueprint(rasa), url_prefix="/webhooks/rest")
    port, loop, ready = free_port(), asyncio.new_event_loop(), threading.Event()

    async def start():
        srv = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True)
        await srv.startup()
        await srv.before_start()
        await srv.after_start()
        ready.set()
        return srv

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    srv = asyncio.run_coroutine_threadsafe(start(), loop).result(timeout=30)
    yield f"http://127.0.0.1:{port}/webhooks/rest/webhook", received, channel
    asyncio.run_coroutine_threadsafe(srv.before_stop(), loop).result(timeout=10)
    srv.close()
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=10)


@pytest.fixture(autouse=True)
def fresh_limits(server):
    """Each test starts with empty rate-limit windows (the limiter's state is per server, not per test)."""
    channel = server[2]
    channel.per_ip._events.clear()
    channel.per_sender._events.clear()


def post(url, body, content_type="application/json", **headers):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return http(url, data, {"Content-Type": content_type, **headers}, method="POST")


def test_ids_are_stored_in_the_rest_namespace_and_answered_with_the_clients_id(server):
    url, received, _ = server
    status, body = post(url, {"sender": "widget-3f2a_B9", "message": "hi"})
    assert status == 200 and json.loads(body) == [{"recipient_id": "widget-3f2a_B9", "text": "an answer"}]
    assert received[-1] == ("rest:widget-3f2a_B9", "hi")


@pytest.mark.parametrize("sender", ["telegram:777002", "slack:D0123", "facebook:42", "twilio:+15551234567", "a\n"])
def test_ids_of_other_namespaces_are_refused_before_rasa(server, sender):
    url, received, _ = server
    before = len(received)
    status, body = post(url, {"sender": sender, "message": "at night"})
    assert status == 400 and "'sender'" in json.loads(body)["error"]
    assert len(received) == before


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", ""])
def test_only_json_is_accepted_so_no_site_can_post_blind(server, content_type):
    url, received, _ = server
    before = len(received)
    status, body = post(url, {"sender": "a", "message": "hi"}, content_type=content_type)
    assert status == 415 and "application/json" in json.loads(body)["error"]
    assert len(received) == before


@pytest.mark.parametrize(
    "origin, allowed",
    [
        ("https://clinic.example", True),
        ("HTTPS://CLINIC.EXAMPLE", True),
        ("https://assistant.clinic.example", True),
        ("http://assistant.clinic.example", False),
        ("https://evil.example", False),
        ("null", False),
        ("https://clinic.example.evil.example", False),
    ],
)
def test_a_browsers_origin_must_be_allowed(server, origin, allowed):
    url, received, _ = server
    status, _ = post(url, {"sender": "o", "message": "hi"}, Origin=origin)
    assert status == (200 if allowed else 403)


def test_the_server_itself_is_an_allowed_origin(server):
    url = server[0]
    own = url.split("/webhooks")[0]
    assert post(url, {"sender": "o", "message": "hi"}, Origin=own)[0] == 200


def test_rate_limit_per_address_with_a_friendly_reply(server):
    url, received, _ = server
    statuses = [post(url, {"sender": f"ip-{i}", "message": "hi"})[0] for i in range(LIMIT_PER_IP)]
    assert statuses == [200] * LIMIT_PER_IP
    before = len(received)
    status, body = post(url, {"sender": "ip-next", "message": "hi"})
    assert status == 429 and json.loads(body)[0]["text"] == render("rate_limited")
    assert len(received) == before


def test_a_body_bigger_than_a_chat_needs_is_refused(server):
    url, received, channel = server
    before = len(received)
    status, _ = post(url, b'{"sender": "big", "message": "' + b"x" * channel.config.max_body_bytes + b'"}')
    assert status == 413 and len(received) == before


def test_lone_surrogates_reach_rasa_cleaned(server):
    url, received, _ = server
    status, _ = post(url, b'{"sender": "s", "message": "hi \\ud800 there"}')
    assert status == 200 and received[-1] == ("rest:s", "hi \ufffd there")
