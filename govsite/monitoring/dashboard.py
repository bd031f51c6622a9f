"""The supervising office's view of every site (M1, M6): status, score, veto risks, open and overdue
rectifications, the trend of the last 30 days; and one site's page down to the exact link and column."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from govsite.collector.models import CollectedItem
from govsite.interaction.access import supervises
from govsite.registry.models import SiteRecord

from . import indicators
from .inspection import platform_settings
from .models import MONITORED, Inspection, LinkCheckRun, Probe, Rectification
from .rectification_rules import Status

TREND_DAYS = 30
SPARK_WIDTH, SPARK_HEIGHT = 120, 28


@dataclass(frozen=True)
class SiteRow:
    record: SiteRecord
    up: bool | None
    availability: float | None
    inspection: Inspection | None
    open_items: int
    overdue_items: int
    trend: str  # the SVG polyline points of the scores of the last 30 days
    overdue_reposts: int = 0  # important items from superior portals not reposted within 12 hours (P8)


def sparkline(scores: list[float], width: int = SPARK_WIDTH, height: int = SPARK_HEIGHT) -> str:
    """Polyline points for scores 0-100 drawn left to right in a `width` × `height` box."""
    if not scores:
        return ""
    step = width / max(len(scores) - 1, 1)
    return " ".join(f"{i * step:.1f},{height - score * height / 100:.1f}" for i, score in enumerate(scores))


def _availability(record_ids: list[int], since) -> dict[int, float]:
    """The share of successful probes per site since `since`, in percent."""
    rows = Probe.objects.filter(record__in=record_ids, at__gte=since).values("record").annotate(
        total=Count("pk"), ok=Count("pk", filter=Q(ok=True)))
    return {r["record"]: round(r["ok"] * 100 / r["total"], 1) for r in rows if r["total"]}


def site_rows() -> list[SiteRow]:
    """One row per monitored site, the failing and risky ones first."""
    today = timezone.localdate()
    latest = Probe.objects.filter(record=OuterRef("pk")).order_by("-at").values("ok")[:1]
    records = list(SiteRecord.objects.select_related("site__root_page").filter(status__in=MONITORED).annotate(
        up=Subquery(latest)))
    ids = [r.pk for r in records]
    availability = _availability(ids, timezone.now() - timedelta(days=7))
    inspections: dict[int, list[Inspection]] = {}
    for inspection in Inspection.objects.filter(record__in=ids, day__gt=today - timedelta(days=TREND_DAYS)).order_by(
            "day"):
        inspections.setdefault(inspection.record_id, []).append(inspection)
    items = Rectification.objects.filter(record__in=ids, status=Status.OPEN).values("record").annotate(
        open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
    counts = {r["record"]: (r["open"], r["overdue"]) for r in items}
    reposts = CollectedItem.objects.overdue_by_site({r.pk: r.site.root_page.path for r in records}, timezone.now())
    rows = [SiteRow(r, r.up, availability.get(r.pk), (inspections.get(r.pk) or [None])[-1],
                    *counts.get(r.pk, (0, 0)), sparkline([i.score for i in inspections.get(r.pk, [])]),
                    reposts.get(r.pk, 0))
            for r in records]
    return sorted(rows, key=_urgency)


def _urgency(row: SiteRow) -> tuple:
    """Failing sites first, the most vetoes and risks first, then the lowest score."""
    inspection = row.inspection
    if inspection is None:
        return (True, 0, 0, 100.0, row.record.name)
    return (inspection.passed, -len(inspection.vetoes), -len(inspection.at_risk), inspection.score, row.record.name)


def _require_office(request) -> None:
    if not supervises(request.user):
        raise PermissionDenied


def overview(request):
    """全部网站监测总览."""
    _require_office(request)
    return render(request, "monitoring/admin/overview.html", {"rows": site_rows(), "width": SPARK_WIDTH,
                                                               "height": SPARK_HEIGHT})


def site_detail(request, pk: int):
    """One site: today's indicators with their evidence, deductions, broken links with their pages and the
    rectification list."""
    _require_office(request)
    record = get_object_or_404(SiteRecord.objects.select_related("site"), pk=pk)
    history = list(Inspection.objects.filter(record=record, day__gt=timezone.localdate() - timedelta(days=90))
                   .order_by("day"))
    return render(request, "monitoring/admin/site.html", {
        "record": record, "history": history, "chart": sparkline([i.score for i in history], 600, 120),
        "inspection": Inspection.objects.filter(record=record).order_by("-day").first(),
        "check": LinkCheckRun.objects.filter(record=record, finished_at__isnull=False).first(),
        "probes": Probe.objects.filter(record=record)[:48],
        "items": Rectification.objects.filter(record=record).exclude(status=Status.VERIFIED).select_related("column"),
    })


def indicator_settings(request):
    """检查指标设置: every threshold, its value and where it comes from (default values flagged)."""
    _require_office(request)
    current = platform_settings()
    rows = [(label, getattr(current, name).value, getattr(current, name).source, getattr(current, name).is_default)
            for name, label in indicators.SETTING_LABELS.items()]
    return render(request, "monitoring/admin/settings.html", {"rows": rows})
