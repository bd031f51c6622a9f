"""Reading the visit aggregates: year totals for the annual report, daily series, top pages, column
totals rolled up by tree path, and the C6 low-traffic columns."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from wagtail.models import Page

from govsite.columns.models import ColumnPage
from govsite.registry.models import SiteRecord

from . import rules
from .counting import roll_up
from .models import ColumnVisitDay, LowTrafficPolicy, PageVisitDay, SiteVisitDay


@dataclass(frozen=True)
class VisitTotals:
    page_views: int
    unique_visitors: int  # the sum of daily unique visitors: keys rotate daily, so nobody is followed across days


@dataclass(frozen=True)
class DayFigures:
    day: date
    views: int
    visitors: int


@dataclass(frozen=True)
class PageRow:
    title: str
    url: str
    views: int
    visitors: int


@dataclass(frozen=True)
class ColumnRow:
    column: ColumnPage
    views: int
    visitors: int  # summed daily distinct visitors of any page in the column

    @property
    def indent(self) -> int:
        return self.column.depth - 3

    @property
    def indented_title(self) -> str:
        """The title shifted right by its level, so a plain table still shows the tree."""
        return "　" * 2 * self.indent + self.column.title


@dataclass(frozen=True)
class LowColumn:
    record: SiteRecord
    column: ColumnPage
    months: tuple[tuple[date, int], ...]
    rule: rules.LowTrafficRule


def totals(**filters) -> VisitTotals:
    sums = SiteVisitDay.objects.filter(**filters).aggregate(v=Sum("views"), u=Sum("visitors"))
    return VisitTotals(sums["v"] or 0, sums["u"] or 0)


def visits_in_year(site_record: SiteRecord, year: int) -> VisitTotals:
    """Page views and unique visitors of a site in a calendar year, for the annual website report (R1)."""
    return totals(record=site_record, day__year=year)


def period(today: date, days: int) -> tuple[date, date]:
    """The `days` days ending with `today`."""
    return today - timedelta(days=days - 1), today


def daily(records: Iterable[SiteRecord], start: date, end: date) -> list[DayFigures]:
    """Every day of [start, end] with the summed figures of `records` (0 on days without visits)."""
    rows = SiteVisitDay.objects.filter(record__in=records, day__range=(start, end)).values("day").annotate(
        v=Sum("views"), u=Sum("visitors"))
    found = {r["day"]: (r["v"], r["u"]) for r in rows}
    return [DayFigures(day, *found.get(day, (0, 0)))
            for day in (start + timedelta(n) for n in range((end - start).days + 1))]


def per_site(records: Iterable[SiteRecord], start: date, end: date) -> list[tuple[SiteRecord, VisitTotals]]:
    """Each site's totals over the period, the most visited first (the office's platform summary)."""
    rows = SiteVisitDay.objects.filter(day__range=(start, end)).values("record").annotate(
        v=Sum("views"), u=Sum("visitors"))
    found = {r["record"]: VisitTotals(r["v"], r["u"]) for r in rows}
    pairs = [(record, found.get(record.pk, VisitTotals(0, 0))) for record in records]
    return sorted(pairs, key=lambda pair: (-pair[1].page_views, pair[0].name))


def top_pages(record: SiteRecord, start: date, end: date, limit: int = 20) -> list[PageRow]:
    rows = (PageVisitDay.objects.filter(record=record, day__range=(start, end), page__isnull=False)
            .values("page").annotate(v=Sum("views"), u=Sum("visitors")).order_by("-v", "page")[:limit])
    pages = Page.objects.in_bulk([r["page"] for r in rows])
    cut = len(record.site.root_page.url_path) - 1
    return [PageRow(pages[r["page"]].title, record.site.root_url + pages[r["page"]].url_path[cut:], r["v"], r["u"])
            for r in rows]


def columns_of(record: SiteRecord) -> list[ColumnPage]:
    """The site's live columns in tree order, without those that only link elsewhere."""
    return list(ColumnPage.objects.descendant_of(record.site.root_page).live().filter(link_url="").order_by("path"))


def _page_views(record: SiteRecord, query: Q) -> dict[str, int]:
    rows = PageVisitDay.objects.filter(query, record=record).values("path").annotate(v=Sum("views"))
    return {r["path"]: r["v"] for r in rows}


def column_rows(record: SiteRecord, start: date, end: date) -> list[ColumnRow]:
    """Each column's views over the period, its own and all its descendants' (rolled up by tree path), and
    its visitors."""
    columns = columns_of(record)
    views = roll_up(_page_views(record, Q(day__range=(start, end))), [c.path for c in columns])
    visitors = dict(ColumnVisitDay.objects.filter(record=record, day__range=(start, end)).values("column")
                    .annotate(u=Sum("visitors")).values_list("column", "u"))
    return [ColumnRow(column, views[column.path], visitors.get(column.pk, 0)) for column in columns]


def platform_rule() -> rules.LowTrafficRule:
    """The C6 threshold of sites without their own: settings GOVSITE_LOW_TRAFFIC, else the rule's defaults."""
    configured = getattr(settings, "GOVSITE_LOW_TRAFFIC", {})
    return rules.LowTrafficRule(configured.get("monthly_views", rules.DEFAULT_MONTHLY_VIEWS),
                                configured.get("months", rules.DEFAULT_MONTHS))


def rule_for(record: SiteRecord) -> rules.LowTrafficRule:
    """The site's own C6 threshold, else the platform's."""
    policy = LowTrafficPolicy.objects.filter(record=record).first()
    return policy.rule() if policy else platform_rule()


def low_columns(record: SiteRecord, today: date) -> list[LowColumn]:
    """C6: the site's columns whose views stayed under the threshold for the rule's full months."""
    rule = rule_for(record)
    months = rules.full_months(today, rule.months)
    rows = (PageVisitDay.objects.filter(record=record, day__gte=months[0], day__lt=rules.month_start(today))
            .annotate(month=TruncMonth("day")).values("month", "path").annotate(v=Sum("views")))
    by_month: dict[date, dict[str, int]] = defaultdict(dict)
    for r in rows:
        by_month[r["month"]][r["path"]] = r["v"]
    columns = columns_of(record)
    rolled = {month: roll_up(by_month[month], [c.path for c in columns]) for month in months}
    found = []
    for column in columns:
        opened = column.first_published_at
        verdict = rules.judge({m: rolled[m][column.path] for m in months},
                              timezone.localdate(opened) if opened else today, today, rule)
        if verdict.low:
            found.append(LowColumn(record, column, verdict.months, rule))
    return found
