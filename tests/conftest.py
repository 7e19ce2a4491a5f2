"""Shared fixtures: paths, the trained model, a loaded agent, rasa_sdk trackers, and the real servers."""

import asyncio
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

# Imported here, where pytest drops the filter its import adds (every DeprecationWarning "once"), which in a test
# would outrank pytest.ini's filters.
import sanic  # noqa: F401
import yaml

from bot.serve import servers
from tests.helpers import Client, free_port  # noqa: F401 (tests import them from here too)

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "build" / "models" / "ldn.tar.gz"

# What a test does, read from the fixtures it uses (their whole chain), so its markers cannot drift from it;
# tests that start something in their own body carry the marker themselves.
FIXTURE_MARKERS = {
    "model_path": ("model",),
    "live": ("servers",),
    "chromium": ("browser",),
    # The topology's load and fault tests count on the action server answering within its 5 s timeout; beside
    # the other worker's full safety passes on 2 cores it did not always (50 patients: 175 s instead of 16-30 s).
    "topology": ("services", "servers", "alone"),
}
# Shared fixtures wider than a test (a module's own servers, the production topology of tests/prod) are made
# once per xdist worker that runs a test of theirs: tests that share one run on the same worker (`make test` uses
# --dist loadgroup), so each is made once, as in a run without workers.
SHARED_SCOPES = ("package", "module", "class")  # widest first


def _shared_group(item: pytest.Item) -> Optional[str]:
    """The widest shared fixtures the test uses (its package's, else its module's...), named, or None."""
    info = getattr(item, "_fixtureinfo", None)
    fixtures = [(name, defs[-1]) for name, defs in (info.name2fixturedefs.items() if info else ()) if defs]
    for scope in SHARED_SCOPES:
        names = sorted(f"{d.baseid or '.'}::{name}" for name, d in fixtures if d.scope == scope)
        if names:
            return "|".join(names)
    return None


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items: List[pytest.Item]) -> None:
    for item in items:
        for fixture, markers in FIXTURE_MARKERS.items():
            if fixture in getattr(item, "fixturenames", ()):
                for marker in markers:
                    item.add_marker(marker)
        group = _shared_group(item)
        if group and item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(group))


def pytest_report_header() -> str:
    """Which clinic's settings the run uses (CLINIC_SETTINGS_FILE): tests read their numbers and details there."""
    from bot import settings

    clinic = settings.load()
    numbers = ", ".join(clinic[key] for key in ("emergency_number", "crisis_line", "poison_help"))
    return f"clinic settings: {clinic['clinic_name']}, {clinic['clinic_phone']}; emergency numbers {numbers}"


@pytest.fixture(scope="session", autouse=True)
def configured_rasa() -> None:
    """Rasa in this process as every Rasa process of the assistant has it (bot/rasa_cli.py), before the first
    test: in-process tests then run the same Rasa whatever order they run in."""
    from bot import rasa_cli

    rasa_cli.configure()


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def nlu_examples(path: Path) -> Dict[str, List[str]]:
    """intent -> examples from a Rasa NLU YAML file."""
    out: Dict[str, List[str]] = {}
    for block in load_yaml(path)["nlu"]:
        if "intent" in block:
            out.setdefault(block["intent"], []).extend(
                line.strip()[2:].strip() for line in block["examples"].splitlines() if line.strip()
            )
    return out


@pytest.fixture(scope="session")
def model_path() -> Path:
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make test` (it trains first) or `make train`")
    return MODEL


@pytest.fixture(scope="session")
def event_loop_session():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(scope="session")
def agent(model_path, event_loop_session):
    """The trained model loaded once per test session (TensorFlow start-up is slow)."""
    from rasa.core.agent import load_agent

    return event_loop_session.run_until_complete(load_agent(model_path=str(model_path)))


@pytest.fixture(scope="session")
def parse(agent, event_loop_session):
    def _parse(text: str) -> Dict[str, Any]:
        return event_loop_session.run_until_complete(agent.parse_message(text))

    return _parse


def sdk_tracker(
    slots: Optional[Dict[str, Any]] = None,
    events: Optional[List[Dict[str, Any]]] = None,
    latest_message: Optional[Dict[str, Any]] = None,
    active_loop: Optional[str] = "dosing_form",
):
    """A rasa_sdk Tracker as the action server would receive it."""
    from rasa_sdk import Tracker

    slots = {"dose_time": None, "sleep_trouble": None, "requested_slot": None, **(slots or {})}
    return Tracker(
        sender_id="test",
        slots=slots,
        latest_message=latest_message or {"intent": {}},
        events=events or [],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


@pytest.fixture
def make_tracker():
    return sdk_tracker


FAKE_PLATFORM_PORT = free_port()
# Another site (origin) that embeds the widget in the browser tests.
OTHER_SITE_PORT = free_port()
# Messaging-channel secrets for the live servers; the platforms' APIs are the loopback fake.
CHANNEL_ENV = {
    "TELEGRAM_BOT_TOKEN": "123:test-token",
    "TELEGRAM_SECRET_TOKEN": "tg-secret",
    "SLACK_BOT_TOKEN": "xoxb-test",
    "SLACK_SIGNING_SECRET": "slack-secret",
    "FACEBOOK_PAGE_ACCESS_TOKEN": "fb-token",
    "FACEBOOK_APP_SECRET": "fb-secret",
    "FACEBOOK_VERIFY_TOKEN": "fb-verify",
    "TWILIO_ACCOUNT_SID": "AC0123",
    "TWILIO_AUTH_TOKEN": "twilio-secret",
    "TWILIO_SMS_NUMBER": "+15550001111",
    "TWILIO_WHATSAPP_NUMBER": "whatsapp:+15550002222",
}
API_ENV = {
    name: f"http://127.0.0.1:{FAKE_PLATFORM_PORT}/{platform}"
    for name, platform in [
        ("TELEGRAM_API_URL", "telegram"),
        ("SLACK_API_URL", "slack"),
        ("FACEBOOK_API_URL", "facebook"),
        ("TWILIO_API_URL", "twilio"),
    ]
}
# Every test talks from 127.0.0.1, so the per-address limit would count the whole suite as one
# patient; tests/channels/test_rest_guards.py checks that limit on a server of its own.
SERVICE_ENV = {"RATE_LIMIT_PER_IP": "0", "WIDGET_ALLOWED_ORIGINS": f"http://127.0.0.1:{OTHER_SITE_PORT}"}


@pytest.fixture(scope="session")
def fake_platform():
    from tests.channels.fake_platform import FakePlatform

    platform = FakePlatform(FAKE_PLATFORM_PORT)
    yield platform
    platform.close()


@pytest.fixture(scope="session")
def live(model_path, tmp_path_factory, fake_platform):
    """Both real servers, on ports of their own so a developer's `make run` can stay up."""
    work = tmp_path_factory.mktemp("live")
    with pytest.MonkeyPatch.context() as patch:
        for name, value in {**CHANNEL_ENV, **API_ENV, **SERVICE_ENV}.items():
            patch.setenv(name, value)
        with servers(
            model_path, port=free_port(), action_port=free_port(), tracker_db=work / "tracker.db", log_dir=work
        ) as running:
            yield Client(running.url), work


@pytest.fixture(scope="session")
def client(live):
    return live[0]
