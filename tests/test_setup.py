"""The set-up script finds a Python 3.10 by itself and explains what to do when there is none."""

import os
import subprocess
import sys

from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "find_python.sh"


def _run(env):
    return subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, env=env, timeout=60)


def test_finds_a_supported_interpreter():
    proc = _run(dict(os.environ))
    assert proc.returncode == 0, proc.stderr
    version = subprocess.run(
        [proc.stdout.strip(), "-c", "import sys; print(sys.version_info[:2])"], capture_output=True, text=True
    ).stdout.strip()
    assert version == "(3, 10)"


def test_explicit_override_is_used():
    proc = _run({**os.environ, "PYTHON": sys.executable})
    assert proc.returncode == 0 and proc.stdout.strip() == sys.executable


def test_unsupported_override_is_refused_clearly(tmp_path):
    fake = tmp_path / "python3.11"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    proc = _run({**os.environ, "PYTHON": str(fake)})
    assert proc.returncode == 1 and "not a Python 3.10" in proc.stderr


def test_no_interpreter_explains_what_to_install(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "sort", "grep", "cat"):
        path = subprocess.run(["bash", "-c", f"command -v {tool}"], capture_output=True, text=True).stdout.strip()
        os.symlink(path, bin_dir / tool)
    proc = _run({"PATH": str(bin_dir), "HOME": str(tmp_path)})
    assert proc.returncode == 1
    assert "pyenv install 3.10" in proc.stderr and "PYTHON=" in proc.stderr
