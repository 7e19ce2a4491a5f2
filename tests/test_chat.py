"""The terminal chat's button handling and the runner's start-up checks."""
import subprocess
import sys

from bot.chat import pick, show
from tests.conftest import ROOT

BUTTONS = [{"title": "Yes", "payload": "Yes"}, {"title": "No", "payload": "No"}]


def test_a_number_picks_that_button():
    assert pick("2", BUTTONS) == "No"


def test_other_text_is_sent_as_typed():
    assert pick("3", BUTTONS) == "3"
    assert pick("what is ldn", BUTTONS) == "what is ldn"


def test_show_numbers_buttons_and_returns_them(capsys):
    assert show([{"text": "Sleep trouble?", "buttons": BUTTONS}]) == BUTTONS
    out = capsys.readouterr().out
    assert "Bot: Sleep trouble?" in out and "1. Yes" in out and "2. No" in out


def test_runner_refuses_a_missing_model_clearly(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "bot.serve", "--model", str(tmp_path / "none.tar.gz")],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "make train" in proc.stderr
