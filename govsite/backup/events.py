"""Backups, verifications, restores and rotations in the audit log (X1, X6): who, which file, what result."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from govsite.audit.chain import ObjectRef, record
from govsite.audit.context import current_actor, current_ip
from govsite.audit.models import AuditEntry

BACKUP_CREATE = "govsite.backup.create"
BACKUP_VERIFY = "govsite.backup.verify"
BACKUP_RESTORE = "govsite.backup.restore"
BACKUP_ROTATE = "govsite.backup.rotate"

ACTION_LABELS = {
    BACKUP_CREATE: _("全量备份"),
    BACKUP_VERIFY: _("备份恢复校验"),
    BACKUP_RESTORE: _("从备份恢复"),
    BACKUP_ROTATE: _("轮换删除旧备份"),
}


def file_ref(name: str) -> ObjectRef:
    """A backup file as the audit log names it, for files without a record (a restore on a new machine)."""
    return ObjectRef("backup.file", name, name)


def record_backup_event(action: str, obj: models.Model | ObjectRef, **data: Any) -> AuditEntry:
    """One audit entry, by whoever is acting (request user, `--user`, or the job's starter)."""
    return record(action, actor=current_actor(), obj=obj, ip=current_ip(), data=data)
