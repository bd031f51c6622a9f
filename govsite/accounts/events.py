"""Account security events in the audit log (X1, X2, X3, X5), each with the label an auditor reads."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from govsite.audit.chain import record
from govsite.audit.context import current_ip
from govsite.audit.models import AuditEntry

TWO_FACTOR_ENROL = "govsite.account.2fa_enrol"
TWO_FACTOR_PASSED = "govsite.account.2fa_passed"
TWO_FACTOR_FAILED = "govsite.account.2fa_failed"
RECOVERY_CODES = "govsite.account.recovery_codes"
PASSWORD_CHANGE = "govsite.account.password_change"
LOCKED_OUT = "govsite.account.locked_out"
UNLOCK = "govsite.account.unlock"
FREEZE = "govsite.account.freeze"
UNFREEZE = "govsite.account.unfreeze"
COMPROMISED = "govsite.account.compromised"

ACTION_LABELS = {
    TWO_FACTOR_ENROL: _("绑定双因素身份验证器"),
    TWO_FACTOR_PASSED: _("通过双因素验证"),
    TWO_FACTOR_FAILED: _("双因素验证失败"),
    RECOVERY_CODES: _("重新生成恢复码"),
    PASSWORD_CHANGE: _("修改密码"),
    LOCKED_OUT: _("连续登录失败，账号锁定"),
    UNLOCK: _("解除登录锁定"),
    FREEZE: _("冻结账号"),
    UNFREEZE: _("解冻账号"),
    COMPROMISED: _("处置疑似被盗账号"),
}


def record_account_event(action: str, *, actor, account=None, ip: str | None = None, **data: Any) -> AuditEntry:
    """One audit entry: who did it, to which account, from where."""
    return record(action, actor=actor, obj=account, ip=ip or current_ip(), data=data)
