"""Custom Rasa NLU components: the slash-command guard, triage, canonical entity values and the safety override."""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Dict, Iterable, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import SPACY_DOCS
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot import triage
from bot.dialogue.safety_policy import TRIAGE_ENTITY
from bot.nlu import language, other_language, patterns
from bot.nlu.time_of_day import clock_part_of_day

EMERGENCY_INTENT = "emergency"
OPIOID_INTENT = "opioid_interaction"
# Entity label -> the intent it forces, checked in this order (emergencies win). Surgery and
# dental work go to the opioid rail, which tells patients to inform their prescriber first.
SAFETY_ENTITIES = ((TRIAGE_ENTITY, EMERGENCY_INTENT), ("OPIOID", OPIOID_INTENT), ("PROCEDURE", OPIOID_INTENT))
# A procedure that is over ("I had surgery last year") needs no warning about opioids: words of the
# configured language (bot/nlu/lang/<language>.yml, `past` and `future`).
PAST_MARKERS = language.load().words("past")
FUTURE_MARKERS = language.load().words("future")
# Words just before a condition that deny having it (bot/nlu/lang/<language>.yml, `denied_before`).
_DENIED_BEFORE = language.load().pattern("denied_before")
_COMPARED_BEFORE = language.load().pattern("compared_before")
_REMEMBERED_BEFORE = language.load().pattern("remembered_before")
_PLACE_BEFORE = language.load().pattern("place_before")
_PROCEDURE_OWN_MATTER = language.load().pattern("procedure_own_matter")
_MANAGED_AROUND_PROCEDURE = frozenset(language.load().words("managed_around_procedure"))
_OPIOID_NOT_TAKEN_AFTER = language.load().words("opioid_not_taken_after")
_ALCOHOL_NOT_DRUNK_AFTER = language.load().words("alcohol_not_drunk_after")
_ALCOHOL_GIVEN_UP = language.load().pattern("alcohol_given_up_before")
_TAKING_A_MEDICINE = language.load().words("taking_a_medicine")
# The bare words for the class of medicines (not a medicine's name), which `_OPIOID_NOT_TAKEN_AFTER` may qualify.
_OPIOID_CLASS_WORDS = frozenset({"opioid", "opioids", "opiate", "opiates"})
_DOSE_AMOUNT = language.load().pattern("dose_amount").pattern
DOSE_INTENT = "individual_dose"
HANDOFF_INTENT = "human_handoff"
# Below this, a handoff the classifier guessed is unsure (the domain gate's bound too).
UNSURE_HANDOFF = 0.6
# Words that ask for a person to talk to (bot/nlu/lang/<language>.yml): a handoff the classifier guessed keeps them.
_ASKS_FOR_A_PERSON = frozenset(language.load().words("asks_for_a_person"))
_NAMING_CALL = language.load().pattern("naming_call")
_LDN_WORDS = frozenset(language.load().words("anchors"))
_LDN_PRONOUNS = frozenset(language.load().words("ldn_pronouns"))
# How much of a long name of LDN's a typo keeps ("naltrexon"), and the words of stopping a medicine before its name.
ANCHOR_STEM = 6
_STOPS_A_MEDICINE = language.load().pattern("stops_a_medicine")
# Whether it helps a condition ("does it help with lupus", the domain gate's), and the words of a dose taken or missed.
_HELPS_WITH = language.load().pattern("helps_with")
_NURSING_AS_WORK = language.load().pattern("nursing_as_work")
_DOSE_TALK = frozenset(language.load().words("dose_talk"))
# The dosing-time talk's intents, and the words that speak of a time (bot/nlu/lang/<language>.yml, `time_cues`).
DOSING_TIME_INTENTS = ("ask_dosing_time", "inform_dose_time")
# A number after "#": a count ("baby #3"), never a dose.
_COUNT = re.compile(r"#\s*\d+")
TIME_CUES = language.load().words("time_cues")
_NOT_TIME_PHRASES = language.load().words("not_time_phrases")
# Words that make "how much" a question of dose, not of cost (bot/nlu/lang/<language>.yml, `dose_words`).
DOSE_WORDS = language.load().words("dose_words")
# Words of an amount, a change or a slip of a dose; any other sign of a dose (bot/nlu/lang/<language>.yml).
_DOSE_SIGNS = language.load().pattern("dose_signs")
# The word for a dose itself, not what is done with it ("timing my dose"; the language's).
_DOSE_WORD_ALONE = language.load().pattern("dose_word_alone")
DOSE_CHANGE_WORDS = (
    language.load().words("amount") | DOSE_WORDS | language.load().words("dose_slip")
) - language.load().words("not_alone_a_change")
# The names of LDN in several words ("low dose"): no word of a dose in them.
_LDN_NAMES = language.load().words("anchor_phrases")


