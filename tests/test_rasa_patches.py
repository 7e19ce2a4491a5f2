"""bot.rasa_patches: each speed patch gives Rasa's own result, for the Rasa pinned in constraints.txt; they and
the safety timeout are applied when Rasa starts (bot/rasa_cli.py), the patches only while RASA_SPEED_PATCHES is on."""

import os
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.helpers import read_logs

CONFIGURED = re.compile(r"Rasa configured: action server timeout (\d+) s; speed patches (on|off)")


def test_the_installed_rasa_is_the_pinned_one_the_patches_were_checked_against():
    import rasa

    pinned = re.search(r"^rasa==(\S+)$", (ROOT / "constraints.txt").read_text(encoding="utf-8"), re.MULTILINE)
    assert pinned, "constraints.txt pins no rasa"
    assert rasa.__version__ == pinned.group(1), (
        f"Rasa {rasa.__version__} is installed, but bot/rasa_patches.py replaces private functions of Rasa "
        f"{pinned.group(1)}: check each against the new Rasa (and these tests), then pin it in constraints.txt"
    )


def _python(*args: str, **env_extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "3", **env_extra}
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def _configured_at_start(**env_extra: str) -> tuple:
    """What a Rasa command started through bot.rasa_cli logs of its configuration (one that stops at once: no data)."""
    done = _python(
        "-m", "bot.rasa_cli", "data", "split", "nlu", "--nlu", "/nonexistent", "--out", "/nonexistent", **env_extra
    )
    found = CONFIGURED.findall(done.stdout + done.stderr)
    assert len(found) == 1, (done.stdout + done.stderr)[-3000:]
    return found[0]


@pytest.mark.slow
def test_every_rasa_start_applies_the_timeout_and_the_patches_and_one_setting_turns_only_the_patches_off():
    assert _configured_at_start(RASA_SPEED_PATCHES="", ACTION_TIMEOUT_SECONDS="") == ("5", "on")  # the defaults
    assert _configured_at_start(RASA_SPEED_PATCHES="0", ACTION_TIMEOUT_SECONDS="7") == ("7", "off")


@pytest.mark.slow
def test_building_the_tracker_store_changes_nothing_in_rasa(tmp_path):
    """The store once applied everything as a side effect: the timeout depended on which store was configured."""
    code = (
        "from rasa.shared.core.domain import Domain; from bot.store.tracker_store import ClinicTrackerStore; "
        f"ClinicTrackerStore(domain=Domain.empty(), db={str(tmp_path / 'tracker.db')!r}); "
        "import rasa.core.actions.action as a; from bot import rasa_patches; "
        "print(rasa_patches.applied(), a.DEFAULT_REQUEST_TIMEOUT)"
    )
    done = _python("-c", code)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.split()[-2:] == ["False", "300"]  # Rasa's own: unpatched, 5 minutes


def test_in_process_tests_run_the_rasa_that_rasa_start_configures():
    """tests/conftest.py configures Rasa before the first test, so no test depends on which ran before it."""
    import rasa.core.actions.action as remote_action

    from bot import rasa_patches, settings

    service = settings.service()
    assert rasa_patches.applied() == service.rasa_speed_patches
    assert remote_action.DEFAULT_REQUEST_TIMEOUT == service.action_timeout_seconds


def test_apply_and_remove_put_the_patches_and_rasas_own_functions_in_place():
    import rasa.shared.utils.common as rasa_common
    from rasa.core.policies.rule_policy import RulePolicy

    from bot import rasa_patches

    was = rasa_patches.applied()
    try:
        rasa_patches.remove()
        assert not rasa_patches.applied() and rasa_common.all_subclasses is rasa_patches._original_all_subclasses
        rasa_patches.apply()
        rasa_patches.apply()  # twice: still the patch, never a patch of the patch
        assert rasa_patches.applied() and RulePolicy._get_possible_keys is rasa_patches.possible_rule_keys
    finally:
        (rasa_patches.apply if was else rasa_patches.remove)()


@pytest.mark.model
@pytest.mark.servers
def test_the_servers_the_tests_start_run_the_configured_rasa(live):
    from bot import settings

    service = settings.service()
    _, logs = live
    expected = (str(service.action_timeout_seconds), "on" if service.rasa_speed_patches else "off")
    assert CONFIGURED.findall(read_logs(logs)) == [expected]


def test_remembered_subclasses_are_rasas_and_follow_new_classes():
    from rasa.shared.core.events import Event, SlotSet

    from bot import rasa_patches

    original = rasa_patches._original_all_subclasses
    assert rasa_patches.all_subclasses(Event) == original(Event)
    assert rasa_patches.all_subclasses(Event) == original(Event)  # from the cache

    class LaterEvent(SlotSet):  # imported after the first walk, as a plugin would be
        type_name = "later_test_event"

    assert LaterEvent in rasa_patches.all_subclasses(Event) and LaterEvent in rasa_patches.all_subclasses(SlotSet)
    assert rasa_patches.all_subclasses(Event) == original(Event)


def test_events_read_back_resolve_through_the_remembered_walk():
    import rasa.shared.utils.common as rasa_common
    from rasa.shared.core.events import Event, SlotSet

    from bot import rasa_patches

    before = rasa_common.all_subclasses
    try:
        rasa_common.all_subclasses = rasa_patches.all_subclasses
        assert Event.resolve_by_type("slot") is SlotSet
        assert isinstance(Event.from_parameters({"event": "slot", "name": "x", "value": 1}), SlotSet)
    finally:
        rasa_common.all_subclasses = before


