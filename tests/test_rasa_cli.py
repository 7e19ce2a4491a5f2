"""bot.rasa_cli: Rasa's command line without JAX, which TensorFlow would load for nothing."""

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def _run(code: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "3"}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.split()[-1]


@pytest.mark.slow
def test_tensorflow_loads_without_jax_through_the_launcher_and_with_it_otherwise():
    check = "import sys, tensorflow; print(sys.modules.get('jax') is not None)"
    assert _run("import bot.rasa_cli as cli; cli.prepare(); " + check) == "False"
    assert _run(check) == "True", "TensorFlow no longer loads JAX by itself: bot.rasa_cli's step is not needed"


@pytest.mark.slow
def test_the_launcher_is_rasas_command_line():
    done = subprocess.run(
        [sys.executable, "-m", "bot.rasa_cli", "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0 and "Rasa Version" in done.stdout, done.stdout + done.stderr[-1000:]
