"""What security work is due now, from the records (X8; 000 3.4): the yearly drill and training, and open
incidents past their reporting limits; read by the daily job, the dashboard and the listings."""

from __future__ import annotations

from django.db.models import Max
from django.utils import timezone

from govsite.core.clock import now

from .incident_rules import OPEN_STATUSES
from .models import Drill, Incident, Training
from .reminder_rules import Reminder, reminders


def yearly_reminders() -> list[Reminder]:
    """The drill and training reminders of today, from the latest of each recorded."""
    today = timezone.localdate(now())
    last_drill = Drill.objects.aggregate(last=Max("held_on"))["last"]
    last_training = Training.objects.aggregate(last=Max("held_on"))["last"]
    return reminders(today, last_drill, last_training)


def late_incidents() -> list[tuple[Incident, list[str]]]:
    """Open incidents late with their report upward or their analysis report, with what they are late with."""
    found = ((incident, incident.overdue()) for incident in Incident.objects.filter(status__in=OPEN_STATUSES))
    return [(incident, late) for incident, late in found if late]
