"""Rectification items (M4) through a cycle of checks: found, fixed by the unit, verified; back again."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from govsite.content.tests.factories import column_of
from govsite.core.clock import clock_at
from govsite.core.errors import Refused
from govsite.monitoring import rectification
from govsite.monitoring.models import Rectification
from govsite.monitoring.rectification import Finding
from govsite.monitoring.rectification_rules import Severity, Status
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db
BEIJING = dt.timezone(dt.timedelta(hours=8))
KINDS = {"broken_link", "empty_column"}


def at(day: int) -> dt.datetime:
    return dt.datetime(2026, 6, day, 9, tzinfo=BEIJING)


def check(record, day: int, *findings: Finding) -> dict:
    with clock_at(at(day)):
        return rectification.sync(record, KINDS, list(findings))


def test_a_finding_is_assigned_fixed_verified_and_reopened_when_it_returns(department, make_user):
    column = column_of(department, "工作动态")
    column.responsible_unit, column.responsible_person = "办公室", "李栏目"
    column.save()
    broken = Finding("broken_link", "http://jtj/a.pdf", "附件链接失效（HTTP 404）", Severity.MEDIUM, column,
                     ["来源页面：http://jtj/gzdt/1/"])
    assert check(department, 1, broken) == {"new": 1, "reopened": 0, "verified": 0}  # Monday
    item = Rectification.objects.get()
    assert (item.responsible_unit, item.responsible_person) == ("办公室", "李栏目")
    assert item.due_on == dt.date(2026, 6, 4) and item.status == Status.OPEN  # 3 working days

    assert check(department, 2, broken) == {"new": 0, "reopened": 0, "verified": 0}  # still there, still one item
    editor = make_user("jtj_fixer", Role.EDITOR, department)
    with pytest.raises(Refused, match="整改说明"):
        rectification.mark_fixed(item, editor, " ")
    with clock_at(at(2)):
        rectification.mark_fixed(item, editor, "已重新上传附件")
    assert check(department, 3) == {"new": 0, "reopened": 0, "verified": 1}
    assert Rectification.objects.get().status == Status.VERIFIED

    assert check(department, 8, broken) == {"new": 0, "reopened": 1, "verified": 0}
    item = Rectification.objects.get()
    assert (item.status, item.reopened, item.due_on) == (Status.OPEN, 1, dt.date(2026, 6, 11))


def test_only_the_sites_editors_mark_items_fixed(department, portal, make_user):
    check(department, 1, Finding("empty_column", "http://jtj/zcjd/", "空白栏目", Severity.HIGH))
    item = Rectification.objects.get()
    assert item.responsible_unit == department.sponsor and item.due_on == dt.date(2026, 6, 3)
    with pytest.raises(Refused, match="内容编辑"):
        rectification.mark_fixed(item, make_user("other_editor", Role.EDITOR, portal), "改了")


def test_a_check_of_other_kinds_leaves_items_alone(department):
    check(department, 1, Finding("empty_column", "http://jtj/zcjd/", "空白栏目", Severity.HIGH))
    with clock_at(at(2)):
        rectification.sync(department, {"broken_link"}, [])
    assert Rectification.objects.get().status == Status.OPEN


def test_the_list_in_the_admin_marking_fixed_and_the_xlsx(client, department, portal, make_user):
    check(department, 1, Finding("empty_column", "http://jtj/zcjd/", "空白栏目：政策解读", Severity.HIGH))
    check(portal, 1, Finding("empty_column", "http://www/x/", "空白栏目：门户", Severity.LOW))
    client.force_login(make_user("jtj_list_editor", Role.EDITOR, department))
    page = client.get(reverse("rectifications:index")).content.decode()
    assert "空白栏目：政策解读" in page and "空白栏目：门户" not in page
    item = Rectification.objects.get(record=department)
    page = client.post(reverse("rectifications:fix", args=[item.pk]), {"note": ""}, follow=True).content.decode()
    assert "请填写整改说明" in page and Rectification.objects.get(pk=item.pk).status == Status.OPEN
    client.post(reverse("rectifications:fix", args=[item.pk]), {"note": "已补充内容"})
    assert Rectification.objects.get(pk=item.pk).status == Status.FIXED
    other = Rectification.objects.get(record=portal)
    assert client.get(reverse("rectifications:fix", args=[other.pk])).status_code == 404

    client.force_login(make_user("list_office", Role.PORTAL_OFFICE))
    book = load_workbook(io.BytesIO(client.get(reverse("rectifications:xlsx")).content))
    rows = list(book.active.values)
    assert rows[0][:4] == ("网站", "问题类型", "问题描述", "问题位置") and len(rows) == 3
    assert {row[2] for row in rows[1:]} == {"空白栏目：政策解读", "空白栏目：门户"}
