"""X2 lockout after repeated failures (logged, alerted); X5 freezing and a leaked account; the first administrator."""

import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from govsite.accounts import events
from govsite.accounts.models import AccountState, LoginSession
from govsite.audit.chain import record
from govsite.audit.models import AuditEntry
from govsite.monitoring.models import Alert
from govsite.review.roles import Role

from .conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(make_user, portal):
    return make_user("li_editor", Role.EDITOR, portal)


@pytest.fixture
def admin_client(client, make_user):
    admin = make_user("sys_admin", Role.SYSTEM_ADMIN)
    client.force_login(admin)
    client.admin = admin
    return client


def test_five_failures_lock_the_account_even_for_the_right_password(client, editor):
    for _ in range(4):
        assert sign_in(client, editor.username, "wrong-Password1!").status_code == 200
    locked = sign_in(client, editor.username, "wrong-Password1!")
    assert locked.status_code == 403 and "已连续 5 次登录失败" in locked.content.decode()
    again = sign_in(client, editor.username, PASSWORD)
    assert again.status_code == 403
    assert not again.wsgi_request.user.is_authenticated
    entries = AuditEntry.objects.filter(action=events.LOCKED_OUT)
    assert entries.count() == 1 and entries.get().data["username"] == "li_editor"
    alert = Alert.objects.get(kind__startswith="account_locked")
    assert "li_editor" in alert.message and "连续 5 次登录失败" in alert.message


def test_an_administrator_lifts_a_lockout(client, editor, make_user):
    for _ in range(5):
        sign_in(client, editor.username, "wrong-Password1!")
    admin = make_user("sys_admin", Role.SYSTEM_ADMIN)
    from django.test import Client

    office = Client()
    office.force_login(admin)
    page = office.get("/admin/accounts/security/").content.decode()
    assert "li_editor" in page
    office.post("/admin/accounts/security/unlock/", {"username": "li_editor", "ip_address": "127.0.0.1"})
    assert sign_in(client, editor.username, PASSWORD).status_code == 302
    assert AuditEntry.objects.filter(action=events.UNLOCK, actor=admin).exists()


def test_freezing_ends_every_session_of_the_account(admin_client, editor):
    from django.test import Client

    browser = Client()
    assert sign_in(browser, editor.username).status_code == 302
    assert browser.get("/admin/").status_code == 200
    assert LoginSession.objects.filter(user=editor, ended_at__isnull=True).count() == 1
    response = admin_client.post(f"/admin/accounts/{editor.pk}/freeze/", {"reason": "调离岗位"})
    assert response.status_code == 302
    assert browser.get("/admin/")["Location"].startswith("/admin/login/")
    assert not LoginSession.objects.filter(user=editor, ended_at__isnull=True).exists()
    assert sign_in(browser, editor.username).status_code == 200
    state = AccountState.objects.get(user=editor)
    assert state.frozen_by == admin_client.admin and state.frozen_reason == "调离岗位"
    assert AuditEntry.objects.get(action=events.FREEZE).data["sessions_ended"] == 1


def test_freezing_needs_a_reason_and_the_permission(admin_client, editor, make_user, portal, client):
    refused = admin_client.post(f"/admin/accounts/{editor.pk}/freeze/", {"reason": ""})
    assert "请填写冻结原因" in refused.content.decode()
    editor.refresh_from_db()
    assert editor.is_active
    colleague = make_user("zhao_editor", Role.EDITOR, portal)
    client.force_login(colleague)
    assert client.post(f"/admin/accounts/{editor.pk}/freeze/", {"reason": "x"})["Location"] == "/admin/"
    editor.refresh_from_db()
    assert editor.is_active


def test_a_leaked_account_is_frozen_reset_and_its_30_days_listed(admin_client, editor):
    TOTPDevice.objects.create(user=editor, name="身份验证器", confirmed=True)
    record("wagtail.edit", actor=editor, data={"page": "通知公告"}, label="修改页面")
    response = admin_client.post(f"/admin/accounts/{editor.pk}/compromised/", {"reason": "密码疑似泄露"})
    assert response["Location"] == f"/admin/accounts/{editor.pk}/changes/"
    page = admin_client.get(response["Location"]).content.decode()
    assert "修改页面" in page and "密码疑似泄露" in page
    editor.refresh_from_db()
    assert not editor.is_active and not editor.has_usable_password()
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert AuditEntry.objects.get(action=events.COMPROMISED).data["changes_to_check"] >= 1


def test_unfreezing_a_leaked_account_needs_a_new_password_its_owner_must_change(admin_client, editor):
    admin_client.post(f"/admin/accounts/{editor.pk}/compromised/", {"reason": "密码疑似泄露"})
    refused = admin_client.post(f"/admin/accounts/{editor.pk}/unfreeze/", {"new_password": "short"})
    assert "密码至少需要 12 个字符" in refused.content.decode()
    admin_client.post(f"/admin/accounts/{editor.pk}/unfreeze/", {"new_password": "Qing-He#2026x"})
    editor.refresh_from_db()
    assert editor.is_active and editor.check_password("Qing-He#2026x")
    assert AccountState.objects.get(user=editor).password_set_by_other


def test_the_first_administrator_gets_a_one_time_password(db):
    out = StringIO()
    call_command("createadmin", "--username", "xxzx_admin", "--one-time-password", "--json", stdout=out)
    data = json.loads(out.getvalue())
    user = get_user_model().objects.get(username="xxzx_admin")
    assert user.is_superuser and user.check_password(data["one_time_password"])
    assert AccountState.objects.get(user=user).password_set_by_other
    with pytest.raises(CommandError, match="平台已有系统管理员"):
        call_command("createadmin", "--username", "second", "--one-time-password", stdout=StringIO())


def test_a_fresh_installation_has_no_account(db):
    assert not get_user_model().objects.exists()
