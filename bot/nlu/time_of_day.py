"""Turns clock times into a part of the day, and a patient's free-text answer into yes, no or unsure."""

import re
from typing import Optional

from bot.nlu import patterns

TIMES = ("morning", "afternoon", "evening", "bedtime")
_CLOCK = re.compile(r"^(\d{1,2})(?:[:.]\d\d)?\s*([ap])\.?\s*m\.?$")
_YES = {
    "yes",
    "yeah",
    "yep",
    "yup",
    "ya",
    "y",
    "sure",
    "definitely",
    "sometimes",
    "often",
    "true",
    "correct",
    "absolutely",
    "kinda",
    "somewhat",
    "a little",
    "a bit",
}
_NO = {"no", "nope", "nah", "n", "not really", "never", "none", "false", "not at all"}
# Said by someone who does not know the answer: never read as "no" (the "don't" in "I don't know").
_UNSURE = {
    "don't know",
    "dont know",
    "do not know",
    "not sure",
    "unsure",
    "dunno",
    "idk",
    "maybe",
    "no idea",
    "can't remember",
    "cant remember",
    "don't remember",
    "dont remember",
    "hard to say",
    "not certain",
    "no clue",
}
# Sleep problems told in words, including with a "don't" or "not" that must not read as "no".
_SLEEP_PROBLEM = {
    "don't sleep",
    "dont sleep",
    "do not sleep",
    "not sleeping",
    "can't sleep",
    "cant sleep",
    "cannot sleep",
    "hard to sleep",
    "hard time sleeping",
    "wake up",
    "waking up",
    "keep waking",
    "up all night",
    "awake",
    "restless",
    "poorly",
    "not well",
    "badly",
    "barely sleep",
    "hardly sleep",
    "can't fall asleep",
    "cant fall asleep",
    "can't stay asleep",
    "cant stay asleep",
    "toss and turn",
    "tosses and turns",
    "tossing and turning",
    "half the night",
    "harder to fall asleep",
    "hard to fall asleep",
    "intense dreams",
    "dreams are intense",
    "many dreams",
    "vivid dreams",
    "wake up tired",
    "waking up a lot",
    "wake a lot",
    "now and then",
    "still a bit",
    "on and off",
}
# Sleeping well told in words ("sleeping like a rock"): a no, though it has no "no" in it.
_SLEEPS_WELL = {
    "sleeping fine",
    "sleep fine",
    "sleeping well",
    "sleep well",
    "sleeping great",
    "like a rock",
    "like a baby",
    "like a log",
    "no problems",
    "no problem",
    "no trouble",
    "sleep is ok",
    "sleep is fine",
    "sleep is good",
    "sleeping ok",
    "sleeping okay",
    "sleep okay",
    "sleep ok",
}


def clock_part_of_day(text: Optional[str]) -> Optional[str]:
    """'9pm' -> 'bedtime', '7 a.m.' -> 'morning'; None if the text is not a clock time."""
    match = _CLOCK.match((text or "").strip().lower())
    if not match:
        return None
    hour = int(match.group(1))
    if hour > 12:
        return None
    hour = hour % 12 + (12 if match.group(2) == "p" else 0)
    if hour < 4:  # midnight to 4 am is the night: the dose is taken at bedtime
        return "bedtime"
    return "morning" if hour < 12 else "afternoon" if hour < 17 else "evening" if hour < 21 else "bedtime"


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9.']+", text.lower().replace("\u2019", "'"))) + " "


def _has(words: str, phrases) -> bool:
    return any(f" {p} " in words for p in phrases)


def is_unsure(text: Optional[str]) -> bool:
    """'I don't know', 'not sure', 'idk': an answer that is no answer."""
    return bool(text and _has(_words(text), _UNSURE))


def normalise_yes_no(text: Optional[str]) -> Optional[bool]:
    """True for yes-like answers or a sleep problem, False for no-like ones, None if unsure or unclear."""
    if not text:
        return None
    words = _words(text)
    symptoms = [p for p, ident in patterns.phrase_ids("SYMPTOM").items() if ident == "insomnia"]
    if _has(words, _SLEEPS_WELL) and not _has(words, _SLEEP_PROBLEM):
        return False
    if _has(words, _SLEEP_PROBLEM) or (not _has(words, _NO) and _has(words, symptoms)):
        return True
    if _has(words, _UNSURE):
        return None
    no = _has(words, _NO) or " don't " in words or " do not " in words
    yes = _has(words, _YES)
    return yes if yes != no else None
