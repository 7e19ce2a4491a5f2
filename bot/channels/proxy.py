"""The patient's address and scheme behind a reverse proxy: believed only from TRUSTED_PROXIES, else the connection's."""

import ipaddress
from typing import Any, Sequence


def from_trusted_proxy(request: Any, trusted: Sequence[str]) -> bool:
    """True when the connection itself comes from a proxy the settings trust (nginx in front): an address
    or a network (10.0.0.0/8, as an ingress controller's pods) of TRUSTED_PROXIES."""
    try:
        peer = ipaddress.ip_address(request.ip or "")
    except ValueError:
        return False
    for entry in trusted:
        try:
            if peer in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:  # a name, not an address: never matches
            continue
    return False


def client_ip(request: Any, trusted: Sequence[str]) -> str:
    """The patient's address: the one the trusted proxy reports, or the connection's. Anyone else's
    X-Forwarded-For is ignored, or a client could pick a new address per request and escape the limit."""
    if from_trusted_proxy(request, trusted):
        real = (request.headers.get("X-Real-IP") or "").strip()
        if real:
            return real
        hops = [hop.strip() for hop in (request.headers.get("X-Forwarded-For") or "").split(",") if hop.strip()]
        if hops:
            return hops[-1]  # the entry our proxy added; earlier ones are whatever the client claimed
    return request.ip or "unknown"


def scheme(request: Any, trusted: Sequence[str]) -> str:
    """http or https as the patient's browser used it (nginx ends HTTPS and talks HTTP to Rasa)."""
    if from_trusted_proxy(request, trusted):
        proto = (request.headers.get("X-Forwarded-Proto") or "").strip().lower()
        if proto in ("http", "https"):
            return proto
    return request.scheme


def public_url(request: Any, trusted: Sequence[str]) -> str:
    """The URL the client called, as Twilio signs it: the scheme the trusted proxy reports (nginx ends HTTPS),
    the Host it passed on, the path and the query."""
    query = f"?{request.query_string}" if request.query_string else ""
    return f"{scheme(request, trusted)}://{request.host}{request.path}{query}"
