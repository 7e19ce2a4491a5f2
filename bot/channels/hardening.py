"""Server-wide settings applied when the server starts: a chat-sized body limit, no access log, no version at GET /,
one line (no traceback) for a malformed request."""

import logging

from sanic import Sanic, response
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import settings


async def _hello(_: Request) -> HTTPResponse:
    # Rasa's own handler names its version, which only helps an attacker pick an exploit.
    return response.text("Hello from the LDN assistant")


class ClientErrorsInOneLine(logging.Filter):
    """Sanic logs a request it cannot parse (a broken chunked body) as an uncaught error with two chained
    tracebacks, though it already answered 400: anyone could fill the log that way. Such a record becomes one
    warning line naming the error's kind and status only (its message may quote what the client sent)."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, SanicException) and (error.status_code or 500) < 500:
            record.msg = "Refused a malformed HTTP request: %s (%s)"
            record.args = (type(error).__name__, error.status_code)
            record.exc_info, record.exc_text, record.stack_info = None, None, None
            record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
        return True


CLIENT_ERRORS = ClientErrorsInOneLine()


def harden(app: Sanic) -> None:
    """Cuts Sanic's 100 MB body limit to what a chat needs, stops the access log, hides the version and keeps
    malformed requests to one log line."""
    app.config.REQUEST_MAX_SIZE = settings.service().max_body_bytes
    # Access-log lines carry full URLs: Facebook's handshake puts the verify token in the query string.
    app.config.ACCESS_LOG = False
    logging.getLogger("sanic.error").addFilter(CLIENT_ERRORS)  # the same filter is added once only
    for route in app.router.routes:
        if route.path in ("", "/") and "GET" in route.methods:
            route.handler = _hello
