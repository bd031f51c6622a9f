"""X4, X11: `govsite check-deploy` lists every unsafe production setting in Chinese and fails until none is left."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from govsite.jobs.models import Schedule
from govsite.security import deploy
from govsite.security.deploy import DatabaseFacts, Finding, check_database, check_settings, shared_hosts
from govsite.security.deploy_messages import from_django
from govsite.security.deployment import BACKUP_TASK

STRONG_KEY = "k7Q9-vX2pL8_zR4mW1nB6cY3tH5jD0sF-gA8eU2iO7qK9wE4rT6yP1"
SAFE = {
    "DEBUG": False,
    "SECRET_KEY": STRONG_KEY,
    "ALLOWED_HOSTS": ["www.ceshi.gov.cn", "jtj.ceshi.gov.cn"],
    "SECURE_SSL_REDIRECT": True,
    "SECURE_HSTS_SECONDS": 31_536_000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "CSRF_COOKIE_SAMESITE": "Strict",
    "MIDDLEWARE": [deploy.CSP_MIDDLEWARE, deploy.NETWORK_MIDDLEWARE],
    "GOVSITE_TWO_FACTOR_REQUIRED": True,
    "GOVSITE_BACKOFFICE_NETWORKS": ["10.0.0.0/8", "192.168.0.0/16", "127.0.0.1", "fd00::/8"],
    "PASSWORD_HASHERS": [deploy.ARGON2, "django.contrib.auth.hashers.PBKDF2PasswordHasher"],
    "AXES_ENABLED": True,
    "AXES_FAILURE_LIMIT": 5,
    "SESSION_COOKIE_AGE": 1800,
}
# The same, over the real settings: MIDDLEWARE stays the platform's whole list; as in production, the
# preview's SAMEORIGIN frames are accepted and HSTS preloading is on.
SAFE_SETTINGS = {
    **{name: value for name, value in SAFE.items() if name != "MIDDLEWARE"},
    "SILENCED_SYSTEM_CHECKS": ["security.W019"],
    "SECURE_HSTS_PRELOAD": True,
}
# Every rule refuses each of these values; the code it reports.
UNSAFE = [
    ("DEBUG", True, "deploy.debug"),
    ("SECRET_KEY", "", "deploy.secret_key"),
    ("SECRET_KEY", "short-key", "deploy.secret_key"),
    ("SECRET_KEY", "a" * 60, "deploy.secret_key"),
    ("SECRET_KEY", "test-key-not-secret" + STRONG_KEY, "deploy.secret_key"),
    ("SECRET_KEY", "django-insecure-" + STRONG_KEY, "deploy.secret_key"),
    ("ALLOWED_HOSTS", ["*"], "deploy.allowed_hosts"),
    ("ALLOWED_HOSTS", [], "deploy.allowed_hosts"),
    ("SECURE_SSL_REDIRECT", False, "deploy.ssl_redirect"),
    ("SECURE_HSTS_SECONDS", 3600, "deploy.hsts"),
    ("SECURE_HSTS_INCLUDE_SUBDOMAINS", False, "deploy.hsts"),
    ("SESSION_COOKIE_SECURE", False, "deploy.cookies"),
    ("CSRF_COOKIE_SECURE", False, "deploy.cookies"),
    ("SESSION_COOKIE_HTTPONLY", False, "deploy.cookies"),
    ("SESSION_COOKIE_SAMESITE", "None", "deploy.cookies"),
    ("MIDDLEWARE", [deploy.NETWORK_MIDDLEWARE], "deploy.csp"),
    ("MIDDLEWARE", [deploy.CSP_MIDDLEWARE], "deploy.network_middleware"),
    ("GOVSITE_TWO_FACTOR_REQUIRED", False, "deploy.two_factor"),
    ("GOVSITE_BACKOFFICE_NETWORKS", [], "deploy.networks"),
    ("GOVSITE_BACKOFFICE_NETWORKS", ["10.0.0.0/8", "0.0.0.0/0"], "deploy.networks"),
    ("GOVSITE_BACKOFFICE_NETWORKS", ["::/0"], "deploy.networks"),
    ("GOVSITE_BACKOFFICE_NETWORKS", ["10.0.0.0/33"], "deploy.networks"),
    ("GOVSITE_BACKOFFICE_NETWORKS", ["10.0.0.0/8", "59.255.0.0/16"], "deploy.networks_public"),
    ("PASSWORD_HASHERS", ["django.contrib.auth.hashers.PBKDF2PasswordHasher", deploy.ARGON2], "deploy.hasher"),
    ("AXES_ENABLED", False, "deploy.axes"),
    ("AXES_FAILURE_LIMIT", 10, "deploy.axes"),
    ("SESSION_COOKIE_AGE", 2 * 3600, "deploy.session_age"),
]


def codes(findings: list[Finding]) -> list[str]:
    return [finding.code for finding in findings]


# The pure rules: milliseconds each.

def test_x11_the_safe_values_pass_every_settings_rule():
    assert check_settings(SAFE) == []


@pytest.mark.parametrize(("name", "value", "code"), UNSAFE)
def test_x11_every_settings_rule_refuses_its_unsafe_value_in_chinese(name, value, code):
    [finding] = check_settings({**SAFE, name: value})
    assert finding.code == code
    assert finding.message and finding.hint and not finding.message.isascii()


def test_x4_a_public_range_is_only_a_warning_naming_it():
    [finding] = check_settings({**SAFE, "GOVSITE_BACKOFFICE_NETWORKS": ["10.0.0.0/8", "59.255.0.0/16"]})
    assert finding.level == deploy.WARNING and "59.255.0.0/16" in finding.message


def test_x11_default_and_demo_account_names():
    for name in ("admin", "Root", "guest", "test", "system_admin", "portal_editor", "fgj_final_review"):
        assert deploy.is_default_account(name), name
    for name in ("zhangwei", "portal_editor_li", "editorial"):
        assert not deploy.is_default_account(name), name


def test_x11_database_rules_refuse_each_fact_and_pass_a_clean_database():
    assert check_database(DatabaseFacts()) == []
    unsafe = DatabaseFacts(default_accounts=("admin",), superusers_without_device=("wang",), backup_scheduled=False,
                           hosts_shared_with_public=("www.ceshi.gov.cn",))
    assert codes(check_database(unsafe)) == [
        "deploy.default_accounts", "deploy.superuser_two_factor", "deploy.backup", "deploy.same_host"]
    assert shared_hosts("WWW.ceshi.gov.cn", ["www.ceshi.gov.cn"]) == ("www.ceshi.gov.cn",)
    assert shared_hosts("houtai.ceshi.gov.cn", ["www.ceshi.gov.cn"]) == ()


def test_x11_django_deploy_messages_are_chinese_and_never_listed_twice():
    assert from_django("security.W018", False, "You should not have DEBUG set to True", None) is None
    translated = from_django("security.W001", False, "You do not have SecurityMiddleware", None)
    assert translated.level == deploy.ERROR and "SecurityMiddleware" in translated.message
    assert not translated.message.isascii()
    flag = from_django("async.E001", True, "You should not set the DJANGO_ALLOW_ASYNC_UNSAFE environment variable", None)
    assert flag.level == deploy.ERROR and flag.message.startswith("设置了环境变量 DJANGO_ALLOW_ASYNC_UNSAFE")
    unknown = from_django("security.W999", False, "Something new", "Do this")
    assert (unknown.code, unknown.level, unknown.message) == ("security.W999", deploy.WARNING, "Something new")


# The command, over the real settings and database.

def check_deploy(*args: str) -> tuple[str, CommandError | None]:
    out = StringIO()
    try:
        call_command("check-deploy", *args, stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


@pytest.fixture
def safe_database(db, settings):
    """A backup schedule, no default account; the admin on a host of its own."""
    Schedule.objects.update_or_create(
        task_name=BACKUP_TASK, defaults={"name": "每日备份", "cron_expression": "0 2 * * *", "enabled": True})
    settings.WAGTAILADMIN_BASE_URL = "https://houtai.ceshi.gov.cn"


@pytest.mark.django_db
def test_x11_check_deploy_fails_on_the_test_settings_listing_each_problem():
    output, error = check_deploy("--json")
    assert error is not None and error.returncode == 1 and "项不安全的生产设置" in str(error)
    found = codes([Finding(**f) for f in json.loads(output)["findings"]])
    for code in ("deploy.secret_key", "deploy.allowed_hosts", "deploy.ssl_redirect", "deploy.hsts",
                 "deploy.cookies", "deploy.two_factor", "deploy.hasher"):
        assert code in found, code


@pytest.mark.django_db
def test_x11_check_deploy_passes_a_fully_safe_deployment(safe_database):
    with override_settings(**SAFE_SETTINGS):
        output, error = check_deploy()
    assert error is None, output
    assert output.strip() == "未发现不安全的生产设置。"


@pytest.mark.django_db
def test_x11_warnings_are_listed_in_chinese_but_do_not_fail_the_check(safe_database):
    with override_settings(**{**SAFE_SETTINGS, "SECURE_HSTS_PRELOAD": False}):
        output, error = check_deploy()
    assert error is None
    assert "[警告] security.W021：HSTS 未设置 preload" in output


@pytest.mark.django_db
def test_x11_check_deploy_finds_demo_accounts_superusers_without_a_second_factor_no_backup(safe_database, make_user,
                                                                                     django_user_model):
    make_user("portal_editor", None)
    boss = django_user_model.objects.create_superuser("wangjun", "", "Pw-12345678!x")
    with override_settings(**SAFE_SETTINGS):
        output, error = check_deploy()
        assert error is not None
        assert "存在默认或演示账号：portal_editor" in output and "超级管理员未绑定第二因子：wangjun" in output
        TOTPDevice.objects.create(user=boss, name="手机", confirmed=True)
        django_user_model.objects.filter(username="portal_editor").update(is_active=False)
        output, error = check_deploy()
        assert (output.strip(), error) == ("未发现不安全的生产设置。", None)
        Schedule.objects.filter(task_name=BACKUP_TASK).update(enabled=False)
        output, error = check_deploy()
        assert error is not None and "没有启用的每日备份定时任务（backup.daily）" in output


def test_x11_production_settings_pass_every_settings_rule():
    """govsite.settings.production as a real process loads it, with the environment a deployment sets."""
    script = ("import json, django; django.setup(); from govsite.security.deployment import setting_values; "
              "from govsite.security.deploy import check_settings; "
              "print(json.dumps([f.as_dict() for f in check_settings(setting_values())], ensure_ascii=False))")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "govsite.settings.production", "GOVSITE_SECRET_KEY": STRONG_KEY,
           "GOVSITE_ALLOWED_HOSTS": "www.ceshi.gov.cn", "GOVSITE_BACKOFFICE_NETWORKS": "10.0.0.0/8,127.0.0.1"}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
