"""All settings: the clinic's (one YAML file, environment overrides) and the service's (bot.settings.service)."""

from pathlib import Path
from typing import Any, Dict, Mapping, Optional, Tuple

import yaml

from bot.settings.service import ServiceSettings, ServiceSettingsError, environment, service

__all__ = ["load", "service", "environment", "ServiceSettings", "ServiceSettingsError", "SettingsError", "main"]

DEFAULT_FILE = Path(__file__).with_name("clinic.yml")

# placeholder name -> (section in the file, key, environment variable)
FIELDS = {
    "clinic_name": ("clinic", "name", "CLINIC_NAME"),
    "clinic_phone": ("clinic", "phone", "CLINIC_PHONE"),
    "clinic_hours": ("clinic", "hours", "CLINIC_HOURS"),
    "clinic_website": ("clinic", "website", "CLINIC_WEBSITE"),
    "emergency_country": ("emergency", "country", "EMERGENCY_COUNTRY"),
    "emergency_number": ("emergency", "number", "EMERGENCY_NUMBER"),
    "crisis_line": ("emergency", "crisis_line", "CRISIS_LINE"),
    "poison_help": ("emergency", "poison_help", "POISON_HELP"),
}


class SettingsError(ValueError):
    """The settings file is missing, unreadable or incomplete."""


# path -> ((the file's mtime in ns, its size), its parsed content): the NLG asks on every message.
_FILE_CACHE: Dict[Path, Tuple[Tuple[int, int], Any]] = {}


def _read(path: Path) -> Any:
    """The parsed file, re-read only when its modification time changes."""
    try:
        stat = path.stat()
        mtime = (stat.st_mtime_ns, stat.st_size)
        cached = _FILE_CACHE.get(path)
        if cached and cached[0] == mtime:
            return cached[1]
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise SettingsError(f"cannot read clinic settings file {path}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise SettingsError(f"clinic settings file {path} is not valid YAML: {exc}") from exc
    _FILE_CACHE[path] = (mtime, raw)
    return raw


def load(env: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
    """Return every clinic setting as a flat dict keyed by placeholder name."""
    env = environment() if env is None else env
    path = Path(env.get("CLINIC_SETTINGS_FILE") or DEFAULT_FILE)
    raw = _read(path)
    if not isinstance(raw, dict):
        raise SettingsError(f"clinic settings file {path} must be a mapping")

    values: Dict[str, str] = {}
    missing = []
    for name, (section, key, var) in FIELDS.items():
        value = env.get(var)
        if not value:
            value = (raw.get(section) or {}).get(key)
        if value is None or str(value).strip() == "":
            missing.append(f"{section}.{key} (or ${var})")
        else:
            values[name] = str(value).strip()
    if missing:
        raise SettingsError(f"clinic settings file {path} is missing: {', '.join(missing)}")
    return values


def main() -> int:
    import sys

    try:
        values = load()
        service()
    except (SettingsError, ServiceSettingsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(
        f"Clinic: {values['clinic_name']} ({values['clinic_phone']}); "
        f"emergency number {values['emergency_number']} [{values['emergency_country']}]"
    )
    return 0
