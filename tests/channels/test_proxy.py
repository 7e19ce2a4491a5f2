"""The patient's address and scheme behind nginx: taken from the forwarded headers only when nginx sent them."""

from types import SimpleNamespace

import pytest

from bot.channels.proxy import client_ip, public_url, scheme

NGINX = ("127.0.0.1",)


def request(ip, scheme="http", host="", path="", query_string="", **headers):
    """What the helpers read of a Sanic request: the connection's address and scheme, the URL, and the headers."""
    return SimpleNamespace(
        ip=ip,
        scheme=scheme,
        host=host,
        path=path,
        query_string=query_string,
        headers={k.replace("_", "-"): v for k, v in headers.items()},
    )


def test_behind_a_trusted_proxy_the_patients_address_is_the_one_it_reports():
    assert client_ip(request("127.0.0.1", X_Real_IP="203.0.113.7"), NGINX) == "203.0.113.7"
    # Without X-Real-IP: the last X-Forwarded-For entry, the one the proxy added, not what the client claimed.
    assert client_ip(request("127.0.0.1", X_Forwarded_For="10.9.9.9, 198.51.100.4"), NGINX) == "198.51.100.4"


def test_anyone_else_cannot_choose_their_address_with_headers():
    spoofed = request("198.51.100.20", X_Real_IP="203.0.113.7", X_Forwarded_For="203.0.113.8")
    assert client_ip(spoofed, NGINX) == "198.51.100.20"
    # With no trusted proxy set (make run), the headers are never believed, even from loopback.
    assert client_ip(request("127.0.0.1", X_Real_IP="203.0.113.7"), ()) == "127.0.0.1"


def test_a_trusted_proxy_without_forwarding_headers_counts_as_its_own_address():
    assert client_ip(request("127.0.0.1"), NGINX) == "127.0.0.1"


@pytest.mark.parametrize(
    "ip, trusted, proto, expected",
    [
        ("127.0.0.1", NGINX, "https", "https"),
        ("127.0.0.1", NGINX, "HTTPS", "https"),
        ("127.0.0.1", NGINX, "gopher", "http"),  # nonsense: the connection's own scheme
        ("198.51.100.20", NGINX, "https", "http"),  # not our proxy
        ("127.0.0.1", (), "https", "http"),  # no proxy trusted
    ],
)
def test_the_scheme_is_the_proxys_only_when_trusted(ip, trusted, proto, expected):
    assert scheme(request(ip, X_Forwarded_Proto=proto), trusted) == expected


def test_a_trusted_network_covers_its_addresses_only():
    pods = ("10.0.0.0/8", "not-an-address")
    assert client_ip(request("10.4.2.9", X_Real_IP="203.0.113.7"), pods) == "203.0.113.7"
    assert client_ip(request("11.4.2.9", X_Real_IP="203.0.113.7"), pods) == "11.4.2.9"
    assert client_ip(request("", X_Real_IP="203.0.113.7"), pods) == "unknown"


@pytest.mark.parametrize(
    "ip, trusted, expected",
    [
        ("127.0.0.1", NGINX, "https://clinic.example/webhooks/twilio/webhook?a=1"),  # nginx ended HTTPS
        ("198.51.100.20", NGINX, "http://clinic.example/webhooks/twilio/webhook?a=1"),  # anyone else: as connected
        ("127.0.0.1", (), "http://clinic.example/webhooks/twilio/webhook?a=1"),  # no proxy trusted (make run)
    ],
)
def test_the_url_twilio_signed_is_the_public_one_only_behind_a_trusted_proxy(ip, trusted, expected):
    called = request(
        ip, host="clinic.example", path="/webhooks/twilio/webhook", query_string="a=1", X_Forwarded_Proto="https"
    )
    assert public_url(called, trusted) == expected
    assert public_url(request("127.0.0.1", host="127.0.0.1:5010", path="/x"), NGINX) == "http://127.0.0.1:5010/x"
