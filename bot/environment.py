"""The environment defaults of every process the assistant starts (Rasa, the action server, make's commands): written once.

`python -m bot.environment` prints them as NAME=value for the Makefile; it imports nothing, so any Python 3 runs it."""

from typing import Dict, Mapping

DEFAULTS = {
    # Rasa's anonymous usage telemetry would try to reach the internet.
    "RASA_TELEMETRY_ENABLED": "false",
    # SQLAlchemy 1.4's notice about 2.0, raised by Rasa's tracker store code, and TensorFlow's info lines.
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "TF_CPP_MIN_LOG_LEVEL": "2",
}


def with_defaults(env: Mapping[str, str]) -> Dict[str, str]:
    """`env` with each default added where it is unset."""
    return {**DEFAULTS, **env}


if __name__ == "__main__":
    print(" ".join(f"{name}={value}" for name, value in DEFAULTS.items()))
