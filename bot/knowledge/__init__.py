"""Loads and checks the curated answers and messages in answers.yml."""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

HERE = Path(__file__).parent
ANSWERS_FILE = HERE / "answers.yml"
SECTIONS_FILE = HERE / "sections.yml"


class KnowledgeError(ValueError):
    """answers.yml is malformed."""


@dataclass(frozen=True)
class Entry:
    """One thing the assistant can say: an answer to a topic, or a fixed message."""

    name: str
    text: str
    # The article sections the text draws on, most used first.
    sections: Tuple[str, ...] = ()
    intent: Optional[str] = None
    button: Optional[str] = None
    buttons: Tuple[str, ...] = ()
    topics_menu: bool = False
    is_answer: bool = False
    # What happens when the intent comes in the middle of the dosing form: answer, then
    # "continue" the form, or answer and "end" it.
    during_form: str = "continue"
    # The entity ruler's CONDITION/SYMPTOM ids this answer is about (bot/nlu/entity_patterns.yml).
    subjects: Tuple[str, ...] = ()

    @property
    def response(self) -> str:
        return f"utter_{self.name}"

    @property
    def section(self) -> Optional[str]:
        """The main section drawn on."""
        return self.sections[0] if self.sections else None

    @property
    def citation(self) -> Optional[str]:
        if not self.sections:
            return None
        return "Source: clinic article, " + " and ".join(f"'{s}'" for s in self.sections)

    @property
    def full_text(self) -> str:
        """The text as the patient sees it, citation included."""
        return f"{self.text}\n{self.citation}" if self.citation else self.text


def sections() -> List[str]:
    return list(yaml.safe_load(SECTIONS_FILE.read_text(encoding="utf-8")))


def _entry(name: str, body, is_answer: bool, known_sections: List[str], fragments: Dict[str, str]) -> Entry:
    if isinstance(body, str):
        body = {"text": body}
    if not isinstance(body, dict) or not str(body.get("text", "")).strip():
        raise KnowledgeError(f"{name}: needs a non-empty 'text'")
    section = body.get("section") or ()
    cited = (section,) if isinstance(section, str) else tuple(section)
    if is_answer and not cited:
        raise KnowledgeError(f"answer {name}: needs a 'section' from sections.yml")
    for one in cited:
        if one not in known_sections:
            raise KnowledgeError(f"{name}: section {one!r} is not one of {known_sections}")
    if is_answer and not body.get("intent"):
        raise KnowledgeError(f"answer {name}: needs an 'intent'")
    buttons = body.get("buttons") or ()
    during_form = body.get("during_form", "continue")
    if during_form not in ("continue", "end"):
        raise KnowledgeError(f"{name}: during_form must be 'continue' or 'end'")
    return Entry(
        name=name,
        text=_with_fragments(" ".join(str(body["text"]).split()), fragments),
        sections=cited,
        intent=body.get("intent"),
        button=body.get("button"),
        buttons=() if buttons == "topics" else tuple(str(b) for b in buttons),
        topics_menu=buttons == "topics",
        is_answer=is_answer,
        during_form=during_form,
        subjects=tuple(str(s) for s in body.get("subjects") or ()),
    )


def _with_fragments(text: str, fragments: Dict[str, str]) -> str:
    """The text with each {fragment} replaced by its words (settings placeholders are left for send time)."""
    for name, words in fragments.items():
        text = text.replace("{" + name + "}", words)
    return text


@lru_cache(maxsize=1)
def load() -> Dict[str, Entry]:
    """All entries by name, answers first."""
    raw = yaml.safe_load(ANSWERS_FILE.read_text(encoding="utf-8")) or {}
    known = sections()
    fragments = _fragments(raw.get("fragments") or {})
    entries: Dict[str, Entry] = {}
    for group, is_answer in (("answers", True), ("bridges", False), ("messages", False)):
        for name, body in (raw.get(group) or {}).items():
            if name in entries or name in fragments:
                raise KnowledgeError(f"{name}: defined twice")
            entries[name] = _entry(name, body, is_answer, known, fragments)
    _check_used(fragments, raw)
    return entries


def _fragments(raw: Dict[str, str]) -> Dict[str, str]:
    """The fragments' words in file order, each with the fragments above it filled in."""
    fragments: Dict[str, str] = {}
    for name, words in raw.items():
        fragments[name] = _with_fragments(" ".join(str(words).split()), fragments)
    return fragments


def _check_used(fragments: Dict[str, str], raw: Dict) -> None:
    """Every fragment is placed somewhere: in a text, or in a later fragment."""
    written = [
        str(body.get("text", "") if isinstance(body, dict) else body)
        for group in ("answers", "messages")
        for body in (raw.get(group) or {}).values()
    ]
    written += [str(words) for words in (raw.get("fragments") or {}).values()]
    for name in fragments:
        if not any("{" + name + "}" in text for text in written):
            raise KnowledgeError(f"fragment {name}: not used in any text")


@lru_cache(maxsize=1)
def widget_words() -> Dict[str, str]:
    """The website widget's interface words (buttons, labels, states), by key; {placeholders} left in."""
    raw = yaml.safe_load(ANSWERS_FILE.read_text(encoding="utf-8")) or {}
    words = raw.get("widget_words") or {}
    for key, text in words.items():
        if not isinstance(text, str) or not text.strip():
            raise KnowledgeError(f"widget_words.{key}: needs a non-empty text")
    return {key: " ".join(text.split()) for key, text in words.items()}


def answers() -> List[Entry]:
    return [e for e in load().values() if e.is_answer]


def by_intent() -> List[Entry]:
    """Every entry that is the direct reply to an intent: answers and safety/conversation messages."""
    return [e for e in load().values() if e.intent]


def intents() -> List[str]:
    """The intents answers.yml replies to, in file order: the domain lists them from here (build.py)."""
    return list(dict.fromkeys(str(e.intent) for e in by_intent()))


@lru_cache(maxsize=1)
def intent_for_subject() -> Dict[str, str]:
    """Entity id -> the intent of the answer about it ("fibromyalgia" -> "ask_fibromyalgia")."""
    out: Dict[str, str] = {}
    for entry in answers():
        for subject in entry.subjects:
            if subject in out:
                raise KnowledgeError(f"subject {subject}: in two answers, {out[subject]} and {entry.intent}")
            out[subject] = str(entry.intent)
    return out


def topic_buttons() -> List[Entry]:
    return [e for e in answers() if e.button]


def buttons(entry: Entry) -> List[Dict[str, str]]:
    """The entry's buttons as Rasa sends them: the topics menu, or its own options."""
    # Buttons send plain text through the NLU: slash payloads are disabled (bot/nlu/components.py).
    titles = [str(e.button) for e in topic_buttons()] if entry.topics_menu else list(entry.buttons)
    return [{"title": title, "payload": title} for title in titles]
