"""The daily rollup: a day's visitor marks become page, column and site totals; then marks and salt go.

Re-running is safe: a day's totals are recomputed from its marks and replaced. Today's marks are rolled up
too (so the admin shows today so far) but kept, with today's salt, until the day is over.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date

from django.db import transaction
from django.db.models import Count, Sum
from wagtail.models import Page

from govsite.columns.models import ColumnPage

from .counting import column_visitors
from .models import ColumnVisitDay, DailySalt, PageVisitDay, SiteVisitDay, VisitorMark
from .recording import clear_memory


def roll_up_day(day: date, *, final: bool) -> int:
    """Replace `day`'s totals by those of its marks; when `final`, delete the marks and the salt. Page views."""
    marks = VisitorMark.objects.filter(day=day)
    pages = list(marks.values("record", "page").annotate(views=Sum("hits"), visitors=Count("key")))
    sites = list(marks.values("record").annotate(views=Sum("hits"), visitors=Count("key", distinct=True)))
    paths = dict(Page.objects.filter(pk__in=[p["page"] for p in pages]).values_list("pk", "path"))
    columns = _column_rows(marks, day)
    with transaction.atomic():
        site_ids = [s["record"] for s in sites]
        PageVisitDay.objects.filter(day=day, record__in=site_ids).delete()
        PageVisitDay.objects.bulk_create(
            PageVisitDay(record_id=p["record"], day=day, page_id=p["page"], path=paths[p["page"]],
                         views=p["views"], visitors=p["visitors"]) for p in pages if p["page"] in paths
        )
        ColumnVisitDay.objects.filter(day=day, record__in=site_ids).delete()
        ColumnVisitDay.objects.bulk_create(columns)
        for site in sites:
            SiteVisitDay.objects.update_or_create(record_id=site["record"], day=day, defaults={
                "views": site["views"], "visitors": site["visitors"]})
        if final:
            marks.delete()
            DailySalt.objects.filter(day__lte=day).delete()
    return sum(s["views"] for s in sites)


def _column_rows(marks, day: date) -> list[ColumnVisitDay]:
    """Each column's distinct visitors of the day, from the marks of the pages inside it."""
    by_site: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for path, key, record in marks.values_list("page__path", "key", "record"):
        by_site[record].append((path, key))
    prefixes = {path[:end] for pairs in by_site.values() for path, _key in pairs
                for end in range(Page.steplen, len(path) + 1, Page.steplen)}
    columns = dict(ColumnPage.objects.filter(path__in=prefixes).values_list("path", "pk"))
    return [ColumnVisitDay(record_id=record, day=day, column_id=columns[path], visitors=visitors)
            for record, pairs in by_site.items()
            for path, visitors in column_visitors(pairs, columns, Page.steplen).items()]


def roll_up_pending(today: date, progress: Callable[[int, int, str], None] | None = None) -> dict[str, int]:
    """Finish every past day that still has marks or a salt, then refresh today's figures so far."""
    past = sorted(set(VisitorMark.objects.filter(day__lt=today).values_list("day", flat=True).distinct())
                  | set(DailySalt.objects.filter(day__lt=today).values_list("day", flat=True)))
    days = [*past, today]
    views = 0
    for done, day in enumerate(days, start=1):
        views += roll_up_day(day, final=day < today)
        if progress:
            progress(done, len(days), day.isoformat())
    if past:
        clear_memory()
    return {"days": len(past), "views": views}
