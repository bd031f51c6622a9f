"""The link check of one published site (M1): crawled as the public receives it, every broken link stored
with the pages it sits on and the column and person responsible for each."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from govsite.core.clock import now
from govsite.registry.models import SiteRecord

from . import probes
from .linkcheck import run_check
from .locate import responsibility
from .models import LinkCheckRun


def _public(url: str, crawled_from: str, site_url: str) -> str:
    """An address the crawl saw through the public server, as the site's own address."""
    return site_url + url[len(crawled_from):] if url.startswith(crawled_from) else url


def check_links(record: SiteRecord, max_pages: int | None = None) -> LinkCheckRun:
    """Crawl the site, store the run and return it; the run is kept even when nothing is broken."""
    site_url = record.site.root_url + "/"
    origin = getattr(settings, "GOVSITE_MONITOR_ORIGIN", "")
    target = probes.target_for(site_url, origin)
    run = LinkCheckRun.objects.create(record=record, started_at=now(), start_url=site_url)
    report = run_check(target.url, max_pages=max_pages, host_header=target.host if origin else None)
    root = record.site.root_page
    broken = []
    for link in report.broken:
        sources = [_public(source, target.url, site_url) for source in link.sources]
        where = responsibility(root, sources[0]) if sources else {}
        broken.append({"url": _public(link.url, target.url, site_url), "status": link.status, "reason": link.reason,
                       "sources": sources, **where})
    run.pages, run.links, run.broken = report.pages, report.links, broken
    run.home_broken = sum(site_url in item["sources"] for item in broken)
    run.finished_at = timezone.now()
    run.save()
    return run
