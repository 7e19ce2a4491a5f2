"""The suite with another clinic's settings: a few representative tests, run again with other_clinic.yml."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot import settings
from tests.conftest import ROOT

OTHER = Path(__file__).with_name("other_clinic.yml")
# Tests that check the clinic's numbers and details where patients see them, without a server...
WITHOUT_SERVERS = [
    "tests/test_nlg.py",  # the disclaimer and the emergency reply lead with the configured number
    "tests/channels/test_dispatch.py::test_empty_reply_becomes_a_useful_message_with_the_clinic_phone",
    "tests/channels/test_dispatch.py::test_without_any_server_an_emergency_still_gets_its_numbers_marked_as_one",
    "tests/widget/test_widget_server.py",
    "tests/settings/test_settings.py",
]
# ... and on the real servers and in the browser (one Rasa server and one Chromium for all of them).
LIVE = [
    "tests/e2e/test_safety_everywhere.py::test_each_emergency_leads_with_its_own_number",
    "tests/widget/test_widget_browser.py::test_channels_without_a_banner_still_get_the_disclaimer_with_their_first_reply",
    "tests/widget/test_widget_browser.py::test_links_are_clickable",
    "tests/widget/test_widget_keyboard.py::test_the_numbers_of_the_latest_emergency_reply_stay_in_the_tab_order",
    "tests/widget/test_widget_ui.py::test_phone_numbers_are_tap_to_call_from_the_settings_and_the_source_is_a_caption",
    "tests/widget/test_widget_ui.py::test_small_screen_banner_expands_and_keeps_the_emergency_number_in_its_first_line",
]


def test_the_other_clinic_differs_from_the_shipped_one_in_every_value():
    other, shipped = settings.load(env={"CLINIC_SETTINGS_FILE": str(OTHER)}), settings.load(env={})
    assert other.keys() == shipped.keys()
    assert all(other[key] != shipped[key] for key in shipped), {k for k in shipped if other[k] == shipped[k]}


def _run_with_the_other_clinic(tests):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST_", "CLINIC_", "EMERGENCY_"))}
    env.update(CLINIC_SETTINGS_FILE=str(OTHER), PYTHONPATH=str(ROOT))
    for var in ("CRISIS_LINE", "POISON_HELP"):
        env.pop(var, None)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "0", *tests],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    output = done.stdout + done.stderr
    assert "clinic settings: Hillside Health Centre, +1 555 019 4477; emergency numbers 112, 116 123" in output, output
    assert done.returncode == 0, output[-4000:]
    assert " passed" in output and "skipped" not in output and "deselected" not in output, output[-2000:]


@pytest.mark.slow
def test_representative_tests_pass_with_another_clinic():
    _run_with_the_other_clinic(WITHOUT_SERVERS)


@pytest.mark.model
@pytest.mark.servers
@pytest.mark.browser
@pytest.mark.timeout(900)
def test_representative_live_tests_pass_with_another_clinic():
    _run_with_the_other_clinic(LIVE)
