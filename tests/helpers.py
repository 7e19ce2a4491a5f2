"""Shared test helpers: plain HTTP to the servers, a REST patient, free ports, texts as sent."""

import json
import os
import shutil
import socket
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Tuple


def http(
    url: str,
    body: Optional[bytes] = None,
    headers: Optional[Mapping[str, str]] = None,
    method: Optional[str] = None,
    timeout: float = 60,
) -> Tuple[int, str]:
    """(status, body text) of one request; HTTP errors are returned, not raised."""
    request = urllib.request.Request(url, data=body, headers=dict(headers or {}), method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return reply.status, reply.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


def body_of(name: str) -> str:
    """A knowledge entry's text as sent, without its citation line (for 'in' checks)."""
    from bot.nlg import render  # Rasa is slow to import; the fast tests never need it

    return render(name).split("\nSource:")[0]


def number(name: str) -> str:
    """The configured number a test means: "911", "988" or "poison" (triage's names) -> the clinic settings' value,
    so that the suite passes with another clinic's settings (CLINIC_SETTINGS_FILE)."""
    from bot import settings
    from scripts.bench.triage import NUMBERS

    return settings.load()[NUMBERS[name]]


def clinic(key: str) -> str:
    """One clinic setting as the assistant reads it now ("clinic_name", "clinic_phone", ...)."""
    from bot import settings

    return settings.load()[key]


def flat(text: str) -> str:
    """The text with every run of whitespace as one space (platforms split and join messages)."""
    return " ".join(text.split())


# Every kind of space Python's str.strip (so Rasa's command reader) removes, and invisible characters it keeps.
SPACES = [
    " ",
    "\t",
    "\n",
    "\r",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1d",
    "\x1e",
    "\x1f",
    "\x85",
    "\xa0",
    "\u1680",
    "\u2000",
    "\u2007",
    "\u200a",
    "\u2028",
    "\u2029",
    "\u202f",
    "\u205f",
    "\u3000",
]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e"]


def new_sender(prefix: str = "test") -> str:
    """A conversation id no other test uses."""
    return f"{prefix}-{uuid.uuid4().hex}"


class Client:
    """A patient talking to the REST channel."""

    def __init__(self, url: str):
        self.url = url

    def post(self, body: Any, raw: bool = False, headers: Optional[Mapping[str, str]] = None) -> Tuple[int, Any]:
        data = body if raw else json.dumps(body).encode()
        status, text = http(
            f"{self.url}/webhooks/rest/webhook",
            data,
            {"Content-Type": "application/json", **(headers or {})},
            method="POST",
        )
        try:
            return status, json.loads(text)
        except ValueError:
            return status, text

    def say(self, sender: str, text: str) -> List[Dict[str, Any]]:
        status, messages = self.post({"sender": sender, "message": text})
        assert status == 200, messages
        return messages

    def text(self, sender: str, text: str) -> str:
        return "\n".join(m.get("text", "") for m in self.say(sender, text))


def free_port() -> int:
    """A loopback port nothing listens on now, so parallel test runs never collide."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening_addresses(port: int) -> List[str]:
    """The local addresses (hex, as in /proc/net/tcp: 0100007F is 127.0.0.1) with a socket listening on `port`."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if int(hex_port, 16) == port and state == "0A":  # 0A: LISTEN
                found.append(address)
    return found


def read_logs(folder: Path) -> str:
    """Everything the servers have logged so far (the `live` fixture's log folder)."""
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.log")))


def wait_until(check: Callable[[], Any], timeout: float = 30, every: float = 0.2) -> Any:
    """Polls `check` until it returns something true; fails the test if it never does in time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(every)
    raise AssertionError(f"condition not met within {timeout}s")


class Alone:
    """One part of the production topology (bot/prod/services.py: PostgreSQL, Redis or nginx) under a supervisord
    of its own in `folder`, with the part's attributes (port, dsn(), url()); start() and stop() it at will."""

    def __init__(self, part: Any, folder: Path):
        from bot.prod.supervisord import Supervisord

        self.part = part
        self.supervisord = Supervisord(folder)
        self.folder = folder

    def __getattr__(self, name: str) -> Any:
        return getattr(self.part, name)

    def start(self, timeout: float = 60) -> None:
        from bot.prod import services, supervisord

        if not self.supervisord.running():
            self.part.prepare()
            conf = supervisord.config(self.folder, self.folder, [self.part.program()])
            self.supervisord.conf.write_text(conf)
            self.supervisord.start(services.service_env(), echo=False)
        self.supervisord.start_program(self.part.name)
        self.part.ready(timeout, lambda: self.supervisord.state(self.part.name) not in supervisord.FAILED)

    def running(self) -> bool:
        return self.supervisord.running() and self.supervisord.state(self.part.name) == "RUNNING"

    def stop(self) -> None:
        self.supervisord.stop_program(self.part.name)

    def close(self) -> None:
        self.supervisord.stop()


@contextmanager
def private_service(prefix: str, make: Callable[[Path], Any]) -> Iterator[Alone]:
    """A private PostgreSQL, Redis or nginx of bot/prod/services.py under supervisord, started in a folder its
    service user can reach (not pytest's tmp_path, under /root), stopped and removed afterwards."""
    from bot.prod import services

    services.require_installed()  # `make services` (which `make test` runs) installs them
    work = Path(tempfile.mkdtemp(prefix=prefix))
    os.chmod(work, 0o755)
    server = Alone(make(work), work)
    try:
        server.start()
        yield server
    finally:
        server.close()
        shutil.rmtree(work, ignore_errors=True)
