"""Clinic settings: one file, environment overrides, clear errors."""

import pytest

from bot import settings
from bot.settings import SettingsError


def test_defaults_are_us_emergency_numbers():
    values = settings.load(env={})
    assert values["emergency_number"] == "911"
    assert values["crisis_line"] == "988"
    assert values["poison_help"] == "1-800-222-1222"


def test_environment_overrides_the_file():
    values = settings.load(env={"CLINIC_NAME": "Lakeside Clinic", "EMERGENCY_NUMBER": "999"})
    assert values["clinic_name"] == "Lakeside Clinic"
    assert values["emergency_number"] == "999"


def test_another_settings_file(tmp_path):
    other = tmp_path / "clinic.yml"
    other.write_text(settings.DEFAULT_FILE.read_text().replace("Example Family Clinic", "Hillside"))
    assert settings.load(env={"CLINIC_SETTINGS_FILE": str(other)})["clinic_name"] == "Hillside"


@pytest.mark.parametrize(
    "content, message",
    [
        ("clinic: [unclosed", "not valid YAML"),
        ("- a list", "must be a mapping"),
        ("clinic:\n  name: X\n", "missing"),
    ],
)
def test_bad_files_give_clear_errors(tmp_path, content, message):
    bad = tmp_path / "clinic.yml"
    bad.write_text(content)
    with pytest.raises(SettingsError, match=message):
        settings.load(env={"CLINIC_SETTINGS_FILE": str(bad)})


def test_missing_file_gives_clear_error(tmp_path):
    with pytest.raises(SettingsError, match="cannot read"):
        settings.load(env={"CLINIC_SETTINGS_FILE": str(tmp_path / "nope.yml")})


def test_cli_check_reports_errors(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CLINIC_SETTINGS_FILE", str(tmp_path / "nope.yml"))
    assert settings.main() == 1
    assert "cannot read" in capsys.readouterr().err


def test_the_settings_file_is_read_again_only_when_it_changes(tmp_path, monkeypatch):
    import os

    import yaml

    path = tmp_path / "clinic.yml"
    path.write_text(settings.DEFAULT_FILE.read_text())
    reads = []
    real = yaml.safe_load
    monkeypatch.setattr(yaml, "safe_load", lambda text: reads.append(1) or real(text))
    env = {"CLINIC_SETTINGS_FILE": str(path)}
    assert settings.load(env=env)["clinic_name"] == "Example Family Clinic"
    assert settings.load(env=env)["clinic_name"] == "Example Family Clinic"
    assert len(reads) == 1
    path.write_text(settings.DEFAULT_FILE.read_text().replace("Example Family Clinic", "Riverside"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a later edit, whatever the clock
    assert settings.load(env=env)["clinic_name"] == "Riverside"
    assert len(reads) == 2
