"""Which address a request comes from (I1): X-Forwarded-For only through trusted proxies."""

import pytest

from govsite.formguard.addresses import client_address, parse_networks, rate_bucket
from govsite.formguard.refusal import Refused

NGINX = parse_networks(["127.0.0.1", "10.0.0.0/8", "::1"])


def test_without_trusted_proxies_the_peer_is_the_client():
    assert client_address("203.0.113.9", "1.2.3.4", ()) == "203.0.113.9"


def test_a_header_from_an_untrusted_peer_is_ignored():
    assert client_address("203.0.113.9", "1.2.3.4", NGINX) == "203.0.113.9"


def test_a_trusted_proxy_names_the_client():
    assert client_address("127.0.0.1", "198.51.100.7", NGINX) == "198.51.100.7"


def test_spoofed_hops_before_the_first_untrusted_one_are_ignored():
    # The client typed "1.1.1.1" itself; our proxies appended 198.51.100.7 and then 10.0.0.5.
    assert client_address("127.0.0.1", "1.1.1.1, 198.51.100.7, 10.0.0.5", NGINX) == "198.51.100.7"


def test_garbage_in_the_header_stops_the_walk_at_the_last_hop_we_trust():
    assert client_address("127.0.0.1", "<script>, 10.0.0.5", NGINX) == "10.0.0.5"
    assert client_address("127.0.0.1", "", NGINX) == "127.0.0.1"


def test_ports_brackets_and_mapped_addresses():
    assert client_address("127.0.0.1", "198.51.100.7:51234", NGINX) == "198.51.100.7"
    assert client_address("::1", "[2001:db8::5]:443", NGINX) == "2001:db8::5"
    assert client_address("::ffff:203.0.113.9", "", NGINX) == "203.0.113.9"
    assert client_address("", "", NGINX) == "unknown"


def test_ipv6_clients_count_per_64():
    assert rate_bucket("2001:db8:1:2:aaaa::1") == rate_bucket("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert rate_bucket("2001:db8:1:3::1") != rate_bucket("2001:db8:1:2::1")
    assert rate_bucket("203.0.113.9") == "203.0.113.9"


def test_bad_proxy_setting_is_refused_in_chinese():
    with pytest.raises(Refused) as refused:
        parse_networks(["127.0.0.1", "nginx.local"])
    assert "可信代理“nginx.local”" in refused.value.message
