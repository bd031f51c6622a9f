"""访问统计 in the admin: PV/UV line chart, top pages, column table and bar chart, the platform summary for
the portal office, the XLSX export, and the C6 list of low-traffic columns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from govsite.audit.events import record_export
from govsite.core.charts import Series, bar_chart, line_chart
from govsite.core.documents import XLSX_MIME, Part, grid, parts_xlsx
from govsite.registry.models import SiteRecord

from . import stats
from .access import oversees, sites_for

PERIODS = (30, 90, 365)
CHART_BARS = 20
LOW_CACHE_SECONDS = 3600


@dataclass(frozen=True)
class Report:
    """What the statistics page and its XLSX export show for one site, or for the platform."""

    record: SiteRecord | None
    days: int
    series: list[stats.DayFigures]
    total: stats.VisitTotals
    pages: list[stats.PageRow]
    columns: list[stats.ColumnRow]
    sites: list[tuple[SiteRecord, stats.VisitTotals]]

    @property
    def title(self) -> str:
        name = self.record.name if self.record else _("全平台")
        return _("%(name)s 近%(days)s天访问统计") % {"name": name, "days": self.days}


def _chosen(request: HttpRequest, records) -> tuple[SiteRecord | None, int]:
    """The site (None: the platform summary, for the office only) and the period asked for."""
    days = request.GET.get("days", "")
    days = int(days) if days.isdigit() and int(days) in PERIODS else PERIODS[0]
    site = request.GET.get("site", "")
    if site:
        if not site.isdigit():
            raise Http404(_("没有这个网站"))
        record = records.filter(pk=int(site)).select_related("site__root_page").first()
        if record is None:
            raise Http404(_("没有这个网站，或您无权查看它的访问统计"))
        return record, days
    if oversees(request.user):
        return None, days
    return records.select_related("site__root_page").first(), days


def build_report(records, record: SiteRecord | None, days: int, today: date) -> Report:
    start, end = stats.period(today, days)
    scope = [record] if record else list(records)
    series = stats.daily(scope, start, end)
    total = stats.VisitTotals(sum(d.views for d in series), sum(d.visitors for d in series))
    if record is None:
        return Report(None, days, series, total, [], [], stats.per_site(scope, start, end))
    return Report(record, days, series, total, stats.top_pages(record, start, end),
                  stats.column_rows(record, start, end), [])


def _charts(report: Report) -> tuple[SafeString, SafeString]:
    views, visitors = _("浏览量"), _("访客数")
    trend = line_chart(
        _("每日浏览量与访客数"), [d.day.isoformat() for d in report.series],
        [Series(views, [d.views for d in report.series]), Series(visitors, [d.visitors for d in report.series])],
        _("次"))
    if report.record is None:
        top = report.sites[:CHART_BARS]
        bars = bar_chart(_("各网站浏览量"), [r.name for r, _t in top], [Series(views, [t.page_views for _r, t in top])],
                         _("次"))
    else:
        first = [row for row in report.columns if row.indent == 0][:CHART_BARS]
        bars = bar_chart(_("各一级栏目浏览量（含下级栏目和内容）"), [r.column.title for r in first],
                         [Series(views, [r.views for r in first])], _("次"))
    # The renderer escapes every text it writes (govsite/core/charts.py).
    return mark_safe(trend), mark_safe(bars)  # noqa: S308


def statistics(request: HttpRequest) -> HttpResponse:
    """访问统计: one site's figures, or the platform summary for the portal office; ?format=xlsx exports."""
    records = sites_for(request.user)
    if not records.exists():
        raise PermissionDenied
    record, days = _chosen(request, records)
    report = build_report(records, record, days, timezone.localdate())
    if request.GET.get("format") == "xlsx":
        return _xlsx(request, report)
    trend, bars = _charts(report)
    return render(request, "analytics/admin/statistics.html", {
        "report": report, "trend": trend, "bars": bars, "records": records.order_by("name"),
        "office": oversees(request.user), "periods": PERIODS,
    })


def _xlsx(request: HttpRequest, report: Report) -> HttpResponse:
    views, visitors = _("浏览量"), _("访客数")
    parts = [Part(_("每日"), grids=(grid(3, [[_("日期"), views, visitors]],
                                            [[d.day.isoformat(), d.views, d.visitors] for d in report.series]),))]
    if report.record is None:
        parts.append(Part(_("各网站"), grids=(grid(3, [[_("网站"), views, visitors]],
                                                   [[r.name, t.page_views, t.unique_visitors] for r, t in report.sites]),)))
    else:
        parts.append(Part(_("栏目"), grids=(grid(3, [[_("栏目"), views, visitors]],
                                                 [[r.indented_title, r.views, r.visitors] for r in report.columns]),)))
        parts.append(Part(_("热门页面"), grids=(grid(4, [[_("页面"), _("网址"), views, visitors]],
                                                   [[p.title, p.url, p.views, p.visitors] for p in report.pages]),)))
    record_export(_("访问统计"), request.user, len(report.series), contains_personal_data=False)
    response = HttpResponse(parts_xlsx(report.title, parts, first_column_width=24), content_type=XLSX_MIME)
    response["Content-Disposition"] = "attachment; filename=visit-statistics.xlsx"
    return response


def low_count(records, today: date) -> int:
    """How many columns of `records` are flagged (C6); the verdict changes only with the month or a site's
    threshold, so each site's count is kept for an hour."""
    total = 0
    for record in records.select_related("site__root_page"):
        key = f"analytics:low:{record.pk}:{today:%Y-%m}"
        count = cache.get(key)
        if count is None:
            count = len(stats.low_columns(record, today))
            cache.set(key, count, LOW_CACHE_SECONDS)
        total += count
    return total


def low_traffic(request: HttpRequest) -> HttpResponse:
    """低访问量栏目 (C6): columns whose views stayed below the threshold, suggested to merge or close."""
    records = sites_for(request.user)
    if not records.exists():
        raise PermissionDenied
    today = timezone.localdate()
    rows = [low for record in records.select_related("site__root_page").order_by("name")
            for low in stats.low_columns(record, today)]
    default = stats.platform_rule()
    return render(request, "analytics/admin/low_traffic.html", {"rows": rows, "default": default,
                                                                "office": oversees(request.user)})
