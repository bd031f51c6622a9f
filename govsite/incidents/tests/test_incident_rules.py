"""The incident rules (X8): order of the times, what each stage needs, the reporting limits."""

from __future__ import annotations

import datetime as dt

from govsite.incidents.incident_rules import (
    Category,
    Level,
    Status,
    limits,
    overdue,
    reported_late,
    stage_problems,
    time_problems,
)

NOW = dt.datetime(2026, 5, 10, 12, 0)


def at(hour: int, day: int = 10) -> dt.datetime:
    return dt.datetime(2026, 5, day, hour, 0)


def test_x8_recovery_before_the_incident_happened_is_refused_in_chinese():
    problems = time_problems({"occurred_at": at(9), "discovered_at": at(10), "recovered_at": at(8)}, NOW)
    assert problems == {"recovered_at": "恢复时间不能早于发生时间"}


def test_x8_times_in_order_pass_and_future_times_do_not():
    ordered = {"occurred_at": at(8), "discovered_at": at(9), "contained_at": at(10), "recovered_at": at(11),
               "reported_at": at(10)}
    assert time_problems(ordered, NOW) == {}
    assert time_problems({"discovered_at": at(13)}, NOW) == {"discovered_at": "发现时间不能晚于当前时间"}
    assert time_problems({"discovered_at": at(9), "reported_at": at(8)}, NOW) == {
        "reported_at": "报告时间不能早于发现时间"}


def test_x8_an_incident_cannot_be_closed_without_a_post_incident_report():
    filled = {"recovered_at", "reported_at", "reported_to"}
    assert stage_problems(Status.CLOSED, filled) == {
        "summary": "没有事后总结报告不能结案：请填写总结报告或上传报告文件（X8）"}
    assert stage_problems(Status.CLOSED, filled | {"summary"}) == {}
    assert stage_problems(Status.HANDLING, set()) == {}
    assert set(stage_problems(Status.REPORTED, {"recovered_at"})) == {"reported_at", "reported_to"}


def test_x8_a_larger_incident_is_reported_within_four_hours_of_discovery():
    found = limits(Level.LARGER, at(9), None, report_hours=4, summary_days=30)
    assert found.report_due == at(13) and found.summary_due is None
    assert overdue(found, None, False, at(13)) == []
    assert overdue(found, None, False, at(14)) == ["超过报告时限（2026-05-10 13:00）仍未报告"]
    assert overdue(found, at(12), False, at(14)) == []
    assert reported_late(found, at(14)) and not reported_late(found, at(12))


def test_x8_an_ordinary_incident_has_no_outside_limit_but_its_analysis_report_is_due_after_recovery():
    found = limits(Level.ORDINARY, at(9), at(11), report_hours=4, summary_days=30)
    assert found.report_due is None and found.summary_due == dt.datetime(2026, 6, 9, 11, 0)
    assert overdue(found, None, False, dt.datetime(2026, 6, 9, 11, 0)) == []
    assert overdue(found, None, False, dt.datetime(2026, 6, 10)) == ["超过总结报告期限（2026-06-09）仍未形成事后总结报告"]
    assert overdue(found, None, True, dt.datetime(2026, 6, 10)) == []


def test_categories_are_filed_under_the_national_classes():
    assert Category.TAMPERING.national_class == "信息破坏事件"
    assert Category.TROJAN.national_class == "有害程序事件"
    assert Category.DENIAL_OF_SERVICE.label == "拒绝服务攻击"
