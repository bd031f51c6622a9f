"""Backup file names and which files the rotation keeps (X6); no Django import.

Kept: the newest backup of each of the newest `keep_daily` days that have one (GOVSITE_BACKUP_KEEP, 14), plus
the newest backup of each of the last `months` calendar months (12, this one included). Counting days that
have a backup rather than calendar days means a week without backups never deletes the last good ones; the
monthly ones let an error noticed late (a page deleted months ago) still be recovered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime

SUFFIX = ".gsbak"
_NAME = re.compile(r"^govsite-(\d{8}-\d{6})(?:-(\d+))?\.gsbak$")
_STAMP = "%Y%m%d-%H%M%S"
MONTHS_KEPT = 12


def backup_name(moment: datetime, attempt: int = 0) -> str:
    """`govsite-20260301-030000.gsbak`; a second backup in the same second gets `-1`, `-2`…"""
    stamp = moment.strftime(_STAMP)
    return f"govsite-{stamp}{f'-{attempt}' if attempt else ''}{SUFFIX}"


def made_at(name: str) -> tuple[datetime, int] | None:
    """When a backup file was made (local time, from its name) and its attempt number; None if not ours."""
    match = _NAME.match(name)
    if match is None:
        return None
    try:
        return datetime.strptime(match.group(1), _STAMP), int(match.group(2) or 0)
    except ValueError:
        return None


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _newest_per(names: list[str], key) -> dict:
    """The newest name per value of `key(moment)`; names are sorted oldest first."""
    newest: dict = {}
    for name in names:
        newest[key(made_at(name)[0])] = name
    return newest


def kept(names: Iterable[str], today: date, keep_daily: int, months: int = MONTHS_KEPT) -> set[str]:
    """The backup names the rotation keeps; names that are not backups are never touched."""
    ours = sorted((n for n in names if made_at(n)), key=made_at)
    daily = _newest_per(ours, lambda moment: moment.date())
    keep = {daily[day] for day in sorted(daily, reverse=True)[: max(keep_daily, 1)]}
    monthly = _newest_per(ours, lambda moment: _month_index(moment.date()))
    first_month = _month_index(today) - months + 1
    keep |= {name for month, name in monthly.items() if month >= first_month}
    return keep


def to_delete(names: Iterable[str], today: date, keep_daily: int, months: int = MONTHS_KEPT) -> list[str]:
    """The backup names the rotation removes, oldest first."""
    names = list(names)
    keep = kept(names, today, keep_daily, months)
    return sorted((n for n in names if made_at(n) and n not in keep), key=made_at)
