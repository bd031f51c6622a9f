"""Separation of duties on every assignment (P4, X1), offboarding (X5), every role against every action."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from govsite.columns.models import ColumnChangeRequest
from govsite.content.models import ArticlePage
from govsite.content.tests.factories import column_of
from govsite.review.duties import offboard
from govsite.review.models import ReviewPolicy, RoleGroup
from govsite.review.roles import Role, duty_conflicts

pytestmark = pytest.mark.django_db


def group(role, record=None) -> Group:
    return RoleGroup.objects.get(role=role, record=record).group


def test_pure_rules_name_each_conflict():
    assert duty_conflicts([(Role.SYSTEM_ADMIN, None), (Role.FIRST_REVIEW, "甲")]) == [
        "系统管理员不得同时担任内容编辑、审核、信件办理或信息公开角色（P4、X1）"
    ]
    assert duty_conflicts([(Role.SYSTEM_ADMIN, None), (Role.HOTLINE, None)]) == [
        "系统管理员不得同时担任内容编辑、审核、信件办理或信息公开角色（P4、X1）"
    ]
    assert duty_conflicts([(Role.LETTER_HANDLER, "甲"), (Role.LETTER_APPROVER, "甲")]) == [
        "在“甲”不得同时担任信件办理和答复审核角色（I4 答复须经单位领导审核）"
    ]
    assert duty_conflicts([(Role.LETTER_HANDLER, "甲"), (Role.LETTER_APPROVER, "乙")]) == []
    assert duty_conflicts([(Role.DISCLOSURE_HANDLER, "甲"), (Role.DISCLOSURE_HEAD, "甲")]) == [
        "在“甲”不得同时担任依申请公开办理和信息公开负责人角色（延期和答复须经负责人批准）"
    ]
    assert duty_conflicts([(Role.SYSTEM_ADMIN, None), (Role.DISCLOSURE_HEAD, "甲")])
    assert duty_conflicts([(Role.AUDITOR, None), (Role.PORTAL_OFFICE, None)]) == [
        "安全审计员只能查看日志，不得兼任其他角色（X1）"
    ]
    assert duty_conflicts([(Role.EDITOR, "甲"), (Role.FINAL_REVIEW, "甲")]) == [
        "在“甲”不得同时担任内容编辑和审核角色（P4 编审分离）"
    ]
    assert duty_conflicts([(Role.EDITOR, "甲"), (Role.FINAL_REVIEW, "乙")]) == []
    assert duty_conflicts([(Role.EDITOR, "甲"), (Role.FINAL_REVIEW, "甲")], frozenset({"甲"})) == []


def test_assignment_outside_the_forms_is_refused(portal, make_user):
    editor = make_user("ed", Role.EDITOR, portal)
    with pytest.raises(ValidationError, match="编审分离"), transaction.atomic():
        editor.groups.add(group(Role.FIRST_REVIEW, portal))
    assert list(editor.groups.all()) == [group(Role.EDITOR, portal)]
    admin = make_user("sa", Role.SYSTEM_ADMIN)
    with pytest.raises(ValidationError, match="系统管理员"), transaction.atomic():
        group(Role.EDITOR, portal).user_set.add(admin)


def test_policy_exception_with_reason_allows_editor_reviewer(department, make_user):
    ReviewPolicy.objects.filter(record=department).update(allow_editor_reviewer=True, exception_reason="仅两名工作人员")
    person = make_user("solo", Role.EDITOR, department)
    person.groups.add(group(Role.FIRST_REVIEW, department))
    assert person.groups.count() == 2


def test_policy_exception_needs_a_reason(department):
    policy = ReviewPolicy.objects.get(record=department)
    policy.allow_editor_reviewer = True
    with pytest.raises(ValidationError, match="例外理由"):
        policy.full_clean()


def test_user_form_refuses_conflicting_groups_in_chinese(client, make_user, portal):
    client.force_login(make_user("sa", Role.SYSTEM_ADMIN))
    person = make_user("person", Role.EDITOR, portal)
    response = client.post(reverse("wagtailusers_users:edit", args=[person.pk]), {
        "username": "person", "email": "p@ceshi.gov.cn", "first_name": "张", "last_name": "三",
        "password1": "", "password2": "", "is_active": "on",
        "groups": [group(Role.EDITOR, portal).pk, group(Role.SECOND_REVIEW, portal).pk],
    })
    assert response.status_code == 200
    assert "编审分离" in response.content.decode()
    assert list(person.groups.all()) == [group(Role.EDITOR, portal)]


def test_offboarding_disables_and_removes_everything(client, make_user, portal):
    person = make_user("leaver", Role.EDITOR, portal)
    other = client.__class__()
    other.force_login(person)
    client.force_login(make_user("sa", Role.SYSTEM_ADMIN))
    response = client.post(reverse("wagtailusers_users:offboard", args=[person.pk]))
    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.is_active and not person.groups.exists() and not person.user_permissions.exists()
    assert other.get("/admin/").status_code == 302  # the person's session has ended
    assert offboard(person) == 0


ROLES = {
    "system_admin": (Role.SYSTEM_ADMIN, False),
    "auditor": (Role.AUDITOR, False),
    "portal_office": (Role.PORTAL_OFFICE, False),
    "editor": (Role.EDITOR, True),
    "first": (Role.FIRST_REVIEW, True),
    "second": (Role.SECOND_REVIEW, True),
    "final": (Role.FINAL_REVIEW, True),
    "principal": (Role.PRINCIPAL, True),
}

# action → the roles allowed; everybody else is refused.
ALLOWED = {
    "manage_users": {"system_admin"},
    "edit_registry": {"portal_office"},
    "review_policies": {"portal_office"},
    "approve_column_request": {"portal_office"},
    "file_column_request": {"editor"},
    "add_article": {"editor", "portal_office"},
    "publish_directly": set(),
    "read_audit_log": {"auditor"},
    "edit_lexicons": {"portal_office"},
}


def attempt(client, action: str, portal, request_id: int) -> bool:
    """Try one protected action over HTTP; True when the platform let it through."""
    column = column_of(portal, "测试要闻")
    if action == "manage_users":
        return client.get(reverse("wagtailusers_users:index")).status_code == 200
    if action == "edit_registry":
        return client.get(reverse("site_records:edit", args=[portal.pk])).status_code == 200
    if action == "read_audit_log":
        return client.get(reverse("audit_log:index")).status_code == 200
    if action == "edit_lexicons":
        return client.get(reverse("textcheck_lexicon:add")).status_code == 200
    if action == "review_policies":
        return client.get(reverse("review_policies:index")).status_code == 200
    if action == "approve_column_request":
        client.post(reverse("column_requests:approve", args=[request_id]), {"note": "同意"})
        return ColumnChangeRequest.objects.get(pk=request_id).status == "approved"
    if action == "file_column_request":
        before = ColumnChangeRequest.objects.count()
        client.post(reverse("column_requests:add"), {
            "kind": "add", "parent": column.pk, "new_title": "新栏目", "column_type": "其他", "reason": "需要"})
        return ColumnChangeRequest.objects.count() > before
    url = reverse("wagtailadmin_pages:add", args=["content", "articlepage", column.pk])
    if action == "add_article":
        return client.get(url).status_code == 200
    client.post(url, {"title": "越权发布测试", "slug": "yqfb", "action-publish": "1", "kind": "news",
                      "published_at": "2026-11-01 10:00", "body": rich_text(""), "comments-TOTAL_FORMS": "0",
                      "comments-INITIAL_FORMS": "0", "attachments-TOTAL_FORMS": "0",
                      "attachments-INITIAL_FORMS": "0"})
    return ArticlePage.objects.filter(title="越权发布测试", live=True).exists()


@pytest.mark.parametrize("action", sorted(ALLOWED))
def test_every_role_against_every_protected_action(client, make_user, portal, action):
    users = {}
    for name, (role, per_site) in ROLES.items():
        users[name] = make_user(name, role, portal if per_site else None)
    for name, user in users.items():
        change = ColumnChangeRequest.objects.create(
            kind="add", parent=column_of(portal, "测试要闻"), new_title=f"栏目{name}", column_type="其他",
            reason="测试")
        client.force_login(user)
        assert attempt(client, action, portal, change.pk) == (name in ALLOWED[action]), (name, action)


def test_saving_a_policy_rebuilds_the_sites_workflow(client, make_user, department):
    client.force_login(make_user("office", Role.PORTAL_OFFICE))
    policy = ReviewPolicy.objects.get(record=department)
    response = client.post(reverse("review_policies:edit", args=[policy.pk]), {
        "record": department.pk, "levels": 1, "exception_reason": ""})
    assert response.status_code == 302
    workflow = department.site.root_page.get_workflow()
    assert [t.specific.level for t in workflow.tasks] == [Role.FINAL_REVIEW]
