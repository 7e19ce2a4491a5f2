"""The widget in an emergency (issue 14): the reply shown as an alert, a message typed meanwhile never
dropped, and every sending error naming the emergency number and the crisis line."""

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import expect
from rasa.core.actions.action import create_bot_utterance
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import settings
from bot.channels.rest import with_emergency_marks
from bot.channels.widget import MESSAGES
from bot.dialogue.safety_policy import emergency_responses
from bot.knowledge.build import responses
from bot.nlg import ClinicNLG, render
from tests.widget.conftest import DESKTOP, PHONE, TOUCH_PHONE, ZOOM_400
from tests.widget.steps import (
    ask,
    assert_big_numbers_on_one_line,
    assert_names_the_emergency_numbers,
    contrast,
    lines_of,
    log_contains,
    open_chat,
    rgb,
    send,
    serious_violations,
    tel,
)

CLINIC = settings.load()
EMERGENCIES = sorted(emergency_responses())
ERROR_KEYS = [key for key in MESSAGES if key.startswith("error_")]
WAITING = "Waiting to send\u2026"
LOCAL_EMERGENCY_LINE = "In an emergency, call your local emergency number."


# ---- the server marks emergency replies, on the REST channel only ----
def _rest_replies(action, channel="rest", banner=True, first=True):
    """The NLG's message for `action`, through Rasa's collector as Rasa sends it, then the REST channel's marks."""
    nlg = ClinicNLG(domain=Domain.from_dict({"responses": responses()}))
    events = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]
    if not first:
        events += [UserUttered("hi", input_channel=channel), BotUttered("Hello!"), ActionExecuted("action_listen")]
    events.append(UserUttered("help", input_channel=channel, metadata={"banner": True} if banner else None))
    tracker = DialogueStateTracker.from_events("s", events, slots=[])

    async def run():
        message = await nlg.generate(action, tracker, CollectingOutputChannel.name())
        collector = CollectingOutputChannel()
        await collector.send_response("s", create_bot_utterance(dict(message)).message())
        return message, collector.messages

    # In a thread of its own: Playwright's sync API keeps an event loop running in this one.
    with ThreadPoolExecutor(1) as pool:
        message, collected = pool.submit(asyncio.run, run()).result()
    return message, collected, with_emergency_marks(collected)


@pytest.mark.parametrize("banner", [True, False], ids=["widget", "no-banner"])
@pytest.mark.parametrize("name", EMERGENCIES)
def test_each_message_of_an_emergency_reply_carries_the_mark_over_rest(name, banner):
    message, collected, replies = _rest_replies(name, banner=banner)
    assert collected[-1].keys() == {"recipient_id", "custom"}  # Rasa sends `custom` as a message of its own
    assert replies and all(r.get("custom") == {"emergency": True} and r.get("text") for r in replies), replies
    assert "\n\n".join(r["text"] for r in replies) == message["text"].strip()
    if not banner:  # the first reply with the disclaimer after the numbers: two messages, both marked
        assert len(replies) >= 2 and replies[-1]["text"] == render("disclaimer")


@pytest.mark.parametrize("channel", ["telegram", "slack", "facebook", "twilio", "whatsapp", None])
def test_other_channels_get_no_mark(channel):
    for name in EMERGENCIES:
        message, collected, _ = _rest_replies(name, channel=channel, first=False)
        assert "custom" not in message and not any("custom" in m for m in collected), (channel, name)


@pytest.mark.parametrize(
    "action",
    ["utter_what_is_ldn", "utter_human_handoff", "utter_service_problem", "utter_opioid_interaction", "utter_topics"],
)
def test_other_replies_get_no_mark(action):
    _, collected, replies = _rest_replies(action, first=False)
    assert collected == replies and not any("custom" in r for r in replies)


def test_the_mark_goes_only_onto_the_messages_of_its_own_reply():
    replies = [
        {"text": "before"},
        {"text": "part one"},
        {"text": "part two"},
        {"recipient_id": "s", "custom": {"emergency": True, "parts": 2}},
        {"text": "after"},
    ]
    marked = with_emergency_marks(replies)
    assert [(r["text"], "custom" in r) for r in marked] == [
        ("before", False),
        ("part one", True),
        ("part two", True),
        ("after", False),
    ]


