"""The daily job (X6): a backup, verified by a restore into a scratch database, old files rotated, progress
reported; the system administrator sees the records in the admin, read-only."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from govsite.backup.models import BackupRecord
from govsite.backup.rotation import backup_name
from govsite.core.setup import DEFAULT_SCHEDULES
from govsite.jobs.models import JobRun
from govsite.jobs.runs import run_inline


def test_x6_the_daily_job_backs_up_verifies_and_rotates(db, folders, settings, portal):
    settings.GOVSITE_BACKUP_KEEP = 1
    folders["backups"].mkdir()
    now = timezone.localtime()
    earlier_today = backup_name(now.replace(hour=0, minute=0, second=0))
    monthly = backup_name(now - timedelta(days=35))  # the only one of its month: kept for 12 months
    too_old = [backup_name(now - timedelta(days=n)) for n in (400, 401)]
    for name in (earlier_today, monthly, *too_old):
        (folders["backups"] / name).write_bytes(b"old")
    (folders["backups"] / "README.txt").write_text("运维说明")
    BackupRecord.objects.create(file_name=too_old[0], directory=str(folders["backups"]), engine="sqlite",
                                started_at=now - timedelta(days=400))
    seen: list[tuple[int, int, str]] = []

    run = run_inline("backup.daily", listener=lambda done, total, message: seen.append((done, total, message)))

    assert run.status == JobRun.Status.SUCCEEDED, run.error
    assert run.label == "每日全量备份并恢复校验"
    record = BackupRecord.objects.get(removed_at__isnull=True)
    assert record.verification == BackupRecord.Verification.PASSED and record.succeeded
    assert record.tables > 100 and record.rows > 0 and record.size > 0
    left = sorted(p.name for p in folders["backups"].iterdir() if not p.name.startswith("."))
    assert left == sorted([record.file_name, monthly, "README.txt"])
    assert BackupRecord.objects.get(file_name=too_old[0]).removed_at is not None  # the record stays
    assert any(message == "正在生成数据库快照" for _done, _total, message in seen)
    assert any(message == "正在解密并校验备份" for _done, _total, message in seen)
    assert ("每日全量备份并恢复校验", "backup.daily", "0 3 * * *") in DEFAULT_SCHEDULES


def test_x6_the_system_administrator_sees_backups_and_their_verification(db, folders, client, make_user):
    BackupRecord.objects.create(file_name="govsite-20260301-030000.gsbak", directory=str(folders["backups"]),
                                size=5 * 1024 * 1024, started_at=timezone.now(), finished_at=timezone.now(),
                                engine="sqlite", tables=140, rows=2000, files=12,
                                verification=BackupRecord.Verification.PASSED)
    admin = make_user("backup-admin", None, is_superuser=True)
    client.force_login(admin)
    html = client.get(reverse("backup_records:index")).content.decode()
    assert "govsite-20260301-030000.gsbak" in html and "5.0\xa0MB" in html and "通过" in html
    client.force_login(make_user("editor-without-backups", None))
    assert client.get(reverse("backup_records:index")).status_code in (302, 403)
