"""Generates the Rasa domain's intents and responses and the answer rules from answers.yml into build/."""

import argparse
import shutil
from pathlib import Path
from typing import Any, Dict, List

import yaml

from bot import knowledge

ROOT = Path(__file__).resolve().parents[2]
FORM = "dosing_form"


def responses() -> Dict[str, List[Dict[str, Any]]]:
    out = {}
    for entry in knowledge.load().values():
        variant: Dict[str, Any] = {"text": entry.full_text}
        buttons = knowledge.buttons(entry)
        if buttons:
            variant["buttons"] = buttons
        out[entry.response] = [variant]
    return out


def intent_rules() -> List[Dict[str, Any]]:
    """Two rules per intent-driven entry: on its own, and when it interrupts the dosing form."""
    rules = []
    for entry in knowledge.by_intent():
        rules.append(
            {"rule": f"reply to {entry.intent}", "steps": [{"intent": entry.intent}, {"action": entry.response}]}
        )
        after = (
            [{"action": FORM}, {"active_loop": FORM}]
            if entry.during_form == "continue"
            else [{"action": "action_deactivate_loop"}, {"active_loop": None}]
        )
        rules.append(
            {
                "rule": f"reply to {entry.intent} during the dosing form",
                "condition": [{"active_loop": FORM}],
                "steps": [{"intent": entry.intent}, {"action": entry.response}] + after,
            }
        )
    return rules


def _write(path: Path, doc: Dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = "# GENERATED from bot/knowledge/answers.yml by `python -m bot.knowledge.build`. Do not edit.\n"
    path.write_text(header + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")


def build(out: Path) -> None:
    domain_dir, data_dir = out / "domain", out / "data"
    for d in (domain_dir, data_dir):
        if d.exists():
            shutil.rmtree(d)
    domain_dir.mkdir(parents=True)
    shutil.copy(ROOT / "domain.yml", domain_dir / "domain.yml")
    # Rasa merges the files of a domain folder: domain.yml lists only the intents answers.yml does not answer.
    _write(domain_dir / "intents.yml", {"version": "3.1", "intents": knowledge.intents()})
    _write(domain_dir / "responses.yml", {"version": "3.1", "responses": responses()})
    _write(data_dir / "intent_rules.yml", {"version": "3.1", "rules": intent_rules()})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "build")
    build(parser.parse_args().out)


if __name__ == "__main__":
    main()
