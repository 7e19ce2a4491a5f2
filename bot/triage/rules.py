"""Finds the signs of an emergency in a message (concepts near each other) and keeps those that are current.

Each concept class is matched with a spaCy PhraseMatcher; a finding is its classes found within a
window of words, in any order. medspaCy's ConText then marks findings that are negated ("no chest
pain"), in the past ("in 2015", "as a kid"), a question about signs ("how would I know if..."), or a
what-if; only the others count.
"""

import re
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Set, Tuple

import spacy
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from bot.triage import context_scope
from bot.triage.lexicon import KNOWN_WORDS, Finding, Lexicon, Speller, as_said_once, common_words, load, normalise

# ConText categories that make a finding not current, and the groups each does not apply to:
# - a what-if does not cancel thoughts of suicide ("would anyone even notice if I was gone" is the sign);
# - "I feel fine now" does not cancel a swallowing (Poison Help is for people who feel fine) or a
#   head injury on a blood thinner (bleeding inside the head can start slowly).
# - a medicine taken "for years" is still taken: an opioid used for years is the risk of withdrawal.
# A category is looked up whole (HISTORICAL_DURATION), then by its first part (HISTORICAL).
NOT_CURRENT = {
    "NEGATED": set(),
    "HISTORICAL": set(),
    # ... and thoughts or preparing kept up for weeks ("been saving my pills for weeks") go on now.
    "HISTORICAL_DURATION": {"withdrawal", "suicide"},
    # A sign that comes by each day's end ("her eyelid droops by evening") is a daily course; not so for thoughts of
    # suicide, a withdrawal, or a swallowing.
    "RECURRING": {"withdrawal", "suicide", "swallowed"},
    "QUESTION": set(),
    "HYPOTHETICAL": {"suicide"},
    "RESOLVED": {"swallowed", "head"},
    # The last days ("last week", "on monday") are still the time of a suicide plan or its preparing.
    "HISTORICAL_RECENT": {"suicide"},
    "TREATED": set(),
    # A sign a doctor has explained since, told after it (rules.py `_ended_by`: a recovery's reach).
    "RESOLVED_EXPLAINED": set(),
}
# Categories that leave a finding current: "a little short of breath" still is, but as a sign that needs
# another of its group to count (bot/triage/decide.py).
STILL_CURRENT = {"MILD"}
SPAN_GROUP = "triage"
# The day's own times ("this morning", "today", "tonight") and "but" end every cue's reach except that of a
# recovery told after the sign: "in 2019 I fainted; this morning my face drooped" is now, and "fainted this
# morning, came round within seconds" or "fainted but came round at once" is over. A recovery cue that also
# looks forward stays bounded: "I'm fine, but today my wife can't breathe" is not over.
DAY_TIME, CONTRAST, RECOVERED = "DAY_TIME", "CONTRAST", "RESOLVED"
# A sign's own "won't" or "can't", which ends a denial's reach ("no fever and can't breathe"), and the denial.
OWN_DENIAL, NEGATED = "OWN_DENIAL", "NEGATED"
# Words of suddenness or severity count only when not denied just before ("it isn't sudden or severe").
INTENSIFIERS = ("SUDDEN", "SEVERE")
# Words of degree or intent that a denial just before them takes away (they are not findings of their own).
DENIABLE = INTENSIFIERS + ("PURPOSE", "ESCAPE")
DENIALS = {"not", "nt", "isnt", "wasnt", "no", "never", "neither", "nor", "nowhere"}
# A sign told as happening now, right after it ("he's having a stroke right now"), within this many words.
NOW, NOW_GAP = "HAPPENING_NOW", 3
# A taking denied by the word right before it is none ("I did it three times tonight. I haven't taken anything", triage
# round 79, read as an amount taken); further back the denial is of something else ("didn't mean to take that many").
DENIED_RIGHT_BEFORE = ("TOOK",)
# A token that ends a sentence for ConText's scope (patients rarely punctuate; these help).
SENTENCE_ENDS = {".", "!", "?", ";"}  # (a line break is a full stop by now: lexicon.normalise)
# A sign that opens with a denial of its own ("no pulse"), a few words after another denial, is a double negative.
SIGN_DENIALS, DOUBLED_GAP = {"no", "none"}, 2
# A denial reaches along a list joined by "or", a few words on: "isn't choking or having any trouble breathing"
# (triage round 74); not past a contrast ("not choking, but can't breathe").
OR_JOINS = {"or", "nor"}
OR_LIST_GAP = 4
CONTRASTS = {"but", "yet", "though", "although", "except", "now", "however"}


