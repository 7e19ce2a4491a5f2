"""A loopback stand-in for the messaging platforms' APIs: records every call the assistant makes."""

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List


def recipient_of(body: Dict[str, Any]) -> str:
    """Who a sent message is for, whichever platform's API shape the body has."""
    recipient = body.get("recipient")
    return str(
        body.get("chat_id")
        or body.get("channel")
        or body.get("To")
        or (recipient.get("id") if isinstance(recipient, dict) else "")
        or ""
    )


class FakePlatform:
    """Records each call; answers 200, or the status set in `failures` for that message's recipient."""

    def __init__(self, port: int):
        self.calls: List[Dict[str, Any]] = []
        self.failures: Dict[str, int] = {}  # recipient -> HTTP status to answer with (401, 403, 429...)
        self.lock = threading.Lock()
        platform = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    body = json.loads(raw)
                else:
                    body = {k: v[0] for k, v in urllib.parse.parse_qs(raw.decode()).items()}
                with platform.lock:
                    platform.calls.append({"path": self.path, "headers": dict(self.headers), "body": body})
                status = platform.failures.get(recipient_of(body), 200)
                reply = json.dumps({"ok": status == 200, "result": {}, "message_id": "m.1", "sid": "SM1"}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.url = f"http://127.0.0.1:{port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def matching(self, match: Callable[[Dict[str, Any]], bool]) -> List[Dict[str, Any]]:
        with self.lock:
            return [c for c in self.calls if match(c)]

    def wait_for(
        self, match: Callable[[Dict[str, Any]], bool], count: int = 1, timeout: float = 30, settle: float = 0.5
    ) -> List[Dict[str, Any]]:
        """Calls that match, once at least `count` arrived and no more came for `settle` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.matching(match)
            if len(found) >= count:
                time.sleep(settle)
                return self.matching(match)
            time.sleep(0.1)
        raise AssertionError(f"no platform call matched within {timeout}s; calls: {self.calls[-5:]}")

    def close(self):
        self.server.shutdown()
