"""Questions the article leaves to the prescriber however they are worded: a child, a named medicine taken
with LDN or replaced by it. Returns the NOT_COVERED id (bot/nlu/entity_patterns.yml) the reply names."""

import re
from typing import Iterable, Optional

CHILDREN, OTHER_MEDICINES = "children", "other medicines"
ADULT_AGE = 18
_AGE = re.compile(
    r"\b(\d{1,2})\s*(?:-|\s)?\s*(?:years?|yrs?|yo|y/o|y\.o\.)(?:\s*-?\s*old)?\b|"
    r"\b(?:she|he|they)(?:'s| is| are|s)\s+(\d{1,2})\b|\bage(?:d)?\s+(\d{1,2})\b|\((\d{1,2})\)|"
    r"\b(?:is|was|turned)\s+(\d{1,2})\b(?!\s*(?:mg|milligrams|months?|weeks?|days?|lbs?|pounds|kg|%|am|pm))",
    re.IGNORECASE,
)
_YOUNG = re.compile(
    r"\b(?:my|our|her|his|their|a)\s+(?:\d{1,2}\s*(?:-|\s)?\s*(?:year|yr)s?\s*(?:-|\s)?\s*old\s+)?"
    r"(?:son|daughter|kid|kiddo|child|boy|girl|baby|toddler|infant|teen|teenager|grandson|"
    r"granddaughter|grandchild|grandkid|newborn)s?\b|\bkids?\b|\bteens?\b|\bteenagers?\b|\bteenage\b|"
    r"\bchildren\b|\bpediatric\b|\bpaediatric\b|\bminors?\b",
    re.IGNORECASE,
)
_AGE_WORDS = re.compile(r"\b(?:year|yr)s?\s*-?\s*old\b|\b\d{1,2}\s*(?:yo|y/o|y\.o\.)(?!\w)", re.IGNORECASE)
# Taking LDN with another medicine, or instead of it.
TOGETHER = re.compile(
    r"\b(?:together|alongside|along with|combine|combined|combination|combo|mix|mixing|interact|interacts|"
    r"interaction|interactions|on top of|add(?:ed)? (?:to|on)|at the same time|same time as|with my|with his|"
    r"with her|while on|while taking|while i'?m on|ldn with|with ldn|with it|ldn \+|\+ ldn|swap|switch|"
    r"replace|replacing|instead of|instead|take the place|in place of|get off|come off|stop my|quit my|"
    r"ditch|clash|clashes|conflict|conflicts|react|reacts|adding|(?:ok|okay|fine|safe|alright) (?:with|alongside)|"
    r"(?:problems?|issues?|risks?) with|any (?:problems?|issues?))\b",
    re.IGNORECASE,
)
# Endings of medicine names (generic names share them: sertraline, gabapentin, metformin, lisinopril).
_DRUG_ENDING = re.compile(
    r"^[a-z]{3,}(?:pam|lam|pine|pril|sartan|olol|statin|azole|mab|nib|xetine|faxine|triptan|cillin|cycline|"
    r"floxacin|mycin|profen|azepam|barbital|formin|lukast|tidine|semide|thiazide|olone|terol|afil|pentin|"
    r"gabalin|traline|alopram|oxetine|zodone|apine|idone|ipramine|triptyline|tyline|amine|phetamine|"
    r"azine|amide|oxacin)$"
)


def _ages(text: str) -> list:
    return [int(n) for m in _AGE.finditer(text) for n in m.groups() if n]


def is_about_a_child(text: str) -> bool:
    """A child or teenager would take it: a young person named, or an age under 18."""
    ages = _ages(text)
    if any(age < ADULT_AGE for age in ages if age > 0):
        # "12 years old" and "12 yo" are ages; "for 3 years" alone is a duration, hence a young person named.
        return bool(_YOUNG.search(text)) or bool(_AGE_WORDS.search(text))
    return bool(_YOUNG.search(text)) and not any(age >= ADULT_AGE for age in ages)


def generic_medicines(text: str) -> list:
    """Words with a generic medicine's ending (sertraline, metformin): named medicines that are not opioids."""
    return [w for w in re.findall(r"[a-z]+", text.lower()) if _DRUG_ENDING.match(w)]


def medicine_words(text: str, foreign: Iterable[str]) -> list:
    """Foreign words that name a medicine: with a drug's ending (sertraline), or written as a name (Lyrica)."""
    named = {m.group(0).lower() for m in re.finditer(r"\b[A-Z][a-z]{3,}\b", text)}
    return [w for w in foreign if _DRUG_ENDING.match(w) or w in named]


def honest_limit(text: str, foreign: Iterable[str], medicines: Iterable[str] = ()) -> Optional[str]:
    """The NOT_COVERED id of a question only the prescriber can answer, or None.

    `foreign`: the message's words outside the article and everyday English (the domain gate's);
    `medicines`: medicine names known otherwise (the near topics' antidepressants, for example).
    """
    if is_about_a_child(text):
        return CHILDREN
    named = list(medicines) + medicine_words(text, foreign)
    if named and TOGETHER.search(text):
        return OTHER_MEDICINES
    return None
