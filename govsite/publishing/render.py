"""Rendering a site's URL exactly as a visitor would get it: the whole middleware stack and site routing."""

from __future__ import annotations

from dataclasses import dataclass

from django.test import Client
from wagtail.models import Site


@dataclass(frozen=True)
class Rendered:
    status: int
    body: bytes
    content_type: str


def host_header(site: Site) -> str:
    return site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"


class SiteRenderer:
    """One client per site, reused for every path of a build."""

    def __init__(self, site: Site):
        self.site = site
        self.client = Client(HTTP_HOST=host_header(site), SERVER_PORT=str(site.port))

    def get(self, url_path: str) -> Rendered:
        response = self.client.get(url_path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return Rendered(response.status_code, body, response.get("Content-Type", ""))
