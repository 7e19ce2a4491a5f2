"""'Was this helpful?' in the website widget, in a real browser on the real servers: tap No, then say what was missing."""

import pytest
from playwright.sync_api import expect

from bot import knowledge
from bot.nlg import render
from tests.widget.steps import ANSWER_TIMEOUT, ask, open_chat, send, text_of

pytestmark = [pytest.mark.model, pytest.mark.servers]


def test_feedback_buttons_no_then_the_follow_up(page):
    open_chat(page)
    first, second = (e.button for e in knowledge.topic_buttons()[:2])
    assert ask(page, first) != render("ask_feedback")
    ask(page, second)
    bot = page.locator(".msg.bot")
    expect(bot.last).to_contain_text(render("ask_feedback"), timeout=ANSWER_TIMEOUT)
    buttons = page.locator(".replies button")
    assert buttons.all_inner_texts() == ["Yes", "No"]
    before = bot.count()
    buttons.nth(1).click()
    bot.nth(before).wait_for(timeout=ANSWER_TIMEOUT)
    assert text_of(bot.last) == render("ask_feedback_detail")
    assert page.locator(".msg.user").last.inner_text().endswith("No")
    before = bot.count()
    send(page, "I wanted to know the price")
    bot.nth(before).wait_for(timeout=ANSWER_TIMEOUT)
    expect(bot.last).to_contain_text(render("feedback_noted")[:40], timeout=ANSWER_TIMEOUT)


def test_typing_a_question_instead_of_tapping_just_goes_on(page):
    open_chat(page)
    first, second = (e.button for e in knowledge.topic_buttons()[:2])
    ask(page, first)
    ask(page, second)
    expect(page.locator(".msg.bot").last).to_contain_text(render("ask_feedback"), timeout=ANSWER_TIMEOUT)
    reply = ask(page, "does ldn help lupus")
    assert "lupus" in reply.lower() and render("ask_feedback") not in reply
