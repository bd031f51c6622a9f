"""The public host (X4): files from the static tree first, then the public app's dynamic endpoints.

In production nginx does this (`try_files`, see docs/deploy.md); this WSGI wrapper gives the demo and
the tests the same behaviour with nothing else installed.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from .files import file_for, resolve_inside

mimetypes.add_type("application/rss+xml", ".xml", strict=False)


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
        try:
            candidate = resolve_inside(self.root / host, file_for(path)) if host else None
        except ValueError:
            return None
        return candidate if candidate and candidate.is_file() else None

    def _send(self, path: Path, environ, start_response):
        data = path.read_bytes()
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or path.suffix == ".xml":
            content_type += "; charset=utf-8"
        start_response("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(data))),
                                  ("X-Content-Type-Options", "nosniff")])
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [data]


def local_public_host(root):
    """The demo's public host: the static tree, the forms' assets from the apps (as nginx serves them from
    `collectstatic` in production), then the public app."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.wsgi import get_wsgi_application

    return StaticTreeApplication(StaticFilesHandler(get_wsgi_application()), root)
