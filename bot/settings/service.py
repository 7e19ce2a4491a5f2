"""The service's settings (channel secrets, addresses, limits), typed, read from the environment only here."""

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional, Tuple


class ServiceSettingsError(ValueError):
    """An environment variable holds a value of the wrong kind."""


def setting(var: str, default: Any = "", secret: bool = False) -> Any:
    """One setting: its environment variable, its default, and whether it must never be shown."""
    return field(default=default, metadata={"env": var, "secret": secret})


@dataclass(frozen=True)
class ServiceSettings:
    """Everything the running service reads from its environment. Add a setting with one line here."""

    # Messaging channels' secrets: only ever in the environment, never in a file of the project.
    telegram_bot_token: str = setting("TELEGRAM_BOT_TOKEN", secret=True)
    telegram_secret_token: str = setting("TELEGRAM_SECRET_TOKEN", secret=True)
    slack_bot_token: str = setting("SLACK_BOT_TOKEN", secret=True)
    slack_signing_secret: str = setting("SLACK_SIGNING_SECRET", secret=True)
    facebook_page_access_token: str = setting("FACEBOOK_PAGE_ACCESS_TOKEN", secret=True)
    facebook_app_secret: str = setting("FACEBOOK_APP_SECRET", secret=True)
    facebook_verify_token: str = setting("FACEBOOK_VERIFY_TOKEN", secret=True)
    twilio_account_sid: str = setting("TWILIO_ACCOUNT_SID", secret=True)
    twilio_auth_token: str = setting("TWILIO_AUTH_TOKEN", secret=True)
    twilio_sms_number: str = setting("TWILIO_SMS_NUMBER")
    twilio_whatsapp_number: str = setting("TWILIO_WHATSAPP_NUMBER")
    # The platforms' API addresses (tests point them at a loopback fake).
    telegram_api_url: str = setting("TELEGRAM_API_URL", "https://api.telegram.org")
    slack_api_url: str = setting("SLACK_API_URL", "https://slack.com/api")
    facebook_api_url: str = setting("FACEBOOK_API_URL", "https://graph.facebook.com/v18.0")
    twilio_api_url: str = setting("TWILIO_API_URL", "https://api.twilio.com")
    # Where the assistant is reached from outside, and which other sites may embed the widget.
    public_base_url: str = setting("PUBLIC_BASE_URL")
    widget_allowed_origins: Tuple[str, ...] = setting("WIDGET_ALLOWED_ORIGINS", ())
    # Limits against abuse: a chat message needs little, and no patient types 30 messages a minute.
    max_message_chars: int = setting("MAX_MESSAGE_CHARS", 2000)
    max_body_bytes: int = setting("MAX_BODY_BYTES", 32 * 1024)
    rate_limit_per_sender: int = setting("RATE_LIMIT_PER_SENDER", 20)
    rate_limit_per_ip: int = setting("RATE_LIMIT_PER_IP", 120)
    rate_limit_window_seconds: int = setting("RATE_LIMIT_WINDOW_SECONDS", 60)
    replay_window_seconds: int = setting("REPLAY_WINDOW_SECONDS", 300)
    # Key for the hashes that stand in for patients' ids in logs (random per process when unset).
    log_hash_key: str = setting("LOG_HASH_KEY", secret=True)
    # Rasa's neighbours: the conversation store and the action server.
    tracker_db: str = setting("TRACKER_DB", str(Path(__file__).resolve().parents[2] / "build" / "tracker.db"))
    # Conversations each Rasa process keeps read back in memory (checked against the database each turn); 0: none.
    tracker_cache_size: int = setting("TRACKER_CACHE_SIZE", 1000)
    # Where `make run` (bot.serve) has Rasa listen, over plain HTTP: this machine only, unless set (0.0.0.0:
    # every network, e.g. behind a TLS proxy elsewhere). The production topology has its own (bot/prod).
    rasa_host: str = setting("RASA_HOST", "127.0.0.1")
    action_server_host: str = setting("ACTION_SERVER_HOST", "127.0.0.1")
    action_server_token: str = setting("ACTION_SERVER_TOKEN", secret=True)
    # How long the website widget waits for an answer before it says so (sent to it in its settings).
    widget_timeout_seconds: int = setting("WIDGET_TIMEOUT_SECONDS", 30)
    # Well below the channels' own timeouts (widget 30 s), so a hung action server still gets the apology.
    action_timeout_seconds: int = setting("ACTION_TIMEOUT_SECONDS", 5)
    # Rasa's internals replaced by faster ones giving the same results (bot/rasa_patches.py); 0 runs Rasa's own.
    rasa_speed_patches: bool = setting("RASA_SPEED_PATCHES", True)
    # How long one message may hold its conversation's lock (Redis): longer than a turn, whose action
    # calls are capped above, and short enough that a message lost with a killed Rasa process frees it soon.
    lock_lifetime_seconds: int = setting("LOCK_LIFETIME_SECONDS", 20)
    # Days a conversation is kept after its last message; 0 keeps it only for the session.
    retention_days: int = setting("RETENTION_DAYS", 30)
    # "Was this helpful?": first after this many topic answers in a session, then at most once per FEEDBACK_EVERY.
    feedback_first_after: int = setting("FEEDBACK_FIRST_AFTER", 2)
    feedback_every: int = setting("FEEDBACK_EVERY", 3)
    # The clinic's report shows emergency messages' text only when this is 1 (counts only by default).
    report_emergency_text: int = setting("REPORT_EMERGENCY_TEXT", 0)
    # Addresses of reverse proxies (nginx) whose X-Real-IP / X-Forwarded-For name the patient's address.
    trusted_proxies: Tuple[str, ...] = setting("TRUSTED_PROXIES", ())
    # The production topology (python -m bot.prod, make run-prod): its folder, processes and loopback ports.
    prod_dir: str = setting("PROD_DIR", "build/prod")
    rasa_processes: int = setting("RASA_PROCESSES", 0)  # 0: one per core
    rasa_base_port: int = setting("RASA_BASE_PORT", 5010)  # Rasa process i listens on this + i
    tf_threads: int = setting("TF_THREADS", 0)  # TensorFlow threads per Rasa process; 0: 1 if several, else TF's own
    prod_action_port: int = setting("PROD_ACTION_PORT", 5056)
    http_port: int = setting("HTTP_PORT", 8080)
    https_port: int = setting("HTTPS_PORT", 8443)
    nginx_listen: str = setting("NGINX_LISTEN", "127.0.0.1")  # nginx's address; everything else stays on loopback
    tls_cert_file: str = setting("TLS_CERT_FILE")  # unset: a self-signed certificate for local use
    tls_key_file: str = setting("TLS_KEY_FILE")
    pg_port: int = setting("PG_PORT", 5433)
    pg_db: str = setting("PG_DB", "ldn")
    pg_user: str = setting("PG_USER", "ldn")
    pg_password: str = setting("PG_PASSWORD", secret=True)  # unset: a random one kept in PROD_DIR (local use)
    # Where the topology's Redis is (it sets this for its Rasa processes): the lock store's, and the replay
    # windows and rate limits every process shares (bot/channels/shared.py). Unset: each process's memory.
    redis_host: str = setting("REDIS_HOST")
    redis_port: int = setting("REDIS_PORT", 6380)
    redis_password: str = setting("REDIS_PASSWORD", secret=True)  # unset: as PG_PASSWORD
    # Lets `python -m bot.prod up` start with the shipped example clinic's details (local trials, tests).
    allow_placeholders: bool = setting("ALLOW_PLACEHOLDERS", False)

    def __repr__(self) -> str:  # secrets must never reach a log, even through a repr
        shown = ", ".join(
            f"{f.name}={'***' if f.metadata['secret'] and getattr(self, f.name) else getattr(self, f.name)!r}"
            for f in dataclasses.fields(self)
        )
        return f"ServiceSettings({shown})"

    def secrets(self) -> Tuple[str, ...]:
        """The values set for secret settings (for tests and log scrubbing)."""
        return tuple(v for f in dataclasses.fields(self) if f.metadata["secret"] and (v := getattr(self, f.name)))

    @staticmethod
    def env_name(name: str) -> str:
        """The environment variable behind a setting."""
        return {f.name: f.metadata["env"] for f in dataclasses.fields(ServiceSettings)}[name]


