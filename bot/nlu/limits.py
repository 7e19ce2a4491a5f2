"""Questions the article leaves to the prescriber however they are worded: a child, a named medicine taken
with LDN or replaced by it, taking it for years, where to get it. Returns the NOT_COVERED id (bot/nlu/entity_patterns.yml) the reply names."""

import re
from typing import Iterable, List, Optional

from bot.nlu import language

CHILDREN, OTHER_MEDICINES, LONG_TERM_USE, WHERE_TO_GET = (
    "children",
    "other medicines",
    "long-term use",
    "where to get LDN",
)
# Subjects the article leaves out that are practical matters (the ruler's NOT_COVERED ids): told around a question
# they change no answer ("Insurance denied my MRI... how is LDN supposed to work?"), and asked, no safety rail
# is due ("Can I order LDN online without a prescription?"). Pregnancy, children, other medicines and the like
# are not: told, they still change what may be answered.
PRACTICAL_SUBJECTS = ("cost and insurance", "where to get LDN", "FDA approval", "how LDN is made")
ADULT_AGE = 18
# The configured language's patterns (bot/nlu/lang/<language>.yml says what each finds).
_LANGUAGE = language.load()
_AGE = _LANGUAGE.pattern("age")
_YOUNG = _LANGUAGE.pattern("young")
_AGE_WORDS = _LANGUAGE.pattern("age_words")
_CHILDHOOD = _LANGUAGE.pattern("childhood")
# How long something has lasted ("since 1 year", "fibromyalgia 11 years."): no age.
_DURATION = _LANGUAGE.pattern("duration")
_NUMBER_WORDS = _LANGUAGE.pairs("number_words")
# What a dose question is about (the language's): LDN said as "it" where it is taken, a medicine named by its use,
# a measure of the body, and the words of an amount of medicine.
_LDN_TAKEN_AS_IT, _MEDICINE_BY_USE = _LANGUAGE.pattern("ldn_taken_as_it"), _LANGUAGE.pattern("medicine_named_by_use")
_BODY_MEASURE, _PILL_ALONE = _LANGUAGE.pattern("body_measure"), _LANGUAGE.words("pill_alone")
_NAMED_BY_FORM = _LANGUAGE.pattern("named_by_form")
_AMOUNT_WORDS = _LANGUAGE.words("amount") - {"much", "many"}
# A word where an age is said ("he's eight", "a ten year old"), an age if it is a number word.
_AGE_IN_WORDS = _LANGUAGE.pattern("age_in_words")


def _ages_in_digits(text: str) -> str:
    """Ages said in words written in digits: "he's eight" -> "he's 8"."""

    def digits(match: "re.Match[str]") -> str:
        word = match.group("after") or match.group("before")
        return (match.group("said") or "") + _NUMBER_WORDS.get(word.lower(), word)

    return _AGE_IN_WORDS.sub(digits, text)


