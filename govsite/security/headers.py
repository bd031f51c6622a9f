"""The security headers of every response (X11, 等保 level 3): one strict policy for what the public sees,
a looser one for the Wagtail admin, which still writes inline scripts and styles. Pure Python.

docs/nginx-public.conf carries the public values word for word (a test compares them), so the static tree
nginx serves and the public app's pages are under the same policy.
"""

from __future__ import annotations

ADMIN_PREFIX = "/admin/"

PUBLIC_CSP = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
))
# Wagtail 8's admin runs inline <script> elements (page explorer, page editor, inline panels, date inputs)
# and inline styles (page editor): chromium reports both under the public policy (tests/browser/csp_steps.py).
ADMIN_CSP = "; ".join((
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
))
# No page of the platform uses a device or sensor of the visitor's.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in ("accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone",
                    "payment", "usb")
)
# Headers 等保 scanners look for besides those Django sends (nosniff, Referrer-Policy, X-Frame-Options,
# Cross-Origin-Opener-Policy). Browsers of today ignore X-XSS-Protection; the scanners still report it missing.
COMMON_HEADERS = {
    "Permissions-Policy": PERMISSIONS_POLICY,
    "X-Permitted-Cross-Domain-Policies": "none",
    "X-XSS-Protection": "1; mode=block",
}
PUBLIC_HEADERS = {"Content-Security-Policy": PUBLIC_CSP, **COMMON_HEADERS}
ADMIN_HEADERS = {"Content-Security-Policy": ADMIN_CSP, **COMMON_HEADERS}


def headers_for(path: str) -> dict[str, str]:
    """The security headers of a response to `path`: the admin's under /admin/, else the public ones."""
    return ADMIN_HEADERS if path.startswith(ADMIN_PREFIX) else PUBLIC_HEADERS
