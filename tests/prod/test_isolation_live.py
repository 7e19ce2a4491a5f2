"""What the production topology gives away (issue 15): PostgreSQL, Redis and nginx get none of the channels'
tokens or the other part's password, and its folder and logs are private."""

import stat
from pathlib import Path
from typing import Iterator, List

import pytest
import requests

from bot.prod import services
from bot.settings import service
from tests.helpers import new_sender
from tests.prod.conftest import TOPOLOGY_ENV

pytestmark = [pytest.mark.model, pytest.mark.servers]


def family(pid: int) -> List[int]:
    """The process and all its descendants."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += [child for child, parent in parents.items() if parent == current]
    return found


def private_memory(pid: int) -> Iterator[bytes]:
    """The process's own writable memory (heap, stacks, anonymous maps), where a copy of its environment lives."""
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", 0) as mem:
        for line in maps:
            span, perms = line.split()[:2]
            if perms.startswith("rw-p"):
                start, end = (int(x, 16) for x in span.split("-"))
                try:
                    mem.seek(start)
                    yield mem.read(end - start)
                except (OSError, ValueError, OverflowError):
                    continue


def secrets_in(pids: List[int], secrets: List[str], memory: bool) -> List[str]:
    """Which secrets a process's /proc/<pid>/environ (and, with `memory`, its memory) holds."""
    found = []
    for pid in pids:
        places = [Path(f"/proc/{pid}/environ").read_bytes()]
        if memory:
            places += list(private_memory(pid))
        found += [f"{pid}: {secret[:3]}…" for secret in secrets if any(secret.encode() in place for place in places)]
    return found


def test_postgresql_redis_and_nginx_get_no_channel_token_or_password(topology):
    tokens = [
        value
        for value in service(TOPOLOGY_ENV).secrets()
        if value not in (TOPOLOGY_ENV["PG_PASSWORD"], TOPOLOGY_ENV["REDIS_PASSWORD"])
    ]
    assert len(tokens) >= 8 and topology.down() == []
    postmaster = int((topology.workdir / "postgres" / "data" / "postmaster.pid").read_text().split()[0])
    # PostgreSQL and Redis keep their original environment readable (supervisord starts them through env -i).
    assert b"PATH=" in Path(f"/proc/{postmaster}/environ").read_bytes()
    assert secrets_in(family(postmaster), tokens + [TOPOLOGY_ENV["REDIS_PASSWORD"]], memory=False) == []
    # PG_PASSWORD is the only one Redis could never need; its own password is in its private configuration file.
    assert secrets_in(family(topology.pid("redis")), tokens + [TOPOLOGY_ENV["PG_PASSWORD"]], memory=False) == []
    # nginx writes its process title over its environment, after copying it into its memory: read that.
    master = topology.pid("nginx")
    assert (
        secrets_in([master], tokens + [TOPOLOGY_ENV["PG_PASSWORD"], TOPOLOGY_ENV["REDIS_PASSWORD"]], memory=True) == []
    )
    assert secrets_in(family(master), tokens, memory=False) == []


def test_the_topologys_folder_and_logs_are_private(topology):
    assert (
        requests.post(
            f"{topology.url}/webhooks/rest/webhook",
            json={"sender": new_sender("modes"), "message": "hello"},
            verify=False,
            timeout=60,
        ).status_code
        == 200
    )  # every log written
    mode = lambda path: stat.S_IMODE(path.lstat().st_mode)  # noqa: E731
    assert mode(topology.workdir) == mode(topology.logs) == services.folder_mode()
    logs = {path.name: mode(path) for path in topology.logs.iterdir()}
    assert {"postgres.log", "redis.log", "nginx.log", "actions.log", "rasa-0.log", "rasa-1.log"} <= set(logs)
    assert set(logs.values()) == {0o600}, logs
    # Nothing under PROD_DIR that others may read or change: folders they may at most pass through.
    exposed = [
        f"{path} {oct(mode(path))}"
        for path in [topology.workdir, *topology.workdir.rglob("*")]
        if (path.is_dir() or path.is_file()) and not path.is_symlink() and mode(path) & 0o066
    ]
    assert exposed == []
