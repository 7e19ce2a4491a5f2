"""Visible times in the widget (issue 17, item 1): grouped by day and by long gaps, as messengers show them."""

from playwright.sync_api import expect

from bot.channels.widget import widget_config
from tests.widget.conftest import TOUCH_PHONE
from tests.widget.steps import ask, open_chat

WORDS = widget_config()["words"]
# A fixed "now" in a fixed zone, so "Today" and "Yesterday" never depend on when the test runs.
PATIENT = {**TOUCH_PHONE, "timezone_id": "America/New_York", "locale": "en-US"}
NOW = "2026-03-05T15:00:00-05:00"
# A transcript kept for a long time (the clinic's choice), restored the next day.
LONG_KEPT = "/embed?expire-minutes=10000"


def _restore(page, times):
    """Writes a transcript with one message per (day offset, hour, minute), alternating bot and patient; reloads."""
    page.evaluate(
        """times => {
        const messages = times.map(([day, h, m], i) => ({id: 'm' + i, from: i % 2 ? 'user' : 'bot',
            text: 'message ' + i, time: new Date(2026, 2, 5 + day, h, m).getTime(), status: i % 2 ? 'sent' : undefined}));
        const key = Object.keys(localStorage).find(k => k.startsWith('ldn-chat:'));
        const state = JSON.parse(localStorage.getItem(key));
        state.messages = messages; state.updated = Date.now();
        localStorage.setItem(key, JSON.stringify(state)); }""",
        times,
    )
    page.reload()
    return open_chat(page)


def _separators(page):
    # Chromium writes "9:41 AM" with a narrow no-break space.
    return [text.replace("\u202f", " ") for text in page.locator(".when").all_inner_texts()]


def test_a_restored_chat_shows_when_it_happened_grouped_not_on_every_bubble(widget_page, artifacts):
    page = widget_page(LONG_KEPT, **PATIENT)
    page.clock.set_fixed_time(NOW)
    page.reload()
    open_chat(page)
    page = _restore(page, [(-1, 9, 41), (-1, 9, 42), (-1, 9, 42), (0, 12, 0), (0, 12, 1), (0, 12, 20), (0, 12, 21)])
    # One line when the day changes and one after a long gap; none between messages minutes apart.
    assert _separators(page) == [f"{WORDS['yesterday']} 9:41 AM", f"{WORDS['today']} 12:00 PM"]
    assert page.locator(".msg").count() == 7
    separator, first = page.locator(".when").first.bounding_box(), page.locator(".msg").first.bounding_box()
    assert separator["y"] + separator["height"] <= first["y"] and separator["height"] > 10  # visible, above
    page.screenshot(path=str(artifacts / "widget-phone-restored-times.png"))
    ask(page, "a new question after a long gap")  # 15:00, hours after the last message: a new group
    assert _separators(page)[-1] == f"{WORDS['today']} 3:00 PM"
    assert len(_separators(page)) == 3


def test_older_days_are_named_and_a_week_back_gets_its_date(widget_page):
    page = widget_page(LONG_KEPT, **PATIENT)
    page.clock.set_fixed_time(NOW)
    page.reload()
    open_chat(page)
    page = _restore(page, [(-10, 8, 5), (-10, 8, 6), (-3, 18, 30), (-3, 18, 31)])
    assert _separators(page) == ["Feb 23, 8:05 AM", "Monday 6:30 PM"]


def test_screen_readers_hear_each_messages_time_and_the_separator_is_not_read_twice(widget_page):
    page = open_chat(widget_page())
    ask(page, "what is ldn")
    assert page.locator(".when").first.get_attribute("aria-hidden") == "true"
    prefix = page.locator(".msg.user .sr-only").last.inner_text()
    assert prefix.startswith(WORDS["you"]) and any(c.isdigit() for c in prefix)
    expect(page.locator(".msg.user").last).not_to_have_attribute("title", "")
