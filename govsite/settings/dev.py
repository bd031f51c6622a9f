"""Settings for a developer's machine and `make demo`: embedded SQLite, served on 127.0.0.1."""

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, SECRET_KEY

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"
# Demo hostnames of every site resolve to 127.0.0.1 through the port the demo prints.
ALLOWED_HOSTS = ALLOWED_HOSTS or ["*"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Jobs go through the database queue: `make demo` starts a worker and the scheduler with the server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

from .base import DATA_DIR  # noqa: E402

DATA_DIR.mkdir(parents=True, exist_ok=True)
