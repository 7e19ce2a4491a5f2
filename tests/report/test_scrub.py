"""Identifiers never reach the report: emails, phone numbers, long digit runs, links and street addresses."""

import pytest

from bot.report.scrub import scrub


@pytest.mark.parametrize(
    "text, gone, label",
    [
        ("write to jane.doe+ldn@mail.example.com please", "jane.doe", "[email]"),
        ("call me at 555-123-4567 tonight", "555-123-4567", "[phone]"),
        ("my cell is +1 (555) 123 4567", "123 4567", "[phone]"),
        ("uk number +44 20 7946 0958", "7946", "[phone]"),
        ("member id 84736251", "84736251", "[phone]"),
        ("order 1234567890123", "1234567890123", "[phone]"),
        ("I live at 12 Main Street apt 4", "12 Main", "[address]"),
        ("send it to 4021 N. Oak Ave", "4021", "[address]"),
        ("near 77 old mill road", "old mill", "[address]"),
        ("see https://example.com/me?id=3", "example.com", "[link]"),
        ("postcode SW1A 1AA", "SW1A", "[postcode]"),
    ],
)
def test_identifiers_are_replaced(text, gone, label):
    out = scrub(text)
    assert gone not in out and label in out


@pytest.mark.parametrize(
    "text", ["I take 4.5 mg at 10 pm", "is 3 mg ok for 2 weeks", "since 2024 it helps", "does ldn help long covid?"]
)
def test_ordinary_words_and_small_numbers_stay(text):
    assert scrub(text) == text
