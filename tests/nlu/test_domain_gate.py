"""The domain gate: lexical evidence keeps article answers for the article's subjects only."""

from collections import Counter

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot import knowledge
from bot.nlu import negatives
from bot.nlu.domain_gate import (
    NEGATIVE_INTENTS,
    NOT_COVERED,
    OUT_OF_SCOPE,
    DomainGate,
    article_vocabulary,
    everyday_words,
)
from tests.conftest import ROOT, nlu_examples

TOPIC_INTENTS = {a.intent for a in knowledge.answers()}
# Wrong-article-answer rates the held-out negatives must stay under (the issue's targets).
MAX_WRONG = {"everyday": 0.01, "other_medical": 0.02, "consumer": 0.02, "ldn_not_covered": 0.02}


def _training_texts():
    texts = []
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        for intent, examples in nlu_examples(path).items():
            if intent not in NEGATIVE_INTENTS:
                texts += examples
    return texts


@pytest.fixture(scope="module")
def gate():
    return DomainGate(None, None, article_vocabulary(_training_texts()), everyday_words())


@pytest.mark.parametrize(
    "text",
    [
        "How to prevent Stroke?",
        "What are the side effects or risks of Famotidine Injection?",
        "What are the symptoms of Amyotrophic lateral sclerosis type 6?",
        "whats diabete",
        "How do you catch hepatitis?",
        "What exactly is sleep paralysis?",
        "is it safe to go to serbia",
        "what is the definiton of auspicious",
        "how does a nuclear reactor work",
    ],
)
def test_the_issues_wrong_answers_are_off_topic(gate, text):
    assert gate.foreign_words(text), text
    assert gate.verdict(text, "ask_side_effects", 0.99) == OUT_OF_SCOPE


@pytest.mark.parametrize(
    "text",
    [
        "what are the side efects of ldn",
        "does it help fibromyalga",
        "i have insomina since starting",
        "how does it work",
        "what is naltrexon",
        "can it help my lupus flares",
        "my thyroid numbers and ldn",
        "hey so my doc put me on this stuff last month and i'm wondering about the sleep thing",
    ],
)
def test_article_questions_pass_typos_and_all(gate, text):
    assert gate.verdict(text, "ask_insomnia", 0.7) is None, gate.foreign_words(text)


@pytest.mark.parametrize("text", ["wat si ldn", "hwo does it wrok", "any sied effects", "wich one hleps sleep"])
def test_short_words_slipped_by_a_swapped_or_missing_letter_are_not_another_subject(gate, text):
    assert not gate.foreign_words(text), text


@pytest.mark.parametrize(
    "text, foreign",
    [
        ("is hrt ok with ldn", "hrt"),
        ("can i take thc gummies", "thc"),
        ("ldn and my ssri", "ssri"),
        ("what about kava", "kava"),
    ],
)
def test_short_names_of_other_subjects_stay_foreign(gate, text, foreign):
    # (a changed letter, or a letter added to three: "hrt" is one letter from "hurt")
    assert foreign in gate.foreign_words(text)


def test_a_thing_a_sign_is_likened_to_is_no_subject_but_a_medicine_is(gate):
    # Round 124: "like an owl" says how sleepless, not what is asked about.
    assert "owl" not in gate.foreign_words("cant sleep since starting it, eyes wide open at 2am like an owl")
    assert "gabapentin" in gate.foreign_words("does ldn work like a gabapentin for nerve pain")


def test_a_slip_of_a_long_everyday_word_is_that_word_but_a_dictionary_word_stays_itself(gate):
    # (round 87: "immune fuction" is "function"; "shingles" is a word of its own, one letter from "singles")
    assert gate.foreign_words("How does chronic stres tie into immune fuction?") == []
    assert gate.foreign_words("does ldn help shingles") == ["shingles"]


def test_a_word_for_conditions_in_general_and_a_trade_are_no_subject_of_their_own(gate):
    # (round 122: "sicknesses"; round 121: "of all things for a hairdresser"; a condition named stays one)
    assert gate.foreign_words("what othr sicknesses they use it on") == []
    assert gate.foreign_words("That's what my hands have got now, of all things for a hairdresser") == []
    assert gate.foreign_words("does ldn help with hernias") == ["hernias"]


def test_ldn_named_with_foreign_subject_is_not_covered_unless_the_classifier_is_sure(gate):
    assert gate.is_anchored("does naltrexone help psoriasis") and gate.is_anchored("is low dose ok")
    assert gate.verdict("ldn for tinnitus, what is it", "ask_what_is_ldn", 0.5) == NOT_COVERED
    assert gate.verdict("ldn for tinnitus, what is it", "ask_what_is_ldn", 0.95) is None


