"""The terminal chat's button handling, and the runner's start-up and shutdown."""

import subprocess
import sys

import pytest

from bot.chat import pick, show
from tests.conftest import ROOT, free_port

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
    proc = subprocess.run(
        [sys.executable, "-m", "bot.serve", "--model", str(tmp_path / "none.tar.gz")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1 and "make train" in proc.stderr


@pytest.mark.model
def test_runner_stops_both_servers_on_sigint_even_when_started_in_the_background(model_path):
    """`make run` in a script or under nohup inherits SIGINT as ignored; Ctrl+C and kill must still work."""
    import signal
    import time
    import urllib.request

    port, action_port = free_port(), free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bot.serve",
            "--model",
            str(model_path),
            "--port",
            str(port),
            "--action-port",
            str(action_port),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    try:
        for line in proc.stdout:
            if "Press Ctrl+C to stop" in line:
                break
        urllib.request.urlopen(f"http://localhost:{port}/").read()
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 0
        time.sleep(1)
        for each in (port, action_port):
            try:
                urllib.request.urlopen(f"http://localhost:{each}/", timeout=2)
                raise AssertionError(f"a server still answers on port {each}")
            except OSError:
                pass
    finally:
        if proc.poll() is None:
            proc.kill()


def _serve(*args: str, **env: str) -> subprocess.CompletedProcess:
    import os

    return subprocess.run(
        [sys.executable, "-m", "bot.serve", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env},
    )


def test_production_refuses_the_shipped_placeholder_clinic_details(tmp_path):
    proc = _serve("--model", str(tmp_path / "none.tar.gz"), "--production")
    assert proc.returncode == 1
    assert "refusing to start in production" in proc.stderr and "CLINIC_PHONE" in proc.stderr
    assert "CLINIC_WEBSITE" in proc.stderr


def test_only_the_placeholder_still_set_is_named():
    from bot.placeholders import placeholders

    clinic = {"clinic_phone": "(617) 555-0134", "clinic_website": "https://www.realclinic.org"}
    assert placeholders(clinic) == ["clinic.phone (CLINIC_PHONE)"]
    assert placeholders({**clinic, "clinic_phone": "+1 617 432 1000"}) == []
    assert placeholders({**clinic, "clinic_phone": "617-432-1000", "clinic_website": "clinic.example"}) == [
        "clinic.website (CLINIC_WEBSITE)"
    ]


def test_the_demo_warns_loudly_about_placeholders_and_production_starts_with_real_details(tmp_path):
    import contextlib
    import io

    from bot.serve import clinic_details_ready

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert clinic_details_ready(production=False) is True
    assert "WARNING: DEMO ONLY" in err.getvalue() and "CLINIC_PHONE" in err.getvalue()
    real = {"CLINIC_PHONE": "+1 617 432 1000", "CLINIC_WEBSITE": "https://www.realclinic.org"}
    proc = _serve("--model", str(tmp_path / "none.tar.gz"), "--production", **real)
    assert "refusing" not in proc.stderr and "make train" in proc.stderr  # passed the check, stopped at the model


@pytest.mark.slow
def test_a_crashing_action_server_is_restarted_with_growing_delays_and_logged(monkeypatch, capsys):
    import time

    from bot import serve

    monkeypatch.setattr(serve, "BACKOFF_FIRST", 0.1)
    crash = [sys.executable, "-c", "raise SystemExit(3)"]
    supervisor = serve.ActionSupervisor(lambda: subprocess.Popen(crash), subprocess.Popen(crash))
    try:
        deadline = time.monotonic() + 30
        while supervisor.restarts < 3 and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        supervisor.stop()
    err = capsys.readouterr().err
    assert supervisor.restarts >= 3
    assert "exited with code 3; restarting it in 0.1 s" in err and "restarting it in 0.2 s" in err
    assert "restarting it in 0.4 s" in err and "The action server was restarted" in err
