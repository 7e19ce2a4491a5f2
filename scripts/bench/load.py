"""Closed-loop load over the REST channel: simulated patients each hold 12-turn conversations, back to back."""

import asyncio
import itertools
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence

import aiohttp

# One realistic visit: greeting, topic questions, a sleep complaint, thanks, off-topic, bye.
# The stock `rasa init` bot gets the same texts, so both do the same parsing work per message.
CONVERSATION = (
    "hi there",
    "what is ldn",
    "how is low dose different from the normal dose of naltrexone",
    "what are the side effects",
    "does it help with fibromyalgia",
    "since I started it I can't sleep and I have weird dreams",
    "thanks, that helps",
    "is it an immunosuppressant",
    "how do I increase the dose",
    "what's the weather like tomorrow",
    "thank you",
    "bye",
)


@dataclass
class Result:
    """What one load run measured: latencies of answered messages, errors, elapsed time, peak RSS per process."""

    concurrency: int
    latencies: List[float] = field(default_factory=list)
    errors: int = 0  # no HTTP 200 with a JSON list in time
    silent: int = 0  # answered, with no message (the stock bot often has nothing to say)
    elapsed: float = 0.0
    rss_mb: List[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000 if ordered else float("nan")


def rss_mb(pid: int) -> float:
    """Resident memory of one process in MB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


async def _patient(
    session: aiohttp.ClientSession, url: str, prefix: str, stop_at: float, result: Result, timeout: float
) -> None:
    """One simulated patient: whole conversations, a new sender each, until the time is up."""
    while time.monotonic() < stop_at:
        sender = f"{prefix}-{uuid.uuid4().hex[:12]}"
        for text in CONVERSATION:
            if time.monotonic() >= stop_at:
                return
            start = time.perf_counter()
            try:
                async with session.post(
                    f"{url}/webhooks/rest/webhook",
                    json={"sender": sender, "message": text},
                    timeout=aiohttp.ClientTimeout(total=timeout),
                ) as reply:
                    body = await reply.json(content_type=None)
                    ok = reply.status == 200 and isinstance(body, list)
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
                ok, body = False, None
            if ok:
                result.latencies.append(time.perf_counter() - start)
                result.silent += not body
            else:
                result.errors += 1


async def _run(
    urls: Sequence[str],
    concurrency: int,
    seconds: float,
    pids: Callable[[], List[int]],
    prefix: str,
    timeout: float,
    warmup: int,
) -> Result:
    result = Result(concurrency)
    connector = aiohttp.TCPConnector(limit=concurrency + 4, ssl=False)
    async with aiohttp.ClientSession(connector=connector) as session:
        # Warm-up: one conversation per URL, so first-message costs (lazy loads) are not measured.
        warm = Result(concurrency)
        for url in urls:
            for _ in range(warmup):
                await _one_conversation(session, url, f"{prefix}-warm", warm, timeout)
        peaks: Dict[int, float] = {}

        async def sample() -> None:
            while True:
                for pid in pids():
                    peaks[pid] = max(peaks.get(pid, 0.0), rss_mb(pid))
                await asyncio.sleep(0.5)

        sampler = asyncio.create_task(sample())
        start = time.monotonic()
        stop_at = start + seconds
        # Patients are spread over the URLs in turn (several processes, or one front door).
        cycle = itertools.cycle(urls)
        await asyncio.gather(
            *(_patient(session, next(cycle), f"{prefix}-{i}", stop_at, result, timeout) for i in range(concurrency))
        )
        result.elapsed = time.monotonic() - start
        sampler.cancel()
        for pid in pids():
            peaks[pid] = max(peaks.get(pid, 0.0), rss_mb(pid))
        result.rss_mb = [peaks[p] for p in sorted(peaks)]
    return result


async def _one_conversation(
    session: aiohttp.ClientSession, url: str, prefix: str, result: Result, timeout: float
) -> None:
    sender = f"{prefix}-{uuid.uuid4().hex[:12]}"
    for text in CONVERSATION:
        try:
            async with session.post(
                f"{url}/webhooks/rest/webhook",
                json={"sender": sender, "message": text},
                timeout=aiohttp.ClientTimeout(total=timeout),
            ) as reply:
                await reply.read()
        except (aiohttp.ClientError, asyncio.TimeoutError):
            result.errors += 1


def run(
    urls: Sequence[str],
    concurrency: int,
    seconds: float,
    pids: Callable[[], List[int]],
    prefix: str = "bench",
    timeout: float = 60,
    warmup: int = 1,
) -> Result:
    """Drives `concurrency` closed-loop patients for `seconds` and returns what it measured."""
    return asyncio.run(_run(list(urls), concurrency, seconds, pids, prefix, timeout, warmup))


def first_answer(url: str, deadline: float) -> Optional[float]:
    """Seconds from now until the first message gets an answer (None if none before the deadline)."""

    async def go() -> Optional[float]:
        start = time.monotonic()
        async with aiohttp.ClientSession() as session:
            while time.monotonic() < deadline:
                try:
                    async with session.post(
                        f"{url}/webhooks/rest/webhook",
                        json={"sender": f"cold-{uuid.uuid4().hex[:8]}", "message": CONVERSATION[0]},
                        timeout=aiohttp.ClientTimeout(total=10),
                    ) as reply:
                        if reply.status == 200 and isinstance(await reply.json(content_type=None), list):
                            return time.monotonic() - start
                except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
                    pass
                await asyncio.sleep(0.1)
        return None

    return asyncio.run(go())


HEADER = (
    f"{'system':38s} {'conc':>5s} {'msgs':>6s} {'msg/s':>7s} {'p50 ms':>7s} {'p95 ms':>7s} "
    f"{'max ms':>7s} {'errors':>6s} {'no reply':>8s}  RSS MB per Rasa process"
)


def row(system: str, result: Result) -> str:
    rss = ", ".join(f"{r:.0f}" for r in result.rss_mb) or "-"
    return (
        f"{system:38s} {result.concurrency:5d} {len(result.latencies):6d} {result.rate:7.1f} "
        f"{result.percentile(0.5):7.1f} {result.percentile(0.95):7.1f} "
        f"{(max(result.latencies) * 1000 if result.latencies else float('nan')):7.1f} {result.errors:6d} "
        f"{result.silent:8d}  {rss}"
    )
