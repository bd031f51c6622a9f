"""“我为政府网站找错” (I10): a report goes to the site and column of the reported address, is due in one
working day on the real calendar, and only that site's editors record what they did (X1: all logged)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from govsite.audit.models import AuditEntry
from govsite.columns.models import ColumnPage
from govsite.core.clock import clock_at
from govsite.interaction import errors
from govsite.interaction.models import ErrorReport
from govsite.review.roles import Role

from .conftest import WEDNESDAY
from .test_admin import denied, panel, text
from .test_deadlines import confirm_2027

pytestmark = pytest.mark.django_db
BEFORE_DRAGON_BOAT = dt.datetime(2026, 6, 18, 10, 0, tzinfo=WEDNESDAY.tzinfo)  # 19-21 June are holidays


def report(site, url: str, at=BEFORE_DRAGON_BOAT, contact: str = "李四 13712345678") -> ErrorReport:
    with clock_at(at):
        return errors.report_error(site.site, url=url, problem=ErrorReport.Problem.TYPO,
                                   description="第二段“教育局”写成了“教盲局”", contact=contact)


def test_a_report_goes_to_the_site_and_column_of_the_address_and_is_due_the_next_working_day(portal, department):
    news = ColumnPage.objects.live().get(url_path="/cssjytyj/gzdt/")
    ColumnPage.objects.filter(pk=news.pk).update(responsible_unit="测试市教育体育局办公室")

    on_department = report(portal, "http://jtj.localhost/gzdt/2026/06/notice.html")  # sent from the portal
    assert (on_department.site, on_department.column_id) == (department, news.pk)
    assert on_department.responsible_unit == "测试市教育体育局办公室"
    assert on_department.due_on == dt.date(2026, 6, 22) and on_department.due_uncertain_years == []

    relative = report(department, "/jggk/")
    assert relative.site == department and relative.column.title == "机构概况"
    assert relative.responsible_unit == "测试市教育体育局"
    elsewhere = report(portal, "https://www.example.org/page.html", at=WEDNESDAY)
    assert (elsewhere.site, elsewhere.column, elsewhere.responsible_unit) == (portal, None, "测试市人民政府办公室")
    assert elsewhere.due_on == dt.date(2026, 6, 4)
    assert AuditEntry.objects.filter(action="govsite.errorreport.receive", site_name="测试市教育体育局").count() == 2


def test_the_sites_editor_handles_a_report_and_nobody_else_can(client, make_user, people, portal, department):
    late = report(portal, "http://jtj.localhost/gzdt/notice.html")
    fresh = report(portal, "http://jtj.localhost/tzgg/", at=timezone.now(), contact="")
    on_portal = report(portal, "/zwgk/")
    editor = make_user("editor1", Role.EDITOR, department)
    portal_editor = make_user("editor2", Role.EDITOR, portal)
    index, handle = reverse("error_reports:index"), "error_reports:handle"

    client.force_login(portal_editor)
    page = text(client.get(index))
    assert on_portal.reference in page and late.reference not in page
    assert denied(client.get(reverse(handle, args=[late.pk])))
    assert denied(client.post(reverse(handle, args=[late.pk]), {"status": "fixed", "note": "已改"}))
    for user in (people.office, people.hotline):  # they oversee, never fix
        client.force_login(user)
        assert late.reference in text(client.get(index))
        page = text(client.get(reverse(handle, args=[late.pk])))
        assert "记录处理结果</h2>" not in page and "13712345678" not in page
        assert denied(client.post(reverse(handle, args=[late.pk]), {"status": "fixed", "note": "已改"}))
    for user in (people.handler, make_user("reviewer", Role.FIRST_REVIEW, department)):
        client.force_login(user)
        assert denied(client.get(index))

    client.force_login(editor)
    page = text(client.get(index))
    assert late.reference in page and fresh.reference in page and on_portal.reference not in page
    assert "2026-06-22（已超期）" in page
    assert panel(client) == {"待处理的网站纠错": 2, "超期未处理的网站纠错": 1}
    page = text(client.get(reverse(handle, args=[late.pk])))
    assert "记录处理结果</h2>" in page and "李四 13712345678" in page and "教盲局" in page
    page = text(client.post(reverse(handle, args=[late.pk]), {"status": "fixed", "note": "  "}))
    assert "必需字段" in page and ErrorReport.objects.get(pk=late.pk).status == ErrorReport.Status.NEW
    page = text(client.post(reverse(handle, args=[late.pk]), {"status": "fixed", "note": "已改正错别字"}, follow=True))
    assert "已记录处理结果" in page and "已整改" in page and "已改正错别字" in page and "记录处理结果</h2>" not in page
    page = text(client.post(reverse(handle, args=[late.pk]), {"status": "not_a_problem", "note": "再改"},
                            follow=True))
    assert "该纠错意见已处理" in page and ErrorReport.objects.get(pk=late.pk).handling_note == "已改正错别字"
    client.post(reverse(handle, args=[fresh.pk]), {"status": "not_a_problem", "note": "经核实原文无误"})
    assert ErrorReport.objects.get(pk=fresh.pk).status == ErrorReport.Status.NOT_A_PROBLEM
    assert "已整改" in text(client.get(index, {"status": "fixed"}))
    assert panel(client) == {}

    handled = AuditEntry.objects.filter(action="govsite.errorreport.handle").order_by("seq")
    assert [(e.object_id, e.actor_name, e.action_label, e.site_name, e.data["detail"]["late"]) for e in handled] == [
        (str(late.pk), "editor1", "处理网站纠错", "测试市教育体育局", True),
        (str(fresh.pk), "editor1", "处理网站纠错", "测试市教育体育局", False)]


def test_a_report_due_in_a_missing_year_gets_its_real_date_once_the_year_is_entered(
    portal, make_user, django_capture_on_commit_callbacks
):
    new_years_eve = report(portal, "/", at=dt.datetime(2026, 12, 31, 10, 0, tzinfo=WEDNESDAY.tzinfo))
    # 2027 is not entered: counted Monday to Friday, Fri 01-01 is the next working day.
    assert (new_years_eve.due_on, new_years_eve.due_uncertain_years) == (dt.date(2027, 1, 1), [2027])
    confirm_2027(make_user("sysadmin", Role.SYSTEM_ADMIN), django_capture_on_commit_callbacks)
    new_years_eve.refresh_from_db()
    # 元旦 rests: the next working day is Monday 01-04.
    assert (new_years_eve.due_on, new_years_eve.due_uncertain_years) == (dt.date(2027, 1, 4), [])
    assert AuditEntry.objects.filter(action="govsite.errorreport.clock", object_id=str(new_years_eve.pk)).exists()
