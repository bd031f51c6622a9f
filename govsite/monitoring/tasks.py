"""Monitoring jobs: home-page probes of every site (M1) with alerts when one is down, old records pruned
after the retention period (M5: run logs kept at least six months), held alerts delivered, and the daily
inspection against the national indicators (M6)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from govsite.core.clock import now
from govsite.jobs.progress import report_progress
from govsite.jobs.registry import register
from govsite.registry.models import SiteRecord
from govsite.workdays.service import CALENDAR

from . import alerts, probes, reports
from .alert_rules import Level
from .inspection import inspect
from .models import MONITORED, MonitoringReport, Probe, Rectification
from .rectification_rules import Status
from .sitecheck import check_links

PROBE_MINUTES = 30
PROBE_SLACK = timedelta(minutes=1)  # a run started a little early by the scheduler still probes
RETENTION_DAYS = 400  # M5 asks for six months; a year and a month keeps last year's comparison too


def _site_url(record: SiteRecord) -> str:
    return record.site.root_url + "/"


def probe_sites(records=None, timeout: float = probes.FAILURE_SECONDS) -> list[Probe]:
    """Probe each site's home page once, store the results, and return them."""
    records = list(records if records is not None else SiteRecord.objects.select_related("site").filter(
        status__in=MONITORED))
    origin = getattr(settings, "GOVSITE_MONITOR_ORIGIN", "")
    targets = [probes.target_for(_site_url(r), origin) for r in records]
    outcomes = probes.probe(targets, now, timeout)
    return Probe.objects.bulk_create(
        Probe(record=r, at=o.at, url=o.target.url, ok=o.ok, status=o.status, seconds=o.seconds, error=o.error)
        for r, o in zip(records, outcomes, strict=True)
    )


def _probe_due(moment) -> bool:
    """Probes every 30 minutes (48 a day, at least 20 required), every few minutes in a heightened period."""
    period = alerts.heightened_period(moment)
    minutes = period.probe_minutes if period else PROBE_MINUTES
    last = Probe.objects.aggregate(last=Max("at"))["last"]
    return last is None or moment - last >= timedelta(minutes=minutes) - PROBE_SLACK


def _alert_on_failures(stored: list[Probe]) -> int:
    """A home page that failed twice in a row is down: a veto-level alert to the officer on duty."""
    raised = 0
    for probe in stored:
        if probe.ok:
            continue
        previous = Probe.objects.filter(record=probe.record, at__lt=probe.at).order_by("-at").first()
        if previous is not None and not previous.ok:
            raised += bool(alerts.raise_alert(probe.record, Level.VETO, "site_down", _(
                "%(site)s 首页无法访问（%(error)s），请立即处置") % {"site": probe.record.name, "error": probe.error}))
    return raised


@register("monitoring.probe", "网站首页可用性探测")
def probe_all() -> dict:
    """Run by the scheduler every 5 minutes; probes when the interval in force has passed."""
    moment = now()
    if not _probe_due(moment):
        return {"probed": 0, "skipped": True}
    stored = probe_sites()
    report_progress(1, 3, _("已探测 %(n)s 个网站首页") % {"n": len(stored)})
    raised = _alert_on_failures(stored)
    report_progress(2, 3, _("已检查告警"))
    pruned, _detail = Probe.objects.filter(at__lt=moment - timedelta(days=RETENTION_DAYS)).delete()
    report_progress(3, 3, _("已清理过期探测记录"))
    return {"probed": len(stored), "failed": sum(not p.ok for p in stored), "alerts": raised, "pruned": pruned}


@register("monitoring.linkcheck", "全部网站链接检查")
def check_all_links() -> dict:
    """Nightly: every published site crawled for broken links, before the morning inspection uses them."""
    records = list(SiteRecord.objects.select_related("site").filter(status__in=MONITORED))
    broken = 0
    for done, record in enumerate(records, start=1):
        broken += len(check_links(record).broken)
        report_progress(done, len(records), _("已检查 %(site)s 的链接") % {"site": record.name})
    return {"sites": len(records), "broken": broken}


@register("monitoring.deliver_alerts", "发送静默时段后的告警")
def deliver_alerts() -> dict:
    """Every 5 minutes: alerts held back by the quiet hours go out once they are over."""
    sent = alerts.deliver_due()
    report_progress(1, 1, _("已发送 %(n)s 条告警") % {"n": sent})
    return {"sent": sent}


def _alert_on_near_deadlines(record) -> None:
    """Rectification items due by the next working day: a notice to the officer on duty (and the unit)."""
    today = timezone.localdate(now())
    due = Rectification.objects.filter(record=record, status=Status.OPEN, due_on__gte=today,
                                       due_on__lte=CALENDAR.add(today, 1).due).count()
    if due:
        alerts.raise_alert(record, Level.NOTICE, "rectification_due", _(
            "%(site)s 有 %(n)s 个整改问题将于下一个工作日前到期") % {"site": record.name, "n": due})


@register("monitoring.inspect", "网站日常检查（按国家检查指标打分）")
def inspect_all() -> dict:
    """Daily: every site judged by the national indicators, its problems onto the rectification list;
    a veto, or one at risk, alerts the officer on duty."""
    records = list(SiteRecord.objects.select_related("site").filter(status__in=MONITORED))
    failed = 0
    for done, record in enumerate(records, start=1):
        inspection = inspect(record)
        failed += not inspection.passed
        if inspection.vetoes or inspection.at_risk:
            names = "、".join(r["name"] for r in inspection.results if r["veto"] or r["at_risk"])
            alerts.raise_alert(record, Level.VETO if inspection.vetoes else Level.WARNING, "veto_risk", _(
                "%(site)s 单项否决指标%(state)s：%(names)s") % {
                "site": record.name, "state": _("不达标") if inspection.vetoes else _("有风险"), "names": names})
        _alert_on_near_deadlines(record)
        report_progress(done, len(records), _("检查 %(site)s") % {"site": record.name})
    today = timezone.localdate(now())
    reports.make(MonitoringReport.Kind.DAILY, today, today)
    return {"inspected": len(records), "failed": failed}


@register("monitoring.monthly_report", "生成上月政府网站自查报告")
def monthly_report() -> dict:
    """On the 1st: last month's self-check (M2), ready for the office to check and publish."""
    last = timezone.localdate(now()).replace(day=1) - timedelta(days=1)
    report = reports.make(MonitoringReport.Kind.MONTHLY, *reports.period_of(MonitoringReport.Kind.MONTHLY,
                                                                            last.year, last.month))
    report_progress(1, 1, report.title)
    return {"report": report.pk}


@register("monitoring.quarterly_sampling", "上季度政府网站抽查（随机抽取不少于50%）")
def quarterly_sampling() -> dict:
    """On the first day of a quarter: the sampling inspection of the last one (M3)."""
    first_of_quarter = timezone.localdate(now()).replace(day=1)
    last = first_of_quarter.replace(month=(first_of_quarter.month - 1) // 3 * 3 + 1) - timedelta(days=1)
    report = reports.make(MonitoringReport.Kind.QUARTERLY, *reports.period_of(MonitoringReport.Kind.QUARTERLY,
                                                                              last.year, (last.month + 2) // 3))
    report_progress(1, 1, report.title)
    return {"report": report.pk, "sites": len(report.rows)}