def _ended_by(rule: dict) -> set:
    """The pseudo-cue categories that end this ConText rule's reach (DAY_TIME, CONTRAST above)."""
    # (a recovery or a denial told after the sign reaches back over "but": "fainted but came round", "put one in his
    # mouth but I hooked it out", "had chest pain but not anymore")
    told_after = rule["category"].startswith((RECOVERED, NEGATED)) and rule["direction"].lower() == "backward"
    if told_after:
        return set()
    return {DAY_TIME, CONTRAST, OWN_DENIAL} if rule["category"] == NEGATED else {DAY_TIME, CONTRAST}


@dataclass(frozen=True)
class Hit:
    """One finding in a message, and whether it is current (the ConText categories that modify it)."""

    finding: Finding
    start: int
    end: int
    modifiers: Tuple[str, ...]

    @property
    def current(self) -> bool:
        return not any(
            self.finding.group
            not in NOT_CURRENT.get(category, NOT_CURRENT.get(category.split("_")[0], {self.finding.group}))
            for category in self.modifiers
            if category not in STILL_CURRENT
        )


class Rules:
    """The rule part of triage for one language."""

    def __init__(self, language: str = "en"):
        from medspacy.context import ConText, ConTextRule

        context_scope.apply()

        self.lexicon: Lexicon = load(language)
        # Each rewrite as a compiled pattern, applied in the lexicon's order (a later one may read an earlier one's).
        self.rewrites = [(re.compile(rf"\b{re.escape(old)}\b"), new) for old, new in self.lexicon.rewrites]
        self.nlp = spacy.blank(language)
        self.speller = Speller(self.lexicon, common_words(), common_words(KNOWN_WORDS))
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for name, terms in self.lexicon.concepts.items():
            self.matcher.add(name, list(self.nlp.tokenizer.pipe(terms)))  # type: ignore[union-attr]  # a Tokenizer
        self.token_matcher = Matcher(self.nlp.vocab)
        self.figurative_tokens = Matcher(self.nlp.vocab)
        for name, patterns in self.lexicon.tokens.items():
            (self.figurative_tokens if name == "FIGURATIVE" else self.token_matcher).add(name, patterns)
        self.figurative = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.figurative.add("FIGURATIVE", list(self.nlp.tokenizer.pipe(self.lexicon.figurative)))  # type: ignore[union-attr]
        # Overlapping cues are all kept: "NO thoughts of harming myself" must still negate through "no"
        # when the longer cue "no thoughts of" overlaps the finding.
        self.context = ConText(
            self.nlp,
            rules=None,
            input_span_type="group",
            span_group_name=SPAN_GROUP,
            span_attrs=None,
            prune_on_modifier_overlap=False,
        )
        self.context.add(
            [
                ConTextRule(
                    literal=r["literal"],
                    category=r["category"],
                    direction=r["direction"].upper(),
                    pattern=r.get("pattern"),
                    max_scope=r.get("max_scope"),
                    terminated_by=_ended_by(r),
                    on_modifies=_on_modifies(r),
                )
                for r in self.lexicon.context
            ]
        )

    def doc(self, text: str) -> Doc:
        """The message as tokens: normalised, typos corrected, figures of speech blanked out."""
        text = as_said_once(normalise(text))
        for pattern, new in self.rewrites:
            text = pattern.sub(new, text)
        words = [self.speller.correct(t.text) for t in self.nlp.tokenizer(text)]
        if words and words[-1] not in SENTENCE_ENDS:
            # A message ends a sentence, stop or not: "I swallowed my whole bottle ... I'm sorry" ends in the apology.
            words.append(".")
        doc = Doc(self.nlp.vocab, words=words)
        for _, start, end in list(self.figurative(doc)) + list(self.figurative_tokens(doc)):
            for token in doc[start:end]:
                words[token.i] = "_"
        doc = Doc(
            self.nlp.vocab,
            words=words,
            sent_starts=[i == 0 or words[i - 1] in SENTENCE_ENDS for i in range(len(words))],
        )
        return doc

    def readable_share(self, text: str) -> float:
        """The share of the message's words that are English or the lexicon's, after typos are corrected (1.0 for
        a message without words): how much of it a model learned from English messages can read."""
        return self._readable(self.doc(text))

    def _readable(self, doc: Doc) -> float:
        words = [t.text for t in doc if t.text.isalpha() and len(t.text) >= 2]
        if not words:
            return 1.0
        known = self.speller.common
        return sum(w in known or w in self.lexicon.vocabulary for w in words) / len(words)

    def analyse(self, text: str) -> Tuple[List[Hit], Set[str]]:
        """The findings in a message, and every concept class present in it."""
        hits, classes, _ = self.read(text)
        return hits, classes

    def read(self, text: str) -> Tuple[List[Hit], Set[str], float]:
        """`analyse`, and the message's readable share (`readable_share`), from the one reading of its words."""
        doc = self.doc(text)
        readable = self._readable(doc)
        spans: Dict[str, List[Tuple[int, int]]] = {}
        for match_id, start, end in list(self.matcher(doc)) + list(self.token_matcher(doc)):
            name = self.nlp.vocab.strings[match_id]
            if name in DENIABLE and _denied_before(doc, start):
                continue  # "it isn't sudden or severe", "not on purpose, she just wanted the pain gone"
            if name in DENIED_RIGHT_BEFORE and start and doc[start - 1].text in DENIALS:
                continue
            spans.setdefault(name, []).append((start, end))
        found = [(f, parts) for f in self.lexicon.findings for parts in _together(f, spans)]
        if not found:
            return [], set(spans), readable
        # ConText reads each part of a finding on its own ("he bumped his head but is NOT on blood
        # thinners"): a finding is not current when any of its parts is negated, past or a question.
        pieces = sorted({(f.group, s, e) for f, parts in found for s, e in parts})
        doc.spans[SPAN_GROUP] = [Span(doc, s, e, label=group.upper()) for group, s, e in pieces]
        self.context(doc)
        # A cue inside the finding itself ("better off WITHOUT me") is part of it, not a modifier:
        # medspaCy's overlap test misses a cue that lies wholly inside a longer target.
        # ... and a denial inside a sign of another finding is that sign's word: the first "not" of "she not move, not
        # talk" does not deny the second. (Within one finding it still does: "not coughing, breathing fine"; and other
        # cues keep their reach: the "if" of "if i took every one ... would that be enough".)
        together = [{(f.group, s, e) for s, e in parts} for f, parts in found]

        def of_another_sign(cue: Tuple[int, int], span: Span) -> bool:
            own = (span.label_.lower(), span.start, span.end)
            return any(
                _inside(cue, piece)
                and not any(
                    own in pieces and (piece.label_.lower(), piece.start, piece.end) in pieces for pieces in together
                )
                for piece in doc.spans[SPAN_GROUP]
            )

        modifiers = {
            (span.label_.lower(), span.start, span.end): {
                m.category
                for m in span._.modifiers
                if not _inside(m.modifier_span, span)
                and not (m.category == "NEGATED" and of_another_sign(m.modifier_span, span))
                and not (m.category == "NEGATED" and _doubled_denial(doc, m.modifier_span, span))
            }
            for span in doc.spans[SPAN_GROUP]
        }
        found_modifiers = [set().union(*(modifiers[(f.group, s, e)] for s, e in parts)) for f, parts in found]
        # A sign denied once in a sentence is denied there: in "he didn't hit his head when he tripped,
        # he's on Eliquis" the fall and the blood thinner form the same finding as the denied blow.
        for i, (f, parts) in enumerate(found):
            for j, (other, other_parts) in enumerate(found):
                if (
                    i != j
                    and other.id == f.id
                    and "NEGATED" in found_modifiers[j]
                    and set(parts) & set(other_parts)
                    and doc[parts[0][0]].sent.start == doc[other_parts[0][0]].sent.start
                ):
                    found_modifiers[i].add("NEGATED")
        for i, (_, parts) in enumerate(found):
            begin = min(s for s, _ in parts)
            if "NEGATED" not in found_modifiers[i] and any(
                "NEGATED" in found_modifiers[j] and _listed_after(doc, max(e for _, e in other_parts), begin)
                for j, (_, other_parts) in enumerate(found)
            ):
                found_modifiers[i].add("NEGATED")
        for i, (_, parts) in enumerate(found):
            end = max(e for _, e in parts)
            if found_modifiers[i] == {"QUESTION"} and any(0 <= s - end <= NOW_GAP for s, _ in spans.get(NOW, [])):
                # A sign said to happen now is no question about it: "what signs do I look for, he's having a stroke
                # right now" (found beside triage round 79); "...suicidal thoughts worse? ... I'm fine right now" is.
                found_modifiers[i] = set()
        hits = [
            Hit(f, min(s for s, _ in parts), max(e for _, e in parts), tuple(sorted(mods)))
            for (f, parts), mods in zip(found, found_modifiers, strict=True)
        ]
        return hits, set(spans), readable


