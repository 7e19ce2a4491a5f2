"""A loopback stand-in for the assistant's HTTP side (widget files + REST), to drive the widget into every error case."""

import html
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Optional, Tuple

from bot.channels.widget import STATIC, widget_script
from tests.helpers import free_port


class FakeAssistant:
    """Serves the real widget; its REST webhook answers as told (status, body, delay) and records requests.

    The widget is the thing under test here: the fake plays the network and the server, the outside world.
    """

    def __init__(self) -> None:
        self.plan: List[Dict[str, Any]] = []  # one entry per coming webhook call; then the default echo
        self.requests: List[Dict[str, Any]] = []
        self.timeline: List[Tuple[str, str, float]] = []  # ("in" | "out", message, time.monotonic())
        self.raw_script = False  # True: the script as a file, without the assistant's settings (CONFIG null)
        self.forgotten: List[str] = []
        self.forget_status = 200
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet test output
                pass

            def _send(self, status: int, body: bytes, kind: str) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the browser gave up: fine
                    pass

            def do_GET(self) -> None:
                if self.path.startswith("/embed?"):  # a clinic page with the script tag's data-* set from the query
                    query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
                    data = " ".join(f'data-{html.escape(k)}="{html.escape(v[0])}"' for k, v in query.items())
                    page = (
                        "<!doctype html><html lang='en'><head><title>Clinic page</title>"
                        "<meta name='viewport' content='width=device-width, initial-scale=1'></head><body><main>"
                        f"<h1>Clinic</h1></main><script src='/webhooks/widget/ldn-widget.js' {data}></script>"
                        "</body></html>"
                    )
                    self._send(200, page.encode(), "text/html; charset=utf-8")
                elif self.path.startswith("/webhooks/widget/ldn-widget.js"):
                    raw = fake.raw_script
                    script = (STATIC / "ldn-widget.js").read_text(encoding="utf-8") if raw else widget_script()
                    self._send(200, script.encode(), "text/javascript; charset=utf-8")
                elif self.path.startswith("/webhooks/widget/"):
                    self._send(200, (STATIC / "demo.html").read_bytes(), "text/html; charset=utf-8")
                else:
                    self._send(404, b"{}", "application/json")

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"null")
                if self.path == "/webhooks/rest/forget":
                    fake.forgotten.append(body.get("sender"))
                    ok = fake.forget_status == 200
                    self._send(
                        fake.forget_status, json.dumps({"forgotten": True} if ok else {}).encode(), "application/json"
                    )
                    return
                fake.requests.append(body)
                fake.timeline.append(("in", body.get("message"), time.monotonic()))
                step = fake.plan.pop(0) if fake.plan else {}
                time.sleep(step.get("delay", 0))
                fake.timeline.append(("out", body.get("message"), time.monotonic()))
                if step.get("drop"):  # the connection dies without an answer
                    self.close_connection = True
                    return
                reply = step.get("body", [{"text": f"Answer to: {body.get('message')}"}])
                self._send(step.get("status", 200), json.dumps(reply).encode(), "application/json")

        self.port = free_port()
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.port}"

    def answer(self, status: int = 200, body: Optional[Any] = None, delay: float = 0, drop: bool = False) -> None:
        step: Dict[str, Any] = {"status": status, "delay": delay, "drop": drop}
        if body is not None:
            step["body"] = body
        self.plan.append(step)

    def received(self, count: int, timeout: float = 10) -> List[str]:
        """The messages received once `count` have come (or `timeout` has passed): the browser's fetch and the
        server's reading of it run apart from the page, so a page showing "typing" does not mean it has come."""
        end = time.monotonic() + timeout
        while len(self.requests) < count and time.monotonic() < end:
            time.sleep(0.05)
        return [r.get("message") for r in self.requests]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
