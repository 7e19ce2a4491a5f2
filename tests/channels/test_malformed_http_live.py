"""Broken HTTP from anyone, on the running server: a 4xx and at most one log line, never a traceback or what was sent."""

import socket
import uuid

import pytest

from tests.helpers import read_logs, wait_until

pytestmark = [pytest.mark.model, pytest.mark.servers]

REFUSED = "Refused a malformed HTTP request"
CHUNKED = b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
# Chunked bodies that break the format in different places; {m} is a marker that must never reach the log.
BROKEN = [
    b"ZZZ\r\n{m}\r\n0\r\n\r\n",  # a size that is not hexadecimal
    b"3\r\n{m}{m}\r\n0\r\n\r\n",  # more data than the size said
    b"-1\r\n{m}\r\n0\r\n\r\n",  # a negative size
    b"1" * 70 + b"\r\n{m}\r\n0\r\n\r\n",  # a size far over the body limit
    b"5;" + b"x" * 80 + b"{m}",
]  # a chunk header with no end


def send_raw(url: str, path: str, head: bytes, body: bytes) -> bytes:
    """Sends bytes as they are (no HTTP library would send a broken body) and returns the first answer bytes."""
    host, port = url.split("//")[1].split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(
            b"POST " + path.encode() + b" HTTP/1.1\r\nHost: " + host.encode() + b"\r\n" + head + b"\r\n" + body
        )
        return sock.recv(200)


@pytest.mark.parametrize("path", ["/webhooks/rest/webhook", "/webhooks/telegram/webhook"])
def test_broken_chunked_bodies_are_refused_without_a_traceback(live, path):
    client, work = live
    marker = f"Zq{uuid.uuid4().hex[:10]}".encode()
    start = len(read_logs(work))
    for body in BROKEN:
        answer = send_raw(client.url, path, CHUNKED, body.replace(b"{m}", marker))
        assert answer.startswith((b"HTTP/1.1 400", b"HTTP/1.1 413")), (body, answer)
    # Sanic logs the first of them (InvalidUsage): once that is there, so is everything before it.
    new = wait_until(lambda: (lambda log: log if "InvalidUsage" in log else None)(read_logs(work)[start:]))
    assert "Traceback" not in new and marker.decode() not in new, new
    assert 1 <= new.count(REFUSED) <= len(BROKEN), new
