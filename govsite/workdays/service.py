"""The platform's working-day calendar (I3, I10, M4): the rows administrators keep, as a `WorkCalendar`.

Building the calendar reads about a thousand rows, so each process keeps one and rebuilds it only when
the version in Django's cache changes; with a shared cache a change made in any process reaches all.
Other apps call `add_working_days`, `working_days_between` and `is_working_day`, and listen to
`signals.calendar_changed` to recount their deadlines.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from . import rules
from .models import CalendarYear, SpecialDay
from .rules import DueDate, WorkCalendar, WorkingDayCount
from .signals import calendar_changed

_VERSION_KEY = "workdays:calendar-version"
_calendars: dict[str, WorkCalendar] = {}


def _version() -> str:
    """The current calendar version, created on first use."""
    cache.add(_VERSION_KEY, uuid.uuid4().hex, timeout=None)
    return cache.get(_VERSION_KEY) or ""


def invalidate() -> None:
    """Make every process rebuild its calendar on next use."""
    cache.set(_VERSION_KEY, uuid.uuid4().hex, timeout=None)
    _calendars.clear()


def _build() -> WorkCalendar:
    """The calendar as stored: every special day, and the years confirmed complete."""
    days = list(SpecialDay.objects.values_list("date", "kind"))
    return WorkCalendar(
        holidays=frozenset(d for d, kind in days if kind == SpecialDay.Kind.HOLIDAY),
        adjusted_working_days=frozenset(d for d, kind in days if kind == SpecialDay.Kind.WORKING_DAY),
        covered_years=frozenset(CalendarYear.objects.filter(complete=True).values_list("year", flat=True)),
    )


def current_calendar() -> WorkCalendar:
    """The platform's calendar, rebuilt when any process changed it since this one last built it."""
    version = _version()
    calendar = _calendars.get(version)
    if calendar is None:
        calendar = _build()
        _calendars.clear()
        _calendars[version] = calendar
    return calendar


def add_working_days(start: date, days: int) -> DueDate:
    """The `days`-th working day after `start` (the start day does not count), with any warning."""
    return current_calendar().add(start, days)


def working_days_between(start: date, end: date) -> WorkingDayCount:
    """Working days after `start` up to and including `end`; negative when `end` comes first."""
    return current_calendar().between(start, end)


def is_working_day(day: date) -> bool:
    """Whether people work on `day` (Monday to Friday in a year not yet entered)."""
    return current_calendar().is_working_day(day)


class PlatformCalendar:
    """The platform's calendar in the shape the apps' pure rules expect (`rules.add`, `rules.between`)."""

    add = staticmethod(add_working_days)
    between = staticmethod(working_days_between)


CALENDAR = PlatformCalendar()


def years_to_confirm(today: date | None = None) -> tuple[int, ...]:
    """The years administrators must enter and confirm now (see `rules.years_to_confirm`)."""
    return rules.years_to_confirm(today or timezone.localdate(), current_calendar().covered_years)


def calendar_changed_in(years: Iterable[int], sender: type) -> None:
    """Rebuild the calendar now, and tell other apps once the change is committed."""
    years = tuple(sorted(set(years)))
    invalidate()

    def announce() -> None:
        invalidate()  # a process may have rebuilt from the rows before the commit
        calendar_changed.send(sender=sender, years=years)

    transaction.on_commit(announce)


def _row_changed(sender, instance: SpecialDay | CalendarYear, **_kwargs) -> None:
    calendar_changed_in(instance.affected_years(), sender)


def connect_signals() -> None:
    """Every saved or deleted special day or year changes the calendar."""
    for sender in (SpecialDay, CalendarYear):
        post_save.connect(_row_changed, sender=sender, dispatch_uid=f"workdays-{sender.__name__}-save")
        post_delete.connect(_row_changed, sender=sender, dispatch_uid=f"workdays-{sender.__name__}-delete")
