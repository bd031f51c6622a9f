"""Raising and delivering alerts (M5, M7): to the officer on duty by e-mail (the supervising office when
nobody is), to the webhook of the office's messaging system, and on the admin dashboard. An alert of the
same kind for the same site is raised once until someone acknowledges it."""

from __future__ import annotations

from datetime import datetime, time

import httpx
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govsite.core.clock import now
from govsite.interaction.tasks import role_emails
from govsite.review.roles import Role

from . import alert_rules
from .alert_rules import Level
from .models import Alert, DutyShift, HeightenedPeriod

WEBHOOK_TIMEOUT = 5.0


def quiet_hours() -> alert_rules.QuietHours:
    """GOVSITE_ALERT_QUIET_HOURS ("22:00-07:30"); empty switches quiet hours off."""
    text = getattr(settings, "GOVSITE_ALERT_QUIET_HOURS", "22:00-07:30")
    if not text:
        return alert_rules.QuietHours(time(0, 0), time(0, 0))
    start, end = (time.fromisoformat(part.strip()) for part in text.split("-"))
    return alert_rules.QuietHours(start, end)


def heightened_period(moment: datetime) -> HeightenedPeriod | None:
    """The heightened period in force at `moment`, if the office declared one."""
    return HeightenedPeriod.objects.filter(start__lte=moment, end__gt=moment).order_by("-start").first()


def officers_on_duty(moment: datetime) -> list:
    """The users whose shift covers `moment`."""
    shifts = DutyShift.objects.filter(start__lte=moment, end__gt=moment).select_related("user")
    return [shift.user for shift in shifts if shift.user.is_active]


def raise_alert(record, level: Level, kind: str, message: str) -> Alert | None:
    """Record an alert and deliver it now or after the quiet hours; None when the same one is still open."""
    moment = now()
    if Alert.objects.filter(record=record, kind=kind, acknowledged_at__isnull=True).exists():
        return None
    local = timezone.localtime(moment)
    when = alert_rules.deliver_at(level, local.replace(tzinfo=None), quiet_hours(),
                                  heightened_period(moment) is not None)
    alert = Alert.objects.create(record=record, level=level, kind=kind, message=message[:500], raised_at=moment,
                                 deliver_at=timezone.make_aware(when, local.tzinfo))
    if alert.deliver_at <= moment:
        deliver(alert)
    return alert


def _recipients(moment: datetime) -> list[str]:
    emails = [u.email for u in officers_on_duty(moment) if u.email]
    return emails or role_emails(Role.PORTAL_OFFICE)


def _post_webhook(alert: Alert) -> str:
    url = getattr(settings, "GOVSITE_ALERT_WEBHOOK", "")
    if not url:
        return ""
    payload = {"level": alert.level, "kind": alert.kind, "message": alert.message,
               "site": alert.record.name if alert.record else "", "raised_at": timezone.localtime(alert.raised_at).isoformat()}
    try:
        response = httpx.post(url, json=payload, timeout=WEBHOOK_TIMEOUT)
    except httpx.HTTPError as error:
        return _("发送失败：%(error)s") % {"error": type(error).__name__}
    return f"HTTP {response.status_code}"


@transaction.atomic
def deliver(alert: Alert) -> Alert:
    """Send an alert by e-mail and webhook and mark it delivered (on the dashboard it shows either way)."""
    moment = now()
    recipients = _recipients(moment)
    subject = _("【网站监测%(level)s】%(message)s") % {"level": alert.get_level_display(), "message": alert.message[:60]}
    send_mail(subject, alert.message, None, recipients, fail_silently=True)
    alert.recipients, alert.delivered_at = recipients, moment
    alert.webhook_result = _post_webhook(alert)
    alert.save(update_fields=["recipients", "delivered_at", "webhook_result"])
    return alert


def deliver_due() -> int:
    """Send the alerts held back by quiet hours whose time has come."""
    due = Alert.objects.filter(delivered_at__isnull=True, deliver_at__lte=now())
    return sum(1 for alert in due if deliver(alert))


def acknowledge(alert: Alert, user) -> Alert:
    """Someone took the alert in hand: it stops repeating."""
    alert.acknowledged_at, alert.acknowledged_by = now(), user
    alert.save(update_fields=["acknowledged_at", "acknowledged_by"])
    return alert
