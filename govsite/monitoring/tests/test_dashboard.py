"""The supervising office's overview and one site's page (M1, M6): status, score, risks, rectifications,
drill-down to the exact link and its page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from govsite.monitoring.inspection import inspect, platform_settings
from govsite.monitoring.models import Alert, Inspection, LinkCheckRun, Probe
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_client(client, make_user):
    client.force_login(make_user("overview_office", Role.PORTAL_OFFICE))
    return client


def test_the_overview_puts_the_failing_site_first_and_drills_down_to_the_broken_link(office_client, portal,
                                                                                     department):
    now = timezone.now()
    Probe.objects.bulk_create(
        [Probe(record=department, at=now - dt.timedelta(hours=n), url="u", ok=False, error="无法连接")
         for n in range(30)]
        + [Probe(record=portal, at=now - dt.timedelta(hours=n), url="u", ok=True, seconds=0.1) for n in range(30)])
    LinkCheckRun.objects.create(record=department, started_at=now, finished_at=now, start_url="http://jtj/",
                                pages=12, links=80, broken=[{"url": "http://jtj.localhost/files/gone.pdf",
                                                            "status": 404, "reason": "",
                                                            "sources": ["http://jtj.localhost/gzdt/1/"]}])
    inspect(portal)
    inspect(department)
    page = office_client.get(reverse("monitoring_overview")).content.decode()
    table = page.split('id="overview"', 1)[1]
    assert table.index(department.name) < table.index(portal.name)  # the failing one first
    assert "无法访问" in table and "0.0%" in table and "100.0%" in table and "<polyline" in table
    assert "否决：站点无法访问" in table and "unreachable" not in table

    detail = office_client.get(reverse("monitoring_site", args=[department.pk])).content.decode()
    assert "站点无法访问" in detail and "单项否决" in detail
    assert "http://jtj.localhost/files/gone.pdf" in detail and "http://jtj.localhost/gzdt/1/" in detail
    assert "失效链接：404" in detail  # on the rectification list too
    assert 'id="score-chart"' in detail


def test_only_the_supervising_office_sees_the_overview(client, make_user, department):
    client.force_login(make_user("plain_editor", Role.EDITOR, department))
    response = client.get(reverse("monitoring_overview"))
    assert response.status_code in (302, 403)


def test_the_office_home_page_counts_open_alerts_and_failing_sites(office_client, department):
    Alert.objects.create(record=department, level="veto", kind="site_down", message="首页无法访问",
                         raised_at=timezone.now(), deliver_at=timezone.now())
    Inspection.objects.create(record=department, day=timezone.localdate(), score=50, passed=False)
    page = office_client.get(reverse("wagtailadmin_home")).content.decode()
    section = page.split('id="monitoring-due-heading"', 1)[1].split("</section>", 1)[0]
    assert "未确认的告警" in section and "今日检查不合格的网站" in section


def test_the_settings_page_flags_values_the_standard_does_not_give(office_client, settings):
    settings.GOVSITE_INDICATOR_SETTINGS = {"home_broken_link_points": 0.5}
    page = office_client.get(reverse("monitoring_settings")).content.decode()
    table = page.split('id="settings"', 1)[1]
    assert "首页失效链接每个扣分</td><td>0.5</td><td>本平台设置" in table
    assert "不可访问比例预警线（%）</td><td>3</td><td><strong>默认值（标准原文未给出" in table
    assert "不可访问比例否决线（%）</td><td>5</td><td>国办秘函" in table


def test_an_unknown_setting_is_refused_in_chinese(settings):
    settings.GOVSITE_INDICATOR_SETTINGS = {"no_such_threshold": 1}
    with pytest.raises(ValueError, match="未知的检查指标设置：no_such_threshold"):
        platform_settings()
