"""Counting working days (I3, I10, M4; 民法典 Art. 201); no Django import.

A working day is a Monday to Friday that is not a public holiday, or a weekend day the State Council's
yearly schedule makes a working day (调休). A period of N working days does not count the day it
starts on and ends on the N-th working day after it. For a year whose schedule has not been entered
the count falls back to Monday to Friday and says so: never a silent guess.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

ONE_DAY = timedelta(days=1)
SATURDAY = 5
# Far beyond any legal period (the longest are 20 working days plus an extension of 20): a bound that
# keeps a mistyped number from running for minutes.
MAX_DAYS = 10_000


def _plain_date(value: date) -> date:
    """A datetime is refused: its date depends on the time zone, which a count must not guess."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"需要日期（date），收到的是 {type(value).__name__}：请先换算为北京时间的日期")
    return value


def _weekdays_up_to(day: date) -> int:
    """Mondays to Fridays from 0001-01-01 (a Monday) up to and including `day`."""
    weeks, rest = divmod(day.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


def years_text(years: Iterable[int]) -> str:
    """2027年, or 2027、2028年."""
    return "、".join(str(y) for y in years) + "年"


class _UncoveredWarning:
    """The warning a result carries when part of its count fell in years the calendar does not cover."""

    uncovered_years: tuple[int, ...]
    counted: str = ""

    @property
    def warning(self) -> str:
        """Empty when every day counted lies in a covered year."""
        if not self.uncovered_years:
            return ""
        return (
            f"{years_text(self.uncovered_years)}的法定节假日和调休安排尚未录入工作日历，{self.counted}按周一至周五推算，"
            "可能不准确；请系统管理员录入后自动重算"
        )


@dataclass(frozen=True)
class DueDate(_UncoveredWarning):
    """The last day of a period of working days, and the years in it the calendar had to guess."""

    due: date
    uncovered_years: tuple[int, ...] = ()
    counted = "截止日期"


@dataclass(frozen=True)
class WorkingDayCount(_UncoveredWarning):
    """Working days between two dates, and the years in between the calendar had to guess."""

    days: int
    uncovered_years: tuple[int, ...] = ()
    counted = "工作日天数"


@dataclass(frozen=True)
class WorkCalendar:
    """Public holidays and adjusted working days (调休) of the years whose schedule is complete.

    Entries in a year that is not covered are ignored: a half-entered year counts as Monday to Friday
    until an administrator confirms it complete, so a result never mixes guesses with facts unannounced.
    """

    holidays: frozenset[date] = frozenset()
    adjusted_working_days: frozenset[date] = frozenset()
    covered_years: frozenset[int] = frozenset()
    # (day, +1 or -1): where a covered year departs from Monday to Friday, in date order.
    _departures: tuple[tuple[date, int], ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in ("holidays", "adjusted_working_days", "covered_years"):
            object.__setattr__(self, name, frozenset(getattr(self, name)))
        both = self.holidays & self.adjusted_working_days
        if both:
            raise ValueError(f"{min(both).isoformat()} 不能既是法定节假日又是调休上班日")
        departures = [(d, -1) for d in self.holidays if d.weekday() < SATURDAY and self.covers(d.year)]
        departures += [(d, 1) for d in self.adjusted_working_days if d.weekday() >= SATURDAY and self.covers(d.year)]
        object.__setattr__(self, "_departures", tuple(sorted(departures)))

    def covers(self, year: int) -> bool:
        """Whether the year's schedule is complete in this calendar."""
        return year in self.covered_years

    def is_working_day(self, day: date) -> bool:
        """A working day: 调休 days work, holidays rest, otherwise Monday to Friday (uncovered years too)."""
        _plain_date(day)
        if self.covers(day.year):
            if day in self.adjusted_working_days:
                return True
            if day in self.holidays:
                return False
        return day.weekday() < SATURDAY

    def add(self, start: date, days: int) -> DueDate:
        """The `days`-th working day after `start`; the start day itself never counts (民法典 Art. 201)."""
        _plain_date(start)
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
            raise ValueError(f"工作日天数必须是 1 到 {MAX_DAYS} 之间的整数，收到的是“{days}”")
        day, counted, uncovered = start, 0, set()
        while counted < days:
            try:
                day += ONE_DAY
            except OverflowError:
                raise ValueError("截止日期超出了可计算的日期范围") from None
            if not self.covers(day.year):
                uncovered.add(day.year)
            counted += self.is_working_day(day)
        return DueDate(day, tuple(sorted(uncovered)))

    def between(self, start: date, end: date) -> WorkingDayCount:
        """Working days after `start` up to and including `end`.

        Zero when the dates are equal and negative when `end` comes first (the same days counted the
        other way), so between(a, b) + between(b, c) == between(a, c) for any three dates.
        """
        _plain_date(start)
        _plain_date(end)
        if end < start:
            count = self.between(end, start)
            return WorkingDayCount(-count.days, count.uncovered_years)
        days = _weekdays_up_to(end) - _weekdays_up_to(start)
        first = bisect_right(self._departures, (start, 1))
        last = bisect_right(self._departures, (end, 1))
        days += sum(delta for _day, delta in self._departures[first:last])
        first_year = (start + ONE_DAY).year if start < end else end.year + 1
        uncovered = tuple(y for y in range(first_year, end.year + 1) if not self.covers(y))
        return WorkingDayCount(days, uncovered)


def years_to_confirm(today: date, complete_years: Iterable[int]) -> tuple[int, ...]:
    """The years administrators must enter and confirm now, for the dashboard warning.

    Last year and this year always: letters received then are still counted. Next year from November,
    when the State Council publishes its schedule and deadlines counted in December reach into it.
    """
    wanted = [today.year - 1, today.year] + ([today.year + 1] if today.month >= 11 else [])
    complete = set(complete_years)
    return tuple(y for y in wanted if y not in complete)


def missing_years_warning(years: Iterable[int]) -> str:
    """The dashboard's sentence about the years still missing; empty when none are."""
    years = tuple(years)
    if not years:
        return ""
    return (
        f"工作日历缺少{years_text(years)}的法定节假日和调休安排（或尚未确认完整）。国务院办公厅每年11月前后公布下一年的安排，"
        "请系统管理员据此录入并确认；在此之前，涉及这些年份的期限均按周一至周五推算，并在期限旁标注提示"
    )
