"""The NLU's language data (bot/nlu/lang/): read from config.yml's language, refused when missing or
mis-quoted, never written back into Python, and followed by the spaCy pipeline's and the gate's caches."""

import ast
import re
import shutil
from pathlib import Path
from typing import List

import pytest
import yaml

from bot.nlu import language, spacy_pipeline
from bot.nlu.domain_gate import DomainGate
from tests.conftest import ROOT

NLU_DIR = ROOT / "bot" / "nlu"
# A literal of this many plain words or more is a word list (intent names and ids have underscores).
MIN_LIST = 5
_PLAIN_WORD = re.compile(r"[a-z][a-z' ]*")
_REGEX_CALLS = {"compile", "search", "match", "fullmatch", "findall", "finditer", "sub", "split"}
# Two words of three letters or more in a regular expression ("help|helps", "son|daughter"): it holds words.
_WORDS_IN_REGEX = re.compile(r"[a-z]{3,}\|[a-z]{3,}", re.IGNORECASE)


@pytest.fixture
def fresh_cache():
    language._load.cache_clear()
    yield
    language._load.cache_clear()


def _data_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "lang"
    shutil.copytree(language.LANG_DIR, folder)
    return folder


def word_lists_in(source: str) -> List[str]:
    """The word lists and word-bearing regular expressions written in Python source, by line."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
            items = [e.value for e in node.elts if isinstance(e, ast.Constant)]
            words = [i for i in items if isinstance(i, str) and _PLAIN_WORD.fullmatch(i)]
            if len(words) >= MIN_LIST and len(words) == len(node.elts):
                found.append(f"line {node.lineno}: a list of {len(words)} words")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _REGEX_CALLS
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
        ):
            for arg in node.args[:1]:
                text = "".join(
                    part.value
                    for part in ast.walk(arg)
                    if isinstance(part, ast.Constant) and isinstance(part.value, str)
                )
                if _WORDS_IN_REGEX.search(text):
                    found.append(f"line {node.lineno}: a regular expression of words")
    return found


def test_the_configured_language_is_config_yml_s():
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    assert language.configured() == config["language"]
    assert language.load().code == config["language"]


def test_a_missing_language_fails_clearly(fresh_cache):
    with pytest.raises(language.MissingLanguage, match=r"'xx'.*lang/xx\.yml is missing"):
        language.load("xx")


def test_a_missing_list_is_named(fresh_cache):
    with pytest.raises(KeyError, match="no word list 'no_such_list'"):
        language.load("en").words("no_such_list")


def test_an_unquoted_no_in_a_word_list_is_refused(tmp_path, monkeypatch, fresh_cache):
    folder = _data_copy(tmp_path)
    text = (folder / "en.yml").read_text(encoding="utf-8")
    (folder / "en.yml").write_text(text.replace('answer_no: ["no",', "answer_no: [no,"), encoding="utf-8")
    monkeypatch.setattr(language, "LANG_DIR", folder)
    with pytest.raises(ValueError, match=r"words\.answer_no has \[False\], not text: quote them"):
        language.load("en")


def test_the_lists_are_read_from_the_data(fresh_cache):
    data = yaml.safe_load(language.data_file("en").read_text(encoding="utf-8"))
    loaded = language.load("en")
    assert loaded.words("past") == frozenset(data["words"]["past"])
    assert loaded.pattern("drug_ending").match("sertraline")
    assert not loaded.pattern("drug_ending").match("ldn")


def test_the_scan_finds_word_lists_and_word_regexes_written_in_python():
    source = 'import re\nX = {"had", "ago", "last", "past", "was"}\nY = re.compile(r"\\b(?:help|helps|treat)\\b")\n'
    assert word_lists_in(source) == ["line 2: a list of 5 words", "line 3: a regular expression of words"]
    assert word_lists_in('X = ("greet", "goodbye", "thanks", "affirm", "bot_challenge")\n') == []


@pytest.mark.parametrize("path", sorted(NLU_DIR.glob("*.py")), ids=lambda p: p.name)
def test_no_word_list_is_written_in_python(path):
    """Words belong in bot/nlu/lang/<language>.yml, where another language can have its own."""
    assert word_lists_in(path.read_text(encoding="utf-8")) == []


def test_a_changed_word_list_changes_the_spacy_fingerprint_and_a_comment_does_not(tmp_path, monkeypatch, fresh_cache):
    before = spacy_pipeline.inputs_fingerprint("en")
    folder = _data_copy(tmp_path)
    monkeypatch.setattr(language, "LANG_DIR", folder)
    text = (folder / "en.yml").read_text(encoding="utf-8")

    (folder / "en.yml").write_text("# another comment\n" + text, encoding="utf-8")
    language._load.cache_clear()
    assert spacy_pipeline.inputs_fingerprint("en") == before

    (folder / "en.yml").write_text(text.replace("past: [had, ago,", "past: [had, ago, earlier,"), encoding="utf-8")
    language._load.cache_clear()
    assert "earlier" in language.load("en").words("past")
    assert spacy_pipeline.inputs_fingerprint("en") != before


def test_changed_language_data_retrains_the_domain_gate(tmp_path, monkeypatch, fresh_cache):
    """The gate's vocabulary is made with the language's data (its word pattern, everyday words): Rasa's cache sees it."""
    before = DomainGate.fingerprint_addon({})
    folder = _data_copy(tmp_path)
    monkeypatch.setattr(language, "LANG_DIR", folder)
    text = (folder / "en.yml").read_text(encoding="utf-8")
    (folder / "en.yml").write_text(text.replace("everyday_words_table: en_lexeme_prob", "everyday_words_table: x"))
    language._load.cache_clear()
    assert DomainGate.fingerprint_addon({}) != before
