"""Process-wide tweaks of Rasa give Rasa's own results: class-tree walk, rule matching, graph runs; TensorFlow's pools."""
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def test_remembered_subclasses_are_rasas_and_follow_new_classes():
    from rasa.shared.core.events import Event, SlotSet

    from bot import runtime
    original = runtime._original_all_subclasses
    assert runtime.all_subclasses(Event) == original(Event)
    assert runtime.all_subclasses(Event) == original(Event)  # from the cache

    class LaterEvent(SlotSet):  # imported after the first walk, as a plugin would be
        type_name = "later_test_event"

    assert LaterEvent in runtime.all_subclasses(Event) and LaterEvent in runtime.all_subclasses(SlotSet)
    assert runtime.all_subclasses(Event) == original(Event)


def test_events_read_back_resolve_through_the_remembered_walk():
    import rasa.shared.utils.common as rasa_common
    from rasa.shared.core.events import Event, SlotSet

    from bot import runtime
    before = rasa_common.all_subclasses
    try:
        rasa_common.all_subclasses = runtime.all_subclasses
        assert Event.resolve_by_type("slot") is SlotSet
        assert isinstance(Event.from_parameters({"event": "slot", "name": "x", "value": 1}), SlotSet)
    finally:
        rasa_common.all_subclasses = before


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
    quiet_before = runtime._no_record in reader.filters  # configure() ran if a test made a tracker store
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
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.split()[-1]


def test_tensorflow_pools_follow_the_setting_unless_rasas_own_variables_say_otherwise():
    code = ("from bot import runtime, settings; runtime.tensorflow_threads(settings.service().tf_threads); "
            "import tensorflow as tf; t = tf.config.threading; "
            "print(f'{t.get_inter_op_parallelism_threads()},{t.get_intra_op_parallelism_threads()}')")
    assert _threads({"TF_THREADS": "1"}, code) == "1,1"
    assert _threads({"TF_THREADS": "0"}, code) == "0,0"
    # Rasa's command line applies its own variables first (rasa.utils.tensorflow.environment): they win.
    rasa_first = ("import os; from rasa.utils.tensorflow.environment import setup_tf_environment; "
                  "setup_tf_environment(); " + code)
    assert _threads({"TF_THREADS": "1", "TF_INTRA_OP_PARALLELISM_THREADS": "2"}, rasa_first) == "0,2"


def test_rule_matching_stopped_at_the_longest_rule_finds_the_same_rules_as_rasa():
    import json
    import random
    from types import SimpleNamespace

    from rasa.core.policies.rule_policy import RulePolicy

    from bot import runtime
    rng = random.Random(7)
    actions, intents, loops = ["action_listen", "utter_a", "utter_b", "dosing_form"], ["greet", "ask_x", "deny"], \
        [None, "dosing_form"]

    def state(first: bool = False):
        out = {"user": {"intent": rng.choice(intents)}} if rng.random() < .6 else {}
        if not first:
            out["prev_action"] = {"action_name": rng.choice(actions)}
        loop = rng.choice(loops)
        if loop:
            out["active_loop"] = {"name": loop}
        return out

    policy = SimpleNamespace(_rule_key_to_state=RulePolicy._rule_key_to_state,
                             _does_rule_match_state=RulePolicy._does_rule_match_state)
    policy._is_rule_applicable = lambda key, i, s: RulePolicy._is_rule_applicable(policy, key, i, s)
    for _ in range(300):
        states = [state(first=j == 0) for j in range(rng.randint(1, 30))]
        rules = [[state(first=j == 0 and rng.random() < .3) for j in range(rng.randint(1, 4))] for _ in range(10)]
        # Rules that match the conversation's latest turns but maybe not at their own first (deepest) state.
        for _ in range(10):
            size = rng.randint(1, min(4, len(states)))
            rules.append([state()] + states[len(states) - size + 1:] if rng.random() < .5 else states[-size:])
        lookup = {json.dumps(r, sort_keys=True): "utter_a" for r in rules}
        rasa = runtime._original_possible_keys(policy, lookup, states)
        assert runtime.possible_rule_keys(policy, lookup, states) == rasa
        assert runtime.possible_rule_keys(policy, lookup, states) == rasa  # remembered


@pytest.mark.model
def test_the_graph_run_without_dask_gives_rasas_results(agent, event_loop_session):
    from rasa.core.channels.channel import UserMessage
    from rasa.engine.constants import PLACEHOLDER_MESSAGE, PLACEHOLDER_TRACKER
    from rasa.engine.runner.dask import DaskGraphRunner
    from rasa.shared.core.constants import ACTION_LISTEN_NAME
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot import runtime
    processor = agent.processor
    runner, metadata = processor.graph_runner, processor.model_metadata
    assert isinstance(runner, DaskGraphRunner)
    texts = ["hi there", "what is ldn", "I can't sleep since I started it", "when should I take my ldn",
             "I want to kill myself", "what's the weather like tomorrow", "thanks, bye"]
    for text in texts:
        tracker = DialogueStateTracker("graph-test", agent.domain.slots)
        tracker.update(ActionExecuted(ACTION_LISTEN_NAME))
        results = []
        for run in (runtime.run_graph, runtime._original_run):
            message = UserMessage(text, sender_id="graph-test", message_id="same-id")
            parsed = run(runner, inputs={PLACEHOLDER_MESSAGE: [message], PLACEHOLDER_TRACKER: tracker},
                         targets=[metadata.nlu_target])[metadata.nlu_target][0]
            # spaCy's documents compare by identity: compare their text.
            results.append({k: str(v) if k.endswith("spacy_doc") else v for k, v in parsed.as_dict().items()})
        assert results[0] == results[1], text
        parse = results[0]
        tracker.update(UserUttered(text, parse.get("intent"), parse.get("entities", [])))
        predictions = [run(runner, inputs={PLACEHOLDER_TRACKER: tracker}, targets=[metadata.core_target])
                       [metadata.core_target] for run in (runtime.run_graph, runtime._original_run)]
        assert predictions[0].probabilities == predictions[1].probabilities, text
        assert predictions[0].policy_name == predictions[1].policy_name, text
