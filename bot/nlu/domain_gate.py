"""An NLU component that withholds an article answer unless the message is about the article's subjects."""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import re
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Set, Tuple

import spacy.util
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot import knowledge
from bot.dialogue.safety_policy import emergency_responses
from bot.nlu import language, limits, patterns
from bot.nlu.components import DOSE_CHANGE_WORDS, UNSURE_HANDOFF, force_intent, speaks_of_a_dose
from bot.nlu.sign_off import unsigned
from bot.nlu.stored import JsonStored
from bot.nlu.time_of_day import is_unsure, normalise_yes_no
from bot.nlu.typos import TypoIndex, in_dictionary, never_a_name, one_letter_edits, swaps

OUT_OF_SCOPE = "out_of_scope"
# Parse-data key: the intent the message would get if LDN were named (set only when it differs).
LDN_IMPLIED = "ldn_implied"
# Parse-data key: a question only the prescriber can answer, by its NOT_COVERED id (bot/nlu/limits.py).
LDN_LIMIT = "ldn_limit"
NOT_COVERED = "not_covered"
# Intents that are not about the article's subjects: their words must not count as "known".
NEGATIVE_INTENTS = {OUT_OF_SCOPE, NOT_COVERED}
# Besides article answers, these give way to "not covered" when the message names a subject the
# article does not cover: the dose and timing questions "how long until it kicks in" resembles.
NAMED_SUBJECT_INTENTS = NEGATIVE_INTENTS | {"nlu_fallback", "ask_dosing_time"}
# Small talk the classifier may pick for text it cannot read ("qwerty") or for "I don't know".
SMALL_TALK_INTENTS = {"greet", "goodbye", "thanks", "affirm", "deny", "stop", "bot_challenge", "ask_topics"}
FALLBACK = "nlu_fallback"
# Shorter than this, a message the classifier took for small talk stays small talk ("no thanks, all good").
MIN_QUESTION_WORDS = 5
# ... or than this, when it names another medicine or what is dosed ("ambien addictive or no?" is a question).
MIN_NAMED_QUESTION_WORDS = 3
# The rail for "let me talk to a person", and how sure the classifier must be of it when the message
# names a subject the article does not cover (measured: real handoff requests score above 0.9).
HANDOFF = "human_handoff"
DOSE_INTENT = "individual_dose"
# An anchored message that also has words foreign to the article keeps its article answer only
# when the classifier is this sure; otherwise it gets the honest "not covered" reply.
ANCHORED_MIN_CONFIDENCE = 0.6
# How sure the classifier must be of the article topic it ranked first, for a message it was torn over, to read it
# as that topic when LDN goes without saying (measured: "what else is it used for?" 0.41 against off-topic 0.31).
MIN_IMPLIED_TOPIC = 0.4
# This many of the most frequent words of the language (spacy-lookups-data's word probabilities) are
# everyday words, never evidence of another subject.
EVERYDAY_WORDS = 4000
# The most frequent words kept once read: enough for every list below and triage's (150,000).
RANKED_KEPT = 150_000
# The overview of what LDN is, guessed this unsure for a message that names one article condition, gives way to
# that condition's answer.
OVERVIEW_INTENT, SURE_OVERVIEW = "ask_what_is_ldn", 0.6
# In a conversation about LDN, an article answer this sure stands without a word of the article's ("ok so how does that
# work" after the lupus answer: how LDN works, at 0.78, round 104).
SURE_WITHOUT_WORDS = 0.75
MIN_WORD_CHARS = 3
# Words this short have no letter-distance typos (too many real words lie one letter apart); only a
# swap of two neighbours, or at this length one letter left out, is read as a slip of a known word.
SHORT_TYPO_CHARS = 4
# Everyday words this long or longer: a word one letter off one of them, and in no dictionary, is a slip of it.
LONG_EVERYDAY_CHARS = 6
VOCAB_FILE = "vocabulary.json"
# The extractor name of conditions found by their sound (bot/nlu/sounds.py).
BY_SOUND = "ConditionsBySound"
# The answers about LDN's uses in general, which a classifier gives a message whose condition it could not read ("what
# is LDN good for, she has lupis", "Is LDN any guid for multipul sclerosis?", round 132): a condition heard by its sound
# or read through a slip, with an answer of its own, gets that answer instead.
GENERAL_USES = ("ask_other_conditions", "ask_autoimmunity")
# The configured language's words and patterns (bot/nlu/lang/<language>.yml says what each is for).
_LANGUAGE = language.load()
ANCHORS = _LANGUAGE.words("anchors")
_ANCHOR_PHRASES = _LANGUAGE.words("anchor_phrases")
_PERSON_NAMED = _LANGUAGE.pattern("person_named")
_WORD = _LANGUAGE.pattern("word")
_CONTRACTION = _LANGUAGE.pattern("contraction")
_SPELLED_CONTRACTIONS = _LANGUAGE.words("spelled_contractions")
# Everyday words as patients text them ("wat", "ppl", "thx"): no word of another subject.
TEXTING = _LANGUAGE.pairs("texting_spellings")
# Number words ("twenty years of this", "fifty") are no word of another subject.
_LIKE_NUM = spacy.util.get_lang_class(_LANGUAGE.code).Defaults.lex_attr_getters[spacy.attrs.LIKE_NUM]
# Words that ask to stop the questions (a "stop" guess without one is no request to stop).
_STOPPING = _LANGUAGE.words("stopping")
# People someone asks for, at work or at home, family ("my nephew", "a toddler") included: no subject of their own.
_PEOPLE = (
    _LANGUAGE.words("people_in_care")
    | _LANGUAGE.words("relatives")
    | _LANGUAGE.words("youth_cues")
    | _LANGUAGE.words("family_words")
)
# Words that name no subject of their own, nouns or not ("rationale", "definition", "monday").
_NO_SUBJECT_WORDS = frozenset(_LANGUAGE.words("no_subject_words"))


