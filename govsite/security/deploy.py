"""`govsite check-deploy` (X4, X11, 等保 level 3): every unsafe production setting, as rules over plain values.

Pure Python: the rules read a dict of setting values and a few facts about the database, so each is tested
in milliseconds; govsite/security/deployment.py gathers both and Django's own `check --deploy` messages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from govsite.demo.city import SITES
from govsite.formguard.refusal import Refused
from govsite.review.roles import PLATFORM_ROLES, UNIT_ROLES

from .networks import SETTING as NETWORKS_SETTING
from .networks import backoffice_networks, is_public, matches_everyone

ERROR = "error"
WARNING = "warning"
YEAR_SECONDS = 365 * 24 * 3600
MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_CHARACTERS = 5
# Words of the keys in govsite/settings/dev.py and test.py, Django's startproject key, and samples.
DEV_KEY_MARKERS = ("insecure", "dev-only", "not-secret", "test-key", "changeme", "change-me", "example")
ARGON2 = "django.contrib.auth.hashers.Argon2PasswordHasher"
MAX_LOGIN_FAILURES = 5
MAX_SESSION_SECONDS = 30 * 60
CSP_MIDDLEWARE = "govsite.security.csp.ContentSecurityPolicyMiddleware"
NETWORK_MIDDLEWARE = "govsite.security.network.BackOfficeNetworkMiddleware"
# Account names every scanner tries first.
GENERIC_ACCOUNTS = frozenset({"admin", "administrator", "root", "test", "guest", "demo", "user", "manager"})
SETTING_NAMES = (
    "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SAMESITE", "MIDDLEWARE", "GOVSITE_TWO_FACTOR_REQUIRED",
    NETWORKS_SETTING, "PASSWORD_HASHERS", "AXES_ENABLED", "AXES_FAILURE_LIMIT", "SESSION_COOKIE_AGE",
)


@dataclass(frozen=True)
class Finding:
    """One unsafe setting: a code to silence or search by, what is wrong and what to do, in Chinese."""

    code: str
    message: str
    hint: str
    level: str = ERROR

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class DatabaseFacts:
    """What check-deploy reads from the database; the rules below judge it."""

    default_accounts: tuple[str, ...] = ()
    superusers_without_device: tuple[str, ...] = ()
    backup_scheduled: bool = True
    hosts_shared_with_public: tuple[str, ...] = ()


Rule = Callable[[Mapping[str, Any]], Iterable[Finding]]


def demo_usernames() -> frozenset[str]:
    """The names `govsite demo` gives its accounts: each platform role, and "<site>_<role>" per unit role."""
    unit = {f"{site.key}_{role.value}" for site in SITES for role in UNIT_ROLES}
    return frozenset({role.value for role in PLATFORM_ROLES} | unit)


def is_default_account(username: str) -> bool:
    """A generic name (admin, root, test, guest …) or one of the demo's accounts."""
    name = username.strip().lower()
    return name in GENERIC_ACCOUNTS or name in demo_usernames()


def debug_rule(values: Mapping[str, Any]) -> Iterable[Finding]:
    if values.get("DEBUG"):
        yield Finding("deploy.debug", "DEBUG 已开启：出错页面会向访问者展示源代码、设置和请求内容",
                      "生产环境使用 govsite.settings.production（DEBUG = False）")


def secret_key_problem(key: str) -> str | None:
    """Why a SECRET_KEY is unfit for production, or None."""
    if len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < MIN_SECRET_KEY_CHARACTERS:
        return f"SECRET_KEY 太短或太简单（至少 {MIN_SECRET_KEY_LENGTH} 个字符、{MIN_SECRET_KEY_CHARACTERS} 种以上字符）"
    lowered = key.lower()
    if lowered.startswith("django-insecure") or any(marker in lowered for marker in DEV_KEY_MARKERS):
        return "SECRET_KEY 是开发或测试用的密钥"
    return None


