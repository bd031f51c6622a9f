"""The back office: the guide element check per site (V1) and the statistics import (R1)."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from openpyxl import Workbook
from wagtail.models import ModelLogEntry

from govsite.content.tests.factories import column_of
from govsite.review.roles import Role
from govsite.services.models import ServiceStatistic

from .conftest import bare_guide, complete_guide

pytestmark = pytest.mark.django_db
CHECK = reverse("services_guide_check:index")
IMPORT = reverse("services_statistics:import")


def sheet(*rows) -> io.BytesIO:
    book = Workbook()
    for row in (("年份", "月份", "办件总量", "自然人办件量", "法人办件量"), *rows):
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "统计.xlsx"
    return data


def statistics_editor(make_user, record, name="jtj_stats"):
    user = make_user(name, Role.EDITOR, record)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="services"))
    return user


def test_units_see_their_own_guides_and_the_office_sees_all(client, department, portal, make_user):
    bare_guide(column_of(department, "办事服务"), "民办学校办学许可")
    complete_guide(column_of(department, "办事服务"), "义务教育阶段入学登记")
    bare_guide(column_of(portal, "测试要闻"), "门户便民事项")

    client.force_login(make_user("jtj_reviewer", Role.FIRST_REVIEW, department))
    html = client.get(CHECK).content.decode()
    assert "测试市教育体育局：办事指南 2 个，要素缺失 1 个" in html
    assert "受理条件、申请材料、收费标准" in html and "要素齐全" in html
    assert "门户便民事项" not in html and "测试市人民政府：" not in html

    client.force_login(make_user("office", Role.PORTAL_OFFICE))
    html = client.get(CHECK).content.decode()
    assert "门户便民事项" in html and "民办学校办学许可" in html
    html = client.get(CHECK, {"site": portal.pk}).content.decode()
    assert "门户便民事项" in html and "民办学校办学许可" not in html


def test_a_good_sheet_is_imported_and_audited(client, department, make_user, monkeypatch,
                                              django_capture_on_commit_callbacks):
    from types import SimpleNamespace

    from govsite.publishing import tasks

    from .conftest import catalogue

    shelf = catalogue(department)
    queued = []
    monkeypatch.setattr(tasks, "publish_page", SimpleNamespace(enqueue=queued.append))
    ServiceStatistic.objects.create(record=department, year=2026, month=9, cases_total=1, cases_person=1)
    client.force_login(statistics_editor(make_user, department))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(IMPORT, {"record": department.pk, "sheet": sheet((2026, 9, 80, 60, 20),
                                                                              (2026, 10, 95, 90, 5))})
    assert response.status_code == 302
    assert queued == [shelf.pk]  # the catalogue is rewritten once for the whole sheet
    assert list(ServiceStatistic.objects.filter(record=department).order_by("month").values_list(
        "month", "cases_total", "cases_person", "cases_legal")) == [(9, 80, 60, 20), (10, 95, 90, 5)]
    assert ModelLogEntry.objects.filter(action="govsite.services.statistics_import").count() == 1


def test_a_bad_sheet_saves_nothing_and_says_why_in_chinese(client, department, make_user):
    client.force_login(statistics_editor(make_user, department))
    response = client.post(IMPORT, {"record": department.pk, "sheet": sheet((2026, 9, 80, 60, 20),
                                                                          (2026, 10, 10, 9, 5))})
    assert response.status_code == 200
    assert "第3行自然人办件量与法人办件量之和（14）不得超过办件总量（10）" in response.content.decode()
    response = client.post(IMPORT, {"record": department.pk, "sheet": io.BytesIO(b"not a workbook")})
    assert "无法读取该文件，请上传 Excel（.xlsx）统计表" in response.content.decode()
    assert not ServiceStatistic.objects.exists()


def test_a_unit_cannot_import_or_list_another_units_statistics(client, department, portal, make_user):
    ServiceStatistic.objects.create(record=portal, year=2026, month=9, cases_total=4444)
    client.force_login(statistics_editor(make_user, department))
    response = client.post(IMPORT, {"record": portal.pk, "sheet": sheet((2026, 9, 80, 60, 20))})
    assert "选择一个有效的选项" in response.content.decode()
    assert ServiceStatistic.objects.get(record=portal).cases_total == 4444
    html = client.get(reverse("services_statistics:index")).content.decode()
    assert "4444" not in html


def test_the_monthly_form_refuses_parts_above_the_total(client, department, make_user):
    client.force_login(statistics_editor(make_user, department))
    response = client.post(reverse("services_statistics:add"), {
        "record": department.pk, "year": 2026, "month": 11, "cases_total": 5, "cases_person": 5, "cases_legal": 1})
    assert "不得超过办件总量（5）" in response.content.decode()
    assert not ServiceStatistic.objects.exists()


def test_a_unit_editor_writes_a_guide_in_the_service_column(client, department, make_user):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    from govsite.services.models import ServiceGuidePage

    column = column_of(department, "办事服务")
    client.force_login(make_user("jtj_writer", Role.EDITOR, department))
    data = nested_form_data({
        "title": "学生资助申请", "slug": "xszz", "matter_code": "X-9", "matter_type": "payment",
        "implementing_unit": "学生资助管理中心",
        "basis": rich_text("《学生资助资金管理办法》"), "conditions": rich_text("家庭经济困难学生"),
        "place": "教体局一楼", "hours": "工作日", "phone": "0873-6000004", "is_free": "on", "fee_standard": "",
        "fee_basis": "", "statutory_days": "20", "promised_days": "", "online_url": "", "consultation_phone": "",
        "consultation_url": "", "complaint_phone": "", "complaint_url": "", "supervision_phone": "",
        "supervision_url": "", "published_at": "2026-11-02 09:00", "source": "", "author": "", "summary": "",
        "keywords": "", "body": rich_text(""),
        "related_policies": inline_formset([]),
        "materials": inline_formset([{"name": "资助申请表", "basis": "", "form": "original", "copies": "1",
                                      "signature": "家长签字", "required": "on"}]),
        "steps": inline_formset([{"name": "申请", "description": ""}, {"name": "审核", "description": ""}]),
        "faqs": inline_formset([]), "attachments": inline_formset([]), "comments": inline_formset([]),
    })
    data.update(user_types=["person"], themes=["education", "social_security"])
    response = client.post(reverse("wagtailadmin_pages:add", args=["services", "serviceguidepage", column.pk]),
                           data)
    form = response.context and response.context.get("form")
    assert response.status_code == 302, (form.errors, {k: f.errors for k, f in form.formsets.items()})
    guide = ServiceGuidePage.objects.get(title="学生资助申请")
    assert guide.themes == ["education", "social_security"] and guide.user_types == ["person"]
    assert guide.missing_elements() == []
    assert [s.name for s in guide.steps.all()] == ["申请", "审核"]
