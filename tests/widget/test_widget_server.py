"""The widget's server side: settings built into the script, and the banner flag that replaces the disclaimer."""

import asyncio
import json
import re
from concurrent.futures import ThreadPoolExecutor

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import knowledge
from bot.channels.widget import CONFIG_SLOT, MESSAGES, STARTERS, widget_config, widget_script
from bot.knowledge.build import responses
from bot.nlg import ClinicNLG, render
from tests.helpers import number


def test_starters_are_the_knowledge_files_topic_buttons():
    assert [s["title"] for s in widget_config()["starters"]] == [e.button for e in knowledge.topic_buttons()][:STARTERS]


def test_texts_come_from_the_knowledge_file_with_the_clinic_filled_in(monkeypatch):
    monkeypatch.setenv("CLINIC_PHONE", "(555) 777-0000")
    config = widget_config()
    assert config["messages"] == {key: render(f"widget_{key}") for key in MESSAGES}
    assert "(555) 777-0000" in config["messages"]["error_server"]
    words = config.pop("words")
    assert not re.search(r"{\w+}", json.dumps(config))  # every placeholder filled in
    # but the widget's own: the count, who and when, and the clinic's name a page may set itself
    assert set(re.findall(r"{(\w+)}", json.dumps(words))) == {"count", "who", "time", "clinic_name"}
    assert config["banner"] == render("widget_banner") and config["banner"].startswith(
        f"In an emergency, call {number('911')}."
    )


def test_tap_to_call_numbers_come_from_the_settings(monkeypatch):
    monkeypatch.setenv("POISON_HELP", "0800 123 456")
    monkeypatch.setenv("EMERGENCY_NUMBER", "112")
    phones = {p["kind"]: p for p in widget_config()["phones"]}
    assert phones["poison"] == {"kind": "poison", "text": "0800 123 456", "tel": "0800123456"}
    assert phones["emergency"]["tel"] == "112" and set(phones) == {"emergency", "crisis", "poison", "clinic"}


def test_the_served_script_carries_its_settings_as_plain_ascii_json(monkeypatch):
    monkeypatch.setenv("CLINIC_NAME", "Clínica </script> \u2028 Sur")
    script = widget_script()
    assert CONFIG_SLOT not in script and script.isascii()
    literal = re.search(r"var CONFIG = (\{.*?\}) \|\| \{\};", script).group(1)
    assert json.loads(literal)["clinicName"] == "Clínica </script> \u2028 Sur"


def _first_reply(metadata):
    nlg = ClinicNLG(domain=Domain.from_dict({"responses": responses()}))
    tracker = DialogueStateTracker.from_events(
        "s",
        [
            ActionExecuted("action_session_start"),
            SessionStarted(),
            ActionExecuted("action_listen"),
            UserUttered("what is ldn", metadata=metadata),
        ],
        slots=[],
    )
    # In a thread of its own: Playwright's sync API keeps an event loop running in this one.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, nlg.generate("utter_what_is_ldn", tracker, "rest")).result()["text"]


def test_the_widgets_banner_flag_replaces_the_first_session_disclaimer():
    assert _first_reply({"banner": True}) == render("what_is_ldn")
    for other in (None, {}, {"banner": "yes"}, {"banner": 1}):
        assert _first_reply(other).startswith(render("disclaimer")), other
