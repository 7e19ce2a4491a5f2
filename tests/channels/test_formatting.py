"""Formatting the assistant's messages for each messaging platform."""

import pytest

from bot import knowledge
from bot.channels.formatting import LIMITS, format_for, plain, resolve_number, split
from bot.knowledge.build import responses

TOPICS = responses()["utter_topics"][0]
LONG = " ".join(["This sentence is here to make a long answer."] * 120)


def test_sms_gets_numbered_options_instead_of_buttons():
    [out] = format_for("sms", TOPICS)
    assert out.buttons == []
    assert "1. What is LDN?" in out.text and "Reply with a number" in out.text
    topics = knowledge.topic_buttons()
    assert f"{len(topics)}. {topics[-1].button}" in out.text


def test_facebook_shows_at_most_three_buttons_and_numbers_the_rest():
    few = {"text": "Pick one", "buttons": TOPICS["buttons"][:2]}
    [out] = format_for("facebook", few)
    assert [b["title"] for b in out.buttons] == ["What is LDN?", "Full dose vs low dose"]
    [many] = format_for("facebook", TOPICS)
    assert many.buttons == [] and "8. Trouble sleeping" in many.text


def test_telegram_and_slack_keep_native_buttons():
    for platform in ("telegram", "slack"):
        [out] = format_for(platform, TOPICS)
        assert len(out.buttons) == len(TOPICS["buttons"]) and "Reply with a number" not in out.text


@pytest.mark.parametrize("platform", sorted(LIMITS))
def test_long_answers_are_split_within_the_limit_at_sentence_ends(platform):
    parts = format_for(platform, {"text": LONG})
    limit = LIMITS[platform].max_chars
    assert len(parts) > 1 and all(len(p.text) <= limit for p in parts)
    assert all(p.text.endswith(".") for p in parts)
    assert " ".join(p.text for p in parts) == LONG


def test_split_handles_a_sentence_longer_than_the_limit():
    parts = split("word " * 100, 50)
    assert all(len(p) <= 50 for p in parts) and " ".join(parts).split() == ["word"] * 100


def test_markdown_symbols_do_not_leak():
    assert plain("**Bold** and _x_ `code` # head") == "Bold and _x_ code # head"
    [out] = format_for("sms", {"text": "## Title\n**Important**: call *now*"})
    assert "*" not in out.text and "#" not in out.text


def test_every_real_answer_fits_or_splits_cleanly_on_sms():
    for name, [variant] in responses().items():
        for part in format_for("sms", variant):
            assert 0 < len(part.text) <= LIMITS["sms"].max_chars, name


@pytest.mark.parametrize("text, expected", [("2", "No"), (" 1 ", "Yes"), ("2.", "No"), ("3", "3"), ("hi", "hi")])
def test_typing_a_number_picks_the_option(text, expected):
    assert resolve_number(text, [{"title": "Yes", "payload": "Yes"}, {"title": "No", "payload": "No"}]) == expected


def test_numbers_without_options_are_passed_on():
    assert resolve_number("2", None) == "2"


def test_facebook_keeps_its_buttons_when_the_text_is_over_640_characters():
    long_text = " ".join(["This is one plain sentence about the topic."] * 30)  # about 1300 characters
    out = format_for(
        "facebook",
        {"text": long_text, "buttons": [{"title": "Yes", "payload": "Yes"}, {"title": "No", "payload": "No"}]},
    )
    assert [b["title"] for b in out[-1].buttons] == ["Yes", "No"]
    assert len(out[-1].text) <= 640 and all(not o.buttons for o in out[:-1])
    assert " ".join(o.text for o in out) == long_text