def secret_key_rule(values: Mapping[str, Any]) -> Iterable[Finding]:
    problem = secret_key_problem(str(values.get("SECRET_KEY") or ""))
    if problem:
        yield Finding("deploy.secret_key", f"{problem}：会话、密码重置链接和签名都可被伪造",
                      "用 python -c \"import secrets; print(secrets.token_urlsafe(64))\" 生成，"
                      "放入环境变量 GOVSITE_SECRET_KEY，不要写进代码库")


def allowed_hosts_rule(values: Mapping[str, Any]) -> Iterable[Finding]:
    hosts = list(values.get("ALLOWED_HOSTS") or [])
    if not hosts or "*" in hosts:
        yield Finding("deploy.allowed_hosts", "ALLOWED_HOSTS 为空或包含“*”：任何主机名的请求都会被接受（主机头攻击）",
                      "在 GOVSITE_ALLOWED_HOSTS 中逐个列出各网站的域名，用英文逗号分隔")


def https_rule(values: Mapping[str, Any]) -> Iterable[Finding]:
    if not values.get("SECURE_SSL_REDIRECT"):
        yield Finding("deploy.ssl_redirect", "SECURE_SSL_REDIRECT 未开启：HTTP 访问不会跳转到 HTTPS",
                      "设置 SECURE_SSL_REDIRECT = True（govsite.settings.production 已设置）")
    if (values.get("SECURE_HSTS_SECONDS") or 0) < YEAR_SECONDS or not values.get("SECURE_HSTS_INCLUDE_SUBDOMAINS"):
        yield Finding("deploy.hsts", "HSTS 不足一年或未包含子域名：浏览器仍可能以 HTTP 访问、被降级攻击",
                      f"设置 SECURE_HSTS_SECONDS = {YEAR_SECONDS}、SECURE_HSTS_INCLUDE_SUBDOMAINS = True")


def cookies_rule(values: Mapping[str, Any]) -> Iterable[Finding]:
    flags = ("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY")
    unsafe = [name for name in flags if not values.get(name)]
    unsafe += [name for name in ("SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SAMESITE")
               if values.get(name, "Lax") not in ("Lax", "Strict")]
    if unsafe:
        yield Finding("deploy.cookies", f"Cookie 设置不安全：{'、'.join(unsafe)}",
                      "会话和 CSRF Cookie 只经 HTTPS 发送（Secure）、会话 Cookie 不让脚本读取（HttpOnly）、"
                      "SameSite 为 Lax 或 Strict")


def middleware_rule(values: Mapping[str, Any]) -> Iterable[Finding]:
    middleware = list(values.get("MIDDLEWARE") or [])
    if CSP_MIDDLEWARE not in middleware:
        yield Finding("deploy.csp", "内容安全策略（CSP）未启用：页面被注入脚本时浏览器不会拦截",
                      f"在 MIDDLEWARE 中保留 {CSP_MIDDLEWARE}")
    if NETWORK_MIDDLEWARE not in middleware:
        yield Finding("deploy.network_middleware", "后台未限制访问网络：互联网上的任何地址都能打开后台登录页",
                      f"在 MIDDLEWARE 中保留 {NETWORK_MIDDLEWARE}")


def two_factor_rule(values: Mapping[str, Any]) -> Iterable[Finding]:
    if not values.get("GOVSITE_TWO_FACTOR_REQUIRED"):
        yield Finding("deploy.two_factor", "GOVSITE_TWO_FACTOR_REQUIRED 未开启：后台账号仅凭口令即可登录",
                      "设置 GOVSITE_TWO_FACTOR_REQUIRED = True（govsite.settings.production 已设置）")


def networks_rule(values: Mapping[str, Any]) -> Iterable[Finding]:
    hint = f"只列出政务网络的网段，如 {NETWORKS_SETTING}=10.0.0.0/8,192.168.0.0/16"
    try:
        networks = backoffice_networks(values.get(NETWORKS_SETTING) or [])
    except Refused as refusal:
        yield Finding("deploy.networks", refusal.message, hint)
        return
    if any(matches_everyone(network) for network in networks):
        yield Finding("deploy.networks", f"{NETWORKS_SETTING} 包含 0.0.0.0/0 或 ::/0：后台对整个互联网开放", hint)
    elif public := [str(network) for network in networks if is_public(network)]:
        yield Finding("deploy.networks_public", f"{NETWORKS_SETTING} 包含互联网地址段：{'、'.join(public)}",
                      "确认这些地址段属于政务外网后，把 deploy.networks_public 加入 SILENCED_SYSTEM_CHECKS", WARNING)


