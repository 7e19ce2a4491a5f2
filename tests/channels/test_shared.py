"""Replay windows and rate limits shared through a real Redis: one answer per event and one limit per sender
whichever process asks, hashed keys, and memory (logged once) when Redis is down."""

import logging
import threading
import time

import pytest
import redis

from bot.channels import shared
from bot.channels.ratelimit import RateLimiter
from bot.channels.replay import SeenEvents
from tests.store.test_lock_store import PASSWORD, redis_server as lock_redis, redis_service  # noqa: F401 (fixtures)

pytestmark = pytest.mark.services  # a private PostgreSQL or Redis (tests/helpers.py private_service)
PHONE = "+15551234567"


@pytest.fixture
def redis_server(lock_redis):  # noqa: F811 (the fixture imported above)
    """The lock store tests' private Redis, running, and the topology's database in it empty."""
    client(lock_redis).flushdb()
    return lock_redis


def client(server) -> redis.Redis:
    return redis.Redis(port=server.port, password=PASSWORD, db=shared.REDIS_DB)


def process(server) -> shared.SharedRedis:
    """What one Rasa process holds: its own connection to the shared Redis."""
    return shared.SharedRedis(
        redis.Redis(
            port=server.port,
            password=PASSWORD,
            db=shared.REDIS_DB,
            socket_timeout=shared.TIMEOUT_SECONDS,
            socket_connect_timeout=shared.TIMEOUT_SECONDS,
        ),
        PASSWORD,
    )


def test_the_factory_keeps_memory_without_redis_and_shares_with_it(redis_server, monkeypatch):
    monkeypatch.delenv("REDIS_HOST", raising=False)
    assert isinstance(shared.seen_events("telegram", 300), SeenEvents)
    assert isinstance(shared.rate_limiter("rest-ip", 5, 60), RateLimiter)
    for name, value in {
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": str(redis_server.port),
        "REDIS_PASSWORD": PASSWORD,
    }.items():
        monkeypatch.setenv(name, value)
    seen, limiter = shared.seen_events("telegram", 300), shared.rate_limiter("rest-ip", 1, 60)
    assert isinstance(seen, shared.SharedSeenEvents) and isinstance(limiter, shared.SharedRateLimiter)
    assert seen.first_time("1001") and not shared.seen_events("telegram", 300).first_time("1001")
    assert limiter.allow("203.0.113.7") and not shared.rate_limiter("rest-ip", 1, 60).allow("203.0.113.7")


def test_an_event_is_first_seen_once_whichever_process_gets_it(redis_server):
    first, second = (shared.SharedSeenEvents(process(redis_server), "twilio", 300) for _ in range(2))
    assert first.first_time("SM1") and not second.first_time("SM1") and not first.first_time("SM1")
    assert second.first_time("SM2")
    assert shared.SharedSeenEvents(process(redis_server), "slack", 300).first_time("SM1")  # another channel's ids
    assert first.first_time(None) and second.first_time("")  # no id: nothing to compare


def test_a_limit_holds_across_processes_and_its_window_moves_on(redis_server):
    limiters = [shared.SharedRateLimiter(process(redis_server), "rest-sender", 4, 1) for _ in range(2)]
    assert [limiters[i % 2].allow("rest:pat") for i in range(5)] == [True, True, True, True, False]
    assert limiters[1].allow("rest:other")  # another sender has a window of its own
    time.sleep(1.1)
    assert limiters[0].allow("rest:pat")
    assert all(shared.SharedRateLimiter(process(redis_server), "rest-sender", 0, 60).allow("x") for _ in range(50))


