"""The widget in a real Chromium against a loopback stand-in server: layouts, scrolling, errors, focus, storage."""

import re
import time

import pytest
from playwright.sync_api import expect

from bot import knowledge, settings
from bot.channels.widget import STARTERS
from bot.nlg import render
from tests.widget.conftest import DESKTOP, LANDSCAPE, PHONE, TOUCH_PHONE, ZOOM_200, ZOOM_400
from tests.widget.steps import (
    SHADOW,
    active_in_widget,
    ask,
    assert_names_the_emergency_numbers,
    box,
    contrast,
    log_contains,
    open_chat,
    rgb,
    send,
    serious_violations,
    stored,
    waiting_on_a_fake_clock,
)

CLINIC = settings.load()
CLINIC_TEL = "tel:" + re.sub(r"[^0-9+]", "", CLINIC["clinic_phone"])
LONG_ANSWER = "\n\n".join(f"Paragraph {i} of a long answer that a patient reads from its start." for i in range(1, 25))

LAYOUTS = {
    "desktop": {"viewport": DESKTOP},
    "phone": {"viewport": PHONE},
    "touch-phone": TOUCH_PHONE,
    "landscape": {"viewport": LANDSCAPE, "has_touch": True, "is_mobile": True},
    "zoom-200": ZOOM_200,
    "zoom-400": ZOOM_400,
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_leaves_room_to_chat_and_every_control_reachable(widget_page, fake, artifacts, layout):
    options = LAYOUTS[layout]
    page = open_chat(widget_page(**options))
    viewport = options["viewport"]
    fake.answer(body=[{"text": LONG_ANSWER}])
    ask(page, "tell me everything")
    conversation = box(page, ".scroller")
    if layout != "desktop":
        panel = box(page, ".panel")
        assert panel["width"] == viewport["width"] and panel["height"] == viewport["height"], "full screen when small"
        assert conversation["height"] >= 0.4 * viewport["height"], conversation
        banner = box(page, ".banner p")
        assert banner["height"] < 2 * 16 * 1.45 * 0.85 + 1, "the banner is one line on small screens"
    for control in (".close", ".restart", ".form button", ".form textarea"):
        b = box(page, control)
        assert b["x"] >= 0 and b["y"] >= 0, control
        assert b["x"] + b["width"] <= viewport["width"] and b["y"] + b["height"] <= viewport["height"], control
    assert not serious_violations(page)
    page.screenshot(path=str(artifacts / f"widget-{layout}.png"))
    page.get_by_role("button", name="Close chat").first.click()
    expect(page.get_by_role("dialog")).to_be_hidden()
    assert not page.errors


def test_small_screen_banner_expands_and_keeps_the_emergency_number_in_its_first_line(widget_page, artifacts):
    page = open_chat(widget_page(viewport=PHONE))
    ask(page, "what is ldn")  # the first screen shows it all (test_widget_layout.py); then one line
    more = page.get_by_role("button", name="More")
    assert more.get_attribute("aria-expanded") == "false"
    first_line = page.locator(".banner a").first
    assert first_line.inner_text() == CLINIC["emergency_number"] and first_line.is_visible()
    one_line = box(page, ".banner p")["height"]
    more.click()
    assert page.get_by_role("button", name="Less").get_attribute("aria-expanded") == "true"
    assert box(page, ".banner p")["height"] > 1.5 * one_line
    assert page.locator(".banner p").inner_text() == render("widget_banner")
    page.screenshot(path=str(artifacts / "widget-phone-banner-expanded.png"))


def test_a_reply_opens_at_its_start_and_a_patient_who_scrolled_up_stays_put(widget_page, fake, artifacts):
    page = open_chat(widget_page(viewport=PHONE))
    fake.answer(body=[{"text": LONG_ANSWER}])
    ask(page, "a long one please")
    reply, scroller = box(page, ".msg.bot >> nth=-1"), box(page, ".scroller")
    assert scroller["y"] - 1 <= reply["y"] <= scroller["y"] + 0.25 * scroller["height"], (reply, scroller)
    assert page.locator(".msg.bot").last.locator("p").first.is_visible()
    page.screenshot(path=str(artifacts / "widget-phone-long-answer.png"))
    fake.answer(body=[{"text": LONG_ANSWER}], delay=2.5)
    send(page, "and another")
    page.locator(".typing").wait_for()
    page.evaluate(f"{SHADOW}.querySelector('.scroller').scrollTop = 0")
    page.locator(".msg.bot").nth(2).wait_for(timeout=10_000)
    assert page.evaluate(f"{SHADOW}.querySelector('.scroller').scrollTop") == 0
    expect(page.get_by_role("button", name="New answer")).to_be_visible()
    page.get_by_role("button", name="New answer").click()
    reply, scroller = box(page, ".msg.bot >> nth=-1"), box(page, ".scroller")
    assert abs(reply["y"] - scroller["y"]) < 0.25 * scroller["height"]


def test_starter_questions_come_from_the_knowledge_file(widget_page, fake):
    page = open_chat(widget_page())
    assert page.locator(".msg.bot").first.inner_text().endswith(render("widget_greeting"))
    starters = [e.button for e in knowledge.topic_buttons()[:STARTERS]]
    assert page.locator(".replies button").all_inner_texts() == starters
    page.get_by_role("button", name=starters[1]).click()
    log_contains(page, f"Answer to: {starters[1]}")
    assert fake.requests[-1]["message"] == starters[1]
    assert fake.requests[-1]["metadata"] == {"banner": True}
    assert page.locator(".replies").count() == 0


def test_one_disclaimer_the_banner_and_a_short_greeting(widget_page):
    page = open_chat(widget_page())
    panel = page.locator(".panel").inner_text()
    assert panel.count("not medical advice") == 1 and panel.count(f"call {CLINIC['emergency_number']}") == 1
    assert "not medical advice" not in render("widget_greeting")


def test_reload_restores_the_chat_closed_without_taking_focus(widget_page):
    page = open_chat(widget_page(**TOUCH_PHONE))
    ask(page, "what is ldn")
    page.reload()
    page.locator("#ldn-chat-widget").wait_for(state="attached")
    expect(page.get_by_role("dialog")).to_be_hidden()
    assert active_in_widget(page) == "" and page.evaluate("document.activeElement === document.body")
    assert page.evaluate("document.documentElement.style.overflow") == ""
    open_chat(page)
    log_contains(page, "Answer to: what is ldn")


def test_an_answer_that_comes_while_closed_shows_an_unread_badge(widget_page, fake, artifacts):
    page = open_chat(widget_page())
    fake.answer(delay=2.5)
    send(page, "what is ldn")
    page.get_by_role("button", name="Close chat").first.click()
    launcher = page.get_by_role("button", name="Chat about LDN (1 new reply)")
    expect(launcher).to_be_visible(timeout=10_000)
    expect(page.locator(".badge")).to_have_text("1")
    page.screenshot(path=str(artifacts / "widget-unread-badge.png"))
    launcher.click()
    expect(page.locator(".badge")).to_be_hidden()
    log_contains(page, "Answer to: what is ldn")


def test_reload_tries_an_unsent_message_again_and_badges_its_answer(widget_page, fake):
    page = open_chat(widget_page())
    fake.answer(status=500)
    send(page, "does ldn help lupus")
    page.get_by_role("alert").wait_for()
    page.reload()
    launcher = page.get_by_role("button", name=re.compile("Chat about LDN"))
    expect(launcher).to_contain_text("1", timeout=10_000)
    assert [r["message"] for r in fake.requests] == ["does ldn help lupus"] * 2
    launcher.click()
    log_contains(page, "Answer to: does ldn help lupus")
    assert page.get_by_role("alert").count() == 0


def test_start_over_during_a_pending_answer_keeps_conversations_apart_and_forgets(widget_page, fake, artifacts):
    page = open_chat(widget_page(viewport=PHONE))
    ask(page, "first question")
    old = stored(page)["sessionId"]
    fake.answer(body=[{"text": "THE OLD ANSWER"}], delay=2)
    send(page, "old question")
    page.locator(".typing").wait_for()
    page.get_by_role("button", name="Start over").click()
    confirm = page.get_by_role("alertdialog")
    expect(confirm).to_contain_text(render("widget_start_over_confirm"))
    assert active_in_widget(page) != ""  # focus moved into the confirmation
    assert not serious_violations(page)
    page.screenshot(path=str(artifacts / "widget-phone-start-over-confirm.png"))
    page.get_by_role("button", name="Yes, start over").click()
    log_contains(page, render("widget_forgotten"))
    assert fake.forgotten == [old]
    time.sleep(0.5)
    text = page.locator(".log").inner_text()
    assert "THE OLD ANSWER" not in text and "old question" not in text and "first question" not in text
    assert ask(page, "new question") == "Answer to: new question"
    new = stored(page)["sessionId"]
    assert new != old and fake.requests[-1]["sender"] == new
    assert re.fullmatch(r"[A-Za-z0-9_-]+", new)
    assert "THE OLD ANSWER" not in page.locator(".log").inner_text()


def test_start_over_says_so_when_the_server_could_not_forget(widget_page, fake):
    fake.forget_status = 404
    page = open_chat(widget_page())
    ask(page, "what is ldn")
    page.get_by_role("button", name="Start over").click()
    page.get_by_role("button", name="Yes, start over").click()
    log_contains(page, render("widget_forget_failed"))
    assert page.locator(".msg.note a").last.get_attribute("href") == CLINIC_TEL


def test_start_over_can_be_cancelled_and_is_well_apart_from_close_on_phones(widget_page):
    page = open_chat(widget_page(**TOUCH_PHONE))
    ask(page, "what is ldn")
    restart, close = box(page, ".restart"), box(page, ".close")
    assert close["x"] - (restart["x"] + restart["width"]) >= 16
    assert min(restart["height"], close["height"], close["width"]) >= 44  # touch targets
    page.get_by_role("button", name="Start over").click()
    page.get_by_role("button", name="Cancel").click()
    expect(page.get_by_role("alertdialog")).to_have_count(0)
    log_contains(page, "Answer to: what is ldn")


ERRORS = {
    "server-500": ({"status": 500, "body": {"error": "boom"}}, "widget_error_server", True),
    "bad-request-400": ({"status": 400, "body": {"error": "bad"}}, "widget_error_rejected", False),
    "busy-429": ({"status": 429, "body": [{"text": "slow down"}]}, "widget_error_busy", True),
    "network-down": ({"drop": True}, "widget_error_network", True),
}


@pytest.mark.parametrize("case", ERRORS)
def test_each_error_has_its_own_honest_words_the_clinic_phone_and_the_patient_can_type_on(
    widget_page, fake, artifacts, case
):
    step, message, can_retry = ERRORS[case]
    page = open_chat(widget_page(viewport=PHONE))
    fake.answer(**step)
    send(page, "does ldn help my thyroid")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(render(message).split(" You can also")[0])
    assert alert.locator("a").last.get_attribute("href") == CLINIC_TEL
    assert_names_the_emergency_numbers(alert, CLINIC)
    assert alert.get_by_role("button", name="Try again").count() == (1 if can_retry else 0)
    expect(page.locator(".status").last).to_have_text("Not sent")  # retried from the error box, not here
    if not can_retry:  # the text is given back to change it
        assert page.get_by_label("Your message").input_value() == "does ldn help my thyroid"
    assert not serious_violations(page)
    page.screenshot(path=str(artifacts / f"widget-error-{case}.png"))
    if can_retry:
        alert.get_by_role("button", name="Try again").click()
        log_contains(page, "Answer to: does ldn help my thyroid")
        expect(page.get_by_role("alert")).to_have_count(0)
    assert ask(page, "a new question") == "Answer to: a new question"  # typing on always works
    expect(page.get_by_role("alert")).to_have_count(0)


def test_a_new_question_while_an_error_is_shown_is_sent(widget_page, fake):
    page = open_chat(widget_page())
    fake.answer(status=500)
    send(page, "first try")
    page.get_by_role("alert").wait_for()
    assert ask(page, "second question") == "Answer to: second question"
    assert [r["message"] for r in fake.requests] == ["first try", "second question"]
    assert page.locator(".status").first.inner_text().startswith("Not sent")
    page.get_by_role("button", name="Send again").click()  # the earlier one, from its bubble
    log_contains(page, "Answer to: first try")
    assert [r["message"] for r in fake.requests][-1] == "first try"
    assert page.locator(".msg.user").all_inner_texts()[-1].endswith("first try")
    assert page.get_by_role("button", name="Send again").count() == 0


def test_a_slow_answer_says_still_working(widget_page, fake, artifacts):
    page = open_chat(widget_page(viewport=PHONE))
    fake.answer(delay=7)
    send(page, "what is ldn")
    page.locator(".typing").wait_for()
    assert page.locator(".typing-text").inner_text() == ""
    expect(page.locator(".typing-text")).to_have_text(render("widget_still_working"), timeout=6_000)
    expect(page.get_by_role("status").last).to_have_text(render("widget_still_working"))
    page.screenshot(path=str(artifacts / "widget-phone-still-working.png"))
    log_contains(page, "Answer to: what is ldn")
    expect(page.locator(".typing")).to_be_hidden()


def test_no_answer_within_the_time_limit_is_a_timeout_not_a_lost_connection(widget_page, fake):
    page = waiting_on_a_fake_clock(widget_page(), fake, "what is ldn", delay=3)
    page.clock.run_for(31_000)
    expect(page.get_by_role("alert")).to_contain_text(render("widget_error_timeout"))
    assert_names_the_emergency_numbers(page.get_by_role("alert"), CLINIC)


def test_phone_numbers_are_tap_to_call_from_the_settings_and_the_source_is_a_caption(widget_page, fake):
    page = open_chat(widget_page())
    fake.answer(
        body=[{"text": render("emergency") + " Not a number: 9110 or 19880.\nSource: clinic article, 'Introduction'"}]
    )
    ask(page, "help")
    links = page.locator(".msg.bot").last.locator("a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    tel = lambda key: "tel:" + re.sub(r"[^0-9+]", "", CLINIC[key])  # noqa: E731
    # Each number once or more (a reply may repeat 911), in the order first named; never 9110 or 19880.
    assert list(dict.fromkeys(hrefs)) == [tel("emergency_number"), tel("crisis_line"), tel("poison_help")]
    assert page.locator(".banner a").first.get_attribute("href") == tel("emergency_number")
    source = page.locator(".msg.bot").last.locator(".source")
    assert source.inner_text() == "Source: clinic article, 'Introduction'"
    size = lambda loc: float(loc.evaluate("n => getComputedStyle(n).fontSize")[:-2])  # noqa: E731
    assert size(source) < size(page.locator(".msg.bot").last)


def test_bot_text_is_formatted_with_dom_nodes_and_links_keep_their_brackets(widget_page, fake):
    page = open_chat(widget_page())
    fake.answer(
        body=[
            {
                "text": "Intro with **bold** and <b>not bold</b>.\n\n- one\n- two\n\n1. first\n2. second\n\n"
                "See (https://example.org/a_(b)) or https://clinic.example/page)."
            }
        ]
    )
    ask(page, "format")
    bubble = page.locator(".msg.bot").last
    assert bubble.locator("strong").inner_text() == "bold"
    assert bubble.locator("b").count() == 0 and "<b>not bold</b>" in bubble.inner_text()
    assert bubble.locator("ul li").all_inner_texts() == ["one", "two"]
    assert bubble.locator("ol li").all_inner_texts() == ["first", "second"]
    hrefs = [a.get_attribute("href") for a in bubble.locator("a").all()]
    assert hrefs == ["https://example.org/a_(b)", "https://clinic.example/page"]


def test_forced_colours_keep_bubble_borders_and_button_outlines(widget_page, fake, artifacts):
    page = widget_page(viewport=PHONE)
    page.emulate_media(forced_colors="active")
    open_chat(page)
    fake.answer(body=[{"text": "Pick one", "buttons": [{"title": "Yes", "payload": "Yes"}]}])
    ask(page, "what is ldn")
    for selector in (".msg.bot", ".msg.user", ".replies button", ".form button", ".close", ".form textarea"):
        style = page.locator(selector).first.evaluate(
            "n => { const s = getComputedStyle(n); return [s.borderTopStyle, s.borderTopWidth]; }"
        )
        assert style[0] != "none" and float(style[1][:-2]) >= 1, (selector, style)
    page.screenshot(path=str(artifacts / "widget-forced-colors.png"))


def test_reduced_motion_stops_the_typing_animation(widget_page, fake):
    animation = "n => getComputedStyle(n).animationName"
    for motion, expected in (("no-preference", "ldn-bounce"), ("reduce", "none")):
        page = widget_page()
        page.emulate_media(reduced_motion=motion)
        open_chat(page)
        fake.answer(delay=2.5)
        send(page, "what is ldn")
        page.locator(".typing").wait_for()
        assert page.locator(".dots i").first.evaluate(animation) == expected
        log_contains(page, "Answer to: what is ldn")


def test_dark_mode_follows_the_system_and_stays_readable(widget_page, artifacts):
    page = widget_page(viewport=PHONE, color_scheme="dark")
    open_chat(page)
    ask(page, "what is ldn")
    background = page.locator(".panel").evaluate("n => getComputedStyle(n).backgroundColor")
    assert sum(rgb(background)) < 150
    assert not serious_violations(page)
    page.screenshot(path=str(artifacts / "widget-phone-dark.png"))


def test_focus_stays_in_the_chat_after_a_quick_reply_and_is_never_forced_to_the_input(widget_page):
    page = open_chat(widget_page())
    page.locator(".replies button").first.click()
    assert active_in_widget(page) == "ldn-chat-input"  # not dropped to the page body
    page.locator(".msg.bot").nth(1).wait_for()
    phone = open_chat(widget_page(**TOUCH_PHONE))
    assert active_in_widget(phone) == "scroller"  # opening does not raise the keyboard either
    phone.locator(".replies button").first.tap()
    assert active_in_widget(phone) == "scroller"  # in the chat, without raising the keyboard
    phone.locator(".msg.bot").nth(1).wait_for()
    assert active_in_widget(phone) != "ldn-chat-input"


def test_focus_ring_on_the_header_has_contrast(widget_page):
    page = open_chat(widget_page())
    page.locator(".close").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
    ring = rgb(page.locator(".close").evaluate("n => getComputedStyle(n).outlineColor"))
    header = rgb(page.locator(".head").evaluate("n => getComputedStyle(n).backgroundColor"))
    assert contrast(ring, header) >= 3, (ring, header)


def test_input_is_large_enough_for_ios_and_grows_with_the_text(widget_page):
    page = open_chat(widget_page(**TOUCH_PHONE))
    field = page.get_by_label("Your message")
    assert float(field.evaluate("n => getComputedStyle(n).fontSize")[:-2]) >= 16
    before = field.bounding_box()["height"]
    field.fill("line one\nline two\nline three")
    field.dispatch_event("input")
    assert field.bounding_box()["height"] > before * 1.8
    field.press("Enter")
    log_contains(page, "Answer to: line one\nline two\nline three")
    assert field.input_value() == "" and field.bounding_box()["height"] <= before + 1


def test_links_in_the_patients_bubble_are_readable(widget_page):
    page = open_chat(widget_page())
    ask(page, "see https://clinic.example/ldn please")
    link = page.locator(".msg.user a").last
    colour = rgb(link.evaluate("n => getComputedStyle(n).color"))
    bubble = rgb(page.locator(".msg.user").last.evaluate("n => getComputedStyle(n).backgroundColor"))
    assert contrast(colour, bubble) >= 4.5


def test_two_tabs_share_one_conversation_without_overwriting_it(widget_page, chromium, fake):
    first = open_chat(widget_page())
    second = first.context.new_page()
    second.goto(fake.url + "/webhooks/widget/")
    open_chat(second)
    ask(first, "question from the first tab")
    log_contains(second, "Answer to: question from the first tab")
    ask(second, "question from the second tab")
    log_contains(first, "Answer to: question from the second tab")
    texts = [m["text"] for m in stored(first)["messages"]]
    assert texts.index("question from the first tab") < texts.index("question from the second tab")
    assert len({r["sender"] for r in fake.requests}) == 1


def test_escape_closes_from_the_launcher_which_says_what_it_does(widget_page):
    page = open_chat(widget_page())
    launcher = page.locator(".launcher")
    assert launcher.inner_text() == "Close chat" and launcher.get_attribute("aria-expanded") == "true"
    launcher.focus()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    assert launcher.inner_text().startswith("Chat about LDN") and active_in_widget(page) == "launcher"


def test_full_screen_panel_is_modal_and_locks_the_page_scroll(widget_page):
    page = open_chat(widget_page(**TOUCH_PHONE))
    assert page.get_by_role("dialog").get_attribute("aria-modal") == "true"
    assert page.evaluate("document.documentElement.style.overflow") == "hidden"
    for _ in range(12):
        page.keyboard.press("Tab")
        assert active_in_widget(page) not in ("", "launcher")
    page.get_by_role("button", name="Close chat").click()
    assert page.evaluate("document.documentElement.style.overflow") == ""
    desktop = open_chat(widget_page())
    assert desktop.get_by_role("dialog").get_attribute("aria-modal") == "false"


@pytest.mark.parametrize("mode, area", [("local", "localStorage"), ("session", "sessionStorage"), ("none", None)])
def test_the_clinic_chooses_where_the_transcript_is_kept(widget_page, mode, area):
    page = open_chat(widget_page(f"/embed?storage={mode}&clinic-name=Lakeside"))
    ask(page, "what is ldn")
    for other in ("localStorage", "sessionStorage"):
        assert (stored(page, other) is not None) == (other == area), other
    page.reload()
    open_chat(page)
    assert ("Answer to: what is ldn" in page.locator(".log").inner_text()) == (area is not None)


def test_the_transcript_expires_after_the_clinic_set_time(widget_page):
    page = open_chat(widget_page("/embed?storage=local&expire-minutes=30"))
    ask(page, "what is ldn")
    page.evaluate("""() => { const k = Object.keys(localStorage).find(k => k.startsWith('ldn-chat:'));
                             const s = JSON.parse(localStorage.getItem(k)); s.updated = Date.now() - 31 * 60000;
                             localStorage.setItem(k, JSON.stringify(s)); }""")
    page.reload()
    assert stored(page) is None
    open_chat(page)
    assert "what is ldn" not in page.locator(".log").inner_text()


def test_timestamps_for_hover_and_screen_readers(widget_page):
    page = open_chat(widget_page())
    ask(page, "what is ldn")
    bubble = page.locator(".msg.user").last
    assert re.search(r"\d", bubble.get_attribute("title"))
    assert re.fullmatch(r"You at .*\d.*:", bubble.locator(".sr-only").inner_text())


def test_sizes_follow_the_patients_text_size_setting(widget_page):
    page = widget_page()
    page.evaluate("document.documentElement.style.fontSize = '24px'")  # as a larger default font size does
    open_chat(page)
    for selector in (".panel", ".form textarea", ".launcher"):
        assert page.locator(selector).evaluate("n => getComputedStyle(n).fontSize") == "24px", selector
    assert page.locator(".panel").bounding_box()["width"] == 24 * 24  # 24rem wide


def test_closed_widget_with_a_badge_and_forced_colours_have_no_serious_accessibility_problems(widget_page, fake):
    page = open_chat(widget_page())
    fake.answer(delay=2.5)
    send(page, "what is ldn")
    page.get_by_role("button", name="Close chat").first.click()
    expect(page.locator(".badge")).to_be_visible(timeout=10_000)
    assert not serious_violations(page)
    page.emulate_media(forced_colors="active")
    open_chat(page)
    assert not serious_violations(page)
