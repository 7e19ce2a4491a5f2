"""Starts the action server and the Rasa server together, waits until both answer, and stops both on exit."""

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, List, Optional

from bot import environment, settings
from bot.placeholders import placeholders

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def wait_for(url: str, proc: subprocess.Popen, timeout: float, name: str) -> None:
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


def stop_all(procs: List[subprocess.Popen], sig: int = signal.SIGTERM) -> None:
    """Asks each process to stop with `sig`, then kills what has not stopped within 15 s."""
    # SIGTERM, not SIGINT: a process started in the background inherits SIGINT as ignored.
    for proc in procs:
        if proc.poll() is None:
            proc.send_signal(sig)
    for proc in procs:
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def child_env(action_url: str, tracker_db: Optional[Path]) -> dict:
    env = environment.with_defaults(settings.environment())
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    # endpoints.yml reads these two: where Rasa calls the action server (always the one started with it here)
    # and the store's file. ACTION_SERVER_TOKEN too, and Rasa refuses an unset ${VAR}.
    env["ACTION_ENDPOINT_URL"] = action_url
    env["TRACKER_DB"] = str(tracker_db or settings.service(env).tracker_db)
    env.setdefault("ACTION_SERVER_TOKEN", "")
    Path(env["TRACKER_DB"]).parent.mkdir(parents=True, exist_ok=True)
    return env


# Restart delays for a crashed server: doubling from 1 s to 1 min; reset after 5 min up.
BACKOFF_FIRST, BACKOFF_MAX, STABLE_SECONDS = 1.0, 60.0, 300.0


class ActionSupervisor:
    """Restarts `make run`'s action server whenever it exits, with backoff; Rasa keeps answering meanwhile.
    (The production topology's processes are supervisord's: bot/prod.)"""

    def __init__(self, launch: Callable[[], subprocess.Popen], first: subprocess.Popen):
        self.proc = first
        self.restarts = 0
        self._launch = launch
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="action server supervisor", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        delay, since = BACKOFF_FIRST, time.monotonic()
        while not self._stopping.is_set():
            code = self.proc.poll()
            if code is None:
                if time.monotonic() - since > STABLE_SECONDS:
                    delay = BACKOFF_FIRST
                self._stopping.wait(0.5)
                continue
            print(
                f"warning: the action server exited with code {code}; restarting it in {delay:g} s "
                f"(answers and safety messages keep working meanwhile).",
                file=sys.stderr,
                flush=True,
            )
            if self._stopping.wait(delay):
                return
            self.proc, since = self._launch(), time.monotonic()
            self.restarts += 1
            print(
                f"The action server was restarted (restart {self.restarts}).",
                file=sys.stderr,
                flush=True,
            )
            delay = min(delay * 2, BACKOFF_MAX)

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=10)


class Running:
    """The started servers: Rasa's base URL, the supervised action server, and whether Rasa is alive."""

    def __init__(self, url: str, rasa: subprocess.Popen, actions: Optional[ActionSupervisor] = None):
        self.url = url
        self.rasa = rasa
        self.actions = actions

    def dead(self) -> List[str]:
        # The action server is restarted by its supervisor; only Rasa's death stops the service.
        return ["the Rasa server"] if self.rasa.poll() is not None else []


