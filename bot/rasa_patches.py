"""Speed patches of private internals of the pinned Rasa (constraints.txt), each giving Rasa's own result.

Applied once per Rasa process, at its start, by bot/rasa_cli.py (`configure`), unless RASA_SPEED_PATCHES=0.
They replace these private parts of Rasa 3.6, so a Rasa upgrade must check each again
(tests/test_rasa_patches.py compares each with Rasa's own, and fails when another Rasa is installed):
- rasa.shared.utils.common.all_subclasses: remembered while the class tree does not change;
- RulePolicy._get_possible_keys: stops at the longest rule, and remembers its answer;
- DaskGraphRunner.run: the model's graph run without dask's scheduler;
- LogisticRegressionClassifier.process: the intent probabilities worked out from the message's features
  and the model's weights directly.
"""

from typing import Any, Callable, Dict, List, Optional, Tuple

import numpy as np
import rasa.shared.utils.common as rasa_common
from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.core.constants import PREVIOUS_ACTION, SHOULD_NOT_BE_SET, USER
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.utils.tensorflow.constants import RANKING_LENGTH

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


# id(lookup) -> (the lookup, how many rules it had when indexed, its rules by the previous action and intent
# of their latest state)
_rule_index: Dict[int, Tuple[Dict[str, str], int, Dict[Tuple[Optional[str], Optional[str]], List[str]]]] = {}


def _action_and_intent(state: Dict[str, Any]) -> Tuple[Optional[str], Optional[str]]:
    """A state's previous action name and user intent; None where either is not a plain name to compare."""
    found = []
    for part, feature in ((PREVIOUS_ACTION, "action_name"), (USER, "intent")):
        value = (state.get(part) or {}).get(feature)
        found.append(value if isinstance(value, str) and value and value != SHOULD_NOT_BE_SET else None)
    return found[0], found[1]


def _candidates(self: RulePolicy, lookup: Dict[str, str], latest: Dict[str, Any]) -> set:
    """The rules that may match the latest state: those whose own latest state names no other previous action
    and no other intent (Rasa's `_does_rule_match_state` needs a named one to be equal); the rest fail there."""
    held = _rule_index.get(id(lookup))
    if held is None or held[0] is not lookup or held[1] != len(lookup):
        index: Dict[Tuple[Optional[str], Optional[str]], List[str]] = {}
        for key in lookup:
            index.setdefault(_action_and_intent(self._rule_key_to_state(key)[-1]), []).append(key)
        if len(_rule_index) >= RULE_MATCHES_KEPT:
            _rule_index.clear()
        held = _rule_index[id(lookup)] = (lookup, len(lookup), index)
    if not latest.get(PREVIOUS_ACTION):
        return set(lookup)  # a conversation's start matches every rule that starts one, whatever its intent
    action, intent = _action_and_intent(latest)
    return {
        key
        for bucket in {(action, intent), (action, None), (None, intent), (None, None)}
        for key in held[2].get(bucket, ())
    }


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
    possible = _candidates(self, lookup, recent[-1]) if recent else set(lookup.keys())
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


def run_graph(
    self: DaskGraphRunner, inputs: Optional[Dict[str, Any]] = None, targets: Optional[List[str]] = None
) -> Dict[str, Any]:
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
                done[name] = task[0](
                    *(value(arg) if isinstance(arg, str) and arg in graph else arg for arg in task[1:])
                )
            else:  # an input: `(name, value)` as the nodes expect it
                done[name] = task
        return done[name]

    try:
        return dict(value(target) for target in run_targets)
    except RuntimeError as exc:  # as DaskGraphRunner.run reports it
        raise GraphRunError("Error running runner.") from exc


_original_lr_process = LogisticRegressionClassifier.process


def _sentence_columns(message: Message) -> Optional[Tuple[np.ndarray, np.ndarray]]:
    """The columns and values of the message's combined sparse sentence features, in the order Rasa's
    get_sparse_features stacks them (each featurizer's block after the one before), without building the
    stacked matrix, nor the sequence features Rasa combines beside them and the classifier never reads."""
    cols, data, offset = [], [], 0
    for feature in message.features:
        if feature.attribute == TEXT and feature.is_sparse() and feature.type == FEATURE_TYPE_SENTENCE:
            block = feature.features.tocoo()
            cols.append(block.col + offset)
            data.append(block.data)
            offset += block.shape[1]
    return (np.concatenate(cols), np.concatenate(data)) if cols else None


def lr_process(self: LogisticRegressionClassifier, messages: List[Message]) -> List[Message]:
    """LogisticRegressionClassifier.process, scoring each message from its sparse features directly.

    Rasa stacks each message's features into a new sparse matrix and calls scikit-learn's predict_proba,
    which checks its input and multiplies sparse matrices: about 1.5 ms a message, for a sum over the few
    columns the message has. This is scikit-learn's multinomial predict_proba (Rasa's configuration:
    lbfgs, multi_class "auto", more than two intents) on those columns; anything else goes to Rasa's own.
    """
    clf = self.clf
    multinomial = getattr(clf, "multi_class", None) == "auto" and clf.solver != "liblinear" and clf.classes_.size > 2
    if not multinomial or not hasattr(clf, "coef_"):
        return _original_lr_process(self, messages)
    for message in messages:
        columns = _sentence_columns(message)
        dense = message.get_dense_features(attribute=TEXT)[1]
        if columns is None or dense is not None:
            _original_lr_process(self, [message])
            continue
        col, data = columns
        logits = clf.intercept_ + clf.coef_[:, col] @ data
        shifted = np.exp(logits - logits.max())  # scipy's softmax, as scikit-learn's predict_proba uses it
        probabilities = shifted / shifted.sum()
        # Rasa's ranking, built the same way from the same numbers.
        ranking = sorted(
            ({"name": k, "confidence": v} for k, v in zip(clf.classes_, probabilities, strict=True)),
            key=lambda e: -e["confidence"],
        )
        message.set("intent", ranking[0], add_to_output=True)
        length = self.config[RANKING_LENGTH]
        message.set("intent_ranking", ranking[:length] if length > 0 else ranking, add_to_output=True)
    return messages


# (owner, attribute, Rasa's own, the replacement): what apply() sets and remove() puts back.
PATCHES: Tuple[Tuple[Any, str, Any, Any], ...] = (
    (rasa_common, "all_subclasses", _original_all_subclasses, all_subclasses),
    (RulePolicy, "_get_possible_keys", _original_possible_keys, possible_rule_keys),
    (DaskGraphRunner, "run", _original_run, run_graph),
    (LogisticRegressionClassifier, "process", _original_lr_process, lr_process),
)


def apply() -> None:
    """Replaces Rasa's functions with the faster ones above (again: no change)."""
    for owner, name, _, replacement in PATCHES:
        setattr(owner, name, replacement)


def remove() -> None:
    """Puts Rasa's own functions back."""
    for owner, name, original, _ in PATCHES:
        setattr(owner, name, original)


def applied() -> bool:
    """True when every patch is in place."""
    return all(getattr(owner, name) is replacement for owner, name, _, replacement in PATCHES)
