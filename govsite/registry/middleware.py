"""Public pages of a site that is not running: a maintenance notice, a redirect, or a closing notice (S3-S5)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from urllib.parse import urlparse

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from .lifecycle import current_offline
from .lifecycle_rules import SiteStatus
from .models import SiteDowntime, SiteRecord

# Once the planned end has passed, clients are asked to come back in an hour.
DEFAULT_RETRY_AFTER = 3600
# HTTP answers by status: 503 while the site is being built or is temporarily offline, 410 once it is gone.
STATUS_CODES = {
    SiteStatus.PLANNING: 503,
    SiteStatus.OFFLINE: 503,
    SiteStatus.MIGRATED: 410,
    SiteStatus.CLOSED: 410,
}


def _admin_prefixes(request: HttpRequest) -> tuple[str, ...]:
    """Paths the lifecycle never blocks: the back office and static files."""
    prefixes = [settings.STATIC_URL, settings.MEDIA_URL]
    with contextlib.suppress(NoReverseMatch):
        prefixes.append(reverse("wagtailadmin_home", urlconf=getattr(request, "urlconf", None)))
    return tuple(p for p in prefixes if p)


def _retry_after(offline: SiteDowntime | None) -> int:
    """Seconds until the planned end of the temporary offline, for the Retry-After header (S4)."""
    if offline is None or offline.planned_end is None:
        return DEFAULT_RETRY_AFTER
    seconds = int((offline.planned_end - timezone.now()).total_seconds())
    return seconds if seconds > 0 else DEFAULT_RETRY_AFTER


class SiteStatusMiddleware:
    """Answers for a site in 筹建, 临时下线, 已迁移 or 永久下线 instead of its pages; admin paths pass."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(_admin_prefixes(request)):
            return self.get_response(request)
        site = Site.find_for_request(request)
        record = SiteRecord.objects.select_related("parent__site").filter(site=site).first() if site else None
        if record is None or record.status not in STATUS_CODES:
            return self.get_response(request)
        if record.status == SiteStatus.MIGRATED:
            path = urlparse(request.get_full_path()).path
            redirect = get_redirect(request, Redirect.normalise_path(path, decode_unicode=False))
            if redirect is not None and redirect.link:
                return HttpResponsePermanentRedirect(redirect.link)
        return self.notice(request, record)

    def notice(self, request: HttpRequest, record: SiteRecord) -> HttpResponse:
        """The Chinese notice page for the site's status, with Retry-After while temporarily offline."""
        offline = current_offline(record)
        context = {"record": record, "offline": offline, "portal": record.parent}
        response = TemplateResponse(request, "registry/site_status.html", context, status=STATUS_CODES[record.status])
        if record.status == SiteStatus.OFFLINE:
            response["Retry-After"] = str(_retry_after(offline))
        return response.render()