# Words that make a young person named the one who would take LDN, and how near they must be (in words).
_CHILD_TAKING = _LANGUAGE.words("child_taking")
_CHILD_ILL, _CHILD_TAKING_AFTER = _LANGUAGE.words("child_ill"), _LANGUAGE.words("child_taking_after")
_CHILD_WINDOW = 6
# Family words young only beside a sign of youth; the signs.
_RELATIVES = _LANGUAGE.words("relatives")
# Words that make an age told a question of the young person taking LDN: taking, being ill, LDN itself.
_OF_TAKING = _CHILD_TAKING | _CHILD_ILL | _LANGUAGE.words("anchors")
_ANOTHER_PERSON, _QUESTION_STARTS = _LANGUAGE.words("another_person"), _LANGUAGE.words("question_starts")
# An aside in brackets.
_ASIDE = re.compile(r"\([^()]*\)")
_YOUTH_CUES = _LANGUAGE.words("youth_cues")
_IN_LAW = re.compile(r"^(?:-|\s+)in(?:-|\s+)laws?\b")
_WORKPLACE_BEFORE = _LANGUAGE.pattern("workplace_before")
_TRAVEL_BEFORE = _LANGUAGE.pattern("travel_before")
_CARING_BEFORE = _LANGUAGE.pattern("caring_before")
_LIVING_NEAR_BEFORE = _LANGUAGE.pattern("living_near_before")
_KNOWN_THROUGH = _LANGUAGE.pattern("known_through")
_LDN_NAMES = _LANGUAGE.words("anchor_phrases")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+|\s+[\u2014\u2013-]\s+|\.{3}")
_WORD = re.compile(r"[a-z0-9']+")
# Taking LDN with another medicine, or instead of it.
TOGETHER = _LANGUAGE.pattern("together")
DENIED_ASK = _LANGUAGE.pattern("denied_ask")
REPLACING = _LANGUAGE.pattern("replacing")
# Taking LDN for a long time, asked about.
LONG_USE = _LANGUAGE.pattern("long_use")
# Where to get it, asked.
WHERE = _LANGUAGE.pattern("where_to_get")
# Endings of medicine names (generic names share them: sertraline, gabapentin, metformin, lisinopril).
_DRUG_ENDING = _LANGUAGE.pattern("drug_ending")
# A word that names another medicine: a generic medicine's ending, or one on the language's list of non-opioids.
ANOTHER_MEDICINE = (
    rf"(?:{_DRUG_ENDING.pattern.lstrip('^').rstrip('$')}\b|"
    + "|".join(re.escape(name) for name in sorted(_LANGUAGE.words("not_opioids"), key=len, reverse=True))
    + r")(?!\w)"
)
# "Low dose" before another medicine names that medicine, not LDN: "low-dose ketamine infusions" (round 68, once its
# "MOA" was read as shorthand), "low dose aspirin".
LOW_DOSE_OF_ANOTHER = re.compile(rf"\blow[\s-]dose[\s-]+{ANOTHER_MEDICINE}", re.IGNORECASE)
_LETTERS = _LANGUAGE.pattern("letters")
_NAME = _LANGUAGE.pattern("name")
# A medicine's name written with a Romance ending ("warfarina"), from this many letters: the name without it.
_ROMANCE_ENDINGS, MIN_ROMANCE_CHARS, MIN_ROMANCE_E_CHARS = ("a", "o"), 6, 9
# Words for who someone is, before their name ("my friend Edna"): a name after one is a person's, not a medicine's.
_PERSON_WORDS = _LANGUAGE.words("person_words") | _RELATIVES
# Everyday words given capitals inside sentences, from this many: capitals name nothing ("the Immune System").
FREE_CAPITALS = 2
# What stands before a capital that opens a sentence (the start of the text is one too).
_OPENS_AFTER = ("", ".", "!", "?", ":", ";", "\n", '"', "'")


def _ages(text: str) -> list:
    return [int(n) for m in _AGE.finditer(text) for n in m.groups() if n]


def is_about_a_child(text: str) -> bool:
    """A child or teenager would take it: a young person named, or an age under 18."""
    # (not childhood as a time long past: "my sister's had colitis since she was a girl")
    text = _DURATION.sub(" ", _CHILDHOOD.sub(" ", _ages_in_digits(text)))
    ages = _ages(text)
    if any(age < ADULT_AGE for age in ages if age > 0):
        # "12 years old", "12 yo" and "she's 16" are ages; "for 3 years" alone is a duration, hence a young
        # person named, or a brother, sister or cousin ("my lil brother is 12").
        named = set(_WORD.findall(text.lower()))
        young = bool(_YOUNG.search(text) or _AGE_WORDS.search(text) or named & _RELATIVES)
        return young and not _age_told_aside(text)
    return _young_one_taking_it(text) and not any(age >= ADULT_AGE for age in ages)


def _age_told_aside(text: str) -> bool:
    """Every age under 18 is told in brackets, an aside of the writer's day with no word of taking, illness or LDN, and
    no question names a young person, a relative or someone pointed at: "(Sorry, my 4 yr old is asking for a snack for
    the 5th time in ten minutes.) Anyway is that true, the endorphin thing?" (round 146). Not "My son is 12 and has
    Crohn's", "Can my daughter take it? (she's 12)", nor an age told outside brackets ("My 8 year old. Whats the dose?",
    a review's find)."""
    asides = [m.span() for m in _ASIDE.finditer(text)]
    young = [m for m in _AGE.finditer(text) if any(0 < int(n) < ADULT_AGE for n in m.groups() if n)]
    if not young or not all(any(a <= m.start() < b for a, b in asides) for m in young):
        return False
    if any(set(_WORD.findall(_named_as_one_word(text[a:b].lower()))) & _OF_TAKING for a, b in asides):
        return False
    for sentence in _SENTENCE.split(_ASIDE.sub(" ", text)):
        words = _WORD.findall(sentence.lower())
        asking = sentence.rstrip(" )").endswith("?") or words[:1] and words[0] in _QUESTION_STARTS
        if asking and (set(words) & (_RELATIVES | _ANOTHER_PERSON) or _YOUNG.search(sentence)):
            return False
    return True


def names_a_young_person(text: str) -> bool:
    """A son, a daughter, a child or a teenager named (whoever would take it)."""
    return bool(_YOUNG.search(_CHILDHOOD.sub(" ", text)))


