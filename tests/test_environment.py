"""The processes' environment defaults and paths: written once (bot/environment.py, the settings), used by make,
bot.serve and the production image alike."""

import re
import subprocess

from bot import environment, settings
from bot.serve import child_env
from tests.conftest import ROOT


def test_make_exports_the_defaults_of_bot_environment():
    shown = subprocess.run(
        ["make", "-s", "--eval", "show-env: ; @env", "show-env"], cwd=ROOT, capture_output=True, text=True, timeout=60
    ).stdout.splitlines()
    assert set(shown) >= {f"{name}={value}" for name, value in environment.DEFAULTS.items()}


def test_no_other_file_writes_the_defaults_again():
    for path in ("Makefile", "deploy/Dockerfile", "bot/serve.py", "scripts/bench/systems.py"):
        text = (ROOT / path).read_text(encoding="utf-8")
        assert not [name for name in environment.DEFAULTS if re.search(rf"{name}\W+(false|\d)", text)], path


def test_the_servers_get_the_defaults_the_action_server_they_start_with_and_the_settings_store(monkeypatch):
    monkeypatch.delenv("TRACKER_DB", raising=False)
    monkeypatch.setenv("TF_CPP_MIN_LOG_LEVEL", "0")  # what the operator set wins
    env = child_env("http://localhost:5999/webhook", None)
    assert env["RASA_TELEMETRY_ENABLED"] == "false" and env["TF_CPP_MIN_LOG_LEVEL"] == "0"
    assert env["ACTION_ENDPOINT_URL"] == "http://localhost:5999/webhook"
    assert env["TRACKER_DB"] == settings.service().tracker_db == str(ROOT / "build" / "tracker.db")


def test_the_action_endpoint_variable_is_read_by_endpoints_yml_and_is_no_setting():
    assert "url: ${ACTION_ENDPOINT_URL}" in (ROOT / "endpoints.yml").read_text(encoding="utf-8")
    assert not [
        f for f in settings.ServiceSettings.__dataclass_fields__.values() if "ACTION_ENDPOINT" in str(f.metadata)
    ]
