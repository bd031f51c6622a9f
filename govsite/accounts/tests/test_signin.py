"""X3: the back office opens only after password and second factor; X2: forced password changes; argon2."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import identify_hasher
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from govsite.accounts import events
from govsite.accounts.models import AccountState
from govsite.audit.context import acting_as
from govsite.audit.models import AuditEntry
from govsite.review.roles import Role

from .conftest import PASSWORD, current_code, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(make_user, portal):
    return make_user("li_editor", Role.EDITOR, portal)


def enrolled(client, user) -> TOTPDevice:
    """Sign in and complete the first-time enrolment; returns the confirmed authenticator."""
    sign_in(client, user.username)
    client.get("/admin/account/2fa/enrol/")
    device = TOTPDevice.objects.get(user=user)
    response = client.post("/admin/account/2fa/enrol/", {"code": current_code(device), "next": "/admin/"})
    assert response.status_code == 200 and "请保存恢复码" in response.content.decode()
    return TOTPDevice.objects.get(pk=device.pk)


def test_password_alone_opens_nothing(client, editor, two_factor):
    response = sign_in(client, editor.username)
    assert response.status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/account/2fa/enrol/")
    assert client.get("/admin/pages/").status_code == 302
    assert client.get("/admin/users/").status_code == 302


def test_first_sign_in_enrols_an_authenticator_by_qr_code(client, editor, two_factor):
    sign_in(client, editor.username)
    page = client.get("/admin/account/2fa/enrol/").content.decode()
    assert "<svg" in page and 'id="totp-secret"' in page
    wrong = client.post("/admin/account/2fa/enrol/", {"code": "000000"}).content.decode()
    assert "验证码不正确" in wrong
    device = TOTPDevice.objects.get(user=editor)
    device.throttle_reset()  # a person retypes after more than the one second a wrong code costs
    shown = client.post("/admin/account/2fa/enrol/", {"code": current_code(device), "next": "/admin/"})
    codes = shown.context["codes"]
    assert len(codes) == 10 and all(code in shown.content.decode() for code in codes)
    assert client.get("/admin/").status_code == 200
    assert AuditEntry.objects.filter(action=events.TWO_FACTOR_ENROL, actor=editor).exists()


def test_a_later_sign_in_without_the_code_fails_and_with_it_succeeds(client, editor, two_factor):
    device = enrolled(client, editor)
    client.logout()
    sign_in(client, editor.username)
    assert client.get("/admin/")["Location"].startswith("/admin/account/2fa/verify/")
    refused = client.post("/admin/account/2fa/verify/", {"code": "123456", "next": "/admin/"})
    assert refused.status_code == 200 and "验证码不正确或已过期" in refused.content.decode()
    assert client.get("/admin/").status_code == 302
    assert AuditEntry.objects.filter(action=events.TWO_FACTOR_FAILED, actor=editor).exists()
    device.refresh_from_db()
    device.throttle_reset()
    device.last_t = -1
    device.save()
    passed = client.post("/admin/account/2fa/verify/", {"code": current_code(device), "next": "/admin/pages/"})
    assert passed.status_code == 302 and passed["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_works_once(client, editor, two_factor):
    sign_in(client, editor.username)
    device = TOTPDevice.objects.create(user=editor, name="身份验证器", confirmed=True)
    from govsite.accounts.twofactor import new_recovery_codes

    code = new_recovery_codes(editor)[0]
    assert device.confirmed
    assert client.post("/admin/account/2fa/verify/", {"code": code.upper(), "next": "/admin/"}).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.logout()
    sign_in(client, editor.username)
    again = client.post("/admin/account/2fa/verify/", {"code": code, "next": "/admin/"})
    assert again.status_code == 200 and "验证码不正确" in again.content.decode()


def test_a_half_signed_in_person_is_anonymous_outside_the_admin(client, editor, two_factor):
    sign_in(client, editor.username)
    response = client.get("/admin/account/2fa/enrol/")
    assert response.wsgi_request.user == editor
    elsewhere = client.get("/sitemap.xml")
    assert not elsewhere.wsgi_request.user.is_authenticated


def test_the_next_address_never_leads_off_the_platform(client, editor, two_factor):
    enrolled(client, editor)
    client.logout()
    sign_in(client, editor.username)
    device = TOTPDevice.objects.get(user=editor)
    device.last_t = -1
    device.save()
    response = client.post("/admin/account/2fa/verify/", {"code": current_code(device),
                                                          "next": "https://evil.example/steal"})
    assert response["Location"] == "/admin/"


def test_an_account_an_administrator_made_must_change_its_password_first(client, make_user, portal):
    admin = make_user("sys_admin", Role.SYSTEM_ADMIN)
    with acting_as(admin):
        user = make_user("wang_editor", Role.EDITOR, portal)
    assert AccountState.objects.get(user=user).password_set_by_other
    client.force_login(user)
    response = client.get("/admin/")
    assert response["Location"].startswith("/admin/account/password/required/")
    page = client.get(response["Location"]).content.decode()
    assert "首次登录须先修改" in page


@pytest.mark.parametrize(("new", "message"), [
    ("Short1!a", "密码至少需要 12 个字符"),
    ("alllowercase-2026", "还缺少：大写字母"),
    ("Wang_Editor-2026!", "过于相似"),
    ("Pw-12345678!x", "不能使用最近 5 次用过的密码"),
])
def test_each_rule_refuses_a_bad_new_password_in_chinese(client, make_user, portal, new, message):
    user = make_user("wang_editor", Role.EDITOR, portal)
    AccountState.objects.filter(user=user).update(password_set_by_other=True)
    client.force_login(user)
    response = client.post("/admin/account/password/required/", {
        "old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 200 and message in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_good_new_password_opens_the_admin_and_joins_the_history(client, make_user, portal):
    user = make_user("wang_editor", Role.EDITOR, portal)
    AccountState.objects.filter(user=user).update(password_set_by_other=True)
    client.force_login(user)
    response = client.post("/admin/account/password/required/", {
        "old_password": PASSWORD, "new_password1": "Qing-He#2026x", "new_password2": "Qing-He#2026x",
        "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    state = AccountState.objects.get(user=user)
    assert not state.password_set_by_other and user.password_records.count() == 2
    assert AuditEntry.objects.filter(action=events.PASSWORD_CHANGE, actor=user).exists()


def test_a_password_older_than_90_days_must_be_changed(client, make_user, portal):
    user = make_user("wang_editor", Role.EDITOR, portal)
    AccountState.objects.filter(user=user).update(password_changed_at=timezone.now() - timezone.timedelta(days=91))
    client.force_login(user)
    response = client.get("/admin/pages/")
    assert response["Location"].startswith("/admin/account/password/required/")
    assert "超过 90 天未更换" in client.get(response["Location"]).content.decode()


def test_passwords_are_stored_with_argon2(settings, db):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher",
                                 "django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    user = get_user_model().objects.create_user(username="zhao", password="Qing-He#2026x")
    assert identify_hasher(user.password).algorithm == "argon2"


def test_a_session_ends_after_30_idle_minutes(client, editor):
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert client.session.get_expiry_age() == 30 * 60
    assert response.cookies["sessionid"]["max-age"] == 30 * 60


def test_the_admin_user_form_applies_the_policy_and_the_new_account_must_change(client, make_user):
    client.force_login(make_user("sys_admin", Role.SYSTEM_ADMIN))
    fields = {"username": "zhou_editor", "email": "zhou@mile.gov.cn", "first_name": "周", "last_name": "编辑",
              "is_active": "on"}
    weak = client.post("/admin/users/new/", {**fields, "password1": "zhou123", "password2": "zhou123"})
    assert weak.status_code == 200 and "密码至少需要 12 个字符" in weak.content.decode()
    assert not get_user_model().objects.filter(username="zhou_editor").exists()
    created = client.post("/admin/users/new/", {**fields, "password1": "Qing-He#2026x", "password2": "Qing-He#2026x"})
    assert created.status_code == 302
    user = get_user_model().objects.get(username="zhou_editor")
    assert AccountState.objects.get(user=user).password_set_by_other


def test_a_half_signed_in_person_can_leave(client, editor, two_factor):
    sign_in(client, editor.username)
    page = client.get("/admin/account/2fa/enrol/").content.decode()
    assert 'action="/admin/logout/"' in page
    client.post("/admin/logout/")
    assert not client.get("/admin/account/2fa/enrol/").wsgi_request.user.is_authenticated
