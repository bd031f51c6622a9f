"""Security events in the audit log (X1): key operations (X7), back-office access from outside (X4)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from govsite.audit.chain import ObjectRef, record
from govsite.audit.context import current_actor, current_ip
from govsite.audit.models import AuditEntry

MASTER_INIT = "govsite.security.master_init"
MASTER_ROTATE = "govsite.security.master_rotate"
DATA_KEY_CREATE = "govsite.security.data_key_create"
DATA_KEY_ROTATE = "govsite.security.data_key_rotate"
DATA_KEY_RETIRE = "govsite.security.data_key_retire"
BACKOFFICE_REFUSED = "govsite.security.backoffice_refused"
# Enough of a path or a browser name to read an attempt by; a scanner's kilobytes are not kept.
MAX_REQUEST_TEXT = 300

ACTION_LABELS = {
    MASTER_INIT: _("生成主密钥对"),
    MASTER_ROTATE: _("更换主密钥对"),
    DATA_KEY_CREATE: _("生成数据密钥"),
    DATA_KEY_ROTATE: _("轮换数据密钥（重新加密）"),
    DATA_KEY_RETIRE: _("退役数据密钥"),
    BACKOFFICE_REFUSED: _("政务网络外访问后台被拒绝"),
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


def record_refused_access(address: str, request: HttpRequest) -> AuditEntry:
    """An attempt to reach the back office from outside the government network; nobody is logged in yet."""
    return record(BACKOFFICE_REFUSED, actor=None, obj=None, ip=address, data={
        "path": request.path[:MAX_REQUEST_TEXT],
        "method": request.method,
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:MAX_REQUEST_TEXT],
    })
