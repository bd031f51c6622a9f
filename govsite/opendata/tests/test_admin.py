"""Uploading a data file in the page editor (P12): good files become rows, bad ones say where and save nothing."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from wagtail.test.utils.form_data import rich_text

from govsite.opendata.models import DataSetPage
from govsite.review.roles import Role

from .conftest import data_set, stats_column

pytestmark = pytest.mark.django_db
CSV = "年份,地区生产总值\r\n2023,312.5\r\n2024,330.1\r\n"


@pytest.fixture
def editor(portal, make_user):
    return make_user("editor", Role.EDITOR, portal)


def post_data(upload, **changes) -> dict:
    data = {
        "title": "地区生产总值", "slug": "gdp", "published_at": "2026-03-01 10:00:00", "summary": "全市地区生产总值",
        "keywords": "经济", "theme": "经济发展", "provider": "测试市统计局", "update_frequency": "每年",
        "time_coverage": "2023—2024年", "area_coverage": "全市", "open_condition": "unconditional",
        "conditions": "", "licence": "注明来源", "contact": "0873-1234567", "data_updated_at": "",
        "chart_type": "line", "chart_category": "年份", "chart_values": "地区生产总值", "chart_unit": "亿元",
        "body": rich_text(""), "data_file": upload,
        "data_fields-TOTAL_FORMS": "2", "data_fields-INITIAL_FORMS": "0",
        "data_fields-MIN_NUM_FORMS": "1", "data_fields-MAX_NUM_FORMS": "1000",
        "data_fields-0-name": "年份", "data_fields-0-field_type": "integer", "data_fields-0-ORDER": "1",
        "data_fields-1-name": "地区生产总值", "data_fields-1-field_type": "decimal", "data_fields-1-unit": "亿元",
        "data_fields-1-ORDER": "2",
        "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0", "attachments-MAX_NUM_FORMS": "1000",
        "comments-TOTAL_FORMS": "0", "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0", "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def add(client, portal, upload, **changes):
    url = reverse("wagtailadmin_pages:add", args=["opendata", "datasetpage", stats_column(portal).pk])
    return client.post(url, post_data(upload, **changes))


def xlsx(*rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("upload", [
    SimpleUploadedFile("gdp.csv", CSV.encode("utf-8")),
    SimpleUploadedFile("gdp.csv", CSV.encode("gbk")),
    SimpleUploadedFile("gdp.xlsx", xlsx(["年份", "地区生产总值"], [2023, 312.5], [2024, 330.1])),
])
def test_editor_uploads_csv_or_xlsx_and_the_rows_go_with_the_draft(client, portal, editor, upload):
    client.force_login(editor)
    response = add(client, portal, upload)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = DataSetPage.objects.get(title="地区生产总值")
    draft = page.get_latest_revision_as_object()
    assert draft.rows == [[2023, 312.5], [2024, 330.1]] and draft.row_count == 2
    assert draft.data_updated_at is not None
    assert not page.live


def test_bad_file_names_row_and_column_and_saves_nothing(client, portal, editor):
    client.force_login(editor)
    bad = SimpleUploadedFile("gdp.csv", "年份,地区生产总值\r\n2023,三百\r\n二〇二四,330\r\n".encode())
    response = add(client, portal, bad)
    assert response.status_code == 200
    errors = response.context["form"].errors["data_file"]
    assert errors == ["第2行第2列（地区生产总值）：“三百”不是数值", "第3行第1列（年份）：“二〇二四”不是整数"]
    assert not DataSetPage.objects.filter(title="地区生产总值").exists()


def test_chart_must_use_declared_numeric_fields(client, portal, editor):
    client.force_login(editor)
    response = add(client, portal, SimpleUploadedFile("gdp.csv", CSV.encode()), chart_values="增长率")
    assert response.context["form"].errors["chart_values"] == ["图表的数值字段“增长率”不在字段说明中"]
    assert not DataSetPage.objects.exists()


def test_data_sets_only_go_in_data_columns(client, portal, editor):
    client.force_login(editor)
    news = stats_column(portal).get_parent().get_parent().get_children().first()
    url = reverse("wagtailadmin_pages:add", args=["opendata", "datasetpage", news.pk])
    assert client.get(url).status_code in (302, 403)


def test_changing_the_dictionary_rechecks_the_stored_rows(client, portal, editor):
    page = data_set(stats_column(portal), "地区生产总值", fields=(("年份", "integer", "", ""), ("地区生产总值", "decimal", "亿元", "")),
                    rows=[[2023, 312.5], [2024, 330.1]])
    ids = [f.pk for f in page.data_fields.all()]
    client.force_login(editor)
    data = post_data("", slug=page.slug, **{"data_fields-INITIAL_FORMS": "2", "data_fields-0-id": ids[0],
                                           "data_fields-1-id": ids[1], "data_fields-1-field_type": "date"})
    del data["data_file"]
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.context["form"].errors["data_file"] == [
        "已上传的数据与字段说明不符，请修改字段说明或重新上传数据文件：",
        "第2行第2列（地区生产总值）：“312.5”不是日期，应写作 2025-01-31",
        "第3行第2列（地区生产总值）：“330.1”不是日期，应写作 2025-01-31",
    ]
    assert page.get_latest_revision_as_object().data_fields.all()[1].field_type == "decimal"
