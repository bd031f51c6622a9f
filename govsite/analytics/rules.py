"""C6: columns with persistently low visits are flagged to merge or close (000 4.1.3; 001 §12; 003 §19).

Pure rule, no Django import. The documents name no figure, so the threshold and the number of months are
platform defaults (marked as such in the admin) that the portal office may change per site.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

DEFAULT_MONTHLY_VIEWS = 30
DEFAULT_MONTHS = 3


@dataclass(frozen=True)
class LowTrafficRule:
    """A column is persistently low when each of the last `months` full months had < `monthly_views`."""

    monthly_views: int = DEFAULT_MONTHLY_VIEWS
    months: int = DEFAULT_MONTHS
    is_default: bool = True

    def __post_init__(self) -> None:
        if self.monthly_views < 1 or self.months < 1:
            raise ValueError("月访问量阈值和连续月数都必须是正整数")


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    """The first day of the month `count` months after (or before, if negative) `month`."""
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def full_months(today: date, count: int) -> tuple[date, ...]:
    """The first days of the `count` full months before the month of `today`, oldest first."""
    current = month_start(today)
    return tuple(add_months(current, -n) for n in range(count, 0, -1))


@dataclass(frozen=True)
class Verdict:
    low: bool
    months: tuple[tuple[date, int], ...]  # (month, views) of the judged months, oldest first


def judge(monthly_views: Mapping[date, int], opened_on: date, today: date, rule: LowTrafficRule) -> Verdict:
    """Low when every judged month is below the threshold; a column opened after the first judged month
    began is too young to judge (a half month of visits says nothing)."""
    months = full_months(today, rule.months)
    figures = tuple((month, monthly_views.get(month, 0)) for month in months)
    if opened_on > months[0]:
        return Verdict(False, figures)
    return Verdict(all(views < rule.monthly_views for _month, views in figures), figures)
