"""Monitoring reports (M1-M3): the daily inspection record, the monthly self-check of every site and the
quarterly sampling inspection of at least half of them; each one table per site, written as DOCX and
XLSX and published on the portal with one action."""

from __future__ import annotations

import secrets
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Avg, Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from govsite.columns.models import ColumnPage
from govsite.content.reports import publish_report, word_document
from govsite.core.documents import Part, grid, parts_docx, parts_html, parts_xlsx
from govsite.core.errors import Refused
from govsite.registry.models import SiteRecord

from . import sampling
from .models import MONITORED, Inspection, MonitoringReport, Probe, Rectification
from .rectification_rules import Status

Kind = MonitoringReport.Kind
HEADER = ["网站", "检查天数", "合格天数", "平均得分", "最低得分", "首页可用率", "单项否决指标", "发现问题", "已整改",
          "超期未整改"]


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return (timezone.make_aware(datetime.combine(start, time.min)),
            timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min)))


def site_row(record: SiteRecord, start: date, end: date) -> list:
    """One site's line over a period: inspections, availability, vetoes seen and rectification work."""
    since, until = _bounds(start, end)
    inspections = Inspection.objects.filter(record=record, day__range=(start, end))
    stats = inspections.aggregate(days=Count("pk"), passed=Count("pk", filter=Q(passed=True)), average=Avg("score"),
                                  lowest=Min("score"))
    probes = Probe.objects.filter(record=record, at__gte=since, at__lt=until).aggregate(
        total=Count("pk"), ok=Count("pk", filter=Q(ok=True)))
    vetoes = sorted({r["name"] for i in inspections for r in i.results if r.get("veto")})
    items = Rectification.objects.filter(record=record)
    return [
        record.name, stats["days"], stats["passed"],
        round(stats["average"], 1) if stats["average"] is not None else "—",
        stats["lowest"] if stats["lowest"] is not None else "—",
        f"{probes['ok'] * 100 / probes['total']:.1f}%" if probes["total"] else "—",
        "、".join(vetoes) or "无",
        items.filter(found_on__range=(start, end)).count(),
        items.filter(verified_at__gte=since, verified_at__lt=until).count(),
        items.filter(status=Status.OPEN, due_on__lt=min(end, timezone.localdate())).count(),
    ]


def _titles(kind: str, start: date, end: date) -> str:
    if kind == Kind.DAILY:
        return _("%(day)s 政府网站日常检查记录") % {"day": f"{start:%Y年%m月%d日}"}
    if kind == Kind.MONTHLY:
        return _("%(month)s 政府网站自查情况报告") % {"month": f"{start:%Y年%m月}"}
    return _("%(year)s年第%(quarter)s季度政府网站抽查情况通报") % {"year": start.year, "quarter": (start.month + 2) // 3}


def period_of(kind: str, year: int, number: int) -> tuple[date, date]:
    """The days a report covers: a month (number 1-12) or a quarter (1-4)."""
    if kind == Kind.MONTHLY:
        if not 1 <= number <= 12:
            raise Refused(_("月份应为 1 到 12"))
        start = date(year, number, 1)
        end = date(year + number // 12, number % 12 + 1, 1) - timedelta(days=1)
        return start, end
    if not 1 <= number <= 4:
        raise Refused(_("季度应为 1 到 4"))
    start = date(year, 3 * number - 2, 1)
    return start, date(year + number // 4, (3 * number) % 12 + 1, 1) - timedelta(days=1)


@transaction.atomic
def make(kind: str, start: date, end: date, user=None, seed: int | None = None) -> MonitoringReport:
    """Compute and store a report; a sampling draws at least half of the sites with a recorded seed."""
    records = list(SiteRecord.objects.select_related("site").filter(status__in=MONITORED).order_by("name"))
    summary = _("检查范围：%(start)s 至 %(end)s，共 %(n)s 个网站。") % {
        "start": start.isoformat(), "end": end.isoformat(), "n": len(records)}
    if kind == Kind.QUARTERLY:
        seed = seed if seed is not None else secrets.randbelow(2**31)
        drawn = sampling.draw(records, seed, key=lambda r: r.name)
        summary += _("按不低于50%%的比例随机抽取 %(k)s 个网站（抽样种子 %(seed)s，可复核）：%(names)s。") % {
            "k": len(drawn), "seed": seed, "names": "、".join(r.name for r in drawn)}
        records = drawn
    report = MonitoringReport.objects.create(
        kind=kind, title=_titles(kind, start, end), period_start=start, period_end=end, seed=seed,
        summary=summary, header=HEADER, rows=[site_row(r, start, end) for r in records], created_by=user)
    log(report, "govsite.monitoring.report", user=user, data={"kind": kind, "sites": len(records)})
    return report


def parts(report: MonitoringReport) -> tuple[Part, ...]:
    failing = [row[0] for row in report.rows if row[6] != "无"]
    conclusion = (_("存在单项否决问题的网站：%(names)s，须限期整改。") % {"names": "、".join(failing)} if failing
                  else _("检查期间未发现单项否决问题。"))
    return (
        Part(_("一、检查范围"), report.summary),
        Part(_("二、检查结果"), conclusion, (grid(len(report.header), [report.header], report.rows),)),
        Part(_("三、问题整改"), _("发现的问题已列入整改清单，按严重程度在1至5个工作日内整改，整改情况经复查确认。")),
    )


def report_docx(report: MonitoringReport) -> bytes:
    return parts_docx(report.title, parts(report))


def report_xlsx(report: MonitoringReport) -> bytes:
    return parts_xlsx(report.title, parts(report), first_column_width=30)


def report_column() -> ColumnPage:
    """The portal's column monitoring reports are published in (GOVSITE_MONITOR_REPORT_COLUMN)."""
    title = getattr(settings, "GOVSITE_MONITOR_REPORT_COLUMN", "公示公告")
    portal = SiteRecord.objects.filter(site__is_default_site=True).select_related("site").first()
    column = (ColumnPage.objects.descendant_of(portal.site.root_page).filter(title=title).order_by("depth").first()
              if portal else None)
    if column is None:
        raise Refused(_("门户网站没有“%(title)s”栏目，无法发布监测报告") % {"title": title})
    return column


@transaction.atomic
def publish(report: MonitoringReport, user) -> MonitoringReport:
    """Publish the report on the portal with its Word version attached (M2, M3: results are made public)."""
    if not user.has_perm("monitoring.publish_monitoringreport"):
        raise PermissionDenied(_("只有网站主管可以发布监测报告"))
    column = report_column()
    document = word_document(_("%(title)s（Word版）") % {"title": report.title}, f"jiance-{report.pk}.docx",
                             report_docx(report))
    page = publish_report(column, report.page, title=report.title, source=_("政府网站管理办公室"),
                          body=parts_html(parts(report)), document=document, user=user)
    report.page, report.published_at = page, timezone.now()
    report.save(update_fields=["page", "published_at"])
    log(report, "govsite.monitoring.report_publish", user=user, data={"url": page.url})
    return report
