"""The server-wide log filter on its own: a client's broken request is one line; a server error keeps its traceback."""

import logging
import sys

from sanic.exceptions import InvalidUsage, ServerError

from bot.channels.hardening import ClientErrorsInOneLine


def _record(error: Exception) -> logging.LogRecord:
    try:
        raise error
    except Exception:
        return logging.LogRecord(
            "sanic.error", logging.ERROR, __file__, 1, "protocol.connection_task uncaught", (), sys.exc_info()
        )


def test_a_clients_broken_request_is_one_warning_line_without_what_it_sent():
    record = _record(InvalidUsage("Unknown Expect: <what the client sent>"))
    assert ClientErrorsInOneLine().filter(record)
    line = logging.Formatter().format(record)
    assert line == "Refused a malformed HTTP request: InvalidUsage (400)" and record.levelno == logging.WARNING


def test_a_server_error_keeps_its_traceback():
    record = _record(ServerError("broken"))
    assert ClientErrorsInOneLine().filter(record)
    assert "Traceback" in logging.Formatter().format(record) and record.levelno == logging.ERROR
