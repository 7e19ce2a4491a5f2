"""Serves the website chat widget, its demo clinic page and its settings from the assistant's own server."""

import json
import re
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import knowledge, settings
from bot.nlg import render

STATIC = Path(__file__).resolve().parents[1] / "widget"
# Health conversations: the widget's files must never pull in other sites' code or fonts.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "style-src 'self' 'unsafe-inline'; frame-ancestors 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
# The widget's own texts in answers.yml are named widget_<key>.
MESSAGES = (
    "greeting",
    "still_working",
    "error_network",
    "error_server",
    "error_timeout",
    "error_rejected",
    "error_busy",
    "start_over_confirm",
    "forgotten",
    "forget_failed",
)
# A few starter questions when the chat opens: the first topic buttons of the knowledge file.
STARTERS = 4
# The script carries its settings, so errors can be explained even when the server is down later.
CONFIG_SLOT = "/*LDN_CONFIG*/null"
PHONES = (
    ("emergency_number", "emergency"),
    ("crisis_line", "crisis"),
    ("poison_help", "poison"),
    ("clinic_phone", "clinic"),
)


def phone_links(values: Dict[str, str]) -> List[Dict[str, str]]:
    """The numbers the widget makes tap-to-call, from the clinic settings (not guessed from text)."""
    return [
        {"kind": kind, "text": values[key], "tel": re.sub(r"[^0-9+]", "", values[key])}
        for key, kind in PHONES
        if re.sub(r"[^0-9]", "", values[key])
    ]


class _KeepUnknown(dict):
    """Fills in the clinic's settings and leaves the widget's own placeholders ({count}, {time}) for it."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def interface_words(values: Dict[str, str]) -> Dict[str, str]:
    """The widget's buttons, labels and states from answers.yml, with the clinic's settings filled in.

    {clinic_name} is left for the widget: a page may name the clinic itself (data-clinic-name)."""
    known = {key: value for key, value in values.items() if key != "clinic_name"}
    return {key: text.format_map(_KeepUnknown(known)) for key, text in knowledge.widget_words().items()}


def widget_config() -> Dict[str, Any]:
    values, service = settings.load(), settings.service()
    return {
        "clinicName": values["clinic_name"],
        "banner": render("widget_banner", values),
        "emergencyNumber": values["emergency_number"],
        "phones": phone_links(values),
        "messages": {key: render(f"widget_{key}", values) for key in MESSAGES},
        "words": interface_words(values),
        # The server's own limits, so the widget never offers more than the REST channel accepts.
        "maxChars": service.max_message_chars,
        "timeoutSeconds": service.widget_timeout_seconds,
        "starters": [{"title": e.button, "payload": e.button} for e in knowledge.topic_buttons()[:STARTERS]],
    }


def widget_script() -> str:
    """ldn-widget.js with the clinic's settings and texts filled in."""
    source = (STATIC / "ldn-widget.js").read_text(encoding="utf-8")
    # ensure_ascii: the JSON is plain ASCII, valid as a JavaScript literal whatever the texts contain.
    return source.replace(CONFIG_SLOT, json.dumps(widget_config(), ensure_ascii=True), 1)


class WidgetChannel(InputChannel):
    """GET /webhooks/widget/ (demo page), /webhooks/widget/ldn-widget.js and /webhooks/widget/config.json."""

    @classmethod
    def name(cls) -> str:
        return "widget"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        widget = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @widget.route("/", methods=["GET"])
        async def demo(_: Request) -> HTTPResponse:
            return await response.file(STATIC / "demo.html", headers=SECURITY_HEADERS)

        @widget.route("/ldn-widget.js", methods=["GET"])
        async def script(_: Request) -> HTTPResponse:
            return response.text(
                widget_script(),
                content_type="text/javascript; charset=utf-8",
                headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"},
            )

        @widget.route("/config.json", methods=["GET"])
        async def config(_: Request) -> HTTPResponse:
            return response.json(widget_config(), headers={"Cache-Control": "no-cache"})

        return widget
