"""X4: outside the government network the back office answers like a missing page, and says so in the logs."""

from __future__ import annotations

import logging

import pytest
from django.core.cache import cache
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from govsite.audit.models import AuditEntry
from govsite.formguard.refusal import Refused
from govsite.security import events
from govsite.security.headers import PUBLIC_CSP
from govsite.security.network import AUDIT_INTERVAL_SECONDS, BackOfficeNetworkMiddleware
from govsite.security.networks import backoffice_networks, is_inside

OUTSIDE = "203.0.113.5"
PROXY = "127.0.0.1"


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no address remembered as already audited."""
    cache.clear()
    yield
    cache.clear()


def refusals() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=events.BACKOFFICE_REFUSED).order_by("seq"))


# Pure rules: milliseconds.

def test_x4_networks_match_ipv4_ipv6_and_ipv4_mapped_addresses():
    networks = backoffice_networks(["10.0.0.0/8", "2001:db8:10::/48", "::1"])
    assert is_inside("10.20.30.40", networks) and is_inside("::ffff:10.20.30.40", networks)
    assert is_inside("2001:db8:10::7", networks) and is_inside("::1", networks)
    assert not is_inside(OUTSIDE, networks) and not is_inside("::ffff:203.0.113.5", networks)
    assert not is_inside("2001:db8:11::7", networks) and not is_inside("unknown", networks)


def test_x4_bad_networks_are_refused_naming_each_bad_value():
    with pytest.raises(Refused) as refused:
        backoffice_networks(["10.0.0.0/8", "10.0.0.0/33", "政务网"])
    assert "“10.0.0.0/33”、“政务网” 不是有效的IP地址或网段" in refused.value.message
    with pytest.raises(Refused, match="为空"):
        backoffice_networks([])


# The middleware in the back-office process.

@pytest.mark.django_db
def test_x4_outside_address_gets_the_plain_404_and_one_audit_entry_per_ten_minutes(client, portal, caplog):
    caplog.set_level(logging.WARNING, logger="govsite.security.network")
    first = client.get("/admin/login/", REMOTE_ADDR=OUTSIDE, HTTP_USER_AGENT="scanner/1.0")
    assert first.status_code == 404 and "您访问的页面不存在" in first.content.decode()
    assert first["Content-Security-Policy"] == PUBLIC_CSP  # as on every public page: no hint of an admin
    # Outside, every path is the site's own "page not found", byte for byte.
    refused, missing = client.get("/no-such-page/", REMOTE_ADDR=OUTSIDE), client.get("/no-such-page/")
    assert (refused.status_code, refused.content) == (missing.status_code, missing.content)
    assert client.post("/admin/login/", REMOTE_ADDR=OUTSIDE).status_code == 404
    [entry] = refusals()
    assert (entry.ip, entry.actor_name, entry.action_label) == (OUTSIDE, "", "政务网络外访问后台被拒绝")
    assert entry.data == {"path": "/admin/login/", "method": "GET", "user_agent": "scanner/1.0"}
    logged = [r.getMessage() for r in caplog.records if r.name == "govsite.security.network"]
    assert len(logged) == 3 and all(OUTSIDE in line for line in logged)  # a log line every time
    assert client.get("/admin/", REMOTE_ADDR="198.51.100.7").status_code == 404
    assert [e.ip for e in refusals()] == [OUTSIDE, "198.51.100.7"]


class CacheClock:
    """The clock of Django's local-memory cache, moved by hand: when its entries expire."""

    def __init__(self, now: float) -> None:
        self.now = now

    def time(self) -> float:
        return self.now


@pytest.mark.django_db
def test_x4_the_same_address_is_audited_again_after_ten_minutes(client, portal, monkeypatch):
    clock = CacheClock(1_000_000.0)
    for module in ("base", "locmem"):  # where the cache stamps an entry, and where it checks it
        monkeypatch.setattr(f"django.core.cache.backends.{module}.time", clock)
    client.get("/admin/", REMOTE_ADDR=OUTSIDE)
    clock.now += AUDIT_INTERVAL_SECONDS - 1
    client.get("/admin/", REMOTE_ADDR=OUTSIDE)
    assert len(refusals()) == 1
    clock.now += 2
    client.get("/admin/", REMOTE_ADDR=OUTSIDE)
    assert len(refusals()) == 2


@pytest.mark.django_db
def test_x4_an_ipv6_scanner_counts_per_64_network_for_the_audit(client, portal):
    client.get("/admin/", REMOTE_ADDR="2001:db8:1:2::10")
    client.get("/admin/", REMOTE_ADDR="2001:db8:1:2::11")
    client.get("/admin/", REMOTE_ADDR="2001:db8:9:9::1")
    assert [e.ip for e in refusals()] == ["2001:db8:1:2::10", "2001:db8:9:9::1"]


@pytest.mark.django_db
def test_x4_loopback_ipv6_and_ipv4_mapped_addresses_inside_pass(client, portal, settings):
    settings.GOVSITE_BACKOFFICE_NETWORKS = ["127.0.0.0/8", "::1", "10.0.0.0/8", "2001:db8:10::/48"]
    for address in ("127.0.0.1", "::1", "::ffff:10.1.2.3", "2001:db8:10::5"):
        assert Client().get("/admin/login/", REMOTE_ADDR=address).status_code == 200, address
    assert Client().get("/admin/login/", REMOTE_ADDR="::ffff:203.0.113.5").status_code == 404
    assert refusals()[0].ip == OUTSIDE


@pytest.mark.django_db
def test_x4_x_forwarded_for_is_believed_only_from_a_trusted_proxy(client, portal, settings):
    settings.GOVSITE_TRUSTED_PROXIES = [PROXY]
    settings.GOVSITE_BACKOFFICE_NETWORKS = ["10.0.0.0/8"]
    assert Client().get("/admin/login/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="10.1.2.3").status_code == 200
    assert Client().get("/admin/login/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=OUTSIDE).status_code == 404
    # An outsider writing a government address into the header is not believed.
    spoofed = Client().get("/admin/login/", REMOTE_ADDR=OUTSIDE, HTTP_X_FORWARDED_FOR="10.1.2.3")
    assert spoofed.status_code == 404
    assert [e.ip for e in refusals()] == [OUTSIDE]


@pytest.mark.django_db
def test_x4_the_public_role_is_unaffected(client, portal, settings):
    settings.ROOT_URLCONF = "govsite.urls_public"
    assert client.get("/", REMOTE_ADDR=OUTSIDE).status_code == 200
    assert client.get("/admin/", REMOTE_ADDR=OUTSIDE).status_code == 404  # no admin route there at all
    assert refusals() == []


def test_x4_invalid_networks_stop_start_up_with_a_chinese_message(settings):
    settings.GOVSITE_BACKOFFICE_NETWORKS = ["10.0.0.0/8", "10.1.2.300"]
    [error] = [m for m in run_checks() if m.id == "security.E002"]
    assert "“10.1.2.300” 不是有效的IP地址或网段" in error.msg and "GOVSITE_BACKOFFICE_NETWORKS=" in error.hint
    with pytest.raises(ImproperlyConfigured, match="10.1.2.300"):
        BackOfficeNetworkMiddleware(lambda request: None)
    settings.GOVSITE_BACKOFFICE_NETWORKS = ["10.0.0.0/8"]
    assert [m for m in run_checks() if m.id == "security.E002"] == []