def force_intent(message: Message, intent: str) -> None:
    """Sets `intent` with full confidence, first in the ranking."""
    forced = {"name": intent, "confidence": 1.0}
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent]
    message.set(INTENT, forced, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [forced] + ranking, add_to_output=True)


class _Stateless(GraphComponent):
    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data


class TextRewriter:
    """A component that rewrites each message's text as meant (`rewrite`) before anything after it reads the text."""

    @staticmethod
    def rewrite(text: str) -> str:
        raise NotImplementedError

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if text:
                rewritten = self.rewrite(text)
                if rewritten != text:
                    message.set(TEXT, rewritten, add_to_output=True)
        return messages


class LemmaReader:
    """A component that reads each message (and each training example, the same way) and sets its tokens' lemmas,
    which the featurizers after it read."""

    def _read(self, message: Message) -> None:
        raise NotImplementedError

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._read(message)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for example in training_data.training_examples:
            self._read(example)
        return training_data


def _skipped(char: str) -> bool:
    """A character Rasa's command reader passes over before its '/' (str.strip: any Unicode space), a
    '/' itself, or an invisible one (zero-width, BOM) that a platform or a later Rasa could drop."""
    return char == "/" or char.isspace() or unicodedata.category(char) == "Cf"


def without_command(text: str) -> str:
    """The text from its first visible character on if a '/' comes before it, else the text unchanged.

    Rasa reads `text.strip()` starting with '/' as `/intent{entities}` (YAMLStoryReader.
    unpack_regex_message): "/ /intent", "/\t/intent" or "/\u3000/intent" must lose every such '/',
    not just the first, or stripping one '/' makes the next one a command.
    """
    start = 0
    while start < len(text) and _skipped(text[start]):
        start += 1
    return text[start:] if "/" in text[:start] else text


# What a message of nothing but '/'s is read as.
NOTHING_LEFT = "?"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SlashCommandGuard(_Stateless):
    """Removes the leading '/'s (and the spaces around them) so that '/intent{...}' text goes through the NLU.

    Rasa otherwise treats such text as a ready-made intent with entities, which would let anyone
    skip the NLU, the safety override and slot validation. Must be the first pipeline component:
    Rasa's RegexMessageHandler reads the text after the last one.
    """

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if text and without_command(text) != text:
                # (a message of nothing but '/'s would leave the classifier no feature at all, which it cannot read:
                # a lone mark asks what was meant, as "?" does)
                message.set(TEXT, without_command(text).strip() or NOTHING_LEFT, add_to_output=True)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class Triage(_Stateless):
    """Runs emergency triage (bot/triage/) on the message and records its decision as a TRIAGE entity.

    The one place a message is judged an emergency: SafetyOverride forces the emergency intent from
    this entity, and the safety policy picks the reply that leads with its number. Goes right after
    the slash-command guard, before anything that reads the topic.
    """

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        # Load the rules and the learned model now, not on a patient's first message.
        triage.warm(language.configured())
        other_language.warm()  # (read by the safety policy on every message)
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            decision = triage.assess(text, language.configured())
            if decision.emergency:
                entity = {
                    "entity": TRIAGE_ENTITY,
                    "value": decision.level,
                    "start": 0,
                    "end": len(text),
                    "extractor": type(self).__name__,
                }
                message.set(ENTITIES, (message.get(ENTITIES) or []) + [entity], add_to_output=True)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class EntityIds(_Stateless):
    """Replaces each ruler entity's matched text by its canonical id ("after dinner" -> "evening").

    The one place phrases are normalised: the form's slots, the safety policy and the replies all
    read these values. Clock times ("9pm") become a part of the day.
    """

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            # (the id a token pattern names, read off the parsed text's entities: Rasa's extractor keeps only the words)
            doc = message.get(SPACY_DOCS[TEXT])
            token_ids = (
                {(e.start_char, e.end_char): e.ent_id_ for e in doc.ents if e.ent_id_} if doc is not None else {}
            )
            for entity in message.get(ENTITIES) or []:
                value = str(entity.get("value", "")).lower()
                clock = clock_part_of_day(value) if entity.get("entity") == "TIME_OF_DAY" else None
                entity["value"] = (
                    clock
                    or patterns.phrase_id(entity.get("entity"), value)
                    or token_ids.get((entity.get("start"), entity.get("end")))
                    or entity.get("value")
                )
            text = message.get(TEXT) or ""
            # A condition the patient says they do not have is not what they ask about ("I don't have fibro
            # though, I've got MS. Would it help me?").
            found = message.get(ENTITIES) or []
            kept = [
                e
                for e in found
                if not _denied(e, text)
                and not _opioid_not_taken(e, found, text)
                and not _alcohol_as_dependence(e, text)
                and not _compared_with(e, text)
                and not _child_in_passing(e, text)
                and not _nursing_as_work(e, text)
                and not _surgery_as_place(e, text)
            ]
            if len(kept) != len(message.get(ENTITIES) or []):
                message.set(ENTITIES, kept, add_to_output=True)
        return messages


