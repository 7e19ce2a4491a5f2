"""Runs the conversation test stories through Rasa's own test runner against the trained model."""
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, load_yaml

pytestmark = pytest.mark.model


def test_every_conversation_story_passes(model_path, tmp_path):
    out = tmp_path / "results"
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "rasa"), "test", "core", "--model", str(model_path),
         "--stories", str(ROOT / "tests" / "stories"), "--out", str(out), "--fail-on-prediction-errors"],
        cwd=ROOT, capture_output=True, text=True, timeout=900)
    failed = out / "failed_test_stories.yml"
    failed_text = failed.read_text() if failed.exists() else ""
    assert proc.returncode == 0, f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}\n{failed_text}"
    assert "stories" not in (load_yaml(failed) or {}) if failed.exists() else True
    # the runner really ran our stories
    assert (out / "story_report.json").exists() or "Finished to" in proc.stdout + proc.stderr
