"""Counting through the public beacon endpoint: per page, column and site; visitors without addresses."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from govsite.analytics import stats
from govsite.analytics.models import DailySalt, PageVisitDay, SiteVisitDay, VisitorMark
from govsite.analytics.rollup import roll_up_pending

from .conftest import VISITOR_IP, url_of

pytestmark = pytest.mark.django_db


def site_day(record, day=None) -> SiteVisitDay:
    return SiteVisitDay.objects.get(record=record, day=day or timezone.localdate())


def test_hits_count_per_page_column_and_site(hit, department, news):
    column, item = news
    assert hit(url_of(item)).status_code == 204
    hit(url_of(item))
    hit(url_of(column), ip="198.51.100.2")
    hit(url_of(column) + "p/2/", ip="198.51.100.2")
    hit("/", ip="198.51.100.3")
    roll_up_pending(timezone.localdate())
    assert (site_day(department).views, site_day(department).visitors) == (5, 3)
    assert PageVisitDay.objects.get(page=item).views == 2 and PageVisitDay.objects.get(page=item).visitors == 1
    assert PageVisitDay.objects.get(page=column).visitors == 1
    today = timezone.localdate()
    rows = {row.column.title: (row.views, row.visitors) for row in stats.column_rows(department, today, today)}
    assert rows["工作动态"] == (4, 2) and rows["通知公告"] == (0, 0)


def test_same_visitor_is_one_a_new_browser_or_day_another(hit, department, news, monkeypatch):
    _column, item = news
    hit(url_of(item))
    hit(url_of(item))
    hit(url_of(item), agent="Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148")
    today = timezone.localdate()
    roll_up_pending(today)
    assert site_day(department).visitors == 2
    tomorrow = today + dt.timedelta(days=1)
    with monkeypatch.context() as patched:
        patched.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
        hit(url_of(item))
        roll_up_pending(tomorrow)
    assert site_day(department, tomorrow).visitors == 1
    assert stats.totals(record=department).unique_visitors == 3


def test_bots_other_paths_and_other_methods_are_not_counted(client, hit, department, news):
    _column, item = news
    assert hit(url_of(item), agent="Mozilla/5.0 (compatible; Baiduspider/2.0)").status_code == 204
    assert hit(url_of(item), agent="").status_code == 204
    assert hit("/hudong/xiexin/").status_code == 204
    assert hit("/no-such-column/").status_code == 204
    assert hit("/static/govsite/css/site.css").status_code == 204
    assert client.get("/tongji/hit", HTTP_HOST="jtj.localhost").status_code == 405
    for hostile in ("/gzdt/\x00/", "/' OR 1=1 --/", "/<script>/", "/%E0%A4%A/", "/" + "x" * 5000 + "/"):
        assert hit(hostile).status_code == 204
    assert client.post("/tongji/hit", b"\xff\xfe", content_type="application/x-www-form-urlencoded",
                       HTTP_HOST="jtj.localhost").status_code == 204
    assert not VisitorMark.objects.exists()


def test_draft_pages_are_not_counted(hit, news):
    column, item = news
    item.unpublish()
    hit(url_of(item))
    assert not VisitorMark.objects.exists()


def test_hits_go_to_the_site_of_the_host(hit, portal, department, news):
    hit("/", host="testserver")
    hit("/")
    roll_up_pending(timezone.localdate())
    assert site_day(portal).views == 1 and site_day(department).views == 1


def test_no_visitor_address_is_stored_anywhere(hit, news):
    """No table, not even the marks of today, holds the visitor's address (the key is a salted hash)."""
    _column, item = news
    for _ in range(2):
        hit(url_of(item))
    roll_up_pending(timezone.localdate())
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (table names from the schema)
            assert not [row for row in cursor.fetchall() if VISITOR_IP in repr(row)], table


def test_rollup_of_a_finished_day_discards_marks_and_salt(hit, department, news):
    _column, item = news
    hit(url_of(item))
    today = timezone.localdate()
    assert DailySalt.objects.filter(day=today).exists()
    roll_up_pending(today)
    assert VisitorMark.objects.exists() and DailySalt.objects.exists()  # today is not over
    result = roll_up_pending(today + dt.timedelta(days=1))
    assert result["days"] == 1
    assert not VisitorMark.objects.exists() and not DailySalt.objects.exists()
    assert site_day(department).views == 1
    roll_up_pending(today + dt.timedelta(days=1))  # re-running changes nothing
    assert site_day(department).views == 1


def test_rollup_job_is_registered_with_a_daily_schedule(hit, department, news):
    from govsite.core.setup import DEFAULT_SCHEDULES
    from govsite.jobs.runs import run_inline

    _column, item = news
    hit(url_of(item))
    seen = []
    run = run_inline("analytics.rollup", listener=lambda done, total, message: seen.append((done, total)))
    assert run.status == "succeeded", run.error
    assert seen[-1] == (1, 1)
    assert site_day(department).views == 1
    assert ("访问统计汇总（每天）", "analytics.rollup", "15 0 * * *") in DEFAULT_SCHEDULES


def test_visits_in_year(department):
    SiteVisitDay.objects.bulk_create([
        SiteVisitDay(record=department, day=dt.date(2025, 12, 31), views=7, visitors=3),
        SiteVisitDay(record=department, day=dt.date(2026, 1, 1), views=10, visitors=4),
        SiteVisitDay(record=department, day=dt.date(2026, 12, 31), views=5, visitors=2),
    ])
    assert stats.visits_in_year(department, 2026) == stats.VisitTotals(page_views=15, unique_visitors=6)
    assert stats.visits_in_year(department, 2024) == stats.VisitTotals(0, 0)


def test_public_pages_load_the_beacon_script(client, department):
    page = client.get("/", HTTP_HOST="jtj.localhost").content.decode()
    assert '<script src="/static/govsite/js/visit.js" defer></script>' in page
