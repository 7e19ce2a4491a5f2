"""The knowledge file: citations, readability, coverage of the article's topics, no invented numbers."""

import re
from pathlib import Path

import pytest
import textstat
import yaml

from bot import knowledge, settings
from bot.knowledge import KnowledgeError
from bot.nlu import patterns
from tests.conftest import ROOT, load_yaml

ENTRIES = list(knowledge.load().values())
RAW = (Path(knowledge.__file__).parent / "answers.yml").read_text(encoding="utf-8")
FRAGMENTS = {name: " ".join(words.split()) for name, words in yaml.safe_load(RAW)["fragments"].items()}
CLINIC = settings.load()
# Filled in when sent, besides the clinic settings: the subject the article does not cover, and a near topic.
RUNTIME_VALUES = {**CLINIC, "subject": "that", "near_subject": "rheumatoid arthritis"}

# The topics the issue requires, each by the intent a patient reaches it with.
REQUIRED_TOPIC_INTENTS = {
    "ask_what_is_ldn",
    "ask_full_vs_low_dose",
    "ask_mechanism",
    "ask_endorphins",
    "ask_stress_immune",
    "ask_immunosuppressive",
    "ask_autoimmunity",
    "ask_fibromyalgia",
    "ask_lupus",
    "ask_crohns",
    "ask_multiple_sclerosis",
    "ask_crps",
    "ask_other_conditions",
    "ask_thyroid",
    "ask_depression",
    "ask_side_effects",
    "ask_insomnia",
    "ask_abdominal_pain",
    "ask_titration",
}
# Numbers the article itself gives (50 mg) and names that contain digits.
ALLOWED_NUMBERS = {"50", "T4", "T3", "Th1", "Th2"}


def test_every_required_topic_has_exactly_one_answer():
    intents = [a.intent for a in knowledge.answers()]
    assert set(intents) >= REQUIRED_TOPIC_INTENTS
    assert len(intents) == len(set(intents))


def test_every_answer_cites_the_article_sections_it_draws_on():
    sections = knowledge.sections()
    for answer in knowledge.answers():
        assert answer.sections and set(answer.sections) <= set(sections), answer.name
        cited = " and ".join(f"'{s}'" for s in answer.sections)
        assert answer.full_text.endswith(f"Source: clinic article, {cited}")


def test_citations_name_where_each_point_comes_from():
    """Review findings: the pendulum is from the introduction; what LDN is draws on both parts; balancing
    the immune response is from the immune modulator part (clinical review 2)."""
    entries = knowledge.load()
    assert entries["mechanism"].sections == ("An Effective Immune Modulator", "Introduction")
    assert entries["what_is_ldn"].sections == ("Introduction", "An Effective Immune Modulator")
    assert entries["not_immunosuppressive"].sections == ("Autoimmunity and LDN", "An Effective Immune Modulator")


def test_the_section_list_is_the_articles_headings():
    assert knowledge.sections() == [
        "Introduction",
        "An Effective Immune Modulator",
        "Autoimmunity and LDN",
        "Hypothyroidism and LDN",
        "Depression and LDN",
        "Potential Side Effects",
    ]


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_readability_is_grade_8_or_below(entry):
    text = entry.text.format(**RUNTIME_VALUES)
    assert textstat.flesch_kincaid_grade(text) <= 8.0, text


WIDGET_SENTENCES = {key: text for key, text in knowledge.widget_words().items() if len(text.split()) >= 6}


@pytest.mark.parametrize("key", WIDGET_SENTENCES)
def test_the_widgets_interface_sentences_are_grade_8_or_below(key):
    """Labels ("Start over") are too short to score; the words that make a sentence are held to grade 8."""
    text = WIDGET_SENTENCES[key].format(**RUNTIME_VALUES, count="2", who="You", time="9:41")
    assert textstat.flesch_kincaid_grade(text) <= 8.0, text


def test_the_widgets_interface_words_are_a_section_of_their_own():
    words = knowledge.widget_words()
    assert {"start_over", "try_again", "not_sent", "placeholder", "today"} <= set(words)
    assert all(
        set(re.findall(r"{(\w+)}", text)) <= set(RUNTIME_VALUES) | {"count", "who", "time"} for text in words.values()
    )


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_no_invented_numbers(entry):
    """Digits only where the article has them; phone numbers come from the settings placeholders."""
    numbers = set(re.findall(r"\b\w*\d\w*\b", entry.text))
    assert numbers <= ALLOWED_NUMBERS, numbers - ALLOWED_NUMBERS


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_placeholders_are_known_settings(entry):
    assert set(re.findall(r"{(\w+)}", entry.text)) <= set(RUNTIME_VALUES)