def test_rule_matching_stopped_at_the_longest_rule_finds_the_same_rules_as_rasa():
    import json
    import random
    from types import SimpleNamespace

    from rasa.core.policies.rule_policy import RulePolicy

    from bot import rasa_patches

    rng = random.Random(7)
    actions, intents, loops = (
        ["action_listen", "utter_a", "utter_b", "dosing_form"],
        ["greet", "ask_x", "deny"],
        [None, "dosing_form"],
    )

    def state(first: bool = False):
        out = {"user": {"intent": rng.choice(intents)}} if rng.random() < 0.6 else {}
        if not first:
            out["prev_action"] = {"action_name": rng.choice(actions)}
        loop = rng.choice(loops)
        if loop:
            out["active_loop"] = {"name": loop}
        return out

    policy = SimpleNamespace(
        _rule_key_to_state=RulePolicy._rule_key_to_state, _does_rule_match_state=RulePolicy._does_rule_match_state
    )
    policy._is_rule_applicable = lambda key, i, s: RulePolicy._is_rule_applicable(policy, key, i, s)
    for _ in range(300):
        states = [state(first=j == 0) for j in range(rng.randint(1, 30))]
        rules = [[state(first=j == 0 and rng.random() < 0.3) for j in range(rng.randint(1, 4))] for _ in range(10)]
        # Rules that match the conversation's latest turns but maybe not at their own first (deepest) state.
        for _ in range(10):
            size = rng.randint(1, min(4, len(states)))
            rules.append([state()] + states[len(states) - size + 1 :] if rng.random() < 0.5 else states[-size:])
        lookup = {json.dumps(r, sort_keys=True): "utter_a" for r in rules}
        rasa = rasa_patches._original_possible_keys(policy, lookup, states)
        assert rasa_patches.possible_rule_keys(policy, lookup, states) == rasa
        assert rasa_patches.possible_rule_keys(policy, lookup, states) == rasa  # remembered


@pytest.mark.model
def test_the_graph_run_without_dask_gives_rasas_results(agent, event_loop_session):
    from rasa.core.channels.channel import UserMessage
    from rasa.engine.constants import PLACEHOLDER_MESSAGE, PLACEHOLDER_TRACKER
    from rasa.engine.runner.dask import DaskGraphRunner
    from rasa.shared.core.constants import ACTION_LISTEN_NAME
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot import rasa_patches

    processor = agent.processor
    runner, metadata = processor.graph_runner, processor.model_metadata
    assert isinstance(runner, DaskGraphRunner)
    texts = [
        "hi there",
        "what is ldn",
        "I can't sleep since I started it",
        "when should I take my ldn",
        "I want to kill myself",
        "what's the weather like tomorrow",
        "thanks, bye",
    ]
    for text in texts:
        tracker = DialogueStateTracker("graph-test", agent.domain.slots)
        tracker.update(ActionExecuted(ACTION_LISTEN_NAME))
        results = []
        for run in (rasa_patches.run_graph, rasa_patches._original_run):
            message = UserMessage(text, sender_id="graph-test", message_id="same-id")
            parsed = run(
                runner,
                inputs={PLACEHOLDER_MESSAGE: [message], PLACEHOLDER_TRACKER: tracker},
                targets=[metadata.nlu_target],
            )[metadata.nlu_target][0]
            # spaCy's documents compare by identity: compare their text.
            results.append({k: str(v) if k.endswith("spacy_doc") else v for k, v in parsed.as_dict().items()})
        assert results[0] == results[1], text
        parse = results[0]
        tracker.update(UserUttered(text, parse.get("intent"), parse.get("entities", [])))
        predictions = [
            run(runner, inputs={PLACEHOLDER_TRACKER: tracker}, targets=[metadata.core_target])[metadata.core_target]
            for run in (rasa_patches.run_graph, rasa_patches._original_run)
        ]
        assert predictions[0].probabilities == predictions[1].probabilities, text
        assert predictions[0].policy_name == predictions[1].policy_name, text


def test_intents_scored_directly_are_rasas(agent, event_loop_session):
    """The intent ranking of patients' words (the understanding rounds, odd text too) is Rasa's own."""
    import json

    from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier

    from bot import rasa_patches

    texts = [
        turn
        for path in sorted((ROOT / "data" / "understanding").glob("round*.jsonl"))[:3]
        for line in path.read_text(encoding="utf-8").splitlines()
        for turn in json.loads(line)["turns"]
    ][:240] + ["?", "🙂🙂", "LDN", "x" * 500, "what is ldn " * 40]

    def rankings():
        parsed = [event_loop_session.run_until_complete(agent.parse_message(text)) for text in texts]
        return [[(r["name"], r["confidence"]) for r in p["intent_ranking"]] for p in parsed]

    was = LogisticRegressionClassifier.process
    try:
        LogisticRegressionClassifier.process = rasa_patches.lr_process
        direct = rankings()
        LogisticRegressionClassifier.process = rasa_patches._original_lr_process
        own = rankings()
    finally:
        LogisticRegressionClassifier.process = was
    for text, mine, rasas in zip(texts, direct, own, strict=True):
        assert [name for name, _ in mine] == [name for name, _ in rasas], text
        assert all(abs(a - b) < 1e-12 for (_, a), (_, b) in zip(mine, rasas, strict=True)), text
