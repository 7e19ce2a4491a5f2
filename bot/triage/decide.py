"""Turns the current findings of a message into one decision: which number comes first, or none."""

from dataclasses import dataclass
from functools import lru_cache
from typing import AbstractSet, FrozenSet, List, Optional, Sequence, Tuple

from bot.triage.rules import NOW, Hit, Rules

# The decisions, each answered by its own reply (bot/dialogue/safety_policy.py):
#   911           a medical emergency now (collapse, breathing, stroke, chest pain, overdose with drowsiness...)
#   988           thoughts of suicide or self-harm
#   988_swallowed a medicine or poison taken on purpose: 911 first, then 988, and Poison Help
#   poison        too much of a medicine, or the wrong thing, taken by accident by someone awake and well
#   withdrawal    opioid withdrawal brought on by LDN: 911 if severe, and the prescriber
LEVELS = ("911", "988", "988_swallowed", "poison", "withdrawal")
# Words that make a weak finding count on its own.
INTENSIFIERS = ("SUDDEN", "SEVERE")
# "A bit of bleeding. Well, quite a lot actually": a mild word taken back leaves the sign as it is.
TAKEN_BACK = "TAKEN_BACK"
# The learned part's "swallowed" needs one of these in the message: taking a dose early, late or
# with coffee sounds like a swallowing to it, but names no amount, no poison and no child.
SWALLOWED_EVIDENCE = {"TOO_MUCH", "SUBSTANCE", "OD_WORD", "CHILD"}
# After a swallowing, even a weak sign from these groups means the person is not "awake and well"
# (drowsiness included); words that only set the scene of a seizure ("on the floor") do not.
DANGER_GROUPS = ("breathing", "overdose", "collapse", "seizure")
# ... except a weak one told before the swallowing by someone who says they feel well now: its cause, not its effect
# ("so tired this week with the new baby ... it turns out I took three capsules instead of one ... I feel completely
# normal right now", triage rounds 55 and 57).
WELL_NOW = "WELL_NOW"
SCENE_ONLY = ("seizure_context", "name_word")
# A message framed as fiction, study or TV ("writing a novel where...", "my essay is on...") describes
# signs that are nobody's now, in every sentence of it, unless it also says something is happening now.
FRAME = "FRAME"  # (NOW, "happening now", is the rules': bot/triage/rules.py)
# A reason that makes a swallowing one on purpose: PURPOSE is one on its own ("took them on purpose");
# ESCAPE only beside too much taken ("swallowed 30 to make the pain go away permanently"), since "took my
# LDN to make the pain go away for good" is a hope for the medicine.
# A farewell beside a swallowing ("i've taken them. all of them. just wanted to say thanks") makes it one on purpose,
# unless the swallowing is said to be an accident ("took it twice by mistake, thanks for the help").
ON_PURPOSE = {"PURPOSE", "ESCAPE", "FAREWELL"}


def _on_purpose(classes: AbstractSet[str]) -> bool:
    return bool(classes & ON_PURPOSE - ({"FAREWELL"} if "ACCIDENT" in classes else set()))


# The learned part alone (no weak sign of the rules beside it) reads only a message mostly in English: on one in
# another language its guess is noise ("Sige po. And kelan po dapat inumin?", Tagalog for "when should she
# take it", scored 0.97 for 911). Such a message's emergency words are read by the lexicon's glossaries instead.
READABLE_SHARE = 0.5
# ... and a message of a few words with no sign the rules see is no emergency it can tell: "and UC?" after the answer
# on Crohn's (understanding round 49) scored 0.95 for 911 in one training.
MIN_LEARNED_WORDS = 3
# The learned part's class that agrees with a rule finding's level.
LEARNED_LABEL = {"911": "911", "withdrawal": "911", "988": "988", "swallowed": "swallowed"}


@dataclass(frozen=True)
class Decision:
    level: Optional[str]
    # The findings that led to it (ids only: never the patient's words), for tests and the benchmark.
    reasons: Tuple[str, ...] = ()

    @property
    def emergency(self) -> bool:
        return self.level is not None


@lru_cache(maxsize=2)
def rules(language: str = "en") -> Rules:
    return Rules(language)


def _counts(hit: Hit, current: List[Hit], classes: AbstractSet[str]) -> bool:
    """Whether one current finding is enough, on its own or with the rest of the message.

    Strong findings count alone. A weak one counts with its own extra evidence (`needs_any` or
    `needs_all` words), with another finding of its group at another place, or, if it may stand
    alone, with a word of suddenness or severity.
    """
    finding = hit.finding
    if finding.needs_all or finding.needs_any:
        return all(c in classes for c in finding.needs_all) and (
            not finding.needs_any or any(c in classes for c in finding.needs_any)
        )
    # A hedge does not weaken a wish to die ("kinda wish a truck would hit me"): only signs of the body are mild.
    if finding.strong and ("MILD" not in hit.modifiers or finding.group == "suicide" or TAKEN_BACK in classes):
        return True
    # A supporting finding (alone: false, e.g. "after my dose") needs another kind of finding of its
    # group; any other weak one may be backed by a second place ("a plan" ... "saved up the pills").
    for other in current:
        if other.finding.group != finding.group or (other.start, other.end) == (hit.start, hit.end):
            continue
        if other.finding.id != finding.id or (finding.alone and (other.end <= hit.start or other.start >= hit.end)):
            return True
    return finding.alone and any(c in classes for c in INTENSIFIERS)


