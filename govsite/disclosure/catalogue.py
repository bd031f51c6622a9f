"""The disclosure catalogue (P1): every item published under a catalogue column gets an index number and
its filing metadata, and its Art. 26 deadline is tracked from the day it was formed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page

from govsite.columns.models import ColumnPage
from govsite.content.models import ContentPage, PolicyPage
from govsite.registry.models import SiteRecord
from govsite.workdays.service import CALENDAR

from . import rules
from .models import CatalogueEntry, IndexSequence, agency_name

# Columns whose items are the unit's government information (standards: ColumnType of the catalogue).
CATALOGUE_COLUMN_TYPES = frozenset({"信息公开指南", "信息公开目录", "信息公开年报"})


def catalogue_column(page: Page) -> ColumnPage | None:
    """The nearest column above the page, when that column or one above it belongs to the catalogue."""
    columns = list(ColumnPage.objects.ancestor_of(page).order_by("-depth"))
    if any(column.column_type in CATALOGUE_COLUMN_TYPES for column in columns):
        return columns[0]
    return None


def site_record(page: Page) -> SiteRecord | None:
    site = page.get_site()
    return SiteRecord.objects.filter(site=site).first() if site else None


def formed_on(page: ContentPage) -> date:
    """When the information was formed: a policy's 成文日期, else the day its first draft was saved."""
    if isinstance(page, PolicyPage) and page.written_date:
        return page.written_date
    first = page.revisions.order_by("created_at").values_list("created_at", flat=True).first()
    return timezone.localdate(first) if first else timezone.localdate()


def _publisher(page: ContentPage, record: SiteRecord) -> str:
    if isinstance(page, PolicyPage) and page.issuing_authority:
        return page.issuing_authority
    return agency_name(record)


def _kept_number(page: ContentPage) -> str:
    """An index number the document already carries (typed in, or migrated from an old system), when no
    other entry holds it; otherwise the platform numbers it."""
    typed = getattr(page, "index_number", "").strip()
    if typed and not CatalogueEntry.objects.filter(index_number=typed).exists():
        return typed
    return ""


@transaction.atomic
def enter(page: ContentPage) -> CatalogueEntry | None:
    """File a published catalogue item: a new index number the first time, the metadata kept in step."""
    column, record = catalogue_column(page), site_record(page)
    if column is None or record is None:
        return None
    entry = CatalogueEntry.objects.filter(page=page).first()
    formed = formed_on(page)
    if entry is None:
        entry = CatalogueEntry(page=page, record=record, formed_on=formed, published_on=timezone.localdate(),
                               index_number=_kept_number(page) or IndexSequence.next_number(record, formed.year))
    entry.publisher = entry.publisher or _publisher(page, record)
    entry.category = column.title
    if isinstance(page, PolicyPage):
        entry.topic, entry.validity, entry.formed_on = page.topic_category, page.validity, formed
    entry.due_on = rules.proactive_due(CALENDAR, entry.formed_on).due
    new = entry.pk is None
    entry.save()
    if isinstance(page, PolicyPage) and page.index_number != entry.index_number:
        PolicyPage.objects.filter(pk=page.pk).update(index_number=entry.index_number)
    if new:
        log(entry, "govsite.disclosure.catalogue", data={"index_number": entry.index_number,
                                                          "late": entry.published_late})
    return entry


def on_published(sender, instance, **_kwargs) -> None:
    """page_published: catalogue items are filed as they go live."""
    page = instance.specific
    if isinstance(page, ContentPage):
        enter(page)


@dataclass(frozen=True)
class PendingItem:
    """A draft in a catalogue column and the day Art. 26 says it must be public by."""

    page: Page
    record: SiteRecord
    formed_on: date
    due_on: date

    @property
    def overdue(self) -> bool:
        return self.due_on < timezone.localdate()


def pending_items(records=None) -> list[PendingItem]:
    """Catalogue drafts never published, with their Art. 26 deadline, the most urgent first."""
    columns = ColumnPage.objects.filter(column_type__in=CATALOGUE_COLUMN_TYPES)
    drafts = ContentPage.objects.filter(live=False, first_published_at__isnull=True)
    items = []
    for column in columns:
        record = site_record(column)
        if record is None or (records is not None and record not in records):
            continue
        for page in drafts.descendant_of(column).specific():
            formed = formed_on(page)
            items.append(PendingItem(page, record, formed, rules.proactive_due(CALENDAR, formed).due))
    unique = {item.page.pk: item for item in items}
    return sorted(unique.values(), key=lambda item: item.due_on)
