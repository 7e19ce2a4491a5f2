"""Checks each part of a running production topology: nginx, each Rasa process, the action server, PostgreSQL, Redis."""

import urllib.error
import urllib.request
from typing import List, NamedTuple


class Check(NamedTuple):
    part: str
    ok: bool
    detail: str


def _http(part: str, url: str) -> Check:
    try:
        with urllib.request.urlopen(url, timeout=5) as reply:
            return Check(part, reply.status == 200, reply.read(200).decode("utf-8", "replace"))
    except urllib.error.HTTPError as exc:  # 503 from a Rasa process: its conversation store is broken
        return Check(part, False, f"HTTP {exc.code} {exc.read(200).decode('utf-8', 'replace')}")
    except OSError as exc:
        return Check(part, False, str(getattr(exc, "reason", exc)))


def _postgres(dsn: str) -> Check:
    import psycopg2

    try:
        with psycopg2.connect(dsn, connect_timeout=5) as conn, conn.cursor() as cur:
            cur.execute("SELECT 1 FROM events LIMIT 1")  # the tracker store's table is there and readable
            return Check("PostgreSQL", True, "accepting connections")
    except psycopg2.Error as exc:
        return Check("PostgreSQL", False, str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)


def _redis(url: str) -> Check:
    import redis

    try:
        redis.Redis.from_url(url, socket_timeout=3, socket_connect_timeout=3).ping()
        return Check("Redis", True, "PONG")
    except redis.RedisError as exc:
        return Check("Redis", False, str(exc))


def check(http_url: str, processes: int, pg_dsn: str, redis_url: str) -> List[Check]:
    """Every part's state, through nginx's health paths (from this host) and direct connections."""
    return (
        [_http("nginx", f"{http_url}/health")]
        + [_http(f"Rasa process {i}", f"{http_url}/health/rasa/{i}") for i in range(processes)]
        + [_http("action server", f"{http_url}/health/actions"), _postgres(pg_dsn), _redis(redis_url)]
    )


def table(checks: List[Check]) -> str:
    width = max(len(c.part) for c in checks)
    return "\n".join(f"{c.part:<{width}}  {'ok  ' if c.ok else 'DOWN'}  {c.detail}" for c in checks)
