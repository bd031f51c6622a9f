"""Settings for the test suite: SQLite by default, PostgreSQL when DATABASE_URL is set."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, INSTALLED_APPS

SECRET_KEY = "test-key-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
_TMP = Path(tempfile.mkdtemp(prefix="govsite-test-"))
MEDIA_ROOT = _TMP / "media"
STATIC_ROOT = _TMP / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["NAME"] = _TMP / "test.sqlite3"
    DATABASES["default"]["TEST"] = {"NAME": str(_TMP / "test.sqlite3")}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
GOVSITE_PUBLIC_ROOT = _TMP / "public"
GOVSITE_KEY_DIR = _TMP / "keys"
GOVSITE_KEYS_AUTO_CREATE = True
# A model with encrypted fields for the security tests; no migrations, so it never reaches production.
INSTALLED_APPS = [*INSTALLED_APPS, "govsite.security.tests.sample"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Monitoring never leaves the machine in tests: probes and page fetches go to loopback, where nothing
# listens on the discard port unless a test starts its own server and points this at it.
GOVSITE_MONITOR_ORIGIN = "http://127.0.0.1:9"
GOVSITE_MONITOR_CHECK_EXTERNAL = False
GOVSITE_ALERT_WEBHOOK = ""
# Most tests log in with `force_login`; the accounts tests switch the second factor on themselves.
GOVSITE_TWO_FACTOR_REQUIRED = False
AXES_ENABLED = True
GOVSITE_BACKUP_DIR = _TMP / "backups"
# X4: the test city's government network: loopback and the private ranges other tests log in from.
GOVSITE_BACKOFFICE_NETWORKS = ["127.0.0.0/8", "::1", "10.0.0.0/8", "192.168.0.0/16"]