def test_answers_that_report_hedge():
    """Condition and research answers must not sound like promises."""
    hedges = ("the article", "the author", "may", "probably", "not a promise", "not a proven")
    for answer in knowledge.answers():
        assert any(h in answer.text.lower() for h in hedges), answer.name


def test_decisions_point_to_the_prescriber():
    for name in (
        "full_vs_low_dose",
        "insomnia",
        "individual_dose",
        "opioid_interaction",
        "guidance_sleep_trouble",
        "guidance_sleep_trouble_morning",
    ):
        assert "prescriber" in knowledge.load()[name].text, name


def test_emergency_message_gives_one_clear_order():
    """911 for a collapse, breathing trouble, a stroke or a seizure; 988 for suicide; Poison Help when awake."""
    text = knowledge.load()["emergency"].text
    assert text.startswith("Call {emergency_number} now if someone has collapsed, can't breathe")
    assert "seizure" in text.split("{crisis_line}")[0] and "stroke" in text.split("{crisis_line}")[0]
    assert text.index("{emergency_number}") < text.index("{crisis_line}") < text.index("{poison_help}")
    assert "thinking about suicide or hurting yourself" in text
    assert "awake and well, call Poison Help" in text


def test_self_harm_leads_with_the_crisis_line_and_names_it():
    text = knowledge.load()["emergency_self_harm"].text
    assert text.startswith("Please call or text {crisis_line} now")
    assert text.index("{crisis_line}") < text.index("{emergency_number}")
    assert "Suicide and Crisis Lifeline" in text


def test_an_overdose_on_purpose_gets_the_emergency_number_the_crisis_line_and_poison_help():
    text = knowledge.load()["emergency_self_poisoning"].text
    assert text.index("{emergency_number}") < text.index("{crisis_line}") < text.index("{poison_help}")
    assert "on purpose" in text and "Suicide and Crisis Lifeline" in text


def test_overdose_leads_with_poison_help_while_awake():
    text = knowledge.load()["emergency_overdose"].text
    assert text.index("{poison_help}") < text.index("{emergency_number}")
    assert text.startswith("If the person who took too much is awake and well, call Poison Help")


def test_the_overdose_advice_is_written_once_and_names_drowsiness_and_slow_breathing():
    """Clinical review 2: one overdose sentence, reused; 911 for very sleepy or slow or shallow breathing."""
    advice = FRAGMENTS["overdose_advice"]
    assert "very sleepy, or have slow or shallow breathing, call {emergency_number}" in advice
    assert RAW.count("slow or shallow") == 1
    for name in ("emergency", "emergency_overdose", "individual_dose"):
        assert advice in knowledge.load()[name].text, name


def test_withdrawal_reply_leads_with_the_emergency_number_and_the_prescriber():
    text = knowledge.load()["emergency_withdrawal"].text
    assert text.startswith("Call {emergency_number} now") and "prescriber" in text and "withdrawal" in text


def test_service_problem_carries_the_emergency_line():
    assert "In an emergency, call {emergency_number}" in knowledge.load()["service_problem"].text


def test_opioid_message_never_says_it_is_fine_and_mentions_surgery():
    text = knowledge.load()["opioid_interaction"].text.lower()
    assert "surgery" in text and "dental" in text
    assert not re.search(r"\b(fine|safe to combine|no problem)\b", text)


def test_opioid_message_covers_the_clinical_review():
    text = knowledge.load()["opioid_interaction"].text.lower()
    assert "may not work as well" in text
    assert "never take more of an opioid" in text and "overdose" in text
    assert "methadone" in text and "buprenorphine" in text and "withdrawal" in text
    assert "tell the surgeon, dentist, anesthesia team" in text and "emergency" in text
    assert "opiate" not in text  # one word, used consistently


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_no_claims_the_article_does_not_make(entry):
    """Review findings: overstatements, invented precision, dreams (not in the article), a near-copy."""
    text = entry.text.lower()
    for phrase in (
        "many people find",
        "helps most people",
        "another way to treat",
        "at its full dose it treats",
        "boosts",
        "a few weeks",
        "two amino acids",
        "much smaller",
        "best known as",
        "signals that drive inflammation",
        "used to help balance the immune system",
        "when endorphins attach to their receptors, they release dopamine",
        # clinical review 2: the author's sleep tip is no general advice; the other answers'
        # conditions are no proven uses; fibromyalgia and CRPS are not autoimmune; reverse T3
        # is not described in the article; the bot does not switch to "we".
        "general advice",
        "not a proven use",
        "as with other autoimmune conditions",
        "does not do the job",
        "we are open",
        "our website",
    ):
        assert phrase not in text, phrase
    assert "dream" not in text


