"""`python -m bot.report` on a synthetic store: tables agree with the rows, retention and forget-me hold, bad input is clear."""

import contextlib
import csv
import importlib.util
import json
import os
import sqlite3
import stat
import time

import pytest

from bot.report import __main__ as cli, read
from bot.store import records
from tests.conftest import ROOT

# Each test builds a synthetic store and writes a report: 4-10 s each, about 45 s in all.
pytestmark = pytest.mark.slow

_spec = importlib.util.spec_from_file_location("synthetic_store", ROOT / "scripts" / "synthetic_store.py")
synthetic = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(synthetic)


def table(folder, name):
    with open(folder / f"{name}.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def one(db, sql, *args):
    with sqlite3.connect(db) as con:
        return con.execute(sql, args).fetchone()[0]


@pytest.fixture
def store(tmp_path):
    db = tmp_path / "tracker.db"
    synthetic.fill(db, 400, seed=7)
    return db


def run(db, tmp_path, *extra):
    out, folder = tmp_path / "report.html", tmp_path / "csv"
    assert cli.main(["--db", str(db), "--out", str(out), "--csv", str(folder), "--quiet", *extra]) == 0
    return out.read_text(encoding="utf-8"), folder


def test_tables_agree_with_the_stored_events(store, tmp_path):
    html, folder = run(store, tmp_path)
    assert sum(int(r["conversations"]) for r in table(folder, "channels")) == 400
    assert sum(int(r["messages"]) for r in table(folder, "per_day")) == one(
        store, "SELECT COUNT(*) FROM events WHERE type_name = 'user'"
    )
    assert sum(int(r["answers given"]) for r in table(folder, "topics")) == one(
        store,
        "SELECT COUNT(*) FROM events WHERE type_name = 'action' AND action_name IN "
        "(SELECT DISTINCT action_name FROM events WHERE action_name LIKE 'utter_%' AND action_name NOT IN "
        "('utter_out_of_scope', 'utter_not_covered', 'utter_rephrase', 'utter_opioid_interaction', "
        "'utter_emergency', 'utter_ask_feedback', 'utter_feedback_thanks', 'utter_ask_feedback_detail', "
        "'utter_feedback_noted'))",
    )
    not_answered = one(
        store,
        "SELECT COUNT(*) FROM events WHERE action_name IN "
        "('utter_out_of_scope', 'utter_not_covered', 'utter_rephrase')",
    )
    assert sum(int(r["count"]) for r in table(folder, "not_answered")) == not_answered
    counts = [int(r["count"]) for r in table(folder, "not_answered")]
    assert counts == sorted(counts, reverse=True)
    helpful = table(folder, "helpfulness")
    assert sum(int(r["yes"]) + int(r["no"]) for r in helpful) == one(
        store, "SELECT COUNT(*) FROM events WHERE type_name = 'slot' AND data LIKE '%helpful%'"
    )
    assert sum(int(r["count"]) for r in table(folder, "feedback_comments")) == one(
        store, "SELECT COUNT(*) FROM events WHERE type_name = 'slot' AND data LIKE '%comment%'"
    )
    assert sum(int(r["emergency"]) for r in table(folder, "safety_per_week")) == one(
        store, "SELECT COUNT(*) FROM events WHERE action_name = 'utter_emergency'"
    )
    # Free text is scrubbed; emergency messages are counted but not shown.
    assert "@example.com" not in html and "Main Street" not in html and "[email]" in html
    for text in synthetic.EMERGENCY:
        assert text not in html
    assert "<script" not in html and "http://" not in html.split("<footer>")[0].replace("http://www.w3.org", "")


def test_emergency_text_only_when_the_clinic_turns_it_on(store, tmp_path):
    html, folder = run(store, tmp_path, "--emergency-text")
    shown = {r["message"] for r in table(folder, "emergency_messages")}
    assert shown and shown <= set(synthetic.EMERGENCY)
    assert any(text in html for text in synthetic.EMERGENCY)


def test_forgotten_and_expired_conversations_never_appear(store, tmp_path, monkeypatch):
    monkeypatch.setenv("RETENTION_DAYS", "30")
    with sqlite3.connect(store) as con:
        con.execute(
            "UPDATE events SET data = replace(data, 'does insurance cover ldn', 'zebra insurance') "
            "WHERE sender_id = (SELECT sender_id FROM events WHERE data LIKE '%does insurance cover ldn%' "
            "ORDER BY id LIMIT 1)"
        )
        forgotten = con.execute("SELECT sender_id FROM events WHERE data LIKE '%zebra insurance%'").fetchone()[0]
        # An old conversation, past retention but not purged yet (purging runs daily).
        old = con.execute("SELECT sender_id FROM events WHERE data LIKE '%hmm%' ORDER BY id LIMIT 1").fetchone()[0]
        con.execute(
            "UPDATE events SET timestamp = timestamp - 40 * 86400, data = replace(data, 'hmm', 'walrus') "
            "WHERE sender_id = ?",
            (old,),
        )
    html, _ = run(store, tmp_path)
    assert "zebra insurance" in html and "walrus" not in html
    records.forget(records.engine_for(str(store)), forgotten)
    html, folder = run(store, tmp_path)
    assert "zebra insurance" not in html
    assert sum(int(r["conversations"]) for r in table(folder, "channels")) == 398


def test_since_and_until_limit_the_days(store, tmp_path):
    today = time.strftime("%Y-%m-%d", time.gmtime())
    _, folder = run(store, tmp_path, "--since", today, "--until", today)
    assert {r["day"] for r in table(folder, "per_day")} <= {today}


def test_progress_is_shown_on_large_stores(store, capsys, monkeypatch):
    monkeypatch.setattr(read, "PROGRESS_ABOVE", 100)
    rows = list(read.rows(read.engine_for(str(store)), 0, time.time() + 86400, 0))
    assert rows and "Reading the store: 100%" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["--db", "/nonexistent/tracker.db"], 1, "no conversation database"),
        (["--since", "2026-13-01"], 2, "is not a date"),
        (["--since", "2026-11-02", "--until", "2026-11-01"], 2, "--since is after --until"),
    ],
)
def test_bad_input_gets_a_clear_message(args, code, message, tmp_path, capsys, store):
    argv = args if "--db" in args else ["--db", str(store), *args]
    with pytest.raises(SystemExit) if code == 2 and "date" in message else contextlib.nullcontext():
        assert cli.main([*argv, "--out", str(tmp_path / "r.html")]) == code
    assert message in capsys.readouterr().err


