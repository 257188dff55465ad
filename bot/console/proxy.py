"""Who is asking: the client's address and whether it came over HTTPS, also behind a reverse proxy.

Without a setting the web server believes only its socket: the peer address is the client, and the
scheme is the one the socket speaks. X-Forwarded-For and X-Forwarded-Proto are ignored, because anyone
can send them, and a login throttle that believed them could be dodged by changing the header.

Behind a reverse proxy (nginx, a load balancer) every request comes from the proxy. The deployment then
names its proxies in CAREERBOT_TRUSTED_PROXIES (comma-separated addresses or CIDRs, e.g. "127.0.0.1" or
"10.0.0.0/8"). Only for a request whose socket peer is one of them are the headers read: the client is
the last address in X-Forwarded-For that is not a trusted proxy (each proxy appends the address it
received the request from; whatever stands to the left of that was written by the client and can be
forged), and X-Forwarded-Proto "https" from the proxy means the person's browser used HTTPS, so the
session cookie is sent Secure.
"""
from __future__ import annotations

import ipaddress
import os

TRUSTED_PROXIES_ENV = "CAREERBOT_TRUSTED_PROXIES"


def parse_networks(spec: str) -> list:
    """Networks from comma-separated addresses or CIDRs ("10.0.0.0/8, ::1")."""
    return [ipaddress.ip_network(part.strip(), strict=False) for part in spec.split(",") if part.strip()]


def within(address: str, networks: list | None) -> bool:
    """Whether ``address`` is in one of ``networks`` (None: every address is)."""
    if networks is None:
        return True
    try:
        ip = ipaddress.ip_address(address.strip().split("%")[0])
    except ValueError:
        return False
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return any(ip in net for net in networks if net.version == ip.version)


def trusted_proxies(spec: str | None = None) -> list:
    return parse_networks(spec if spec is not None else os.environ.get(TRUSTED_PROXIES_ENV, ""))


def _from_trusted_proxy(request, proxies: list) -> bool:
    return bool(proxies) and within(request.ip or "", proxies)


def client_address(request, proxies: list) -> str:
    """The person's address: the socket peer, or behind a trusted proxy what the proxies say."""
    peer = request.ip or ""
    if not _from_trusted_proxy(request, proxies):
        return peer
    hops = [h.strip() for h in ",".join(request.headers.getall("x-forwarded-for", [])).split(",") if h.strip()]
    for hop in reversed(hops):
        if not within(hop, proxies):
            return hop
    return hops[0] if hops else peer


def is_https(request, proxies: list) -> bool:
    """Whether the person's browser speaks HTTPS to us (directly, or to a trusted proxy that says so)."""
    if request.scheme == "https":
        return True
    if not _from_trusted_proxy(request, proxies):
        return False
    proto = (request.headers.get("x-forwarded-proto") or "").split(",")[0].strip().lower()
    return proto == "https"
