"""The State Council's schedules as the `chinesecalendar` package ships them; no Django import."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import chinese_calendar
from chinese_calendar.constants import Holiday, holidays, workdays

from .rules import WorkCalendar

SOURCE_NAME = f"chinesecalendar {chinese_calendar.__version__}"
# The package's short names, as the State Council's notices write them.
FULL_NAMES = {"清明": "清明节", "端午": "端午节", "中秋": "中秋节"}


@dataclass(frozen=True)
class PackageDay:
    """One special day of the package: a holiday, or an adjusted working day (调休) with its festival."""

    date: date
    holiday: bool
    name: str


def _chinese(english: str) -> str:
    chinese = Holiday(english).chinese
    return FULL_NAMES.get(chinese, chinese)


def package_years() -> range:
    """Every year the package covers: it has the full schedule of each year in this range."""
    return range(min(holidays).year, max(holidays).year + 1)


def package_days() -> list[PackageDay]:
    """Every holiday and adjusted working day of the package, in date order."""
    days = [PackageDay(d, True, _chinese(name)) for d, name in holidays.items()]
    days += [PackageDay(d, False, _chinese(name)) for d, name in workdays.items()]
    return sorted(days, key=lambda day: day.date)


def package_calendar() -> WorkCalendar:
    """The package's schedules as a calendar, every year it covers complete."""
    days = package_days()
    return WorkCalendar(
        holidays=frozenset(d.date for d in days if d.holiday),
        adjusted_working_days=frozenset(d.date for d in days if not d.holiday),
        covered_years=frozenset(package_years()),
    )