def _raise_interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def stop_on_signals() -> None:
    """Ctrl+C, SIGTERM and a closed terminal (SIGHUP) stop the service the same way (as a KeyboardInterrupt)."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _raise_interrupt)


def serve_until_down(banner: str, down: Callable[[], List[str]]) -> int:
    """Says the service is ready, then waits until a part of it is down and says which: exit code 1.
    Ctrl+C or SIGTERM (see stop_on_signals) ends the wait earlier."""
    print(f"{banner}\nPress Ctrl+C to stop.", flush=True)
    while not down():
        time.sleep(1)
    print(f"error: stopped unexpectedly: {', '.join(down())} is down", file=sys.stderr)
    return 1


# Addresses a server listening on them is reached at from this machine as "localhost" (this machine only, then all).
LOCAL_OR_ANY = ("127.0.0.1", "::1", "localhost", "0.0.0.0", "::")


def local_url(host: str, port: int) -> str:
    """The base URL this machine reaches a server at that listens on `host`."""
    host = "localhost" if host in LOCAL_OR_ANY else f"[{host}]" if ":" in host else host
    return f"http://{host}:{port}"


def rasa_command(
    model: Path, port: int, host: str, cors: List[str], endpoints: Path = ROOT / "endpoints.yml"
) -> List[str]:
    """`rasa run` through bot.rasa_cli (the assistant's changes to Rasa, and less memory and a faster start), on
    `host` (Rasa's own default is every address). Every Rasa process of the assistant starts with this."""
    return [
        sys.executable,
        "-m",
        "bot.rasa_cli",
        "run",
        "--model",
        str(model),
        "--interface",
        host,
        "--port",
        str(port),
        "--credentials",
        str(ROOT / "credentials.yml"),
        "--endpoints",
        str(endpoints),
    ] + (["--cors", *cors] if cors else [])


@contextmanager
def servers(
    model: Path,
    port: int = 5005,
    action_port: Optional[int] = 5055,
    tracker_db: Optional[Path] = None,
    log_dir: Optional[Path] = None,
    timeout: float = 180,
    action_url: Optional[str] = None,
    cors: Optional[List[str]] = None,
) -> Iterator["Running"]:
    """Runs both servers and yields them once both answer.

    With action_port None only Rasa starts, using the action server at action_url. `cors` lists
    the other sites (origins) allowed to embed the widget; by default only its own server may.
    """
    host = settings.service().rasa_host
    if cors is None:
        cors = list(settings.service().widget_allowed_origins)
    env = child_env(action_url or f"http://localhost:{action_port}/webhook", tracker_db)
    procs: List[subprocess.Popen] = []
    supervisor: Optional[ActionSupervisor] = None

    def start(args: List[str], name: str) -> subprocess.Popen:
        # A restarted action server appends to its log, so the crash stays readable.
        mode = "a" if any(p.args == args for p in procs) else "w"
        out = open(log_dir / f"{name}.log", mode) if log_dir else None
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT if out else None)
        procs.append(proc)
        return proc

    # bot.action_server: rasa_sdk on ACTION_SERVER_HOST (localhost by default), with ACTION_SERVER_TOKEN if set.
    action_args = [sys.executable, "-m", "bot.action_server", "--actions", "actions", "--port", str(action_port)]
    try:
        if action_port:
            actions = start(action_args, "actions")
        rasa = start(rasa_command(model, port, host, cors), "rasa")
        if action_port:
            wait_for(f"http://localhost:{action_port}/health", actions, timeout, "action server")
        wait_for(f"{local_url(host, port)}/", rasa, timeout, "Rasa server")
        if action_port:
            supervisor = ActionSupervisor(lambda: start(action_args, "actions"), actions)
        yield Running(local_url(host, port), rasa, supervisor)
    finally:
        if supervisor:
            supervisor.stop()  # before stopping, so that it does not restart what is being stopped
        stop_all(procs)


def clinic_details_ready(production: bool) -> bool:
    """Patients must never be sent to a made-up phone number: production refuses, the demo warns loudly."""
    try:
        unset = placeholders(settings.load())
    except settings.SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return False
    if not unset:
        return True
    fix = f"Set the clinic's real details in bot/settings/clinic.yml or the environment: {', '.join(unset)}."
    if production:
        print(
            f"error: refusing to start in production: patients would be given the example clinic's details. {fix}",
            file=sys.stderr,
        )
        return False
    bar = "!" * 78
    print(
        f"{bar}\nWARNING: DEMO ONLY. The clinic's phone or website is still the shipped example, and\n"
        f"patients would be told to call it. {fix}\n{bar}",
        file=sys.stderr,
        flush=True,
    )
    return True


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--port", type=int, default=5005)
    parser.add_argument("--action-port", type=int, default=5055)
    parser.add_argument("--chat", action="store_true", help="chat in this terminal once ready")
    parser.add_argument(
        "--production",
        action="store_true",
        help="refuse to start while the clinic's phone or website is still the shipped placeholder",
    )
    args = parser.parse_args(argv)
    if not clinic_details_ready(args.production):
        return 1
    if not args.model.exists():
        print(f"error: no trained model at {args.model}; run `make train` first", file=sys.stderr)
        return 1
    host = settings.service().rasa_host
    if host not in LOCAL_OR_ANY[:3]:
        print(
            f"warning: RASA_HOST={host}: the assistant is open to the network over plain HTTP. Put TLS in front "
            f"of it (the production topology, make run-prod, does).",
            file=sys.stderr,
        )
    print("Starting the action server and the Rasa server (loading the model takes ~30 s)...")
    try:
        stop_on_signals()
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
            return serve_until_down(
                f"\nThe assistant is ready.\n"
                f"  Open the demo clinic page with the chat widget: {url}/webhooks/widget/\n"
                f"  REST webhook: POST {url}/webhooks/rest/webhook  "
                f'body: {{"sender": "any-id", "message": "What is LDN?"}}\n'
                f"  Terminal chat: run `make chat` in another terminal",
                running.dead,
            )
    except KeyboardInterrupt:
        pass
    except (RuntimeError, TimeoutError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print("Stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
