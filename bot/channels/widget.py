"""Serves the website chat widget, its demo clinic page and its settings from the assistant's own server."""
from pathlib import Path
from typing import Any, Awaitable, Callable, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import settings
from bot.nlg import render

STATIC = Path(__file__).resolve().parents[1] / "widget"
# Health conversations: the widget's files must never pull in other sites' code or fonts.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
                               "style-src 'self' 'unsafe-inline'; frame-ancestors 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def widget_config() -> dict:
    values = settings.load()
    return {"clinicName": values["clinic_name"], "banner": render("widget_banner", values),
            "emergencyNumber": values["emergency_number"]}


class WidgetChannel(InputChannel):
    """GET /webhooks/widget/ (demo page), /webhooks/widget/ldn-widget.js and /webhooks/widget/config.json."""

    @classmethod
    def name(cls) -> Text:
        return "widget"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        widget = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @widget.route("/", methods=["GET"])
        async def demo(_: Request) -> HTTPResponse:
            return await response.file(STATIC / "demo.html", headers=SECURITY_HEADERS)

        @widget.route("/ldn-widget.js", methods=["GET"])
        async def script(_: Request) -> HTTPResponse:
            return await response.file(STATIC / "ldn-widget.js", mime_type="text/javascript",
                                       headers={"X-Content-Type-Options": "nosniff",
                                                "Cache-Control": "no-cache"})

        @widget.route("/config.json", methods=["GET"])
        async def config(_: Request) -> HTTPResponse:
            return response.json(widget_config(), headers={"Cache-Control": "no-cache"})

        return widget