def test_simultaneous_calls_are_counted_once_each(redis_server):
    """Sixteen processes at once: exactly the limit passes, and one event id is first seen exactly once."""
    limit, callers = 5, 16
    allowed, first = [], []
    start = threading.Barrier(callers)

    def caller():
        connection = process(redis_server)
        limiter = shared.SharedRateLimiter(connection, "rest-sender", limit, 60)
        seen = shared.SharedSeenEvents(connection, "telegram", 300)
        start.wait()
        allowed.append(limiter.allow("rest:flood"))
        first.append(seen.first_time("777"))

    threads = [threading.Thread(target=caller) for _ in range(callers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert allowed.count(True) == limit and first.count(True) == 1 and len(allowed) == len(first) == callers


def test_keys_hold_no_id_address_or_phone_and_expire(redis_server):
    connection = process(redis_server)
    shared.SharedSeenEvents(connection, "whatsapp", 300).first_time(f"SM-{PHONE}")
    shared.SharedRateLimiter(connection, "whatsapp-sender", 3, 60).allow(f"whatsapp:{PHONE}")
    shared.SharedRateLimiter(connection, "rest-ip", 3, 60).allow("203.0.113.7")
    raw = client(redis_server)
    keys = [key.decode() for key in raw.keys("*")]
    assert len(keys) == 3 and all(key.startswith(f"{shared.PREFIX}:") for key in keys)
    for key in keys:
        assert PHONE not in key and "5551234567" not in key and "203.0.113" not in key, key
        assert 0 < raw.pttl(key) <= 300_000, key  # gone after its window
        if raw.type(key) == b"zset":
            assert all(PHONE.encode() not in member for member in raw.zrange(key, 0, -1))


def test_with_redis_down_memory_answers_and_the_outage_is_logged_once(redis_server, caplog):
    connection = process(redis_server)
    seen = shared.SharedSeenEvents(connection, "telegram", 300)
    limiter = shared.SharedRateLimiter(connection, "telegram-sender", 3, 60)
    assert seen.first_time("5001") and limiter.allow(f"telegram:{PHONE}")  # before the outage: kept in memory too
    redis_server.stop()
    try:
        with caplog.at_level(logging.INFO, logger="bot.channels.shared"):
            started = time.monotonic()
            assert seen.first_time("5002")  # a new message is never dropped
            assert not seen.first_time("5002") and not seen.first_time("5001")  # replays still caught, per process
            assert [limiter.allow(f"telegram:{PHONE}") for _ in range(3)] == [True, True, False]
            assert time.monotonic() - started < 5 * shared.TIMEOUT_SECONDS + 1
        errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert len(errors) == 1 and "unreachable" in errors[0].getMessage()
    finally:
        redis_server.start()
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="bot.channels.shared"):
        assert seen.first_time("5003") and not shared.SharedSeenEvents(
            process(redis_server), "telegram", 300
        ).first_time("5003")
    assert "work again" in caplog.text
    assert "5001" not in caplog.text and PHONE not in caplog.text and str(redis_server.port) not in caplog.text


def test_a_repeated_message_id_is_answered_once_whichever_process_gets_it(redis_server):
    """The widget's retry after a timeout may reach the other process: it gets the first one's reply."""
    import asyncio

    from bot.channels.answered import answer_once

    first, second = (shared.SharedAnsweredMessages(process(redis_server), "rest", 300, 60) for _ in range(2))
    calls = []

    async def answer():
        calls.append(1)
        await asyncio.sleep(0.3)
        return [{"text": f"answer {len(calls)}"}]

    async def both():  # the retry comes while the first is still being answered
        return await asyncio.gather(
            answer_once(first, "rest:web-1\0id-1", answer, 5), answer_once(second, "rest:web-1\0id-1", answer, 5)
        )

    assert asyncio.run(both()) == [[{"text": "answer 1"}]] * 2 and len(calls) == 1
    assert asyncio.run(answer_once(second, "rest:web-1\0id-1", answer, 5)) == [{"text": "answer 1"}]
    raw = client(redis_server)
    keys = raw.keys("*")
    assert len(keys) == 1 and b"web-1" not in keys[0] and b"id-1" not in keys[0]
    assert 0 < raw.pttl(keys[0]) <= 300_000  # bounded in time
    # A claim whose process died before answering frees its id after `pending` seconds.
    dying = shared.SharedAnsweredMessages(process(redis_server), "rest", 300, 1)
    assert dying.claim("rest:web-2\0id-2") is None
    assert second.claim("rest:web-2\0id-2") == "pending"
    time.sleep(1.2)
    assert second.claim("rest:web-2\0id-2") is None
