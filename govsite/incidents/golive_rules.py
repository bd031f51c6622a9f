"""The security assessment a new column or function passes before it goes live (X9, 002 4(3)): the fixed
checklist and the decision rule. Pure Python, no Django import."""

from __future__ import annotations

from enum import StrEnum

# The checks, from the seeds: review and confidentiality of content (002 4(2), P5), role separation and
# two factors (000 6.1.5, X1, X3), application security and configuration (002 4(3), 4(5)), personal
# information (002 4(3), X7), audit and logs (000 6.1.5, 6.2.3), scanning (000 6.2.3), HTTPS (X11),
# no ads or open forums (002 4(2), X10), backups (000 6.1.3, X6) and the emergency plan (000 6.2.1, X8).
CHECKS = (
    ("content_review", "内容安全审核与保密审查"),
    ("accounts", "账号与权限分离、双因素认证"),
    ("input_validation", "输入校验（防注入、防跨站脚本）"),
    ("uploads", "上传文件检查（类型、大小、内容）"),
    ("personal_data", "个人信息保护（加密存储、脱敏展示）"),
    ("audit_log", "操作日志与安全审计"),
    ("vulnerability_scan", "漏洞扫描与安全配置检查"),
    ("tamper_protection", "网页防篡改、防攻击措施覆盖"),
    ("https", "全程 HTTPS 加密传输"),
    ("no_ads_or_forum", "无商业广告、无对社会开放的论坛"),
    ("backup", "数据备份与恢复"),
    ("emergency_plan", "应急预案已覆盖"),
)
CHECK_LABELS = dict(CHECKS)


class Result(StrEnum):
    PENDING = "pending"
    PASSED = "passed"
    FAILED = "failed"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return RESULT_LABELS[self]


RESULT_LABELS = {
    Result.PENDING: "未检查",
    Result.PASSED: "通过",
    Result.FAILED: "不通过",
    Result.NOT_APPLICABLE: "不适用",
}
NOTE_NEEDED = (Result.FAILED, Result.NOT_APPLICABLE)


class Decision(StrEnum):
    PENDING = "pending"
    PASSED = "passed"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return DECISION_LABELS[self]


DECISION_LABELS = {Decision.PENDING: "评估中", Decision.PASSED: "通过，准予上线", Decision.REJECTED: "不通过"}


def note_problems(results: dict[str, tuple[Result, str]]) -> dict[str, str]:
    """Checks answered 不通过 or 不适用 without saying why, by check code."""
    return {
        code: f"“{CHECK_LABELS[code]}”为“{result.label}”时须填写说明"
        for code, (result, note) in results.items()
        if result in NOTE_NEEDED and not note.strip()
    }


def decision_problems(decision: Decision, results: dict[str, tuple[Result, str]]) -> list[str]:
    """Why the decision cannot stand: 通过 needs every check answered and none failed."""
    if decision is not Decision.PASSED:
        return []
    failed = [CHECK_LABELS[code] for code, (result, _note) in results.items() if result is Result.FAILED]
    pending = [CHECK_LABELS[code] for code, _label in CHECKS if results.get(code, (Result.PENDING, ""))[0]
               is Result.PENDING]
    problems = []
    if failed:
        problems.append(f"有检查项不通过，不能评估为通过：{'、'.join(failed)}（X9）")
    if pending:
        problems.append(f"有检查项尚未检查，不能评估为通过：{'、'.join(pending)}")
    return problems
