"""Production settings: secrets from the environment, HTTPS everywhere, strict cookies (X11, 等保 level 3).

`govsite check-deploy` lists whatever a deployment still leaves unsafe.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, SECRET_KEY

if not SECRET_KEY:
    raise ImproperlyConfigured("生产环境必须设置 GOVSITE_SECRET_KEY")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("生产环境必须设置 GOVSITE_ALLOWED_HOSTS")
DEBUG = False
SECURE_SSL_REDIRECT = True
# nginx in front terminates TLS and overwrites X-Forwarded-Proto (docs/nginx-public.conf).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading binds every subdomain, intranet ones too, to HTTPS in browsers for good: the city decides
# (GOVSITE_HSTS_PRELOAD=1) once all of them have certificates.
SECURE_HSTS_PRELOAD = os.environ.get("GOVSITE_HSTS_PRELOAD") == "1"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# Lax: no cookie on another site's forms posting here; a link from a notice e-mail still opens the session.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# X2: a back-office session also ends when the browser closes.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Other origins allowed to post forms here, e.g. "https://www.mile.gov.cn" (comma-separated); usually none.
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("GOVSITE_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]
# X3: password plus a second factor for every back-office account.
GOVSITE_TWO_FACTOR_REQUIRED = True
# Wagtail's preview shows the page inside the admin, so frames stay allowed from the same origin.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
# One job queue in the database; for many worker machines, django_tasks_rq's backend on Redis (docs/deploy.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
