"""Builds the project's own spaCy pipeline (blank English, lookup lemmatizer, entity ruler) on disk."""

import argparse
import json
import shutil
import sys
from pathlib import Path

import spacy
import yaml

from bot.nlu import patterns

ROOT = Path(__file__).resolve().parents[2]


class StalePipelineError(RuntimeError):
    """The versioned pipeline path already holds a pipeline built from other patterns."""


def model_path(config_file: Path = ROOT / "config.yml") -> Path:
    """The SpacyNLP model path named in config.yml: the one place the version lives."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    for component in config["pipeline"]:
        if component.get("name") == "SpacyNLP":
            path = Path(component["model"])
            return path if path.is_absolute() else ROOT / path
    raise ValueError(f"{config_file} has no SpacyNLP component")


def create() -> "spacy.language.Language":
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    # The ruler runs after the lemmatizer so that LEMMA token patterns can match.
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    nlp.initialize()  # loads the lemma lookup table from spacy-lookups-data
    ruler.add_patterns(patterns.ruler_patterns())  # type: ignore[attr-defined]  # add_pipe is typed as any Pipe
    return nlp


def build(path: Path) -> bool:
    """Build the pipeline at `path` unless an up-to-date one is there. Returns True if built."""
    meta_file = path / "meta.json"
    if meta_file.exists():
        built = json.loads(meta_file.read_text()).get("ldn_patterns")
        if built == patterns.fingerprint():
            return False
        raise StalePipelineError(
            f"{path} was built from other entity patterns. Rasa caches spaCy features by model "
            f"path, so bump the version in config.yml's SpacyNLP model path (e.g. ..._v2) "
            f"instead of rebuilding in place."
        )
    nlp = create()
    nlp.meta["name"] = path.name
    nlp.meta["ldn_patterns"] = patterns.fingerprint()
    tmp = path.with_name(path.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    nlp.to_disk(tmp)
    tmp.rename(path)
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--path", type=Path, default=None)
    path = parser.parse_args().path or model_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        print(("built " if build(path) else "up to date: ") + str(path))
    except StalePipelineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
