"""Column structure changes go through the portal office (C2), over the real admin."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from govsite.columns.models import ColumnChangeRequest, ColumnPage
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(portal, make_user):
    return make_user("editor", Role.EDITOR, portal)


@pytest.fixture
def office(make_user):
    return make_user("office", Role.PORTAL_OFFICE)


def column(portal, title):
    return ColumnPage.objects.descendant_of(portal.site.root_page).get(title=title)


def edit_post_data(page, **changes):
    data = {
        "title": page.title, "slug": page.slug, "column_type": page.column_type,
        "description": page.description, "keywords": "", "intro": rich_text(""), "link_url": "",
        "responsible_unit": page.responsible_unit, "responsible_person": "", "responsible_phone": "",
        "update_category": page.update_category, "update_days": "",
        "comments-TOTAL_FORMS": "0", "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0", "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_editor_cannot_add_a_column_directly(client, editor, portal):
    client.force_login(editor)
    parent = column(portal, "政务要闻")
    url = reverse("wagtailadmin_pages:add", args=["columns", "columnpage", parent.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("column_requests:add"))
    assert f"parent={parent.pk}" in response["Location"]


def test_editor_cannot_rename_a_column(client, editor, portal):
    client.force_login(editor)
    page = column(portal, "视频新闻")
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), edit_post_data(page, title="短视频")
    )
    assert response.status_code == 200
    assert "栏目名称和地址的变更须由门户网站主管部门审批" in response.content.decode()
    page.refresh_from_db()
    assert page.title == "视频新闻"


def test_editor_may_edit_a_columns_description(client, editor, portal):
    client.force_login(editor)
    page = column(portal, "视频新闻")
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        edit_post_data(page, description="本市视频新闻"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().description == "本市视频新闻"


def test_editor_cannot_delete_or_move_a_column(client, editor, portal):
    client.force_login(editor)
    page = column(portal, "视频新闻")
    response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    assert response.status_code == 302 and "delete" not in response["Location"]
    target = column(portal, "政务公开")
    response = client.post(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, target.pk]))
    assert response.status_code == 302 and "kind=move" in response["Location"]
    assert ColumnPage.objects.get(pk=page.pk).get_parent().title == "政务要闻"


def test_placeholder_text_is_refused_even_for_the_office(client, office, portal):
    client.force_login(office)
    page = column(portal, "视频新闻")
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        edit_post_data(page, description="本栏目正在建设中"),
    )
    assert "不得出现“正在建设中”" in response.content.decode()


def test_office_adds_a_column_directly(client, office, portal):
    client.force_login(office)
    parent = column(portal, "政务要闻")
    url = reverse("wagtailadmin_pages:add", args=["columns", "columnpage", parent.pk])
    assert client.get(url).status_code == 200


def test_request_then_approval_builds_the_column(client, editor, office, portal):
    parent = column(portal, "政务要闻")
    client.force_login(editor)
    response = client.post(
        reverse("column_requests:add"),
        {"kind": "add", "parent": parent.pk, "new_title": "乡村振兴", "column_type": "工作动态",
         "reason": "市委部署乡村振兴专项工作，需要专门栏目"},
    )
    assert response.status_code == 302
    change = ColumnChangeRequest.objects.get()
    assert change.requested_by == editor and change.status == "pending"
    refused = client.post(reverse("column_requests:approve", args=[change.pk]), {"note": "同意"})
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    change.refresh_from_db()
    assert change.status == "pending"

    client.force_login(office)
    response = client.post(reverse("column_requests:approve", args=[change.pk]), {"note": "同意"})
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.status == "approved" and change.decided_by == office
    created = ColumnPage.objects.get(title="乡村振兴")
    assert created.get_parent().pk == parent.pk and created.live
    assert created.update_category == "dynamics" and created.slug == "xczx"


def test_request_with_missing_fields_names_them(client, editor):
    client.force_login(editor)
    response = client.post(reverse("column_requests:add"), {"kind": "rename", "reason": "更名"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "请选择要调整的栏目" in body and "请填写新栏目名称" in body
    assert not ColumnChangeRequest.objects.exists()


def test_rejection_needs_a_reason(client, office, editor, portal):
    change = ColumnChangeRequest.objects.create(
        kind="delete", column=column(portal, "视频新闻"), reason="不再维护", requested_by=editor
    )
    client.force_login(office)
    response = client.post(reverse("column_requests:reject", args=[change.pk]), {"note": ""})
    assert "驳回须填写理由" in response.content.decode()
    client.post(reverse("column_requests:reject", args=[change.pk]), {"note": "该栏目仍需保留"})
    change.refresh_from_db()
    assert change.status == "rejected" and change.decision_note == "该栏目仍需保留"
    assert ColumnPage.objects.filter(title="视频新闻", pk=change.column_id).exists()


def test_approved_move_and_delete_are_carried_out(office, editor, portal):
    video = column(portal, "视频新闻")
    target = column(portal, "政务公开")
    move = ColumnChangeRequest.objects.create(
        kind="move", column=video, parent=target, reason="调整", requested_by=editor
    )
    move.approve(office)
    assert ColumnPage.objects.get(pk=video.pk).get_parent().pk == target.pk
    delete = ColumnChangeRequest.objects.create(
        kind="delete", column=column(portal, "图片新闻"), reason="合并", requested_by=editor
    )
    delete.approve(office)
    assert not ColumnPage.objects.filter(title="图片新闻", path__startswith=portal.site.root_page.path).exists()
