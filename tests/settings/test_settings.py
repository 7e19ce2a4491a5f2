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


@pytest.mark.parametrize("content, message", [
    ("clinic: [unclosed", "not valid YAML"),
    ("- a list", "must be a mapping"),
    ("clinic:\n  name: X\n", "missing"),
])
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
