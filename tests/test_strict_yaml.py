"""The project's data files load with a key written twice refused (bot/strict_yaml.py)."""

from pathlib import Path

import pytest

from bot import strict_yaml

ROOT = Path(__file__).resolve().parents[1]
# Every hand-written data file of the product (triage lexicon and corpus, NLU patterns, knowledge, settings).
DATA_FILES = sorted(p for folder in ("bot", "data") for p in (ROOT / folder).rglob("*.yml") if "build" not in p.parts)


def test_a_key_written_twice_is_refused(tmp_path):
    path = tmp_path / "words.yml"
    path.write_text("tokens:\n  PURPOSE: [a]\n  ESCAPE: [b]\n  PURPOSE: [c]\n", encoding="utf-8")
    with pytest.raises(strict_yaml.DuplicateKeyError, match="PURPOSE"):
        strict_yaml.load(path)


def test_a_file_without_repeats_loads_as_yaml_does(tmp_path):
    path = tmp_path / "words.yml"
    path.write_text("tokens:\n  PURPOSE: [a, 'on', 4.5]\n  ESCAPE: {x: 1}\n", encoding="utf-8")
    assert strict_yaml.load(path) == {"tokens": {"PURPOSE": ["a", "on", 4.5], "ESCAPE": {"x": 1}}}


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_data_file_writes_a_key_twice(path):
    strict_yaml.load(path)
