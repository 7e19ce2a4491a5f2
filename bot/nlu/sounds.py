"""Names spelled by ear or with a slip: the article's conditions ("crones", "Lou pus"), its conditions and side effects
with a slip of the keys ("abdomnal pain"), and opioid medicines ("codiene"), as the ruler's entities."""

import re
from functools import lru_cache
from typing import Any, Dict, FrozenSet, List, Optional, Tuple

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu import language, patterns
from bot.nlu.components import _Stateless
from bot.nlu.domain_gate import BY_SOUND, _edit_distance_at_most, ranked_everyday_words
from bot.nlu.typos import TypoIndex

_LANGUAGE = language.load()
_WORD = _LANGUAGE.pattern("word")
# Longest first, so that "ch" is read before "c".
_SPELLINGS = sorted(_LANGUAGE.pairs("sound_spellings").items(), key=lambda r: -len(r[0]))
_VOWELS = _LANGUAGE.words("vowels")
# A "w" after a vowel and before none is part of the vowel's sound ("own", "saw").
_CLOSING_W = re.compile(rf"(?<=[{''.join(_VOWELS)}])w(?![{''.join(_VOWELS)}])")
# Shorter names, and keys, match too much by sound ("ms", "crps" are matched by the ruler as written).
MIN_NAME_CHARS = 5
MIN_KEY_CHARS = 3
# Two short words written for one name ("Lou pus"): each at most this long.
MAX_PIECE_CHARS = 4
# A word among this many of the language's most frequent is a word of its own ("cranes", "maids", "lapis"),
# not a name spelled by ear; rarer ones may be ("crones" ranks about 158,000th, "lupis" 244,000th).
KNOWN_WORDS = 100_000
# The most frequent words, which are never a piece of a name written in two words ("the road").
COMMONEST_WORDS = 300
# How many letters a name spelled by ear may differ from the name as written.
MAX_EDITS = 2
LABEL = "CONDITION"
OPIOID, OPIOID_ID = "OPIOID", "opioid"
# An opioid's name is found with a slip of one letter (two from this length on), never by sound: a missed opioid
# misses the warning, so any near spelling of one counts.
MIN_OPIOID_CHARS, LONG_OPIOID_CHARS = 6, 9


def sound_key(word: str) -> str:
    """A rough key of how a word sounds: spellings of one sound made one, then vowels after the first letter,
    "h", a "w" that closes a vowel ("own") and doubled letters dropped ("crohns", "crones" -> "krns")."""
    word = "".join(c for c in word.lower() if c.isalpha())
    for spelled, sound in _SPELLINGS:
        word = word.replace(spelled, sound)
    word = _CLOSING_W.sub("", word)
    kept = word[:1] + "".join(c for c in word[1:] if c not in _VOWELS and c != "h")
    return "".join(c for i, c in enumerate(kept) if i == 0 or c != kept[i - 1])


@lru_cache(maxsize=1)
def _names() -> Dict[str, List[Tuple[str, str]]]:
    """sound key -> [(the condition's id, its name as written)] for the one-word names of the article's conditions."""
    found: Dict[str, List[Tuple[str, str]]] = {}
    for phrase, ident in sorted(patterns.phrase_ids(LABEL).items()):
        if phrase.isalpha() and len(phrase) >= MIN_NAME_CHARS and len(sound_key(phrase)) >= MIN_KEY_CHARS:
            found.setdefault(sound_key(phrase), []).append((ident, phrase))
    return found


def condition_by_sound(written: str, known: Any) -> Optional[str]:
    """The id of the condition a word (or two joined) may be spelled by ear for, else None. A known word is never
    one ("cranes" sounds like "crohns"), the last letters must agree ("lipase" is no lupus) and the spelling be
    within MAX_EDITS letters of the name's."""
    word = written.lower().replace(" ", "")
    if len(word) < MIN_NAME_CHARS or word in known or written.lower() in known:
        return None
    for ident, name in _names().get(sound_key(word), []):
        if word[-1] == name[-1] and _edit_distance_at_most(word, name, MAX_EDITS):
            return ident
    return None


@lru_cache(maxsize=1)
def _opioid_names() -> TypoIndex:
    return TypoIndex(p for p in patterns.phrase_ids(OPIOID) if p.isalpha() and len(p) >= MIN_OPIOID_CHARS)


def opioid_by_spelling(written: str, known: Any) -> bool:
    """A word that is an opioid medicine's name with a slip ("codiene", "oxycodon"), and no word of its own."""
    word = written.lower()
    if len(word) < MIN_OPIOID_CHARS or word in known or not word.isalpha():
        return False
    limit = 1 if len(word) < LONG_OPIOID_CHARS else 2
    return any(_edit_distance_at_most(word, name, limit) for name in _opioid_names().candidates(word, limit))


