"""Keeping the library in step with the pages (P10): a live content page has one record whose metadata is
the very tags its public page carries (govsite.core.metadata), plus its disclosure fields."""

from __future__ import annotations

from django.utils import timezone
from wagtail.models import Page

from govsite.content.models import ContentPage
from govsite.core.metadata import page_meta_tags
from govsite.disclosure.catalogue import site_record
from govsite.jobs.progress import report_progress

from . import shape
from .models import LibraryRecord


def _tags(page: ContentPage, record, column) -> dict[str, str]:
    """The page's meta tags, with the page's address and cover image the standard also names."""
    tags = dict(page_meta_tags(page, record, column))
    tags["Url"] = page.get_full_url() or ""
    if page.cover_image_id:
        tags["Image"] = page.cover_image.file.url
    return tags


def _disclosure(page: ContentPage) -> dict[str, str] | None:
    entry = getattr(page, "catalogue_entry", None)
    if entry is None:
        return None
    written = getattr(page, "written_date", None)
    return {"index_number": entry.index_number, "publisher": entry.publisher, "topic": entry.topic,
            "document_number": getattr(page, "document_number", ""),
            "written_date": written.isoformat() if written else ""}


def sync(page: Page) -> LibraryRecord | None:
    """File (or refresh) a live content page in the library; other pages and pages of no site are left out."""
    page = page.specific
    record = site_record(page) if isinstance(page, ContentPage) else None
    if record is None:
        return None
    column = page.column
    moment = timezone.now()
    url = page.get_full_url() or ""
    document = shape.item_document(
        _tags(page, record, column), _disclosure(page), id=page.pk, kind=page._meta.model_name, url=url,
        site=record.site_id_code, column_id=column.pk if column else None, live=page.live,
        updated_at=moment.isoformat())
    entry, _created = LibraryRecord.objects.update_or_create(page=page, defaults={
        "record": record, "column": column, "kind": page._meta.model_name, "title": page.title[:255],
        "url": url[:500], "published_at": page.published_at, "live": page.live, "updated_at": moment,
        "document": document})
    return entry


def withdraw(page: Page) -> None:
    """An unpublished page stays in the library as withdrawn, so pulling systems learn of it by `since`."""
    moment = timezone.now()
    for entry in LibraryRecord.objects.filter(page=page):
        entry.live, entry.updated_at = False, moment
        entry.document = {**entry.document, "live": False, "updated_at": moment.isoformat()}
        entry.save(update_fields=["live", "updated_at", "document"])


def rebuild() -> dict:
    """File every live content page (the pages that existed before the library, or after a repair)."""
    pages = ContentPage.objects.live().order_by("pk")
    total, filed = pages.count(), 0
    for done, page in enumerate(pages.iterator(), start=1):
        filed += sync(page) is not None
        report_progress(done, total, f"已入库 {done}/{total} 条")
    return {"pages": total, "filed": filed}
