"""Fixtures of the jobs tests: the sample jobs, the database queue, the audit entries of a run."""

import pytest
from django.test import override_settings

from govsite.audit.actions import JOB
from govsite.audit.models import AuditEntry


@pytest.fixture(autouse=True)
def no_standing_schedules(db):
    """The platform's standing schedules are set aside, so each test sees only its own."""
    from govsite.jobs.models import Schedule

    Schedule.objects.all().delete()


@pytest.fixture
def samples():
    """The jobs registered for the tests, reset: nothing seen yet, the failing job failing."""
    from . import sample_tasks

    sample_tasks.SEEN_WHILE_RUNNING.clear()
    sample_tasks.FAILING["on"] = True
    return sample_tasks


@pytest.fixture
def db_queue(monkeypatch):
    """Jobs go into the database queue and wait for a worker, as in production.

    The worker drops stale connections between jobs; inside the test's transaction that would close it.
    """
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        yield


def job_entries(run) -> list[str]:
    """The statuses the audit log recorded for one run, oldest first."""
    entries = AuditEntry.objects.filter(action=JOB).order_by("seq")
    return [e.data["status"] for e in entries if (e.data.get("detail") or {}).get("run") == run.pk]
