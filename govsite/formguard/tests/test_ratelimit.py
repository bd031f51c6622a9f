"""Rate limits (I1): 429 with a Chinese page and Retry-After, per client, through trusted proxies only."""

import re
import time

import pytest
from django.core.cache.backends.filebased import FileBasedCache
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from govsite.formguard.ratelimit import client_ip_key, count_hit, rate_limit
from govsite.formguard.rates import Rate

pytestmark = [pytest.mark.django_db, pytest.mark.urls("govsite.formguard.tests.urls")]


def posts(client, path: str, times: int, **extra) -> list[int]:
    return [client.post(path, **extra).status_code for _ in range(times)]


def test_the_fourth_post_in_ten_minutes_gets_a_chinese_429_with_retry_after(client):
    assert posts(client, "/limited/", 3, REMOTE_ADDR="198.51.100.7") == [200, 200, 200]
    refused = client.post("/limited/", REMOTE_ADDR="198.51.100.7")
    assert refused.status_code == 429
    html = refused.content.decode()
    minutes = int(re.search(r"提交过于频繁，请(\d+)分钟后再试", html).group(1))
    retry_after = int(refused["Retry-After"])
    assert 1 <= retry_after <= 600 and minutes == -(-retry_after // 60)
    assert "<title>提交过于频繁" in html and 'class="sitefooter"' in html  # inside the site's base.html


def test_other_addresses_and_reading_are_not_limited(client):
    posts(client, "/limited/", 4, REMOTE_ADDR="198.51.100.7")
    assert client.post("/limited/", REMOTE_ADDR="198.51.100.8").status_code == 200
    assert client.get("/limited/", REMOTE_ADDR="198.51.100.7").status_code == 200


def test_forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy(client, settings):
    rotating = [
        client.post("/limited/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=f"10.9.9.{i}").status_code
        for i in range(4)
    ]
    assert rotating == [200, 200, 200, 429]
    settings.GOVSITE_TRUSTED_PROXIES = ["127.0.0.1"]
    behind_nginx = [
        client.post("/limited/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}").status_code
        for i in range(5)
    ]
    assert behind_nginx == [200] * 5
    assert (
        posts(client, "/limited/", 4, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.50")[
            -1
        ]
        == 429
    )


def test_ipv6_neighbours_in_one_64_share_a_count(client):
    codes = [client.post("/limited/", REMOTE_ADDR=f"2001:db8:5:6::{i:x}").status_code for i in range(1, 5)]
    assert codes == [200, 200, 200, 429]


def test_the_key_is_a_keyed_hash_not_the_address():
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.7")
    key = client_ip_key(request)
    assert re.fullmatch(r"[0-9a-f]{32}", key) and "198" not in key
    assert key == client_ip_key(RequestFactory().post("/", REMOTE_ADDR="198.51.100.7"))
    assert key != client_ip_key(RequestFactory().post("/", REMOTE_ADDR="198.51.100.8"))


def test_a_global_rate_limits_everyone_together(client):
    codes = [client.post("/crowded/", REMOTE_ADDR=f"198.51.100.{i}").status_code for i in range(5)]
    assert codes == [200, 200, 200, 200, 429]


def test_deployments_override_or_switch_off_a_scope(client, settings):
    settings.GOVSITE_RATE_LIMITS = {**settings.GOVSITE_RATE_LIMITS, "letters": "1/1h"}
    assert posts(client, "/configured/", 2) == [200, 429]
    settings.GOVSITE_RATE_LIMITS = {**settings.GOVSITE_RATE_LIMITS, "test_posts": None}
    assert posts(client, "/limited/", 6) == [200] * 6


def test_a_scope_without_any_rate_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="限流范围“leters”"):
        rate_limit("leters")
    with pytest.raises(ImproperlyConfigured, match="格式不正确"):
        rate_limit("test", per_ip="5 per minute")


def test_the_file_cache_keeps_a_counter_for_its_whole_window(tmp_path):
    # The file cache's incr rewrites an entry with the default timeout (here 1 s): the count must outlive it.
    store = FileBasedCache(str(tmp_path), {"TIMEOUT": 1})
    hourly = Rate(100, 3600)
    now = time.time()
    assert [count_hit(store, "k", hourly, now)[0] for _ in range(2)] == [1, 2]
    time.sleep(1.2)
    assert count_hit(store, "k", hourly, now)[0] == 3
