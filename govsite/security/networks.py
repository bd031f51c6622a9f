"""The government networks the back office answers (X4): parsed once at start-up, matched per request.

Pure Python. Addresses and networks are read by formguard's parser (IPv4-mapped IPv6 addresses count as
the IPv4 address they carry), so the rate limits and the back office see a client the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from govsite.formguard.addresses import IPNetwork, parse_address, parse_networks
from govsite.formguard.refusal import Refused

SETTING = "GOVSITE_BACKOFFICE_NETWORKS"
EXAMPLE = "“10.0.0.0/8”或“2001:db8::/32”"


def backoffice_networks(values: Iterable[str]) -> tuple[IPNetwork, ...]:
    """The configured networks; refused, naming every bad value, when one is no network or none is given."""
    networks: list[IPNetwork] = []
    invalid: list[str] = []
    for value in values:
        try:
            networks.extend(parse_networks([value]))
        except Refused:
            invalid.append(f"“{value}”")
    if invalid:
        raise Refused(f"{SETTING} 中的 {'、'.join(invalid)} 不是有效的IP地址或网段，应如{EXAMPLE}", "network_format")
    if not networks:
        raise Refused(f"{SETTING} 为空：后台将拒绝所有地址。请填写政务网络的网段，如{EXAMPLE}", "network_empty")
    return tuple(networks)


def is_inside(address: str, networks: Sequence[IPNetwork]) -> bool:
    """Whether an address ("10.1.2.3", "::ffff:10.1.2.3", "2001:db8::1") lies in one of the networks."""
    parsed = parse_address(address)
    return parsed is not None and any(parsed.version == net.version and parsed in net for net in networks)


def matches_everyone(network: IPNetwork) -> bool:
    """0.0.0.0/0 or ::/0: the whole internet."""
    return network.prefixlen == 0


def is_public(network: IPNetwork) -> bool:
    """A network of the public internet rather than a private, loopback or shared one."""
    return network.is_global
