"""Settings shared by every deployment of govsite."""

import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
# Everything the platform writes (embedded database, media, static tree) lives here.
DATA_DIR = Path(os.environ.get("GOVSITE_DATA_DIR", BASE_DIR / "var")).resolve()

SECRET_KEY = os.environ.get("GOVSITE_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = [
    h for h in os.environ.get("GOVSITE_ALLOWED_HOSTS", "").split(",") if h
]

INSTALLED_APPS = [
    "govsite.core",
    "govsite.registry",
    "govsite.columns",
    "govsite.content",
    "govsite.review",
    "govsite.textcheck",
    "govsite.audit",
    "govsite.jobs",
    "govsite.workdays",
    "govsite.security",
    "govsite.accounts",
    "govsite.backup",
    "govsite.incidents",
    "govsite.collector",
    "govsite.sharing",
    "govsite.library",
    "govsite.formguard",
    "govsite.interaction",
    "govsite.participation",
    "govsite.disclosure",
    "govsite.monitoring",
    "govsite.sitesearch",
    "govsite.services",
    "govsite.opendata",
    "govsite.analytics",
    "govsite.reports",
    "govsite.demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "govsite.publishing",
    "wagtail.embeds",
    "wagtail.sites",
    "govsite.review.apps.GovUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # X4: outside the government network the back office does not exist (404, logged).
    "govsite.security.network.BackOfficeNetworkMiddleware",
    "govsite.security.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "govsite.audit.middleware.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # X2, X3, X5: second factor, forced password change, frozen accounts.
    "govsite.accounts.middleware.AccountPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "govsite.registry.middleware.SiteStatusMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # django-axes last, as its documentation asks: lockout after repeated failed logins (X2).
    "axes.middleware.AxesMiddleware",
]

# The public host runs the same code with the public routes only (X4): `govsite/wsgi_public.py`.
ROOT_URLCONF = "govsite.urls_public" if os.environ.get("GOVSITE_ROLE") == "public" else "govsite.urls_backoffice"
WSGI_APPLICATION = "govsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "govsite.core.context_processors.site_context",
            ],
        },
    },
]


