"""The data interface's entries in the audit log (X1, G2): token creation and every write call."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from govsite.audit.chain import record
from govsite.audit.context import client_ip
from govsite.audit.models import AuditEntry

from .models import ApiClient

TOKEN_CREATE = "govsite.library.token_create"
ITEM_SUBMIT = "govsite.library.item_submit"
WRITE_REFUSED = "govsite.library.write_refused"

ACTION_LABELS = {
    TOKEN_CREATE: _("生成数据接口令牌"),
    ITEM_SUBMIT: _("数据接口报送信息"),
    WRITE_REFUSED: _("数据接口写入被拒绝"),
}


def record_token_created(client: ApiClient, user) -> AuditEntry:
    return record(TOKEN_CREATE, actor=user, obj=client, data={"client": client.name})


def record_write(action: str, client: ApiClient, request: HttpRequest, obj=None, **data: Any) -> AuditEntry:
    """A write call by an external system: the client is named in the data, its submitter is the actor."""
    return record(action, actor=client.submitter, obj=obj or client, site=client.record, ip=client_ip(request),
                  data={"client": client.name, "client_id": client.pk, **data})
