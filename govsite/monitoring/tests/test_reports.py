"""Monitoring reports (M1-M3): the monthly self-check from the month's inspections, the quarterly sample of
at least half the sites, their Word and Excel files, and publication on the portal with one action."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from govsite.content.models import ArticlePage
from govsite.core.errors import Refused
from govsite.monitoring import reports
from govsite.monitoring.models import Inspection, MonitoringReport, Probe, Rectification
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db
BEIJING = dt.timezone(dt.timedelta(hours=8))
MAY = reports.period_of(MonitoringReport.Kind.MONTHLY, 2026, 5)


def may_inspections(record, scores: list[float], veto_on: int | None = None) -> None:
    for day, score in enumerate(scores, start=1):
        veto = day == veto_on
        Inspection.objects.create(record=record, day=dt.date(2026, 5, day), score=score, passed=not veto,
                                  vetoes=["unreachable"] if veto else [],
                                  results=[{"key": "unreachable", "name": "站点无法访问", "veto": veto}])


def test_periods():
    assert (dt.date(2026, 5, 1), dt.date(2026, 5, 31)) == MAY
    assert reports.period_of("monthly", 2026, 12) == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert reports.period_of("quarterly", 2026, 4) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    with pytest.raises(Refused, match="季度应为"):
        reports.period_of("quarterly", 2026, 5)


def test_the_monthly_self_check_counts_each_sites_month(portal, department):
    may_inspections(department, [90, 85, 70], veto_on=3)
    may_inspections(portal, [95, 96])
    Probe.objects.bulk_create(Probe(record=department, at=dt.datetime(2026, 5, 2, h, tzinfo=BEIJING), url="u",
                                    ok=h != 0) for h in range(20))
    Rectification.objects.create(record=department, kind="broken_link", fingerprint="x", subject="http://a",
                                 description="失效链接", severity="medium", responsible_unit="办公室",
                                 found_on=dt.date(2026, 5, 2), due_on=dt.date(2026, 5, 7),
                                 last_seen_at=dt.datetime(2026, 5, 2, tzinfo=BEIJING))
    report = reports.make(MonitoringReport.Kind.MONTHLY, *MAY)
    assert report.title == "2026年05月 政府网站自查情况报告"
    rows = {row[0]: row for row in report.rows}
    assert rows[department.name] == [department.name, 3, 2, 81.7, 70.0, "95.0%", "站点无法访问", 1, 0, 1]
    assert rows[portal.name][1:5] == [2, 2, 95.5, 95.0] and rows[portal.name][6] == "无"

    text = "\n".join(p.text for p in Document(io.BytesIO(reports.report_docx(report))).paragraphs)
    assert "存在单项否决问题的网站：测试市教育体育局" in text and "二、检查结果" in text
    sheet = load_workbook(io.BytesIO(reports.report_xlsx(report)))["二、检查结果"]
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert "首页可用率" in values and "95.0%" in values


def test_the_quarterly_sampling_draws_at_least_half_with_its_seed(portal, department):
    report = reports.make(MonitoringReport.Kind.QUARTERLY, *reports.period_of("quarterly", 2026, 2), seed=7)
    assert len(report.rows) == 1 and report.seed == 7  # 2 sites: 1 is half
    again = reports.make(MonitoringReport.Kind.QUARTERLY, *reports.period_of("quarterly", 2026, 2), seed=7)
    assert again.rows == report.rows and "抽样种子 7" in report.summary


def test_the_office_publishes_on_the_portal_and_nobody_else_can(portal, department, make_user):
    report = reports.make(MonitoringReport.Kind.MONTHLY, *MAY)
    with pytest.raises(PermissionDenied):
        reports.publish(report, make_user("report_editor", Role.EDITOR, portal))
    reports.publish(report, make_user("report_office", Role.PORTAL_OFFICE))
    page = ArticlePage.objects.get(pk=report.page_id)
    assert page.live and page.title == report.title and page.get_parent().title == "公示公告"
    assert "首页可用率" in page.body and page.attachments.count() == 1


def test_the_admin_makes_a_report_and_refuses_a_bad_month(client, portal, make_user):
    client.force_login(make_user("report_admin", Role.PORTAL_OFFICE))
    page = client.post(reverse("monitoring_reports"), {"kind": "monthly", "year": "2026", "number": "13"})
    assert "13" in page.content.decode() and not MonitoringReport.objects.exists()
    response = client.post(reverse("monitoring_reports"), {"kind": "quarterly", "year": "2026", "number": "5"})
    assert "季度应为 1 到 4" in response.content.decode()
    response = client.post(reverse("monitoring_reports"), {"kind": "monthly", "year": "2026", "number": "5"},
                           follow=True)
    assert "2026年05月 政府网站自查情况报告" in response.content.decode()
    report = MonitoringReport.objects.get()
    assert client.get(reverse("monitoring_report_file", args=[report.pk, "xlsx"])).status_code == 200
