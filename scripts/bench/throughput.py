"""Throughput, latency, memory and cold start of each system under the same closed-loop conversations,
and how they compare with the issue's targets."""

import os
import tempfile
import threading
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from scripts.bench import load, profile, systems
from tests.helpers import free_port

ROOT = Path(__file__).resolve().parents[2]
STOCK_DIR = ROOT / "build" / "bench" / "stock-bot"
PROFILE_FILE = ROOT / "build" / "bench" / "profile.txt"
STOCK, RUN = "stock `rasa init` bot (in-memory store)", "`make run` (SQLite, 1 Rasa process)"


def _measure(
    name: str,
    system: systems.System,
    concurrencies: Sequence[int],
    seconds: float,
    results: Dict[str, Dict[int, load.Result]],
) -> None:
    for conc in concurrencies:
        result = load.run(system.urls, conc, seconds, system.pids, prefix=f"bench-{conc}")
        results.setdefault(name, {})[conc] = result
        print(load.row(name, result), flush=True)


def _cold(system: systems.System) -> Optional[float]:
    """Seconds from the start of the system's start-up to its first answer."""
    took = load.first_answer(system.urls[0], time.monotonic() + 60)
    return time.monotonic() - system.started if took is not None else None


def throughput_tables(
    model: Path,
    seconds: float = 20,
    concurrencies: Sequence[int] = (1, 10),
    prod_concurrencies: Sequence[int] = (1, 10, 50),
    which: Sequence[str] = ("stock", "run", "prod"),
    profile_seconds: int = 10,
    prod_processes: Optional[int] = None,
) -> None:
    """Drives each system in turn and prints one table, the cold starts, the targets, and the profile of
    `make run`'s Rasa process under 10 patients."""
    # All load comes from one loopback address: the per-address and per-sender limits would cut it.
    os.environ.update({"RATE_LIMIT_PER_IP": "0", "RATE_LIMIT_PER_SENDER": "0"})
    print(
        f"\nclosed-loop REST load on loopback: each simulated patient holds {len(load.CONVERSATION)}-turn "
        f"conversations back to back (the stock bot gets the same texts), {seconds:.0f} s per row, "
        f"{os.cpu_count()} cores"
    )
    print(load.HEADER, flush=True)
    results: Dict[str, Dict[int, load.Result]] = {}
    cold: Dict[str, Optional[float]] = {}
    raw = None
    if "stock" in which:
        folder = systems.build_stock_bot(STOCK_DIR)
        with systems.stock_server(folder, free_port()) as system:
            cold[STOCK] = _cold(system)
            _measure(STOCK, system, concurrencies, seconds, results)
    if "run" in which:
        with systems.project_server(model, free_port(), free_port()) as system:
            cold[RUN] = _cold(system)
            _measure(RUN, system, concurrencies, seconds, results)
            if profile_seconds and profile.available():
                raw = _profiled(system, profile_seconds)
    prod = None
    if "prod" in which:
        why = systems.topology_available()
        if why:
            print(f"{'production topology':38s} skipped: {why}")
        else:
            # A local trial of the topology: the shipped example clinic's details are allowed here.
            os.environ["ALLOW_PLACEHOLDERS"] = "1"
            processes = prod_processes or os.cpu_count() or 2
            prod = f"production: nginx, {processes} Rasa, PG, Redis"
            with tempfile.TemporaryDirectory(prefix="bench-prod-") as work:
                with systems.production(model, Path(work), processes) as system:
                    cold[prod] = _cold(system)
                    _measure(prod, system, prod_concurrencies, seconds, results)
    print(f"\n{'cold start to the first answer':54s} seconds")
    for name, took in cold.items():
        print(
            f"{name:54s} {'no answer' if took is None else f'{took:.1f}'}{' (all its parts)' if name == prod else ''}"
        )
    _targets(results, cold, prod)
    if raw:
        profile.print_table(raw)


def _targets(results: Dict[str, Dict[int, load.Result]], cold: Dict[str, Optional[float]], prod: Optional[str]) -> None:
    """The issue's targets against this run's figures (only those this run measured)."""
    lines = []
    run, stock = results.get(RUN, {}), results.get(STOCK, {})
    if 10 in run and 10 in stock and stock[10].rate:
        ratio = run[10].rate / stock[10].rate
        lines.append(("`make run` at 10 patients: >= 3x the stock bot's msg/s", f"{ratio:.1f}x", ratio >= 3))
    if 10 in run:
        lines.append(
            (
                "`make run` at 10 patients: p95 <= 200 ms",
                f"{run[10].percentile(0.95):.0f} ms",
                run[10].percentile(0.95) <= 200,
            )
        )
    if 1 in run:
        lines.append(
            (
                "`make run` one patient at a time: p50 <= 20 ms",
                f"{run[1].percentile(0.5):.1f} ms",
                run[1].percentile(0.5) <= 20,
            )
        )
    ours = [mb for name in results if name != STOCK for r in results[name].values() for mb in r.rss_mb]
    if ours:
        lines.append(("resident memory <= 800 MB per Rasa process", f"{max(ours):.0f} MB", max(ours) <= 800))
    if prod and prod in results and 10 in run:
        single = run[10].rate
        for conc, result in sorted(results[prod].items()):
            if conc >= 10:
                lines.append(
                    (
                        f"production at {conc} patients: more msg/s than 1 process, 0 errors",
                        f"{result.rate:.0f} vs {single:.0f}, {result.errors} errors",
                        result.rate > single and result.errors == 0,
                    )
                )
    for name in (RUN, prod):
        if name in cold:
            took = cold[name]
            lines.append(
                (
                    f"cold start to the first answer <= 20 s ({'make run' if name == RUN else 'production'})",
                    "no answer" if took is None else f"{took:.1f} s",
                    took is not None and took <= 20,
                )
            )
    if lines:
        print(f"\n{'target':66s} {'measured':>22s}  met")
        for target, measured, met in lines:
            print(f"{target:66s} {measured:>22s}  {'yes' if met else 'NO'}")


def _profiled(system: systems.System, seconds: int) -> Optional[Path]:
    """Profiles the Rasa process while 10 patients talk to it."""
    out: List[Optional[Path]] = [None]
    pid = system.pids()[0]
    spy = threading.Thread(target=lambda: out.__setitem__(0, profile.record(pid, seconds, PROFILE_FILE)))
    spy.start()
    load.run(system.urls, 10, seconds + 2, system.pids, prefix="bench-profile", warmup=0)
    spy.join()
    return out[0]
