"""The go-live rule (X9): a review passes only with every check answered and none failed."""

from __future__ import annotations

from govsite.incidents.golive_rules import CHECKS, Decision, Result, decision_problems, note_problems


def all_passed() -> dict[str, tuple[Result, str]]:
    return {code: (Result.PASSED, "") for code, _label in CHECKS}


def test_x9_a_review_with_every_check_passed_or_not_applicable_may_pass():
    results = {**all_passed(), "uploads": (Result.NOT_APPLICABLE, "栏目无上传功能")}
    assert decision_problems(Decision.PASSED, results) == []


def test_x9_a_failed_check_stops_the_review_passing():
    results = {**all_passed(), "input_validation": (Result.FAILED, "搜索框存在跨站脚本")}
    assert decision_problems(Decision.PASSED, results) == [
        "有检查项不通过，不能评估为通过：输入校验（防注入、防跨站脚本）（X9）"]
    assert decision_problems(Decision.REJECTED, results) == []


def test_x9_an_unchecked_item_stops_the_review_passing():
    results = all_passed()
    del results["backup"]
    assert decision_problems(Decision.PASSED, results) == ["有检查项尚未检查，不能评估为通过：数据备份与恢复"]


def test_x9_failed_or_not_applicable_checks_need_a_note():
    results = {**all_passed(), "https": (Result.FAILED, " "), "uploads": (Result.NOT_APPLICABLE, "无上传")}
    assert note_problems(results) == {"https": "“全程 HTTPS 加密传输”为“不通过”时须填写说明"}