# A thing a sign is likened to ("like an owl", "like a zombie"): group 1.
_LIKENED = _LANGUAGE.pattern("likened")
_HELPS_WITH = _LANGUAGE.pattern("helps_with")
_ASKS_WHAT_IT_HELPS = _LANGUAGE.pattern("asks_what_it_helps")
_ASKS_WHAT_IT_IS = _LANGUAGE.pattern("asks_what_it_is")
ARTICLE_SUBJECT_WORDS = _LANGUAGE.words("article_subjects")
MEDICINE_WORDS = _LANGUAGE.words("medicine")
DOSE_WORDS = MEDICINE_WORDS | _LANGUAGE.words("amount")
# A step up (the language's; "up" alone is also waking up). Words of an amount, a change or a slip of a dose:
# bot/nlu/components.py's DOSE_CHANGE_WORDS.
_STEP_UP = _LANGUAGE.pattern("step_up")
# An amount in LDN's small range with its decimal, a dose with no word of one ("doc said 4.5", round 134).
_SMALL_DOSE = _LANGUAGE.pattern("small_dose_number")
# A sign told, then asked after as a side effect with "that" or "this": the sign's own answer.
_TOLD_SIGN_ASKED = _LANGUAGE.pattern("told_sign_asked")
# Which place of a pill box it goes in ("what slot to put the ldn in"): the time of day to take it.
_ASKS_THE_SLOT = _LANGUAGE.pattern("asks_the_slot")
# Two things set against each other (the language's): "bedtime or breakfast", "morning vs night".
_SET_AGAINST = _LANGUAGE.pattern("set_against")
# Which of what was told is right, and the taking told ("whats right", "who's doing it right", "which is better").
_WHICH_IS_RIGHT = _LANGUAGE.pattern("which_is_right")
_TAKING = _LANGUAGE.pattern("taking")
TIME_ENTITY, DOSING_TIME_INTENT = "TIME_OF_DAY", "ask_dosing_time"
SIDE_EFFECTS_INTENT = "ask_side_effects"
_VAGUE_SUBJECTS = _LANGUAGE.words("vague_subjects")
# What a dose or time question is about (the language's): the word after "how much", unless it names nothing taken.
_HOW_MUCH_OF, _NOT_A_THING_DOSED = _LANGUAGE.pattern("how_much_of"), _LANGUAGE.words("not_a_thing_dosed")
_STOP = _LANGUAGE.words("stop")
_SITED_SIGNS = _LANGUAGE.words("sited_signs")
# A word's meaning asked (the language's): "what is the definition of auspicious", "what does auspicious mean".
_ASKS_MEANING = _LANGUAGE.pattern("asks_meaning")


def _edit_distance_at_most(a: str, b: str, limit: int) -> bool:
    """Edit distance <= limit, a swap of two neighbouring letters ("chrons") counting as one."""
    if abs(len(a) - len(b)) > limit:
        return False
    before, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if before is not None and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > limit:
            return False
        before, previous = previous, current
    return previous[-1] <= limit


def _typo_limit(word: str) -> int:
    return 0 if len(word) < 5 else 1 if len(word) < 8 else 2


def _short_typo_forms(word: str, letters: Iterable[str]) -> Set[str]:
    """The forms a short word may be a slip of: two neighbouring letters swapped ("waht", "sied") and,
    for four letters, one letter left out ("wich"). Not a changed letter, and no left-out letter in
    three-letter words: among short words those reach the names of other subjects ("hrt" -> "hurt")."""
    forms = swaps(word)
    if len(word) == SHORT_TYPO_CHARS:
        forms |= {word[:i] + c + word[i:] for i in range(len(word) + 1) for c in letters}
    return forms - {word}


def words(text: str) -> List[str]:
    """Lower-case words, contractions cut off ("aren't" -> "are")."""
    return [_CONTRACTION.sub("", w) for w in _WORD.findall(text.lower().replace("\u2019", "'"))]


