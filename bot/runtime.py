"""Process settings of a Rasa process that are not speed patches: the action server's timeout (safety),
TensorFlow's thread pools, and Rasa's command reader kept out of the log (privacy). Applied by bot/rasa_cli.py."""

import logging
import re
import warnings

import rasa.core.actions.action as remote_action

logger = logging.getLogger(__name__)


def cap_action_wait(seconds: int) -> None:
    """Caps the wait for the action server, so a hung one still gets the patient the apology in time.

    Rasa 3.6 passes this module global to every action call (RemoteAction.run, `timeout=DEFAULT_REQUEST_TIMEOUT`,
    5 minutes), and endpoints.yml cannot change it."""
    remote_action.DEFAULT_REQUEST_TIMEOUT = seconds


def tensorflow_threads(threads: int) -> bool:
    """Sets TensorFlow's thread pools to `threads` each, unless 0, unless Rasa's own variables
    (TF_INTER_OP_PARALLELISM_THREADS, TF_INTRA_OP_PARALLELISM_THREADS) already did, and only before
    TensorFlow starts. True when set."""
    if threads <= 0:
        return False
    import tensorflow as tf

    pools = tf.config.threading
    if pools.get_inter_op_parallelism_threads() or pools.get_intra_op_parallelism_threads():
        return False
    try:
        pools.set_inter_op_parallelism_threads(threads)
        pools.set_intra_op_parallelism_threads(threads)
    except RuntimeError:  # TensorFlow already started in this process: its pools cannot change now
        logger.warning("TensorFlow had already started: TF_THREADS does not apply in this process.")
        return False
    return True


# Rasa's reader of "/intent{...}" commands (YAMLStoryReader.unpack_regex_message) quotes the whole message in
# its log records ("message.parsing.failed") and warnings. The slash-command guard (bot/nlu/components.py)
# keeps every command from it; should a message reach it anyway, the patient's words still stay out of the log.
COMMAND_READER = "rasa.shared.core.training_data.story_reader.yaml_story_reader"
COMMAND_WARNINGS = "Failed to parse arguments in line"  # each of its warnings that quotes the message


def _no_record(_: logging.LogRecord) -> bool:
    return False


def quiet_command_reader() -> None:
    """Drops the log records and warnings of Rasa's command reader: at run time it only ever quotes messages."""
    logging.getLogger(COMMAND_READER).addFilter(_no_record)  # the same filter is added once only
    warnings.filterwarnings("ignore", message=re.escape(COMMAND_WARNINGS))
