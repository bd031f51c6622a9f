"""A collection run (G1, P8): read the source's list (or feed), fetch each new item, store its files in the
target site's collection, create the item as a draft under the target column, submit it for review or leave
it proposed to the editors, and count what was found, new, skipped and failed. A source that breaks raises
an alert. `preview` does the reading without storing anything (the "测试采集源" view)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from govsite.content.models import ArticlePage, ContentAttachment
from govsite.core.clock import now
from govsite.formguard.refusal import Refused
from govsite.jobs.progress import report_progress
from govsite.monitoring.alert_rules import Level
from govsite.monitoring.alerts import raise_alert
from govsite.registry.models import SiteRecord
from govsite.review.workflow import create_draft

from . import cleaning, extraction, health, reposting
from .fetching import Fetcher, FetchError
from .media import store_document, store_image
from .models import CollectedItem, CollectionRun, CollectionSource

PREVIEW_ITEMS = 10
EXCERPT_CHARS = 200


@dataclass
class Tally:
    """A run's counts and its log lines, kept until the run row is written."""

    found: int = 0
    new: int = 0
    skipped: int = 0
    failed: int = 0
    lines: list[str] = field(default_factory=list)

    def note(self, counter: str, line: str) -> None:
        setattr(self, counter, getattr(self, counter) + 1)
        self.lines.append(line)


@dataclass(frozen=True)
class PreviewItem:
    title: str
    published: datetime | None
    url: str
    excerpt: str
    attachments: tuple[extraction.Link, ...]
    images: tuple[str, ...]
    problem: str = ""


@dataclass
class Preview:
    found: int = 0
    items: list[PreviewItem] = field(default_factory=list)
    error: str = ""


def discover(source: CollectionSource, fetcher: Fetcher) -> list[extraction.Link]:
    """The item links the source lists now: a feed's items, or the list page and its next pages."""
    if source.kind == CollectionSource.Kind.RSS:
        return extraction.parse_feed(fetcher.get(source.list_url).content, source.list_url)
    return extraction.walk_list(source.list_url, fetcher.text, source.selectors(), source.max_pages)


def read_detail(source: CollectionSource, fetcher: Fetcher, link: extraction.Link) -> extraction.Detail:
    """The item's page read by the source's selectors, its body cleaned; the list's title if it has none."""
    detail = extraction.parse_detail(fetcher.text(link.url), link.url, source.selectors())
    return dataclasses.replace(detail, title=(detail.title or link.title)[:255],
                               body_html=cleaning.clean_body(detail.body_html, link.url))


def _upstream_time(detail: extraction.Detail) -> extraction.UpstreamDate | None:
    """The upstream date read as Beijing time (the platform's time zone)."""
    if detail.published is None:
        return None
    return extraction.UpstreamDate(timezone.make_aware(detail.published.value), detail.published.precise)


def _problem(source: CollectionSource, detail: extraction.Detail) -> str | None:
    return health.meta_mismatch(detail.meta, source.expected_site_name, source.expected_column_name)


def preview(source: CollectionSource, limit: int = PREVIEW_ITEMS) -> Preview:
    """What the source would collect now, read from the upstream site, with nothing stored."""
    result = Preview()
    with Fetcher(source.list_url) as fetcher:
        try:
            links = discover(source, fetcher)
        except (FetchError, extraction.SelectorError) as error:
            result.error = str(error)
            return result
        result.found = len(links)
        for link in links[:limit]:
            try:
                detail = read_detail(source, fetcher, link)
            except FetchError as error:
                result.items.append(PreviewItem(link.title, None, link.url, "", (), (), str(error)))
                continue
            upstream = _upstream_time(detail)
            excerpt = cleaning.plain_text(detail.body_html)[:EXCERPT_CHARS]
            result.items.append(PreviewItem(detail.title, upstream.value if upstream else None, link.url, excerpt,
                                            detail.attachments, detail.images, _problem(source, detail) or ""))
    return result


