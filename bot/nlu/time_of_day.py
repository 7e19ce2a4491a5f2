"""Turns clock times into a part of the day, and a patient's free-text answer into yes, no or unsure."""

from typing import Optional

from bot.nlu import language, patterns

# The parts of the day: ids (entity_patterns.yml's TIME_OF_DAY ids, the form's slot values), not words.
TIMES = ("morning", "afternoon", "evening", "bedtime")
# Yes, no and unsure told in words, and sleep told in words, in the configured language
# (bot/nlu/lang/<language>.yml says what each list is for).
_LANGUAGE = language.load()
_YES = _LANGUAGE.words("answer_yes")
_NO = _LANGUAGE.words("answer_no")
# "I don't" is a no only when no sleep problem is named.
_NEGATIONS = _LANGUAGE.words("negations")
_DENIES = _LANGUAGE.words("denies_problem")
_UNSURE = _LANGUAGE.words("unsure")
_SLEEP_PROBLEM = _LANGUAGE.words("sleep_problem")
_SLEEPS_WELL = _LANGUAGE.words("sleeps_well")
_ANSWER_WORD = _LANGUAGE.pattern("answer_word")
_CLOCK = _LANGUAGE.pattern("clock")
_CLOCK_24H = _LANGUAGE.pattern("clock_24h")
_TEXTING = _LANGUAGE.pairs("texting_spellings")


def clock_part_of_day(text: Optional[str]) -> Optional[str]:
    """'9pm' -> 'bedtime', '7 a.m.' -> 'morning', '0600' -> 'morning'; None if the text is not a clock time."""
    said = (text or "").strip().lower()
    match, day = _CLOCK.match(said), _CLOCK_24H.match(said)
    if day:
        hour = int((day.group(1) or day.group(2))[:2])
    elif match and int(match.group(1)) <= 12:
        hour = int(match.group(1)) % 12 + (12 if match.group(2) == "p" else 0)
    else:
        return None
    if hour < 4:  # midnight to 4 am is the night: the dose is taken at bedtime
        return "bedtime"
    return "morning" if hour < 12 else "afternoon" if hour < 17 else "evening" if hour < 21 else "bedtime"


def _words(text: str) -> str:
    # (words as texted or said in a dialect, read as the words meant: "Ah'm up hauf the night" is "half the night")
    found = _ANSWER_WORD.findall(text.lower().replace("\u2019", "'"))
    # (a sentence's full stop is no part of its last word: "Only now and then." ends with "then"; "a.m." keeps its own)
    found = [word[:-1] if word.endswith(".") and word.count(".") == 1 else word for word in found]
    return " " + " ".join(_TEXTING.get(word, word) for word in found) + " "


def _has(words: str, phrases) -> bool:
    # A single letter ("y", "n") is an answer only on its own: the "n" of "toss n turn" is no "no".
    return any(f" {p} " in words if len(p) > 1 else words.strip() == p for p in phrases)


def is_unsure(text: Optional[str]) -> bool:
    """'I don't know', 'not sure', 'idk': an answer that is no answer."""
    return bool(text and _has(_words(text), _UNSURE))


def normalise_yes_no(text: Optional[str]) -> Optional[bool]:
    """True for yes-like answers or a sleep problem, False for no-like ones, None if unsure or unclear."""
    if not text:
        return None
    words = _words(text)
    symptoms = [p for p, ident in patterns.phrase_ids("SYMPTOM").items() if ident == "insomnia"]
    # (a "no" that holds a "yes" is the "no": "not a bit" is no "a bit")
    for phrase in _NO:
        words = words.replace(f" {phrase} ", " no ") if len(phrase.split()) > 1 else words
    # (a sleep problem denied is none: "No, sleep's fine, no vivid dreams either", round 97; "sleep's" is "sleep is")
    words = words.replace("'s ", " is ")
    for phrase in [*_SLEEP_PROBLEM, *symptoms]:
        for denial in _DENIES:
            words = words.replace(f" {denial} {phrase} ", " no ")
    if _has(words, _SLEEPS_WELL) and not _has(words, _SLEEP_PROBLEM):
        return False
    if _has(words, _SLEEP_PROBLEM) or (not _has(words, _NO) and _has(words, symptoms)):
        return True
    if _has(words, _UNSURE):
        return None
    no = _has(words, _NO) or _has(words, _NEGATIONS)
    yes = _has(words, _YES)
    return yes if yes != no else None