def database_from_environment(default_sqlite: Path) -> dict:
    """PostgreSQL (or any engine) through DATABASE_URL; otherwise embedded SQLite in WAL mode."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": default_sqlite,
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": database_from_environment(DATA_DIR / "govsite.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# X2: the password policy (govsite/accounts/passwords.py) in one validator; it also keeps the history.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "govsite.accounts.validators.PasswordPolicyValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
GOVSITE_PASSWORD_MAX_AGE_DAYS = 90
GOVSITE_PASSWORD_HISTORY = 5
# argon2 first; PBKDF2 only to verify (and upgrade at next login) passwords stored before argon2.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# X3: every back-office account logs in with password plus a second factor (TOTP or a recovery code).
GOVSITE_TWO_FACTOR_REQUIRED = True
OTP_TOTP_ISSUER = "政府网站集约化平台"
# X2: five failed logins lock the account name and the address for 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "govsite.accounts.lockout.locked_out"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
AXES_VERBOSE = False

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [PROJECT_DIR / "locale"]
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATE_FORMAT = "Y-m-d"

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "政府网站集约化平台"
WAGTAILADMIN_BASE_URL = os.environ.get("GOVSITE_ADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "doc", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "xls", "ofd", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_COMMENTS_ENABLED = True

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

LOGIN_URL = "wagtailadmin_login"
SESSION_COOKIE_HTTPONLY = True
# X2 (等保 "登录连接超时自动退出"): a back-office session ends after 30 minutes without a request.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
FORMS_URLFIELD_ASSUME_HTTPS = True
WAGTAIL_FINISH_WORKFLOW_ACTION = "govsite.review.finish.publish_on_finish"
# Monitoring probes go to this public server with each site's host name (e.g. http://127.0.0.1:8080 for
# `govsite serve-public` or the local nginx); empty: each site's own address.
GOVSITE_MONITOR_ORIGIN = os.environ.get("GOVSITE_MONITOR_ORIGIN", "")
# Whether the link check also checks links to other sites (on in production; `make demo` turns it off, so a
# demo on a developer's machine requests nothing beyond loopback).
GOVSITE_MONITOR_CHECK_EXTERNAL = os.environ.get("GOVSITE_MONITOR_CHECK_EXTERNAL", "1") != "0"
# Alerts (M5, M7): ordinary ones wait out the quiet hours ("" switches them off); veto-level ones never do.
GOVSITE_ALERT_QUIET_HOURS = os.environ.get("GOVSITE_ALERT_QUIET_HOURS", "22:00-07:30")
# The office's messaging system: each alert is POSTed there as JSON (level, kind, message, site, raised_at).
GOVSITE_ALERT_WEBHOOK = os.environ.get("GOVSITE_ALERT_WEBHOOK", "")
# The deployment's own values of the check indicators' thresholds, by name (网站监测 → 检查指标设置 lists
# them, and says which the national document gives and which are the platform's defaults).
GOVSITE_INDICATOR_SETTINGS: dict[str, float] = {}
GOVSITE_PUBLIC_ROOT = Path(os.environ.get("GOVSITE_PUBLIC_ROOT", DATA_DIR / "public"))
# X7: the master key pair that wraps the data keys of encrypted fields lives in files here, never in
# the database (directory 0700, files 0600; `govsite keys init`). DEBUG and the tests create it at first use.
GOVSITE_KEY_DIR = Path(os.environ.get("GOVSITE_KEY_DIR", DATA_DIR / "keys")).resolve()
GOVSITE_KEYS_AUTO_CREATE = False

# A cache shared by every process of the platform (back office, workers, public app): files under the
# data directory by default, Redis when GOVSITE_REDIS_URL is set (several machines).
_REDIS_URL = os.environ.get("GOVSITE_REDIS_URL")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _REDIS_URL}
    if _REDIS_URL
    else {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": DATA_DIR / "cache"}
}

# Public forms (formguard, I1). Rates per scope, "5/10m" = 5 posts per 10 minutes from one address (an IPv6
# client counts per /64); "<scope>:global" limits all addresses together; None switches a limit off.
GOVSITE_RATE_LIMITS: dict[str, str | None] = {
    "letters": "5/10m",
    "letter_lookup": "20/10m",
    "error_reports": "5/10m",
    "surveys": "5/10m",
    "interview_questions": "5/10m",
    "disclosure_requests": "5/10m",
    "disclosure_lookup": "20/10m",
    "captcha": "300/10m",
}
# Proxies whose X-Forwarded-For is believed (addresses or networks), e.g. "127.0.0.1" behind the local nginx.
GOVSITE_TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("GOVSITE_TRUSTED_PROXIES", "").split(",") if p.strip()
]
GOVSITE_CAPTCHA_TTL_SECONDS = 600
GOVSITE_FORM_MIN_FILL_SECONDS = 2
GOVSITE_UPLOAD_MAX_BYTES = 10 * 1024 * 1024

# X4: the back office answers only from these networks (the government network); elsewhere 404, logged.
GOVSITE_BACKOFFICE_NETWORKS = [
    n.strip() for n in os.environ.get("GOVSITE_BACKOFFICE_NETWORKS", "127.0.0.0/8,::1").split(",") if n.strip()
]
# Which URL configuration this process serves: the back office, or the public app (`wsgi_public`).
GOVSITE_ROLE = os.environ.get("GOVSITE_ROLE", "backoffice")
# X6: encrypted backups, kept here (`govsite backup`), the last N daily ones kept.
GOVSITE_BACKUP_DIR = Path(os.environ.get("GOVSITE_BACKUP_DIR", DATA_DIR / "backups")).resolve()
GOVSITE_BACKUP_KEEP = int(os.environ.get("GOVSITE_BACKUP_KEEP", "14"))
# X8: a 较大 or higher security incident is reported upward within this many hours of being found
# (《国家网络安全事件报告管理办法》Art. 4: 4 for most operators, 1 for critical infrastructure), and the
# post-incident analysis report (000 6.2.4) is due this many days after recovery (the platform's default).
GOVSITE_INCIDENT_REPORT_HOURS = float(os.environ.get("GOVSITE_INCIDENT_REPORT_HOURS", "4"))
GOVSITE_INCIDENT_SUMMARY_DAYS = int(os.environ.get("GOVSITE_INCIDENT_SUMMARY_DAYS", "30"))

# X6: editors' attachments and images are checked by content, not by name (govsite/security/uploads.py),
# in every Wagtail upload form (single, multiple, chooser, replacing a file); pictures over this many
# pixels (all frames together) are refused before decoding.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "govsite.security.uploads.CheckedDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "govsite.security.uploads.CheckedImageForm"
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100_000_000
# X11: no avatar from gravatar.com: the admin's CSP allows images from its own host only, and the back
# office sends no hash of its users' e-mail addresses abroad.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