def _denied(entity: Dict[str, Any], text: str) -> bool:
    return entity.get("entity") in ("CONDITION", "SYMPTOM") and bool(
        _DENIED_BEFORE.search(text[max(0, int(entity.get("start") or 0) - 40) : int(entity.get("start") or 0)])
    )


def _nursing_as_work(entity: Dict[str, Any], text: str) -> bool:
    """ "Nursing" as a job ("in 11 yrs of nursing I've never handled it"), not feeding a baby."""
    start, end = int(entity.get("start") or 0), int(entity.get("end") or 0)
    return (
        entity.get("entity") == "NOT_COVERED"
        and text[start:end].lower() == "nursing"
        and any(m.start() <= start and end <= m.end() for m in _NURSING_AS_WORK.finditer(text))
    )


def _surgery_as_place(entity: Dict[str, Any], text: str) -> bool:
    """ "The surgery" as British and Irish English name a doctor's practice ("They're offering it above at the
    surgery", round 131), not an operation."""
    start, end = int(entity.get("start") or 0), int(entity.get("end") or 0)
    return (
        entity.get("entity") == "PROCEDURE"
        and text[start:end].lower() == "surgery"
        and bool(_PLACE_BEFORE.search(text[max(0, start - 30) : start]))
    )


def _child_in_passing(entity: Dict[str, Any], text: str) -> bool:
    """Children named only as part of the writer's day ("the kids bring home every bug going"), not as the ones
    who would take LDN (bot/nlu/limits.py)."""
    from bot.nlu import limits

    said = text[int(entity.get("start") or 0) : int(entity.get("end") or 0)]
    return (
        entity.get("entity") == "NOT_COVERED"
        and entity.get("value") == limits.CHILDREN
        # ("a minimum age" asks about children whoever is named; "the toddler is the bigger problem" names one)
        and limits.names_a_young_person(f"a {said}")
        and not limits.is_about_a_child(text)
    )


def _compared_with(entity: Dict[str, Any], text: str) -> bool:
    """Other medicines, or chemotherapy, named only to compare LDN with them ("like my other meds", "make the immune
    weak. like chemo", round 131): no named interaction, no question about cancer; or a pregnancy long past, named
    only to compare a feeling with ("like when I was pregnant long time ago", round 142)."""
    start, end = int(entity.get("start") or 0), int(entity.get("end") or 0)
    compared = entity.get("value") == "other medicines" or (
        entity.get("value") == "cancer" and text[start:end].lower().startswith("chemo")
    )
    before = text[max(0, start - 30) : start]
    return entity.get("entity") == "NOT_COVERED" and (
        (compared and bool(_COMPARED_BEFORE.search(before)))
        or (entity.get("value") == "pregnancy" and bool(_REMEMBERED_BEFORE.search(before)))
    )


