"""Prints benchmark tables: held-out NLU accuracy per intent, and REST throughput and memory of a live server.

usage: python scripts/benchmark.py --model build/models/ldn.tar.gz [--messages 300]
Not a test: it asserts nothing. Throughput traffic goes only to servers it starts on loopback.
"""
import argparse
import asyncio
import json
import sys
import time
import urllib.request
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.serve import servers  # noqa: E402


def heldout():
    data = yaml.safe_load((ROOT / "tests" / "nlu" / "heldout.yml").read_text())
    for block in data["nlu"]:
        for line in block["examples"].splitlines():
            if line.strip():
                yield block["intent"], line.strip()[2:]


def accuracy_table(model: Path) -> None:
    from rasa.core.agent import load_agent

    async def run():
        agent = await load_agent(model_path=str(model))
        return [(intent, (await agent.parse_message(text))["intent"]["name"]) for intent, text in heldout()]

    results = asyncio.run(run())
    per = defaultdict(Counter)
    for expected, got in results:
        per[expected]["n"] += 1
        per[expected]["ok"] += expected == got
    print(f"\n{'intent':28s} {'n':>4s} {'recall':>7s}")
    for intent in sorted(per):
        print(f"{intent:28s} {per[intent]['n']:4d} {per[intent]['ok'] / per[intent]['n']:7.2f}")
    total = sum(c["ok"] for c in per.values()) / sum(c["n"] for c in per.values())
    print(f"{'overall accuracy':28s} {len(results):4d} {total:7.3f}")


def _rss_mb(port: int) -> float:
    import subprocess
    pids = subprocess.run(["pgrep", "-f", f"rasa run --model .* --port {port}"], capture_output=True,
                          text=True).stdout.split()
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def throughput_table(model: Path, messages: int, concurrency: int) -> None:
    texts = ["what is ldn", "what are the side effects", "does ldn help lupus", "are you a bot"]
    with servers(model, port=5205, action_port=5255, tracker_db=ROOT / "build" / "bench.db") as running:
        url = running.url
        def one(i: int) -> float:
            body = json.dumps({"sender": f"bench-{i % 50}", "message": texts[i % len(texts)]}).encode()
            req = urllib.request.Request(f"{url}/webhooks/rest/webhook", data=body,
                                         headers={"Content-Type": "application/json"})
            start = time.perf_counter()
            urllib.request.urlopen(req, timeout=60).read()
            return time.perf_counter() - start

        one(0)  # warm-up
        start = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            latencies = sorted(pool.map(one, range(messages)))
        elapsed = time.perf_counter() - start
        print(f"\n{'messages':>9s} {'conc':>5s} {'msg/s':>7s} {'p50 ms':>7s} {'p95 ms':>7s} {'rasa RSS MB':>12s}")
        print(f"{messages:9d} {concurrency:5d} {messages / elapsed:7.1f} "
              f"{latencies[len(latencies) // 2] * 1000:7.1f} {latencies[int(len(latencies) * .95)] * 1000:7.1f} "
              f"{_rss_mb(5205):12.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=ROOT / "build" / "models" / "ldn.tar.gz")
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    accuracy_table(args.model)
    throughput_table(args.model, args.messages, args.concurrency)


if __name__ == "__main__":
    main()