def asks_to_stop(text: str) -> bool:
    """The text holds a word or phrase asking to stop ("stop", "never mind", "rather not")."""
    said = " " + " ".join(words(text.replace("'", ""))) + " "
    return any(f" {phrase.replace(chr(39), '')} " in said for phrase in _STOPPING)


def _asks_the_time_only(text: str, entities: Iterable[Dict[str, Any]]) -> bool:
    """Times of day named, and no number, amount, change or slip of a dose: a question of when to take it."""
    return (
        any(e.get("entity") == TIME_ENTITY for e in entities)
        and not any(c.isdigit() for c in text)
        and not any(w in DOSE_CHANGE_WORDS for w in words(text))
        and not _STEP_UP.search(text)
    )


# Where a sentence that asks nothing ends (not the point of "4.5").
_STATEMENT_END = re.compile(r"[.!\n](?!\d)")


def _weighs_two_times(text: str, entities: Iterable[Dict[str, Any]]) -> bool:
    """Two times of day set against each other ("or", "vs") in the first sentence that asks (or, with no question mark,
    the first sentence: "morning or night for LDN. I keep going back and forth", round 112), with no number in it."""
    end = text.find("?")
    if end < 0:
        end = next((m.start() for m in _STATEMENT_END.finditer(text)), len(text))
    times = sorted(
        (int(e.get("start") or 0), str(e.get("value")))
        for e in entities
        if e.get("entity") == TIME_ENTITY and int(e.get("start") or 0) < end
    )
    if len({value for _, value in times}) < 2 or any(c.isdigit() for c in text[:end]):
        return False
    return bool(_SET_AGAINST.search(text[times[0][0] : times[-1][0]]))


def _asks_which_time_told(text: str, entities: Iterable[Dict[str, Any]]) -> bool:
    """Two times of day told of taking it, with no number, then which one is right ("... at night but my friend takes
    hers in the am. whats right")."""
    times = {str(e.get("value")) for e in entities if e.get("entity") == TIME_ENTITY}
    return (
        len(times) >= 2
        and not any(c.isdigit() for c in text)
        and bool(_TAKING.search(text))
        and bool(_WHICH_IS_RIGHT.search(text))
    )


def names_a_subject(word: str) -> bool:
    """A foreign word (`DomainGate.foreign_words`, which already sets aside people and the words that name no subject)
    that could name a medicine, a disease or another subject: not one only ever a verb, an adjective or an adverb
    ("kindly", "enquire")."""
    return not never_a_name(word)


def ranked_everyday_words(count: int, language_code: Optional[str] = None) -> List[str]:
    """The `count` most frequent words of the language, most frequent first, from spacy-lookups-data (installed,
    no download). Read and sorted once for every size up to RANKED_KEPT (it takes over a second, and each read
    raised a process's memory by tens of MB)."""
    if count <= RANKED_KEPT:
        return list(_ranked(language_code)[:count])
    return _read_ranked(count, language_code)


@functools.lru_cache(maxsize=2)
def _ranked(language_code: Optional[str]) -> Tuple[str, ...]:
    return tuple(_read_ranked(RANKED_KEPT, language_code))


def _read_ranked(count: int, language_code: Optional[str]) -> List[str]:
    import spacy_lookups_data

    table = language.load(language_code).everyday_words_table
    path = Path(spacy_lookups_data.__file__).parent / "data" / f"{table}.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        probs: Dict[str, float] = json.load(handle)
    return sorted((w for w in probs if w.isalpha()), key=probs.__getitem__, reverse=True)[:count]


@functools.cache
def everyday_words(count: int = EVERYDAY_WORDS) -> FrozenSet[str]:
    """The most frequent words of the language, as a set (read once: reading takes over a second)."""
    return frozenset(ranked_everyday_words(count))


def article_vocabulary(training_texts: Iterable[str]) -> Set[str]:
    """Words of the article's subjects: training examples, our answers and the ruler's phrases."""
    vocab: Set[str] = set()
    for text in training_texts:
        vocab.update(words(text))
    for entry in knowledge.load().values():
        # The emergency replies name strokes, seizures and chest pain: not the article's subjects.
        if entry.response not in emergency_responses():
            vocab.update(words(entry.text))
    for phrase in patterns.known_phrases():
        vocab.update(words(phrase))
    return vocab


def _heard_condition_answer(intent: Optional[str], entities: List[Dict[str, Any]]) -> Optional[str]:
    """The answer of the one condition found by its sound or a slip, for a message read as LDN's uses in general
    (GENERAL_USES), when nothing the article leaves out is named; else None."""
    if intent not in GENERAL_USES or any(e.get("entity") == "NOT_COVERED" for e in entities):
        return None
    by_subject = knowledge.intent_for_subject()
    heard = {by_subject.get(str(e.get("value"))) for e in entities if e.get("extractor") == BY_SOUND}
    named = {by_subject.get(str(e.get("value"))) for e in entities if e.get("entity") == "CONDITION"}
    return heard.pop() if len(heard) == 1 and named == heard and None not in heard else None