def _alcohol_as_dependence(entity: Dict[str, Any], text: str) -> bool:
    """Alcohol named as a dependence, what full-dose naltrexone treats ("for people with alcohol problem"): no drink
    taken with LDN."""
    if entity.get("entity") != "NOT_COVERED" or entity.get("value") != "alcohol" or entity.get("end") is None:
        return False
    # (or given up, said before it: "was on naltrexone years back when he was getting off the grog", round 130)
    before = " ".join(re.findall(r"[a-z']+", text[: int(entity.get("start") or 0)].lower())[-3:])
    return _followed_by(text, int(entity["end"]), _ALCOHOL_NOT_DRUNK_AFTER) or bool(_ALCOHOL_GIVEN_UP.search(before))


def _followed_by(text: str, end: int, phrases: Iterable[str]) -> bool:
    """One of the phrases (of a word or two) comes right after `end`."""
    after = " ".join(re.findall(r"[a-z']+", text[end:].lower())[:2])
    return any(after == w or after.startswith(w + " ") for w in phrases)


def _opioid_not_taken(entity: Dict[str, Any], entities: List[Dict[str, Any]], text: str) -> bool:
    """The bare word "opioid" as a kind of use or of blocker ("used for opioid dependence", "an opioid blocker like
    Narcan"), in a message that names no opioid medicine: no opioid is taken."""
    if entity.get("entity") != "OPIOID" or entity.get("start") is None or entity.get("end") is None:
        return False
    said = text[int(entity["start"]) : int(entity["end"])].lower()
    others = [e for e in entities if e is not entity and e.get("entity") == "OPIOID"]
    return (
        said in _OPIOID_CLASS_WORDS and not others and _followed_by(text, int(entity["end"]), _OPIOID_NOT_TAKEN_AFTER)
    )


def _procedure_is_over(text: str) -> bool:
    # (words without their marks: "(after three endo surgeries ...)", round 106)
    words = set(re.findall(r"[a-z]+", text.lower()))
    return bool(words & PAST_MARKERS) and not words & FUTURE_MARKERS


def _ruler_labels(message: Message) -> set:
    return {e.get("entity") for e in message.get(ENTITIES) or []}


def _procedure_off_rail(message: Message, labels: set) -> bool:
    """A procedure that needs no opioid warning: one that is over, one asked about for its own sake (its
    preparation, how often one has it) with neither LDN nor an opioid named, or another medicine managed around it with
    LDN not even pointed at ("How many days before a colonoscopy should I stop taking iron supplements?", round 145)."""
    text = message.get(TEXT) or ""
    return "PROCEDURE" in labels and (
        _procedure_is_over(text)
        or (
            "OPIOID" not in labels
            and bool(_PROCEDURE_OWN_MATTER.search(text))
            and not _has_word_of(text, _LDN_WORDS | _MANAGED_AROUND_PROCEDURE)
        )
        or ("OPIOID" not in labels and _stops_another_only(text))
    )


def _stops_another_only(text: str) -> bool:
    """Another medicine named as what is stopped or held ("should I stop taking iron supplements?"), and LDN neither
    named, by any of its names, nor pointed at ("should I stop my low dose too?", "the painkillers... I take zoloft"
    keep the warning: a review's finds)."""
    from bot.nlu import limits
    from bot.nlu.domain_gate import words  # (the gate imports this module)

    lowered, said = text.lower(), set(words(text))
    # (LDN by a name of several words, or typed short of its end: "my low dose", "my naltrexon")
    if said & (_LDN_WORDS | _LDN_PRONOUNS) or any(name in lowered for name in _LDN_NAMES):
        return False
    if any(word.startswith(name[:ANCHOR_STEM]) for name in _LDN_WORDS if len(name) > ANCHOR_STEM for word in said):
        return False
    named = [name.lower() for name in limits.named_medicines(text)]
    return any(lowered.startswith(name, m.end()) for m in _STOPS_A_MEDICINE.finditer(lowered) for name in named)


