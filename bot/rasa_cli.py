"""Rasa's command line (`python -m bot.rasa_cli run ...` is `rasa run ...`), lighter, and the one place where
the assistant changes Rasa: `configure`, applied at the start of every Rasa process (bot/serve.py, bot/prod)."""

import argparse
import sys
from typing import Optional

import pluggy

hookimpl = pluggy.HookimplMarker("rasa")


def prepare() -> None:
    """Must run before TensorFlow is imported.

    TensorFlow 2.12 imports JAX when it is installed (tf.lite's converter: `try: from jax import ...
    except ImportError`), and pip installs it with TensorFlow; Rasa never uses it. Not loading it saves
    about 66 MB of resident memory and 0.4 s of start-up per Rasa process.
    """
    sys.modules.setdefault("jax", None)  # type: ignore[arg-type]  # None in sys.modules: `import jax` raises ImportError


def configure() -> None:
    """The assistant's changes to this process's Rasa, each applied here only:
    - safety: the action server's timeout (bot/runtime.py), always;
    - privacy: Rasa's command reader kept out of the log (bot/runtime.py), always;
    - TensorFlow's thread pools (TF_THREADS; Rasa's own variables, set before this, win);
    - speed: the patches of Rasa's internals (bot/rasa_patches.py), unless RASA_SPEED_PATCHES=0.
    In-process tests call it too (tests/conftest.py), so they run the same Rasa whatever their order."""
    import logging

    from bot import rasa_patches, runtime, settings

    service = settings.service()
    runtime.cap_action_wait(service.action_timeout_seconds)
    runtime.quiet_command_reader()
    runtime.tensorflow_threads(service.tf_threads)
    if service.rasa_speed_patches:
        rasa_patches.apply()
    logging.getLogger("bot.rasa_cli").info(
        "Rasa configured: action server timeout %s s; speed patches %s.",
        service.action_timeout_seconds,
        "on" if rasa_patches.applied() else "off (RASA_SPEED_PATCHES=0)",
    )


class AtStart:
    """Rasa's own plugin hook at start: it runs after Rasa has set up its logging, its warning filters (which would
    otherwise be put in front of ours) and its TensorFlow variables, and before the command loads anything."""

    @hookimpl
    def configure_commandline(self, cmdline_arguments: argparse.Namespace) -> Optional[str]:
        configure()
        return None  # no endpoints file: Rasa takes a plugin's answer as one


def main() -> None:
    prepare()
    from rasa.__main__ import main as rasa_main
    from rasa.plugin import plugin_manager

    plugin_manager().register(AtStart())
    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
