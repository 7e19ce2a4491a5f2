"""The Redis lock store against a private redis-server: locks across stores, never without Redis, recovers."""

import asyncio
import logging
import threading
import time

import pytest

from bot.store.lock_store import ClinicRedisLockStore, LockStoreUnavailable
from tests.helpers import free_port, private_service

pytestmark = pytest.mark.services  # a private PostgreSQL or Redis (tests/helpers.py private_service)
PASSWORD = "test-lock-password"


@pytest.fixture(scope="module")
def redis_service():
    """A loopback Redis of these tests only (the topology's, bot/prod/services.py)."""
    from bot.prod import services

    with private_service(
        "ldn-lock-redis-", lambda work: services.Redis(work / "redis", free_port(), PASSWORD, work / "redis.log")
    ) as server:
        yield server


@pytest.fixture
def redis_server(redis_service):
    """The Redis, running and empty, for a test that may stop and start it."""
    if not redis_service.running():
        redis_service.start()
    store(redis_service).red.flushdb()
    return redis_service


def store(server) -> ClinicRedisLockStore:
    return ClinicRedisLockStore(port=server.port, password=PASSWORD)


async def hold(lock_store: ClinicRedisLockStore, conversation: str, seconds: float, log: list, name: str) -> None:
    async with lock_store.lock(conversation):
        log.append(f"{name} in")
        await asyncio.sleep(seconds)
        log.append(f"{name} out")


@pytest.mark.parametrize(
    "second, order",
    [
        ("patient-a", ["first in", "first out", "second in", "second out"]),  # waits for the first
        ("patient-b", ["first in", "second in", "second out", "first out"]),  # another patient: no wait
    ],
)
def test_two_processes_stores_serve_one_conversation_one_message_at_a_time(redis_server, second, order):
    """Two stores stand for two Rasa processes, each handling one message."""
    log: list = []

    async def both():
        first = asyncio.ensure_future(hold(store(redis_server), "patient-a", 0.6, log, "first"))
        await asyncio.sleep(0.1)
        await hold(store(redis_server), second, 0, log, "second")
        await first

    asyncio.run(both())
    assert log == order


def test_redis_down_refuses_every_message_fast_and_logs_once(redis_server, caplog):
    lock_store = store(redis_server)
    redis_server.stop()
    entered = []

    async def attempt():
        async with lock_store.lock("patient-a"):
            entered.append(True)  # never: no message is handled without the shared lock

    with caplog.at_level(logging.ERROR, logger="bot.store.lock_store"):
        for _ in range(3):
            start = time.monotonic()
            with pytest.raises(LockStoreUnavailable):
                asyncio.run(attempt())
            assert time.monotonic() - start < 1, "a down Redis must not stall the event loop"
    assert entered == []
    assert lock_store.problem() == "the lock store (Redis) cannot be reached"
    assert len([r for r in caplog.records if "unreachable" in r.getMessage()]) == 1
    assert "patient-a" not in caplog.text


def test_the_store_works_again_when_redis_returns(redis_server):
    lock_store = store(redis_server)
    redis_server.stop()
    assert lock_store.problem()
    redis_server.start()
    log: list = []
    asyncio.run(hold(lock_store, "patient-a", 0, log, "after"))
    assert log == ["after in", "after out"] and lock_store.problem() is None


def test_redis_lost_after_the_answer_keeps_the_answer(redis_server):
    """Only the lock's clean-up fails: the message was handled, so its reply must not become an error."""
    lock_store = store(redis_server)
    log: list = []

    async def answer_then_lose_redis():
        async with lock_store.lock("patient-a"):
            log.append("handled")
            redis_server.stop()

    asyncio.run(answer_then_lose_redis())
    assert log == ["handled"]


def test_a_ticket_left_by_a_killed_process_frees_the_conversation_after_the_lifetime(redis_server, monkeypatch):
    monkeypatch.setenv("LOCK_LIFETIME_SECONDS", "2")
    dead = store(redis_server)
    assert dead.lifetime == 2
    dead.issue_ticket("patient-a")  # taken, then the process died: never cleaned up
    log: list = []
    start = time.monotonic()
    # Rasa's own loop waits forever here (the waiting ticket expires with the dead one): bounded.
    asyncio.run(asyncio.wait_for(hold(store(redis_server), "patient-a", 0, log, "next"), 10))
    waited = time.monotonic() - start
    assert log == ["next in", "next out"] and 1.5 < waited < 4, waited


def test_many_messages_of_one_conversation_on_two_processes_never_overlap(redis_server):
    """Two processes (threads with their own event loop and store) each get bursts of messages of one
    conversation at once: at no moment may two be handled together. Reading and writing a lock must be one
    step: with Rasa's read-then-write, two processes issue the same ticket and both go ahead."""
    inside, overlaps, handled = [0], [], []
    guard = threading.Lock()

    async def message(lock_store: ClinicRedisLockStore) -> None:
        async with lock_store.lock("patient-a", wait_time_in_seconds=0.01):
            with guard:
                inside[0] += 1
                if inside[0] > 1:
                    overlaps.append(inside[0])
            await asyncio.sleep(0.005)
            with guard:
                inside[0] -= 1
                handled.append(True)

    def process() -> None:
        lock_store = store(redis_server)

        async def burst():
            await asyncio.gather(*(message(lock_store) for _ in range(15)))

        asyncio.run(burst())

    threads = [threading.Thread(target=process) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(handled) == 30 and overlaps == []
