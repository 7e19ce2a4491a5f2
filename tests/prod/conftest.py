"""The production topology (PostgreSQL, Redis, the action server, 2 Rasa processes, nginx), started once for tests/prod."""

import secrets
import shutil
import signal
import tempfile
from pathlib import Path

import pytest

from tests.conftest import API_ENV, CHANNEL_ENV
from tests.helpers import free_port

# Messages a sender may send per window: above any test patient's 20 turns (and a retry or two), low enough
# that tests/prod/test_channels_live.py can show the limit holds across the processes.
PER_SENDER = 30
# Every messaging channel on, its API the loopback fake platform (tests/conftest.py); their tokens are also
# what PostgreSQL, Redis and nginx must not get. Load comes from 127.0.0.1 only: no per-address limit.
TOPOLOGY_ENV = {
    **CHANNEL_ENV,
    **API_ENV,
    "ALLOW_PLACEHOLDERS": "1",
    "RATE_LIMIT_PER_IP": "0",
    "RATE_LIMIT_PER_SENDER": str(PER_SENDER),
    "PG_PASSWORD": secrets.token_urlsafe(16),
    "REDIS_PASSWORD": secrets.token_urlsafe(16),
    "TLS_CERT_FILE": "",
    "TLS_KEY_FILE": "",
    "TRUSTED_PROXIES": "",
}
# Bounded start: two Rasa processes load the model at once on 2 shared cores.
START_TIMEOUT = 300


@pytest.fixture(scope="package")
def topology(model_path):
    """The running Topology (bot/prod/topology.py) on free loopback ports, shared by every test under tests/prod
    and stopped after the last of them, even after failures."""
    from bot.prod.topology import Ports, Topology

    # Not pytest's tmp_path: its folders are private to root, and PostgreSQL and Redis run as their own users.
    work = Path(tempfile.mkdtemp(prefix="ldn-prod-test-"))
    ports = Ports(
        http=free_port(),
        https=free_port(),
        action=free_port(),
        postgres=free_port(),
        redis=free_port(),
        rasa=[free_port(), free_port()],
    )
    # `timeout` and CI runners stop pytest with SIGTERM, which would skip teardown and leave every server running.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        # The environment is changed only while starting: the processes keep theirs, and later tests see the usual one.
        with pytest.MonkeyPatch.context() as patch:
            for name, value in TOPOLOGY_ENV.items():
                patch.setenv(name, value)
            running = Topology(work, model=model_path, rasa_processes=2, ports=ports, timeout=START_TIMEOUT)
            running.start()  # stops what it started if it fails
        try:
            yield running
        finally:
            running.stop()
    finally:
        signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(work, ignore_errors=True)


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt  # pytest then stops and runs the fixtures' teardown
