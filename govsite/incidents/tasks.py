"""The daily reminder job (X8; 000 3.4): the yearly drill and training, and incidents past their reporting
limits, raised as alerts to the officer on duty; an alert still open is not raised again."""

from __future__ import annotations

from django.utils.translation import gettext as _

from govsite.jobs.progress import report_progress
from govsite.jobs.registry import register
from govsite.monitoring.alert_rules import Level
from govsite.monitoring.alerts import raise_alert

from .due import late_incidents, yearly_reminders


@register("incidents.yearly_reminders", "应急演练、安全培训年度提醒与安全事件超时督办")
def send_reminders() -> dict:
    """Raise one alert per due duty and per late incident; the alert kind carries the state, so a reminder
    that turns overdue is raised anew."""
    due, late = yearly_reminders(), late_incidents()
    total, raised = len(due) + len(late), 0
    for done, item in enumerate(due, start=1):
        level = Level.WARNING if item.urgent else Level.NOTICE
        raised += raise_alert(None, level, f"incidents.{item.duty}.{item.state}", item.message) is not None
        report_progress(done, total, _("年度提醒"))
    for done, (incident, problems) in enumerate(late, start=len(due) + 1):
        message = _("安全事件“%(title)s”：%(problems)s") % {"title": incident.title, "problems": "；".join(problems)}
        raised += raise_alert(incident.record, Level.WARNING, f"incidents.late.{incident.pk}", message) is not None
        report_progress(done, total, _("安全事件超时督办"))
    return {"due": len(due), "late_incidents": len(late), "alerts_raised": raised}
