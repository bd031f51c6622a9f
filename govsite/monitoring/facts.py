"""What the indicators need to know of one site, read from the platform's own records (M1, M6): its
columns and their newest items, the week's probes, a year of letters and error reports, the latest link
check and any tamper incident left unrestored."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Max, Sum
from django.utils import timezone

from govsite.columns.models import ColumnPage
from govsite.columns.navigation import ColumnTree
from govsite.columns.rules import UpdateCategory
from govsite.content.models import ContentPage
from govsite.interaction.models import ErrorReport, Letter
from govsite.publishing.models import TamperIncident
from govsite.registry.models import SiteRecord
from govsite.services.checks import guide_states, stats_last_update

from .indicators import ColumnState, ErrorReportState, LetterState, ProbeResult, SiteFacts
from .models import BonusAward, LinkCheckRun, Probe, SeriousProblem

PROBE_DAYS = 7  # 国办秘函〔2019〕19号: availability is judged over one week
SERVICE_TYPES = {"办事服务"}


def _dated_items(root) -> list[tuple[str, datetime]]:
    """(tree path, publish time) of every live item below `root` that counts for timeliness (S7)."""
    items = ContentPage.objects.live().descendant_of(root).filter(archived_at__isnull=True)
    return list(items.values_list("path", "published_at"))


def visible_columns(record: SiteRecord) -> list[ColumnPage]:
    """Every column the public can see that publishes items itself (not a link or a function), in tree order.

    Empty columns are hidden by the platform (C5), so they never reach the public and are not judged here;
    nor is a column that only groups link and function columns (政民互动 above its letters and surveys).
    """
    root = record.site.root_page
    tree = ColumnTree(root)
    columns = [c for c in ColumnPage.objects.live().descendant_of(root).order_by("path")
               if tree.is_live(c) and not c.link_url and not c.feature]
    return [c for c in columns if c.is_leaf() or ContentPage.objects.live().descendant_of(c).exists()]


def _column_states(record: SiteRecord, columns: list[ColumnPage]) -> list[ColumnState]:
    """The state of every visible column: its window, newest item and item count."""
    root = record.site.root_page
    items = _dated_items(root)
    dated = {column.path: [timezone.localdate(when) for path, when in items if path.startswith(column.path)]
             for column in columns}
    return [
        ColumnState(title=column.title, url=column.url or "", update_category=UpdateCategory(column.update_category),
                    last_update=max(dated[column.path], default=None), item_count=len(dated[column.path]),
                    placeholder=None, is_first_level=column.depth == root.depth + 1)
        for column in columns
    ]


def _probes(record: SiteRecord, today: date) -> list[ProbeResult]:
    since = timezone.make_aware(datetime.combine(today - timedelta(days=PROBE_DAYS), time.min))
    rows = Probe.objects.filter(record=record, at__gte=since).values_list("at", "ok", "seconds")
    return [ProbeResult(at, ok, seconds) for at, ok, seconds in rows]


def _letters(record: SiteRecord, today: date) -> list[LetterState]:
    rows = Letter.objects.filter(site=record, received_on__gte=today - timedelta(days=366))
    return [LetterState(letter.received_on, timezone.localdate(letter.answered_at) if letter.answered_at else None,
                        valid=letter.status != Letter.Status.DECLINED, subject=f"{letter.number} {letter.title}")
            for letter in rows]


def _error_reports(record: SiteRecord, today: date) -> list[ErrorReportState]:
    rows = ErrorReport.objects.filter(site=record, reported_at__date__gte=today - timedelta(days=366))
    return [ErrorReportState(timezone.localdate(r.reported_at),
                             timezone.localdate(r.handled_at) if r.handled_at else None, subject=r.reference)
            for r in rows]


def _newest(columns: list[ColumnState], types: set[str], column_pages: list[ColumnPage]) -> date | None:
    chosen = {c.path for c in column_pages if c.column_type in types}
    dates = [s.last_update for s, c in zip(columns, column_pages, strict=True) if c.path in chosen and s.last_update]
    return max(dates, default=None)


def site_facts(record: SiteRecord, today: date | None = None, columns: list[ColumnPage] | None = None) -> SiteFacts:
    """Everything the national indicators judge on `record`, as of `today`; `columns` are its visible columns
    when the caller has them already (the inspection uses them again for its findings)."""
    today = today or timezone.localdate()
    column_pages = visible_columns(record) if columns is None else columns
    states = _column_states(record, column_pages)
    newest = ContentPage.objects.live().descendant_of(record.site.root_page).aggregate(m=Max("published_at"))["m"]
    check = LinkCheckRun.objects.filter(record=record, finished_at__isnull=False).first()
    all_columns = ColumnPage.objects.live().descendant_of(record.site.root_page)
    replies = Letter.objects.filter(site=record, status=Letter.Status.ANSWERED).aggregate(m=Max("answered_at"))["m"]
    tampered = TamperIncident.objects.filter(host=record.site.hostname, restored=False)
    return SiteFacts(
        today=today,
        is_portal=record.is_portal,
        home_last_update=timezone.localdate(newest) if newest else None,
        has_consultation_channel=all_columns.filter(feature="letters").exists(),
        has_online_services=all_columns.filter(column_type__in=SERVICE_TYPES).exists(),
        service_stats_last_update=stats_last_update(record) or _newest(states, SERVICE_TYPES, column_pages),
        replies_last_update=timezone.localdate(replies) if replies else None,
        columns=states,
        probes=_probes(record, today),
        letters=_letters(record, today),
        guides=guide_states(record),
        broken_links=max(0, len(check.broken) - check.home_broken) if check else 0,
        broken_home_links=check.home_broken if check else 0,
        error_reports=_error_reports(record, today),
        security_warnings=[f"{t.found_at:%Y-%m-%d %H:%M} 发现网页被篡改，尚未恢复" for t in tampered],
        security_incidents=[f"{p.found_on} {p.get_category_display()}：{p.description[:80]}" for p in
                            SeriousProblem.objects.filter(record=record, found_on__gt=today - timedelta(days=366))],
        bonus_points=float(BonusAward.objects.filter(record=record, year=today.year).aggregate(
            total=Sum("points"))["total"] or 0),
    )
