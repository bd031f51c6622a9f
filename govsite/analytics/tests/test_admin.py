"""访问统计 and 低访问量栏目 in the admin: charts, tables, site scope, export (C6)."""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from govsite.analytics.models import LowTrafficPolicy, PageVisitDay, SiteVisitDay
from govsite.analytics.rules import full_months
from govsite.analytics.stats import columns_of
from govsite.content.tests.factories import column_of
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def allowed(user):
    user.user_permissions.add(Permission.objects.get(codename="view_statistics", content_type__app_label="analytics"))
    return user


@pytest.fixture
def office(client, make_user):
    client.force_login(allowed(make_user("stats_office", Role.PORTAL_OFFICE)))
    return client


@pytest.fixture
def editor(client, make_user, department):
    client.force_login(allowed(make_user("stats_editor", Role.EDITOR, department)))
    return client


@pytest.fixture
def visits(portal, department):
    """Ten days of visits: 工作动态 busy, 通知公告 with a trickle; the portal a little."""
    today = timezone.localdate()
    busy, quiet = column_of(department, "工作动态"), column_of(department, "通知公告")
    for n in range(10):
        day = today - dt.timedelta(days=n)
        SiteVisitDay.objects.create(record=department, day=day, views=41, visitors=20)
        SiteVisitDay.objects.create(record=portal, day=day, views=3, visitors=2)
        PageVisitDay.objects.create(record=department, day=day, page=busy, path=busy.path, views=40, visitors=19)
        PageVisitDay.objects.create(record=department, day=day, page=quiet, path=quiet.path, views=1, visitors=1)
    return busy, quiet


def charts(html: str) -> list[ET.Element]:
    """The page's charts drawn by govsite/core/charts.py, parsed."""
    return [ET.fromstring(svg) for svg in re.findall(r'<svg [^>]*class="chart .*?</svg>', html, re.S)]


def test_office_sees_the_platform_summary_and_any_site(office, portal, department, visits):
    page = office.get(reverse("analytics_statistics")).content.decode()
    assert "全平台 近30天访问统计" in page and "浏览量 440 次，访客数 220 人次" in page
    sites = page.split('id="sites"', 1)[1]
    assert sites.index(department.name) < sites.index(portal.name)
    trend, bars = charts(page)
    assert len(trend.findall(f".//{SVG}circle")) == 60  # 30 days × views and visitors
    assert len(bars.findall(f".//{SVG}rect[@class='bar series-0']")) >= 2
    page = office.get(reverse("analytics_statistics"), {"site": portal.pk, "days": 90}).content.decode()
    assert f"{portal.name} 近90天访问统计" in page and "浏览量 30 次" in page


def test_unit_user_sees_own_site_with_columns_and_top_pages_only(editor, portal, department, visits):
    page = editor.get(reverse("analytics_statistics")).content.decode()
    assert f"{department.name} 近30天访问统计" in page and "全平台" not in page
    columns = page.split('id="columns"', 1)[1].split("</table>")[0]
    assert "工作动态</td><td>400</td>" in columns and "通知公告</td><td>10</td>" in columns
    assert "工作动态" in page.split('id="pages"', 1)[1]
    bars = charts(page)[1]
    assert "工作动态" in [t.text for t in bars.iter(f"{SVG}text")]
    assert editor.get(reverse("analytics_statistics"), {"site": portal.pk}).status_code == 404
    assert editor.get(reverse("analytics_statistics"), {"site": "x'1"}).status_code == 404


def test_unit_roles_that_keep_the_site_see_it_and_others_do_not(client, make_user, department):
    client.force_login(make_user("site_editor", Role.EDITOR, department))
    assert client.get(reverse("analytics_statistics")).status_code == 200
    client.force_login(make_user("letters_only", Role.LETTER_HANDLER, department))
    refused = client.get(reverse("analytics_statistics"))
    assert refused.status_code == 302 and refused.url == "/admin/"  # Wagtail's "no permission" redirect


def test_export_xlsx(editor, department, visits):
    response = editor.get(reverse("analytics_statistics"), {"format": "xlsx"})
    book = load_workbook(io.BytesIO(response.content))
    daily = [row for row in book["每日"].iter_rows(values_only=True) if row[0] and str(row[0])[:2] == "20"]
    assert len(daily) == 30 and sum(row[1] for row in daily) == 410
    assert ("工作动态", 400) in [row[:2] for row in book["栏目"].iter_rows(values_only=True)]


def test_low_traffic_columns_are_listed_with_their_figures(editor, department, make_user, client):
    today = timezone.localdate()
    busy, quiet = column_of(department, "工作动态"), column_of(department, "通知公告")
    for column in (busy, quiet):
        column.first_published_at = timezone.now() - dt.timedelta(days=400)
        column.save(update_fields=["first_published_at"])
    for month in full_months(today, 3):
        PageVisitDay.objects.create(record=department, day=month, page=busy, path=busy.path, views=500, visitors=90)
        PageVisitDay.objects.create(record=department, day=month, page=quiet, path=quiet.path, views=12, visitors=5)
    page = editor.get(reverse("analytics_low_traffic")).content.decode()
    table = page.split('id="low-columns"', 1)[1]
    row = table.split("通知公告", 1)[1].split("</tr>")[0]
    assert "合并或关闭" in row and "：12" in row and "平台默认" in row
    assert "工作动态" not in table
    LowTrafficPolicy.objects.create(record=department, monthly_views=10, months=3)
    assert "通知公告" not in editor.get(reverse("analytics_low_traffic")).content.decode().split('id="low-columns"')[1]


def test_office_sets_a_site_threshold_and_bad_values_are_refused(client, make_user, department):
    user = allowed(make_user("stats_policy", Role.PORTAL_OFFICE))
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="analytics",
                                                         codename__endswith="lowtrafficpolicy"))
    client.force_login(user)
    url = reverse("analytics_policies:add")
    page = client.post(url, {"record": department.pk, "monthly_views": 0, "months": 3}).content.decode()
    assert "errorlist" in page or "error-message" in page
    assert not LowTrafficPolicy.objects.exists()
    client.post(url, {"record": department.pk, "monthly_views": 50, "months": 6})
    assert LowTrafficPolicy.objects.get().months == 6


def test_dashboard_counts_the_flagged_columns(editor, department):
    quiet = column_of(department, "通知公告")
    for column in columns_of(department):
        column.first_published_at = timezone.now() - dt.timedelta(days=400)
        column.save(update_fields=["first_published_at"])
        if column.pk != quiet.pk:
            for month in full_months(timezone.localdate(), 3):
                PageVisitDay.objects.create(record=department, day=month, page=column, path=column.path, views=99)
    page = editor.get(reverse("wagtailadmin_home")).content.decode()
    assert "持续低访问量、建议合并或关闭的栏目</a></td><td>1</td>" in page
