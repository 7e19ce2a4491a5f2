"""A loopback stand-in between Rasa and the real action server that can pass, slow down, hang or drop calls."""

import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional

MODES = ("pass", "slow", "hang", "down")


class ActionServerFault:
    """Listens on 127.0.0.1:port and forwards to `target` (the real action server) as the mode says:
    pass (at once), slow (after `delay` s), hang (never answers), down (drops the connection)."""

    def __init__(self, port: int, target: str, delay: float = 1.5):
        self.target, self.delay, self.mode = target.rstrip("/"), delay, "pass"
        self._release = threading.Event()
        fault = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_):  # keep the test output readable
                pass

            def do_GET(self):
                self._forward(None)

            def do_POST(self):
                self._forward(self.rfile.read(int(self.headers.get("Content-Length") or 0)))

            def _forward(self, body: Optional[bytes]):
                mode = fault.mode
                if mode == "down":
                    self.close_connection = True
                    return  # no status line at all: the client sees the server disconnect
                if mode == "hang":
                    fault._release.wait(120)  # bounded, so a forgotten test never holds a thread forever
                    self.close_connection = True
                    return
                if mode == "slow":
                    time.sleep(fault.delay)
                request = urllib.request.Request(
                    fault.target + self.path,
                    data=body,
                    method=self.command,
                    headers={"Content-Type": "application/json"},
                )
                try:
                    with urllib.request.urlopen(request, timeout=30) as reply:
                        status, payload = reply.status, reply.read()
                except urllib.error.HTTPError as err:
                    status, payload = err.code, err.read()
                except OSError:
                    self.close_connection = True
                    return  # the real action server is down too
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    pass  # Rasa stopped waiting (its action timeout): nobody to answer

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{port}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def set(self, mode: str, delay: Optional[float] = None) -> None:
        assert mode in MODES, mode
        if self.mode == "hang" and mode != "hang":
            self._release.set()  # let the held calls go
            self._release = threading.Event()
        self.mode = mode
        if delay is not None:
            self.delay = delay

    def close(self) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
