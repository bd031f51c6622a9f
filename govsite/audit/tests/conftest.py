"""Fixtures of the audit tests: an empty chain, and running `govsite audit`."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from govsite.audit.models import AuditArchive, AuditChainHead, AuditEntry


def raw_sql(sql: str, params: list | None = None) -> None:
    """Change the tables behind the application's back, as an intruder with database access would."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])


@pytest.fixture
def fresh_chain(db) -> None:
    """No entries, archives or head: the chain restarts from the genesis hash (rolled back after)."""
    for model in (AuditEntry, AuditArchive, AuditChainHead):
        raw_sql(f"DELETE FROM {model._meta.db_table}")


@pytest.fixture
def audit_command():
    """Run `govsite audit ...` and return what it printed."""

    def run(*args: str) -> str:
        out = StringIO()
        call_command("audit", *args, stdout=out)
        return out.getvalue()

    return run
