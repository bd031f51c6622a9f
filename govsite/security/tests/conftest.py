"""Fixtures of the security tests: production-like settings, a fresh key directory, raw column access."""

from __future__ import annotations

import pytest
from django.db import connection


@pytest.fixture
def fresh_keys(settings, tmp_path):
    """An empty key directory of its own, nothing opened in memory; keys still made at first use."""
    from govsite.security import keyring

    settings.GOVSITE_KEY_DIR = tmp_path / "keys"
    keyring.forget()
    yield settings.GOVSITE_KEY_DIR
    keyring.forget()


@pytest.fixture
def production(settings, fresh_keys):
    """Production: DEBUG off and no key pair made at first use; the key directory is empty."""
    settings.DEBUG = False
    settings.GOVSITE_KEYS_AUTO_CREATE = False
    return fresh_keys


def raw_column(model, pk, column: str) -> str | None:
    """What the database holds in a column, read past the ORM."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {model._meta.db_table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def tampered(token: str) -> str:
    """The token with its last four ciphertext characters changed."""
    return token[:-4] + ("BBBB" if token.endswith("AAAA") else "AAAA")


def write_raw_column(model, pk, column: str, value: str) -> None:
    """Change a column behind the ORM's back, as someone with database access would."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {model._meta.db_table} SET {column} = %s WHERE id = %s", [value, pk])
