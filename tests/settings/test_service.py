"""Service settings: typed, defaults, environment overrides, clear errors, secrets never shown."""

import importlib
import re
from pathlib import Path

import pytest

from bot import settings
from bot.settings import ServiceSettings, ServiceSettingsError

ROOT = Path(__file__).resolve().parents[2]


def test_defaults_need_no_environment():
    service = settings.service(env={})
    assert service.max_message_chars == 2000
    assert service.telegram_api_url == "https://api.telegram.org"
    assert service.widget_allowed_origins == ()
    assert service.action_server_host == "127.0.0.1"
    assert service.secrets() == ()


def test_environment_overrides_with_types():
    service = settings.service(
        env={
            "MAX_MESSAGE_CHARS": " 500 ",
            "SLACK_API_URL": "http://127.0.0.1:9/slack/",
            "WIDGET_ALLOWED_ORIGINS": "https://a.example, https://b.example",
            "TELEGRAM_BOT_TOKEN": "123:abc",
            "RATE_LIMIT_PER_IP": "",
        }
    )
    assert service.max_message_chars == 500
    assert service.slack_api_url == "http://127.0.0.1:9/slack"
    assert service.widget_allowed_origins == ("https://a.example", "https://b.example")
    assert service.telegram_bot_token == "123:abc"
    assert service.rate_limit_per_ip == ServiceSettings().rate_limit_per_ip  # blank keeps the default


def test_a_number_that_is_not_one_is_a_clear_error():
    with pytest.raises(ServiceSettingsError, match=r"\$MAX_BODY_BYTES must be a whole number"):
        settings.service(env={"MAX_BODY_BYTES": "lots"})


def test_secrets_never_show_in_the_repr():
    service = settings.service(env={"SLACK_SIGNING_SECRET": "s3cr3t-value", "TWILIO_SMS_NUMBER": "+15550001111"})
    assert "s3cr3t-value" not in repr(service) and "s3cr3t-value" not in str(service)
    assert "+15550001111" in repr(service)
    assert service.secrets() == ("s3cr3t-value",)


def test_every_setting_names_its_own_environment_variable():
    names = [ServiceSettings.env_name(f) for f in ServiceSettings.__dataclass_fields__]
    assert len(names) == len(set(names)) and all(re.fullmatch(r"[A-Z][A-Z0-9_]+", n) for n in names)


def test_only_bot_settings_reads_the_environment():
    readers = [
        str(path.relative_to(ROOT))
        for folder in ("bot", "actions")
        for path in (ROOT / folder).rglob("*.py")
        if re.search(r"os\.environ|getenv", path.read_text()) and "settings" not in path.parts
    ]
    assert readers == []


def test_booleans_and_floats_are_typed_too():
    module = importlib.import_module("bot.settings.service")  # the name `service` is the loader function
    assert module._convert("0", bool, "X") is False and module._convert("Yes", bool, "X") is True
    assert module._convert("2.5", float, "X") == 2.5
    with pytest.raises(ServiceSettingsError, match=r"\$X must be 1 or 0"):
        module._convert("maybe", bool, "X")
    with pytest.raises(ServiceSettingsError, match=r"\$X must be a number"):
        module._convert("fast", float, "X")
