"""Generates the off-topic and not-covered messages of negatives.yml: training data, and a held-out set."""

import argparse
import random
import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Tuple

import yaml

NEGATIVES_FILE = Path(__file__).with_name("negatives.yml")
ROOT = Path(__file__).resolve().parents[2]
# The intent each kind of message should get.
INTENT = {
    "other_medical": "out_of_scope",
    "consumer": "out_of_scope",
    "everyday": "out_of_scope",
    "ldn_not_covered": "not_covered",
}
SPLITS = ("train", "heldout")
# Fillings per template: enough to learn from, and a larger held-out set to measure with.
PER_TEMPLATE = {"train": 8, "heldout": 20}
_SLOT = re.compile(r"\{(\w+?)(2?)\}")


@lru_cache(maxsize=1)
def _raw() -> dict:
    return yaml.safe_load(NEGATIVES_FILE.read_text(encoding="utf-8"))


def _fill(template: str, lists: Dict[str, List[str]], rng: random.Random) -> str:
    used: Dict[str, str] = {}

    def pick(match: "re.Match") -> str:
        name, second = match.group(1), match.group(2)
        choices = [w for w in lists[name] if not second or w != used.get(name)]
        value = rng.choice(choices)
        used.setdefault(name, value)
        return str(value)

    return _SLOT.sub(pick, template)


def generate(split: str, seed: int = 7) -> List[Tuple[str, str, str]]:
    """(kind, intent, text) for one split; templates and names never cross splits."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    raw = _raw()
    lists = {name: parts[split] for name, parts in raw["lists"].items()}
    rng = random.Random(f"{seed}-{split}")
    out, seen = [], set()
    for kind, parts in raw["templates"].items():
        for template in parts[split]:
            slots = set(_SLOT.findall(template))
            for _ in range(PER_TEMPLATE[split] if slots else 1):
                text = _fill(template, lists, rng)
                if text.lower() not in seen:
                    seen.add(text.lower())
                    out.append((kind, INTENT[kind], text))
    return out


def training_data(split: str = "train") -> dict:
    """The generated messages as Rasa NLU training data."""
    by_intent: Dict[str, List[str]] = {}
    for _, intent, text in generate(split):
        by_intent.setdefault(intent, []).append(text)
    return {
        "version": "3.1",
        "nlu": [
            {"intent": intent, "examples": "".join(f"- {t}\n" for t in texts)} for intent, texts in by_intent.items()
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "data")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    header = "# GENERATED from bot/nlu/negatives.yml by `python -m bot.nlu.negatives`. Do not edit.\n"
    (out / "nlu_negatives.yml").write_text(
        header + yaml.safe_dump(training_data(), sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