def passwords_rule(values: Mapping[str, Any]) -> Iterable[Finding]:
    hashers = list(values.get("PASSWORD_HASHERS") or [])
    if not hashers or hashers[0] != ARGON2:
        yield Finding("deploy.hasher", "口令不是首先用 Argon2 保存的：被拖库后更容易被暴力破解",
                      f"PASSWORD_HASHERS 的第一项应为 {ARGON2}")
    if not values.get("AXES_ENABLED", True) or (values.get("AXES_FAILURE_LIMIT") or 0) > MAX_LOGIN_FAILURES:
        yield Finding("deploy.axes", f"登录失败锁定未开启或阈值超过 {MAX_LOGIN_FAILURES} 次：口令可被反复猜测",
                      f"设置 AXES_ENABLED = True、AXES_FAILURE_LIMIT 不大于 {MAX_LOGIN_FAILURES}")
    if (values.get("SESSION_COOKIE_AGE") or 0) > MAX_SESSION_SECONDS:
        yield Finding("deploy.session_age", "后台会话超过 30 分钟无操作仍不退出（等保“登录连接超时自动退出”）",
                      f"设置 SESSION_COOKIE_AGE 不大于 {MAX_SESSION_SECONDS}，并保留 SESSION_SAVE_EVERY_REQUEST = True")


SETTING_RULES: tuple[Rule, ...] = (
    debug_rule, secret_key_rule, allowed_hosts_rule, https_rule, cookies_rule, middleware_rule, two_factor_rule,
    networks_rule, passwords_rule,
)


def check_settings(values: Mapping[str, Any]) -> list[Finding]:
    """Every finding of every settings rule."""
    return [finding for rule in SETTING_RULES for finding in rule(values)]


def check_database(facts: DatabaseFacts) -> list[Finding]:
    """Default accounts, superusers without a second factor, no backup schedule, a host shared with the public."""
    findings = []
    if facts.default_accounts:
        findings.append(Finding("deploy.default_accounts",
                                f"存在默认或演示账号：{'、'.join(facts.default_accounts)}",
                                "删除或停用这些账号；生产库不要运行 govsite demo"))
    if facts.superusers_without_device:
        findings.append(Finding("deploy.superuser_two_factor",
                                f"超级管理员未绑定第二因子：{'、'.join(facts.superusers_without_device)}",
                                "让这些账号登录后台绑定动态口令，或取消其超级管理员身份"))
    if not facts.backup_scheduled:
        findings.append(Finding("deploy.backup", "没有启用的每日备份定时任务（backup.daily）",
                                "在“定时任务”中启用 backup.daily，或运行 govsite migrate 恢复默认定时任务"))
    if facts.hosts_shared_with_public:
        findings.append(Finding("deploy.same_host",
                                f"后台地址与公众网站同一主机：{'、'.join(facts.hosts_shared_with_public)}",
                                "后台用政务网络内的独立主机名（GOVSITE_ADMIN_BASE_URL），公众网站只由公众端提供"))
    return findings


def database_unreadable(reason: str) -> Finding:
    """The database could not be read, so its accounts and schedules went unchecked."""
    return Finding("deploy.database", f"无法读取数据库，账号、第二因子和备份任务未检查：{reason}",
                   "确认 DATABASE_URL 正确、数据库可连接，并已运行 govsite migrate")


def shared_hosts(admin_host: str, public_hosts: Iterable[str]) -> tuple[str, ...]:
    """The admin's host name when a public site is served under the same name."""
    host = admin_host.strip().lower()
    return (host,) if host and host in {h.strip().lower() for h in public_hosts} else ()


def without_silenced(findings: Iterable[Finding], silenced: Iterable[str]) -> list[Finding]:
    """The findings whose code the deployment has not silenced (SILENCED_SYSTEM_CHECKS)."""
    quiet = set(silenced)
    return [finding for finding in findings if finding.code not in quiet]
