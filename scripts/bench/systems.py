"""The systems the benchmark drives: a stock `rasa init` bot, `make run`'s servers, and the production topology."""

import os
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, List, NamedTuple, Optional

from bot import environment
from bot.serve import BIN, servers, stop_all, wait_for

ROOT = Path(__file__).resolve().parents[2]


class System(NamedTuple):
    """A running system: where patients talk to it, and its Rasa processes' ids (for memory)."""

    urls: List[str]
    pids: Callable[[], List[int]]
    started: float  # time.monotonic() when its start began (for the cold start)


def _quiet_env() -> dict:
    return {**os.environ, **environment.DEFAULTS}


def build_stock_bot(folder: Path) -> Path:
    """A stock `rasa init` bot (its own example data, trained by rasa init) in `folder`, built once."""
    if list((folder / "models").glob("*.tar.gz")):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    print(f"Building a stock `rasa init` bot in {folder} (it trains its own model, a few minutes)...", flush=True)
    subprocess.run(
        [str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(folder)],
        cwd=folder,
        env=_quiet_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
        timeout=1800,
    )
    return folder


@contextmanager
def stock_server(folder: Path, port: int) -> Iterator[System]:
    """The stock bot as `rasa run` starts it: REST channel, in-memory tracker store, no action server."""
    started = time.monotonic()
    log = open(folder / "rasa-run.log", "w")
    proc = subprocess.Popen(
        [
            str(BIN / "rasa"),
            "run",
            "--model",
            str(folder / "models"),
            "--port",
            str(port),
            "--credentials",
            str(folder / "credentials.yml"),
            "--endpoints",
            str(folder / "endpoints.yml"),
        ],
        cwd=folder,
        env=_quiet_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/", proc, 300, "the stock bot")
        yield System([f"http://127.0.0.1:{port}"], lambda: [proc.pid], started)
    finally:
        stop_all([proc])
        log.close()


@contextmanager
def project_server(model: Path, port: int, action_port: int) -> Iterator[System]:
    """`make run`'s servers (bot/serve.py: Rasa on SQLite plus the action server), on a fresh database."""
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        started = time.monotonic()
        with servers(
            model, port=port, action_port=action_port, tracker_db=Path(tmp) / "tracker.db", log_dir=Path(tmp)
        ) as running:
            yield System([running.url], lambda: [running.rasa.pid], started)


@contextmanager
def production(model: Path, workdir: Path, processes: int) -> Iterator[System]:
    """The production topology (bot/prod): nginx, PostgreSQL, Redis and `processes` Rasa processes."""
    from bot.prod.topology import Topology

    started = time.monotonic()
    with Topology(workdir, model=model, rasa_processes=processes) as topo:
        yield System([topo.http_url], topo.rasa_pids, started)


def topology_available() -> Optional[str]:
    """None when bot.prod.topology can be imported, else why not."""
    try:
        from bot.prod.topology import Topology  # noqa: F401
    except Exception as exc:  # not landed yet, or its services cannot be installed here
        return f"{type(exc).__name__}: {exc}"
    return None
