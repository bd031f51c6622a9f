"""The yearly reminders (X8 drill, 000 3.4 training): a month ahead, overdue after a year, never held."""

from __future__ import annotations

import datetime as dt

from govsite.incidents.reminder_rules import Duty, State, reminders, year_after

LAST = dt.date(2025, 6, 15)


def states(today: dt.date, last_drill, last_training) -> list[tuple[Duty, State]]:
    return [(item.duty, item.state) for item in reminders(today, last_drill, last_training)]


def test_x8_nothing_is_due_more_than_a_month_before_the_year_runs_out():
    assert states(dt.date(2026, 5, 15), LAST, LAST) == []


def test_x8_the_reminder_starts_thirty_days_ahead():
    assert states(dt.date(2026, 5, 16), LAST, dt.date(2026, 1, 1)) == [(Duty.DRILL, State.DUE_SOON)]
    (item,) = reminders(dt.date(2026, 5, 16), LAST, dt.date(2026, 1, 1))
    assert item.message == "应急演练即将到期：请于 2026-06-15 前开展下一次应急演练" and not item.urgent


def test_x8_the_last_day_of_the_year_is_still_in_time_and_the_next_is_overdue():
    assert states(dt.date(2026, 6, 15), LAST, LAST) == [(Duty.DRILL, State.DUE_SOON), (Duty.TRAINING, State.DUE_SOON)]
    overdue = reminders(dt.date(2026, 6, 16), LAST, dt.date(2026, 3, 1))
    assert [(i.duty, i.state, i.urgent) for i in overdue] == [(Duty.DRILL, State.OVERDUE, True)]
    assert "应急演练已超期" in overdue[0].message


def test_000_3_4_training_never_recorded_is_flagged():
    (item,) = reminders(dt.date(2026, 1, 5), dt.date(2025, 12, 1), None)
    assert (item.duty, item.state, item.urgent) == (Duty.TRAINING, State.NEVER, True)
    assert item.message == "尚无安全培训记录：每年至少开展一次安全培训，请尽快安排并登记"


def test_a_leap_day_runs_out_on_28_february():
    assert year_after(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)
