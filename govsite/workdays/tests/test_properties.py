"""Invariants of `WorkCalendar.add` and `between`, on the real schedules and on arbitrary calendars."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from govsite.workdays.package import package_calendar
from govsite.workdays.rules import WorkCalendar

REAL = package_calendar()
# Around the package's range, so counts run into years it does not cover (2003, 2027, 2028).
DATES = st.dates(min_value=date(2003, 6, 1), max_value=date(2028, 6, 30))
NEAR = st.dates(min_value=date(2025, 10, 1), max_value=date(2028, 3, 31))


@st.composite
def calendars(draw) -> WorkCalendar:
    """Any holidays and working days (weekdays and weekends alike) in 2025-2028, any years covered."""
    special = draw(st.lists(NEAR, unique=True, max_size=40))
    split = draw(st.integers(0, len(special)))
    return WorkCalendar(
        holidays=frozenset(special[:split]),
        adjusted_working_days=frozenset(special[split:]),
        covered_years=frozenset(draw(st.sets(st.sampled_from([2025, 2026, 2027, 2028])))),
    )


def counted_one_by_one(calendar: WorkCalendar, start: date, end: date) -> int:
    """The definition, day by day: working days after `start` up to and including `end`."""
    days = (end - start).days
    return sum(calendar.is_working_day(start + timedelta(days=n)) for n in range(1, days + 1))


@settings(max_examples=200, deadline=None)
@given(DATES, st.integers(1, 60))
def test_the_due_date_is_the_nth_working_day_after_the_start(start, days):
    due = REAL.add(start, days)
    assert due.due > start
    assert REAL.is_working_day(due.due)
    assert REAL.between(start, due.due).days == days
    assert REAL.between(start, due.due - timedelta(days=1)).days == days - 1
    assert bool(due.uncovered_years) == bool(due.warning)
    assert all(not REAL.covers(year) for year in due.uncovered_years)


@settings(max_examples=200, deadline=None)
@given(calendars(), NEAR, NEAR, NEAR)
def test_between_counts_like_the_definition_and_adds_up(calendar, a, b, c):
    low, high = min(a, b), max(a, b)
    assert calendar.between(low, high).days == counted_one_by_one(calendar, low, high)
    assert calendar.between(a, b).days == -calendar.between(b, a).days
    assert calendar.between(a, b).days + calendar.between(b, c).days == calendar.between(a, c).days


@settings(max_examples=200, deadline=None)
@given(calendars(), NEAR, st.integers(1, 40))
def test_add_and_between_agree_on_any_calendar(calendar, start, days):
    due = calendar.add(start, days)
    assert calendar.between(start, due.due).days == days
    assert calendar.is_working_day(due.due)
    passed = {(start + timedelta(days=n)).year for n in range(1, (due.due - start).days + 1)}
    assert due.uncovered_years == tuple(sorted(y for y in passed if not calendar.covers(y)))
