"""The website widget in a real browser on the real servers: chatting, quick replies, history, errors, safety."""

import re

import pytest
from playwright.sync_api import expect

from bot import knowledge
from bot.nlg import render
from tests.conftest import OTHER_SITE_PORT, free_port
from tests.helpers import clinic, new_sender, number
from tests.widget.conftest import PHONE
from tests.widget.steps import (
    ANSWER_TIMEOUT,
    ask as _ask,
    log_contains as _log_contains,
    open_chat as _open,
    serious_violations,
    stored,
    text_of,
)

pytestmark = [pytest.mark.model, pytest.mark.servers]


def _session_id(page):
    return stored(page)["sessionId"]


def test_open_shows_the_banner_a_short_greeting_starters_and_focuses_the_input(page):
    _open(page)
    assert text_of(page.locator(".msg.bot").first) == render("widget_greeting")
    assert page.locator(".banner p").inner_text() == render("widget_banner")
    assert page.locator(".replies button").all_inner_texts() == [e.button for e in knowledge.topic_buttons()][:4]
    assert page.evaluate("document.querySelector('#ldn-chat-widget').shadowRoot.activeElement.id") == "ldn-chat-input"


def test_the_disclaimer_is_shown_once_the_banner_and_not_again_with_the_first_answer(page):
    _open(page)
    _ask(page, "what is ldn")
    _ask(page, "i overdosed on ldn and cant breathe")
    panel = page.locator(".panel").inner_text()
    assert render("disclaimer") not in panel
    assert panel.count("not medical advice") == 1
    emergency = text_of(page.locator(".msg.bot").last)
    assert number("911") in emergency[:40]  # numbers first


def test_channels_without_a_banner_still_get_the_disclaimer_with_their_first_reply(client):
    plain = client.text(new_sender(), "what is ldn")
    assert plain.startswith(render("disclaimer"))
    status, replies = client.post({"sender": new_sender(), "message": "what is ldn", "metadata": {"banner": True}})
    assert status == 200 and render("disclaimer") not in "\n".join(r.get("text", "") for r in replies)
    emergency = client.text(new_sender(), "i want to kill myself")
    # The crisis line first for thoughts of self-harm, and every number before the disclaimer.
    assert number("988") in emergency[:90] and emergency.index(number("911")) < emergency.index(render("disclaimer"))


def test_question_gets_its_answer_with_source(page):
    _open(page)
    reply = page.locator(".msg.bot")
    _ask(page, "what is ldn")
    assert (
        "LDN stands for low dose naltrexone" in reply.last.inner_text()
        or "LDN stands for low dose naltrexone" in reply.nth(-2).inner_text()
    )
    assert "Source: clinic article, 'Introduction'" in page.locator(".log").inner_text()
    assert page.locator(".msg.user").last.inner_text().endswith("what is ldn")


def test_typing_indicator_while_waiting(page):
    _open(page)
    held = []
    page.route("**/webhooks/rest/webhook", lambda route: held.append(route))  # held until we have looked
    page.get_by_label("Your message").fill("what are the side effects")
    page.keyboard.press("Enter")
    while not held:
        page.wait_for_timeout(50)
    assert page.get_by_role("status").inner_text() == "The assistant is typing…"
    assert page.locator(".typing .dots").is_visible()
    held[0].continue_()
    _log_contains(page, "Potential Side Effects")
    expect(page.get_by_role("status")).to_have_text("")
    expect(page.locator(".typing")).to_be_hidden()


def test_quick_replies(page):
    _open(page)
    _ask(page, "help")
    titles = page.locator(".replies button").all_inner_texts()
    assert titles == [e.button for e in knowledge.topic_buttons()]
    page.get_by_role("button", name="Side effects").click()
    _log_contains(page, "Potential Side Effects")
    assert page.locator(".msg.user").last.inner_text().endswith("Side effects")


def test_reload_keeps_the_conversation_and_start_over_begins_a_new_one(page):
    _open(page)
    _ask(page, "does ldn help lupus")
    session = _session_id(page)
    assert re.fullmatch(r"web-[0-9a-f]{32}", session)
    page.reload()
    _open(page)  # restored closed
    assert "Th1 and Th2" in page.locator(".log").inner_text()
    assert _session_id(page) == session
    page.get_by_role("button", name="Start over").click()
    page.get_by_role("button", name="Yes, start over").click()
    assert "Th1 and Th2" not in page.locator(".log").inner_text()
    assert _session_id(page) != session
    # The server forgot the old conversation, and the patient is told so.
    expect(page.locator(".msg.note")).to_have_count(1, timeout=ANSWER_TIMEOUT)
    assert text_of(page.locator(".msg.note")) == render("widget_forgotten")


