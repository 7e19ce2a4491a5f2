"""Builds the project's own spaCy pipeline (a blank language, lookup lemmatizer, entity ruler) on disk."""

import argparse
import hashlib
import inspect
import json
import shutil
import sys
from pathlib import Path

import spacy
import yaml

from bot.nlu import language as languages, patterns

ROOT = Path(__file__).resolve().parents[2]
# meta.json key of the hash of what the pipeline was built from; Rasa's cache is keyed on it (bot/nlu/spacy_nlp.py).
INPUTS_KEY = "ldn_inputs"


def model_path(config_file: Path = ROOT / "config.yml") -> Path:
    """The SpacyNLP model path named in config.yml."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    for component in config["pipeline"]:
        if str(component.get("name")).split(".")[-1] == "SpacyNLP":
            path = Path(component["model"])
            return path if path.is_absolute() else ROOT / path
    raise ValueError(f"{config_file} has no SpacyNLP component")


def create(language: str) -> "spacy.language.Language":
    """The pipeline for one language (config.yml's `language:`, a spaCy language code)."""
    nlp = spacy.blank(language)
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    # The ruler runs after the lemmatizer so that LEMMA token patterns can match.
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    nlp.initialize()  # loads the lemma lookup table from spacy-lookups-data
    ruler.add_patterns(patterns.ruler_patterns())  # type: ignore[attr-defined]  # add_pipe is typed as any Pipe
    return nlp


def inputs_fingerprint(language: str) -> str:
    """A hash of everything the pipeline is built from (the entity patterns, the language and the code that builds
    it) and of the language's word lists (bot/nlu/lang/): Rasa's cache is keyed on it, so a change of a word list
    retrains every component after the pipeline too."""
    data = (
        json.dumps(patterns.ruler_patterns(), sort_keys=True)
        + inspect.getsource(create)
        + languages.load(language).fingerprint()
    )
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def build(path: Path, language: str) -> bool:
    """Build the pipeline at `path` unless one built from the same inputs is there. Returns True if built."""
    meta_file = path / "meta.json"
    fingerprint = inputs_fingerprint(language)
    if meta_file.exists() and json.loads(meta_file.read_text()).get(INPUTS_KEY) == fingerprint:
        return False
    nlp = create(language)
    nlp.meta["name"] = path.name
    nlp.meta[INPUTS_KEY] = fingerprint
    tmp, old = path.with_name(path.name + ".tmp"), path.with_name(path.name + ".old")
    for leftover in (tmp, old):
        shutil.rmtree(leftover, ignore_errors=True)
    nlp.to_disk(tmp)
    if path.exists():
        path.rename(old)
    tmp.rename(path)
    shutil.rmtree(old, ignore_errors=True)
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--path", type=Path, default=None)
    path = parser.parse_args().path or model_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    print(("built " if build(path, languages.configured()) else "up to date: ") + str(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