# ---- an emergency reply looks like one ----
EMERGENCY_LAYOUTS = {"phone-390x844": TOUCH_PHONE, "desktop-1280x800": {"viewport": DESKTOP}, "zoom-400": ZOOM_400}


@pytest.mark.parametrize("name", EMERGENCIES)
@pytest.mark.parametrize("layout", EMERGENCY_LAYOUTS)
def test_an_emergency_reply_is_an_alert_with_big_numbers_on_one_line(widget_page, fake, artifacts, layout, name):
    page = open_chat(widget_page(**EMERGENCY_LAYOUTS[layout]))
    ask(page, "what is ldn")
    text = render(name[len("utter_") :])
    fake.answer(body=[{"text": text, "custom": {"emergency": True}}, {"text": "An ordinary reply after it."}])
    ask(page, "help")
    alert = page.get_by_role("alert")
    expect(alert).to_have_count(1)
    assert alert.evaluate("n => n.classList.contains('emergency')")
    expect(alert.locator(".sos-label")).to_have_text("\u26a0Emergency")
    expect(alert).to_contain_text(text.split("\n")[0][:60])
    ordinary = page.locator(".msg.bot:not(.emergency)")
    assert ordinary.count() == 3 and all(ordinary.nth(i).get_attribute("role") is None for i in range(3))
    look = "n => { const s = getComputedStyle(n); return [s.backgroundColor, s.borderLeftWidth, s.borderLeftColor]; }"
    sos, plain = alert.evaluate(look), ordinary.last.evaluate(look)
    assert sos[0] != plain[0] and float(sos[1][:-2]) >= 6, (sos, plain)
    hrefs = assert_big_numbers_on_one_line(alert)
    assert tel(CLINIC["emergency_number"]) in hrefs or tel(CLINIC["crisis_line"]) in hrefs, hrefs
    assert not serious_violations(page)
    alert.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / f"widget-emergency-{layout}-{name}.png"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_emergency_reply_is_readable_in_light_and_dark(widget_page, fake, scheme):
    page = open_chat(widget_page(viewport=PHONE, color_scheme=scheme))
    fake.answer(body=[{"text": render("emergency"), "custom": {"emergency": True}}])
    ask(page, "help")
    alert = page.get_by_role("alert")
    colours = "n => { const s = getComputedStyle(n); return [s.color, s.backgroundColor]; }"
    text, background = alert.evaluate(colours)
    assert contrast(rgb(text), rgb(background)) >= 4.5, (text, background)
    number, button = alert.locator("a[href^='tel:']").first.evaluate(colours)
    assert contrast(rgb(number), rgb(button)) >= 4.5, (number, button)
    assert not serious_violations(page)


def test_a_restored_emergency_reply_is_still_shown_as_one(widget_page, fake):
    page = open_chat(widget_page())
    fake.answer(body=[{"text": render("emergency"), "custom": {"emergency": True}}])
    ask(page, "help")
    page.reload()
    open_chat(page)
    expect(page.locator(".msg.emergency")).to_have_count(1)


def test_no_phone_number_is_split_across_lines(widget_page, fake):
    """Every position of a number along a line, in ordinary replies too; the banner expanded."""
    page = open_chat(widget_page(viewport=PHONE))
    numbers = f"call {CLINIC['clinic_phone']} or {CLINIC['poison_help']} now."
    fake.answer(body=[{"text": "a " * k + numbers} for k in range(0, 48, 2)])
    ask(page, "numbers")
    page.get_by_role("button", name="More").click()  # one line once the patient has written
    links = page.locator(".log a[href^='tel:'], .banner a[href^='tel:']")
    assert links.count() == 2 * 24 + 1
    split = [links.nth(i).inner_text() for i in range(links.count()) if lines_of(links.nth(i)) != 1]
    assert not split


# ---- sending errors name the emergency number and the crisis line (each error case: test_widget_ui.py) ----
def test_every_sending_error_names_the_emergency_number_and_crisis_line_before_the_clinic():
    for key in ERROR_KEYS:
        marked = {**CLINIC, "emergency_number": "<E>", "crisis_line": "<C>", "clinic_phone": "<P>"}
        text = render(f"widget_{key}", marked)
        assert -1 < text.index("<E>") < text.index("<C>") < text.index("<P>"), key