def _convert(raw: str, kind: Any, var: str) -> Any:
    if kind is int:
        try:
            return int(raw)
        except ValueError:
            raise ServiceSettingsError(f"${var} must be a whole number, not {raw!r}") from None
    if kind is float:
        try:
            return float(raw)
        except ValueError:
            raise ServiceSettingsError(f"${var} must be a number, not {raw!r}") from None
    if kind is bool:  # "0" must not count as true, as any non-empty string would
        if raw.lower() in ("1", "true", "yes", "on"):
            return True
        if raw.lower() in ("0", "false", "no", "off"):
            return False
        raise ServiceSettingsError(f"${var} must be 1 or 0 (true or false), not {raw!r}")
    if kind == Tuple[str, ...]:
        return tuple(item for item in raw.replace(",", " ").split() if item)
    return raw.rstrip("/") if var.endswith("_URL") else raw


def service(env: Optional[Mapping[str, str]] = None) -> ServiceSettings:
    """The service settings from the environment (or `env`); unset or blank variables keep their defaults."""
    env = os.environ if env is None else env
    values = {}
    for f in dataclasses.fields(ServiceSettings):
        raw = (env.get(f.metadata["env"]) or "").strip()
        if raw:
            values[f.name] = _convert(raw, f.type, f.metadata["env"])
    return ServiceSettings(**values)


def environment() -> Mapping[str, str]:
    """This process's environment (read it, don't change it): for clinic overrides and child processes."""
    return os.environ
