"""Scores understanding on a set of patients' questions, over REST on live servers: passed, by kind.

A set is JSON lines: {"id", "kind", "turns": [...], "expect"}; the reply to the last turn is scored
(the turns before it are the conversation so far). `expect` is one of:
  answer:<topic>            that topic's answer (a name in bot/knowledge/answers.yml)
  both:<a>+<b>              both parts answered; a part may be "not_covered"
  bridge:<topic>            a nearby subject: the related topic's answer (bridging wording not required)
  not_covered               the honest not-covered reply, and no topic answer
  other_subject             no topic answer, no "say it another way": the assistant says what it covers (the
                            off-topic, not-covered or topics reply; not a goodbye or the own-dose reply)
  opioid | own_dose         the opioid warning | the own-dose reply
  ask_dose_time | guidance_* the dosing-time conversation started: its question, or (when the message told the time
                            taken now: "i take mine at night, whos doing it right") its next one | its guidance

usage: python -m scripts.bench.understanding SET.jsonl [...] [--model build/models/ldn.tar.gz] [--misses] [--negatives]
(`make benchmark ONLY=understanding` scores the rounds in data/understanding/.)
Ports are free ones picked at start, or BENCH_PORT and BENCH_ACTION_PORT when set.
Not a test: it asserts nothing.
"""

import argparse
import os
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Dict, List, Optional

from scripts.bench.triage import ROOT, load_set, rest_replier

# Replies named by their knowledge entry; the not-covered reply is known by its words before {subject}.
SINGLE = {"opioid": "opioid_interaction", "own_dose": "individual_dose"}
NOT_A_QUESTION = ("rephrase",)  # "say it another way": wrong for a clear question on any subject
# Replies that say what the assistant covers, as a clear question on another subject should get (since session 25:
# before, any reply without a topic answer passed, "Take care!" and the own-dose reply to "vitamin D every other day,
# is that ok" too).
SAYS_WHAT_IT_COVERS = ("out_of_scope", "default", "topics")
# The dosing-time conversation's question after the time: where it starts when the message told the time taken now.
DOSING_NEXT = "ask_sleep_trouble"


def _flat(text: str) -> str:
    from bot.channels.formatting import plain

    return " ".join(plain(text).split())


def bodies() -> Dict[str, str]:
    """Every knowledge entry's text as a reply shows it, without its source line, flattened."""
    from bot import knowledge
    from bot.nlg import render

    return {name: _flat(render(name).split("\nSource:")[0]) for name in knowledge.load()}


def not_covered_words() -> str:
    from bot import knowledge, settings

    return _flat(knowledge.load()["not_covered"].text.split("{subject}")[0].format(**settings.load()))


def outcome(expect: str, reply: str, texts: Dict[str, str], not_covered: str) -> Dict[str, Any]:
    """Whether the reply does what `expect` asks, and which topic answers it gave."""
    from bot import knowledge

    reply = _flat(reply)
    given = {e.name for e in knowledge.answers() if texts[e.name] in reply}
    said_not_covered = not_covered in reply
    kind, _, arg = expect.partition(":")
    if kind in ("answer", "bridge"):
        ok = arg in given
    elif kind == "both":
        ok = all(said_not_covered if part == "not_covered" else part in given for part in arg.split("+"))
    elif kind == "not_covered":
        ok = said_not_covered and not given
    elif kind == "other_subject":
        ok = (
            not given
            and not any(texts[name] in reply for name in NOT_A_QUESTION)
            and (said_not_covered or any(texts[name] in reply for name in SAYS_WHAT_IT_COVERS))
        )
    elif kind == "ask_dose_time":
        # (the talk started with the time told, since session 24: its next question)
        ok = texts["ask_dose_time"] in reply or texts[DOSING_NEXT] in reply
    else:
        ok = texts[SINGLE.get(kind, kind)] in reply
    return {"ok": ok, "given": sorted(given)}


