"""X11: the strict CSP on public responses and in nginx, the admin's looser one, and public templates that
need nothing looser (no inline script, style or event handler)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from govsite.security.headers import ADMIN_CSP, PUBLIC_CSP, PUBLIC_HEADERS, headers_for

NGINX_CONF = Path(settings.BASE_DIR) / "docs" / "nginx-public.conf"
# The project's templates and every app's: the admin's own templates live under templates/wagtailadmin.
TEMPLATE_DIRS = [Path(settings.PROJECT_DIR) / "templates", *sorted(Path(settings.PROJECT_DIR).glob("*/templates"))]
# What the strict policy blocks: an inline <script> (one without src), <style>, style="…", onclick="…".
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)


def test_x11_public_policy_is_strict_and_only_the_admin_allows_inline_code():
    assert "'unsafe-inline'" not in PUBLIC_CSP and "'unsafe-eval'" not in PUBLIC_CSP
    for directive in ("default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'self'"):
        assert directive in PUBLIC_CSP.split("; ")
    assert "script-src 'self' 'unsafe-inline'" in ADMIN_CSP.split("; ") and "'unsafe-eval'" not in ADMIN_CSP
    assert headers_for("/admin/pages/")["Content-Security-Policy"] == ADMIN_CSP
    assert headers_for("/hudong/xiexin/")["Content-Security-Policy"] == PUBLIC_CSP
    assert headers_for("/administration/")["Content-Security-Policy"] == PUBLIC_CSP


def test_x11_nginx_sends_exactly_the_public_headers_of_the_app():
    """The static tree is served by nginx: its policy cannot drift from the public app's."""
    conf = NGINX_CONF.read_text(encoding="utf-8")
    for name, value in PUBLIC_HEADERS.items():
        assert f'add_header {name} "{value}" always;' in conf, name
        assert f"proxy_hide_header {name};" in conf, name  # each header once on the app's answers
    assert 'add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;' in conf


def test_x11_public_templates_have_no_inline_script_style_or_event_handler():
    offending = [
        f"{path.relative_to(settings.PROJECT_DIR)}: {match.group(0).strip()}"
        for directory in TEMPLATE_DIRS
        for path in directory.rglob("*.html") if "wagtailadmin" not in path.parts
        for match in INLINE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offending == []


@pytest.mark.django_db
def test_x11_public_pages_and_forms_carry_the_strict_policy_and_the_scanners_headers(client, portal):
    for path in ("/", "/hudong/xiexin/", "/no-such-page/"):
        response = client.get(path)
        assert response["Content-Security-Policy"] == PUBLIC_CSP, path
        assert response["Permissions-Policy"].startswith("accelerometer=()"), path
        assert response["X-Content-Type-Options"] == "nosniff" and response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "SAMEORIGIN", path


@pytest.mark.django_db
def test_x11_the_admin_gets_its_own_policy_and_a_view_keeps_a_stricter_one(client, portal):
    assert client.get("/admin/login/")["Content-Security-Policy"] == ADMIN_CSP
    document = get_document_model()(title="公告", collection=portal.collection)
    document.file.save("gonggao.txt", ContentFile("公告".encode()), save=True)
    served = client.get(document.url)
    assert served.status_code == 200
    assert served["Content-Security-Policy"] == "default-src 'none'"  # Wagtail's own, for served files