def _other_medicine(message: Message) -> bool:
    """A medicine named that is known not to be an opioid (a generic name's ending, one on the language's list,
    a near topic's medicine), or a disease the article does not name."""
    from bot.knowledge import near_topics
    from bot.nlu import limits

    text = message.get(TEXT) or ""
    named = near_topics.find(text)
    known = bool(limits.known_medicines(text))
    # A disease the article does not name ("ulcerativ colitis and ldn, anyone know") is not a medicine at all.
    return known or bool(limits.generic_medicines(text)) or bool(named)


def speaks_of_a_dose(text: str) -> bool:
    """A word of a dose taken or missed (_DOSE_TALK), "low dose" aside (the medicine's name, not a dose of one's own)."""
    return _has_word_of(re.sub(r"low[\s-]+dose", " ", text, flags=re.IGNORECASE), _DOSE_TALK)


def _has_word_of(text: str, vocabulary: frozenset) -> bool:
    """A word of the text, by the gate's tokeniser, is in the vocabulary."""
    from bot.nlu.domain_gate import words  # (the gate imports this module)

    return bool(set(words(text)) & vocabulary)


def _says_dose(text: str) -> bool:
    """A word of a dose ("mg", "dose", "increase"), not the "dose" of LDN's name ("low dose naltrexone")."""
    lowered = text.lower()
    for name in _LDN_NAMES:
        lowered = lowered.replace(name, " ")
    return _has_word_of(lowered, DOSE_WORDS)


def _names_a_dose(text: str) -> bool:
    # ("trying for baby #3, should i stop ldn first": a count, no dose, round 88)
    return any(c.isdigit() for c in _COUNT.sub(" ", text)) or _says_dose(text)


def _safety_labels(message: Message) -> set:
    """The ruler's labels that call for a safety rail (a surgery that is over does not)."""
    labels = _ruler_labels(message)
    return labels - {"PROCEDURE"} if _procedure_off_rail(message, labels) else labels


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class ClassifierSafetyCheck(_Stateless):
    """Drops a safety intent, or the dosing-time talk, that only the classifier guessed, where the guess is not
    to be trusted.

    An emergency that triage did not find (triage alone decides emergencies), the opioid rail for a surgery
    that is over, and the dosing-time questions for a message that speaks of no time (the classifier read
    "Total beginner... What is low dose naltrexone?" as "when should I take it?"). The classifier's next guess
    takes its place. Goes before
    FallbackClassifier, so that a weak next guess still becomes "please rephrase", and before the
    domain gate, so that an article answer guessed next is still checked.
    """

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            labels = _ruler_labels(message)
            intent = message.get(INTENT) or {}
            name = intent.get("name")
            if name == EMERGENCY_INTENT and TRIAGE_ENTITY not in labels:
                _drop_intent(message, EMERGENCY_INTENT)
            elif name == OPIOID_INTENT and "OPIOID" not in labels and _procedure_off_rail(message, labels):
                # The classifier learned "surgery -> opioid rail"; a surgery that is over is not that.
                _drop_intent(message, OPIOID_INTENT)
            elif name == OPIOID_INTENT and not labels & {"OPIOID", "PROCEDURE"} and _other_medicine(message):
                # "Can I take LDN with sertraline?": the classifier learned "LDN with <a medicine> -> opioid
                # rail"; a medicine known not to be an opioid is a named interaction, the prescriber's question
                # (bot/nlu/limits.py). An unknown name keeps the opioid warning.
                _drop_intent(message, OPIOID_INTENT)
            elif name == OPIOID_INTENT and not labels & {"OPIOID", "PROCEDURE"} and _practical_only(message):
                # "Can I order LDN online without a prescription?": no opioid named, and a practical matter the
                # article leaves out is what is asked; its honest reply names it (the classifier guessed the rail).
                _drop_intent(message, OPIOID_INTENT)
            elif (
                name == OPIOID_INTENT
                and not labels & {"OPIOID", "PROCEDURE"}
                and (not _has_word_of(message.get(TEXT) or "", _TAKING_A_MEDICINE) or "CONDITION" in labels)
            ):
                # (nor with an article condition's own medicines: "Back when I was on the heavy lupus medicines I
                # caught pneumonia twice... Does LDN knock down your immune defenses the way those did?", round 102)
                # "Does LDN help with ongoing nerve pain in a limb after an injury?": the classifier learned
                # "pain -> opioid rail"; with no opioid named and no word of taking a medicine, it asks about LDN.
                _drop_intent(message, OPIOID_INTENT)
            elif (
                name == HANDOFF_INTENT
                and (_practical_only(message) or _has_word_of(message.get(TEXT) or "", _LDN_WORDS))
                # ("something they call LDN" names it, and asks for no one)
                and not _has_word_of(_NAMING_CALL.sub(" ", message.get(TEXT) or ""), _ASKS_FOR_A_PERSON)
            ):
                # "Can I get LDN over the counter or do I got to go through the doctor" (round 101): a question about
                # LDN, or a practical matter the article leaves out; no person, and no way to reach the clinic, asked
                # for (the classifier read "go through the doctor" as "put me through to a human").
                _drop_intent(message, HANDOFF_INTENT)
            elif (
                name == HANDOFF_INTENT
                and float(intent.get("confidence") or 0.0) < UNSURE_HANDOFF
                and not _has_word_of(message.get(TEXT) or "", _ASKS_FOR_A_PERSON)
            ):
                # "does therapy actually work for depression or is it just talking about ur feelings for an hour",
                # "can you explain what the contrast dye they use for the mri does to your kidneys" (round 140): an
                # unsure guess, and no person or way to reach the clinic asked for, is no request for a person.
                _drop_intent(message, HANDOFF_INTENT)
            elif name == DOSE_INTENT and _not_ones_own_dose(message, labels):
                _drop_intent(message, DOSE_INTENT)
            elif name in DOSING_TIME_INTENTS and "TIME_OF_DAY" not in labels and not _speaks_of_time_to_take(message):
                for dosing in DOSING_TIME_INTENTS:  # (the next guess may be the other one)
                    _drop_intent(message, dosing)
        return messages


