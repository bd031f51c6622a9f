"""Lifecycle rules (S3-S5): the state machine, checklists, offline limits, 72 hours, 30-day notices."""

import datetime as dt

import pytest

from govsite.registry.lifecycle_rules import (
    CLOSING_ITEMS,
    OPENING_ITEMS,
    ChecklistItem,
    SiteStatus,
    Transition,
    allowed_transitions,
    check_closing,
    check_initial_status,
    check_item_allowed,
    check_migration,
    check_no_open_outage,
    check_notice_removal,
    check_offline_plan,
    check_opening,
    check_outage_end,
    check_outage_report,
    check_transition,
    check_yearly_offline,
    notice_keep_until,
    outage_must_escalate,
)

NOW = dt.datetime(2026, 6, 15, 10, 0)
TODAY = NOW.date()


@pytest.mark.parametrize(
    ("status", "transition"),
    [
        (SiteStatus.PLANNING, Transition.ONLINE),
        (SiteStatus.RUNNING, Transition.OFFLINE),
        (SiteStatus.OFFLINE, Transition.BACK_ONLINE),
        (SiteStatus.RUNNING, Transition.MIGRATE),
        (SiteStatus.MIGRATING, Transition.FINISH_MIGRATION),
        (SiteStatus.MIGRATING, Transition.CLOSE),
    ],
)
def test_each_transition_is_allowed_from_its_state(status, transition):
    assert check_transition(status, transition) is None
    assert transition in allowed_transitions(status)


@pytest.mark.parametrize(
    ("status", "transition"),
    [
        (SiteStatus.PLANNING, Transition.OFFLINE),
        (SiteStatus.RUNNING, Transition.ONLINE),
        (SiteStatus.OFFLINE, Transition.ONLINE),
        (SiteStatus.OFFLINE, Transition.OFFLINE),
        (SiteStatus.RUNNING, Transition.CLOSE),
        (SiteStatus.MIGRATED, Transition.BACK_ONLINE),
        (SiteStatus.CLOSED, Transition.MIGRATE),
    ],
)
def test_other_transitions_are_refused_in_chinese(status, transition):
    message = check_transition(status, transition)
    assert "不能办理" in message and "S3-S5" in message


def test_migrated_and_closed_are_final():
    assert allowed_transitions(SiteStatus.MIGRATED) == []
    assert allowed_transitions(SiteStatus.CLOSED) == []


def test_a_new_site_starts_in_planning_or_running_only():
    assert check_initial_status("planning") is None
    assert check_initial_status("running") is None
    assert "筹建" in check_initial_status("offline")


def test_opening_needs_all_six_items_and_names_the_missing():
    assert len(OPENING_ITEMS) == 6
    assert check_opening([str(i) for i in OPENING_ITEMS]) is None
    message = check_opening([str(i) for i in OPENING_ITEMS if i != ChecklistItem.SECURITY_ASSESSMENT])
    assert "还缺 等级保护测评" in message and "003 §11" in message
    assert "申请网站域名、加挂党政机关网站标识" in check_opening([])


def test_closing_needs_registrations_cancelled():
    assert check_closing([str(i) for i in CLOSING_ITEMS]) is None
    message = check_closing(["icp_cancelled"])
    assert "注销公安机关备案" in message and "注销ICP备案" not in message and "003 §13" in message


@pytest.mark.parametrize(
    ("status", "item", "allowed"),
    [
        ("planning", "icp", True),
        ("planning", "icp_cancelled", False),
        ("running", "icp", False),
        ("migrating", "psb_cancelled", True),
        ("migrating", "psb", False),
    ],
)
def test_items_are_recorded_in_their_phase(status, item, allowed):
    assert (check_item_allowed(status, item, TODAY, TODAY) is None) is allowed


def test_item_date_in_the_future_and_unknown_items_are_refused():
    assert "晚于今天" in check_item_allowed("planning", "icp", TODAY + dt.timedelta(days=1), TODAY)
    assert "没有名为“dns”的事项" in check_item_allowed("planning", "dns", TODAY, TODAY)


def test_offline_of_30_days_is_allowed_31_refused():
    assert check_offline_plan("整改", NOW, NOW + dt.timedelta(days=30), NOW, []) is None
    message = check_offline_plan("整改", NOW, NOW + dt.timedelta(days=31), NOW, [])
    assert "不得超过30天" in message and "31 天" in message and "001 §7" in message


def test_offline_needs_a_reason_a_present_start_and_a_later_end():
    assert "原因" in check_offline_plan("  ", NOW, NOW + dt.timedelta(days=1), NOW, [])
    assert "不能晚于当前时间" in check_offline_plan("整改", NOW + dt.timedelta(hours=1), NOW + dt.timedelta(days=1), NOW, [])
    assert "须晚于" in check_offline_plan("整改", NOW, NOW, NOW, [])


def test_offline_once_per_calendar_year_by_start_date():
    assert "2026年已临时下线过一次" in check_offline_plan(
        "整改", NOW, NOW + dt.timedelta(days=3), NOW, [dt.datetime(2026, 1, 2)]
    )
    assert check_yearly_offline(dt.datetime(2026, 1, 1), [dt.datetime(2025, 12, 31, 23, 0)]) is None


def test_outage_over_72_hours_escalates_71_and_72_do_not():
    start = NOW - dt.timedelta(hours=73)
    assert outage_must_escalate(start, NOW)
    assert not outage_must_escalate(NOW - dt.timedelta(hours=71), NOW)
    assert not outage_must_escalate(NOW - dt.timedelta(hours=72), NOW)


def test_outage_report_rules():
    assert check_outage_report("running", "断电", NOW, NOW, False) is None
    assert "只有处于“运行”状态" in check_outage_report("offline", "断电", NOW, NOW, False)
    assert "尚未结束" in check_outage_report("running", "断电", NOW, NOW, True)
    assert "中断原因" in check_outage_report("running", "", NOW, NOW, False)
    assert "不能晚于" in check_outage_report("running", "断电", NOW + dt.timedelta(minutes=5), NOW, False)
    assert check_outage_end(NOW - dt.timedelta(hours=2), NOW, NOW) is None
    assert "不能早于" in check_outage_end(NOW, NOW - dt.timedelta(hours=1), NOW)
    assert "72小时" in check_no_open_outage(True) and check_no_open_outage(False) is None


def test_migration_says_where_the_content_goes():
    assert check_migration("https://new.example.gov.cn", "") is None
    assert check_migration("", "并入门户网站“部门信息”栏目") is None
    assert "003 §13" in check_migration(" ", "")


def test_portal_notice_is_kept_30_days():
    keep = notice_keep_until(TODAY)
    assert keep == TODAY + dt.timedelta(days=30)
    message = check_notice_removal(keep, keep - dt.timedelta(days=1), "测试市教育体育局")
    assert "须保留至 2026-07-15" in message and "测试市教育体育局" in message
    assert check_notice_removal(keep, keep, "测试市教育体育局") is None
    assert check_notice_removal(None, TODAY, "测试市教育体育局") is None