def _named_as_one_word(text: str) -> str:
    """LDN's names of several words as one ("low dose" -> "ldn"): the "dose" of its name is no dose given."""
    for phrase in _LDN_NAMES:
        text = text.replace(phrase, "ldn")
    return text


def _young_one_taking_it(text: str) -> bool:
    """A young person named near a word of taking, treating or being ill, in the same sentence ("could my teenage
    son use it", "my son has colitis", "ldn for kids?"); not one who is only part of the writer's day ("the kids
    bring home every bug going", "before school pickup", "my kid's daycare")."""
    for sentence in _SENTENCE.split(text):
        sentence = _named_as_one_word(sentence.lower())
        words = [w.strip("'") for w in _WORD.findall(sentence)]
        for match in _YOUNG.finditer(sentence):
            if _grown_relative(match, sentence, text) or _WORKPLACE_BEFORE.search(sentence[: match.start()]):
                continue
            if _KNOWN_THROUGH.search(sentence[match.end() :]):
                continue  # "my oldest's teacher has crohns": the teacher is the one ill
            # (children minded or lived near, many: not "I have my son here, he's 9")
            told_before = sentence[: match.start()]
            if match.group(0).lower().endswith(("kids", "children")) and (
                _CARING_BEFORE.search(told_before) or _LIVING_NEAR_BEFORE.search(told_before)
            ):
                continue
            at = len(_WORD.findall(sentence[: match.start()].lower()))
            after = at + len(_WORD.findall(match.group(0).lower()))
            # (one's own young person, not "kids" at home: only of them do being ill and the like count)
            own = not match.group(0).lower().startswith("kid")
            first = max(0, at - _CHILD_WINDOW)
            # ("on" before them only of LDN: "anything on LDN in adolescents?", not "patches on my hands and the kids")
            before = [
                w
                for i, w in enumerate(words[first:at], first)
                if w not in _CHILD_TAKING_AFTER or words[i + 1 : i + 2] == ["ldn"]
            ]
            near = before + words[at : after + _CHILD_WINDOW]
            # (or LDN named right after it: "pediatric ldn a thing??", round 88)
            if (
                any(w in _CHILD_TAKING and (own or w not in _CHILD_ILL) for w in near)
                or (at and words[at - 1] == "for")
                or words[after : after + 1] == ["ldn"]
            ):
                return True
    return False


def _grown_relative(match: "re.Match[str]", sentence: str, text: str) -> bool:
    """A family word with no sign of youth in the message ("my son has Crohn's"), or a relative by marriage."""
    last = _WORD.findall(match.group(0).lower())[-1:]
    if not last or last[0] not in _RELATIVES:
        return False
    if _IN_LAW.match(sentence[match.end() :]):
        return True
    return not set(_WORD.findall(_named_as_one_word(text.lower()))) & _YOUTH_CUES


def generic_medicines(text: str) -> list:
    """Words with a generic medicine's ending (sertraline, metformin): named medicines that are not opioids. (As Spanish
    and Portuguese write them too, by the English name: "la gabapentina", "prednisona", round 117.)"""
    found = []
    for word in _LETTERS.findall(text.lower()):
        forms = [word]
        if word[-1:] in _ROMANCE_ENDINGS and len(word) > MIN_ROMANCE_CHARS:
            # (an "e" back only on a long word: "prednisona" is prednisone, "persona" no "persone")
            forms += [word[:-1]] + ([word[:-1] + "e"] if len(word) >= MIN_ROMANCE_E_CHARS else [])
        found += [form for form in forms if _DRUG_ENDING.match(form)][:1]
    return found


def medicine_words(text: str, foreign: Iterable[str]) -> list:
    """Foreign words that name a medicine: with a drug's ending (sertraline), or written as a name (Lyrica)."""
    # (not a capital that opens a sentence: "Firstly, what is it?", "Good morning.")
    # (nor a person's name, after the word for who they are: "my friend Edna", "my freind Gladys", round 102; nor a
    # place's, after a journey: "his holidays to Tenerife", round 132)
    capitals = [
        m
        for m in _NAME.finditer(text)
        if text[: m.start()].rstrip()[-1:] not in _OPENS_AFTER and not _TRAVEL_BEFORE.search(text[: m.start()])
    ]
    # (nor any capital of a writer who gives everyday words capitals: "Does it Suppress the Immune System the way the
    # Steroids did. I had Shingles last Winter", round 124)
    named = (
        set()
        if capitalises_freely(capitals)
        else {m.group(0).lower() for m in capitals if not _after_a_person_word(text[: m.start()])}
    )
    # Medicines and supplements known by name (melatonin, vyvanse, prednisone), whether or not foreign.
    known = known_medicines(text)
    return known + [w for w in foreign if (generic_medicines(w) or w in named) and w not in known]


