"""Counting working days on the real 2026 schedule (chinesecalendar), with hand-counted expectations."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from govsite.workdays.package import package_calendar, package_days, package_years
from govsite.workdays.rules import DueDate, WorkCalendar, years_to_confirm

CALENDAR = package_calendar()  # 2004-2026 complete; 2027 is not in chinesecalendar 1.11.0


def test_the_package_has_the_2026_schedule_the_state_council_published():
    days = {d.date: (d.holiday, d.name) for d in package_days() if d.date.year == 2026}
    spring = [date(2026, 2, n) for n in range(15, 24)]
    national = [date(2026, 10, n) for n in range(1, 8)]
    new_year = [date(2026, 1, n) for n in (1, 2, 3)]
    assert all(days[d] == (True, "春节") for d in spring)
    assert all(days[d] == (True, "国庆节") for d in national)
    assert all(days[d] == (True, "元旦") for d in new_year)
    assert days[date(2026, 2, 14)] == days[date(2026, 2, 28)] == (False, "春节")
    assert days[date(2026, 9, 20)] == days[date(2026, 10, 10)] == (False, "国庆节")
    assert days[date(2026, 1, 4)] == (False, "元旦")
    assert package_years() == range(2004, 2027)


def test_adjusted_weekend_days_work_and_holidays_rest():
    assert CALENDAR.is_working_day(date(2026, 2, 14))  # Saturday, 调休
    assert CALENDAR.is_working_day(date(2026, 9, 20))  # Sunday, 调休
    assert CALENDAR.is_working_day(date(2026, 1, 4))  # Sunday, 调休
    assert not CALENDAR.is_working_day(date(2026, 2, 16))  # Monday, 春节
    assert not CALENDAR.is_working_day(date(2026, 10, 7))  # Wednesday, 国庆节
    assert not CALENDAR.is_working_day(date(2026, 2, 21))  # Saturday inside the holiday
    assert CALENDAR.is_working_day(date(2026, 3, 2)) and not CALENDAR.is_working_day(date(2026, 3, 1))


def test_a_letter_received_on_the_friday_before_spring_festival():
    # Received Fri 2026-02-13 (not counted). 1: Sat 02-14 (调休); 02-15..02-23 春节;
    # 2: Tue 02-24, 3: Wed 02-25, 4: Thu 02-26, 5: Fri 02-27.
    assert CALENDAR.add(date(2026, 2, 13), 5) == DueDate(date(2026, 2, 27), ())
    # 6: Sat 02-28 (调休); Sun 03-01 rests; 7: Mon 03-02.
    assert CALENDAR.add(date(2026, 2, 13), 6).due == date(2026, 2, 28)
    assert CALENDAR.add(date(2026, 2, 13), 7).due == date(2026, 3, 2)


def test_the_day_of_receipt_never_counts():
    # Received Mon 2026-06-01, a working day. 1: Tue 06-02.
    assert CALENDAR.add(date(2026, 6, 1), 1).due == date(2026, 6, 2)
    assert CALENDAR.between(date(2026, 6, 1), date(2026, 6, 1)).days == 0
    assert CALENDAR.between(date(2026, 6, 1), date(2026, 6, 2)).days == 1


def test_received_on_a_weekend_or_a_holiday():
    # Received Sat 2026-09-19. 1: Sun 09-20 (调休).
    assert CALENDAR.add(date(2026, 9, 19), 1).due == date(2026, 9, 20)
    # Received Fri 2026-10-02, inside 国庆节 (10-01..10-07). 1: Thu 10-08, 2: Fri 10-09.
    assert CALENDAR.add(date(2026, 10, 2), 2).due == date(2026, 10, 9)
    # Received Sun 2026-06-21 (端午节 06-19..06-21). 1: Mon 06-22, 2: Tue 06-23, 3: Wed 06-24.
    assert CALENDAR.add(date(2026, 6, 21), 3).due == date(2026, 6, 24)


def test_mid_autumn_and_national_day_2026():
    # Received Wed 2026-09-30. 10-01..10-07 rest; 1: Thu 10-08, 2: Fri 10-09, 3: Sat 10-10 (调休).
    assert CALENDAR.add(date(2026, 9, 30), 3).due == date(2026, 10, 10)
    # Received Thu 2026-09-24. 09-25..09-27 中秋节; 1: Mon 09-28, 2: Tue 09-29, 3: Wed 09-30; 10-01..10-07;
    # 4: Thu 10-08, 5: Fri 10-09.
    assert CALENDAR.add(date(2026, 9, 24), 5).due == date(2026, 10, 9)
    # After Fri 09-18 up to Mon 10-12: Sun 09-20 (1), 09-21..09-24 (5), 09-28..09-30 (8),
    # 10-08, 10-09, Sat 10-10 (11), Mon 10-12 (12).
    assert CALENDAR.between(date(2026, 9, 18), date(2026, 10, 12)).days == 12


def test_new_year_2026():
    # Received Wed 2025-12-31. 01-01..01-03 元旦; 1: Sun 01-04 (调休), 2: Mon 01-05.
    assert CALENDAR.add(date(2025, 12, 31), 1).due == date(2026, 1, 4)
    assert CALENDAR.add(date(2025, 12, 31), 2).due == date(2026, 1, 5)


def test_crossing_into_2027_falls_back_to_monday_to_friday_and_says_so():
    # Received Thu 2026-12-24. 1: Fri 12-25, 2: Mon 12-28, 3: Tue 12-29, 4: Wed 12-30, 5: Thu 12-31.
    within = CALENDAR.add(date(2026, 12, 24), 5)
    assert within == DueDate(date(2026, 12, 31), ()) and within.warning == ""
    # 6: Fri 2027-01-01 (only guessed: 2027 is not entered), 7: Mon 2027-01-04.
    crossing = CALENDAR.add(date(2026, 12, 24), 7)
    assert crossing.due == date(2027, 1, 4) and crossing.uncovered_years == (2027,)
    assert crossing.warning == (
        "2027年的法定节假日和调休安排尚未录入工作日历，截止日期按周一至周五推算，可能不准确；请系统管理员录入后自动重算"
    )
    count = CALENDAR.between(date(2026, 12, 24), date(2027, 1, 4))
    assert (count.days, count.uncovered_years) == (7, (2027,))
    assert "工作日天数按周一至周五推算" in count.warning


def test_entries_of_a_year_not_confirmed_complete_are_not_used():
    new_year_2027 = date(2027, 1, 1)
    unconfirmed = WorkCalendar(CALENDAR.holidays | {new_year_2027}, CALENDAR.adjusted_working_days,
                               CALENDAR.covered_years)
    assert unconfirmed.add(date(2026, 12, 24), 7) == DueDate(date(2027, 1, 4), (2027,))
    confirmed = WorkCalendar(unconfirmed.holidays, unconfirmed.adjusted_working_days,
                             CALENDAR.covered_years | {2027})
    # 6: Mon 2027-01-04 (01-01 is a holiday now), 7: Tue 2027-01-05.
    assert confirmed.add(date(2026, 12, 24), 7) == DueDate(date(2027, 1, 5), ())


def test_between_is_negative_when_the_end_comes_first():
    assert CALENDAR.between(date(2026, 2, 27), date(2026, 2, 13)).days == -5
    assert CALENDAR.between(date(2027, 1, 4), date(2026, 12, 24)).uncovered_years == (2027,)


@pytest.mark.parametrize("days", [0, -1, -20, True, 2.5, "5", 10_001])
def test_zero_negative_or_non_integer_days_are_refused_in_chinese(days):
    with pytest.raises(ValueError, match="工作日天数必须是 1 到 10000 之间的整数"):
        CALENDAR.add(date(2026, 2, 13), days)


def test_a_datetime_is_refused_rather_than_guessing_its_date():
    with pytest.raises(TypeError, match="请先换算为北京时间的日期"):
        CALENDAR.add(datetime(2026, 2, 13, 23, 30), 1)


def test_the_end_of_the_calendar_is_refused_in_chinese():
    with pytest.raises(ValueError, match="超出了可计算的日期范围"):
        CALENDAR.add(date(9999, 12, 30), 5)


def test_a_day_cannot_be_both_a_holiday_and_a_working_day():
    with pytest.raises(ValueError, match="2026-02-14 不能既是法定节假日又是调休上班日"):
        WorkCalendar({date(2026, 2, 14)}, {date(2026, 2, 14)}, {2026})


@pytest.mark.parametrize(
    ("today", "complete", "expected"),
    [
        (date(2026, 11, 28), range(2004, 2027), (2027,)),  # November: next year's schedule is due
        (date(2026, 12, 31), range(2004, 2027), (2027,)),
        (date(2026, 10, 31), range(2004, 2027), ()),  # not yet published: no alarm
        (date(2026, 11, 1), range(2004, 2028), ()),
        (date(2027, 1, 10), range(2004, 2027), (2027,)),  # this year missing: always
        (date(2027, 6, 1), range(2027, 2028), (2026,)),  # last year missing: letters still counted
        (date(2026, 5, 1), (), (2025, 2026)),
    ],
)
def test_years_administrators_must_confirm(today, complete, expected):
    assert years_to_confirm(today, complete) == expected
