"""WSGI entry point of the public app (X4): pages' dynamic endpoints (letters, search, forms), no admin."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govsite.settings.production")
os.environ["GOVSITE_ROLE"] = "public"
application = get_wsgi_application()
