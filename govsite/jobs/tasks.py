"""The jobs this app registers itself: verifying the audit chain on a schedule (X1, M5)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from govsite.audit.verify import verify_chain

from .progress import report_progress
from .registry import register


class AuditChainBroken(Exception):
    """The audit chain failed verification; the message says where."""


@register("jobs.audit_verify", "审计日志校验")
def audit_verify() -> dict:
    """Walk the audit hash chain; a broken chain fails the run so it stands out on the job page."""
    report_progress(0, 1, _("正在校验审计日志哈希链…"))
    result = verify_chain()
    if not result.ok:
        broken = result.first_broken
        raise AuditChainBroken(
            _("审计日志校验失败：第 %(seq)s 条%(problem)s") % {"seq": broken["seq"], "problem": broken["problem_label"]}
        )
    report_progress(1, 1, _("审计日志完整：共 %(count)s 条") % {"count": result.count})
    return {"ok": True, "count": result.count}
