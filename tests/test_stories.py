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
        [
            str(Path(sys.executable).parent / "rasa"),
            "test",
            "core",
            "--model",
            str(model_path),
            "--stories",
            str(ROOT / "tests" / "stories"),
            "--out",
            str(out),
            "--fail-on-prediction-errors",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    failed = out / "failed_test_stories.yml"
    assert proc.returncode == 0, f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    assert failed.exists(), "rasa test core wrote no results: the stories did not run"
    assert not (load_yaml(failed) or {}).get("stories"), failed.read_text()
    stories = load_yaml(ROOT / "tests" / "stories" / "test_conversations.yml")["stories"]
    assert len(stories) >= 15
    report = load_yaml(out / "story_report.json")
    assert report["conversation_accuracy"]["accuracy"] == 1.0
    assert report["conversation_accuracy"]["total"] == len(stories)
