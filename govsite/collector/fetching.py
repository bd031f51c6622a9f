"""Fetching from an upstream site (G1): only from the host of the source's configured address, every
redirect hop included, so a page cannot send the collector into the platform's own network."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx
from django.utils.translation import gettext as _

from .encoding import decode

TIMEOUT_SECONDS = 20
USER_AGENT = "govsite-collector/1.0"


class FetchError(Exception):
    """A page or file that could not be fetched; the message is shown in the run log, in Chinese."""


def origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc.lower()


class Fetcher:
    """An HTTP client bound to one source's site; use as a context manager."""

    def __init__(self, source_url: str, timeout: float = TIMEOUT_SECONDS):
        self.origin = origin(source_url)
        self.client = httpx.Client(timeout=timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT},
                                   event_hooks={"request": [self._refuse_elsewhere]})

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.client.close()

    def allowed(self, url: str) -> bool:
        return origin(url) == self.origin

    def _refuse_elsewhere(self, request: httpx.Request) -> None:
        if not self.allowed(str(request.url)):
            raise FetchError(_("%(url)s 不在采集源所在网站，未抓取") % {"url": request.url})

    def get(self, url: str) -> httpx.Response:
        """The response for `url`; FetchError when it is elsewhere, unreachable or not a 200."""
        try:
            response = self.client.get(url)
        except httpx.HTTPError as error:
            raise FetchError(_("无法访问 %(url)s：%(error)s") % {"url": url, "error": error}) from error
        if response.status_code != 200:
            raise FetchError(_("%(url)s 返回状态码 %(status)s") % {"url": url, "status": response.status_code})
        return response

    def text(self, url: str) -> str:
        """A page's text in whatever encoding it came in (see `encoding`)."""
        response = self.get(url)
        return decode(response.content, response.headers.get("content-type", ""))
