"""Fixtures of the backup tests: folders of their own, and the shared sites put back after a restore test."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def folders(settings, tmp_path) -> dict[str, Path]:
    """MEDIA_ROOT, the public tree and the backup folder in this test's own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GOVSITE_PUBLIC_ROOT = tmp_path / "public"
    settings.GOVSITE_BACKUP_DIR = tmp_path / "backups"
    return {"media": settings.MEDIA_ROOT, "public": settings.GOVSITE_PUBLIC_ROOT,
            "backups": settings.GOVSITE_BACKUP_DIR}


@pytest.fixture
def sites_put_back(django_db_setup, django_db_blocker, tmp_path):
    """A transactional test empties the database when it ends; this fixture, asked for before
    `transactional_db`, then restores a snapshot of the database as the session left it (the test portal and
    department), so later tests find them. It uses the restore under test on itself."""
    from govsite.backup.databases import configured_database
    from govsite.backup.restore import forget_cached_state

    snapshot = tmp_path / "session-database"
    with django_db_blocker.unblock():
        database = configured_database()
        database.snapshot(snapshot)
    yield
    with django_db_blocker.unblock():
        database.restore(snapshot)
        forget_cached_state()
