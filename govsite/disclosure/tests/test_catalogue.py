"""The disclosure catalogue (P1): index numbers on publication, never reused, Art. 26 deadlines flagged."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from wagtail.models import PageLogEntry

from govsite.content.models import ArticlePage
from govsite.content.tests.factories import article, column_of, policy
from govsite.core.clock import clock_at
from govsite.disclosure.catalogue import pending_items
from govsite.disclosure.models import CatalogueEntry, DisclosureOffice
from govsite.jobs.models import JobRun
from govsite.jobs.runs import run_inline
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db


def test_a_published_catalogue_item_gets_an_index_number_and_its_metadata(department):
    first = policy(column_of(department, "法规文件"), "测试市校外培训机构管理办法", validity="valid", index_number="")
    entry = first.catalogue_entry
    assert entry.index_number == "5325040004/2026-00001"  # the 网站标识码 until the office is registered
    assert (entry.publisher, entry.category, entry.topic) == ("测试市人民政府", "法规文件", "综合政务")
    assert entry.formed_on == dt.date(2026, 3, 1) and entry.due_on == dt.date(2026, 3, 27)
    assert entry.published_late  # published long after 20 working days
    first.refresh_from_db()
    assert first.index_number == entry.index_number

    DisclosureOffice.objects.create(record=department, agency_name="测试市教育体育局", unit_code="91110000600037341L",
                                    office_name="办公室", address="人民路1号", phone="0873-6000004")
    second = article(column_of(department, "信息公开指南"), "测试市教育体育局政府信息公开指南")
    assert second.catalogue_entry.index_number == "91110000600037341L/2026-00002"
    assert second.catalogue_entry.publisher == "测试市教育体育局"
    html = Client(HTTP_HOST="jtj.localhost").get(second.url).content.decode()
    assert "91110000600037341L/2026-00002" in html and "发布机构" in html and "主动公开" in html


def test_republishing_keeps_the_number_and_deleting_never_frees_it(department):
    page = policy(column_of(department, "法规文件"), "办法一", index_number="")
    number = page.catalogue_entry.index_number
    page.title = "办法一（修订）"
    page.save_revision().publish()
    assert CatalogueEntry.objects.get(page=page).index_number == number
    page.delete()
    again = policy(column_of(department, "法规文件"), "办法二", index_number="")
    assert again.catalogue_entry.index_number != number


def test_a_number_the_document_already_carries_is_kept_unless_taken(department):
    migrated = policy(column_of(department, "法规文件"), "旧系统迁移的办法")  # carries 532504/2026-00003
    assert migrated.catalogue_entry.index_number == "532504/2026-00003"
    duplicate = policy(column_of(department, "法规文件"), "误填了同一索引号的办法")
    assert duplicate.catalogue_entry.index_number == "5325040004/2026-00001"
    duplicate.refresh_from_db()
    assert duplicate.index_number == "5325040004/2026-00001"


def test_items_outside_the_catalogue_get_no_number(department):
    page = article(column_of(department, "工作动态"), "局领导调研校园安全")
    assert not CatalogueEntry.objects.filter(page=page).exists()


def test_a_draft_past_20_working_days_is_flagged_once(department, make_user):
    make_user("jtj_editor", Role.EDITOR, department, email="editor@ceshi.gov.cn")
    draft = ArticlePage(title="2026年教育收费标准", body="<p>标准</p>", live=False)
    column_of(department, "行政事业性收费").add_child(instance=draft)
    draft.save_revision()
    draft.revisions.update(created_at=timezone.make_aware(dt.datetime(2026, 9, 23, 9)))
    [item] = [i for i in pending_items() if i.page.pk == draft.pk]
    assert item.due_on == dt.date(2026, 10, 28) and item.overdue
    with clock_at(timezone.now()):
        run = run_inline("disclosure.deadlines")
    assert run.status == JobRun.Status.SUCCEEDED, run.error
    [warning] = [m for m in mail.outbox if "第二十六条" in m.body]
    assert "editor@ceshi.gov.cn" in warning.to and "2026年教育收费标准" in warning.body
    run_inline("disclosure.deadlines")
    assert len([m for m in mail.outbox if "第二十六条" in m.body]) == 1
    assert PageLogEntry.objects.filter(page=draft, action="govsite.disclosure.catalogue_overdue").count() == 1


def test_the_office_lists_the_catalogue_with_late_items_marked(client, department, make_user):
    from django.urls import reverse

    policy(column_of(department, "法规文件"), "迟发的办法", index_number="")
    client.force_login(make_user("catalogue_office", Role.PORTAL_OFFICE))
    page = client.get(reverse("catalogueentry:index")).content.decode()
    assert "5325040004/2026-00001" in page and "超期公开" in page