def _listed_after(doc: Doc, end: int, begin: int) -> bool:
    """Whether the words from `end` to `begin` join two items of one list by "or" (see OR_JOINS)."""
    between = [t.text for t in doc[end:begin]]
    return (
        0 < len(between) <= OR_LIST_GAP
        and bool(OR_JOINS & set(between))
        and not (CONTRASTS | SENTENCE_ENDS) & set(between)
    )


def _on_modifies(rule: dict) -> Optional[Callable[[Span, Span, Span], bool]]:
    """The checks a cue's words alone cannot make: the words before it (`not_after`), and the words after it
    (`followed_by`, `not_followed_by`), kept out of the cue so that the cue does not cover the sign it modifies ("can
    i | take 2 capsules")."""
    checks = [_not_after(rule["not_after"])] if "not_after" in rule else []
    if "followed_by" in rule:
        checks.append(_followed_by(rule["followed_by"]))
    if "not_followed_by" in rule:
        checks.append(_not_followed_by(rule["not_followed_by"]))
    if not checks:
        return None
    return lambda target, cue, between: all(check(target, cue, between) for check in checks)


def _followed_by(words: List[str]) -> Callable[[Span, Span, Span], bool]:
    """A cue that counts only when the next word is one of these ("can i" then "take" or "double")."""
    wanted = {w.lower() for w in words}

    def modifies(target: Span, cue: Span, between: Span) -> bool:
        return cue.end < len(cue.doc) and cue.doc[cue.end].lower_ in wanted

    return modifies


