"""The public host (X4): files from the static tree first, then the public app's dynamic endpoints.

In production nginx does this (`try_files`, see docs/deploy.md); this WSGI wrapper gives the demo and
the tests the same behaviour with nothing else installed.
"""

from __future__ import annotations

import mimetypes
import re
from pathlib import Path

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.exceptions import SuspiciousOperation
from django.core.handlers.exception import response_for_exception

from .files import file_for, resolve_inside

mimetypes.add_type("application/rss+xml", ".xml", strict=False)
# A site's directory is named by its host name: labels of letters, digits and hyphens. Anything else in a Host
# header ("..", "a/../..") is never a directory name; the public app answers it (400 for a malformed host).
HOST_NAME = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")


class StaticTreeApplication:
    """Serve `<root>/<host>/<path>` when it exists; hand everything else to the Django application."""

    def __init__(self, django_app, root: Path):
        self.django_app = django_app
        self.root = root

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            found = self._find(environ)
            if found is not None:
                return self._send(found, environ, start_response)
        return self.django_app(environ, start_response)

    def _find(self, environ) -> Path | None:
        host = environ.get("HTTP_HOST", "").split(":")[0].lower()
        path = environ.get("PATH_INFO", "/")
        if not HOST_NAME.fullmatch(host):
            return None
        try:
            candidate = resolve_inside(self.root / host, file_for(path))
        except ValueError:
            return None
        return candidate if candidate.is_file() else None

    def _send(self, path: Path, environ, start_response):
        data = path.read_bytes()
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or path.suffix == ".xml":
            content_type += "; charset=utf-8"
        start_response("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(data))),
                                  ("X-Content-Type-Options", "nosniff")])
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [data]


class AssetsHandler(StaticFilesHandler):
    """The forms' assets; a path that climbs out of their directories is a bad request (400), never a 500."""

    def get_response(self, request):
        try:
            return super().get_response(request)
        except SuspiciousOperation as error:
            return response_for_exception(request, error)


def local_public_host(root):
    """The demo's public host: the static tree, the forms' assets from the apps (as nginx serves them from
    `collectstatic` in production), then the public app."""
    from django.core.wsgi import get_wsgi_application

    return StaticTreeApplication(AssetsHandler(get_wsgi_application()), root)
