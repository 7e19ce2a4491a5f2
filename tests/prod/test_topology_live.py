"""The production topology end to end: nginx's front door over HTTPS and HTTP, PostgreSQL, headers, limits, health."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import psycopg2
import pytest
import requests
import urllib3

from bot.channels.senders import rest_conversation_id
from bot.prod import health
from bot.prod.topology import ROOT
from bot.settings import service
from tests.helpers import new_sender

# The front door's certificate is the self-signed one made for local use.
urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)


def say(url, sender, message, **headers):
    return requests.post(
        f"{url}/webhooks/rest/webhook",
        json={"sender": sender, "message": message},
        headers=headers,
        verify=False,
        timeout=60,
    )


def events_of(dsn, conversation):
    with psycopg2.connect(dsn) as conn, conn.cursor() as cur:
        cur.execute("SELECT type_name, data FROM events WHERE sender_id = %s ORDER BY id", (conversation,))
        return cur.fetchall()


@pytest.mark.parametrize("door", ["url", "http_url"])
@pytest.mark.servers
@pytest.mark.model
def test_the_front_door_answers_and_the_conversation_is_kept_in_postgresql(topology, door):
    base = getattr(topology, door)
    assert base.startswith("https://" if door == "url" else "http://")
    sender = new_sender("prod")
    reply = say(base, sender, "What is LDN?")
    assert reply.status_code == 200, reply.text
    assert "naltrexone" in " ".join(m.get("text", "") for m in reply.json()).lower()
    assert say(base, sender, "thanks").status_code == 200
    kinds = [kind for kind, _ in events_of(topology.pg_dsn, rest_conversation_id(sender))]
    assert kinds.count("user") == 2 and "bot" in kinds


@pytest.mark.servers
@pytest.mark.model
def test_every_rasa_process_serves_the_same_conversations(topology):
    """Turns of one conversation on different processes: each reads what the other saved in PostgreSQL."""
    sender = new_sender("prod")
    for index, url in enumerate(topology.rasa_urls * 2):
        assert say(url, sender, "What is LDN?" if index % 2 == 0 else "thanks").status_code == 200
    kinds = [kind for kind, _ in events_of(topology.pg_dsn, rest_conversation_id(sender))]
    assert kinds.count("user") == 4


@pytest.mark.servers
@pytest.mark.model
def test_security_headers_are_sent_once_each(topology):
    page = requests.get(f"{topology.url}/webhooks/widget/", verify=False, timeout=30)
    answer = say(topology.url, new_sender("prod"), "hello")
    assert page.status_code == 200 and answer.status_code == 200
    for reply in (page, answer):
        headers = reply.raw.headers
        for name in (
            "Content-Security-Policy",
            "X-Content-Type-Options",
            "Referrer-Policy",
            "Strict-Transport-Security",
            "Permissions-Policy",
        ):
            assert len(headers.getlist(name)) == 1, (reply.url, name, headers.getlist(name))
        assert headers["X-Content-Type-Options"] == "nosniff"
    # The widget's page keeps its own policy (it may be framed by its own site); other answers get the strict one.
    assert "frame-ancestors 'self'" in page.headers["Content-Security-Policy"]
    assert answer.headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert "nginx/" not in page.headers.get("Server", "")  # no version to pick an exploit by


@pytest.mark.servers
@pytest.mark.model
def test_a_body_over_the_limit_is_refused_by_nginx(topology):
    limit = service().max_body_bytes
    big = say(topology.url, new_sender("prod"), "x" * limit)
    assert big.status_code == 413 and big.json() == {"error": "The request is too large."}
    # Just under the limit (padded, since a message itself is capped far lower): nginx lets it through.
    body = {"sender": new_sender("prod"), "message": "hello", "metadata": {"pad": "x" * (limit - 200)}}
    under = requests.post(f"{topology.url}/webhooks/rest/webhook", json=body, verify=False, timeout=60)
    assert under.status_code == 200, under.text


@pytest.mark.servers
@pytest.mark.model
def test_the_https_pages_own_origin_is_allowed_and_another_site_is_not(topology):
    """The app believes nginx's X-Forwarded-Proto (a trusted proxy), so the widget works over HTTPS."""
    assert say(topology.url, new_sender("prod"), "hello", Origin=topology.url).status_code == 200
    assert say(topology.url, new_sender("prod"), "hello", Origin="https://evil.example").status_code == 403


@pytest.mark.servers
@pytest.mark.model
def test_health_of_nginx_and_of_each_part(topology):
    paths = ["/health", "/health/rasa", "/health/actions"] + [
        f"/health/rasa/{i}" for i in range(len(topology.rasa_urls))
    ]
    for path in paths:
        reply = requests.get(f"{topology.url}{path}", verify=False, timeout=30)
        assert reply.status_code == 200 and reply.json()["status"] == "ok", (path, reply.text)
    assert len(set(topology.rasa_pids())) == 2 and topology.down() == []


