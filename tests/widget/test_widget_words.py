"""The widget's own words (issue 17): every button, label and state comes from answers.yml through the server's
settings, and so do its limits; the script writes none of its own."""

import json
import re

from playwright.sync_api import expect

from bot import knowledge, settings
from bot.channels.widget import MESSAGES, widget_config, widget_script
from tests.widget.steps import SHADOW, open_chat, waiting_on_a_fake_clock

# Every text node and label of the widget, except what the server sends as messages (banner, errors, greeting,
# "still working", the start-over question) and the conversation's own words: checked against the markers.
SHOWN_WORDS = f"""(() => {{ const root = {SHADOW}, out = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {{
        const p = n.parentElement;
        if (p.closest('style') || p.closest('.banner p, .typing-text, .confirm p')) continue;
        if (p.closest('.error') && !p.closest('button')) continue;
        if (p.closest('.msg') && !p.closest('.sr-only, .sos-label')) continue;
        out.push(n.textContent);
    }}
    root.querySelectorAll('[aria-label], [placeholder], [title]').forEach(e =>
        ['aria-label', 'placeholder', 'title'].forEach(a => e.hasAttribute(a) && out.push(e.getAttribute(a))));
    return out; }})()"""
MARKER = re.compile(r"\[\w+\]")
TIME = re.compile(r"\d{1,2}:\d{2}[\s\u202f]?[AP]M")


def test_the_words_are_answers_yml_with_the_clinics_settings_filled_in(monkeypatch):
    monkeypatch.setenv("EMERGENCY_NUMBER", "112")
    words = widget_config()["words"]
    assert words.keys() == knowledge.widget_words().keys()
    assert words["start_over"] == knowledge.widget_words()["start_over"]
    assert words["title"] == "{clinic_name} LDN helper"  # the page may name the clinic (data-clinic-name)
    assert words["unread_many"] == "({count} new replies)"  # the widget fills in the count


def test_the_limits_come_from_the_service_settings(monkeypatch, widget_page):
    monkeypatch.setenv("MAX_MESSAGE_CHARS", "300")
    monkeypatch.setenv("WIDGET_TIMEOUT_SECONDS", "12")
    config = widget_config()
    assert (config["maxChars"], config["timeoutSeconds"]) == (300, 12)
    assert settings.service().max_message_chars == 300  # the REST channel's own limit
    page = open_chat(widget_page())
    assert page.get_by_label("Your message").get_attribute("maxlength") == "300"
    literal = re.search(r"var CONFIG = (\{.*?\}) \|\| \{\};", widget_script()).group(1)
    assert json.loads(literal)["timeoutSeconds"] == 12


def test_the_timeout_is_the_servers(monkeypatch, widget_page, fake):
    monkeypatch.setenv("WIDGET_TIMEOUT_SECONDS", "5")
    page = waiting_on_a_fake_clock(widget_page(), fake, "what is ldn", delay=2)
    page.clock.run_for(4_000)
    expect(page.get_by_role("alert")).to_have_count(0)
    page.clock.run_for(1_500)
    expect(page.get_by_role("alert")).to_be_visible()


def _send(page, text):
    """Types and sends without the field's name, which is a marker here."""
    page.locator("textarea").fill(text)
    page.locator("textarea").press("Enter")


def test_the_script_writes_no_words_of_its_own(monkeypatch, widget_page, fake):
    """With every word of answers.yml's widget section replaced by a marker, nothing else is left on screen."""
    marked = {key: f"[{key}]" for key in knowledge.widget_words()}
    monkeypatch.setattr(knowledge, "widget_words", lambda: marked)
    page = widget_page(locale="en-US")
    seen = []
    page.locator(".launcher").click()
    page.get_by_role("dialog").wait_for()
    seen += page.evaluate(SHOWN_WORDS)
    fake.answer(status=500)
    _send(page, "first try")
    page.locator(".error").wait_for()
    seen += page.evaluate(SHOWN_WORDS)  # "Not sent", "Try again"
    fake.answer(delay=1.5)
    _send(page, "second")
    page.locator(".typing").wait_for()
    _send(page, "third")  # waits behind the second
    seen += page.evaluate(SHOWN_WORDS)
    page.locator(".launcher").click()  # closed while the answers come: the unread count
    expect(page.locator(".badge")).to_be_visible(timeout=10_000)
    seen += page.evaluate(SHOWN_WORDS)
    page.locator(".launcher").click()
    fake.answer(body=[{"text": "Call 911 now.", "custom": {"emergency": True}}])
    _send(page, "help")
    page.locator(".msg.emergency").wait_for()
    seen += page.evaluate(SHOWN_WORDS)  # "Send again" on the first, the emergency label
    fake.answer(status=409)  # sent before and still being answered
    _send(page, "fourth")
    page.locator(".error").wait_for()
    seen += page.evaluate(SHOWN_WORDS)  # "No answer yet"
    page.locator(".restart").click()
    seen += page.evaluate(SHOWN_WORDS)  # the confirmation's buttons
    config = widget_config()
    server_texts = set(config["messages"].values()) | {config["banner"]} | {s["title"] for s in config["starters"]}
    left = {
        text
        for text in seen
        if text.strip() and text not in server_texts and re.search(r"[A-Za-z]{2,}", TIME.sub("", MARKER.sub("", text)))
    }
    assert not left, left
    for key in (
        "start_over",
        "send",
        "placeholder",
        "not_sent",
        "no_answer_yet",
        "try_again",
        "send_again",
        "waiting_to_send",
        "emergency",
        "start_over_yes",
        "cancel",
        "today",
        "new_answer",
        "keyboard_hint",
    ):
        assert any(f"[{key}]" in text for text in seen), key
    assert any("[unread_one]" in text or "[unread_many]" in text for text in seen)
    assert set(MESSAGES) <= set(config["messages"])
