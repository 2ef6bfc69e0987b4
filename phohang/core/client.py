"""The client's address behind the deployment's proxies (TRUSTED_PROXIES), for limits and audit.

`X-Forwarded-For` is read right to left: each trusted proxy appends the address it received the
request from, so hops are skipped only while they are trusted proxies; the first untrusted hop is
the client. Anything further left was written by the client and is never believed.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.5:443"
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def _is_trusted(address: Address, networks: tuple[Network, ...]) -> bool:
    return any(address.version == network.version and address in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The client's IP address; REMOTE_ADDR itself unless it is a trusted proxy."""
    remote = _parse(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return ""
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or not _is_trusted(remote, networks):
        return str(remote)
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    client = remote
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            break  # a malformed hop: the chain cannot be followed past the last trusted proxy
        client = address
        if not _is_trusted(address, networks):
            break
    return str(client)


def address_bucket(address: str) -> str:
    """What one client is limited as: its IPv4 address, or its IPv6 /64 (one subscriber's LAN)."""
    parsed = _parse(address)
    if parsed is None:
        return address or "-"
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)
