"""Builds the learned part's training messages: templates filled from lists and concept classes, with typos."""

import json
import random
import re
from typing import Dict, List, Tuple

import yaml

from bot import strict_yaml
from bot.triage.lexicon import HERE, load

ROOT = HERE.parents[1]
# Patients' own words, written for fresh rounds and scored at first contact before they join here.
ROUNDS_DIR = ROOT / "data" / "triage"
# How many messages each template yields (emergencies are fewer templates, so more each).
PER_EMERGENCY_TEMPLATE = 60
PER_NEAR_TEMPLATE = 80
# The label of each fresh-round `expect`.
ROUND_LABEL = {"911": "911", "988": "988", "988_swallowed": "swallowed", "poison": "swallowed", "none": "none"}
_SLOT = re.compile(r"\{(\w+)\}")


def _typo(text: str, rng: random.Random) -> str:
    """Texting style: lower case, no punctuation, or one letter dropped or swapped in a long word."""
    roll = rng.random()
    if roll < 0.3:
        return re.sub(r"[^\w\s]", "", text.lower())
    if roll < 0.5:
        words = text.split()
        long_ = [i for i, w in enumerate(words) if len(w) > 5]
        if long_:
            i = rng.choice(long_)
            w = words[i]
            j = rng.randrange(1, len(w) - 1)
            words[i] = w[:j] + w[j + 1 :] if rng.random() < 0.5 else w[: j - 1] + w[j] + w[j - 1] + w[j + 1 :]
        return " ".join(words)
    return text


def _fill(template: str, lists: Dict[str, List[str]], rng: random.Random) -> str:
    return " ".join(_SLOT.sub(lambda m: str(rng.choice(lists[m.group(1)])), template).split())


def _wrap(core: str, lists: Dict[str, List[str]], rng: random.Random) -> str:
    """An emergency as patients write it: alone, opened or closed by a few words, or inside an LDN question."""
    roll = rng.random()
    if roll < 0.25:
        text = f"{rng.choice(lists['ldn_q'])}. also {core}. {rng.choice(lists['close'])}"
    else:
        text = f"{rng.choice(lists['open'])} {core} {rng.choice(lists['close'])}"
    return _typo(" ".join(text.split()), rng)


def round_messages(exclude: Tuple[str, ...] = ()) -> List[Tuple[str, str]]:
    """(text, label) of the scored fresh rounds (the last turn of a conversation), except the named files."""
    out = []
    for path in sorted(ROUNDS_DIR.glob("*.jsonl")):
        if path.stem in exclude:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            text = item.get("text") or item["turns"][-1]
            out.append((text, ROUND_LABEL[item.get("expect") or item["expect_last"]]))
    return out


def everyday_messages() -> List[Tuple[str, str]]:
    """The project's own training negatives and NLU examples: ordinary messages, never emergencies."""
    from bot.nlu import negatives

    texts = [t for _, _, t in negatives.generate("train")]
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            if block.get("intent") not in (None, "emergency"):
                texts += [line.strip()[2:] for line in str(block.get("examples", "")).splitlines() if line.strip()]
    return [(t, "none") for t in texts]


def messages(language: str = "en", seed: int = 11, exclude: Tuple[str, ...] = ()) -> List[Tuple[str, str]]:
    """Every (text, label) the learned part trains on."""
    raw = strict_yaml.load(HERE / f"corpus_{language}.yml")
    lexicon = load(language)
    lists = {
        **{k: [t for t in v if t] or [""] for k, v in lexicon.concepts.items()},
        **{k: [str(x) for x in v] for k, v in raw["lists"].items()},
    }
    rng = random.Random(seed)
    out = []
    for label, templates in raw["emergencies"].items():
        for template in templates:
            out += [(_wrap(_fill(template, lists, rng), lists, rng), str(label)) for _ in range(PER_EMERGENCY_TEMPLATE)]
    for template in raw["near_misses"]:
        out += [(_typo(_fill(template, lists, rng), rng), "none") for _ in range(PER_NEAR_TEMPLATE)]
    return out + everyday_messages() + round_messages(exclude)
