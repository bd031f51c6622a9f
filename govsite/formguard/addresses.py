"""Which address a request comes from, believing X-Forwarded-For only from trusted proxies (I1).

Pure Python. The address is used only as a rate-limit bucket: an IPv6 client is counted per /64,
the smallest network one subscriber usually gets, so it cannot escape by rotating its own addresses.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence

from .refusal import Refused

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
# A real chain has a few hops; a longer header is only read from its end.
MAX_FORWARDED_HOPS = 20
UNKNOWN = "unknown"


def parse_networks(values: Iterable[str]) -> tuple[IPNetwork, ...]:
    """Proxy addresses or networks ("127.0.0.1", "10.0.0.0/8", "::1") as networks."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(str(value).strip(), strict=False))
        except ValueError as error:
            raise Refused(
                f"可信代理“{value}”不是有效的IP地址或网段，应如“127.0.0.1”或“10.0.0.0/8”", "proxy_format"
            ) from error
    return tuple(networks)


def parse_address(text: str) -> IPAddress | None:
    """An address as proxies write it ("1.2.3.4", "1.2.3.4:5678", "[2001:db8::1]:80"), or None."""
    text = text.strip()
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def _trusted(address: IPAddress, proxies: Sequence[IPNetwork]) -> bool:
    return any(address.version == network.version and address in network for network in proxies)


def client_address(peer: str, forwarded_for: str, proxies: Sequence[IPNetwork]) -> str:
    """The peer, or, when the peer is a trusted proxy, the last hop of X-Forwarded-For no proxy of ours added.

    Walking from the right, each trusted hop vouches for the one before it; the first untrusted hop is
    the client. A hop that is no address ends the walk: nobody we trust wrote it.
    """
    address = parse_address(peer)
    if address is None:
        return UNKNOWN
    if not forwarded_for or not _trusted(address, proxies):
        return str(address)
    for hop in reversed(forwarded_for.split(",")[-MAX_FORWARDED_HOPS:]):
        forwarded = parse_address(hop)
        if forwarded is None:
            break
        address = forwarded
        if not _trusted(address, proxies):
            break
    return str(address)


def rate_bucket(address: str) -> str:
    """The unit counted by rate limits: the IPv4 address, or the /64 network of an IPv6 address."""
    parsed = parse_address(address)
    if parsed is None:
        return UNKNOWN
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)