@pytest.mark.parametrize(
    "text",
    [
        # Round 55: formal words and the people asked for name no subject left out of the article.
        "Kindly advise whether LDN is immunosuppressive, as we have residents who are vulnerable",
        "I wish to enquire what low dose naltrexone is, for one of our clients",
    ],
)
def test_with_ldn_named_words_that_name_no_subject_keep_an_unsure_answer(gate, text):
    assert gate.foreign_words(text)  # (foreign to the article and everyday English all the same)
    assert gate.verdict(text, "ask_what_is_ldn", 0.5) is None
    # ... while one that could name a subject still gets the honest limit
    assert gate.verdict(text + ", for tinnitus", "ask_what_is_ldn", 0.5) == NOT_COVERED


def test_a_stop_guessed_for_an_answer_is_no_request_to_stop(gate):
    # Round 58: "Only now and then." at the sleep question was read as "stop" and ended the talk.
    assert gate.decide("Only now and then.", "stop", 0.48, False) == "nlu_fallback"
    assert gate.decide("yes but can we stop now", "stop", 0.9, False) is None
    assert gate.decide("never mind", "stop", 0.9, False) is None


def test_the_gate_leaves_non_article_intents_alone(gate):
    assert gate.verdict("how to prevent stroke", "emergency", 0.5) is None
    assert gate.verdict("how to prevent stroke", "greet", 0.9) is None


def test_generated_splits_never_share_a_template_or_a_name():
    train = {t for _, _, t in negatives.generate("train")}
    heldout = {t for _, _, t in negatives.generate("heldout")}
    assert not train & heldout
    raw = negatives._raw()
    for name, parts in raw["lists"].items():
        assert not set(parts["train"]) & set(parts["heldout"]), name
    for kind, parts in raw["templates"].items():
        assert not set(parts["train"]) & set(parts["heldout"]), kind
    assert len(heldout) >= 300


@pytest.mark.model
def test_heldout_negatives_never_get_an_article_answer(parse):
    """Generated from templates and names the model never saw; the issue's rates are the bound."""
    wrong, total = Counter(), Counter()
    examples = {}
    for kind, _, text in negatives.generate("heldout"):
        total[kind] += 1
        intent = parse(text)["intent"]["name"]
        if intent in TOPIC_INTENTS:
            wrong[kind] += 1
            examples.setdefault(kind, []).append((text, intent))
    rates = {kind: wrong[kind] / total[kind] for kind in total}
    assert all(rates[k] <= MAX_WRONG[k] for k in rates), (rates, examples)


@pytest.mark.parametrize(
    "text, unknown",
    [
        ("could LDN help my high blood pressure", True),
        ("my friend said ldn fixed her ADHD, is that true", True),
        ("does low dose naltrexone work for gout", True),
        ("does ldn help with fibro", False),
        ("can ldn help me sleep better", False),
        ("does it help", False),
        ("does ldn help my lupus flares", False),
        ("does ldn help with the side effects", False),
        ("does it work for chronic infections", False),
        ("how does ldn help the immune system", False),
        # a sign with its own place named is that place's pain, not the article's belly pain or regional pain
        ("can ldn help my back pain", True),
        ("does ldn help joint pain", True),
        ("can ldn help my stomach pain", False),
        ("can ldn help with pain in my belly", False),
        ("does ldn help with back pain from my MS", False),
        ("does ldn help with the pain and the fatigue", False),
    ],
)
def test_the_subject_of_does_it_help_must_be_the_articles(gate, text, unknown):
    assert gate.unknown_subject(text) is unknown
    assert (gate.verdict(text, "ask_other_conditions", 0.99) == NOT_COVERED) is unknown


@pytest.mark.parametrize(
    "text",
    [
        "crohns flaring again, would ldn help my gut",
        "my husband has ms, could ldn help him",
        "does ldn help convert t4 to t3",
    ],
)
def test_an_article_subject_anywhere_keeps_the_answer(gate, text):
    assert not gate.unknown_subject(text)


@pytest.mark.parametrize("text", ["will LDN help with my neck pain", "does ldn help my knee pain"])
def test_an_unsure_reading_of_whether_ldn_helps_an_unnamed_subject_is_not_covered(gate, text):
    assert gate.decide(text, "nlu_fallback", 0.3, False) == NOT_COVERED
    # with LDN unsaid and no conversation about it, the question may be of anything
    assert (
        gate.decide(text.replace("LDN", "turmeric").replace("ldn", "turmeric"), "nlu_fallback", 0.3, False)
        != NOT_COVERED
    )


