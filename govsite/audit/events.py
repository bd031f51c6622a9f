"""Recording what no signal reports: background jobs and data exports (X1, M5 run logs)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from .actions import EXPORT, JOB
from .chain import record
from .context import current_actor, current_ip
from .models import AuditEntry


def record_job(name: str, status: str, progress: Any = None, detail: Any = None) -> AuditEntry:
    """A job's start, progress or end, kept as the run log M5 asks for."""
    return record(
        JOB,
        actor=current_actor(),
        ip=current_ip(),
        label=_("后台任务“%(name)s”：%(status)s") % {"name": name, "status": status},
        data={"name": name, "status": status, "progress": progress, "detail": detail},
    )


def record_export(
    kind: str, actor, rows: int, contains_personal_data: bool, *, ip: str | None = None
) -> AuditEntry:
    """Who took which data out of the platform, and whether it held personal information (X1)."""
    label = _("导出数据（含个人信息）") if contains_personal_data else _("导出数据")
    return record(
        EXPORT,
        actor=actor,
        ip=ip or current_ip(),
        label=f"{label}：{kind}",
        data={"kind": kind, "rows": rows, "contains_personal_data": contains_personal_data},
    )