@lru_cache(maxsize=2048)
def _analysed(text: str, language: str) -> Tuple[Tuple[Hit, ...], FrozenSet[str], float]:
    """The rules' reading of a text (and its readable share), kept: the safety policy reads the last message
    again, beside the one before it, on the next turn (bot/dialogue/safety_policy.py)."""
    hits, classes, readable = rules(language).read(text)
    return tuple(hits), frozenset(classes), readable


def assess(text: str, language: str = "en", learned_part: bool = True) -> Decision:
    """The triage decision for one message: the rules', or, where they decide nothing, the learned part's."""
    hits, classes, readable = _analysed(text or "", language)
    current = _current(hits, classes)
    decision = _from_rules(current, classes)
    if decision.emergency or not learned_part or not (text or "").strip():
        return decision
    from bot.triage import learned

    # For each level: current signs too weak to count alone let the learned part decide at a lower bar;
    # signs the rules ruled out (negated, past, a question, fiction) keep it silent for that level only
    # ("no chest pain" says nothing of "I wish I could sleep and not come back").
    support = {LEARNED_LABEL[h.finding.level] for h in current}
    ruled_out = {LEARNED_LABEL[h.finding.level] for h in hits if h not in current} - support
    bars = {
        label: learned.SUPPORTED_THRESHOLD if label in support else learned.THRESHOLD
        for label in set(LEARNED_LABEL.values()) - ruled_out
    }
    if not support and (readable < READABLE_SHARE or len(text.split()) < MIN_LEARNED_WORDS):
        return decision
    label = learned.predict(text, language, bars)
    if label is None or (label == "swallowed" and not classes & SWALLOWED_EVIDENCE):
        return decision
    if label == "swallowed":
        return Decision("988_swallowed" if _on_purpose(classes) else "poison", ("learned",))
    return Decision(label, ("learned",))


def warm(language: str = "en") -> None:
    """Loads the rules and the learned model now, so no patient's message waits for them."""
    from bot.triage import learned

    rules(language)
    learned.scorer(language)


# A finding that needs a death told beside it ("ready to be with him now" after "since grandad died") is not made
# someone else's past by the cue of that same death (triage round 46).
BEREAVED = "BEREAVED"
# Self-harm (the finding's id): a cut said to be healed or "fine" is still the act (triage round 52).
SELF_HARM = "self_harm"


def _is_current(hit: Hit, classes: AbstractSet[str]) -> bool:
    """ConText's verdict, except that thoughts of suicide asked about and reported at once still count, and a wish to
    join someone who died is not made past by the death it needs."""
    if hit.current:
        return True
    if BEREAVED in hit.finding.needs_any and set(hit.modifiers) == {"HISTORICAL_OTHER"}:
        return True
    if hit.finding.id == SELF_HARM and set(hit.modifiers) == {"RESOLVED"}:
        # Fresh self-harm said to be "fine" is still self-harm ("she's fine and told me not to tell anyone").
        return True
    return (
        hit.finding.group == "suicide"
        and "SELF_REPORT" in classes
        and set(hit.modifiers) <= {"QUESTION", "HYPOTHETICAL"}
    )


def _current(hits: Sequence[Hit], classes: AbstractSet[str]) -> List[Hit]:
    framed = FRAME in classes and NOW not in classes  # thoughts of suicide are never framed away
    return [h for h in hits if _is_current(h, classes) and not (framed and h.finding.group != "suicide")]


def _from_rules(current: List[Hit], classes: AbstractSet[str]) -> Decision:
    """The rules' decision from the message's current findings (`_current`)."""
    counted = [h for h in current if _counts(h, current, classes)]
    levels = {h.finding.level for h in counted}
    reasons = tuple(sorted({h.finding.id for h in counted}))
    if "swallowed" in levels:
        # Any current sign of suicide beside a swallowing, even one too weak alone ("took all my pills, im
        # sorry, just wanted to tell someone"), makes it a swallowing on purpose: 988, and 911 or Poison Help.
        if "988" in levels or _on_purpose(classes) or any(h.finding.group == "suicide" for h in current):
            return Decision("988_swallowed", reasons)
        # Poison Help is for someone awake and well; any sign of an emergency (drowsy, slow breathing,
        # a seizure, chest pain, withdrawal...) makes it 911.
        swallowed_at = min(h.start for h in counted if h.finding.level == "swallowed")
        unwell = (
            "911" in levels
            or "withdrawal" in levels
            or any(
                h.finding.group in DANGER_GROUPS
                and h.finding.id not in SCENE_ONLY
                and not (WELL_NOW in classes and not h.finding.strong and h.end <= swallowed_at)
                for h in current
            )
        )
        return Decision("911" if unwell else "poison", reasons)
    if "988" in levels:
        return Decision("988", reasons)
    if "withdrawal" in levels:
        return Decision("withdrawal", reasons)
    if "911" in levels:
        return Decision("911", reasons)
    return Decision(None, reasons)
