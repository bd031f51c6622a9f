"""国办秘函〔2019〕19号 indicators on hand-made facts: every veto boundary, every deduction, the score bands."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date, datetime, timedelta

import pytest

from govsite.columns.rules import UpdateCategory
from govsite.monitoring.indicators import (
    DEFAULT_SETTINGS,
    DEFAULT_SOURCE,
    KEY_GUIDE_ELEMENTS,
    ColumnState,
    ErrorReportState,
    GuideState,
    LetterState,
    ProbeResult,
    SiteFacts,
    Threshold,
    add_months,
    broken_links_deduction,
    columns_not_updated,
    error_reports_deduction,
    home_broken_links_deduction,
    home_not_updated,
    policy_columns_deduction,
    poor_interaction,
    replies_deduction,
    score,
    security_incidents,
    service_stats_deduction,
    services_not_practical,
    site_unreachable,
)

TODAY = date(2026, 6, 30)
DYN, POLICY, OTHER = UpdateCategory.DYNAMICS, UpdateCategory.NOTICES_POLICIES, UpdateCategory.OTHER


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def probes(total: int, failed: int = 0, seconds: float = 0.8) -> list[ProbeResult]:
    """`total` probes spread evenly over the 7 days before TODAY, the first `failed` of them failing."""
    start, step = datetime(2026, 6, 23), timedelta(days=7) / total
    return [ProbeResult(start + i * step, ok=i >= failed, seconds=None if i < failed else seconds)
            for i in range(total)]


def column(title: str, category: UpdateCategory = DYN, days: int | None = 1, *, items: int = 10,
           placeholder: str | None = None, first: bool = False, home: bool = False) -> ColumnState:
    return ColumnState(title, f"https://www.ceshi.gov.cn/{title}/", category,
                       None if days is None else ago(days), items, placeholder, home, first)


def guide(title: str, *missing: str) -> GuideState:
    return GuideState(title, frozenset(KEY_GUIDE_ELEMENTS) - set(missing))


def facts(**changes) -> SiteFacts:
    """A healthy portal: every indicator passes and nothing is deducted."""
    healthy = SiteFacts(
        today=TODAY, is_portal=True, home_last_update=ago(1),
        has_consultation_channel=True, has_online_services=True,
        service_stats_last_update=ago(10), replies_last_update=ago(10),
        columns=[column("政务要闻", first=True), column("政策文件", POLICY, 30, first=True),
                 column("机构职能", OTHER, 200, first=True)],
        probes=probes(140),
        letters=[LetterState(ago(30), ago(25), subject="咨询社保转移")],
        guides=[guide("个体工商户登记")],
    )
    return replace(healthy, **changes)


def test_the_healthy_site_passes_everything_with_full_marks():
    result = score(facts())
    assert [r.status for r in result.results] == ["通过"] * 6
    assert result.total == 100 and result.passed and result.verdict == "合格" and result.deductions == []


def test_add_months_clamps_to_the_month_end():
    assert add_months(date(2026, 3, 31), 1) == date(2026, 4, 30)
    assert add_months(date(2026, 1, 15), -3) == date(2025, 10, 15)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


# ---- 安全、泄密事故等严重问题 ----


def test_a_recorded_incident_vetoes_and_an_open_alert_warns():
    vetoed = security_incidents(facts(security_incidents=["首页被篡改未及时处置"]))
    assert vetoed.veto and not vetoed.passed and vetoed.evidence == ["已记录严重问题：首页被篡改未及时处置"]
    warned = security_incidents(facts(security_warnings=["篡改告警待处置"]))
    assert warned.at_risk and warned.passed and warned.status == "预警"


# ---- 站点无法访问 ----


@pytest.mark.parametrize(("total", "failed", "status"), [
    (140, 7, "单项否决"),  # exactly 5%
    (1000, 50, "单项否决"),
    (1000, 49, "预警"),  # 4.9%
    (1000, 30, "预警"),  # 3%
    (1000, 29, "通过"),  # 2.9%
])
def test_unreachable_share_boundaries(total, failed, status):
    assert site_unreachable(facts(probes=probes(total, failed))).status == status


def test_slow_probes_fail_from_15_seconds():
    slow = [replace(p, seconds=15.0) if i < 7 else p for i, p in enumerate(probes(140))]
    result = site_unreachable(facts(probes=slow))
    assert result.veto and result.detail["failed"] == 7
    assert "2026-06-23：7次不可访问（00:00 响应15秒" in result.evidence[1]
    almost = [replace(p, seconds=14.9) for p in probes(140)]
    assert site_unreachable(facts(probes=almost)).status == "通过"


def test_too_few_probes_warn_because_they_cannot_clear_the_site():
    result = site_unreachable(facts(probes=probes(133)))  # 19 a day
    assert result.at_risk and any("每天应不少于20次" in line for line in result.evidence)
    nothing = site_unreachable(facts(probes=[]))
    assert nothing.at_risk and "仅有0天的监测记录（应连续监测7天）" in nothing.evidence[-1]


# ---- 首页不更新 ----


@pytest.mark.parametrize(("days", "status"), [(10, "通过"), (11, "预警"), (14, "预警"), (15, "单项否决")])
def test_home_update_boundaries(days, status):
    assert home_not_updated(facts(home_last_update=ago(days))).status == status


def test_home_without_any_dated_update_vetoes():
    result = home_not_updated(facts(home_last_update=None))
    assert result.veto and result.evidence == ["首页没有带发布日期的更新（超过14天未更新即单项否决）"]


def test_a_navigation_home_page_is_judged_by_the_pages_under_it():
    stale = [column("政务要闻", days=20, first=True), column("通知公告", POLICY, 15, first=True),
             column("下级动态", days=1)]  # second level: does not count
    result = home_not_updated(facts(home_is_navigation=True, home_last_update=None, columns=stale))
    assert result.veto and "已15天未更新" in result.evidence[0]
    fresh = [*stale, column("政策解读", POLICY, 3, first=True)]
    assert home_not_updated(facts(home_is_navigation=True, columns=fresh)).passed


# ---- 栏目不更新 ----


def dynamics(n: int, days: int = 15) -> list[ColumnState]:
    return [column(f"动态{i}", DYN, days) for i in range(n)]


@pytest.mark.parametrize(("n", "status"), [(3, "通过"), (4, "预警"), (5, "单项否决")])
def test_key_columns_not_updated_boundaries(n, status):
    assert columns_not_updated(facts(columns=dynamics(n))).status == status


def test_key_columns_count_dynamics_at_14_days_and_first_level_policies_at_183():
    cols = [*dynamics(3), column("通知公告", POLICY, 184, first=True), column("政策文件", POLICY, 184, first=True),
            column("下级文件", POLICY, 400), column("按时动态", DYN, 14), column("按时文件", POLICY, 183, first=True)]
    result = columns_not_updated(facts(columns=cols))
    assert result.veto and result.detail["key_stale"] == 5 and result.detail["overdue"] == 6
    assert result.evidence[0] == "（一）动态要闻类栏目2周未更新、通知公告政策文件类一级栏目6个月未更新，共5个（达到5个即单项否决）："
    assert "栏目“通知公告”（https://www.ceshi.gov.cn/通知公告/）最后更新于2025-12-28，已184天未更新，超过183天的更新周期" in result.evidence


@pytest.mark.parametrize(("n", "status"), [(8, "通过"), (9, "预警"), (10, "单项否决")])
def test_long_overdue_columns_boundaries(n, status):
    cols = [column(f"概况{i}", OTHER, 366) for i in range(n)] + [column("人事", OTHER, 365)]
    assert columns_not_updated(facts(columns=cols)).status == status


@pytest.mark.parametrize(("n", "status"), [(3, "通过"), (4, "预警"), (5, "单项否决")])
def test_empty_columns_boundaries(n, status):
    cols = [column(f"空{i}", OTHER, None, items=0) for i in range(n - 1)]
    cols.append(column("专题", OTHER, 1, items=3, placeholder="正在建设中"))
    assert columns_not_updated(facts(columns=cols)).status == status


def test_empty_columns_count_once_and_the_home_page_not_at_all():
    cols = [*[column(f"空动态{i}", DYN, None, items=0) for i in range(4)], column("首页", DYN, 40, home=True)]
    result = columns_not_updated(facts(columns=cols))
    assert result.detail == {"key_stale": 0, "overdue": 0, "empty": 4}
    assert "栏目“空动态0”（https://www.ceshi.gov.cn/空动态0/）为空白栏目" in result.evidence


# ---- 互动回应差 ----


def test_no_consultation_channel_vetoes():
    result = poor_interaction(facts(has_consultation_channel=False))
    assert result.veto and result.evidence == ["未提供有效的网上咨询渠道"]


@pytest.mark.parametrize(("received", "answered", "status"), [
    (date(2026, 3, 30), None, "预警"),  # exactly 3 months open
    (date(2026, 3, 29), None, "单项否决"),  # over 3 months open
    (date(2026, 4, 30), None, "通过"),  # exactly 2 months open
    (date(2026, 4, 29), None, "预警"),
    (date(2025, 9, 1), date(2025, 12, 2), "单项否决"),  # answered late, within the past year
    (date(2025, 9, 1), date(2025, 12, 1), "通过"),
    (date(2025, 6, 29), None, "通过"),  # received over a year ago
])
def test_letter_reply_boundaries(received, answered, status):
    letter = LetterState(received, answered, subject="咨询公积金提取")
    assert poor_interaction(facts(letters=[letter])).status == status


def test_invalid_letters_do_not_count_and_evidence_names_the_letter():
    assert poor_interaction(facts(letters=[LetterState(date(2026, 1, 5), None, valid=False)])).passed
    result = poor_interaction(facts(letters=[LetterState(date(2026, 1, 5), None, subject="咨询落户")]))
    assert result.evidence == ["留言“咨询落户”（2026-01-05收到）至今未答复，超过3个月"]


# ---- 服务不实用 ----


def test_no_online_services_vetoes():
    result = services_not_practical(facts(has_online_services=False))
    assert result.veto and result.evidence == ["未提供在线办事服务"]


@pytest.mark.parametrize(("complete", "status"), [(4, "单项否决"), (9, "预警"), (10, "通过")])
def test_incomplete_guides_share_boundaries(complete, status):
    guides = [guide("居住证办理", "收费标准", "办理时限")] + [guide(f"事项{i}") for i in range(complete)]
    result = services_not_practical(facts(guides=guides))
    assert result.status == status
    assert "办事指南“居住证办理”缺少收费标准、办理时限" in result.evidence


# ---- Deductions ----


def test_policy_columns_take_5_each_up_to_20():
    cols = [column(f"政策{i}", POLICY, 200, first=True) for i in range(5)]
    deduction = policy_columns_deduction(facts(columns=cols))
    assert deduction.points == 20 and len(deduction.evidence) == 6 and "最多扣20分" in deduction.evidence[-1]
    assert policy_columns_deduction(facts(columns=cols[:1])).points == 5
    assert policy_columns_deduction(facts(columns=[column("下级政策", POLICY, 200)])) is None


def test_service_statistics_and_replies_by_months():
    assert service_stats_deduction(facts(service_stats_last_update=date(2026, 3, 30))) is None
    stats = service_stats_deduction(facts(service_stats_last_update=date(2026, 3, 29)))
    assert stats.points == 2 and stats.evidence == ["办事服务统计数据最后更新于2026-03-29，超过3个月未更新，扣2分"]
    assert replies_deduction(facts(replies_last_update=date(2026, 4, 30))) is None
    assert replies_deduction(facts(replies_last_update=None)).points == 3


def test_broken_links_by_count_with_caps():
    assert broken_links_deduction(facts(broken_links=0)) is None
    assert broken_links_deduction(facts(broken_links=49)).points == 4.9
    assert broken_links_deduction(facts(broken_links=300)).points == 10
    home = home_broken_links_deduction(facts(broken_home_links=3))
    assert home.points == 3 and home.source == DEFAULT_SOURCE


def test_error_reports_unresolved_and_late():
    reports = [
        ErrorReportState(TODAY, None, "今天提交"),  # within the grace day
        ErrorReportState(ago(2), None, "链接打不开"),
        ErrorReportState(date(2026, 5, 1), date(2026, 6, 2), "错别字"),  # one month and a day
        ErrorReportState(date(2026, 5, 1), date(2026, 6, 1), "按时处理"),  # exactly one month
    ]
    deduction = error_reports_deduction(facts(error_reports=reports))
    assert deduction.points == 5 and "可信度低" in deduction.source
    assert deduction.evidence == [
        "“我为政府网站找错”留言“链接打不开”（2026-06-28提交）至今未处理，扣3分",
        "“我为政府网站找错”留言“错别字”（2026-05-01提交）于2026-06-02才处理，超过1个月，扣2分",
    ]
    many = [ErrorReportState(ago(10), None) for _ in range(6)]
    assert error_reports_deduction(facts(error_reports=many)).points == 15


# ---- Score bands ----


def test_any_veto_fails_even_with_full_marks():
    result = score(facts(has_online_services=False, bonus_points=10))
    assert not result.passed and result.total == 110 and [v.key for v in result.vetoes] == ["services_not_practical"]


def policy_columns(n: int) -> list[ColumnState]:
    return [column(f"政策{i}", POLICY, 200, first=True) for i in range(n)]


def test_59_9_fails_and_60_passes():
    # 20 (policy columns) + 2 + 3 + 9 (three unresolved reports) + 6.1 (61 broken links) = 40.1
    reports = [ErrorReportState(ago(10), None) for _ in range(3)]
    common = dict(columns=policy_columns(4), service_stats_last_update=None, replies_last_update=None,
                  error_reports=reports)
    failing = score(facts(broken_links=61, **common))
    assert failing.base == 59.9 and not failing.passed and failing.vetoes == []
    assert score(facts(broken_links=60, **common)).passed


def test_bonus_counts_above_80_for_portals_only():
    # 10 (two policy columns) + 2 + 3 + 4.9 = 19.9 → 80.1
    common = dict(columns=policy_columns(2), service_stats_last_update=None, replies_last_update=None,
                  broken_links=49, bonus_points=40)
    portal = score(facts(**common))
    assert portal.base == 80.1 and portal.bonus == 30 and portal.total == 110.1
    assert score(facts(is_portal=False, **common)).bonus == 0
    at_80 = score(facts(**{**common, "broken_links": 50}))
    assert at_80.base == 80 and at_80.bonus == 0


# ---- Settings ----


def test_every_setting_names_its_source_and_defaults_are_flagged():
    values = {f.name: getattr(DEFAULT_SETTINGS, f.name) for f in fields(DEFAULT_SETTINGS)}
    assert all(isinstance(t, Threshold) and t.source for t in values.values())
    defaults = {name for name, t in values.items() if t.is_default}
    assert defaults == {
        "unreachable_warn_percent", "home_warn_days", "count_warn_margin", "letter_warn_months",
        "incomplete_guides_veto_percent", "incomplete_guides_warn_percent", "policy_column_cap",
        "broken_link_cap", "home_broken_link_points", "home_broken_link_cap", "error_grace_days",
        "error_reports_cap",
    }
    assert values["unreachable_veto_percent"] == Threshold(5, "国办秘函〔2019〕19号")


def test_a_site_may_change_a_threshold():
    strict = replace(DEFAULT_SETTINGS, home_days=Threshold(7, "本市规定"))
    assert home_not_updated(facts(home_last_update=ago(8)), strict).veto
    assert home_not_updated(facts(home_last_update=ago(8))).passed
