"""Production settings: secrets from the environment, HTTPS everywhere (X11)."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, SECRET_KEY

if not SECRET_KEY:
    raise ImproperlyConfigured("生产环境必须设置 GOVSITE_SECRET_KEY")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("生产环境必须设置 GOVSITE_ALLOWED_HOSTS")
DEBUG = False
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# One job queue in the database; for many worker machines, django_tasks_rq's backend on Redis (docs/deploy.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
