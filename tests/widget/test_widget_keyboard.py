"""Keyboard and focus in the widget (issue 17, items 2, 7 and 8): focus never drops to the page, the log is one
tab stop with arrow keys inside it, its focus rings are whole, and a touch screen's keyboard stays down."""

import re

from playwright.sync_api import expect

from tests.helpers import number
from tests.widget.conftest import TOUCH_PHONE
from tests.widget.steps import SHADOW, active_in_widget, ask, open_chat, send, serious_violations

LAPTOP = {"width": 1366, "height": 768}
LONG_ANSWER = "\n\n".join(f"Paragraph {i} of a long answer that a patient reads from its start." for i in range(1, 25))
# The clinic's emergency number, which the widget makes a tap-to-call link (its settings come from the server's).
EMERGENCY = number("911")
TEL = "a:tel:" + re.sub(r"[^0-9+]", "", EMERGENCY)
WITH_LINKS = "Call " + EMERGENCY + " or see https://clinic.example/page{} for more."


def _focused(page):
    """What has focus: 'a:<href>', a message's id, or the element's class; '' outside the widget."""
    return page.evaluate(f"""(() => {{ const a = {SHADOW}.activeElement; if (!a) return '';
        if (a.tagName === 'A') return 'a:' + a.getAttribute('href');
        return a.dataset.id ? 'msg:' + a.dataset.id : (a.id || a.className || a.tagName); }})()""")


def test_focus_stays_in_the_chat_after_new_answer_and_escape_still_closes(widget_page, fake, artifacts):
    page = open_chat(widget_page(viewport=LAPTOP))
    fake.answer(body=[{"text": LONG_ANSWER}])
    ask(page, "tell me everything")
    fake.answer(body=[{"text": LONG_ANSWER}], delay=2)
    send(page, "and more")
    page.evaluate(f"{SHADOW}.querySelector('.scroller').scrollTop = 0")
    jump = page.get_by_role("button", name="New answer")
    expect(jump).to_be_visible(timeout=10_000)
    jump.focus()
    page.keyboard.press("Enter")
    expect(jump).to_be_hidden()
    assert _focused(page).startswith("msg:")  # the new answer itself, so a screen reader reads it
    newest = page.locator(".msg.bot").last
    assert _focused(page) == "msg:" + newest.get_attribute("data-id")
    assert not serious_violations(page)
    page.screenshot(path=str(artifacts / "widget-laptop-after-new-answer.png"))
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    assert active_in_widget(page) == "launcher"


def test_the_log_is_one_tab_stop_and_shift_tab_skips_old_links(widget_page, fake):
    page = open_chat(widget_page(viewport=LAPTOP))
    for i in range(3):
        fake.answer(body=[{"text": WITH_LINKS.format(i)}])
        ask(page, f"question {i}")
    page.get_by_label("Your message").focus()
    seen = []
    for _ in range(8):
        page.keyboard.press("Shift+Tab")
        seen.append(_focused(page))
        if seen[-1] == "scroller":
            break
    # Back from the input: the newest answer's two links, then the log; no link of an older answer.
    assert seen == ["a:https://clinic.example/page2", TEL, "scroller"], seen
    # Inside the log the arrow keys move from message to message, and Tab reaches that message's links.
    page.keyboard.press("ArrowUp")
    bubbles = page.locator(".msg")
    assert _focused(page) == "msg:" + bubbles.last.get_attribute("data-id")
    for _ in range(2):
        page.keyboard.press("ArrowUp")
    assert _focused(page) == "msg:" + bubbles.nth(bubbles.count() - 3).get_attribute("data-id")  # answer 1
    page.keyboard.press("Tab")
    assert _focused(page) == TEL
    page.keyboard.press("Tab")
    assert _focused(page) == "a:https://clinic.example/page1"
    page.keyboard.press("Home")  # from a link: nothing; back on the message, Home goes to the first
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Home")
    assert _focused(page) == "msg:" + bubbles.first.get_attribute("data-id")
    page.keyboard.press("End")
    assert _focused(page) == "msg:" + bubbles.last.get_attribute("data-id")


def _ring_inside(page, selector, container):
    """The element's focus ring (outline beyond its box) lies within the container's visible box."""
    return page.evaluate(f"""(() => {{ const root = {SHADOW};
        const n = root.querySelector('{selector}'), c = root.querySelector('{container}');
        const s = getComputedStyle(n), grow = parseFloat(s.outlineWidth) + parseFloat(s.outlineOffset);
        const r = n.getBoundingClientRect(), b = c.getBoundingClientRect();
        return [s.outlineStyle !== 'none', r.left - grow >= b.left - 0.5 && r.right + grow <= b.right + 0.5 &&
                r.top - grow >= b.top - 0.5 && r.bottom + grow <= b.bottom + 0.5]; }})()""")


def test_focus_rings_in_the_log_are_not_clipped(widget_page, fake):
    for viewport in (LAPTOP, {"width": 320, "height": 200}):
        page = open_chat(widget_page(viewport=viewport))
        ask(page, "what is ldn")
        page.get_by_label("Your message").focus()
        while _focused(page) != "scroller":
            page.keyboard.press("Shift+Tab")
        assert _ring_inside(page, ".scroller", ".panel") == [True, True], viewport
        page.keyboard.press("ArrowUp")
        assert _ring_inside(page, ".msg:focus", ".scroller") == [True, True], viewport


def test_yes_start_over_on_a_touch_screen_focuses_the_conversation_not_the_input(widget_page, artifacts):
    page = open_chat(widget_page(**TOUCH_PHONE))
    ask(page, "what is ldn")
    page.get_by_role("button", name="Start over").tap()
    page.get_by_role("button", name="Yes, start over").tap()
    assert active_in_widget(page) == "scroller"  # no phone keyboard over the starter questions
    expect(page.locator(".replies button").first).to_be_in_viewport()
    page.screenshot(path=str(artifacts / "widget-phone-after-start-over.png"))
    desktop = open_chat(widget_page(viewport=LAPTOP))
    ask(desktop, "what is ldn")
    desktop.get_by_role("button", name="Start over").click()
    desktop.get_by_role("button", name="Yes, start over").click()
    assert active_in_widget(desktop) == "ldn-chat-input"  # with a keyboard: straight back to typing


def test_the_numbers_of_the_latest_emergency_reply_stay_in_the_tab_order(widget_page, fake):
    page = open_chat(widget_page(viewport=LAPTOP))
    fake.answer(
        body=[
            {"text": f"Call {EMERGENCY} now.", "custom": {"emergency": True}},
            {"text": "Read more at https://clinic.example/after."},
        ]
    )
    ask(page, "help")
    page.get_by_label("Your message").focus()
    seen = []
    while "scroller" not in seen and len(seen) < 8:
        page.keyboard.press("Shift+Tab")
        seen.append(_focused(page))
    # The newest answer's link, then the emergency's number just above it: both a Shift+Tab away.
    assert seen == ["a:https://clinic.example/after", TEL, "scroller"], seen
    fake.answer(body=[{"text": "An answer to a later question."}])
    ask(page, "what is ldn")  # a later question: that emergency is history now, one tab stop again
    page.get_by_label("Your message").focus()
    page.keyboard.press("Shift+Tab")
    assert _focused(page) == "scroller"
