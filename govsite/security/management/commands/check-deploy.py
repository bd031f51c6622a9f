"""`govsite check-deploy [--json]`: every unsafe production setting in Chinese; exits 1 if any is an error."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from govsite.core.cli import JsonCommand
from govsite.security.deploy import ERROR, Finding
from govsite.security.deployment import deployment_findings

LEVEL_LABELS = {ERROR: _("错误"), "warning": _("警告")}


def findings_text(findings: list[Finding]) -> str:
    """One finding per line with its hint below, for people."""
    if not findings:
        return _("未发现不安全的生产设置。")
    return "\n".join(
        _("[%(level)s] %(code)s：%(message)s\n    处理：%(hint)s") % {
            "level": LEVEL_LABELS[f.level], "code": f.code, "message": f.message, "hint": f.hint}
        for f in findings
    )


class Command(JsonCommand):
    """Runs Django's deployment checks and the platform's own; the system checks must not stop it first."""

    help = _("上线前安全检查（等保三级，X4、X11）：列出全部不安全的生产设置，有错误时以状态 1 退出")
    requires_system_checks = []

    def handle(self, *args, **options) -> None:
        findings = deployment_findings()
        errors = sum(finding.level == ERROR for finding in findings)
        data = {"findings": [finding.as_dict() for finding in findings], "errors": errors,
                "warnings": len(findings) - errors}
        self.emit(options, data, findings_text(findings))
        if errors:
            raise CommandError(_("发现 %(n)s 项不安全的生产设置，请逐项处理后再上线。") % {"n": errors}, returncode=1)
