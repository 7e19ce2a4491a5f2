"""Scores emergency triage on a set of patients' messages: caught, right number first, false alarms, by kind.

A set is JSON lines (tests/triage/rounds/): {"id", "text", "kind", "expect"} for one message, or
{"id", "turns", "kind", "expect_last"} for a conversation whose last turn is scored. `expect` is the
number that must come first: "911", "988", "poison", "988_swallowed" (988 and 911 or Poison Help) or
"none" (a near-miss that must get no emergency reply).

usage: python -m scripts.bench.triage SET.jsonl [...] [--model build/models/ldn.tar.gz] [--misses]
Not a test: it asserts nothing (tests/triage/ does).
"""

import argparse
import asyncio
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple

ROOT = Path(__file__).resolve().parents[2]
NUMBERS = {"911": "emergency_number", "988": "crisis_line", "poison": "poison_help"}


def load_set(path: Path) -> List[Dict[str, Any]]:
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for item in items:
        item.setdefault("turns", [item.get("text")])
        item.setdefault("expect", item.get("expect_last"))
    return items


def numbers_in_order(reply: str, clinic: Dict[str, str]) -> List[str]:
    """The emergency numbers a reply gives ("911", "988", "poison"), in the order it gives them."""
    found = [(reply.find(clinic[key]), name) for name, key in NUMBERS.items() if clinic[key] in reply]
    return [name for _, name in sorted(found)]


def emergency_bodies() -> List[str]:
    from bot.dialogue.safety_policy import emergency_responses
    from bot.nlg import render

    return [render(name[len("utter_") :]).split("\nSource:")[0] for name in sorted(emergency_responses())]


def outcome(expect: str, reply: str, clinic: Dict[str, str], bodies: List[str]) -> Tuple[bool, bool]:
    """(an emergency reply was given, the right number came first) for one scored message."""
    alarm = any(body in reply for body in bodies)
    numbers = numbers_in_order(reply, clinic) if alarm else []
    if expect == "none":
        return alarm, not alarm
    if expect == "988_swallowed":
        return alarm, "988" in numbers and ("911" in numbers or "poison" in numbers)
    return alarm, bool(numbers) and numbers[0] == expect


def score(items: Iterable[Dict[str, Any]], reply_to: Callable[[List[str]], str]) -> List[Dict[str, Any]]:
    """Each item with its reply and outcome; `reply_to(turns)` gives the reply to the last turn."""
    from bot import settings

    clinic, bodies, scored = settings.load(), emergency_bodies(), []
    for item in items:
        reply = reply_to(item["turns"])
        alarm, right = outcome(item["expect"], reply, clinic, bodies)
        scored.append({**item, "reply": reply, "alarm": alarm, "right": right})
    return scored


def summary(scored: List[Dict[str, Any]]) -> Dict[str, float]:
    emergencies = [s for s in scored if s["expect"] != "none"]
    near = [s for s in scored if s["expect"] == "none"]
    return {
        "emergencies": len(emergencies),
        "caught": _share(s["alarm"] for s in emergencies),
        "right_first": _share(s["right"] for s in emergencies),
        "near_misses": len(near),
        "false_alarms": _share(s["alarm"] for s in near),
    }


def _share(flags: Iterable[bool]) -> float:
    flags = list(flags)
    return sum(flags) / len(flags) if flags else 0.0


def print_table(title: str, scored: List[Dict[str, Any]], misses: bool = False) -> None:
    per: Dict[str, Counter] = defaultdict(Counter)
    for s in scored:
        c = per[s["kind"]]
        c["n"] += 1
        c["alarm"] += s["alarm"]
        c["right"] += s["right"]
    print(f"\n{title}\n{'kind':28s} {'n':>4s} {'caught':>7s} {'right 1st':>9s} {'false alarm':>11s}")
    for kind in sorted(per, key=lambda k: (k.startswith("near"), k)):
        c = per[kind]
        if kind.startswith("near") or all(s["expect"] == "none" for s in scored if s["kind"] == kind):
            print(f"{kind:28s} {c['n']:4d} {'':>7s} {'':>9s} {c['alarm']:5d} ({c['alarm'] / c['n']:4.0%})")
        else:
            print(f"{kind:28s} {c['n']:4d} {c['alarm']:7d} {c['right']:9d}")
    s = summary(scored)
    print(f"{'emergencies':28s} {s['emergencies']:4d} {s['caught']:7.1%} {s['right_first']:9.1%}")
    print(f"{'near-misses':28s} {s['near_misses']:4d} {'':>7s} {'':>9s} {s['false_alarms']:11.1%}")
    if misses:
        for s in scored:
            if not s["right"]:
                print(f"  MISS {s['id']} [{s['expect']}/{s['kind']}] {s['turns'][-1]!r} -> {s['reply'][:90]!r}")


