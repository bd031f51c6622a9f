"""The deadline job (I3, I10): remind units before a letter is due, escalate what is overdue to the office.

Safe to re-run: a letter is reminded once before each due date it has and escalated once.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from govsite.jobs.progress import report_progress
from govsite.jobs.registry import register
from govsite.review.roles import Role

from . import rules
from .handling import CALENDAR, now, profile_of
from .models import ErrorReport, Letter


def role_emails(role: Role, record=None) -> list[str]:
    """Addresses of the active holders of `role` (on `record` for unit roles)."""
    users = get_user_model().objects.filter(is_active=True, groups__role__role=role, groups__role__record=record)
    return list(users.exclude(email="").values_list("email", flat=True).distinct())


def admin_link(name: str, pk: int) -> str:
    from django.conf import settings

    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=[pk])


def _remind(letter: Letter, today) -> bool:
    """Tell the unit's handlers once that the letter is nearly due; again only for a new due date."""
    profile = profile_of(letter.site)
    if letter.unit_id is None:
        return False
    if not rules.needs_reminder(CALENDAR, today, letter.due_on, profile.remind_days_before):
        return False
    if letter.reminded_on and rules.needs_reminder(CALENDAR, letter.reminded_on, letter.due_on,
                                                   profile.remind_days_before):
        return False  # reminded already in this due date's window (hourly runs, weekends, holidays)
    letter.reminded_on = today
    letter.save(update_fields=["reminded_on"])
    log(letter, "govsite.letter.remind", data={"due_on": letter.due_on.isoformat(), "unit": letter.unit.name})
    message = _("来信“%(title)s”（%(number)s）将于 %(due)s 到期，请及时答复：%(link)s") % {
        "title": letter.title, "number": letter.number, "due": letter.due_on.isoformat(),
        "link": admin_link("letters:handle", letter.pk)}
    send_mail(_("【到期提醒】来信即将到期"), message, None,
              role_emails(Role.LETTER_HANDLER, letter.unit), fail_silently=True)
    return True


def _escalated(letter: Letter) -> bool:
    """Escalated since its current due date passed: an extension granted later makes it count anew."""
    return letter.escalated_at is not None and timezone.localdate(letter.escalated_at) > letter.due_on


def _escalate(letter: Letter, moment) -> None:
    """An overdue letter goes to the supervising office and the hotline centre, once per due date missed (I3)."""
    letter.escalated_at = moment
    letter.save(update_fields=["escalated_at"])
    where = letter.unit.name if letter.unit else _("热线中心（待转办）")
    log(letter, "govsite.letter.escalate", data={"due_on": letter.due_on.isoformat(), "unit": where})
    message = _("来信“%(title)s”（%(number)s）已超过答复期限 %(due)s，当前在%(where)s：%(link)s") % {
        "title": letter.title, "number": letter.number, "due": letter.due_on.isoformat(), "where": where,
        "link": admin_link("letters:handle", letter.pk)}
    send_mail(_("【超期督办】来信超期未答复"), message, None,
              role_emails(Role.PORTAL_OFFICE) + role_emails(Role.HOTLINE), fail_silently=True)


def _escalate_report(report: ErrorReport, moment) -> None:
    report.escalated_at = moment
    report.save(update_fields=["escalated_at"])
    log(report, "govsite.errorreport.escalate", data={"due_on": report.due_on.isoformat()})
    message = _("网站纠错 %(ref)s（%(site)s）已超过处理期限 %(due)s：%(link)s") % {
        "ref": report.reference, "site": report.site.name, "due": report.due_on.isoformat(),
        "link": admin_link("error_reports:handle", report.pk)}
    send_mail(_("【超期督办】网站纠错超期未处理"), message, None,
              role_emails(Role.PORTAL_OFFICE) + role_emails(Role.EDITOR, report.site), fail_silently=True)


@register("interaction.deadlines", "来信与纠错到期提醒、超期督办")
def check_deadlines() -> dict:
    """Hourly: reminders before the due date, escalation after it (I3, I10)."""
    moment = now()
    today = timezone.localdate(moment)
    letters = list(Letter.objects.open().select_related("site", "unit"))
    reports = list(ErrorReport.objects.filter(status=ErrorReport.Status.NEW, escalated_at__isnull=True,
                                              due_on__lt=today).select_related("site"))
    total, reminded, escalated = len(letters) + len(reports), 0, 0
    for done, letter in enumerate(letters, start=1):
        with transaction.atomic():
            if letter.due_on < today and not _escalated(letter):
                _escalate(letter, moment)
                escalated += 1
            elif _remind(letter, today):
                reminded += 1
        report_progress(done, total, _("检查来信期限"))
    for done, report in enumerate(reports, start=len(letters) + 1):
        with transaction.atomic():
            _escalate_report(report, moment)
        report_progress(done, total, _("检查网站纠错期限"))
    return {"reminded": reminded, "escalated": escalated, "reports_escalated": len(reports)}
