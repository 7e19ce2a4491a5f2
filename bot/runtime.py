"""Process-wide limits and caches applied to Rasa once, when the Rasa server loads the project's classes."""
import logging
import re
import warnings
from typing import Any, Callable, Dict, List, Optional, Tuple

import rasa.core.actions.action as remote_action
import rasa.shared.utils.common as rasa_common
from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner

from bot import settings

logger = logging.getLogger(__name__)
_original_all_subclasses: Callable[[Any], List[Any]] = rasa_common.all_subclasses
# class -> (how many classes its subclass tree had, Rasa's answer for it then)
_subclasses: Dict[Any, Tuple[int, List[Any]]] = {}


def _tree_size(cls: Any) -> int:
    """How many (direct or indirect) subclasses a class has now: grows when a new subclass is imported."""
    size, todo = 0, [cls]
    while todo:
        found = todo.pop().__subclasses__()
        size += len(found)
        todo.extend(found)
    return size


def all_subclasses(cls: Any) -> List[Any]:
    """rasa.shared.utils.common.all_subclasses, remembered while no subclass is added or removed.

    Rasa calls it for every event it reads back from the tracker store (Event.resolve_by_type) and
    every slot; it walks the class tree and asks `inspect.isabstract` of each class each time.
    Counting the tree is five times cheaper and notices any class imported later.
    """
    size = _tree_size(cls)
    cached = _subclasses.get(cls)
    if cached is not None and cached[0] == size:
        return list(cached[1])
    found = _original_all_subclasses(cls)
    _subclasses[cls] = (size, found)
    return list(found)


_original_possible_keys = RulePolicy._get_possible_keys


# (id of a rule lookup, its size, the last states as values) -> the rule keys that apply; bounded below.
_rule_matches: Dict[Tuple[Any, ...], frozenset] = {}
# The lookups those ids belong to, held so that no other dict can get the same id meanwhile.
_rule_lookups: Dict[int, Dict[str, str]] = {}
RULE_MATCHES_KEPT = 4096


def _frozen(state: Dict[str, Any]) -> Tuple[Any, ...]:
    """A conversation state (sub-states of strings and tuples) as a hashable value."""
    return tuple(sorted((part, tuple(sorted(values.items()))) for part, values in state.items()))


def possible_rule_keys(self: RulePolicy, lookup: Dict[str, str], states: List[Dict[str, Any]]) -> set:
    """RulePolicy._get_possible_keys that stops going back in the conversation past its longest rule,
    and remembers its answer for the same latest states.

    Rasa walks every earlier state of the conversation (a 12-turn chat has ~40) filtering all rules at each,
    though a rule shorter than the distance back always passes (`_is_rule_applicable`: turn_index >= its
    length is True): from the longest rule's length on the filter keeps everything, so stopping there
    gives the same keys, which then depend only on the lookup and those latest states.
    """
    longest = max((len(self._rule_key_to_state(key)) for key in lookup), default=0)
    recent = states[-longest:] if longest else []
    try:
        memo = (id(lookup), len(lookup), tuple(_frozen(state) for state in recent))
        hash(memo)
    except TypeError:  # a state value that is not hashable: match without remembering
        memo = None
    if memo is not None and memo in _rule_matches:
        return set(_rule_matches[memo])
    possible = set(lookup.keys())
    for i, state in enumerate(reversed(recent)):
        possible = {key for key in possible if self._is_rule_applicable(key, i, state)}
    if memo is not None:
        if len(_rule_matches) >= RULE_MATCHES_KEPT:
            _rule_matches.clear()
            _rule_lookups.clear()
        _rule_lookups[id(lookup)] = lookup
        _rule_matches[memo] = frozenset(possible)
    return possible


_original_run = DaskGraphRunner.run


def run_graph(self: DaskGraphRunner, inputs: Optional[Dict[str, Any]] = None,
              targets: Optional[List[str]] = None) -> Dict[str, Any]:
    """DaskGraphRunner.run without dask: each of the model's graph nodes runs once, after what it needs.

    Rasa runs its graph for every message and every predicted action through `dask.get`, which orders
    and schedules the tasks anew each time (10% of a turn's time for a graph of ~15 nodes, plus
    working out the same sub-graph each time). The nodes, their inputs and the results are Rasa's own:
    the same `(node, *needs)` tasks from `_build_dask_graph`, run depth-first.
    """
    run_targets = targets if targets else self._graph_schema.target_names
    schemas = self.__dict__.setdefault("_bot_minimal_schemas", {})
    key = tuple(run_targets)
    if key not in schemas:  # the model's graph never changes once loaded
        schemas[key] = self._graph_schema.minimal_graph_schema(run_targets)
    graph = self._build_dask_graph(schemas[key])
    self._add_inputs_to_graph(inputs, graph)
    done: Dict[str, Any] = {}

    def value(name: str) -> Any:
        if name not in done:
            task = graph[name]
            if isinstance(task, tuple) and task and callable(task[0]):
                done[name] = task[0](*(value(arg) if isinstance(arg, str) and arg in graph else arg
                                       for arg in task[1:]))
            else:  # an input: `(name, value)` as the nodes expect it
                done[name] = task
        return done[name]

    try:
        return dict(value(target) for target in run_targets)
    except RuntimeError as exc:  # as DaskGraphRunner.run reports it
        raise GraphRunError("Error running runner.") from exc


def tensorflow_threads(threads: int) -> bool:
    """Sets TensorFlow's thread pools to `threads` each, unless 0, unless Rasa's own variables
    (TF_INTER_OP_PARALLELISM_THREADS, TF_INTRA_OP_PARALLELISM_THREADS) already did, and only before
    TensorFlow starts (Rasa loads the tracker store before the model). True when set."""
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


def configure() -> None:
    """Caps the wait for the action server: Rasa 3.6 passes this module global to every action call
    (RemoteAction.run, `timeout=DEFAULT_REQUEST_TIMEOUT`, 5 minutes), and endpoints.yml cannot change it.
    Remembers Rasa's class-tree walks (all_subclasses above), shortens its rule matching (possible_rule_keys
    above), runs the model's graph without dask's scheduler (run_graph above), and sizes TensorFlow's
    thread pools. Keeps Rasa's command reader out of the log (quiet_command_reader above)."""
    service = settings.service()
    remote_action.DEFAULT_REQUEST_TIMEOUT = service.action_timeout_seconds
    rasa_common.all_subclasses = all_subclasses
    RulePolicy._get_possible_keys = possible_rule_keys
    DaskGraphRunner.run = run_graph
    tensorflow_threads(service.tf_threads)
    quiet_command_reader()
