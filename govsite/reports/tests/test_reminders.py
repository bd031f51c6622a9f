"""R1: in January every running site whose report is not on its home page is reminded; after 31 January it is
flagged overdue; a published report, or an alert still open, raises nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from govsite.core.clock import clock_at
from govsite.jobs.registry import get
from govsite.monitoring.alert_rules import Level
from govsite.monitoring.models import Alert
from govsite.reports import annual_form as form
from govsite.reports.models import WebsiteReport

S = form.Status


def test_reminders_run_through_january_and_turn_overdue_after_the_deadline():
    assert form.reminder(2026, dt.date(2026, 12, 31), S.NOT_STARTED) is None
    assert form.reminder(2026, dt.date(2027, 1, 1), S.NOT_STARTED) == "due"
    assert form.reminder(2026, dt.date(2027, 1, 31), S.DRAFT) == "due"
    assert form.reminder(2026, dt.date(2027, 2, 1), S.OVERDUE) == "overdue"
    assert form.reminder(2026, dt.date(2027, 1, 20), S.PUBLISHED) is None
    assert form.reminder(2026, dt.date(2027, 3, 1), S.PUBLISHED_LATE) is None


def noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


@pytest.mark.django_db
def test_the_job_reminds_unpublished_sites_once_then_flags_them_overdue(portal, department):
    remind = get("reports.deadline_reminders").func
    WebsiteReport.objects.create(record=department, year=2026, status=WebsiteReport.Status.PUBLISHED,
                                 published_at=noon(dt.date(2027, 1, 8)))
    with clock_at(noon(dt.date(2027, 1, 10))):
        assert remind()["alerts_raised"] == 1
        assert remind()["alerts_raised"] == 0  # the open alert is not raised again
    due = Alert.objects.get(kind="reports.annual.2026.due")
    assert due.record == portal and due.level == Level.NOTICE
    assert "2026年度政府网站工作报表须于2027-01-31前在网站首页公开" in due.message

    with clock_at(noon(dt.date(2027, 2, 3))):
        remind()
    overdue = Alert.objects.get(kind="reports.annual.2026.overdue")
    assert overdue.record == portal and overdue.level == Level.WARNING and "未按期" in overdue.message
    assert not Alert.objects.filter(record=department, kind__startswith="reports.annual").exists()