def _names_as_written(text: str, entities: List[Dict[str, Any]]) -> str:
    """The text with each condition found by its sound (bot/nlu/sounds.py) written as the condition's id."""
    for entity in sorted(entities, key=lambda e: -int(e.get("start") or 0)):
        if entity.get("extractor") == BY_SOUND:
            text = text[: entity["start"]] + str(entity["value"]) + text[entity["end"] :]
    return text


def _without_article_subjects(text: str, entities: List[Dict[str, Any]]) -> str:
    """The text with the words of the article's conditions and side effects the entity ruler found blanked out."""
    for entity in entities:
        if entity.get("entity") in ("CONDITION", "SYMPTOM"):
            start, end = int(entity.get("start") or 0), int(entity.get("end") or 0)
            text = text[:start] + " " * (end - start) + text[end:]
    return text


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class DomainGate(JsonStored):
    """Turns an article answer into off-topic or not-covered when the message is about something else.

    A statistical classifier always picks its nearest intent, so "how to prevent stroke" lands on an
    article answer. The gate asks for lexical evidence instead: a message whose content words are
    outside the article's vocabulary (and not everyday English) is about another subject. Without
    LDN named it is off-topic; with LDN named it is a question the article does not cover, unless
    the classifier is very sure. Goes after FallbackClassifier and before SafetyOverride.
    """

    FILE = VOCAB_FILE

    def __init__(
        self,
        model_storage: ModelStorage,
        resource: Resource,
        vocabulary: Optional[Set[str]] = None,
        everyday: Optional[Set[str]] = None,
    ) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self.vocabulary = vocabulary or set()
        self.everyday = everyday or set()
        self.article_intents = {e.intent for e in knowledge.answers()}
        self._known = TypoIndex(self.vocabulary | ANCHORS)
        self._letters = sorted({c for word in self.everyday for c in word})
        self._anchors = TypoIndex(ANCHORS)
        # (The words that name LDN itself, "low" of "low mood", are never the subject asked about.)
        self.subject_words = {w for phrase in patterns.subject_phrases() for w in words(phrase)} - {
            w for phrase in _ANCHOR_PHRASES for w in words(phrase)
        }
        self._subjects = TypoIndex(self.subject_words | ARTICLE_SUBJECT_WORDS)

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        """Rasa's training cache sees the training examples only: training also reads the language's data (its
        word pattern, its everyday words), the answers and the ruler's phrases, so a change of them retrains."""
        sources = [language.load().fingerprint(), sorted(article_vocabulary([]))]
        return hashlib.sha256(json.dumps(sources).encode()).hexdigest()[:16]

    @classmethod
    def from_stored(cls, model_storage: ModelStorage, resource: Resource, data: Any) -> DomainGate:
        return cls(model_storage, resource, set(data["vocabulary"]), set(data["everyday"]))

    def train(self, training_data: TrainingData) -> Resource:
        texts = [
            m.get(TEXT) for m in training_data.intent_examples if m.get(INTENT) not in NEGATIVE_INTENTS and m.get(TEXT)
        ]
        self.vocabulary = article_vocabulary(texts)
        data = {"vocabulary": sorted(self.vocabulary), "everyday": sorted(everyday_words())}
        return self.store(self._model_storage, self._resource, self.FILE, data)

    # -- prediction --------------------------------------------------------------------------
    @staticmethod
    def _near(word: str, pool: TypoIndex) -> bool:
        """A typo of a word in the pool: one letter off for short words, two for long ones."""
        limit = _typo_limit(word)
        return bool(limit) and any(_edit_distance_at_most(word, known, limit) for known in pool.candidates(word, limit))

    def _slip_of_everyday(self, word: str) -> bool:
        """One letter off a long everyday word (changed, added, dropped, or two neighbours swapped). The word's few
        hundred one-letter edits are looked up: an index of every everyday word's slips would hold tens of MB."""
        return any(len(e) >= LONG_EVERYDAY_CHARS and e in self.everyday for e in one_letter_edits(word, self._letters))

    def foreign_words(self, text: str) -> List[str]:
        """Content words that belong neither to the article's subjects nor to everyday English."""
        found = []
        # (a thing a sign is likened to names no subject: "eyes wide open at 2am like an owl", round 124; a medicine
        # likened to still does: "is it like a statin")
        likened = {m.group(1).lower() for m in _LIKENED.finditer(text)}
        persons = {m.group(1).lower() for m in _PERSON_NAMED.finditer(text)}
        if persons:  # (a medicine's name is kept: looked up only when a person may be named)
            persons -= {w.lower() for w in limits.named_medicines(text)}
        if likened:  # (the medicines looked up only when something is likened: this runs for every sentence asked)
            likened -= set(limits.medicine_words(text, list(likened)))
        for word in words(unsigned(text)):
            base = word.strip("'")
            if (
                base in likened
                or base in persons
                or len(base) < MIN_WORD_CHARS
                or base in self.vocabulary
                or base in self.everyday
                or base in _SPELLED_CONTRACTIONS
                or base in TEXTING
                or base in _PEOPLE
                or base in _NO_SUBJECT_WORDS
                or _LIKE_NUM(base)
            ):
                continue
            if base.endswith("s") and base[:-1] in self.vocabulary:
                continue
            # (its g dropped, as spoken: "durin plantin", "takin it of a mornin", round 115)
            if base.endswith("in") and base + "g" in self.everyday:
                continue
            if self._near(base, self._known):
                continue
            # (a slip of a long everyday word that is no dictionary word itself: "immune fuction", round 87)
            if len(base) >= LONG_EVERYDAY_CHARS and not in_dictionary(base) and self._slip_of_everyday(base):
                continue
            if len(base) <= SHORT_TYPO_CHARS and any(
                form in self.everyday or form in self._known.words for form in _short_typo_forms(base, self._letters)
            ):
                continue
            found.append(base)
        return found

    def names_another_subject(self, text: str, foreign: List[str]) -> bool:
        """A foreign word (`foreign`: the text's) that could name a subject, in a sentence that asks."""
        return any(names_a_subject(w) for w in self.asked_foreign(text, foreign))

    def asked_foreign(self, text: str, foreign: List[str]) -> List[str]:
        """The foreign words (`foreign`: the text's) of its sentences that ask: a sentence beside the question that only
        tells names no subject of it ("... has this medication been tried? I am compiling a list for my group's
        newsletter", round 118; "How much should I be taking? The GP ... went off on his holidays to Tenerife", round
        132), unless it names a medicine ("I started magnesium. is it ok?")."""
        from bot.dialogue.understanding_policy import _sentences, asks

        sentences = [text[a:b] for a, b in _sentences(text)]
        # (a fragment after a question is more of it: "the rationale for going slow? for my tinnitus"; one before it
        # tells: "Ulcerative colitis, not Crohn's. Does anything in there apply to me", round 117)
        asks_at = [asks(s) for s in sentences]
        asking = [
            s
            for i, s in enumerate(sentences)
            if asks_at[i] or (any(asks_at[:i]) and len(words(s)) < MIN_QUESTION_WORDS)
        ]
        if not asking or len(asking) == len(sentences) or limits.medicine_words(text, foreign):
            return foreign
        return [w for s in asking for w in self.foreign_words(s)]

    def is_gibberish(self, text: str) -> bool:
        """Every word of three letters or more is unknown to the article and to everyday English."""
        long_words = [w for w in words(text) if len(w) >= MIN_WORD_CHARS]
        return bool(long_words) and len(self.foreign_words(text)) == len(long_words)

    def _asks_of_another(self, text: str) -> bool:
        """A question of some length that names another medicine or subject."""
        from bot.dialogue.understanding_policy import asks

        named = self.doses_another(text)
        # (shorter with a medicine named: "ambien addictive or no?")
        if len(words(text)) < (MIN_NAMED_QUESTION_WORDS if named else MIN_QUESTION_WORDS) or not asks(text):
            return False
        return named or any(names_a_subject(w) for w in self.foreign_words(text))

    def doses_another(self, text: str) -> bool:
        """The thing whose dose or time is asked is named, and is not LDN: a medicine or supplement ("take calcium
        tablets at night", not "can I take it with magnesium"), or a word after "how much" ("how much water")."""
        # (not a name found only by its capital: "Respectfully, Stavros", "haulin cattle up to Amarillo")
        if limits.names_another_taken(text):
            return True
        asked = _HOW_MUCH_OF.search(text)
        return asked is not None and asked.group("what").lower() not in _NOT_A_THING_DOSED | DOSE_WORDS

    def topical_words(self, text: str) -> List[str]:
        """Words of the article's own subjects (in its vocabulary, not everyday English), or of
        taking a medicine ("missed", "dose", "pain")."""
        return [
            w
            for w in words(text)
            if w in MEDICINE_WORDS
            or w in ARTICLE_SUBJECT_WORDS
            or (
                len(w) >= MIN_WORD_CHARS
                and w not in self.everyday
                and (w in self.vocabulary or self._near(w, self._known))
            )
        ]

    def is_anchored(self, text: str) -> bool:
        # ("low-dose ketamine" names ketamine)
        text = limits.LOW_DOSE_OF_ANOTHER.sub(" ", text)
        lowered = text.lower()
        return any(w in ANCHORS or self._near(w, self._anchors) for w in words(text)) or any(
            phrase in lowered for phrase in _ANCHOR_PHRASES
        )

    def unknown_subject(self, text: str) -> bool:
        """ "Does LDN help with X" where X is none of the article's subjects."""
        match = _HELPS_WITH.search(text.lower())
        if not match or _ASKS_WHAT_IT_HELPS.search(text[: match.start()]):
            return False
        subject = [w for w in words(match.group(2)) if w not in _STOP]
        if not subject or all(w in _VAGUE_SUBJECTS for w in subject):
            return False
        # A sign with its place named ("my back pain", "knee aches"): the place is the subject, not the sign, which
        # the article names only at its own places (belly pain) or in a syndrome ("regional pain").
        sited = any(w not in _SITED_SIGNS for w in subject) and any(w in _SITED_SIGNS for w in subject)
        skipped = _STOP | _SITED_SIGNS if sited else _STOP
        # One of the article's subjects anywhere in the message ("my crohns is flaring, would ldn
        # help my gut") means the question is about it.
        known = ARTICLE_SUBJECT_WORDS | self.subject_words
        return not any(
            w in known or w.rstrip("s") in known or self._near(w, self._subjects)
            for w in words(text)
            if w not in skipped and len(w) > 1
        )

    def honest_limit(self, text: str) -> Optional[str]:
        """A child, or a named medicine with or instead of LDN (bot/nlu/limits.py); diseases are not medicines."""
        from bot.knowledge import near_topics

        diseases = near_topics.condition_words()
        named = near_topics.find(text)
        medicines = [named.id] if named and named.comparison_only else []
        foreign = [w for w in self.foreign_words(text) if w not in diseases and w not in self.subject_words]
        return limits.honest_limit(text, foreign, medicines)

    def verdict(
        self, text: str, intent: Optional[str], confidence: float, anchored: Optional[bool] = None
    ) -> Optional[str]:
        """The intent to use instead of an article answer, or None to keep the classifier's."""
        if intent not in self.article_intents:
            return None
        if self.unknown_subject(text):
            return NOT_COVERED
        anchored = self.is_anchored(text) if anchored is None else anchored
        foreign = self.asked_foreign(text, self.foreign_words(text))
        # Words that name no subject are register, not a subject left out, with LDN named or not: "Kindly advise
        # whether LDN is immunosuppressive, as our residents are vulnerable", "what does it do? explane simply"
        # (but a word whose meaning is asked is the subject, whatever its kind: "what is the definition of auspicious")
        meaning = _ASKS_MEANING.search(text)
        asked = set(words(meaning.group(0))) if meaning else set()
        if not any(names_a_subject(w) or w in asked for w in foreign):
            return None
        if not anchored:
            return OUT_OF_SCOPE
        return None if confidence >= ANCHORED_MIN_CONFIDENCE else NOT_COVERED

    def _closest_topic(self, message: Message) -> Optional[str]:
        """The article topic the classifier ranked first, beside the fallback, if it scored MIN_IMPLIED_TOPIC."""
        ranked = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != FALLBACK]
        if (
            ranked
            and ranked[0].get("name") in self.article_intents
            and (ranked[0].get("confidence") or 0) >= MIN_IMPLIED_TOPIC
        ):
            return str(ranked[0]["name"])
        return None

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            entities = message.get(ENTITIES) or []
            # (a condition's name spelled by ear, "crones", is read as the name: it is no word of another subject)
            text = _names_as_written(message.get(TEXT) or "", entities)
            predicted = message.get(INTENT) or {}
            conditions = {e.get("value") for e in entities if e.get("entity") in ("CONDITION", "SYMPTOM")}
            reading = (
                text,
                predicted.get("name"),
                predicted.get("confidence") or 0.0,
                any(e.get("entity") == "NOT_COVERED" for e in entities),
                conditions,
                bool(entities),
            )
            replacement = self.decide(*reading) or _heard_condition_answer(predicted.get("name"), entities)
            # What the message would get in a conversation about LDN, where LDN goes without saying:
            # the dialogue policy uses it for follow-ups (bot/dialogue/understanding_policy.py).
            implied = self.decide(*reading, ldn_implied=True) or predicted.get("name")
            unsure = (replacement or predicted.get("name")) in (FALLBACK, OUT_OF_SCOPE)
            # (the words of an article subject the entity ruler named are that subject: "cramping up low in my belly"
            # names belly pain, round 142)
            foreign = self.foreign_words(_without_article_subjects(text, entities))
            if predicted.get("name") == FALLBACK and not foreign:
                # Torn between two readings ("what else is it used for?": other conditions, or off-topic):
                # with LDN going without saying, the closest article topic, when it is near enough.
                implied = self._closest_topic(message) or implied
            if implied != (replacement or predicted.get("name")) or unsure:
                # "foreign": it names something outside the article and everyday words ("vitamin d"), so
                # it is not simply a question about LDN with LDN left unsaid.
                message.set(
                    LDN_IMPLIED,
                    {
                        "name": implied,
                        "confidence": predicted.get("confidence") or 0.0,
                        # (a word that is only ever a verb, an adjective or an adverb names nothing: "what
                        # happens during the rebound you alluded to?")
                        "foreign": any(names_a_subject(w) for w in foreign),
                        # (the words that could name a subject, and whether the question itself names one: for a
                        # question about the medicine only pointed at, bot/dialogue/understanding_policy.py)
                        "subjects": [w for w in foreign if names_a_subject(w)],
                        "foreign_asked": self.names_another_subject(text, foreign),
                    },
                    add_to_output=True,
                )
            limit = self.honest_limit(text)
            if limit:
                message.set(LDN_LIMIT, limit, add_to_output=True)
            if (replacement or predicted.get("name")) in self.article_intents and _weighs_two_times(text, entities):
                # "bedtime or breakfast for LDN?? my fibro group is split right down the middle on this" (round 106,
                # read as the fibromyalgia answer): two times of day weighed in the question are the dosing-time one.
                replacement = DOSING_TIME_INTENT
            if (replacement or predicted.get("name")) == DOSE_INTENT and _asks_the_time_only(text, entities):
                # "morning or night? everyone in my group says something different", "my friend takes hers when she
                # wakes up and i take mine at night, whos doing it right" (round 93-94, read as one's own dose): times
                # of day weighed, with no amount, change or missed dose, are the dosing-time question.
                replacement = DOSING_TIME_INTENT
            if (
                (replacement or predicted.get("name")) in (DOSE_INTENT, OUT_OF_SCOPE, FALLBACK)
                and not foreign
                and _asks_which_time_told(text, entities)
            ):
                # "pharmacist said take it at night but my friend takes hers in the am. whats right" (round 129, read
                # as off-topic): two times of day told of the taking, then which is right, is the dosing-time question.
                replacement = DOSING_TIME_INTENT
            signs = {str(e.get("value")) for e in entities if e.get("entity") == "SYMPTOM"}
            # (the intent and the one sign first: the pattern is read only when they fit)
            asked = (
                _TOLD_SIGN_ASKED.search(text)
                if (replacement or predicted.get("name")) == SIDE_EFFECTS_INTENT and len(signs) == 1
                else None
            )
            told_first = asked and all(
                int(e.get("start") or 0) < asked.start() for e in entities if e.get("entity") == "SYMPTOM"
            )
            if told_first:
                # "his stomache hurts a little since the ldn, is that a normal side efect" (round 135, read as the side
                # effects in general): the one sign told before "is that a side effect" gets its own answer.
                replacement = knowledge.intent_for_subject().get(signs.pop()) or replacement
            if self.is_anchored(text) and _ASKS_THE_SLOT.search(text) and not self.doses_another(text):
                # "my wife sets out my pills in one of them weekly boxes, she wants to know what slot to put the ldn
                # in" (round 134, read as how it works): which slot of a pill box LDN goes in asks the time to take it.
                replacement = DOSING_TIME_INTENT
            if replacement and replacement != predicted.get("name"):
                force_intent(message, replacement)
        return messages

    @staticmethod
    def asks_about_something(text: str, names_uncovered: bool, anchored: bool) -> bool:
        """A question of some length that names a subject: one the article leaves out, LDN, or a near topic."""
        from bot.dialogue.understanding_policy import asks
        from bot.knowledge import near_topics

        named = names_uncovered or near_topics.find(text) is not None
        # ("better than prozac though?": short, but a question mark and a subject named make it one.)
        if len(words(text)) < MIN_QUESTION_WORDS and not (named and text.rstrip().endswith("?")):
            return False
        return (names_uncovered or asks(text)) and (named or anchored)

    def decide(
        self,
        text: str,
        intent: Optional[str],
        confidence: float,
        names_uncovered: bool,
        conditions: set[str] | frozenset[str] = frozenset(),
        has_entities: bool = False,
        ldn_implied: bool = False,
    ) -> Optional[str]:
        """The whole gate: an intent to use instead of the classifier's, or None.

        `ldn_implied`: the message comes in a conversation about LDN, so LDN need not be named.
        """
        # Text without one word of the article is off-topic even then ("wake me up at 7").
        anchored = ldn_implied or self.is_anchored(text)
        if names_uncovered and intent in self.article_intents | NAMED_SUBJECT_INTENTS:
            # "Is it safe while pregnant", "how long until it kicks in": the prescriber's questions.
            return NOT_COVERED
        if (
            names_uncovered
            and intent == DOSE_INTENT
            and not speaks_of_a_dose(text)
            and not any(_LIKE_NUM(w) for w in words(text))
        ):
            # "I can take LDN while I give the breast?" (round 133, read as one's own dose): taking it at all, beside a
            # subject the article leaves out, with no amount or dose of one's own, is the prescriber's question of it.
            return NOT_COVERED
        if names_uncovered and intent == HANDOFF and confidence < UNSURE_HANDOFF:
            # "I wanted to know the price": an unsure guess of "let me talk to someone" that names a subject
            # the article leaves out is a question about it. Both replies give the clinic's phone.
            return NOT_COVERED
        if intent == FALLBACK and anchored and self.unknown_subject(text):
            # "will LDN help with my neck pain" (the classifier unsure): whether LDN helps a subject the article
            # never names is clear, and the honest reply is that the article doesn't cover it.
            return NOT_COVERED
        if (
            intent == "nlu_fallback"
            and not has_entities
            and not self.is_anchored(text)
            and not self.topical_words(text)
        ):
            # Unsure, and not one word of the article's own: "recipe for chicken soup" is off-topic,
            # and the off-topic reply (with the topics) helps more than "say it another way".
            return OUT_OF_SCOPE
        if (
            intent in self.article_intents
            and not has_entities
            and not self.is_anchored(text)
            and not self.topical_words(text)
            and not (ldn_implied and confidence >= SURE_WITHOUT_WORDS)
        ):
            # Not one word of the article's or of taking a medicine: "wake me up at 7 tomorrow". (In a conversation
            # about LDN, a classifier this sure needs none: "so how does such a tiny amount do anything at all?")
            return OUT_OF_SCOPE
        # (LDN named, not only going without saying: "how much vitamin D should I be taking?" after an LDN answer)
        if (
            intent in (DOSE_INTENT, DOSING_TIME_INTENT)
            and not self.is_anchored(text)
            # (an uncovered subject named is the other medicine itself, unless a limit is asked of LDN: "how long is
            # tylenol ok to take every day for arthritis?", round 117)
            and self.doses_another(text)
            # (not LDN with another medicine, heard or named: "is elder n okay to mix with baclofen")
            and not self.honest_limit(text)
        ):
            # "how much vitamin d should i take a day", "What is best time of the day for the metformin": the dose or
            # the time of another medicine, supplement or thing, with LDN unsaid, is another subject.
            return OUT_OF_SCOPE
        if (
            intent == DOSE_INTENT
            and not has_entities
            and not anchored  # in a conversation about LDN, "should i go to 3 next week" is about its dose
            and not any(w in DOSE_WORDS or w.rstrip("s") in DOSE_WORDS for w in words(text))
            and not _SMALL_DOSE.search(text)
        ):
            # Not one word of a dose or of taking a medicine, and no LDN: not a dose question.
            return OUT_OF_SCOPE
        # An article condition or side effect named with LDN: its answer (answers.yml's `subjects`), when the
        # classifier could not place the message ("ldn keeps me up all night, help").
        by_subject = knowledge.intent_for_subject()
        rescued = {by_subject[c] for c in conditions if c in by_subject}
        # (or read, unsure, as the overview of what LDN is: "is ldn used in RRMS?", the classifier not knowing "rrms")
        # (not a message that asks what LDN is, a condition told as context: "Been lurking on the fibro boards... Could
        # you explain what it is?")
        unsure_overview = intent == OVERVIEW_INTENT and confidence < SURE_OVERVIEW and not _ASKS_WHAT_IT_IS.search(text)
        if (
            (intent in {OUT_OF_SCOPE, "nlu_fallback", NOT_COVERED} or unsure_overview)
            and not names_uncovered
            and len(rescued) == 1
            and anchored
        ):
            # "I have SLE, does LDN help with it": an article condition named with LDN, and no
            # subject the article leaves out, gets that condition's answer.
            return rescued.pop()
        if intent in SMALL_TALK_INTENTS and self.asks_about_something(text, names_uncovered, anchored):
            # "ldn while nursing, yes or no" read as "no", "can it help with my RA, my doctor hasn't said much" read
            # as "stop": a question about a subject is not small talk.
            return NOT_COVERED if names_uncovered else FALLBACK
        if intent in SMALL_TALK_INTENTS and not anchored and self._asks_of_another(text):
            # "vitamin D every other day, is that ok" read as goodbye: a question naming another subject, and not
            # LDN, is about that subject.
            return OUT_OF_SCOPE
        if intent in SMALL_TALK_INTENTS and not has_entities and (is_unsure(text) or self.is_gibberish(text)):
            # "You're welcome" to "I don't know" or to "qwerty" would be nonsense: ask again instead
            # (inside the dosing form, the form re-asks its question).
            return FALLBACK
        if intent == "stop" and normalise_yes_no(text) and not asks_to_stop(text):
            # "Only now and then." at the sleep question, guessed as "stop": an answer, for the dosing form to read
            # (the form maps text it cannot place); never the end of the talk.
            return FALLBACK
        if intent == NOT_COVERED and not names_uncovered and not anchored and self.foreign_words(text):
            # "Can I take aspirin for my cold": not about LDN at all.
            return OUT_OF_SCOPE
        if intent in rescued and (anchored or not self.foreign_words(text)):
            # The ruler found the very condition or symptom this answer is about ("wide awake til
            # 2am every nite, is that the ldn"): lexical evidence enough, however unsure the classifier.
            # (Not for another subject named beside it with LDN unsaid: "does a keto diet help ms?")
            return None
        return self.verdict(text, intent, confidence, anchored)
