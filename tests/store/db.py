"""The tracker store's SQLite file read directly, as an operator (or an attacker with the disk) would;
and the widget's "Start over" request."""

import json
import os
import sqlite3
import subprocess
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, List, Optional, Tuple

import pytest

from tests.helpers import http


def stored_ids(sender: str) -> List[str]:
    """The ids a sender's conversation may be stored under (REST ids get the channel's namespace)."""
    return [sender, f"rest:{sender}"]


def rows(db: Path, sender: str) -> int:
    """How many events are stored for this sender."""
    ids = stored_ids(sender)
    with sqlite3.connect(db) as conn:
        return conn.execute(
            f"SELECT COUNT(*) FROM events WHERE sender_id IN ({','.join('?' * len(ids))})", ids
        ).fetchone()[0]


def active_loop(db: Path, sender: str) -> Optional[str]:
    """The form the stored conversation is in now (None when none is active)."""
    ids = stored_ids(sender)
    with sqlite3.connect(db) as conn:
        loops = [
            json.loads(data).get("name")
            for (data,) in conn.execute(
                f"SELECT data FROM events WHERE type_name = 'active_loop' AND sender_id IN "
                f"({','.join('?' * len(ids))}) ORDER BY id",
                ids,
            )
        ]
    return loops[-1] if loops else None


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """The file cannot be written, even by root (tests run as root, who ignores file modes)."""
    immutable = os.geteuid() == 0
    if immutable:
        made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
        if made.returncode != 0:  # e.g. tmpfs has no immutable flag
            pytest.skip(f"cannot make a file read-only for root here: {made.stderr.strip()}")
    else:
        path.chmod(0o400)
    try:
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        else:
            path.chmod(0o600)


def forget(client: Any, body: Any) -> Tuple[int, Any]:
    """POST /webhooks/rest/forget as the widget's "Start over" sends it: (status, JSON reply)."""
    status, text = http(
        f"{client.url}/webhooks/rest/forget",
        json.dumps(body).encode(),
        {"Content-Type": "application/json"},
        method="POST",
    )
    return status, json.loads(text)
