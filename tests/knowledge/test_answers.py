"""The knowledge file: citations, readability, coverage of the article's topics, no invented numbers."""
import re

import pytest
import textstat

from bot import knowledge, settings
from bot.knowledge import KnowledgeError
from tests.conftest import ROOT, load_yaml

ENTRIES = list(knowledge.load().values())
CLINIC = settings.load()

# The topics the issue requires, each by the intent a patient reaches it with.
REQUIRED_TOPIC_INTENTS = {
    "ask_what_is_ldn", "ask_full_vs_low_dose", "ask_mechanism", "ask_endorphins",
    "ask_stress_immune", "ask_immunosuppressive", "ask_autoimmunity", "ask_fibromyalgia",
    "ask_lupus", "ask_crohns", "ask_multiple_sclerosis", "ask_crps", "ask_other_conditions",
    "ask_thyroid", "ask_depression", "ask_side_effects", "ask_insomnia", "ask_abdominal_pain",
}
# Numbers the article itself gives (50 mg) and names that contain digits.
ALLOWED_NUMBERS = {"50", "T4", "T3", "Th1", "Th2"}


def test_every_required_topic_has_exactly_one_answer():
    intents = [a.intent for a in knowledge.answers()]
    assert set(intents) == REQUIRED_TOPIC_INTENTS
    assert len(intents) == len(set(intents))


def test_every_answer_cites_one_of_the_article_sections():
    sections = knowledge.sections()
    for answer in knowledge.answers():
        assert answer.section in sections, answer.name
        assert answer.full_text.endswith(f"Source: clinic article, '{answer.section}'")


def test_the_section_list_is_the_articles_headings():
    assert knowledge.sections() == [
        "Introduction", "An Effective Immune Modulator", "Autoimmunity and LDN",
        "Hypothyroidism and LDN", "Depression and LDN", "Potential Side Effects"]


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_readability_is_grade_8_or_below(entry):
    text = entry.text.format(**CLINIC)
    assert textstat.flesch_kincaid_grade(text) <= 8.0, text


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_no_invented_numbers(entry):
    """Digits only where the article has them; phone numbers come from the settings placeholders."""
    numbers = set(re.findall(r"\b\w*\d\w*\b", entry.text))
    assert numbers <= ALLOWED_NUMBERS, numbers - ALLOWED_NUMBERS


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_placeholders_are_known_settings(entry):
    assert set(re.findall(r"{(\w+)}", entry.text)) <= set(CLINIC)


def test_answers_that_report_hedge():
    """Condition and research answers must not sound like promises."""
    hedges = ("the article", "the author", "may", "probably", "not a promise", "not a proven")
    for answer in knowledge.answers():
        assert any(h in answer.text.lower() for h in hedges), answer.name


def test_decisions_point_to_the_prescriber():
    for name in ("full_vs_low_dose", "insomnia", "individual_dose", "opioid_interaction",
                 "guidance_sleep_trouble", "guidance_sleep_trouble_morning"):
        assert "prescriber" in knowledge.load()[name].text, name


def test_emergency_message_gives_numbers_first():
    text = knowledge.load()["emergency"].text
    assert text.index("{emergency_number}") < 60
    assert "{crisis_line}" in text and "{poison_help}" in text


def test_opioid_message_never_says_it_is_fine_and_mentions_surgery():
    text = knowledge.load()["opioid_interaction"].text.lower()
    assert "surgery" in text and "dental" in text
    assert not re.search(r"\b(fine|safe to combine|no problem)\b", text)


def test_every_domain_intent_is_answered_or_handled():
    intents = set(load_yaml(ROOT / "domain.yml")["intents"])
    replied = {e.intent for e in knowledge.by_intent()}
    handled_by_rules = {"affirm", "deny", "ask_dosing_time", "inform_dose_time"}
    assert intents == replied | handled_by_rules


def test_malformed_answers_are_rejected(tmp_path, monkeypatch):
    bad = tmp_path / "answers.yml"
    bad.write_text("answers:\n  x:\n    intent: ask_x\n    section: Nowhere\n    text: hi\n")
    monkeypatch.setattr(knowledge, "ANSWERS_FILE", bad)
    knowledge.load.cache_clear()
    try:
        with pytest.raises(KnowledgeError, match="Nowhere"):
            knowledge.load()
    finally:
        knowledge.load.cache_clear()
