"""`rasa data validate` on the domain and data as generated from the knowledge file."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot import knowledge
from bot.dialogue.safety_policy import safety_replies
from bot.knowledge import build
from bot.nlu import negatives
from tests.conftest import ROOT


@pytest.mark.slow
def test_rasa_data_validate_is_clean(tmp_path):
    build.build(tmp_path)
    (tmp_path / "nlu").mkdir()
    (tmp_path / "nlu" / "negatives.yml").write_text(yaml.safe_dump(negatives.training_data()))
    proc = subprocess.run(
        [
            str(Path(sys.executable).parent / "rasa"),
            "data",
            "validate",
            "--config",
            str(ROOT / "config.yml"),
            "--domain",
            str(tmp_path / "domain"),
            "--data",
            str(ROOT / "data"),
            str(tmp_path / "data"),
            str(tmp_path / "nlu"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-4000:]
    assert "No story structure conflicts found" in output
    # The validator cannot see responses sent by the form, actions, NLG or channel; exactly those
    # (the knowledge file's messages without an intent) may be reported as unused, nothing else.
    unused = set(re.findall(r"The utterance '(\w+)' is not used in any story or rule", output))
    sent_by_code = {e.response for e in knowledge.load().values() if not e.intent} | set(safety_replies())
    assert unused <= sent_by_code
    other_warnings = [
        line for line in output.splitlines() if "UserWarning" in line and "is not used in any story or rule" not in line
    ]
    assert not other_warnings, other_warnings