def _practical_only(message: Message) -> bool:
    """The message names subjects the article leaves out, and all of them are practical matters (where to get it)."""
    from bot.nlu import limits

    named = {str(e.get("value")) for e in message.get(ENTITIES) or [] if e.get("entity") == "NOT_COVERED"}
    return bool(named) and named <= set(limits.PRACTICAL_SUBJECTS)


def _speaks_of_time_to_take(message: Message) -> bool:
    """A time to take it, with no near topic named: "runs to the john 10 times a day, doc says its IBD. ldn?" tells
    the number as a sign of the subject asked about (round 87)."""
    from bot.knowledge import near_topics

    return _speaks_of_time(message) and near_topics.find(message.get(TEXT) or "") is None


def _speaks_of_time(message: Message) -> bool:
    """A word of a time to take it, or a number (a clock time said loosely: "around 10")."""
    text = (message.get(TEXT) or "").lower()
    for phrase in _NOT_TIME_PHRASES:
        text = text.replace(phrase, " ")
    # (an amount is no clock time: "not sure if 1 ml is the right amount for her", round 104)
    text = re.sub(_DOSE_AMOUNT, " ", text)
    return _has_word_of(text, TIME_CUES) or any(c.isdigit() for c in text)


def _not_ones_own_dose(message: Message, labels: set) -> bool:
    """A question the classifier took for one's own dose that is another: "how much would it cost" (a subject
    the article does not cover, and no dose named), one about a child ("can my 16 yo daughter take it?"),
    which gets the reply about children, or a named interaction (bot/nlu/limits.py)."""
    from bot.knowledge import near_topics
    from bot.nlu import limits

    text = message.get(TEXT) or ""
    named = near_topics.find(text)
    # (a medicine compared with LDN on the near topics' map is a medicine too: "I take cymbalta for my nerve pain
    # and my new doctor wants to add low dose naltrexone, is that combination okay")
    medicines = limits.known_medicines(text) + limits.generic_medicines(text)
    medicines += [named.id] if named and named.comparison_only else []
    # "I'm type 2 diabetic on metformin twice a day, any problem adding LDN?": a named interaction, whatever
    # numbers it holds, unless it speaks of a dose other than the other medicine's own ("sertraline 100mg").
    interaction = (
        bool(medicines)
        and bool(limits.TOGETHER.search(text))
        and not _says_dose(_without_doses_of(_ldn_sentences(text), medicines))
    )
    # (whether a dose is named, read once: every reading below but the interaction asks it)
    dose_named = _names_a_dose(text)
    # "My mum has Sjogren's (dry eyes, dry mouth). Would LDN be relevant for her?": a near topic asked about, with no
    # word of a dose, is that topic's question.
    near = named is not None and not dose_named
    # "I'm seventy-nine ... Is it safe to be on this LDN for ten years or more?" (round 102): staying on it for years,
    # with no dose named, is the question of long-term use.
    long_use = bool(limits.LONG_USE.search(text)) and not dose_named
    # "Would LDN mean one day I don't need my asthma inhalers?" (round 103): another treatment given up, no dose named.
    replacing = bool(limits.REPLACING.search(text)) and not dose_named
    # "...i forgot to ask her, does it help with lupis" (round 102): whether it helps a condition, no dose named.
    helps = "CONDITION" in labels and bool(_HELPS_WITH.search(text)) and not dose_named
    helps = helps and not speaks_of_a_dose(text)
    # "First, what precisely is LDN? And second, what side effects ought I to be watching for once I begin?" (round
    # 104): no sign of a dose at all, its amount, change, break or slip, so no question of one's own dose (every
    # own-dose item of the rounds has one). (Times of day named are left to the domain gate, which reads times weighed
    # as the dosing-time question: "my pharmacist said take it at night but my friend says mornings. which one is right")
    no_dose = (
        not dose_named
        and not _has_word_of(text, DOSE_CHANGE_WORDS)
        and not _DOSE_SIGNS.search(text)
        and "TIME_OF_DAY" not in labels
    )
    # "I'd like advice on timing my dose." (round 141): the time of one's dose, with no amount, change, break or slip
    # beside the word "dose" itself, is the dosing-time question.
    undosed = _DOSE_WORD_ALONE.sub(" ", text)
    timing = (
        _speaks_of_time_to_take(message)
        and not any(c.isdigit() for c in text)
        and not _has_word_of(undosed, DOSE_CHANGE_WORDS)
        and not _DOSE_SIGNS.search(undosed)
    )
    return (
        no_dose
        or timing
        or ("NOT_COVERED" in labels and not dose_named)
        or limits.is_about_a_child(text)
        or interaction
        or near
        or long_use
        or replacing
        or helps
    )


