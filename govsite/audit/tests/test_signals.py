"""What is recorded without anyone asking: logins, accounts, permissions, Wagtail's log, jobs (X1, M5)."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.http import HttpResponse
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import GroupPagePermission, PageLogEntry

from govsite.audit.context import acting_as, current_actor
from govsite.audit.events import record_job
from govsite.audit.middleware import AuditContextMiddleware
from govsite.audit.models import AuditEntry
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db
PASSWORD = "Pw-12345678!x"


def latest(action: str) -> AuditEntry:
    return AuditEntry.objects.filter(action=action).first()


def test_login_and_logout_are_recorded_with_the_ip(client, make_user, portal):
    user = make_user("wang", Role.EDITOR, portal)
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "wang", "password": PASSWORD}, REMOTE_ADDR="10.20.30.40"
    )
    assert response.status_code == 302
    entry = latest("govsite.login")
    assert (entry.actor, entry.actor_name, entry.ip, entry.action_label) == (user, "wang", "10.20.30.40", "登录")
    assert not AuditEntry.objects.filter(action="govsite.user.change", object_id=str(user.pk)).exists()
    client.post(reverse("wagtailadmin_logout"), REMOTE_ADDR="10.20.30.40")
    assert latest("govsite.logout").actor == user


def test_failed_logins_keep_the_username_but_never_the_password(client, make_user):
    user = make_user("wang", None)
    login = reverse("wagtailadmin_login")
    client.post(login, {"username": "wang", "password": "Wrong-Secret-42"}, REMOTE_ADDR="10.0.0.7")
    client.post(login, {"username": "nobody", "password": "Wrong-Secret-43"}, REMOTE_ADDR="10.0.0.8")
    unknown, known = AuditEntry.objects.filter(action="govsite.login_failed")[:2]
    assert (known.actor, known.ip, known.data, known.action_label) == (user, "10.0.0.7", {"username": "wang"}, "登录失败")
    assert (unknown.actor, unknown.actor_name, unknown.data) == (None, "", {"username": "nobody"})
    for entry in (known, unknown):
        stored = json.dumps(list(AuditEntry.objects.filter(pk=entry.pk).values())[0], default=str)
        assert "Wrong-Secret" not in stored


def test_group_changes_are_attributed_to_the_acting_user(make_user):
    admin = make_user("sysadmin", Role.SYSTEM_ADMIN)
    target = make_user("zhao", None)
    group = Group.objects.get(name=Role.AUDITOR.label)
    with acting_as(admin, "10.0.0.1"):
        target.groups.add(group)
        target.groups.clear()
    added, cleared = latest("govsite.user.groups.add"), latest("govsite.user.groups.remove")
    assert (added.actor, added.ip, added.object_id, added.object_repr) == (admin, "10.0.0.1", str(target.pk), "zhao")
    assert added.data == {"operation": "add", "items": [group.name]} and added.action_label == "加入用户组"
    assert cleared.data == {"operation": "clear", "items": [group.name]} and cleared.actor == admin
    assert current_actor() is None


def test_the_middleware_makes_the_request_user_the_actor(rf, make_user):
    admin = make_user("sysadmin", Role.SYSTEM_ADMIN)
    target = make_user("zhao", None)
    group = Group.objects.get(name=Role.AUDITOR.label)

    def view(request):
        group.user_set.add(target)
        return HttpResponse()

    request = rf.post("/admin/users/", REMOTE_ADDR="192.168.1.9")
    request.user = admin
    AuditContextMiddleware(view)(request)
    entry = latest("govsite.user.groups.add")
    assert (entry.actor, entry.ip, entry.object_repr, entry.data["items"]) == (admin, "192.168.1.9", group.name, ["zhao"])


def test_account_changes_record_old_and_new_values_but_no_password(make_user):
    target = make_user("zhao", None, email="zhao@ceshi.gov.cn")
    assert latest("govsite.user.create").data["username"] == "zhao"
    target.is_superuser = True
    target.set_password("Another-Pw-99!")
    target.save()
    change = latest("govsite.user.change")
    assert change.data == {"changes": {"is_superuser": [False, True], "password": True}}
    target.save()
    assert latest("govsite.user.change").pk == change.pk
    target.delete()
    assert latest("govsite.user.delete").object_repr == "zhao"


def test_permission_grants_are_recorded(make_user, portal):
    group = Group.objects.create(name="临时组")
    permission = Permission.objects.get(content_type__app_label="audit", codename="view_auditentry")
    group.permissions.add(permission)
    assert latest("govsite.group.permissions.add").data == {"operation": "add", "items": ["audit.view_auditentry"]}
    page_permission = GroupPagePermission.objects.create(
        group=group, page=portal.site.root_page, permission=Permission.objects.get(codename="publish_page")
    )
    grant = latest("govsite.page_permission.grant")
    assert (grant.site, grant.data["permission"], grant.data["group"]) == (portal, "wagtailcore.publish_page", "临时组")
    page_permission.delete()
    assert latest("govsite.page_permission.revoke").object_id == str(grant.object_id)


def test_wagtail_log_entries_are_mirrored_with_their_site(make_user, portal):
    office = make_user("office", Role.PORTAL_OFFICE)
    page = portal.site.root_page.get_children().first().specific
    page.title = f"{page.title}（修订）"
    page.save_revision(user=office).publish(user=office, skip_permission_checks=True)  # as a completed review does
    source = PageLogEntry.objects.filter(action="wagtail.publish", page=page).latest("timestamp")
    entry = latest("wagtail.publish")
    assert (entry.actor, entry.site, entry.object_id, entry.object_repr) == (office, portal, str(page.pk), page.title)
    assert entry.data["wagtail_log_id"] == source.pk and entry.action_label == str(source.message)
    log(portal, "wagtail.edit", user=office)
    edit = latest("wagtail.edit")
    assert (edit.object_type, edit.site, edit.actor) == ("registry.siterecord", portal, office)


def test_jobs_are_recorded_as_run_logs():
    entry = record_job("sitemap", "完成", progress=100, detail="生成 3 个文件")
    assert entry.action_label == "后台任务“sitemap”：完成"
    assert entry.data == {"name": "sitemap", "status": "完成", "progress": 100, "detail": "生成 3 个文件"}
