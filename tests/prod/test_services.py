"""The production topology's pieces without starting it: secrets, certificate, endpoints file, nginx configuration."""

import stat
import subprocess

import pytest
import requests
import urllib3
import yaml

from bot.prod import services
from bot.prod.topology import Ports, Topology, endpoints_file
from bot.settings import service
from tests.helpers import free_port

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
    services.install_if_missing()
    topology = Topology(tmp_path, rasa_processes=2, ports=Ports(8080, 8443, 5056, 5433, 6380, [5010, 5011]))
    cert, key = services.self_signed_certificate(tmp_path / "tls")
    nginx = services.Nginx(tmp_path / "nginx", topology._nginx_values(cert, key), tmp_path / "nginx.log")
    nginx.write_config()
    nginx.check()  # raises with nginx's complaint
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
    nginx.write_config()
    nginx.check()
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
    nginx = services.Nginx(tmp_path / "nginx", topology._nginx_values(cert, key), tmp_path / "nginx.log")
    try:
        nginx.start(timeout=30)
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
    finally:
        nginx.stop()


def test_a_start_stops_only_what_an_earlier_run_of_the_same_topology_left(tmp_path):
    import os
    import sys

    ours = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(60)"], env=services.marked(os.environ, tmp_path / "prod")
    )
    other = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(60)"], env=services.marked(os.environ, tmp_path / "prod-other")
    )
    try:
        assert services.stop_leftovers(tmp_path / "prod", timeout=10) == 1
        assert ours.wait(timeout=10) is not None and other.poll() is None
    finally:
        for proc in (ours, other):
            proc.kill()
            proc.wait()


@pytest.mark.services
def test_an_nginx_left_by_a_killed_run_is_replaced(tmp_path):
    ports = Ports(free_port(), free_port(), free_port(), free_port(), free_port(), [free_port()])
    values = Topology(tmp_path, rasa_processes=1, ports=ports)._nginx_values(
        *services.self_signed_certificate(tmp_path / "tls")
    )
    left = services.Nginx(tmp_path / "nginx", values, tmp_path / "nginx.log")
    again = services.Nginx(tmp_path / "nginx", values, tmp_path / "nginx.log")
    try:
        left.start(timeout=30)  # its owner is "killed": nobody calls left.stop()
        again.start(timeout=30)  # same folder and ports: it must stop the old one to listen
        assert left.proc.wait(timeout=10) is not None and again.proc.poll() is None
        assert requests.get(f"http://127.0.0.1:{ports.http}/health", timeout=10).status_code == 200
    finally:
        again.stop()
        left.stop()