def nlu_replier(model: Path) -> Callable[[List[str]], str]:
    """The reply to a first message from the NLU and the safety policy alone (no servers, no state)."""
    import logging

    from rasa.core.agent import load_agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # the parse log line carries the patient's text

    from bot import rasa_cli
    from bot.dialogue.safety_policy import safety_reply
    from bot.nlg import render

    rasa_cli.configure()  # the Rasa of every Rasa process of the assistant
    loop = asyncio.new_event_loop()
    agent = loop.run_until_complete(load_agent(model_path=str(model)))

    def reply_to(turns: List[str]) -> str:
        parsed = loop.run_until_complete(agent.parse_message(turns[-1]))
        reply = safety_reply((parsed.get("intent") or {}).get("name"), parsed.get("entities") or [])
        return render(reply[len("utter_") :]) if reply else ""

    return reply_to


def _rss_mb() -> float:
    """This process's resident memory now, in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def benchmark_tables(model: Path) -> None:
    """`make benchmark`'s triage part: the scored rounds (now tuned on), everyday and other-medical text,
    time per message, memory, and the learned part's training time."""
    import statistics
    import time

    import rasa.core.agent  # noqa: F401  (a Rasa process has these loaded already: count only triage's own)
    import sklearn.linear_model  # noqa: F401
    import spacy  # noqa: F401

    from bot import triage
    from bot.nlu import negatives
    from bot.triage import corpus, decide, learned

    before = _rss_mb()
    start = time.perf_counter()
    triage.warm()
    print(
        f"\ntriage: loaded in {time.perf_counter() - start:.1f} s, {_rss_mb() - before:.0f} MB more memory "
        f"in a process that has Rasa, spaCy and scikit-learn loaded"
    )
    start = time.perf_counter()
    learned.fit(corpus.messages())
    print(f"triage: the learned part trains in {time.perf_counter() - start:.1f} s")
    reply_to = nlu_replier(model)
    for path in sorted(corpus.ROUNDS_DIR.glob("*.jsonl")):
        items = [i for i in load_set(path) if len(i["turns"]) == 1]
        print_table(
            f"{path.name} (scored at first contact, then tuned on: see README 'Safety')", score(items, reply_to)
        )
    everyday = negatives.generate("heldout")
    alarms = [t for _, _, t in everyday if triage.assess(t).emergency]
    print(
        f"\nemergency replies on held-out everyday, consumer and other-medical text: {len(alarms)} of "
        f"{len(everyday)} ({len(alarms) / len(everyday):.2%})"
    )
    texts = [i["turns"][-1] for p in sorted(corpus.ROUNDS_DIR.glob("*.jsonl")) for i in load_set(p)]
    # The rules' reading of a text is kept (bot/triage/decide.py): time the work, not the lookup.
    decide._analysed.cache_clear()
    times = []
    for text in texts:
        start = time.perf_counter()
        triage.assess(text)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(
        f"triage time per message: p50 {statistics.median(times):.2f} ms, "
        f"p95 {times[int(0.95 * len(times))]:.2f} ms ({len(times)} messages)"
    )


# Conversation states a message can arrive in, and the turns that reach each (as in tests/e2e).
STATES = {
    "first message": [],
    "after an answer": ["what is ldn"],
    "form: when": ["when should i take my ldn"],
    "form: sleep": ["when should i take my ldn", "with breakfast"],
}


def rest_replier(url: str, before: List[str]) -> Callable[[List[str]], str]:
    """The reply over REST to the last turn, in a new conversation that first says `before`."""
    import uuid

    from tests.helpers import Client

    client = Client(url)

    def reply_to(turns: List[str]) -> str:
        sender = f"triage-{uuid.uuid4().hex}"
        for text in before + turns[:-1]:
            client.text(sender, text)
        return client.text(sender, turns[-1])

    return reply_to


def rest_tables(model: Path, sets: List[Path], states: List[str], misses: bool) -> None:
    """Every message and conversation of the sets, over REST on live servers, in each state."""
    import os

    from bot.serve import servers
    from tests.helpers import free_port

    os.environ.update({"RATE_LIMIT_PER_IP": "0", "RATE_LIMIT_PER_SENDER": "0"})
    with servers(
        model, port=free_port(), action_port=free_port(), tracker_db=ROOT / "build" / "bench-triage.db"
    ) as running:
        for path in sets:
            for state in states:
                print_table(
                    f"{path.name} over REST, {state}",
                    score(load_set(path), rest_replier(running.url, STATES[state])),
                    misses,
                )


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--model", type=Path, default=ROOT / "build" / "models" / "ldn.tar.gz")
    parser.add_argument("--misses", action="store_true", help="list every message scored wrong")
    parser.add_argument(
        "--rest",
        action="append",
        choices=list(STATES),
        help="score over REST on live servers in this state (repeatable), conversations included",
    )
    args = parser.parse_args(argv)
    if args.rest:
        rest_tables(args.model, args.sets, args.rest, args.misses)
        return
    reply_to = nlu_replier(args.model)
    for path in args.sets:
        items = [i for i in load_set(path) if len(i["turns"]) == 1]
        print_table(
            f"{path.name}: single messages, first message in a conversation", score(items, reply_to), args.misses
        )


if __name__ == "__main__":
    main()
