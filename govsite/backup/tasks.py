"""The daily backup as a registered job (X6): back up, verify by restoring into a scratch database, rotate."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from govsite.jobs.registry import register

from . import records
from .container import BackupError


@register("backup.daily", "每日全量备份并恢复校验")
def daily_backup() -> dict:
    """Old backups are rotated away only after today's verified: failing backups never push good ones out."""
    record = records.create_backup()
    path = Path(record.directory) / record.file_name
    check = records.verify_file(path)
    if not check.ok:
        raise BackupError(_("备份 %(name)s 恢复校验未通过：%(problems)s") % {"name": record.file_name,
                                                                    "problems": "；".join(check.problems[:5])})
    removed = records.rotate(Path(settings.GOVSITE_BACKUP_DIR), timezone.localdate())
    return {"file": str(path), "size": record.size, "tables": record.tables, "rows": record.rows,
            "files": record.files, "removed": removed}
