"""Starts the action server and the Rasa server together, waits until both answer, and stops both on exit."""
import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional

from bot import settings

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _wait_for(url: str, proc: subprocess.Popen, timeout: float, name: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited with code {proc.returncode} before it was ready")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.5)
    raise TimeoutError(f"{name} did not answer at {url} within {timeout:.0f}s")


def _stop(procs: List[subprocess.Popen]) -> None:
    # SIGTERM, not SIGINT: a process started in the background inherits SIGINT as ignored.
    for proc in procs:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _env(action_url: str, tracker_db: Optional[Path]) -> dict:
    env = dict(settings.environment())
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env["ACTION_ENDPOINT_URL"] = action_url
    if tracker_db:
        env["TRACKER_DB"] = str(tracker_db)
    env.setdefault("TRACKER_DB", str(ROOT / "build" / "tracker.db"))
    Path(env["TRACKER_DB"]).parent.mkdir(parents=True, exist_ok=True)
    return env


class Running:
    """The started servers: Rasa's base URL, and whether every process is still alive."""

    def __init__(self, url: str, procs: List[subprocess.Popen]):
        self.url = url
        self._procs = procs

    def dead(self) -> List[str]:
        return [" ".join(p.args[1:3]) for p in self._procs if p.poll() is not None]


def _raise_interrupt(*_: object) -> None:
    raise KeyboardInterrupt


@contextmanager
def servers(model: Path, port: int = 5005, action_port: Optional[int] = 5055,
            tracker_db: Optional[Path] = None, log_dir: Optional[Path] = None,
            timeout: float = 180, action_url: Optional[str] = None,
            cors: Optional[List[str]] = None) -> Iterator["Running"]:
    """Runs both servers and yields them once both answer.

    With action_port None only Rasa starts, using the action server at action_url. `cors` lists
    the other sites (origins) allowed to embed the widget; by default only its own server may.
    """
    if cors is None:
        cors = list(settings.service().widget_allowed_origins)
    env = _env(action_url or f"http://localhost:{action_port}/webhook", tracker_db)
    procs: List[subprocess.Popen] = []

    def start(args: List[str], name: str) -> subprocess.Popen:
        out = open(log_dir / f"{name}.log", "w") if log_dir else None
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT if out else None)
        procs.append(proc)
        return proc

    try:
        if action_port:
            actions = start([str(BIN / "rasa"), "run", "actions", "--actions", "actions",
                             "--port", str(action_port)], "actions")
        rasa = start([str(BIN / "rasa"), "run", "--model", str(model), "--port", str(port),
                      "--credentials", str(ROOT / "credentials.yml"),
                      "--endpoints", str(ROOT / "endpoints.yml")] + (["--cors", *cors] if cors else []),
                     "rasa")
        if action_port:
            _wait_for(f"http://localhost:{action_port}/health", actions, timeout, "action server")
        _wait_for(f"http://localhost:{port}/", rasa, timeout, "Rasa server")
        yield Running(f"http://localhost:{port}", procs)
    finally:
        _stop(procs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--port", type=int, default=5005)
    parser.add_argument("--action-port", type=int, default=5055)
    parser.add_argument("--chat", action="store_true", help="chat in this terminal once ready")
    args = parser.parse_args()
    if not args.model.exists():
        print(f"error: no trained model at {args.model}; run `make train` first", file=sys.stderr)
        return 1
    print("Starting the action server and the Rasa server (loading the model takes ~30 s)...")
    try:
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, _raise_interrupt)
        # In the terminal chat the servers' logs would drown the conversation: keep them in files.
        log_dir = ROOT / "build" / "logs" if args.chat else None
        if log_dir:
            log_dir.mkdir(parents=True, exist_ok=True)
            print(f"(Server logs: {log_dir})")
        with servers(args.model, args.port, args.action_port, log_dir=log_dir) as running:
            url = running.url
            if args.chat:
                from bot.chat import repl
                repl(url)
                return 0
            print(f"\nThe assistant is ready.\n"
                  f"  Open the demo clinic page with the chat widget: {url}/webhooks/widget/\n"
                  f"  REST webhook: POST {url}/webhooks/rest/webhook  "
                  f'body: {{"sender": "any-id", "message": "What is LDN?"}}\n'
                  f"  Terminal chat: run `make chat` in another terminal\n"
                  f"Press Ctrl+C to stop.", flush=True)
            while not running.dead():
                time.sleep(1)
            print(f"error: stopped unexpectedly: {', '.join(running.dead())}", file=sys.stderr)
            return 1
    except KeyboardInterrupt:
        pass
    except (RuntimeError, TimeoutError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print("Stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