# A word of an article subject's name with a slip ("abdomnal", "stomache") has at least this many letters; one letter
# off, two from LONG_SLIP_CHARS on. Dictionary words are never slips ("crowns" is no "crohns").
MIN_SLIP_CHARS, LONG_SLIP_CHARS = 6, 9
# Two letters off in a shorter word too, when another word of the same name is written as it is: "multipul sclerosis"
# (round 132), not "multipul" alone.
BESIDE_EXACT_EDITS = 2
SUBJECT_LABELS = ("CONDITION", "SYMPTOM")


@lru_cache(maxsize=1)
def _subject_names() -> Dict[Tuple[str, ...], Tuple[str, str]]:
    """The words of each name of the article's conditions and side effects -> (label, id)."""
    return {
        tuple(_WORD.findall(phrase)): (label, ident)
        for label in SUBJECT_LABELS
        for phrase, ident in patterns.phrase_ids(label).items()
        if " ".join(_WORD.findall(phrase)) == phrase
    }


@lru_cache(maxsize=1)
def _subject_words() -> TypoIndex:
    return TypoIndex(w for name in _subject_names() for w in name if len(w) >= MIN_SLIP_CHARS)


@lru_cache(maxsize=4096)
def subject_word_meant(word: str, limit: Optional[int] = None) -> Optional[str]:
    """The one word of an article subject's name a word is a slip of ("abdomnal" -> "abdominal"), else None; `limit`:
    the letters it may be off (by default one, two from LONG_SLIP_CHARS on)."""
    from bot.nlu.typos import is_word_form

    if len(word) < MIN_SLIP_CHARS or not word.isalpha() or is_word_form(word):
        return None
    limit = limit or (1 if len(word) < LONG_SLIP_CHARS else 2)
    near = {name for name in _subject_words().candidates(word, limit) if _edit_distance_at_most(word, name, limit)}
    return near.pop() if len(near) == 1 and word not in near else None


def _by_slip(text: str, taken: List[Tuple[int, int]]) -> List[Dict[str, Any]]:
    """The article's conditions and side effects named with a slip in a word of their name, where the ruler found
    none: "is abdomnal pain a known thing", "stomache cramps"."""
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text.lower())]
    close = [subject_word_meant(w) for _, _, w in words]
    loose = [
        None if c else subject_word_meant(w, BESIDE_EXACT_EDITS) for c, (_, _, w) in zip(close, words, strict=True)
    ]
    meant = [c or lo for c, lo in zip(close, loose, strict=True)]
    if not any(meant):
        return []
    read = tuple(m or w for m, (_, _, w) in zip(meant, words, strict=True))
    found: List[Dict[str, Any]] = []
    # Only the names with a word read as a slip, placed where that word is (the longest name first).
    places = sorted(
        ((i - k, name) for i, m in enumerate(meant) if m for name, k in _names_with_word().get(m, ())),
        key=lambda place: -len(place[1]),
    )
    for i, name in places:
        if i < 0 or read[i : i + len(name)] != name:
            continue
        span = range(i, i + len(name))
        if any(loose[j] for j in span) and not any(not meant[j] for j in span):
            continue  # (a word two letters off counts only beside one of the name written as it is)
        start, end = words[i][0], words[i + len(name) - 1][1]
        if not any(s < end and start < e for s, e in taken + [(f["start"], f["end"]) for f in found]):
            label, ident = _subject_names()[name]
            found.append({"entity": label, "value": ident, "start": start, "end": end, "extractor": BY_SOUND})
    return sorted(found, key=_start)


@lru_cache(maxsize=1)
def _names_with_word() -> Dict[str, List[Tuple[Tuple[str, ...], int]]]:
    """word -> [(a name of an article subject, the word's place in it)]."""
    index: Dict[str, List[Tuple[Tuple[str, ...], int]]] = {}
    for name in _subject_names():
        for k, word in enumerate(name):
            index.setdefault(word, []).append((name, k))
    return index


@lru_cache(maxsize=1)
def _known() -> frozenset:
    return frozenset(ranked_everyday_words(KNOWN_WORDS))


