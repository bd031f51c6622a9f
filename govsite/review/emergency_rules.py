"""First-release deadlines for emergencies and public-opinion events (P11, 004 §14; 003 §23); no Django import."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum


class EventLevel(StrEnum):
    ESPECIALLY_MAJOR = "especially_major"
    MAJOR = "major"
    LARGER = "larger"
    ORDINARY = "ordinary"
    PUBLIC_OPINION = "public_opinion"


EVENT_LEVEL_LABELS = {
    EventLevel.ESPECIALLY_MAJOR: "特别重大突发事件",
    EventLevel.MAJOR: "重大突发事件",
    EventLevel.LARGER: "较大突发事件",
    EventLevel.ORDINARY: "一般突发事件",
    EventLevel.PUBLIC_OPINION: "政务舆情",
}

# P11: especially major events are first released within 1 hour; other responses within 48 hours.
FIRST_RELEASE_WITHIN = {
    EventLevel.ESPECIALLY_MAJOR: dt.timedelta(hours=1),
}
DEFAULT_FIRST_RELEASE_WITHIN = dt.timedelta(hours=48)


def first_release_due(level: EventLevel, registered_at: dt.datetime) -> dt.datetime:
    """When the first release of an event registered at `registered_at` is due."""
    return registered_at + FIRST_RELEASE_WITHIN.get(level, DEFAULT_FIRST_RELEASE_WITHIN)


def remaining(due: dt.datetime, now: dt.datetime) -> dt.timedelta:
    """Time left before the due moment; negative once it has passed."""
    return due - now


def countdown_text(due: dt.datetime, now: dt.datetime) -> str:
    """剩余 1小时05分 / 已超时 2小时10分, for the editor's and the office's countdown."""
    left = remaining(due, now)
    minutes = int(abs(left).total_seconds() // 60)
    text = f"{minutes // 60}小时{minutes % 60:02d}分"
    return f"剩余 {text}" if left.total_seconds() >= 0 else f"已超时 {text}"
