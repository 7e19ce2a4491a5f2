"""A py-spy sampling profile of a running Rasa process, summed into a short table of where the time goes."""

import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Dict, List, Optional, Tuple

BIN = Path(sys.executable).parent

# Parts of a turn worth naming, each by a pattern of the stack frames inside it (a sample counts for every
# part one of its frames matches, so parts overlap).
PARTS = (
    ("tracker store: load", r"\b_retrieve\b|retrieve_full_tracker|\bretrieve\b \(.*tracker_store"),
    ("tracker store: save", r"\bsave \(.*tracker_store"),
    ("event deserialisation", r"Event\.from_parameters|\bfrom_dict \(.*events|from_dict \(.*trackers"),
    ("all_subclasses", r"all_subclasses"),
    ("RulePolicy", r"rule_policy\.py"),
    ("MemoizationPolicy", r"memoization\.py"),
    ("project policies", r"bot/dialogue/"),
    ("DIET inference", r"diet_classifier\.py"),
    ("TensorFlow", r"tensorflow/"),
    ("intent classifier (scikit-learn, SciPy)", r"sklearn/|scipy/"),
    ("dask (Rasa's graph scheduler)", r"dask/"),
    ("spaCy", r"spacy/|thinc/"),
    ("project NLU components", r"bot/nlu/"),
    ("featurizers (NLU, dialogue states)", r"featurizers/"),
    ("NLG (bot/nlg.py)", r"bot/nlg\.py"),
    ("PyYAML", r"yaml/"),
    ("SQLAlchemy", r"sqlalchemy/"),
    ("JSON", r"json/"),
    ("action server call (aiohttp)", r"aiohttp/"),
)


def available() -> bool:
    return (BIN / "py-spy").exists() or shutil.which("py-spy") is not None


def record(pid: int, seconds: int, out: Path) -> Optional[Path]:
    """Samples the process for `seconds` (raw collapsed stacks into `out`); None if py-spy is missing or fails."""
    exe = str(BIN / "py-spy") if (BIN / "py-spy").exists() else shutil.which("py-spy")
    if not exe:
        return None
    out.parent.mkdir(parents=True, exist_ok=True)
    # --nonblocking: the process is not paused to sample it, so the profile does not slow the load.
    done = subprocess.run(
        [
            exe,
            "record",
            "--format",
            "raw",
            "--nonblocking",
            "--rate",
            "100",
            "-d",
            str(seconds),
            "-o",
            str(out),
            "-p",
            str(pid),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=seconds + 60,
    )
    if done.returncode != 0 or not out.exists():
        print(f"(py-spy failed: {done.stderr.strip()[-300:]})")
        return None
    return out


def stacks(raw: Path) -> List[Tuple[List[str], int]]:
    """(frames from root to leaf, samples) of a raw py-spy file."""
    out = []
    for line in raw.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            out.append((stack.split(";"), int(count)))
    return out


def share(raw: Path) -> Tuple[int, Dict[str, float], List[Tuple[str, float, float]]]:
    """(samples, share of samples per named part (inclusive), top functions as (name, own share, inclusive share))."""
    data = stacks(raw)
    total = sum(n for _, n in data) or 1
    parts: Counter = Counter()
    own: Counter = Counter()
    inclusive: Counter = Counter()
    compiled = [(name, re.compile(pattern)) for name, pattern in PARTS]
    for frames, n in data:
        for name, pattern in compiled:
            if any(pattern.search(f) for f in frames):
                parts[name] += n
        own[_short(frames[-1])] += n
        for f in {_short(f) for f in frames}:
            inclusive[f] += n
    top = [(f, own[f] / total, inclusive[f] / total) for f, _ in own.most_common(15)]
    return total, {k: v / total for k, v in parts.items()}, top


def _short(frame: str) -> str:
    # "func (/long/path/site-packages/pkg/mod.py:123)" -> "func (pkg/mod.py)"
    m = re.match(r"(.*) \((.*?):?\d*\)$", frame)
    if not m:
        return frame
    path = m.group(2)
    for marker in ("site-packages/", "/work/main/", "lib/python3.10/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{m.group(1)} ({path})"


def print_table(raw: Path) -> None:
    total, parts, top = share(raw)
    print(f"\nprofile of one Rasa process under load ({total} samples, py-spy; a sample can be in several parts)")
    print(f"{'part of the turn':34s} {'share':>6s}")
    for name, value in sorted(parts.items(), key=lambda kv: -kv[1]):
        if value >= 0.01:
            print(f"{name:34s} {value:6.1%}")
    print(f"\n{'top functions by own time':70s} {'own':>6s} {'incl':>6s}")
    for name, mine, incl in top[:12]:
        print(f"{name[:70]:70s} {mine:6.1%} {incl:6.1%}")
