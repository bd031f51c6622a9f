"""Fixtures of the content-check tests."""

import pytest


@pytest.fixture(autouse=True)
def fresh_check_configs():
    """Rows rolled back after a test send no delete signal, so every test starts with rebuilt configs."""
    from govsite.textcheck.site_config import invalidate

    invalidate()
