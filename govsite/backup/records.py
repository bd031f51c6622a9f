"""Backups as the platform keeps track of them (X6): a BackupRecord per file, an audit entry per backup,
verification, restore and rotation, and an alert when a backup or its verification fails.

Alerts are WARNING level: the daily job runs at 03:00, and a failed backup needs someone in the morning, not a
call in the night; the alert stays open (and is not raised twice) until acknowledged.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from govsite.monitoring.alert_rules import Level
from govsite.monitoring.alerts import raise_alert
from govsite.security.keyring import master_key

from . import rotation
from .archive import write_archive
from .databases import configured_database
from .events import BACKUP_CREATE, BACKUP_RESTORE, BACKUP_ROTATE, BACKUP_VERIFY, file_ref, record_backup_event
from .models import BackupRecord
from .verification import Check, verify_backup

ALERT_BACKUP_FAILED = "backup_failed"
ALERT_VERIFY_FAILED = "backup_verify_failed"


def free_path(directory: Path, moment: datetime) -> Path:
    """The file name for a backup made at `moment` that no other backup has taken."""
    attempt = 0
    while (directory / rotation.backup_name(moment, attempt)).exists():
        attempt += 1
    return directory / rotation.backup_name(moment, attempt)


def _failed(record: BackupRecord, error: Exception) -> None:
    record.error, record.finished_at = str(error) or type(error).__name__, timezone.now()
    record.save()
    record_backup_event(BACKUP_CREATE, record, file=record.file_name, result="failed", error=record.error)
    raise_alert(None, Level.WARNING, ALERT_BACKUP_FAILED,
                _("全量备份失败：%(error)s") % {"error": record.error.splitlines()[0]})


def create_backup(directory: Path | None = None) -> BackupRecord:
    """Make a backup file in `directory` (default GOVSITE_BACKUP_DIR); failures are recorded, alerted, raised."""
    directory = Path(directory or settings.GOVSITE_BACKUP_DIR)
    started = timezone.now()
    database = configured_database()
    path = free_path(directory, timezone.localtime(started))
    record = BackupRecord(file_name=path.name, directory=str(directory), started_at=started, engine=database.engine)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        master = master_key()
        record.master_fingerprint = master.fingerprint
        manifest = write_archive(path, database, master, timezone.localtime(started))
    except Exception as error:
        with suppress(OSError):  # no half-written file is left behind
            path.unlink(missing_ok=True)
        _failed(record, error)
        raise
    record.size, record.finished_at = path.stat().st_size, timezone.now()
    record.tables, record.rows, record.files = len(manifest.tables), manifest.total_rows, manifest.folder_files
    record.save()
    record_backup_event(BACKUP_CREATE, record, file=str(path), size=record.size, result="ok")
    return record


def verify_file(path: Path) -> Check:
    """Verify a backup file; its record (if it has one) and the audit log get the result, a failure an alert."""
    record = BackupRecord.objects.filter(file_name=path.name, directory=str(path.parent)).first()
    try:
        check = verify_backup(path)
    except Exception as error:
        _verified(record, path, [str(error)])
        raise
    _verified(record, path, check.problems)
    return check


def _verified(record: BackupRecord | None, path: Path, problems: list[str]) -> None:
    if record is not None:
        record.verification = BackupRecord.Verification.FAILED if problems else BackupRecord.Verification.PASSED
        record.verified_at = timezone.now()
        record.verification_details = "\n".join(problems) or _("数据表行数、校验值与文件哈希均与清单一致")
        record.save(update_fields=["verification", "verified_at", "verification_details"])
    record_backup_event(BACKUP_VERIFY, record or file_ref(path.name), file=str(path),
                        result="failed" if problems else "ok", problems=problems[:20])
    if problems:
        raise_alert(None, Level.WARNING, ALERT_VERIFY_FAILED,
                    _("备份 %(name)s 恢复校验未通过：%(problem)s") % {"name": path.name, "problem": problems[0]})


def record_restore(path: Path, check: Check) -> None:
    """The audit entry of a restore, written after the restored database was compared with the manifest."""
    record_backup_event(BACKUP_RESTORE, file_ref(path.name), file=str(path), result="ok" if check.ok else "failed",
                        problems=check.problems[:20], tables=len(check.manifest.tables), rows=check.manifest.total_rows)


def rotate(directory: Path, today: date) -> list[str]:
    """Delete the backup files the rotation no longer keeps; their records stay, marked as removed."""
    names = [path.name for path in directory.iterdir() if path.is_file()]
    removed = rotation.to_delete(names, today, settings.GOVSITE_BACKUP_KEEP)
    for name in removed:
        (directory / name).unlink(missing_ok=True)
    if removed:
        BackupRecord.objects.filter(directory=str(directory), file_name__in=removed).update(removed_at=timezone.now())
        record_backup_event(BACKUP_ROTATE, file_ref(str(directory)), directory=str(directory), removed=removed)
    return removed
