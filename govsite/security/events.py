"""Key operations in the audit log (X1, X7): every master pair and data key made, rotated or retired."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from govsite.audit.chain import ObjectRef, record
from govsite.audit.context import current_actor, current_ip
from govsite.audit.models import AuditEntry

MASTER_INIT = "govsite.security.master_init"
MASTER_ROTATE = "govsite.security.master_rotate"
DATA_KEY_CREATE = "govsite.security.data_key_create"
DATA_KEY_ROTATE = "govsite.security.data_key_rotate"
DATA_KEY_RETIRE = "govsite.security.data_key_retire"

ACTION_LABELS = {
    MASTER_INIT: _("生成主密钥对"),
    MASTER_ROTATE: _("更换主密钥对"),
    DATA_KEY_CREATE: _("生成数据密钥"),
    DATA_KEY_ROTATE: _("轮换数据密钥（重新加密）"),
    DATA_KEY_RETIRE: _("退役数据密钥"),
}


def master_ref(fingerprint: str) -> ObjectRef:
    """A master key pair as the audit log names it: by its fingerprint, never by its file's content."""
    return ObjectRef("security.masterkey", fingerprint[:16], f"主密钥 {fingerprint[:16]}")


def record_key_event(action: str, obj: models.Model | ObjectRef, **data: Any) -> AuditEntry:
    """One audit entry for a key operation, by whoever is acting (request user or `--user`)."""
    return record(action, actor=current_actor(), obj=obj, ip=current_ip(), data=data)


def master_init_recorded(fingerprint: str) -> bool:
    """Whether the audit log already holds the creation of this master pair."""
    return AuditEntry.objects.filter(action=MASTER_INIT, data__fingerprint=fingerprint).exists()