@lru_cache(maxsize=1)
def _commonest() -> frozenset:
    """The language's most frequent words ("the", "of", "my"): never a piece of a name written in two."""
    return frozenset(ranked_everyday_words(COMMONEST_WORDS))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class ConditionsBySound(_Stateless):
    """Adds a CONDITION entity for a name of the article's conditions spelled by ear, and an OPIOID entity for an
    opioid's name with a slip, where the ruler found none."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            entities = list(message.get(ENTITIES) or [])
            taken = [(int(e.get("start") or 0), int(e.get("end") or 0)) for e in entities]
            found = _found(text, taken)
            found = sorted(found + _by_slip(text, taken + [(f["start"], f["end"]) for f in found]), key=_start)
            if found:
                message.set(ENTITIES, entities + found, add_to_output=True)
        return messages


def _start(entity: Dict[str, Any]) -> int:
    return int(entity["start"])


def _found(text: str, taken: List[Tuple[int, int]]) -> List[Dict[str, Any]]:
    words = [(m.start(), m.end()) for m in _WORD.finditer(text.lower())]
    free = [(a, b) for a, b in words if not any(s < b and a < e for s, e in taken)]
    candidates = (
        free
        + [
            (a, d)
            for (a, b), (c, d) in zip(free, free[1:], strict=False)
            if b - a <= MAX_PIECE_CHARS
            and d - c <= MAX_PIECE_CHARS
            and text[b:c].isspace()
            # ("down the road" is no "thyroid")
            and not {text[a:b].lower(), text[c:d].lower()} & _commonest()
        ]
    )
    found: List[Dict[str, Any]] = []
    for start, end in candidates:
        if any(f["start"] < end and start < f["end"] for f in found):
            continue
        ident = condition_by_sound(text[start:end], _known())
        if ident:
            found.append({"entity": LABEL, "value": ident, "start": start, "end": end, "extractor": BY_SOUND})
        elif opioid_by_spelling(text[start:end], _known()):
            found.append({"entity": OPIOID, "value": OPIOID_ID, "start": start, "end": end, "extractor": BY_SOUND})
    return sorted(found, key=lambda f: f["start"])


# A name heard as several words ("nal tracks zone", "tram a doll", "gabba pentin"): at most this many.
MAX_HEARD_WORDS = 3
# ... each of at most this many letters ("dafinil", not "tracking").
MAX_HEARD_PIECE_CHARS = 7
# A medicine's name from this many letters is heard by sound (shorter ones match too much).
MIN_MEDICINE_CHARS = 6
# A generic medicine's name is told by its ending ("gabba pentin" -> "gabbapentin") from this many letters joined.
MIN_GENERIC_CHARS = 7
# An article subject's name is heard by sound alone when its sound key has this many letters ("fbrmlg").
MIN_HEARD_SUBJECT_KEY = 6
_DRUG_ENDING = _LANGUAGE.pattern("drug_ending")
# A word split in two by a slip of the space bar ("con ditions"): the whole an everyday word of at least this many
# letters, and a piece that is no word of its own ("ditions") of at least MIN_STRAY_PIECE_CHARS.
MIN_SPLIT_WORD_CHARS, MIN_STRAY_PIECE_CHARS = 7, 3


@lru_cache(maxsize=1)
def _heard_keys() -> Dict[str, str]:
    """sound key -> name as written: LDN's one-word names (bot/nlu/lang/en.yml's anchors: "naltrexone") first, then
    the opioid and other medicines the ruler and the language name, then the article's subjects (`_heard_subjects`),
    one word each and long enough to be heard."""
    keys: Dict[str, str] = {}
    names = [a for a in _LANGUAGE.words("anchors") if len(a) >= MIN_NAME_CHARS] + sorted(
        n for n in _medicine_names() if len(n) >= MIN_MEDICINE_CHARS
    )
    # (a subject's common spelling before its other spellings: "fibromyalgia", not "fibromialgia")
    for name in names + sorted(_heard_subjects(), key=lambda n: (n not in _known(), n)):
        keys.setdefault(sound_key(name), name)
    return keys


@lru_cache(maxsize=1)
def _heard_subjects() -> FrozenSet[str]:
    """The article's subjects and conditions whose one-word name has a sound key of MIN_HEARD_SUBJECT_KEY letters, so
    that no run of everyday words sounds like it by chance: "fiber my algae", "in door fins" (round 127)."""
    names = set(_LANGUAGE.words("article_subjects")) | {
        p for label in SUBJECT_LABELS for p in patterns.phrase_ids(label) if p.isalpha()
    }
    return frozenset(n for n in names if len(sound_key(n)) >= MIN_HEARD_SUBJECT_KEY)


# Words this short are too many languages' words to tell a language by ("a", "lo").
MAX_SHORT_WORD_CHARS = 2


@lru_cache(maxsize=1)
def _medicine_names() -> FrozenSet[str]:
    """The one-word names of the opioid and other medicines the ruler and the language name."""
    return frozenset(n for n in {*patterns.phrase_ids(OPIOID), *_LANGUAGE.words("not_opioids")} if n.isalpha())


@lru_cache(maxsize=1)
def _names_written() -> FrozenSet[str]:
    """LDN's and the medicines' one-word names, of any length: a word that is one is no piece of another."""
    return _medicine_names() | {a for a in _LANGUAGE.words("anchors") if a.isalpha()}


@lru_cache(maxsize=1)
def _other_languages_words() -> FrozenSet[str]:
    """The words and the phrases' words of the languages read besides English (bot/nlu/mixed_language.py), but those
    English has too."""
    languages = _LANGUAGE.raw["words"]["mixed_in"]
    written = [w for name in languages for w in _LANGUAGE.pairs(f"{name}_words")]
    written += [p for name in languages for p in _LANGUAGE.pairs(f"{name}_phrases")]
    # (not their words of one or two letters: "tram a doll", "back lo fen"; nor English's commonest, which phrases
    # hold too: Jamaican English's "him back" is no reason to leave "back lo fen" unjoined)
    return frozenset(
        w
        for phrase in written
        for w in _WORD.findall(phrase.lower())
        if len(w) > MAX_SHORT_WORD_CHARS and w not in _commonest()
    )


def _heard_as(pieces: List[str]) -> Optional[str]:
    """The one word a run of words was heard or typed for, else None: a medicine's or LDN's name by sound ("tram a
    doll" -> "tramadol"), a generic medicine's name by its ending ("mo dafinil"), or an everyday word split in two
    ("con ditions")."""
    joined = "".join(pieces).lower()
    known = _known()
    lowered = [p.lower() for p in pieces]
    # (never a name and the words after it, "codeine a few", "norco as needed", nor one word of its own among the
    # commonest, "arm or leg", "a bit in", nor words of another language read, "no quiero vivir": each as said)
    if (
        any(p in _other_languages_words() for p in lowered)
        or any(p in _names_written() and all(q in known for q in lowered[i + 1 :]) for i, p in enumerate(lowered[:-1]))
        or (all(p in known for p in lowered) and sum(p not in _commonest() for p in lowered) < 2)
    ):
        return None
    name = _heard_keys().get(sound_key(joined))
    # (a medicine by sound and spelling both, as an opioid's name with a slip is found: "no tracks zone" sounds like
    # "thyroxine", "di ladies" like "dilaudids"; LDN's name by sound alone)
    limit = 1 if len(joined) < LONG_OPIOID_CHARS else 2
    # (LDN's name and the article's subjects by sound alone: "nail tracks own", "fiber my algae")
    if name and (
        name in _LANGUAGE.words("anchors") or name in _heard_subjects() or _edit_distance_at_most(joined, name, limit)
    ):
        return name
    if joined in known:
        # (never two words of their own: "to day" stays)
        stray = [p for p in pieces if p.lower() not in known]
        split = len(pieces) == 2 and len(joined) >= MIN_SPLIT_WORD_CHARS
        return joined if split and stray and all(len(p) >= MIN_STRAY_PIECE_CHARS for p in stray) else None
    generic = len(joined) >= MIN_GENERIC_CHARS and _DRUG_ENDING.search(joined)
    # (a piece that is no word of its own, "gabba pentin"; not words of their own, "fibro lol", "lower spine")
    own_words_only = all(p in known for p in lowered)
    return joined if generic and not own_words_only and not any(p in _commonest() for p in lowered) else None


def names_heard(text: str) -> str:
    """The text with a name heard, or a word typed, in two or three pieces written as one ("how does nal tracks zone
    work" -> "how does naltrexone work", "is she ok on tram a doll" -> "... tramadol"): how a phone's dictation, or
    a patient spelling by ear, writes it."""
    words = list(_WORD.finditer(text))
    for size in range(MAX_HEARD_WORDS, 1, -1):
        for i in range(len(words) - size + 1):
            run = words[i : i + size]
            pieces = [m.group(0) for m in run]
            # (the cheap tests first: every message passes through here)
            if not all(p.isalpha() and len(p) <= MAX_HEARD_PIECE_CHARS for p in pieces):
                continue
            if any(text[a.end() : b.start()] != " " for a, b in zip(run, run[1:], strict=False)):
                continue
            name = _heard_as(pieces)
            if name:
                return names_heard(text[: run[0].start()] + name + text[run[-1].end() :])
    return text