def print_table(title: str, scored: List[Dict[str, Any]], misses: bool) -> None:
    per: Dict[str, Counter] = defaultdict(Counter)
    for item in scored:
        per[item["kind"]]["n"] += 1
        per[item["kind"]]["ok"] += item["ok"]
        # A topic answer where the honest reply names no topic: the kind of error that misleads.
        wrong = item["expect"] in ("not_covered", "other_subject") and item["given"]
        per[item["kind"]]["wrong"] += bool(wrong)
    print(f"\n{title}\n{'kind':24s} {'n':>4s} {'passed':>7s} {'topic answer where none':>24s}")
    for kind in sorted(per):
        c = per[kind]
        print(f"{kind:24s} {c['n']:4d} {c['ok'] / c['n']:7.1%} {c['wrong']:24d}")
    total = sum(c["n"] for c in per.values())
    print(
        f"{'all':24s} {total:4d} {sum(c['ok'] for c in per.values()) / total:7.1%} "
        f"{sum(c['wrong'] for c in per.values()):24d}"
    )
    if misses:
        opening = bodies()["disclaimer"]  # the first reply of a conversation opens with it: show what follows
        for item in scored:
            if not item["ok"]:
                reply = _flat(item["reply"]).replace(opening, "").strip()
                print(f"  MISS {item['id']} [{item['expect']}] {item['turns'][-1][:110]!r} -> {reply[:110]!r}")


def negatives_table(reply_to, texts: Dict[str, str], misses: bool = False) -> None:
    """Held-out off-topic and not-covered text (bot/nlu/negatives.py) over REST: topic answers given, as a
    first message and right after an LDN answer (where LDN goes without saying, bot/dialogue/understanding_policy.py)."""
    from bot import knowledge
    from bot.nlu import negatives

    answers = [e.name for e in knowledge.answers()]
    print(f"\n{'held-out negatives over REST':28s} {'n':>5s} {'first message':>14s} {'after an answer':>16s}")
    per: Dict[str, Counter] = defaultdict(Counter)
    for kind, _, text in negatives.generate("heldout"):
        per[kind]["n"] += 1
        for state, turns in (("first", [text]), ("after", ["what is ldn", text])):
            reply = _flat(reply_to(turns))
            given = [name for name in answers if texts[name] in reply]
            per[kind][state] += bool(given)
            if given and misses:
                print(f"  TOPIC {kind} {state}: {text[:90]!r} -> {given}")
    for kind in sorted(per):
        c = per[kind]
        print(f"{kind:28s} {c['n']:5d} {c['first'] / c['n']:14.1%} {c['after'] / c['n']:16.1%}")


def rest_tables(model: Path, sets: List[Path], misses: bool = False, with_negatives: bool = False) -> None:
    """Every item of the sets, over REST on live servers started for it."""
    from bot.serve import servers
    from tests.helpers import free_port

    os.environ.update({"RATE_LIMIT_PER_IP": "0", "RATE_LIMIT_PER_SENDER": "0"})
    texts, not_covered = bodies(), not_covered_words()
    # BENCH_PORT / BENCH_ACTION_PORT pin the ports (engineers sharing a machine each have a range).
    port = int(os.environ.get("BENCH_PORT") or free_port())
    action_port = int(os.environ.get("BENCH_ACTION_PORT") or free_port())
    with servers(
        model, port=port, action_port=action_port, tracker_db=ROOT / "build" / "bench-understanding.db"
    ) as running:
        reply_to = rest_replier(running.url, [])
        for path in sets:
            scored = []
            for item in load_set(path):
                reply = reply_to(item["turns"])
                scored.append({**item, "reply": reply, **outcome(item["expect"], reply, texts, not_covered)})
            print_table(f"{path.name} over REST", scored, misses)
        if with_negatives:
            negatives_table(reply_to, texts, misses)


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--model", type=Path, default=ROOT / "build" / "models" / "ldn.tar.gz")
    parser.add_argument("--misses", action="store_true", help="list every item scored wrong")
    parser.add_argument(
        "--negatives",
        action="store_true",
        help="also the held-out negatives: topic answers as a first message and after an answer",
    )
    args = parser.parse_args(argv)
    rest_tables(args.model, args.sets, args.misses, args.negatives)


if __name__ == "__main__":
    main()
