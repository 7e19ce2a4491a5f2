"""Prints benchmark tables: held-out NLU accuracy, wrong-answer and false-alarm rates, emergency recall per
conversation state, closed-loop REST throughput, latency and memory of a stock `rasa init` bot, `make run`'s server
and the production topology, cold start, a profile of one Rasa process, and the clinic's report's time on 100,000
synthetic conversations.

usage: python scripts/benchmark.py --model build/models/ldn.tar.gz [--only throughput] [--seconds 20]
Not a test: it asserts nothing. Load goes only to servers it starts on loopback.
"""

import argparse
import asyncio
import json
import os
import sys
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path
from typing import Dict, List

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.serve import servers  # noqa: E402
from scripts.bench.throughput import throughput_tables  # noqa: E402
from scripts.synthetic_store import report_timing_table  # noqa: E402
from tests.helpers import free_port  # noqa: E402


def heldout():
    """(intent, text) pairs of the held-out NLU set."""
    data = yaml.safe_load((ROOT / "tests" / "nlu" / "heldout.yml").read_text())
    for block in data["nlu"]:
        for line in block["examples"].splitlines():
            if line.strip():
                yield block["intent"], line.strip()[2:]


def _parse_all(model: Path, texts: List[str]) -> Dict[str, str]:
    from rasa.core.agent import load_agent

    from bot import rasa_cli

    rasa_cli.configure()  # the Rasa of every Rasa process of the assistant

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

    per: Dict[str, Counter] = defaultdict(Counter)
    for expected, text in examples:
        per[expected]["n"] += 1
        per[expected]["ok"] += expected == got[text]
    print(f"\n{'intent':28s} {'n':>4s} {'recall':>7s}")
    for intent in sorted(per):
        print(f"{intent:28s} {per[intent]['n']:4d} {per[intent]['ok'] / per[intent]['n']:7.2f}")
    total = sum(c["ok"] for c in per.values()) / sum(c["n"] for c in per.values())
    print(f"{'overall accuracy':28s} {len(examples):4d} {total:7.3f}")

    topics = {a.intent for a in knowledge.answers()}
    kinds: Dict[str, Counter] = defaultdict(Counter)
    for kind, _, text in negative:
        kinds[kind]["n"] += 1
        kinds[kind]["wrong"] += got[text] in topics
        kinds[kind][got[text]] += 1
    print(
        f"\n{'held-out negatives':20s} {'n':>4s} {'wrong answer':>13s} {'off-topic':>10s} {'not covered':>12s} {'fallback':>9s}"
    )
    for kind in sorted(kinds):
        c = kinds[kind]
        print(
            f"{kind:20s} {c['n']:4d} {c['wrong'] / c['n']:13.1%} {c['out_of_scope'] / c['n']:10.1%} "
            f"{c['not_covered'] / c['n']:12.1%} {c['nlu_fallback'] / c['n']:9.1%}"
        )
    false = sum(got[t] == "emergency" for t in risky)
    print(f"\nfalse alarms: {false} of {len(risky)} risky non-emergency messages ({false / len(risky):.1%})")


def safety_state_table(url: str) -> None:
    """Emergency recall in each conversation state, over REST on the live servers."""
    from scripts.bench.triage import emergency_bodies

    emergencies = [t for intent, t in heldout() if intent == "emergency"]
    replies = emergency_bodies()
    setups = {
        "first message": [],
        "after an answer": ["what is ldn"],
        "form: when": ["when should i take my ldn"],
        "form: sleep": ["when should i take my ldn", "with breakfast"],
    }
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
    req = urllib.request.Request(
        f"{url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=60) as reply:
        return json.loads(reply.read())


PARTS = ("understanding", "triage", "safety", "throughput", "report")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=ROOT / "build" / "models" / "ldn.tar.gz")
    parser.add_argument("--only", action="append", choices=PARTS, help="run only this part (repeatable); default: all")
    parser.add_argument(
        "--systems",
        default="stock,run,prod",
        help="systems the throughput part drives (comma-separated: stock, run, prod)",
    )
    parser.add_argument("--seconds", type=float, default=20, help="seconds of load per row")
    parser.add_argument("--profile-seconds", type=int, default=10, help="py-spy profile length (0: none)")
    args = parser.parse_args()
    parts = set(args.only or PARTS)
    if "understanding" in parts:
        understanding_tables(args.model)
        from scripts.bench.understanding import rest_tables

        rest_tables(args.model, sorted((ROOT / "data" / "understanding").glob("*.jsonl")))
    if "triage" in parts:
        from scripts.bench.triage import benchmark_tables

        benchmark_tables(args.model)
    # All load comes from one loopback address: the per-address and per-sender limits would cut it.
    os.environ.update({"RATE_LIMIT_PER_IP": "0", "RATE_LIMIT_PER_SENDER": "0"})
    if "safety" in parts:
        port, action_port = free_port(), free_port()
        with servers(args.model, port=port, action_port=action_port, tracker_db=ROOT / "build" / "bench.db") as running:
            safety_state_table(running.url)
    if "throughput" in parts:
        throughput_tables(
            args.model, seconds=args.seconds, which=args.systems.split(","), profile_seconds=args.profile_seconds
        )
    if "report" in parts:
        report_timing_table()  # the clinic's report on 100,000 synthetic conversations (scripts/synthetic_store.py)


if __name__ == "__main__":
    main()
