"""The disclosure deadline job: remind the office before a reply is due, escalate what is late (I9), flag
catalogue items past their Art. 26 deadline (P1) and annual reports near or past Art. 49's date (R2).
Safe to re-run: each warning goes out once."""

from __future__ import annotations

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry

from govsite.core.clock import now
from govsite.interaction.tasks import admin_link, role_emails
from govsite.jobs.progress import report_progress
from govsite.jobs.registry import register
from govsite.review.roles import Role
from govsite.workdays.service import CALENDAR

from . import rules
from .catalogue import pending_items
from .models import AnnualReport, DisclosureOffice, InformationRequest

REPORT_WARNING_DAYS = 15  # calendar days before Art. 49's date the unit is told its report is still missing


def _remind(req: InformationRequest, today) -> bool:
    """Tell the unit's handlers once per due date that an application is nearly due."""
    if not rules.is_near_due(CALENDAR, today, req.due_on):
        return False
    if req.reminded_on and rules.is_near_due(CALENDAR, req.reminded_on, req.due_on):
        return False
    req.reminded_on = today
    req.save(update_fields=["reminded_on"])
    log(req, "govsite.disclosure.remind", data={"due_on": req.due_on.isoformat()})
    message = _("政府信息公开申请 %(number)s 将于 %(due)s 到期，请及时答复：%(link)s") % {
        "number": req.number, "due": req.due_on.isoformat(), "link": admin_link("information_requests:handle", req.pk)}
    send_mail(_("【到期提醒】政府信息公开申请即将到期"), message, None,
              role_emails(Role.DISCLOSURE_HANDLER, req.record), fail_silently=True)
    return True


def _escalate(req: InformationRequest, moment) -> bool:
    """Late applications go to the unit's head and the supervising office, once per missed due date."""
    if req.escalated_at is not None and timezone.localdate(req.escalated_at) > req.due_on:
        return False
    req.escalated_at = moment
    req.save(update_fields=["escalated_at"])
    log(req, "govsite.disclosure.escalate", data={"due_on": req.due_on.isoformat(), "unit": req.record.name})
    message = _("%(unit)s的政府信息公开申请 %(number)s 已超过答复期限 %(due)s（条例第三十三条）：%(link)s") % {
        "unit": req.record.name, "number": req.number, "due": req.due_on.isoformat(),
        "link": admin_link("information_requests:handle", req.pk)}
    send_mail(_("【超期督办】政府信息公开申请超期未答复"), message, None,
              role_emails(Role.PORTAL_OFFICE) + role_emails(Role.DISCLOSURE_HEAD, req.record), fail_silently=True)
    return True


def _flag_late_catalogue_items(today) -> int:
    """Catalogue drafts past their Art. 26 deadline are logged and reported to the site's editors once."""
    flagged = 0
    for item in pending_items():
        if not item.overdue or log_registry.get_logs_for_instance(item.page).filter(
                action="govsite.disclosure.catalogue_overdue").exists():
            continue
        log(item.page, "govsite.disclosure.catalogue_overdue", data={"due_on": item.due_on.isoformat()})
        message = _("“%(title)s”形成于 %(formed)s，应于 %(due)s 前主动公开（条例第二十六条），至今未发布") % {
            "title": item.page.title, "formed": item.formed_on.isoformat(), "due": item.due_on.isoformat()}
        send_mail(_("【超期提醒】主动公开信息超过20个工作日未公开"), message, None,
                  role_emails(Role.EDITOR, item.record) + role_emails(Role.PORTAL_OFFICE), fail_silently=True)
        flagged += 1
    return flagged


def _warn_of_missing_reports(today) -> int:
    """Last year's annual report, unpublished within 15 days of its Art. 49 date: the unit's office is told
    once; once the date passes, the head and the supervising office are told once more."""
    year, warned = today.year - 1, 0
    for office in DisclosureOffice.objects.select_related("record"):
        due = rules.annual_report_due(office.government_level, year)
        if (due - today).days > REPORT_WARNING_DAYS or AnnualReport.objects.filter(
                record=office.record, year=year, status=AnnualReport.Status.PUBLISHED).exists():
            continue
        stage = "overdue" if today > due else "near"
        if log_registry.get_logs_for_instance(office).filter(
                action="govsite.disclosure.report_due", data__year=year, data__stage=stage).exists():
            continue
        log(office, "govsite.disclosure.report_due", data={"year": year, "stage": stage, "due_on": due.isoformat()})
        message = _("%(unit)s%(year)s年政府信息公开工作年度报告应于 %(due)s 前发布（条例第四十九条），目前尚未发布") % {
            "unit": office.agency_name, "year": year, "due": due.isoformat()}
        recipients = role_emails(Role.DISCLOSURE_HANDLER, office.record)
        if stage == "overdue":
            recipients += role_emails(Role.DISCLOSURE_HEAD, office.record) + role_emails(Role.PORTAL_OFFICE)
        send_mail(_("【年度报告】政府信息公开工作年度报告尚未发布"), message, None, recipients, fail_silently=True)
        warned += 1
    return warned


@register("disclosure.deadlines", "依申请公开到期提醒、超期督办，主动公开和年度报告超期提醒")
def check_deadlines() -> dict:
    """Hourly: reminders before a reply is due, escalation after it, and late catalogue items."""
    moment = now()
    today = timezone.localdate(moment)
    running = list(InformationRequest.objects.running().filter(due_on__isnull=False).select_related("record"))
    reminded = escalated = 0
    for done, req in enumerate(running, start=1):
        with transaction.atomic():
            if req.due_on < today:
                escalated += _escalate(req, moment)
            else:
                reminded += _remind(req, today)
        report_progress(done, len(running) + 1, _("检查政府信息公开申请期限"))
    flagged = _flag_late_catalogue_items(today)
    reports = _warn_of_missing_reports(today)
    report_progress(len(running) + 1, len(running) + 1, _("检查主动公开期限和年度报告"))
    return {"reminded": reminded, "escalated": escalated, "catalogue_overdue": flagged, "reports_missing": reports}
