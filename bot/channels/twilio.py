"""Twilio SMS and WhatsApp: X-Twilio-Signature checked (Rasa's connector does not); numbered options."""

import urllib.parse
from typing import List

import aiohttp
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from bot.channels.formatting import Outgoing
from bot.channels.platform import NO_TEXT, Incoming, PlatformInput
from bot.channels.proxy import public_url

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


class TwilioSmsChannel(PlatformInput):
    """POST /webhooks/twilio/webhook. Env: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_SMS_NUMBER."""

    platform = "sms"
    number = "twilio_sms_number"  # the settings field holding the number this channel sends from
    required = ("twilio_account_sid", "twilio_auth_token", number)

    @classmethod
    def name(cls) -> str:
        return "twilio"

    def _signed_url(self, request: Request) -> str:
        # Twilio signs the public URL it called: PUBLIC_BASE_URL's origin, else what the trusted proxy reports.
        base = self.config.public_base_url
        if not base:
            return public_url(request, self.config.trusted_proxies)
        return base + request.path + (f"?{request.query_string}" if request.query_string else "")

    def verify(self, request: Request) -> bool:
        # Twilio signs every field, blank ones too (FromCity=...), which Sanic's request.form drops.
        fields = urllib.parse.parse_qs(request.body.decode("utf-8", "replace"), keep_blank_values=True)
        params = {key: values[0] for key, values in fields.items()}
        signature = request.headers.get("X-Twilio-Signature", "")
        return bool(signature) and RequestValidator(self.config.twilio_auth_token).validate(
            self._signed_url(request), params, signature
        )

    def parse(self, request: Request) -> List[Incoming]:
        text, sender = request.form.get("Body") or "", request.form.get("From")
        if not sender or not self.first_time(request.form.get("MessageSid")):
            return []
        if not text.strip():  # a picture (MMS), a WhatsApp voice note or location: no words
            return [Incoming(sender, kind=NO_TEXT)]
        return [Incoming(sender, text)]

    def acknowledge(self, request: Request) -> HTTPResponse:
        return response.text(EMPTY_TWIML, content_type="text/xml")

    async def send(self, session: aiohttp.ClientSession, recipient: str, message: Outgoing) -> None:
        api = self.config.twilio_api_url
        sid = self.config.twilio_account_sid
        form = {"From": getattr(self.config, self.number), "To": recipient, "Body": message.text}
        async with session.post(
            f"{api}/2010-04-01/Accounts/{sid}/Messages.json",
            data=form,
            auth=aiohttp.BasicAuth(sid, self.config.twilio_auth_token),
        ) as reply:
            reply.raise_for_status()


class TwilioWhatsAppChannel(TwilioSmsChannel):
    """POST /webhooks/whatsapp/webhook. Env: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_WHATSAPP_NUMBER ("whatsapp:+1...")."""

    platform = "whatsapp"
    number = "twilio_whatsapp_number"
    required = ("twilio_account_sid", "twilio_auth_token", number)

    @classmethod
    def name(cls) -> str:
        return "whatsapp"
