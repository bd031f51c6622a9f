"""Every formguard test starts with an empty cache: counters and used captcha marks live there."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from govsite.formguard.tests import urls


def _clear_local_cache() -> None:
    """Only the test settings' in-process cache: clearing a shared Redis would empty all of its database."""
    store = caches["default"]
    if isinstance(store, LocMemCache):
        store.clear()


@pytest.fixture(autouse=True)
def empty_cache():
    _clear_local_cache()
    urls.RECEIVED.clear()
    yield
    _clear_local_cache()
