"""Normalises a patient's free-text answer about when they take LDN, and yes/no answers."""
import re
from typing import Optional

from bot.nlu import patterns

_YES = {"yes", "yeah", "yep", "yup", "ya", "y", "sure", "definitely", "sometimes", "often",
        "true", "correct", "absolutely", "kinda", "somewhat", "a little", "a bit"}
_NO = {"no", "nope", "nah", "n", "not really", "never", "none", "false", "not at all"}


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9.']+", text.lower())) + " "


def normalise_time(text: Optional[str]) -> Optional[str]:
    """'right before bed' -> 'bedtime'; None if the text names no time of day or several."""
    if not text:
        return None
    words = _words(text)
    found = {ident for phrase, ident in patterns.phrase_ids("TIME_OF_DAY").items()
             if f" {phrase} " in words}
    # "8 am" / "9pm" style answers
    for hour, half in re.findall(r"\b(\d{1,2})(?::\d\d)?\s*([ap])\.?m\b", text.lower()):
        h = int(hour) % 12 + (12 if half == "p" else 0)
        found.add("morning" if 4 <= h < 12 else "afternoon" if h < 17 else
                  "evening" if h < 21 else "bedtime")
    return found.pop() if len(found) == 1 else None


def normalise_yes_no(text: Optional[str]) -> Optional[bool]:
    """True for yes-like answers or a named sleep symptom, False for no-like ones, else None."""
    if not text:
        return None
    words = _words(text)
    no = any(f" {w} " in words for w in _NO) or " don't " in words or " do not " in words
    yes = any(f" {w} " in words for w in _YES)
    if yes != no:
        return yes
    symptoms = [p for p, ident in patterns.phrase_ids("SYMPTOM").items() if ident == "insomnia"]
    if not no and any(f" {p} " in words for p in symptoms):
        return True
    return None
