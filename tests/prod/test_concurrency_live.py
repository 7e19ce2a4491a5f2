"""50 patients at once, 20 turns each, over 2 Rasa processes behind nginx (issue 9 item 2): no errors, no
reply to the wrong patient, every conversation in order in PostgreSQL, and the dosing form carried on when
consecutive turns land on different processes. A test (bounded, loopback only), not a benchmark."""

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import List

import pytest
import requests

from tests.helpers import new_sender
from tests.prod.patients import TURNS, fits, in_order, say, script, stored, user_turns

pytestmark = [pytest.mark.model, pytest.mark.servers]

PATIENTS = 50
# These patients send their turns alternately to each Rasa process directly, the rest through nginx.
ACROSS = 10
# The whole load, on a busy 2-core machine (measured: 16 to 30 s).
LOAD_WITHIN = 150


def converse(patient: int, sender: str, doors: List[str]) -> List[str]:
    """Plays one patient's script, turn i to doors[i % len(doors)]; returns every problem seen."""
    problems = []
    with requests.Session() as session:
        for turn, (text, wanted) in enumerate(script(patient)):
            status, said = say(session, doors[turn % len(doors)], sender, text)
            if status != 200 or not fits(said, wanted):
                problems.append(
                    f"patient {patient} turn {turn} ({text!r}): HTTP {status}, wanted {wanted}, got {said[:120]!r}"
                )
    return problems


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100  # utime, stime in clock ticks (USER_HZ is 100)


def test_fifty_patients_at_once_over_two_processes(topology):
    senders = [new_sender(f"load{patient}") for patient in range(PATIENTS)]
    doors = [topology.rasa_urls if patient < ACROSS else [topology.url] for patient in range(PATIENTS)]
    pids = topology.rasa_pids()
    cpu_before = [cpu_seconds(pid) for pid in pids]
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=PATIENTS) as pool:
        problems = [p for found in pool.map(converse, range(PATIENTS), senders, doors) for p in found]
    took = time.monotonic() - start
    cpu = [cpu_seconds(pid) - before for pid, before in zip(pids, cpu_before, strict=True)]
    print(
        f"\n{PATIENTS * TURNS} messages in {took:.0f} s ({PATIENTS * TURNS / took:.1f}/s); "
        f"CPU s per Rasa process: {', '.join(f'{c:.0f}' for c in cpu)}"
    )

    assert problems == [], f"{len(problems)} problems, first: {problems[:10]}"
    assert took < LOAD_WITHIN
    assert topology.rasa_pids() == pids, "a Rasa process died under the load"
    # Through nginx both processes worked: the direct turns alone would give the second one a tenth.
    assert min(cpu) > 0.3 * sum(cpu), f"nginx did not spread the load: CPU seconds {cpu}"
    conversations = stored(topology.pg_dsn, senders)
    for patient, sender in enumerate(senders):
        wrong = in_order(conversations[sender], [text for text, _ in script(patient)])
        assert wrong == [], f"patient {patient} ({'across processes' if patient < ACROSS else 'nginx'}): {wrong}"


def test_one_patient_sending_to_both_processes_at_once_is_answered_one_message_at_a_time(topology):
    """A double send (two tabs, a retry): the shared lock makes one process wait for the other, so each
    message is answered on the whole conversation and the turns never interleave in the database."""
    sender = new_sender("twice")
    pairs = [("what is LDN", ("what_is_ldn",)), ("what are the side effects", ("side_effects",))]
    sent = []
    for _ in range(5):
        with ThreadPoolExecutor(max_workers=2) as pool:
            replies = list(
                pool.map(lambda door, turn: say(requests.Session(), door, sender, turn[0]), topology.rasa_urls, pairs)
            )
        assert all(
            status == 200 and fits(said, turn[1]) for (status, said), turn in zip(replies, pairs, strict=True)
        ), replies
        sent += [text for text, _ in pairs]
    events = stored(topology.pg_dsn, [sender])[sender]
    said = user_turns(events)
    assert sorted(said) == sorted(sent)
    assert in_order(events, said) == [], "two messages of one conversation were handled at once"
