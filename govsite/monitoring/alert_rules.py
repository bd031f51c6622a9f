"""Who hears of an alert, and when (M5, M7): the officer on duty of the 24-hour watch; outside a
heightened period ordinary alerts wait for the end of quiet hours, veto-level alerts never wait.
Pure Python, no Django import."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum


class Level(StrEnum):
    """How urgent an alert is: a veto-level one (site down, tampering, a veto at risk) wakes people up."""

    VETO = "veto"
    WARNING = "warning"
    NOTICE = "notice"

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self]


LEVEL_LABELS = {Level.VETO: "紧急（单项否决级）", Level.WARNING: "警告", Level.NOTICE: "提示"}


@dataclass(frozen=True)
class QuietHours:
    """The night window in which ordinary alerts are held back (e.g. 22:00 to 07:30); may cross midnight."""

    start: time = time(22, 0)
    end: time = time(7, 30)

    def contains(self, moment: datetime) -> bool:
        now = moment.time()
        if self.start <= self.end:
            return self.start <= now < self.end
        return now >= self.start or now < self.end

    def ends_after(self, moment: datetime) -> datetime:
        """The first moment after `moment` at which the quiet hours are over."""
        end = moment.replace(hour=self.end.hour, minute=self.end.minute, second=0, microsecond=0)
        return end if end > moment else end + timedelta(days=1)


@dataclass(frozen=True)
class Shift:
    """One duty shift of the 24-hour watch: who, from when, until when."""

    person: str
    start: datetime
    end: datetime


def on_duty(shifts: list[Shift], moment: datetime) -> list[str]:
    """The people whose shift covers `moment` (a handover minute may have two)."""
    return [s.person for s in shifts if s.start <= moment < s.end]


def deliver_at(level: Level, moment: datetime, quiet: QuietHours, heightened: bool) -> datetime:
    """When an alert raised at `moment` goes out: now for veto-level alerts and in a heightened period,
    otherwise at the end of the quiet hours if it falls inside them."""
    if level is Level.VETO or heightened or not quiet.contains(moment):
        return moment
    return quiet.ends_after(moment)