def test_a_file_that_is_not_a_tracker_store_is_refused_clearly(tmp_path, capsys):
    bad = tmp_path / "other.db"
    with sqlite3.connect(bad) as con:
        con.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, x TEXT)")
    assert cli.main(["--db", str(bad), "--out", str(tmp_path / "r.html")]) == 1
    assert "could not read" in capsys.readouterr().err


# What a patient could type to make a spreadsheet run something (OWASP CSV injection), each as its own message,
# and how the report's CSV shows it (the scrubber joins whitespace; the quote makes it text).
FORMULAS = {
    "=HYPERLINK(1+1) alpha": "'=HYPERLINK(1+1) alpha",
    "+cmd|' /C calc'!A0 bravo": "'+cmd|' /C calc'!A0 bravo",
    "-2+3+cmd charlie": "'-2+3+cmd charlie",
    "@SUM(1+1) delta": "'@SUM(1+1) delta",
    "\t=1+1 echo": "'=1+1 echo",
    "\r=1+1 foxtrot": "'=1+1 foxtrot",
    "   =1+1 golf": "'=1+1 golf",
    "\u3000@SUM(1+1) hotel": "'@SUM(1+1) hotel",
}


def test_report_cells_never_start_a_spreadsheet_formula(store, tmp_path):
    with sqlite3.connect(store) as con:
        fallbacks = con.execute(
            "SELECT u.id, u.data FROM events u JOIN events a ON a.id = u.id + 1 WHERE "
            "u.type_name = 'user' AND a.action_name = 'utter_rephrase' ORDER BY u.id LIMIT ?",
            (len(FORMULAS),),
        ).fetchall()
        for (event_id, data), text in zip(fallbacks, FORMULAS, strict=True):
            data = json.loads(data)
            data["text"] = data["parse_data"]["text"] = text
            con.execute("UPDATE events SET data = ? WHERE id = ?", (json.dumps(data), event_id))
    _, folder = run(store, tmp_path)
    messages = {r["message"] for r in table(folder, "not_answered")}
    assert set(FORMULAS.values()) <= messages, messages
    cells = [c for name in folder.glob("*.csv") for row in csv.reader(open(name, encoding="utf-8")) for c in row]
    assert [c for c in cells if c.lstrip()[:1] in ("=", "+", "-", "@") and not c.startswith("'") and c != "-"] == []


def test_report_files_are_readable_by_their_owner_only(store, tmp_path):
    (tmp_path / "report.html").write_text("old report")
    os.chmod(tmp_path / "report.html", 0o644)  # an earlier report, written before this fix
    _, folder = run(store, tmp_path)
    written = [tmp_path / "report.html", *folder.glob("*.csv")]
    assert len(written) > 5
    assert {f.name: oct(stat.S_IMODE(f.stat().st_mode)) for f in written} == {f.name: "0o600" for f in written}
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_report_that_cannot_be_written_gets_a_clear_message(store, tmp_path, capsys):
    blocked = tmp_path / "file"
    blocked.write_text("")
    assert cli.main(["--db", str(store), "--out", str(blocked / "report.html"), "--quiet"]) == 1
    assert "could not write the report" in capsys.readouterr().err


def test_the_portable_query_for_other_databases_reads_the_same(store):
    engine = read.engine_for(str(store))
    fast = list(read.rows(engine, 0, time.time() + 86400, 0, progress=False))
    portable = list(read.rows(engine, 0, time.time() + 86400, 0, progress=False, sqlite=False))
    assert fast == portable and any(r.kind == "slot" for r in fast) and any(r.text for r in fast)
