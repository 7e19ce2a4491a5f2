"""Reads a language's NLU word lists and word patterns (bot/nlu/lang/<language>.yml) once, and config.yml's language."""

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, Optional

import yaml

from bot import strict_yaml

LANG_DIR = Path(__file__).with_name("lang")
# A word as written, apostrophes and all ("o'", "an'"), for reading texting spellings as the words meant.
_WORD_AS_WRITTEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]*)?")
CONFIG_FILE = Path(__file__).resolve().parents[2] / "config.yml"


class MissingLanguage(LookupError):
    """No NLU data for the language asked for."""


@dataclass(frozen=True)
class Language:
    code: str
    # The data as read (words as lists, patterns as strings): what the fingerprint hashes.
    raw: dict
    word_sets: Dict[str, FrozenSet[str]]
    regexes: Dict[str, "re.Pattern[str]"]

    def words(self, name: str) -> FrozenSet[str]:
        try:
            return self.word_sets[name]
        except KeyError:
            raise KeyError(f"{data_file(self.code)} has no word list {name!r} under words:") from None

    def pairs(self, name: str) -> Dict[str, str]:
        """A word list of "from>to" rewrites ("wen>when") as a mapping."""
        return dict(rule.split(">", 1) for rule in self.words(name))

    def pattern(self, name: str) -> "re.Pattern[str]":
        try:
            return self.regexes[name]
        except KeyError:
            raise KeyError(f"{data_file(self.code)} has no pattern {name!r} under patterns:") from None

    def as_meant(self, text: str) -> str:
        """The text with its words as texted or said in a dialect read as the words meant ("alright wit my pill, de
        lisinopril?" -> "alright with my pill, the lisinopril?"); every other word as written."""
        spellings = _spellings(self.code)
        return _WORD_AS_WRITTEN.sub(lambda m: spellings.get(m.group(0).lower(), m.group(0)), text)

    @property
    def everyday_words_table(self) -> str:
        return str(self.raw["everyday_words_table"])

    @property
    def dictionary_table(self) -> str:
        return str(self.raw["dictionary_table"])

    def fingerprint(self) -> str:
        """A hash of the data (not of its comments): what caches built from it are keyed on."""
        return hashlib.sha256(json.dumps([self.code, self.raw], sort_keys=True).encode()).hexdigest()[:16]


@lru_cache(maxsize=1)
def configured() -> str:
    """The language config.yml names (its `language:` key): the one place it is set."""
    config = yaml.safe_load(CONFIG_FILE.read_text(encoding="utf-8")) or {}
    if not config.get("language"):
        raise ValueError(f"{CONFIG_FILE} has no `language:` key")
    return str(config["language"])


def data_file(language: str) -> Path:
    return LANG_DIR / f"{language}.yml"


def load(language: Optional[str] = None) -> Language:
    """One language's data (config.yml's language when none is named), read once."""
    # (one reading whether the language is named or left to config.yml: each read takes about 0.1 s)
    return _load(language or configured())


@lru_cache(maxsize=4)
def _load(code: str) -> Language:
    path = data_file(code)
    if not path.exists():
        raise MissingLanguage(
            f"no NLU data for language {code!r}: {path} is missing (README, 'Adding a language', says what it holds)"
        )
    raw = strict_yaml.load(path)  # a list written twice would silently lose the first
    word_sets = {}
    for name, items in raw["words"].items():
        # YAML reads unquoted on, off, no, yes, y, n, true and false as booleans, and numbers as numbers.
        odd = [item for item in items if not isinstance(item, str)]
        if odd:
            raise ValueError(f"{path}: words.{name} has {odd}, not text: quote them")
        word_sets[name] = frozenset(items)
    regexes = {
        name: re.compile("".join(parts) if isinstance(parts, list) else parts)
        for name, parts in raw["patterns"].items()
    }
    return Language(code=code, raw=raw, word_sets=word_sets, regexes=regexes)


@lru_cache(maxsize=4)
def _spellings(language: str) -> Dict[str, str]:
    """A language's texting and dialect spellings, "as texted" -> "as meant" (read once)."""
    return load(language).pairs("texting_spellings")
