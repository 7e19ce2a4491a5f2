"""A message whose answer is lost or slow (issue 17, widget item 6): the widget says "No answer yet", and its
"Try again" sends the same message id, so the real server answers it once and the patient sees one answer."""

import json
import sqlite3

import pytest
from playwright.sync_api import expect

from bot import knowledge
from bot.channels.senders import rest_conversation_id
from tests.conftest import free_port
from tests.widget.conftest import DESKTOP
from tests.widget.steps import ANSWER_TIMEOUT, log_contains, open_chat, send, stored

pytestmark = [pytest.mark.model, pytest.mark.servers]

QUESTION = "what is ldn"
TIMEOUT_SECONDS = 3  # the widget's wait, short here so the test need not wait 30 s


@pytest.fixture
def slow_server(model_path, tmp_path, monkeypatch):
    from bot.serve import servers

    monkeypatch.setenv("WIDGET_TIMEOUT_SECONDS", str(TIMEOUT_SECONDS))
    settings = dict(port=free_port(), action_port=free_port(), tracker_db=tmp_path / "tracker.db", log_dir=tmp_path)
    with servers(model_path, **settings) as running:
        yield running.url, tmp_path / "tracker.db"


def test_a_lost_answer_says_no_answer_yet_and_the_retry_is_answered_once(chromium, slow_server, artifacts):
    url, tracker_db = slow_server
    page = chromium.new_context(viewport=DESKTOP).new_page()
    page.goto(f"{url}/webhooks/widget/")
    open_chat(page)
    bodies, answered = [], []

    def lose_the_answer(route):
        """The server gets the message and answers, but the answer never reaches the browser (a slow or
        dropped response): the widget's own wait runs out."""
        bodies.append(json.loads(route.request.post_data))
        route.fetch(timeout=ANSWER_TIMEOUT)
        answered.append(True)  # the route is left unanswered: the widget gives up first

    page.route("**/webhooks/rest/webhook", lose_the_answer)
    send(page, QUESTION)
    words = knowledge.widget_words()
    alert = page.get_by_role("alert")
    alert.wait_for(timeout=ANSWER_TIMEOUT)
    expect(page.locator(".status").last).to_have_text(words["no_answer_yet"])
    page.wait_for_function("() => true")  # let Playwright run the route handler's fetch
    page.wait_for_timeout(100)
    assert answered, "the server never got the first try"
    page.screenshot(path=str(artifacts / "widget-no-answer-yet.png"))

    page.unroute("**/webhooks/rest/webhook")
    page.route(
        "**/webhooks/rest/webhook",
        lambda route: (bodies.append(json.loads(route.request.post_data)), route.continue_()),
    )
    page.get_by_role("button", name=words["try_again"]).click()
    log_contains(page, "naltrexone")
    expect(page.locator(".typing")).to_be_hidden(timeout=ANSWER_TIMEOUT)
    page.wait_for_timeout(500)

    assert len(bodies) == 2 and bodies[0]["message_id"] == bodies[1]["message_id"]
    bot_texts = page.locator(".msg.bot").all_inner_texts()
    assert sum("Source:" in text for text in bot_texts) == 1, bot_texts  # one answer shown (besides the greeting)
    assert page.locator(".msg.user").count() == 1 and page.get_by_role("alert").count() == 0
    sender = stored(page)["sessionId"]
    with sqlite3.connect(tracker_db) as db:
        turns = db.execute(
            "select data from events where sender_id = ? and type_name = 'user'", (rest_conversation_id(sender),)
        ).fetchall()
    assert [json.loads(data)["text"] for (data,) in turns] == [QUESTION]  # answered once on the server
    page.context.close()