@pytest.mark.parametrize(
    "name, explained",
    [
        ("thyroid", "another form, called reverse t3"),
        ("thyroid", "the article calls that euthyroid sick syndrome"),
        ("lupus", "two parts of the immune system, called th1 and th2"),
        ("crps", "(crps) is a kind of long-lasting pain"),
        ("autoimmunity", "inflammatory cytokines, which are"),
        ("fibromyalgia", "inflammatory cytokines, which are"),
        ("crohns", "inflammatory cytokines, which are"),
        ("multiple_sclerosis", "inflammatory cytokines, which are"),
        ("what_is_ldn", "endorphins, natural feel-good chemicals"),
        ("endorphins", "amino acids, the building blocks"),
        ("autoimmunity", "a sign of autoimmune disease"),
        ("opioid_interaction", "withdrawal (feeling very sick)"),
    ],
)
def test_jargon_is_explained_in_plain_words(name, explained):
    assert explained in knowledge.load()[name].text.lower()


# Terms a patient may meet in any answer first, and the words that explain them wherever they appear.
GLOSSES = [
    ("receptor", "spots in the body"),
    ("cytokine", "substances tied to inflammation"),
    ("withdrawal", "very sick"),
    ("dopamine", "brain chemical tied to pleasure, reward and alertness"),
    ("CRPS", "long-lasting pain"),
    ("MS", "multiple sclerosis (MS)"),
    ("Poison Help", "Poison Help (poison control)"),
]


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_every_term_is_explained_in_each_text_that_uses_it(entry):
    """Clinical review 2: a patient can land on any answer first, so each text explains its own terms."""
    for term, gloss in GLOSSES:
        if re.search(rf"\b{re.escape(term)}", entry.text):
            assert gloss in entry.text, (term, gloss)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_the_author_is_introduced_before_her_experience(entry):
    """The article's author speaks of "my patients": each text that reports her experience says who she is first."""
    text = entry.text
    mentions = [
        m.start()
        for m in re.finditer(r"\b(author|her patients|she)\b", text, re.I)
        if "The article's author treats" not in text[m.start() - 13 : m.start() + 20]
    ]
    if mentions:
        assert FRAGMENTS["author_intro"] in text and text.index(FRAGMENTS["author_intro"]) < mentions[0]


def test_ldn_still_blocks_opioids_in_the_answers_read_first():
    """Clinical review 2: the article's point that LDN is still an opioid blocker is not dropped."""
    point = FRAGMENTS["still_blocks_opioids"]
    assert "still blocks opioids" in point and "prescriber" in point
    for name in ("what_is_ldn", "full_vs_low_dose"):
        assert point in knowledge.load()[name].text, name


def test_the_sleep_tip_is_written_once_as_the_authors_and_reused():
    """Clinical review 2: the author's tip for trouble sleeping, one wording, hers, in every text that gives it."""
    tip = knowledge.load()["insomnia"].text.split(FRAGMENTS["author_intro"])[1].split(" Please")[0].strip()
    assert tip.startswith("She found that for most of her patients") and "start low" in tip and "over weeks" in tip
    flat = " ".join(RAW.split())
    assert flat.count("over weeks") == 1 and flat.count("in the morning, not at night") == 1
    for name in ("titration", "insomnia", "guidance_sleep_trouble", "guidance_sleep_trouble_morning"):
        text = knowledge.load()[name].text
        assert FRAGMENTS["author_intro"] + " " + tip in text, name


def test_titration_says_the_article_has_no_plan_and_leaves_the_dose_to_the_prescriber():
    entry = knowledge.load()["titration"]
    assert entry.text.startswith("The article does not give a plan for starting LDN.")
    assert "start low" in entry.text and "over weeks" in entry.text and "prescriber" in entry.text
    assert entry.section == "Potential Side Effects"


def test_side_effects_say_the_list_is_not_complete_and_what_to_do_about_a_reaction():
    text = knowledge.load()["side_effects"].text
    assert "does not list every side effect" in text
    assert "Tell your prescriber or pharmacist about any side effect" in text
    assert "trouble breathing or swelling of the face or throat, call {emergency_number}" in text


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_no_text_says_staff_do_not_read_the_chat(entry):
    """The clinic's report shows staff patients' words (bot/report/), so no text may say otherwise."""
    assert not re.search(
        r"(staff|no one|nobody)\b[^.]*\b(do not|don't|never|cannot|can't) (read|see)", entry.text, re.I
    )
    assert "between us" not in entry.text


