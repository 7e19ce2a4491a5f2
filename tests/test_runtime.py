"""bot.runtime: the action server's timeout, TensorFlow's pools, and Rasa's command reader kept out of the log."""

import subprocess
import sys

import pytest

from tests.conftest import ROOT


def test_rasas_command_reader_never_logs_the_message(caplog):
    """Should a "/..." message ever reach Rasa's command reader, its records and warnings quoting it are dropped."""
    import logging
    import warnings

    import structlog
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
    from rasa.shared.nlu.training_data.message import Message
    from rasa.utils.log_utils import configure_structlog

    from bot import runtime

    def read(text):
        YAMLStoryReader.unpack_regex_message(Message(data={"text": text}), Domain.from_dict({"intents": ["greet"]}))

    configure_structlog(logging.INFO)  # as `rasa run` does: its records go through the standard logging
    reader = logging.getLogger(runtime.COMMAND_READER)
    quiet_before = runtime._no_record in reader.filters  # bot.rasa_cli.configure() ran (tests/conftest.py)
    reader.removeFilter(runtime._no_record)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("default")
            read("/{555-867-1000}")  # unreadable: a log record
            read("/555-867-2000")  # an unknown intent: a warning
            assert "867-1000" in caplog.text and "867-2000" in str([str(w.message) for w in caught])
            runtime.quiet_command_reader()
            read("/{555-867-3000}")
            read("/555-867-4000")
            assert "867-3000" not in caplog.text and "867-4000" not in str([str(w.message) for w in caught])
    finally:
        if not quiet_before:
            reader.removeFilter(runtime._no_record)
        structlog.reset_defaults()


def _threads(env_extra: dict, code: str) -> str:
    import os

    env = {**os.environ, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "3", **env_extra}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.split()[-1]


@pytest.mark.slow
def test_tensorflow_pools_follow_the_setting_unless_rasas_own_variables_say_otherwise():
    code = (
        "from bot import runtime, settings; runtime.tensorflow_threads(settings.service().tf_threads); "
        "import tensorflow as tf; t = tf.config.threading; "
        "print(f'{t.get_inter_op_parallelism_threads()},{t.get_intra_op_parallelism_threads()}')"
    )
    assert _threads({"TF_THREADS": "1"}, code) == "1,1"
    assert _threads({"TF_THREADS": "0"}, code) == "0,0"
    # Rasa's command line applies its own variables first (rasa.utils.tensorflow.environment): they win.
    rasa_first = (
        "import os; from rasa.utils.tensorflow.environment import setup_tf_environment; setup_tf_environment(); " + code
    )
    assert _threads({"TF_THREADS": "1", "TF_INTRA_OP_PARALLELISM_THREADS": "2"}, rasa_first) == "0,2"