class _Collection:
    """One run over one source; `run()` returns the stored CollectionRun."""

    def __init__(self, source: CollectionSource, fetcher: Fetcher):
        self.source, self.fetcher = source, fetcher
        self.record = SiteRecord.objects.get(site=source.target.get_site())
        self.tally = Tally()
        self.moment = now()
        self.known_urls = set(source.items.values_list("url", flat=True))
        self.known_hashes = set(source.items.values_list("content_hash", flat=True))
        self.rules = reposting.keywords(source.keywords)
        self.alerts: list[str] = []

    def alert(self, message: str) -> None:
        self.alerts.append(message)
        raise_alert(self.record, Level.WARNING, f"collector_{self.source.pk}",
                    _("采集源“%(name)s”：%(message)s") % {"name": self.source.name, "message": message})

    def collect(self, links: list[extraction.Link]) -> None:
        self.tally.found = len(links)
        for done, link in enumerate(links, start=1):
            self.collect_one(link)
            report_progress(done, len(links), _("已处理 %(done)s/%(total)s 条") % {"done": done, "total": len(links)})

    def collect_one(self, link: extraction.Link) -> None:
        if link.url in self.known_urls:
            self.tally.skipped += 1  # the usual case on every run: not logged line by line
            return
        if not self.fetcher.allowed(link.url):
            self.tally.note("skipped", _("跳过（不在采集源所在网站）：%(url)s") % {"url": link.url})
            return
        try:
            detail = read_detail(self.source, self.fetcher, link)
            self.store(detail)
        except (FetchError, ValidationError) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            self.tally.note("failed", _("失败：%(url)s（%(error)s）") % {"url": link.url, "error": "；".join(messages)})

    def store(self, detail: extraction.Detail) -> None:
        problem = _problem(self.source, detail)
        if problem:
            self.tally.note("failed", _("未采集：%(url)s（%(problem)s）") % {"url": detail.url, "problem": problem})
            if not self.alerts:
                self.alert(problem)
            return
        digest = cleaning.content_hash(detail.title, detail.body_html)
        if digest in self.known_hashes:
            self.tally.note("skipped", _("跳过（内容与已采集信息相同）：%(url)s") % {"url": detail.url})
            return
        try:
            with transaction.atomic():
                item = self.create_item(detail, digest)
        except IntegrityError:
            if not self.source.items.filter(Q(url=detail.url) | Q(content_hash=digest)).exists():
                raise
            self.tally.note("skipped", _("跳过（已被同时进行的另一次采集保存）：%(url)s") % {"url": detail.url})
            return
        self.known_urls.add(detail.url)
        self.known_hashes.add(digest)
        self.tally.note("new", _("新增：%(title)s（%(status)s）") % {"title": item.title,
                                                                   "status": item.get_status_display()})

    def fetch_files(self, detail: extraction.Detail) -> tuple[list, dict[str, int], dict[str, int], frozenset]:
        """Attachments and images stored in the site's collection; a refused one is logged as failed."""
        attachments, documents, images, refused = [], {}, {}, set()
        wanted = [(link, store_document) for link in detail.attachments]
        wanted += [(extraction.Link(url, detail.title), store_image) for url in detail.images]
        for link, store in wanted:
            try:
                stored = store(self.record.collection, link.url, link.title, self.fetcher.get(link.url).content)
            except (FetchError, Refused) as error:
                reason = error.message if isinstance(error, Refused) else str(error)
                self.tally.note("failed", _("文件未保存：%(url)s（%(error)s）") % {"url": link.url, "error": reason})
                refused.add(link.url)
                continue
            if store is store_document:
                attachments.append((link, stored))
                documents[link.url] = stored.pk
            else:
                images[link.url] = stored.pk
        return attachments, documents, images, frozenset(refused)

    def create_item(self, detail: extraction.Detail, digest: str) -> CollectedItem:
        attachments, documents, images, refused = self.fetch_files(detail)
        upstream = _upstream_time(detail)
        page = ArticlePage(
            title=detail.title, body=cleaning.rewrite_links(detail.body_html, documents, images, refused), live=False,
            source=(detail.meta.get("ContentSource") or self.source.expected_site_name or self.source.name)[:100],
            published_at=upstream.value if upstream else self.moment,
        )
        # The usual dated address, made unique by the fingerprint: numbering t20260301-2, -3 … would read
        # every sibling of the day, slow in a column that receives hundreds of items a day.
        page.slug = f"{page.slug_base()}-{digest[:8]}"
        for link, document in attachments:
            page.attachments.add(ContentAttachment(document=document, title=link.title[:200]))
        submitted = create_draft(self.source.target, page, self.source.submitter,
                                 submit=self.source.mode == CollectionSource.Mode.REVIEW)
        status = CollectedItem.Status.SUBMITTED if submitted else CollectedItem.Status.PROPOSED
        important = reposting.is_important(self.source.important, self.rules, detail.title)
        return CollectedItem.objects.create(
            source=self.source, url=detail.url, content_hash=digest, title=detail.title, status=status,
            upstream_published_at=upstream.value if upstream else None, collected_at=self.moment, page=page,
            important=important, repost_due=reposting.repost_due(self.moment, upstream) if important else None,
        )


def _found_before(source: CollectionSource, run: CollectionRun) -> int:
    """Items the last finished run found, to tell a broken list from an empty one."""
    earlier = source.runs.exclude(pk=run.pk).filter(finished_at__isnull=False, error="").order_by("-started_at")
    return earlier.values_list("found", flat=True).first() or 0


def collect(source: CollectionSource) -> CollectionRun:
    """Run the source once and store the run with its counts and log."""
    run = CollectionRun.objects.create(source=source, started_at=now())
    with Fetcher(source.list_url) as fetcher:
        collection = _Collection(source, fetcher)
        try:
            links = discover(source, fetcher)
        except (FetchError, extraction.SelectorError) as error:
            run.error = str(error)
            collection.alert(run.error)
        else:
            collection.collect(links)
            empty = health.nothing_found(len(links), _found_before(source, run))
            if empty:
                run.error = empty
                collection.alert(empty)
    tally = collection.tally
    run.found, run.new, run.skipped, run.failed = tally.found, tally.new, tally.skipped, tally.failed
    run.log, run.finished_at = "\n".join(tally.lines), now()
    run.save()
    CollectionSource.objects.filter(pk=source.pk).update(last_run_at=run.started_at)
    return run