@pytest.mark.parametrize(
    "text",
    [
        # Rounds 61-62: without LDN named, words that name no subject (register, texting's own words, numbers)
        # leave a question about the article's subjects to the classifier.
        "how does it work? explain it simply, tbh im nervous and utterly bewildered",
        "what happens after thirty or forty years on it",
        # Round 64: nouns of the asking itself ("rationale", "increments").
        "titration: first dose, increments, and the rationale for going slow?",
        # Rounds 65-66: a day of the week, and "ought".
        "what ought i to know about it before i start on thursday",
    ],
)
def test_without_ldn_named_words_that_name_no_subject_keep_the_answer(gate, text):
    assert gate.verdict(text, "ask_mechanism", 0.6) is None, gate.foreign_words(text)
    # ... while one that could name another subject is still off-topic
    assert gate.verdict(text + " for my tinnitus", "ask_mechanism", 0.6) == OUT_OF_SCOPE


def test_a_named_uncovered_subject_is_not_covered_and_unanchored_foreign_text_is_off_topic(gate):
    assert gate.decide("how long did it take for ldn to kick in", "ask_dosing_time", 0.9, True) == NOT_COVERED
    # The dose rail is a safety rail: the gate never takes it away.
    assert gate.decide("can i up my dose to see results quicker", "individual_dose", 0.9, True) is None
    assert gate.decide("is it safe while pregnant", "out_of_scope", 0.9, True) == NOT_COVERED
    assert gate.decide("can i take aspirin for my cold", "not_covered", 0.99, False) == OUT_OF_SCOPE
    assert gate.decide("is ldn addictive", "not_covered", 0.99, False) is None
    assert gate.decide("i feel hopeless", "emergency", 1.0, True) is None


def test_an_article_condition_named_with_ldn_gets_its_answer_when_the_classifier_cannot_place_it(gate):
    text = "my sister swears ldn helped her fibromyalgia, is there any proof"
    assert gate.decide(text, "out_of_scope", 0.98, False, {"fibromyalgia"}) == "ask_fibromyalgia"
    assert gate.decide("fibromyalgia and lupus?", "nlu_fallback", 0.55, False, {"fibromyalgia", "lupus"}) is None
    assert (
        gate.decide("my sister has fibromyalgia, what's the weather", "out_of_scope", 0.9, False, {"fibromyalgia"})
        is None
    )
    # Round 68: an unsure overview of what LDN is, for a message naming one article condition; a sure one stands.
    text = "is ldn ever given for ppms"
    assert gate.decide(text, "ask_what_is_ldn", 0.5, False, {"multiple_sclerosis"}) == "ask_multiple_sclerosis"
    assert gate.decide(text, "ask_what_is_ldn", 0.9, False, {"multiple_sclerosis"}) is None
    # ... nor a message that asks what LDN is, the condition told as context
    text = "my ms group keeps mentioning ldn. can you explain what it is?"
    assert gate.decide(text, "ask_what_is_ldn", 0.5, False, {"multiple_sclerosis"}) != "ask_multiple_sclerosis"


def test_a_named_article_condition_beats_an_unsure_or_not_covered_guess_unless_an_uncovered_subject_is_named(gate):
    assert gate.decide("i have SLE does ldn help with it", "not_covered", 0.59, False, {"lupus"}) == "ask_lupus"
    assert gate.decide("is ldn safe with lupus while pregnant", "not_covered", 0.9, True, {"lupus"}) == NOT_COVERED
    text = "been on ldn a week n im wide awake til 2am every nite, is that the ldn??"
    assert gate.decide(text, "ask_insomnia", 0.48, False, {"insomnia"}, True) is None
    # Without the ruler's evidence, the same unsure guess with foreign words stays "not covered".
    assert gate.decide("does ldn fix my zygomatic arch", "ask_insomnia", 0.48, False) == NOT_COVERED
    # Another treatment named for the condition, LDN unsaid, is another subject (round 37).
    text = "does a keto diet help ms? seen people swear by it"
    assert gate.decide(text, "ask_multiple_sclerosis", 0.67, False, {"multiple_sclerosis"}, True) == OUT_OF_SCOPE


def test_in_a_conversation_about_ldn_a_sure_article_answer_needs_no_word_of_the_article(gate):
    # (round 38, after the full-dose answer)
    text = "so how does such a tiny amount do anything at all?"
    assert gate.decide(text, "ask_mechanism", 0.95, False) == OUT_OF_SCOPE
    assert gate.decide(text, "ask_mechanism", 0.95, False, ldn_implied=True) is None
    assert gate.decide(text, "ask_mechanism", 0.6, False, ldn_implied=True) == OUT_OF_SCOPE


@pytest.mark.parametrize(
    "text, expected",
    [
        ("recipe for chicken soup", OUT_OF_SCOPE),
        ("who is the president", OUT_OF_SCOPE),
        ("how does ldn wrok", None),
        ("what about the belly pain thing", None),
        ("endorphins?", None),
    ],
)
def test_an_unsure_guess_without_one_word_of_the_article_is_off_topic(gate, text, expected):
    assert gate.decide(text, "nlu_fallback", 0.55, False) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("wake me up at 7 tomorrow", OUT_OF_SCOPE),
        ("endorphines?? what are they", None),
        ("how does it work", None),
        ("what are the side effects", None),
        ("Mood and depression", None),
    ],
)
def test_an_article_answer_needs_one_word_of_the_article_or_of_taking_a_medicine(gate, text, expected):
    assert gate.decide(text, "ask_insomnia", 0.9, False) == expected


