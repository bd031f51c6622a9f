"""Filling the calendar from `chinesecalendar`: once after migrate, and by `govsite workdays seed`.

A year is seeded once, when the calendar has no row for it yet: a year already there is the
administrators' (they may have corrected or removed a day), and a date they entered by hand is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from .models import SEED_YEAR, CalendarYear, Source, SpecialDay
from .package import SOURCE_NAME, package_days, package_years
from .service import calendar_changed_in


@dataclass(frozen=True)
class SeedReport:
    """What a seeding run added, and what it left as administrators keep it."""

    years: tuple[int, ...]  # seeded now, complete
    skipped_years: tuple[int, ...]  # already in the calendar: the administrators' to keep
    days_added: int
    days_kept: int  # dates of the seeded years someone had entered already: left as entered

    def as_dict(self) -> dict:
        return {
            "source": SOURCE_NAME, "years": list(self.years), "skipped_years": list(self.skipped_years),
            "days_added": self.days_added, "days_kept": self.days_kept,
        }


@transaction.atomic
def seed_from_package() -> SeedReport:
    """Add every year the package covers and the calendar lacks, complete, each recorded in the audit log."""
    present = set(CalendarYear.objects.values_list("year", flat=True))
    years = [y for y in package_years() if y not in present]
    entered = set(SpecialDay.objects.filter(date__year__in=years).values_list("date", flat=True))
    offered = [d for d in package_days() if d.date.year in years]
    days = [
        SpecialDay(
            date=d.date, name=d.name, source=Source.PACKAGE,
            kind=SpecialDay.Kind.HOLIDAY if d.holiday else SpecialDay.Kind.WORKING_DAY,
        )
        for d in offered
        if d.date not in entered
    ]
    SpecialDay.objects.bulk_create(days)
    now = timezone.now()
    rows = CalendarYear.objects.bulk_create(
        CalendarYear(year=y, complete=True, source=Source.PACKAGE, confirmed_at=now, note=SOURCE_NAME) for y in years
    )
    for row in rows:
        added = [d for d in days if d.date.year == row.year]
        log(row, SEED_YEAR, data={
            "source": SOURCE_NAME, "holidays": sum(d.kind == SpecialDay.Kind.HOLIDAY for d in added),
            "working_days": sum(d.kind == SpecialDay.Kind.WORKING_DAY for d in added)})
    if years:
        calendar_changed_in(years, CalendarYear)
    skipped = tuple(y for y in package_years() if y in present)
    return SeedReport(tuple(years), skipped, len(days), len(offered) - len(days))
