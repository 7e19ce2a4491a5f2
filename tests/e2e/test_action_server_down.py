"""A bare Rasa server: no action server and no channel secrets. Patients still get useful replies."""

import json
import urllib.error
import urllib.request

import pytest

from bot.nlg import render
from bot.serve import servers
from tests.conftest import CHANNEL_ENV, Client, free_port
from tests.helpers import number

pytestmark = [pytest.mark.model, pytest.mark.servers]


@pytest.fixture(scope="module")
def rasa_only(model_path, tmp_path_factory):
    work = tmp_path_factory.mktemp("no-actions")
    with pytest.MonkeyPatch.context() as patch:
        for name in CHANNEL_ENV:
            patch.delenv(name, raising=False)
        # Port 9 (discard) has nothing listening: every custom action call fails.
        with servers(
            model_path,
            port=free_port(),
            action_port=None,
            action_url="http://127.0.0.1:9/webhook",
            tracker_db=work / "tracker.db",
            log_dir=work,
        ) as running:
            yield Client(running.url)


def test_answers_still_work(rasa_only):
    reply = rasa_only.text("down-1", "what are the side effects")
    assert "Source: clinic article, 'Potential Side Effects'" in reply


def test_dosing_question_gets_a_useful_reply_instead_of_silence(rasa_only):
    messages = rasa_only.say("down-2", "when should i take my ldn")
    assert messages, "the patient got no reply"
    text = "\n".join(m.get("text", "") for m in messages)
    assert render("service_problem") in text or render("ask_dose_time") in text
    follow_up = rasa_only.say("down-2", "at night")
    assert follow_up and render("service_problem") in "\n".join(m.get("text", "") for m in follow_up)


def test_safety_rails_do_not_need_the_action_server(rasa_only):
    assert number("911") in rasa_only.text("down-3", "i overdosed")


@pytest.mark.parametrize("channel", ["telegram", "slack", "facebook", "twilio", "whatsapp"])
def test_messaging_channels_without_secrets_are_off(rasa_only, channel):
    request = urllib.request.Request(
        f"{rasa_only.url}/webhooks/{channel}/webhook",
        data=b"{}",
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request)
    assert err.value.code == 503 and "not configured" in json.loads(err.value.read())["error"]


def test_the_feedback_question_does_not_need_the_action_server(rasa_only):
    rasa_only.say("down-4", "what is ldn")
    assert rasa_only.say("down-4", "what are the side effects")[-1]["text"] == render("ask_feedback")
    assert rasa_only.text("down-4", "No") == render("ask_feedback_detail")
