"""The action server binds to localhost by default and, with a shared token set, refuses calls without it."""

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot import settings
from bot.action_server import TOKEN_HEADER
from tests.helpers import free_port, http, listening_addresses, wait_until

pytestmark = pytest.mark.servers
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def action_server(tmp_path_factory):
    port = free_port()
    env = {**settings.environment(), "PYTHONPATH": str(ROOT), "ACTION_SERVER_TOKEN": "shared-secret-1"}
    env.pop("ACTION_SERVER_HOST", None)
    log = tmp_path_factory.mktemp("actions") / "actions.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot.action_server", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )

    def up() -> bool:
        if proc.poll() is not None:
            pytest.fail(f"the action server exited: {log.read_text()}")
        try:
            return http(f"http://127.0.0.1:{port}/health", timeout=2)[0] == 200
        except OSError:
            return False

    try:
        wait_until(up, timeout=60, every=0.5)
        yield port, log
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def _call(port, **headers):
    body = json.dumps(
        {
            "next_action": "action_dosing_guidance",
            "sender_id": "t",
            "tracker": {
                "sender_id": "t",
                "slots": {},
                "latest_message": {},
                "events": [],
                "paused": False,
                "followup_action": None,
                "active_loop": {},
                "latest_action_name": None,
            },
            "domain": {},
            "version": "3.6.21",
        }
    )
    return http(
        f"http://127.0.0.1:{port}/webhook",
        body.encode(),
        {"Content-Type": "application/json", **headers},
        method="POST",
        timeout=10,
    )


def test_it_listens_on_localhost_only_by_default(action_server):
    port, _ = action_server
    assert listening_addresses(port) == ["0100007F"]  # 127.0.0.1, and no 0.0.0.0 / ::


def test_calls_without_the_shared_token_are_refused(action_server):
    port, log = action_server
    assert _call(port)[0] == 403
    assert _call(port, **{TOKEN_HEADER: "wrong"})[0] == 403
    assert _call(port, **{TOKEN_HEADER: "shared-secret-1"})[0] == 200
    time.sleep(0.2)
    assert "shared-secret-1" not in log.read_text()