def capitalises_freely(capitals: list) -> bool:
    """Among the capitals inside sentences (`capitals`: the matches), this many are everyday dictionary words: the
    writer gives words capitals as they please, so that a capital names nothing."""
    from bot.nlu.typos import in_dictionary

    return sum(in_dictionary(m.group(0).lower()) for m in capitals) >= FREE_CAPITALS


def _after_a_person_word(before: str) -> bool:
    """The word before a name says who the person is ("friend", "neighbour", "named", "Dr"), typos and all."""
    from bot.nlu.domain_gate import _edit_distance_at_most

    last = _WORD.findall(before.lower())[-1:]
    return bool(last) and any(
        last[0] == word or (len(word) > 4 and _edit_distance_at_most(last[0], word, 1)) for word in _PERSON_WORDS
    )


def known_medicines(text: str) -> list:
    """The medicines, supplements and products on the language's list of non-opioids that the text names."""
    # (an apostrophe inside a word only: "st john's wort", not the quote closing "...with your warfarin'")
    said = " " + " ".join(re.findall(r"[a-z0-9]+(?:'[a-z]+)*", text.lower())) + " "
    # (and as Spanish and Italian write them, an "a" or "o" on the end: "la warfarina", "gabapentina", round 103)
    said += " ".join(w[:-1] for w in said.split() if w[-1:] in _ROMANCE_ENDINGS and len(w) > MIN_ROMANCE_CHARS) + " "
    return [name for name in _LANGUAGE.words("not_opioids") if f" {name} " in said]


def named_medicines(text: str) -> List[str]:
    """The medicines the text names, by name or by a generic name's ending; "the pill" alone is none (where LDN is
    taken, it is LDN)."""
    return [name for name in known_medicines(text) + generic_medicines(text) if name not in _PILL_ALONE]


def names_another_taken(text: str) -> bool:
    """Another medicine, supplement or body measure is what the message asks about, not LDN: one named, or named by
    its use ("my blood pressure pills") or its form ("her Shingrix shot"), before any "it" taken ("zolpidem if you
    take it nightly"; not "can I take it with magnesium"), or a measure asked about with no word of an amount ("my
    blood pressure was 150/95, is that high?")."""
    lowered = text.lower()
    named = named_medicines(text)
    found = [lowered.find(name) for name in named if name in lowered]
    by_use = _MEDICINE_BY_USE.search(text)
    found += [by_use.start()] if by_use else []
    found += [m.start() for m in _NAMED_BY_FORM.finditer(text) if _names_by_form(m.group(1))]
    if found:
        pronoun = _LDN_TAKEN_AS_IT.search(text)
        if not pronoun or pronoun.start() > min(found):
            return True
    return bool(_BODY_MEASURE.search(text)) and not set(_WORD.findall(lowered)) & _AMOUNT_WORDS


def _names_by_form(word: str) -> bool:
    """A word before a medicine's form ("shot", "pen") that is a name: no dictionary word, and not LDN's."""
    from bot.nlu.typos import in_dictionary

    return not in_dictionary(word.lower()) and word.lower() not in _LANGUAGE.words("anchors")


def honest_limit(text: str, foreign: Iterable[str], medicines: Iterable[str] = ()) -> Optional[str]:
    """The NOT_COVERED id of a question only the prescriber can answer, or None.

    `foreign`: the message's words outside the article and everyday English (the domain gate's);
    `medicines`: medicine names known otherwise (the near topics' antidepressants, for example).
    """
    if is_about_a_child(text):
        return CHILDREN
    # (words as texted or in a dialect, as written and as meant: "ok to take w tacrolimus?", "it gonna be alright wit
    # my blood pressure pill?")
    meant = _LANGUAGE.as_meant(text)
    named = list(medicines) + medicine_words(meant, foreign)
    # (or named by its form, a name before "shots" or "infusions": "I take the interferon shots for MS, Avonex. Is it
    # alright along with this", round 143)
    outside = {w.lower() for w in foreign}
    named += [
        m.group(1)
        for m in _NAMED_BY_FORM.finditer(meant)
        if _names_by_form(m.group(1)) or m.group(1).lower() in outside
    ]
    # (a question of taking both said not to be asked is not: "I'm not asking about combining them")
    text, meant = DENIED_ASK.sub("", text), DENIED_ASK.sub("", meant)
    if (named and (TOGETHER.search(text) or TOGETHER.search(meant))) or REPLACING.search(meant):
        return OTHER_MEDICINES
    text = meant
    if LONG_USE.search(text):
        return LONG_TERM_USE
    if WHERE.search(text):
        return WHERE_TO_GET
    return None