def _ldn_sentences(text: str) -> str:
    """The sentences that name LDN, when one does: "Can I take LDN with sertraline? I'm on 100mg a day." speaks
    of the sertraline's dose in a sentence of its own."""
    from bot.nlu.domain_gate import ANCHORS, words

    sentences = [s for s in re.split(r"(?<=[?!])\s+|(?<=\D\.)\s+|\n+", text) if s.strip()]
    naming = [s for s in sentences if set(words(s)) & ANCHORS]
    return " ".join(naming) if naming else text


def _without_doses_of(text: str, medicines: List[str]) -> str:
    """The text without the doses written against the other medicines ("sertraline 100mg", "50 mg of zoloft",
    "my current sertraline, 50 mg daily")."""
    for name in medicines:
        n = re.escape(name)
        text = re.sub(rf"(?i)\b{n}[\s,:(]*{_DOSE_AMOUNT}|\b{_DOSE_AMOUNT}\s+(?:of\s+)?{n}\b", name, text)
    return text


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafetyOverride(_Stateless):
    """Forces the emergency intent when triage found an emergency, or the opioid intent for an opioid term.

    These rails must not depend on a statistical classifier's confidence. Goes last, after
    FallbackClassifier and DomainGate, so that neither can turn an emergency into something else.
    """

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            labels = _safety_labels(message)
            forced = next((intent for label, intent in SAFETY_ENTITIES if label in labels), None)
            if forced:
                force_intent(message, forced)
        return messages


def _drop_intent(message: Message, intent: str) -> None:
    """Falls back to the classifier's next guess (never another safety intent)."""
    ranking = [
        r
        for r in message.get(INTENT_RANKING_KEY) or []
        if r.get("name") not in (intent, EMERGENCY_INTENT, OPIOID_INTENT)
    ]
    if ranking:
        message.set(INTENT, ranking[0], add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