def test_without_the_assistants_settings_the_texts_still_give_an_emergency_line(widget_page, fake):
    fake.raw_script = True
    page = widget_page()
    page.locator(".launcher").click()  # its words are the assistant's: here only their keys stand in
    page.get_by_role("dialog").wait_for()
    assert page.locator(".banner p").inner_text().startswith(LOCAL_EMERGENCY_LINE)
    fake.answer(status=500)
    send(page, "what is ldn")
    expect(page.get_by_role("alert")).to_contain_text(LOCAL_EMERGENCY_LINE)


# ---- a message typed while an answer is on its way is sent ----
def _type_while_answering(page, fake, first, *then, **answer):
    """Sends `first`, answered as `answer` says (after a delay), and types each of `then` meanwhile."""
    fake.answer(**{"delay": 1.5, **answer})
    send(page, first)
    page.locator(".typing").wait_for()
    for text in then:
        send(page, text)
    return page


def _in_order(fake, messages):
    """Each message reached the server only after the one before it was answered."""
    came = {m: t for kind, m, t in fake.timeline if kind == "in"}
    went = {m: t for kind, m, t in fake.timeline if kind == "out"}
    for before, after in zip(messages, messages[1:], strict=False):
        assert came[after] >= went[before], (before, after)


def test_messages_typed_while_an_answer_is_on_its_way_wait_then_go_in_order(widget_page, fake, artifacts):
    page = _type_while_answering(
        open_chat(widget_page(**TOUCH_PHONE)),
        fake,
        "what is ldn",
        "i took to many pills and feel dizzy",
        "what do i do",
        delay=2.5,
    )
    field = page.get_by_label("Your message")
    assert field.input_value() == ""  # taken, not left in the box
    assert page.locator(".msg.user").all_inner_texts()[-2].endswith("i took to many pills and feel dizzy")
    assert page.locator(".status").all_inner_texts()[-2:] == [WAITING, WAITING]
    assert fake.received(1) == ["what is ldn"]  # the two typed meanwhile wait in the page
    page.screenshot(path=str(artifacts / "widget-phone-waiting-to-send.png"))
    log_contains(page, "Answer to: what do i do")
    sent = ["what is ldn", "i took to many pills and feel dizzy", "what do i do"]
    assert [r["message"] for r in fake.requests] == sent
    _in_order(fake, sent)
    answers = [t for t in page.locator(".msg.bot").all_inner_texts() if "Answer to:" in t]
    assert [a.split("Answer to: ")[1] for a in answers] == sent
    expect(page.locator(".status:visible")).to_have_count(0)  # all sent


def test_the_send_button_queues_too_and_a_quick_reply_is_not_lost(widget_page, fake):
    page = open_chat(widget_page())
    fake.answer(delay=2)
    page.locator(".replies button").first.click()
    page.locator(".typing").wait_for()
    page.get_by_label("Your message").fill("second")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator(".status").last).to_have_text(WAITING)
    log_contains(page, "Answer to: second")
    assert [r["message"] for r in fake.requests][-1] == "second" and len(fake.requests) == 2


def test_a_waiting_message_survives_a_reload(widget_page, fake):
    page = _type_while_answering(open_chat(widget_page()), fake, "first", "i cant wake him", delay=3)
    expect(page.locator(".status").last).to_have_text(WAITING)
    page.reload()
    open_chat(page)
    log_contains(page, "Answer to: i cant wake him")
    assert [r["message"] for r in fake.requests][-1] == "i cant wake him"


def test_a_waiting_message_waits_behind_a_failed_one_and_goes_with_try_again(widget_page, fake):
    page = _type_while_answering(open_chat(widget_page()), fake, "first", "second", status=500)
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert_names_the_emergency_numbers(alert, CLINIC)
    time.sleep(0.5)
    assert [r["message"] for r in fake.requests] == ["first"]
    assert page.locator(".status").all_inner_texts() == ["Not sent", WAITING]
    alert.get_by_role("button", name="Try again").click()
    log_contains(page, "Answer to: second")
    assert [r["message"] for r in fake.requests] == ["first", "first", "second"]
    _in_order(fake, ["first", "second"])


def test_a_waiting_message_goes_on_after_a_rejected_one(widget_page, fake):
    page = _type_while_answering(open_chat(widget_page()), fake, "rejected one", "second", status=400)
    log_contains(page, "Answer to: second")
    assert [r["message"] for r in fake.requests] == ["rejected one", "second"]
    assert page.get_by_label("Your message").input_value() == "rejected one"  # given back to change
