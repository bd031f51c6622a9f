"""Rate limits and used captcha marks shared by several processes through the real Redis (I1)."""

import os
import time
import uuid

import pytest
from django.core.cache import caches
from django.core.exceptions import ValidationError

from govsite.formguard.captcha import issue_challenge, verify
from govsite.formguard.ratelimit import count_hit
from govsite.formguard.rates import Rate

redis = pytest.importorskip("redis", reason="未安装 redis 客户端（pip install redis），跳过 Redis 测试")

REDIS_URL = os.environ.get("GOVSITE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def redis_cache(settings):
    """A RedisCache configuration with a key prefix of its own, removed afterwards; skipped without Redis."""
    raw = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        raw.ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis（{REDIS_URL}）不可用，跳过：{error}")
    prefix = f"formguard-test-{uuid.uuid4().hex}"
    config = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": prefix,
    }
    settings.CACHES = {"default": config}
    yield config
    for key in raw.scan_iter(f"{prefix}:*"):
        raw.delete(key)


def new_process_client() -> None:
    """Drop this thread's cache client: the next use connects anew, as another process would."""
    del caches["default"]


def test_two_clients_share_one_count(redis_cache):
    first = caches["default"]
    new_process_client()
    second = caches["default"]
    assert first is not second
    hourly, now = Rate(3, 3600), time.time()
    counts = [
        count_hit(store, "formguard:rate:test:shared", hourly, now)[0]
        for store in (first, second, first, second)
    ]
    assert counts == [1, 2, 3, 4]
    assert (
        redis.Redis.from_url(REDIS_URL).ttl(
            f"{redis_cache['KEY_PREFIX']}:1:formguard:rate:test:shared:3600:{int(now // 3600)}"
        )
        > 0
    )


@pytest.mark.django_db
@pytest.mark.urls("govsite.formguard.tests.urls")
def test_a_client_limited_by_one_process_is_limited_by_the_next(client, redis_cache):
    assert [client.post("/limited/", REMOTE_ADDR="198.51.100.9").status_code for _ in range(3)] == [200] * 3
    new_process_client()
    assert client.post("/limited/", REMOTE_ADDR="198.51.100.9").status_code == 429


def test_a_token_used_in_one_process_is_refused_in_another(redis_cache):
    challenge = issue_challenge()
    verify(challenge.token, challenge.answer)
    new_process_client()
    with pytest.raises(ValidationError) as replay:
        verify(challenge.token, challenge.answer)
    assert replay.value.code == "used"