def test_start_over_during_a_pending_answer_erases_the_old_conversation_on_the_server(page, client):
    _open(page)
    _ask(page, "does ldn help lupus")
    old = _session_id(page)
    held = []
    page.route("**/webhooks/rest/webhook", lambda route: held.append(route))  # the answer is on its way
    page.get_by_label("Your message").fill("what are the side effects")
    page.keyboard.press("Enter")
    while not held:
        page.wait_for_timeout(50)
    page.get_by_role("button", name="Start over").click()
    page.get_by_role("button", name="Yes, start over").click()
    held[0].continue_()
    expect(page.locator(".msg.note")).to_have_text(
        re.compile(re.escape(render("widget_forgotten"))), timeout=ANSWER_TIMEOUT
    )
    page.unroute("**/webhooks/rest/webhook")
    assert "Potential Side Effects" not in page.locator(".log").inner_text()
    assert "Th1 and Th2" not in page.locator(".log").inner_text()
    # The old id now starts a new conversation: its first reply carries the disclaimer again.
    assert client.text(old, "what is ldn").startswith(render("disclaimer"))
    assert _ask(page, "does ldn help my thyroid") and _session_id(page) != old


def test_dosing_conversation_with_buttons(page):
    _open(page)
    _ask(page, "when should i take my ldn")
    page.get_by_role("button", name="Bedtime").click()
    page.get_by_role("button", name="Yes").wait_for(timeout=ANSWER_TIMEOUT)
    page.get_by_role("button", name="Yes").click()
    _log_contains(page, "in the morning, not at night")


def test_html_and_script_are_shown_as_text(page):
    _open(page)
    attack = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
    _ask(page, attack)
    assert page.evaluate("window.__pwned") is None
    shadow = "document.querySelector('#ldn-chat-widget').shadowRoot"
    assert page.evaluate(f"{shadow}.querySelectorAll('.log img, .log script').length") == 0
    assert attack in page.locator(".msg.user").last.inner_text()


def test_links_are_clickable(page):
    _open(page)
    _ask(page, "i want to talk to a person")
    link = page.locator(".msg.bot a[href^='https:']").first
    assert link.get_attribute("href") == clinic("clinic_website")
    assert page.locator(".msg.bot a[href^='tel:']").first.get_attribute("href") == "tel:" + re.sub(
        r"[^0-9+]", "", clinic("clinic_phone")
    )
    assert link.get_attribute("rel") == "noopener noreferrer"


def test_unreachable_server_keeps_the_message_and_retries(page):
    _open(page)
    page.route("**/webhooks/rest/webhook", lambda route: route.abort())
    page.get_by_label("Your message").fill("does ldn help my thyroid")
    page.keyboard.press("Enter")
    page.get_by_role("alert").wait_for()
    assert "Your message was kept" in page.get_by_role("alert").inner_text()
    page.reload()  # still kept after a reload, and tried again at once (still down here)
    _open(page)
    page.get_by_role("button", name="Try again").wait_for()
    page.unroute("**/webhooks/rest/webhook")
    page.get_by_role("button", name="Try again").click()
    _log_contains(page, "euthyroid")
    assert page.locator(".msg.user").last.inner_text().endswith("does ldn help my thyroid")
    assert page.get_by_role("alert").count() == 0


def test_keyboard_only(page):
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.get_by_role("dialog").wait_for()
    page.keyboard.type("what is ldn")
    page.keyboard.press("Enter")
    page.locator(".msg.bot").nth(1).wait_for(timeout=ANSWER_TIMEOUT)
    page.keyboard.press("Escape")
    assert page.get_by_role("dialog").is_hidden()
    assert page.get_by_role("button", name="Chat about LDN").get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")  # focus is back on the launcher
    page.get_by_role("dialog").wait_for()


