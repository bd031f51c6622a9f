"""The daily deadline reminder of the annual website report (R1): in January every running site whose
report on last year is not yet on its home page is reminded, and after 31 January it is flagged overdue to the
officer on duty; an alert still open is not raised again."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from govsite.core.clock import now
from govsite.jobs.progress import report_progress
from govsite.jobs.registry import register
from govsite.monitoring.alert_rules import Level
from govsite.monitoring.alerts import raise_alert
from govsite.registry.lifecycle_rules import SiteStatus
from govsite.registry.models import SiteRecord

from . import annual_form as form
from .models import WebsiteReport

LEVELS = {"due": Level.NOTICE, "overdue": Level.WARNING}


def reminder_message(record: SiteRecord, year: int, state: str) -> str:
    values = {"site": record.name, "year": year, "due": form.due_date(year).isoformat()}
    if state == "overdue":
        return _("%(site)s%(year)s年度政府网站工作报表未按期（%(due)s前）在网站首页公开，请尽快填报发布") % values
    return _("%(site)s%(year)s年度政府网站工作报表须于%(due)s前在网站首页公开，请及时填报发布") % values


@register("reports.deadline_reminders", "政府网站年度工作报表公开期限提醒")
def remind_deadlines() -> dict:
    """One alert per running site whose report on last year is due this month or overdue."""
    today = timezone.localdate(now())
    year = today.year - 1
    reports = {r.record_id: r for r in WebsiteReport.objects.filter(year=year)}
    records = list(SiteRecord.objects.filter(status=SiteStatus.RUNNING.value).order_by("pk"))
    raised = 0
    for done, record in enumerate(records, start=1):
        report = reports.get(record.pk)
        published = timezone.localdate(report.published_at) if report and report.published_at else None
        state = form.reminder(year, today, form.report_status(year, today, report is not None, published))
        if state:
            alert = raise_alert(record, LEVELS[state], f"reports.annual.{year}.{state}",
                                reminder_message(record, year, state))
            raised += alert is not None
        report_progress(done, len(records), _("年度工作报表期限"))
    return {"year": year, "sites": len(records), "alerts_raised": raised}
