"""Server-wide settings applied when the server starts: a chat-sized body limit, no access log, no version at GET /."""
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import settings


async def _hello(_: Request) -> HTTPResponse:
    # Rasa's own handler names its version, which only helps an attacker pick an exploit.
    return response.text("Hello from the LDN assistant")


def harden(app: Sanic) -> None:
    """Cuts Sanic's 100 MB body limit to what a chat needs, stops the access log and hides the version."""
    app.config.REQUEST_MAX_SIZE = settings.service().max_body_bytes
    # Access-log lines carry full URLs: Facebook's handshake puts the verify token in the query string.
    app.config.ACCESS_LOG = False
    for route in app.router.routes:
        if route.path in ("", "/") and "GET" in route.methods:
            route.handler = _hello
