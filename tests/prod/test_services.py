"""The production topology's pieces without starting it: secrets, certificate, endpoints file, nginx configuration."""

import itertools
import shlex
import stat
import subprocess

import pytest
import requests
import urllib3
import yaml

from bot.prod import services, supervisord
from bot.prod.supervisord import Program
from bot.prod.topology import Ports, Topology, endpoints_file
from bot.settings import service
from tests.helpers import free_port, private_service, wait_until

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)  # the self-signed certificate


def test_a_generated_secret_is_private_and_kept(tmp_path):
    first, made = services.local_secret(tmp_path / "secrets", "pg_password")
    again, made_again = services.local_secret(tmp_path / "secrets", "pg_password")
    assert made and not made_again and first == again and len(first) >= 24
    assert stat.S_IMODE((tmp_path / "secrets" / "pg_password").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "secrets").stat().st_mode) == 0o700


def test_the_self_signed_certificate_names_loopback_and_its_key_is_private(tmp_path):
    cert, key = services.self_signed_certificate(tmp_path)
    text = subprocess.run(
        ["openssl", "x509", "-in", str(cert), "-noout", "-text"], capture_output=True, text=True, check=True
    ).stdout
    assert "IP Address:127.0.0.1" in text and "DNS:localhost" in text
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    before = cert.read_bytes()
    assert services.self_signed_certificate(tmp_path) == (cert, key) and cert.read_bytes() == before  # kept


def test_the_endpoints_file_shares_postgresql_and_redis_and_keeps_the_rest(tmp_path):
    written = yaml.safe_load(endpoints_file(tmp_path / "endpoints.yml").read_text())
    assert written["tracker_store"]["type"] == "bot.store.tracker_store.ClinicTrackerStore"
    assert written["tracker_store"]["dialect"] == "postgresql"
    assert written["tracker_store"]["password"] == "${PG_PASSWORD}"  # from the environment, never the file
    assert written["lock_store"]["password"] == "${REDIS_PASSWORD}"
    assert "redis" in written["lock_store"]["type"].lower()
    assert written["nlg"] == {"type": "bot.nlg.ClinicNLG"}  # taken from endpoints.yml, not copied
    assert written["action_endpoint"]["url"] == "${ACTION_ENDPOINT_URL}"


def test_a_template_name_without_a_value_is_an_error():
    assert services.render("listen {{port}};", {"port": 80}) == "listen 80;"
    with pytest.raises(ValueError, match="port"):
        services.render("listen {{port}};", {})


@pytest.mark.services
def test_nginx_accepts_the_rendered_configuration(tmp_path):
    services.require_installed()
    topology = Topology(tmp_path, rasa_processes=2, ports=Ports(8080, 8443, 5056, 5433, 6380, [5010, 5011]))
    cert, key = services.self_signed_certificate(tmp_path / "tls")
    nginx = services.Nginx(tmp_path / "nginx", topology._nginx_values(cert, key), tmp_path / "nginx.log")
    nginx.prepare()  # raises with nginx's complaint
    conf = nginx.conf.read_text()
    assert "server 127.0.0.1:5010 max_fails=1" in conf and "server 127.0.0.1:5011 max_fails=1" in conf
    assert f"client_max_body_size {service().max_body_bytes};" in conf
    retry = next(line for line in conf.splitlines() if line.strip().startswith("proxy_next_upstream "))
    assert "non_idempotent" not in retry  # a message that reached a process is never run twice


def test_processes_need_as_many_ports(tmp_path):
    with pytest.raises(ValueError, match="ports"):
        Topology(tmp_path, rasa_processes=3, ports=Ports(1, 2, 3, 4, 5, [6, 7]))


@pytest.mark.services
@pytest.mark.parametrize("listen, redirects", [("127.0.0.1", False), ("0.0.0.0", True)])
def test_plain_http_redirects_to_https_where_patients_can_reach_it(tmp_path, monkeypatch, listen, redirects):
    monkeypatch.setenv("NGINX_LISTEN", listen)
    topology = Topology(tmp_path, rasa_processes=1, ports=Ports(8080, 8443, 5056, 5433, 6380, [5010]))
    cert, key = services.self_signed_certificate(tmp_path / "tls")
    nginx = services.Nginx(tmp_path / "nginx", topology._nginx_values(cert, key), tmp_path / "nginx.log")
    nginx.prepare()
    conf = nginx.conf.read_text()
    assert f"listen {listen}:8080;" in conf
    assert ("return 308 https://$host:8443$request_uri" in conf) == redirects