def test_who_reads_the_chat_is_said_truthfully_in_the_disclaimer_banner_and_handoff():
    who = FRAGMENTS["who_reads"]
    assert "in real time" in who and "staff may read chats" in who
    for name in ("disclaimer", "widget_banner", "human_handoff"):
        assert who in knowledge.load()[name].text, name


def test_the_author_is_attributed_not_stated_as_fact():
    """Clinical review 2, tone: the explanation is the article's, her expectation is hers, the answer is the article's."""
    entries = knowledge.load()
    assert entries["mechanism"].text.startswith("The article explains")
    assert "She says the low dose should do the opposite" in entries["abdominal_pain"].text
    assert entries["not_immunosuppressive"].text.startswith("The article says no")
    assert "low mood (depression)" in entries["full_vs_low_dose"].text


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_sentences_stay_short(entry):
    """Clinical review 2: sentences of 23 words or more are split."""
    for sentence in re.split(r"(?<=[.?!])\s+", entry.text.format(**RUNTIME_VALUES)):
        assert len(sentence.split()) <= 22, sentence


def test_files_named_in_the_knowledge_file_exist():
    for path in re.findall(r"\b(?:tests|bot)/[\w/]+\.py\b", RAW):
        assert (ROOT / path).exists(), path


def test_not_covered_names_the_subject_and_whom_to_ask():
    text = knowledge.load()["not_covered"].text
    assert text.startswith("The clinic's article doesn't cover {subject}")
    assert "prescriber" in text and "{clinic_phone}" in text
    assert knowledge.load()["not_covered"].topics_menu


def test_domain_yml_lists_only_the_intents_answers_yml_does_not_answer():
    """One place per intent: an answer's intent is written in answers.yml only (build.py adds it to the domain)."""
    own = load_yaml(ROOT / "domain.yml")["intents"]
    assert set(own) == {"affirm", "deny", "ask_dosing_time", "inform_dose_time"}
    assert not set(own) & set(knowledge.intents())


def test_every_subject_is_one_of_the_rulers_condition_or_symptom_ids():
    ids = patterns.entity_ids("CONDITION") | patterns.entity_ids("SYMPTOM")
    subjects = knowledge.intent_for_subject()
    assert subjects and set(subjects) <= ids, set(subjects) - ids
    assert subjects["fibromyalgia"] == "ask_fibromyalgia" and subjects["chemical_sensitivity"] == "ask_other_conditions"


def test_a_subject_in_two_answers_is_rejected(tmp_path, monkeypatch):
    two = "".join(
        f"  {n}:\n    intent: ask_{n}\n    subjects: [lupus]\n    section: Introduction\n    text: hi\n" for n in "ab"
    )
    with pytest.raises(KnowledgeError, match="subject lupus: in two answers"):
        _load(tmp_path, monkeypatch, "answers:\n" + two, read=knowledge.intent_for_subject)


def _load(tmp_path, monkeypatch, text, read=knowledge.load):
    path = tmp_path / "answers.yml"
    path.write_text(text)
    monkeypatch.setattr(knowledge, "ANSWERS_FILE", path)
    knowledge.load.cache_clear()
    knowledge.intent_for_subject.cache_clear()
    try:
        return read()
    finally:
        knowledge.load.cache_clear()
        knowledge.intent_for_subject.cache_clear()


def test_a_fragment_may_use_the_fragments_above_it(tmp_path, monkeypatch):
    entries = _load(
        tmp_path, monkeypatch, "fragments:\n  a: Hello.\n  b: '{a} Bye.'\nmessages:\n  m: '{b} Call {clinic_phone}.'\n"
    )
    assert entries["m"].text == "Hello. Bye. Call {clinic_phone}."


def test_an_unused_fragment_is_rejected(tmp_path, monkeypatch):
    with pytest.raises(KnowledgeError, match="fragment b: not used"):
        _load(tmp_path, monkeypatch, "fragments:\n  a: Hello.\n  b: Bye.\nmessages:\n  m: '{a}'\n")


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


def test_safety_wording_of_clinical_review_2():
    """Review 2's SAFETY rows on the mood and opioid texts: suicide named with the Lifeline, no stopping of
    current treatment, methadone and buprenorphine as opioids, the anesthesia team and a planned procedure."""
    texts = knowledge.load()
    depression = texts["depression"].text
    assert "suicide or harming yourself" in depression and "Suicide and Crisis Lifeline" in depression
    assert "Do not stop or change any treatment for your mood" in depression
    assert "Do not stop any treatment" in texts["autoimmunity"].text
    opioid = texts["opioid_interaction"].text
    assert "any opioid, including methadone or buprenorphine" in opioid and "before a planned procedure" in opioid
