"""Prints benchmark tables: held-out NLU accuracy, wrong-answer and false-alarm rates, emergency recall per
conversation state, REST throughput and memory of a live server, and the clinic's report's time on 100,000
synthetic conversations.

usage: python scripts/benchmark.py --model build/models/ldn.tar.gz [--messages 300]
Not a test: it asserts nothing. Throughput traffic goes only to servers it starts on loopback.
"""
import argparse
import asyncio
import json
import os
import sys
import time
import urllib.request
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, List

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.serve import servers  # noqa: E402
from tests.helpers import free_port  # noqa: E402
from scripts.synthetic_store import report_timing_table  # noqa: E402


def heldout():
    """(intent, text) pairs of the held-out NLU set."""
    data = yaml.safe_load((ROOT / "tests" / "nlu" / "heldout.yml").read_text())
    for block in data["nlu"]:
        for line in block["examples"].splitlines():
            if line.strip():
                yield block["intent"], line.strip()[2:]


def _parse_all(model: Path, texts: List[str]) -> Dict[str, str]:
    from rasa.core.agent import load_agent

    async def run():
        agent = await load_agent(model_path=str(model))
        return {text: (await agent.parse_message(text))["intent"]["name"] for text in texts}

    return asyncio.run(run())


def understanding_tables(model: Path) -> None:
    """Held-out accuracy per intent; wrong article answers per kind of negative; false alarms."""
    from bot import knowledge
    from bot.nlu import negatives

    examples = list(heldout())
    negative = negatives.generate("heldout")
    alarms = yaml.safe_load((ROOT / "tests" / "nlu" / "false_alarms.yml").read_text())
    risky = alarms["risky_words"] + alarms["past_procedure"]
    got = _parse_all(model, [t for _, t in examples] + [t for _, _, t in negative] + risky)

    per = defaultdict(Counter)
    for expected, text in examples:
        per[expected]["n"] += 1
        per[expected]["ok"] += expected == got[text]
    print(f"\n{'intent':28s} {'n':>4s} {'recall':>7s}")
    for intent in sorted(per):
        print(f"{intent:28s} {per[intent]['n']:4d} {per[intent]['ok'] / per[intent]['n']:7.2f}")
    total = sum(c["ok"] for c in per.values()) / sum(c["n"] for c in per.values())
    print(f"{'overall accuracy':28s} {len(examples):4d} {total:7.3f}")

    topics = {a.intent for a in knowledge.answers()}
    kinds = defaultdict(Counter)
    for kind, _, text in negative:
        kinds[kind]["n"] += 1
        kinds[kind]["wrong"] += got[text] in topics
        kinds[kind][got[text]] += 1
    print(f"\n{'held-out negatives':20s} {'n':>4s} {'wrong answer':>13s} {'off-topic':>10s} {'not covered':>12s} {'fallback':>9s}")
    for kind in sorted(kinds):
        c = kinds[kind]
        print(f"{kind:20s} {c['n']:4d} {c['wrong'] / c['n']:13.1%} {c['out_of_scope'] / c['n']:10.1%} "
              f"{c['not_covered'] / c['n']:12.1%} {c['nlu_fallback'] / c['n']:9.1%}")
    false = sum(got[t] == "emergency" for t in risky)
    print(f"\nfalse alarms: {false} of {len(risky)} risky non-emergency messages ({false / len(risky):.1%})")


def safety_state_table(url: str) -> None:
    """Emergency recall in each conversation state, over REST on the live servers."""
    from bot.dialogue.safety_policy import EMERGENCY_REPLIES
    from bot.nlg import render

    emergencies = [t for intent, t in heldout() if intent == "emergency"]
    replies = [render(r[len("utter_"):]).split("\nSource:")[0] for _, r in EMERGENCY_REPLIES]
    setups = {"first message": [], "after an answer": ["what is ldn"],
              "form: when": ["when should i take my ldn"],
              "form: sleep": ["when should i take my ldn", "with breakfast"]}
    print(f"\n{'emergency recall':20s} {'n':>4s} {'recall':>7s}")
    for state, before in setups.items():
        caught = 0
        for i, text in enumerate(emergencies):
            sender = f"bench-state-{state.replace(' ', '-').replace(':', '')}-{i}"
            for line in before:
                _post(url, sender, line)
            reply = " ".join(m.get("text", "") for m in _post(url, sender, text))
            caught += any(r in reply for r in replies)
        print(f"{state:20s} {len(emergencies):4d} {caught / len(emergencies):7.2f}")


def _post(url: str, sender: str, text: str) -> list:
    body = json.dumps({"sender": sender, "message": text}).encode()
    req = urllib.request.Request(f"{url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as reply:
        return json.loads(reply.read())


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


def throughput_table(url: str, port: int, messages: int, concurrency: int) -> None:
    texts = ["what is ldn", "what are the side effects", "does ldn help lupus", "are you a bot"]

    def one(i: int) -> float:
        start = time.perf_counter()
        _post(url, f"bench-{i % 50}", texts[i % len(texts)])
        return time.perf_counter() - start

    one(0)  # warm-up
    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        latencies = sorted(pool.map(one, range(messages)))
    elapsed = time.perf_counter() - start
    print(f"\n{'messages':>9s} {'conc':>5s} {'msg/s':>7s} {'p50 ms':>7s} {'p95 ms':>7s} {'rasa RSS MB':>12s}")
    print(f"{messages:9d} {concurrency:5d} {messages / elapsed:7.1f} "
          f"{latencies[len(latencies) // 2] * 1000:7.1f} {latencies[int(len(latencies) * .95)] * 1000:7.1f} "
          f"{_rss_mb(port):12.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=ROOT / "build" / "models" / "ldn.tar.gz")
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    understanding_tables(args.model)
    # All load comes from one loopback address: the per-address and per-sender limits would cut it.
    os.environ.update({"RATE_LIMIT_PER_IP": "0", "RATE_LIMIT_PER_SENDER": "0"})
    port, action_port = free_port(), free_port()
    with servers(args.model, port=port, action_port=action_port, tracker_db=ROOT / "build" / "bench.db") as running:
        safety_state_table(running.url)
        throughput_table(running.url, port, args.messages, args.concurrency)
    report_timing_table()  # the clinic's report on 100,000 synthetic conversations (scripts/synthetic_store.py)


if __name__ == "__main__":
    main()
