"""The daily reminder job (X8; 000 3.4): alerts for the yearly duties and late incidents, raised once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from govsite.core.clock import clock_at
from govsite.incidents.models import Drill, Incident, Training
from govsite.jobs.registry import get
from govsite.monitoring.models import Alert

pytestmark = pytest.mark.django_db


def send_reminders() -> dict:
    """Run the job's function here, as the worker would."""
    return get("incidents.yearly_reminders").func()


def noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def drill(day: dt.date) -> Drill:
    return Drill.objects.create(held_on=day, kind="tabletop", title="演练", units="办公室", people=5, process="推演")


def training(day: dt.date) -> Training:
    return Training.objects.create(held_on=day, topic="口令安全", kind="awareness", trainer="张老师",
                                   attendee_count=30, attendees="各单位信息员", hours=2)


def test_x8_the_job_is_registered_and_on_the_standing_schedule():
    from govsite.core.setup import DEFAULT_SCHEDULES

    assert get("incidents.yearly_reminders").label.startswith("应急演练")
    assert any(task == "incidents.yearly_reminders" for _name, task, _cron in DEFAULT_SCHEDULES)


def test_x8_a_drill_due_in_a_month_raises_one_notice_not_two():
    drill(dt.date(2025, 6, 15))
    training(dt.date(2026, 1, 10))
    with clock_at(noon(dt.date(2026, 5, 14))):
        assert send_reminders() == {"due": 0, "late_incidents": 0, "alerts_raised": 0}
    with clock_at(noon(dt.date(2026, 5, 20))):
        assert send_reminders()["alerts_raised"] == 1
        assert send_reminders()["alerts_raised"] == 0
    alert = Alert.objects.get()
    assert alert.level == "notice" and alert.kind == "incidents.drill.due_soon" and alert.record is None
    assert alert.message == "应急演练即将到期：请于 2026-06-15 前开展下一次应急演练"


def test_000_3_4_training_never_held_and_a_late_incident_raise_warnings():
    drill(dt.date(2026, 1, 10))
    with clock_at(noon(dt.date(2026, 2, 1))):
        incident = Incident.objects.create(title="网站挂马", level="major", category="trojan",
                                           discovered_at=noon(dt.date(2026, 2, 1)) - dt.timedelta(hours=6),
                                           description="首页被植入恶意脚本")
        assert send_reminders() == {"due": 1, "late_incidents": 1, "alerts_raised": 2}
    warnings = {a.kind: a for a in Alert.objects.filter(level="warning")}
    assert set(warnings) == {"incidents.training.never", f"incidents.late.{incident.pk}"}
    assert "安全事件“网站挂马”：超过报告时限" in warnings[f"incidents.late.{incident.pk}"].message