def _not_followed_by(rule: Dict[str, List[str]]) -> Callable[[Span, Span, Span], bool]:
    """A cue that does not count before one of `words`, or, with `after`, before one of `after` and then one of `words`
    ("once | she weans", "once i | finish": a time to come, not a time past)."""
    excluded = {w.lower() for w in rule["words"]}
    subjects = {w.lower() for w in rule.get("after", [])}

    def modifies(target: Span, cue: Span, between: Span) -> bool:
        following = [t.lower_ for t in cue.doc[cue.end : cue.end + 2]]
        if subjects:
            following = following[1:] if following[:1] and following[0] in subjects else []
        return not (following and following[0] in excluded)

    return modifies


def _not_after(words: List[str]) -> Callable[[Span, Span, Span], bool]:
    """A cue that does not count after one of these words or phrases ("at once", "more than once", "started ldn last
    week"): they are checked here rather than matched as part of the cue, so the cue stays clear of a sign just
    before it."""
    excluded = [tuple(w.lower().split()) for w in words]
    longest = max(len(phrase) for phrase in excluded)

    def modifies(target: Span, cue: Span, between: Span) -> bool:
        before = tuple(t.lower_ for t in cue.doc[max(0, cue.start - longest) : cue.start])
        return not any(
            before[len(before) - len(phrase) :] == phrase for phrase in excluded if len(phrase) <= len(before)
        )

    return modifies


def _doubled_denial(doc: Doc, cue: Tuple[int, int], span: Span) -> bool:
    """A denial just before a sign that opens with its own ("no pulse", "no air"): a double negative, which in many
    dialects says it once ("I don't got no air", "he ain't got no pulse"), so the sign stands."""
    return doc[span.start].lower_ in SIGN_DENIALS and 0 <= span.start - cue[1] <= DOUBLED_GAP


def _denied_before(doc: Doc, start: int) -> bool:
    """A denial among the three words before, in the same sentence ("no routine really. doesn't matter now" does
    not deny the second sentence)."""
    words = [t.text for t in doc[max(0, start - 3) : start]]
    ends = [i for i, w in enumerate(words) if w in SENTENCE_ENDS]
    return any(w in DENIALS for w in words[ends[-1] + 1 if ends else 0 :])


def _inside(cue: Tuple[int, int], span: Span) -> bool:
    return span.start <= cue[0] and cue[1] <= span.end


def _apart(one: Tuple[int, int], other: Tuple[int, int]) -> bool:
    """Two parts of a finding are apart unless one lies within the other: a pattern's edge word may be shared
    ("took three THINKING they were 1.5": an amount's end word is the mistake's first)."""
    return not (one[0] <= other[0] and other[1] <= one[1]) and not (other[0] <= one[0] and one[1] <= other[1])


def _together(finding: Finding, spans: Dict[str, List[Tuple[int, int]]]) -> List[List[Tuple[int, int]]]:
    """Where all of a finding's classes occur within its window of each other: the parts at each place."""
    if any(c not in spans for c in finding.classes):
        return []
    first, rest = finding.classes[0], finding.classes[1:]
    out = []
    for start, end in spans[first]:
        parts = [(start, end)]
        for other in rest:
            near = [
                (s, e)
                for s, e in spans[other]
                if _apart((s, e), (start, end)) and max(s, start) - min(e, end) <= finding.window
            ]
            if not near:
                break
            parts.append(min(near, key=lambda p: abs(p[0] - start)))
        if len(parts) == len(finding.classes):
            out.append(parts)
    return out