@pytest.mark.parametrize(
    "text, intent, expected",
    [
        ("qwerty", "thanks", "nlu_fallback"),
        ("I don't know", "thanks", "nlu_fallback"),
        ("idk honestly", "affirm", "nlu_fallback"),
        ("thanks a lot", "thanks", None),
        ("yes", "affirm", None),
    ],
)
def test_unreadable_or_unsure_text_is_never_small_talk(gate, text, intent, expected):
    assert gate.decide(text, intent, 0.9, False) == expected


def test_an_unsure_handoff_guess_naming_an_uncovered_subject_is_not_covered(gate):
    assert gate.decide("I wanted to know the price", "human_handoff", 0.38, True) == NOT_COVERED
    assert gate.decide("can i talk to someone about the cost", "human_handoff", 0.95, True) is None
    assert gate.decide("can i talk to a nurse", "human_handoff", 0.4, False) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("my number is 555-123-4567, can you book me a haircut", OUT_OF_SCOPE),
        ("what amount would you advise for me", None),
        ("is 3 mg enough for someone my size", None),
        ("should i double up", None),
        ("what should i do about my ldn", None),
    ],
)
def test_the_dose_rail_needs_a_word_of_a_dose_or_of_taking_a_medicine(gate, text, expected):
    assert gate.decide(text, "individual_dose", 0.9, False) == expected


def test_a_question_about_a_subject_taken_for_small_talk_is_read_as_a_question(gate):
    # Understanding round 10: "no" in "yes or no" read as a denial, a hedge read as "stop".
    assert gate.decide("is ldn ok while breastfeeding, yes or no", "deny", 0.4, True) == NOT_COVERED
    assert gate.decide("could it help my ulcerative colitis, my gp never says", "stop", 0.9, False) == "nlu_fallback"
    # Small talk stays small talk: short, or telling rather than asking.
    assert gate.decide("no thanks", "deny", 0.9, False) is None
    assert gate.decide("ok that's all I wanted about ldn for today", "goodbye", 0.9, False) is None


def _read_as(gate, text, intent, times=()):
    entities = [{"entity": "TIME_OF_DAY", "value": t, "start": 0, "end": 1} for t in times]
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.7}, "entities": entities})
    [message] = gate.process([message])
    return message.get("intent")["name"]


@pytest.mark.parametrize(
    "text, read_first",
    [
        # Round 93: times of day weighed, read as one's own dose.
        (
            "my friend takes hers right when she wakes up and i take mine at night, whos doing it right",
            "individual_dose",
        ),
        ("nighttime or first thing in the morning? my support group can't agree", "individual_dose"),
        # Round 129: two times told of the taking, then which is right, read as off-topic.
        ("my doctor said take it at night but my sister takes hers in the morning. which one is right", "out_of_scope"),
        ("pharmacy label says bedtime, my friend takes it at breakfast, whats correct?", "out_of_scope"),
    ],
)
def test_times_of_day_weighed_without_an_amount_are_the_dosing_time_question(gate, text, read_first):
    assert _read_as(gate, text, read_first, times=("morning", "bedtime")) == "ask_dosing_time"


def test_two_times_told_of_another_thing_stay_as_read(gate):
    # (another subject named: its time is not LDN's)
    assert (
        _read_as(
            gate,
            "my friend takes her metformin at night and I take mine in the morning, which is right",
            "out_of_scope",
            times=("morning", "bedtime"),
        )
        == "out_of_scope"
    )
    # (no "which is right": nothing asked of the times)
    assert (
        _read_as(gate, "I take it at night and my friend in the morning", "out_of_scope", times=("morning", "bedtime"))
        == "out_of_scope"
    )


def test_no_time_of_day_named_stays_ones_own_dose(gate):
    assert _read_as(gate, "who's doing it right, me or my friend", "individual_dose") == "individual_dose"


@pytest.mark.parametrize(
    "text, kept",
    [
        # Round 114: a name or initials signed after the last sentence name no subject...
        ("Is abdominal pain among the side effects? Margaret", []),
        ("Is there a good time to take LDN? I wake up early. M.", []),
        ("Is that a separate matter? M. Ellison", []),
        # ... but a medicine's name alone after a question does.
        ("Is it ok with my meds? Sertraline", ["sertraline"]),
    ],
)
def test_a_signature_at_the_end_is_no_subject_but_a_medicine_is(gate, text, kept):
    assert gate.foreign_words(text) == kept