def _up(tmp_path, **env):
    """`python -m bot.prod up` with a model that does not exist: it stops at the first check it fails."""
    full = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PROD_DIR": str(tmp_path),
        "ALLOW_PLACEHOLDERS": "",
        "CLINIC_PHONE": "",
        "CLINIC_WEBSITE": "",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "bot.prod", "up", "--model", str(tmp_path / "none.tar.gz")],
        cwd=ROOT,
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_a_production_start_with_the_example_clinics_details_is_refused(tmp_path):
    started = time.monotonic()
    refused = _up(tmp_path)
    assert refused.returncode == 1 and "refusing to start" in refused.stderr and "CLINIC_PHONE" in refused.stderr
    assert time.monotonic() - started < 60 and not list(tmp_path.iterdir())  # nothing was started or written
    trial = _up(tmp_path, ALLOW_PLACEHOLDERS="1")
    assert trial.returncode == 1 and "refusing" not in trial.stderr and "make train" in trial.stderr
    real = _up(tmp_path, CLINIC_PHONE="+1 617 432 1000", CLINIC_WEBSITE="https://www.realclinic.org")
    assert real.returncode == 1 and "refusing" not in real.stderr and "make train" in real.stderr


@pytest.mark.servers
@pytest.mark.model
def test_every_part_reports_its_health_and_a_broken_one_is_named(topology):
    checks = topology.health()
    assert [c.part for c in checks] == [
        "nginx",
        "Rasa process 0",
        "Rasa process 1",
        "action server",
        "PostgreSQL",
        "Redis",
    ]
    assert all(c.ok for c in checks), checks
    wrong_password = topology.redis_url.replace("@", "x@", 1)
    broken = {c.part: c.ok for c in health.check(topology.http_url, 3, topology.pg_dsn + "x", wrong_password)}
    assert broken == {
        "nginx": True,
        "Rasa process 0": True,
        "Rasa process 1": True,
        "Rasa process 2": False,
        "action server": True,
        "PostgreSQL": False,
        "Redis": False,
    }


@pytest.mark.servers
@pytest.mark.model
def test_no_log_holds_a_password(topology):
    from tests.prod.conftest import TOPOLOGY_ENV

    assert say(topology.url, new_sender("prod"), "hello").status_code == 200
    files = {path.name: path.read_text(errors="replace") for path in topology.logs.glob("*.log")}
    assert {"postgres.log", "redis.log", "actions.log", "rasa-0.log", "rasa-1.log"} <= set(files)
    assert all(files[name] for name in ("postgres.log", "redis.log", "rasa-0.log"))  # something was searched
    logs = "".join(files.values())
    assert "supervisord.log" in files and "spawned: 'rasa-0'" in files["supervisord.log"]
    generated = topology.supervisord.conf.read_text() + (topology.workdir / "endpoints.yml").read_text()
    for name in ("PG_PASSWORD", "REDIS_PASSWORD"):
        assert TOPOLOGY_ENV[name] not in logs + generated, name


@pytest.mark.servers
@pytest.mark.model
def test_the_readmes_backup_restores_a_lost_conversation(topology, tmp_path):
    sender = new_sender("backup")
    assert say(topology.http_url, sender, "What is LDN?").status_code == 200
    conversation = rest_conversation_id(sender)
    saved = events_of(topology.pg_dsn, conversation)
    db = urlsplit(topology.pg_dsn)
    env = {**os.environ, "PGPASSWORD": unquote(db.password)}
    where = ["-h", db.hostname, "-p", str(db.port), "-U", db.username]
    dump = tmp_path / "ldn.dump"
    subprocess.run(["pg_dump", *where, "-Fc", db.path.lstrip("/"), "-f", str(dump)], env=env, check=True, timeout=60)
    with psycopg2.connect(topology.pg_dsn) as conn, conn.cursor() as cur:
        cur.execute("DELETE FROM events WHERE sender_id = %s", (conversation,))  # lost after the backup
    assert events_of(topology.pg_dsn, conversation) == []
    subprocess.run(
        ["pg_restore", *where, "-d", db.path.lstrip("/"), "--clean", "--if-exists", str(dump)],
        env=env,
        check=True,
        timeout=60,
    )
    assert events_of(topology.pg_dsn, conversation) == saved
    after = new_sender("backup")  # the assistant goes on saving into the restored table
    assert say(topology.http_url, after, "hello").status_code == 200
    assert events_of(topology.pg_dsn, rest_conversation_id(after))


@pytest.mark.servers
def test_a_failed_start_stops_everything_it_started_and_shows_why(model_path):
    from bot.prod.topology import Ports, Topology
    from tests.helpers import free_port
    from tests.prod.conftest import TOPOLOGY_ENV

    work = Path(tempfile.mkdtemp(prefix="ldn-prod-fail-"))  # PostgreSQL's user must reach it (not pytest's tmp)
    ports = Ports(free_port(), free_port(), free_port(), free_port(), free_port(), [free_port()])
    taken = socket.create_server(("127.0.0.1", ports.action))  # the action server cannot listen: it exits
    topology = None
    try:
        with pytest.MonkeyPatch.context() as patch:
            for name, value in TOPOLOGY_ENV.items():
                patch.setenv(name, value)
            bogus = work / "bogus.tar.gz"
            bogus.write_bytes(b"not a model")
            with pytest.raises(RuntimeError, match="not a trained model"):  # refused before anything starts
                Topology(work, model=bogus, rasa_processes=1, ports=ports).start()
            topology = Topology(work, model=model_path, rasa_processes=1, ports=ports, timeout=120)
            with pytest.raises(RuntimeError) as failed:
                topology.start()
        assert "the action server" in str(failed.value) and "actions.log" in str(failed.value)
        for port in (ports.postgres, ports.redis, *ports.rasa, ports.http, ports.https):
            with pytest.raises(OSError):
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
        assert not topology.supervisord.answers()
    finally:
        taken.close()
        if topology:
            topology.stop()
        shutil.rmtree(work, ignore_errors=True)
