"""What yearly security work is due (X8: at least one drill a year, 004 §24; 000 3.4: training at least once
a year): reminded a month ahead, flagged when the year since the last one has run out or none was ever
recorded. Pure Python, no Django import.

"A year" runs from the last one: a drill within twelve months of the previous one also puts one in every
calendar year, which the annual report asks about (是否开展应急演练).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

AHEAD_DAYS = 30


class Duty(StrEnum):
    DRILL = "drill"
    TRAINING = "training"

    @property
    def label(self) -> str:
        return DUTY_LABELS[self]


DUTY_LABELS = {Duty.DRILL: "应急演练", Duty.TRAINING: "安全培训"}


class State(StrEnum):
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    NEVER = "never"


@dataclass(frozen=True)
class Reminder:
    duty: Duty
    state: State
    due_on: dt.date | None

    @property
    def urgent(self) -> bool:
        """Overdue or never held: a warning, not a notice."""
        return self.state is not State.DUE_SOON

    @property
    def message(self) -> str:
        name = self.duty.label
        if self.state is State.NEVER:
            return f"尚无{name}记录：每年至少开展一次{name}，请尽快安排并登记"
        if self.state is State.OVERDUE:
            return f"{name}已超期：距上次已满一年（应于 {self.due_on:%Y-%m-%d} 前开展），请尽快安排"
        return f"{name}即将到期：请于 {self.due_on:%Y-%m-%d} 前开展下一次{name}"


def year_after(day: dt.date) -> dt.date:
    """The same day a year later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def reminder(duty: Duty, today: dt.date, last: dt.date | None, ahead_days: int = AHEAD_DAYS) -> Reminder | None:
    """The reminder for one yearly duty today, or None while the next one is more than `ahead_days` away."""
    if last is None:
        return Reminder(duty, State.NEVER, None)
    due = year_after(last)
    if today > due:
        return Reminder(duty, State.OVERDUE, due)
    if today >= due - dt.timedelta(days=ahead_days):
        return Reminder(duty, State.DUE_SOON, due)
    return None


def reminders(today: dt.date, last_drill: dt.date | None, last_training: dt.date | None,
              ahead_days: int = AHEAD_DAYS) -> list[Reminder]:
    """Every yearly duty that is due soon, overdue or never held, drills first."""
    found = (reminder(Duty.DRILL, today, last_drill, ahead_days),
             reminder(Duty.TRAINING, today, last_training, ahead_days))
    return [item for item in found if item is not None]