def test_accessibility_and_screenshots(page, artifacts):
    _open(page)
    _ask(page, "help")
    for name, viewport in (("desktop", {"width": 1280, "height": 800}), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        assert not serious_violations(page)
        page.screenshot(path=str(artifacts / f"widget-live-{name}.png"))
    box = page.get_by_role("dialog").bounding_box()
    assert box["width"] <= PHONE["width"] and box["x"] >= 0


def test_log_is_announced_to_screen_readers(page):
    _open(page)
    log = page.get_by_role("log")
    assert log.get_attribute("aria-live") == "polite"
    for label in ("Start over", "Send"):
        assert page.get_by_role("button", name=label).count() == 1
    # The header's close button, and on larger screens the launcher, which now closes.
    assert page.get_by_role("button", name="Close chat").count() == 2


def test_no_third_party_requests(page, client):
    _open(page)
    _ask(page, "what is ldn")
    assert page.requests_seen and all(url.startswith(client.url) for url in page.requests_seen)


def test_survives_a_server_restart(chromium, model_path, tmp_path):
    """The conversation, the pending message and the dosing form's state all outlive a restart."""
    from bot.serve import servers
    from tests.widget.conftest import DESKTOP

    page = chromium.new_context(viewport=DESKTOP).new_page()
    settings = dict(port=free_port(), action_port=free_port(), tracker_db=tmp_path / "tracker.db", log_dir=tmp_path)
    with servers(model_path, **settings) as running:
        page.goto(f"{running.url}/webhooks/widget/")
        _open(page)
        _ask(page, "when should i take my ldn")
    page.get_by_role("button", name="Bedtime").click()  # the servers are down now
    page.get_by_role("alert").wait_for(timeout=ANSWER_TIMEOUT)
    with servers(model_path, **settings):
        page.get_by_role("button", name="Try again").click()
        _log_contains(page, render("ask_sleep_trouble"))
    assert page.locator(".msg.user").all_inner_texts()[-1].endswith("Bedtime")
    page.context.close()


def test_embedding_on_a_clinic_site_of_another_origin(chromium, client, tmp_path):
    """One script tag on another site's page talks to the assistant across origins (CORS)."""
    import functools
    import http.server
    import threading

    (tmp_path / "index.html").write_text(
        "<!doctype html><html lang='en'><head><title>Clinic site</title></head><body><main><h1>Clinic</h1></main>"
        f"<script src='{client.url}/webhooks/widget/ldn-widget.js' data-server='{client.url}' "
        "data-clinic-name='Lakeside Clinic' data-accent='#7a1f5c'></script></body></html>"
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    site = http.server.ThreadingHTTPServer(("127.0.0.1", OTHER_SITE_PORT), handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    try:
        page = chromium.new_context().new_page()
        page.goto(f"http://127.0.0.1:{OTHER_SITE_PORT}/index.html")
        _open(page)
        assert page.get_by_role("heading", name="Lakeside Clinic LDN helper").count() == 1
        _ask(page, "does ldn help crohns")
        _log_contains(page, "Crohn's disease")
        page.context.close()
    finally:
        site.shutdown()


def test_earlier_messages_are_not_redrawn_so_screen_readers_hear_only_new_ones(page):
    _open(page)
    _ask(page, "what is ldn")
    first = page.locator(".msg").first.element_handle()
    page.evaluate("el => el.dataset.marker = 'kept'", first)
    _ask(page, "does ldn help lupus")
    assert page.locator(".msg").first.get_attribute("data-marker") == "kept"


EMERGENCY_MESSAGE = "i overdosed on ldn and cant breathe"


def test_the_server_marks_each_emergency_message_over_rest_and_the_widget_shows_an_alert(page, client):
    status, replies = client.post({"sender": new_sender(), "message": EMERGENCY_MESSAGE, "metadata": {"banner": True}})
    assert status == 200 and replies and all(r.get("text") for r in replies), replies  # no message of the mark alone
    assert replies[0]["custom"] == {"emergency": True} and number("911") in replies[0]["text"]
    status, replies = client.post({"sender": new_sender(), "message": "what is ldn", "metadata": {"banner": True}})
    assert status == 200 and not any("custom" in r for r in replies), replies
    _open(page)
    _ask(page, "what is ldn")
    _ask(page, EMERGENCY_MESSAGE)
    alert = page.get_by_role("alert")
    expect(alert).to_have_count(1)
    assert alert.evaluate("n => n.classList.contains('emergency')") and number("911") in alert.inner_text()
    assert page.locator(".msg.bot:not(.emergency)").count() >= 2  # the greeting and the answer stay ordinary


def test_messaging_channels_get_the_emergency_text_without_the_mark(client, fake_platform):
    from tests.channels import webhooks as hooks

    chat = hooks.unique_id()
    assert hooks.telegram(client.url, hooks.tg_message(chat, EMERGENCY_MESSAGE))[0] == 200
    texts = [hooks.sent_text(call) for call in fake_platform.wait_for(hooks.to_recipient(str(chat)))]
    assert number("911") in texts[0] and not any("{" in t or 'emergency":' in t for t in texts), texts


def test_a_message_typed_while_the_assistant_answers_reaches_it(page):
    _open(page)
    held = []
    # The first answer is on its way until released; later messages go through.
    page.route("**/webhooks/rest/webhook", lambda route: route.continue_() if held else held.append(route))
    page.get_by_label("Your message").fill("what is ldn")
    page.keyboard.press("Enter")
    while not held:
        page.wait_for_timeout(50)
    page.get_by_label("Your message").fill(EMERGENCY_MESSAGE)
    page.keyboard.press("Enter")
    expect(page.locator(".status").last).to_have_text("Waiting to send\u2026")
    assert page.get_by_label("Your message").input_value() == "" and len(held) == 1
    held[0].continue_()
    expect(page.get_by_role("alert")).to_contain_text(number("911"), timeout=ANSWER_TIMEOUT)
    assert page.locator(".msg.user").all_inner_texts()[-1].endswith(EMERGENCY_MESSAGE)