@pytest.mark.services
def test_nginx_alone_redirects_plain_http_and_answers_its_own_health(tmp_path, monkeypatch):
    """On an address that is not 127.0.0.1 (127.0.0.2 stands in for a public one, still loopback)."""
    monkeypatch.setenv("NGINX_LISTEN", "127.0.0.2")
    ports = Ports(free_port(), free_port(), free_port(), free_port(), free_port(), [free_port()])
    topology = Topology(tmp_path, rasa_processes=1, ports=ports)
    cert, key = services.self_signed_certificate(tmp_path / "tls")
    values = topology._nginx_values(cert, key)
    with private_service("ldn-nginx-", lambda work: services.Nginx(work / "nginx", values, work / "nginx.log")):
        moved = requests.post(
            f"http://127.0.0.2:{ports.http}/webhooks/rest/webhook?x=1", json={}, allow_redirects=False, timeout=10
        )
        assert moved.status_code == 308
        assert moved.headers["Location"] == f"https://127.0.0.2:{ports.https}/webhooks/rest/webhook?x=1"
        assert requests.get(f"http://127.0.0.2:{ports.http}/health", timeout=10).json()["part"] == "nginx"
        # Over HTTPS the message goes to Rasa, which is not running here: nginx's 502, not a redirect.
        assert (
            requests.post(
                f"https://127.0.0.2:{ports.https}/webhooks/rest/webhook", json={}, verify=False, timeout=10
            ).status_code
            == 502
        )


@pytest.mark.services
def test_a_start_needs_the_services_installed_and_never_installs_them(monkeypatch):
    services.require_installed()  # `make services` ran (make test and make run-prod depend on it)
    monkeypatch.setitem(services.PROGRAMS, "nonesuch", "ldn-no-such-server")
    with pytest.raises(RuntimeError, match="nonesuch.*make services"):
        services.require_installed()


def test_services_get_only_their_own_environment_and_stop_after_the_rasa_processes(tmp_path):
    pg = services.Postgres(tmp_path / "pg", 5433, "ldn", "ldn", "secret-pw", tmp_path / "pg.log")
    text = supervisord.config(tmp_path, tmp_path, [pg.program(), Program("rasa-0", ["rasa"], tmp_path / "r.log")])
    command = next(line for line in text.splitlines() if line.startswith("command=") and "postgres" in line)
    assert command.startswith("command=/usr/bin/env -i ") and "secret-pw" not in text
    words = shlex.split(command[len("command=") :])[2:]
    assigned = [word.split("=")[0] for word in itertools.takewhile(lambda word: not word.startswith("/"), words)]
    assert set(assigned) <= set(services.SERVICE_ENV) and "PATH" in assigned
    priority = {name: int(line.split("=")[1]) for name, line in _settings(text, "priority").items()}
    assert priority["postgres"] < priority["rasa-0"]  # started first, stopped last
    assert _settings(text, "stopsignal")["postgres"] == "stopsignal=INT"  # fast shutdown: not waiting for Rasa


def _settings(text: str, key: str) -> dict:
    """{program: its `key=...` line} of a supervisord.conf."""
    found, program = {}, ""
    for line in text.splitlines():
        if line.startswith("[program:"):
            program = line[len("[program:") : -1]
        elif program and line.startswith(f"{key}="):
            found[program] = line
    return found


@pytest.mark.servers
def test_supervisord_restarts_a_killed_program_and_a_new_start_stops_one_a_killed_run_left(tmp_path):
    import os
    import signal
    import sys

    sleeper = Program("sleeper", [sys.executable, "-c", "import time; time.sleep(600)"], tmp_path / "s.log")
    sleeper.autostart = True
    running = supervisord.Supervisord(tmp_path)
    running.conf.write_text(supervisord.config(tmp_path, tmp_path, [sleeper]))
    running.start(services.service_env(), echo=False)
    try:
        first = wait_until(lambda: running.pid("sleeper"), timeout=30)
        os.kill(first, signal.SIGKILL)
        second = wait_until(lambda: running.pid("sleeper") not in (0, first) and running.pid("sleeper"), timeout=30)
        made = [tmp_path / name for name in ("s.log", "supervisord.log", "supervisord.pid")]
        assert {stat.S_IMODE(path.stat().st_mode) for path in made} == {0o600}  # logs hold ids and errors
        # Its starter is killed: supervisord and its program live on, until the next start of the same folder.
        assert supervisord.Supervisord(tmp_path).shutdown_earlier() is True
        assert running.proc.wait(timeout=60) == 0
        with pytest.raises(ProcessLookupError):
            os.kill(second, 0)
        assert supervisord.Supervisord(tmp_path).shutdown_earlier() is False  # nothing left now
    finally:
        running.stop()
