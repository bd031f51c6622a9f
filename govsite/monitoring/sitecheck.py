"""The link check of one published site (M1): crawled as the public receives it, every broken link stored
with the pages it sits on and the column and person responsible for each, and every page's metadata,
text and emptiness checked on the way."""

from __future__ import annotations

from urllib.parse import urlsplit

import lxml.html
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from govsite.content.models import ContentAttachment
from govsite.core.clock import now
from govsite.registry.models import SiteRecord
from govsite.textcheck.attachments import check_attachment
from govsite.textcheck.engine import check_text
from govsite.textcheck.findings import BLOCK, KIND_LABELS
from govsite.textcheck.site_config import config_for_site

from . import pagechecks, probes
from .linkcheck import run_check
from .locate import responsibility
from .models import LinkCheckRun


def _public(url: str, crawled_from: str, site_url: str) -> str:
    """An address the crawl saw through the public server, as the site's own address."""
    return site_url + url[len(crawled_from):] if url.startswith(crawled_from) else url


def _page_kind(page: str) -> str | None:
    """Which metadata set a page must carry: an item's, a column's, or none (the home page is checked apart)."""
    if 'name="ArticleTitle"' in page:
        return "article"
    if 'name="ColumnName"' in page:
        return "column"
    return None


def _blocked(findings) -> list[str]:
    """The findings the content check blocks on, one sentence each."""
    return [f"{KIND_LABELS.get(f.kind, f.kind)}：“{f.text}”" + (f"，应为“{f.suggestion}”" if f.suggestion else "")
            for f in findings if f.severity == BLOCK]


def blocked_text(page: str, config) -> list[str]:
    """What the content check blocks in the page's visible text."""
    return _blocked(check_text(" ".join(lxml.html.fromstring(page).text_content().split()), config))


def page_problems(url: str, page: str, config) -> list[dict]:
    """What one published page shows wrongly: missing or malformed metadata, text the check blocks, an
    empty column (the national check set, as the public sees it)."""
    kind = _page_kind(page)
    if kind is None:
        return []
    problems = [{"url": url, "kind": "metadata", "description": line}
                for line in pagechecks.meta_findings(page, kind)]
    if kind == "column" and pagechecks.is_empty_column(page):
        problems.append({"url": url, "kind": "empty_column", "description": "空白栏目（无实质内容或显示“建设中”）"})
    problems += [{"url": url, "kind": "text_error", "description": line} for line in blocked_text(page, config)]
    return problems


def _attachment_lines(document, config) -> list[str]:
    """What the content check blocks in one document, remembered per file content so each is read once."""
    key = f"monitoring:attachment:{document.pk}:{document.file_hash or document.file.name}"
    lines = cache.get(key)
    if lines is None:
        try:
            with document.file.open("rb") as file:
                data = file.read()
        except OSError:
            return []
        lines = _blocked(check_attachment(document.filename, data, config))
        cache.set(key, lines, timeout=None)
    return lines


def attachment_problems(record: SiteRecord, site_url: str) -> list[dict]:
    """The attachments of the site's published items, checked like pages (P6 over what is public)."""
    config, problems = config_for_site(record), []
    attachments = ContentAttachment.objects.filter(page__live=True, page__path__startswith=record.site.root_page.path)
    for attachment in attachments.select_related("document", "page"):
        url = site_url.rstrip("/") + attachment.document.url
        problems += [{"url": url, "kind": "text_error", "description": f"附件{line}",
                      **responsibility(record.site.root_page, attachment.page.full_url or "")}
                     for line in _attachment_lines(attachment.document, config)]
    return problems


# Addresses of the platform's own dynamic widgets, different on every page and rate-limited by design: a
# captcha image, the 找错 link that carries the page's address. Checking them would only load the forms.
SKIPPED_PATHS = ("/guard/", "/hudong/zhaocuo/")


def skipper(crawled_from: str, check_external: bool):
    """The links a site's check leaves out: the platform's widgets, and other sites unless allowed."""
    def skip(url: str) -> bool:
        if not url.startswith(crawled_from):
            return not check_external
        return urlsplit(url).path.startswith(SKIPPED_PATHS)

    return skip


def check_links(record: SiteRecord, max_pages: int | None = None) -> LinkCheckRun:
    """Crawl the site, check each page's content on the way, store the run and return it."""
    site_url = record.site.root_url + "/"
    origin = getattr(settings, "GOVSITE_MONITOR_ORIGIN", "")
    target = probes.target_for(site_url, origin)
    run = LinkCheckRun.objects.create(record=record, started_at=now(), start_url=site_url)
    config, problems = config_for_site(record), []

    def on_page(url: str, page: str) -> None:
        problems.extend(page_problems(_public(url, target.url, site_url), page, config))

    report = run_check(target.url, max_pages=max_pages, host_header=target.host if origin else None,
                       on_page=on_page,
                       skip=skipper(target.url, getattr(settings, "GOVSITE_MONITOR_CHECK_EXTERNAL", True)))
    root = record.site.root_page
    broken = []
    for link in report.broken:
        sources = [_public(source, target.url, site_url) for source in link.sources]
        where = responsibility(root, sources[0]) if sources else {}
        broken.append({"url": _public(link.url, target.url, site_url), "status": link.status, "reason": link.reason,
                       "sources": sources, **where})
    run.pages, run.links, run.broken = report.pages, report.links, broken
    run.page_problems = [{**problem, **responsibility(root, problem["url"])} for problem in problems]
    run.page_problems += attachment_problems(record, site_url)
    run.home_broken = sum(site_url in item["sources"] for item in broken)
    run.finished_at = timezone.now()
    run.save()
    return run
